package claims

import (
	"context"
	"errors"
	"strconv"
	"time"

	"gorm.io/gorm"
)

// Errors of "same claim as" links.
var (
	ErrSelfLink      = errors.New("a claim cannot be linked to itself")
	ErrNotLinked     = errors.New("the two claims are not linked as the same claim")
	ErrNoPublished   = errors.New("the linked claim has no published verdict")
	ErrAlreadyLinked = errors.New("already linked")
)

// Twin is a claim linked as the same claim: another claim of the desk, or a
// prior check by another desk.
type Twin struct {
	LinkID    int64
	Claim     *Claim      // a claim of the desk
	Verdict   *Verdict    // its published verdict, if any
	Prior     *PriorCheck // or a prior check
	LinkedBy  string
	CreatedAt time.Time
}

type linkRow struct {
	ID           int64
	ClaimID      int64
	TwinClaimID  *int64
	PriorCheckID *int64
	CreatedBy    *int64
	CreatedAt    time.Time
}

func (linkRow) TableName() string { return "claim_links" }

// snippet shortens a text for a history entry.
func snippet(s string) string {
	r := []rune(s)
	if len(r) > 80 {
		return string(r[:79]) + "…"
	}
	return s
}

// LinkClaim records that claims a and b are the same claim (logged twice,
// or reworded), in both claims' histories. Linking twice changes nothing
// and returns ErrAlreadyLinked.
func (s *Service) LinkClaim(ctx context.Context, actor Actor, a, b int64) error {
	if !actor.Role.Valid() {
		return ErrForbidden
	}
	if a == b {
		return ErrSelfLink
	}
	lo, hi := min(a, b), max(a, b)
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		ca, err := claimIn(tx, a)
		if err != nil {
			return err
		}
		cb, err := claimIn(tx, b)
		if err != nil {
			return err
		}
		var n int64
		if err := tx.Table("claim_links").Where("claim_id = ? AND twin_claim_id = ?", lo, hi).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return ErrAlreadyLinked
		}
		row := linkRow{ClaimID: lo, TwinClaimID: &hi, CreatedAt: s.now()}
		if actor.ID != 0 {
			row.CreatedBy = &actor.ID
		}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		if err := s.record(tx, actor, a, ca.ArticleID, "link.added", []Change{{Field: "twin_claim", New: "#" + strconv.FormatInt(b, 10) + " " + snippet(cb.Statement)}}); err != nil {
			return err
		}
		return s.record(tx, actor, b, cb.ArticleID, "link.added", []Change{{Field: "twin_claim", New: "#" + strconv.FormatInt(a, 10) + " " + snippet(ca.Statement)}})
	})
}

// LinkPrior records that a claim is the one another desk checked (a prior
// check), in the claim's history.
func (s *Service) LinkPrior(ctx context.Context, actor Actor, claimID, priorID int64) error {
	if !actor.Role.Valid() {
		return ErrForbidden
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		cl, err := claimIn(tx, claimID)
		if err != nil {
			return err
		}
		var prior []priorRow
		if err := tx.Select("id, claim_text, publisher_name").Where("id = ?", priorID).Limit(1).Find(&prior).Error; err != nil {
			return err
		}
		if len(prior) == 0 {
			return ErrNotFound
		}
		var n int64
		if err := tx.Table("claim_links").Where("claim_id = ? AND prior_check_id = ?", claimID, priorID).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return ErrAlreadyLinked
		}
		row := linkRow{ClaimID: claimID, PriorCheckID: &priorID, CreatedAt: s.now()}
		if actor.ID != 0 {
			row.CreatedBy = &actor.ID
		}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		return s.record(tx, actor, claimID, cl.ArticleID, "link.added", []Change{{Field: "prior_check",
			New: "#" + strconv.FormatInt(priorID, 10) + " " + snippet(prior[0].ClaimText) + " (" + prior[0].PublisherName + ")"}})
	})
}

// Unlink removes a link of claimID (from either side), in the history of
// every claim it joined.
func (s *Service) Unlink(ctx context.Context, actor Actor, claimID, linkID int64) error {
	if !actor.Role.Valid() {
		return ErrForbidden
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var rows []linkRow
		if err := tx.Where("id = ? AND (claim_id = ? OR twin_claim_id = ?)", linkID, claimID, claimID).Limit(1).Find(&rows).Error; err != nil {
			return err
		}
		if len(rows) == 0 {
			return ErrNotFound
		}
		l := rows[0]
		if err := tx.Exec("DELETE FROM claim_links WHERE id = ?", l.ID).Error; err != nil {
			return err
		}
		if l.PriorCheckID != nil {
			cl, err := claimIn(tx, l.ClaimID)
			if err != nil {
				return err
			}
			return s.record(tx, actor, l.ClaimID, cl.ArticleID, "link.removed", []Change{{Field: "prior_check", Old: "#" + strconv.FormatInt(*l.PriorCheckID, 10)}})
		}
		ids := [2]int64{l.ClaimID, *l.TwinClaimID}
		for i, id := range ids {
			cl, err := claimIn(tx, id)
			if err != nil {
				return err
			}
			other := ids[1-i]
			if err := s.record(tx, actor, id, cl.ArticleID, "link.removed", []Change{{Field: "twin_claim", Old: "#" + strconv.FormatInt(other, 10)}}); err != nil {
				return err
			}
		}
		return nil
	})
}

