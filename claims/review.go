package claims

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// Errors of the review.
var (
	// ErrFourEyes: nobody approves a version they wrote or last edited, in
	// any role, admins included.
	ErrFourEyes = errors.New("you wrote or last edited this verdict: another editor must approve it")
	// ErrDecided: the version is no longer waiting for review (another
	// editor decided first, or the form is stale).
	ErrDecided = errors.New("this verdict was already decided, or changed since you opened it")
)

// decisionIn loads the version and the claim for a decision and checks what
// every decision needs: an editor's role, a version still waiting for review
// at the version the editor saw, and a claim in review.
func decisionIn(tx *gorm.DB, actor Actor, verdictID, version int64) (Verdict, Claim, error) {
	if !actor.Role.AtLeast(RoleEditor) {
		return Verdict{}, Claim{}, ErrForbidden
	}
	v, err := verdictIn(tx, verdictID)
	if err != nil {
		return Verdict{}, Claim{}, err
	}
	if v.State != VerdictSubmitted || v.Version != version {
		return Verdict{}, Claim{}, ErrDecided
	}
	cl, err := claimIn(tx, v.ClaimID)
	if err != nil {
		return Verdict{}, Claim{}, err
	}
	if cl.Status != StatusInReview {
		return Verdict{}, Claim{}, ErrDecided
	}
	return v, cl, nil
}

// decide moves the version from "submitted" to state, only if nobody else
// has decided on it: of two editors deciding at once, exactly one write
// matches this condition; the other gets ErrDecided and the transaction rolls
// back.
func (s *Service) decide(tx *gorm.DB, v Verdict, state VerdictState, extra map[string]any) error {
	now := s.now()
	upd := map[string]any{"state": string(state), "updated_at": now, "version": v.Version + 1}
	for k, x := range extra {
		upd[k] = x
	}
	res := tx.Table("verdicts").Where("id = ? AND version = ? AND state = ?", v.ID, v.Version, string(VerdictSubmitted)).Updates(upd)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected != 1 {
		return ErrDecided
	}
	return nil
}

// Approve publishes a submitted verdict version: the claim becomes
// "published", and when the version is a correction, the version it corrects
// becomes "superseded" (it stays visible, with its dates). Only editors and
// admins approve, never the author or last editor of the version.
func (s *Service) Approve(ctx context.Context, actor Actor, verdictID, version int64) (Verdict, error) {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		v, cl, err := decisionIn(tx, actor, verdictID, version)
		if err != nil {
			return err
		}
		if v.Wrote(actor.ID) {
			return ErrFourEyes
		}
		if v.Label.Retired {
			return FieldErrors{"label": "err.label_retired"}
		}
		now := s.now()
		// The published version steps aside first: a claim has at most one.
		res := tx.Table("verdicts").Where("claim_id = ? AND state = ?", v.ClaimID, string(VerdictApproved)).
			Updates(map[string]any{"state": string(VerdictSuperseded), "superseded_at": now, "updated_at": now, "version": gorm.Expr("version + 1")})
		if res.Error != nil {
			return res.Error
		}
		if err := s.decide(tx, v, VerdictApproved, map[string]any{"published_at": now}); err != nil {
			return err
		}
		if err := tx.Exec("INSERT INTO review_decisions (verdict_id, decided_by, decision, created_at) VALUES (?, ?, ?, ?)",
			v.ID, actor.ID, "approved", now).Error; err != nil {
			return err
		}
		if err := s.moveClaim(ctx, tx, actor, cl, StatusPublished); err != nil {
			return err
		}
		changes := []Change{{Field: "verdict", New: strconv.Itoa(v.Number)}, {Field: "label", New: labelText(v.Label)}}
		if v.IsCorrection() {
			changes = append(changes, Change{Field: "correction_note", New: v.CorrectionNote})
		}
		if err := s.record(tx, actor, v.ClaimID, cl.ArticleID, "verdict.approved", changes); err != nil {
			return err
		}
		return indexClaims(ctx, tx, textKept, v.ClaimID)
	})
	if err != nil {
		return Verdict{}, err
	}
	return s.Verdict(ctx, verdictID)
}

// RequestChanges sends a submitted version back with the editor's comment
// (required): the claim returns to "researching", the version can be edited
// again, and the comment appears in the claim's thread.
func (s *Service) RequestChanges(ctx context.Context, actor Actor, verdictID, version int64, comment string) (Verdict, error) {
	comment = strings.TrimSpace(strings.ReplaceAll(comment, "\r\n", "\n"))
	if comment == "" {
		return Verdict{}, FieldErrors{"comment": "err.comment_required"}
	}
	if utf8.RuneCountInString(comment) > MaxComment {
		return Verdict{}, FieldErrors{"comment": "err.too_long"}
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		v, cl, err := decisionIn(tx, actor, verdictID, version)
		if err != nil {
			return err
		}
		if err := s.decide(tx, v, VerdictChangesRequested, nil); err != nil {
			return err
		}
		now := s.now()
		c := commentRow{ClaimID: v.ClaimID, VerdictID: &v.ID, AuthorID: actor.ID, Body: comment, CreatedAt: now}
		if err := tx.Create(&c).Error; err != nil {
			return err
		}
		if err := tx.Exec("INSERT INTO review_decisions (verdict_id, decided_by, decision, comment_id, created_at) VALUES (?, ?, ?, ?, ?)",
			v.ID, actor.ID, "changes_requested", c.ID, now).Error; err != nil {
			return err
		}
		if err := s.moveClaim(ctx, tx, actor, cl, StatusResearching); err != nil {
			return err
		}
		if err := s.record(tx, actor, v.ClaimID, cl.ArticleID, "verdict.changes_requested",
			[]Change{{Field: "verdict", New: strconv.Itoa(v.Number)}, {Field: "comment", New: comment}}); err != nil {
			return err
		}
		return indexClaims(ctx, tx, textKept, v.ClaimID)
	})
	if err != nil {
		return Verdict{}, err
	}
	return s.Verdict(ctx, verdictID)
}