// Twins lists what a claim is linked to, oldest link first: its twin claims
// with their published verdicts, and prior checks.
func (s *Service) Twins(ctx context.Context, claimID int64) ([]Twin, error) {
	var rows []struct {
		Row      linkRow `gorm:"embedded"`
		UserName string
	}
	err := s.db.WithContext(ctx).Table("claim_links l").Select("l.*, COALESCE(u.name, '') AS user_name").
		Joins("LEFT JOIN users u ON u.id = l.created_by").
		Where("l.claim_id = ? OR l.twin_claim_id = ?", claimID, claimID).Order("l.id").Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]Twin, 0, len(rows))
	for _, v := range rows {
		r := v.Row
		t := Twin{LinkID: r.ID, LinkedBy: v.UserName, CreatedAt: r.CreatedAt}
		switch {
		case r.PriorCheckID != nil:
			p, err := s.PriorCheck(ctx, *r.PriorCheckID)
			if err != nil {
				return nil, err
			}
			t.Prior = &p
		case r.TwinClaimID != nil:
			other := r.ClaimID
			if other == claimID {
				other = *r.TwinClaimID
			}
			c, err := s.Claim(ctx, other)
			if err != nil {
				return nil, err
			}
			t.Claim = &c
			if t.Verdict, err = publishedVerdictIn(s.db.WithContext(ctx), other); err != nil {
				return nil, err
			}
		}
		out = append(out, t)
	}
	return out, nil
}

// LinkedIDs returns the claims and prior checks a claim is linked to.
func (s *Service) LinkedIDs(ctx context.Context, claimID int64) (claimIDs, priorIDs map[int64]bool, err error) {
	var rows []linkRow
	if err := s.db.WithContext(ctx).Where("claim_id = ? OR twin_claim_id = ?", claimID, claimID).Find(&rows).Error; err != nil {
		return nil, nil, err
	}
	claimIDs, priorIDs = map[int64]bool{}, map[int64]bool{}
	for _, r := range rows {
		switch {
		case r.PriorCheckID != nil:
			priorIDs[*r.PriorCheckID] = true
		case r.ClaimID == claimID:
			claimIDs[*r.TwinClaimID] = true
		default:
			claimIDs[r.ClaimID] = true
		}
	}
	return claimIDs, priorIDs, nil
}

// CarryVerdict carries the published verdict of claim from to its twin to
// (editors only): it becomes a draft on to, with the same rating,
// conclusion, reasoning and verified value, which still goes through review
// like any other. The step is in to's history, naming from. The claims must
// be linked; to must be able to take a new verdict (no verdict in the works
// or published, not yet in review).
func (s *Service) CarryVerdict(ctx context.Context, actor Actor, to, from int64) (Verdict, error) {
	if !actor.Role.AtLeast(RoleEditor) {
		return Verdict{}, ErrForbidden
	}
	lo, hi := min(to, from), max(to, from)
	var id int64
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var n int64
		if err := tx.Table("claim_links").Where("claim_id = ? AND twin_claim_id = ?", lo, hi).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return ErrNotLinked
		}
		pub, err := publishedVerdictIn(tx, from)
		if err != nil {
			return err
		}
		if pub == nil {
			return ErrNoPublished
		}
		in := VerdictInput{LabelID: pub.Label.ID, Conclusion: pub.Conclusion, Reasoning: pub.Reasoning, Verified: pub.Verified}
		if pub.Verified.Amount != 0 {
			in.Amount = FormatAmount(pub.Verified.Amount)
		}
		if id, err = s.saveVerdictIn(ctx, tx, actor, to, in, false); err != nil {
			return err
		}
		cl, err := claimIn(tx, to)
		if err != nil {
			return err
		}
		return s.record(tx, actor, to, cl.ArticleID, "verdict.carried", []Change{
			{Field: "twin_claim", New: "#" + strconv.FormatInt(from, 10)}, {Field: "label", New: labelText(pub.Label)},
			{Field: "conclusion", New: pub.Conclusion}})
	})
	if err != nil {
		return Verdict{}, err
	}
	return s.Verdict(ctx, id)
}