// QueueItem is a verdict version waiting for review, with its claim.
type QueueItem struct {
	Verdict Verdict
	Claim   Claim
}

// ReviewQueue lists the versions waiting for review, oldest submission
// first.
func (s *Service) ReviewQueue(ctx context.Context, limit int, after *QueueCursor) ([]QueueItem, error) {
	q := verdictQuery(s.db.WithContext(ctx)).Where("v.state = ?", string(VerdictSubmitted))
	if after != nil {
		q = q.Where("(v.submitted_at > ? OR (v.submitted_at = ? AND v.id > ?))", after.SubmittedAt, after.SubmittedAt, after.ID)
	}
	vs, err := scanVerdicts(q.Order("v.submitted_at, v.id").Limit(limit))
	if err != nil {
		return nil, err
	}
	return s.withClaims(ctx, vs)
}

// QueueCursor continues the review queue after the item it names (keyset
// pagination: the queue is read in submission order from an index, never
// with an offset).
type QueueCursor struct {
	SubmittedAt time.Time
	ID          int64
}

// Cursor is the position after item, for the next page of the queue.
func (it QueueItem) Cursor() QueueCursor {
	return QueueCursor{SubmittedAt: it.Verdict.SubmittedAt, ID: it.Verdict.ID}
}

func (s *Service) withClaims(ctx context.Context, vs []Verdict) ([]QueueItem, error) {
	if len(vs) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(vs))
	for i, v := range vs {
		ids[i] = v.ClaimID
	}
	var rows []claimView
	if err := s.claimQuery(ctx).Where("c.id IN ?", ids).Scan(&rows).Error; err != nil {
		return nil, err
	}
	byID := map[int64]Claim{}
	for _, r := range rows {
		byID[r.Row.ID] = r.claim()
	}
	out := make([]QueueItem, len(vs))
	for i, v := range vs {
		out[i] = QueueItem{Verdict: v, Claim: byID[v.ClaimID]}
	}
	return out, nil
}

// ReviewCountCap bounds the count the navigation shows: past it the badge
// reads "ReviewCountCap+", so every page view costs at most that many index
// entries however long the queue grows.
const ReviewCountCap = 99

// ReviewCount is the number of versions waiting for review, up to
// ReviewCountCap+1 (more means "more than ReviewCountCap").
func (s *Service) ReviewCount(ctx context.Context) (int64, error) {
	var n int64
	sub := s.db.WithContext(ctx).Table("verdicts").Select("id").Where("state = ?", string(VerdictSubmitted)).Limit(ReviewCountCap + 1)
	err := s.db.WithContext(ctx).Table("(?) AS waiting", sub).Count(&n).Error
	return n, err
}

// Inbox is what waits for one person.
type Inbox struct {
	Assigned         []Claim     // claims assigned to them, not yet in review or published
	ChangesRequested []QueueItem // versions sent back that they wrote, edited, or whose claim is theirs
	AwaitingReview   []QueueItem // editors: versions they may decide; reviewers: their versions waiting for an editor
}

// Inbox gathers what waits for actor (each list at most limit long).
func (s *Service) Inbox(ctx context.Context, actor Actor, limit int) (Inbox, error) {
	var in Inbox
	var rows []claimView
	if err := s.claimQuery(ctx).Where("c.assignee_id = ? AND c.status IN ?", actor.ID, []string{string(StatusNew), string(StatusResearching)}).
		Order("c.priority_rank DESC, c.id").Limit(limit).Scan(&rows).Error; err != nil {
		return in, err
	}
	for _, r := range rows {
		in.Assigned = append(in.Assigned, r.claim())
	}
	db := s.db.WithContext(ctx)
	mine := "(v.author_id = ? OR v.last_editor_id = ? OR v.claim_id IN (SELECT id FROM claims WHERE assignee_id = ?))"
	back, err := scanVerdicts(verdictQuery(db).Where("v.state = ? AND "+mine, string(VerdictChangesRequested), actor.ID, actor.ID, actor.ID).
		Order("v.updated_at, v.id").Limit(limit))
	if err != nil {
		return in, err
	}
	if in.ChangesRequested, err = s.withClaims(ctx, back); err != nil {
		return in, err
	}
	q := verdictQuery(db).Where("v.state = ?", string(VerdictSubmitted))
	if actor.Role.AtLeast(RoleEditor) {
		q = q.Where("v.author_id <> ? AND v.last_editor_id <> ?", actor.ID, actor.ID)
	} else {
		q = q.Where(mine, actor.ID, actor.ID, actor.ID)
	}
	waiting, err := scanVerdicts(q.Order("v.submitted_at, v.id").Limit(limit))
	if err != nil {
		return in, err
	}
	in.AwaitingReview, err = s.withClaims(ctx, waiting)
	return in, err
}
