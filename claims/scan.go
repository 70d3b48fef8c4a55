package claims

import (
	"context"

	"gorm.io/gorm"
)

// The methods in this file read the desk in batches for reports and exports:
// memory stays flat however large the desk grows, because nothing loads more
// than one batch.

// ScanBatch is how many claims an export reads at a time.
const ScanBatch = 500

// scanClaimColumns are the claim columns of ScanClaims, in the order it
// scans them (by hand: with 100,000 rows, reflection costs more than the
// database).
const scanClaimColumns = `c.id, c.article_id, c.statement, c.restatement, c.type, c.claimant, c.claim_date, c.status, c.priority,
	c.priority_rank, c.assignee_id, c.lang, c.tags, c.value_json, c.anchor_exact, c.anchor_prefix, c.anchor_suffix, c.anchor_start,
	c.anchor_end, c.created_by, c.created_at, c.updated_at, c.version, COALESCE(a.title, ''), COALESCE(u.name, '')`

// ScanClaims calls fn with the claims matching f, ScanBatch at a time, in id
// order (oldest first), until fn returns an error or the claims run out.
// Each batch continues after the last id of the previous one (keyset), with
// the claim list's own filter conditions; f's sort, cursor and limit are
// ignored.
func (s *Service) ScanClaims(ctx context.Context, f Filter, fn func([]Claim) error) error {
	if errs := f.Validate(); errs != nil {
		return errs
	}
	tq, err := s.text(ctx, f, "oldest", false)
	if err != nil || tq.none {
		return err
	}
	id, offset := "c.id", int64(0)
	if tq.drive {
		id, offset = tq.indexID, tq.minID
	}
	var after int64
	for {
		q := f.query(s.db.WithContext(ctx), tq, scanClaimColumns).
			Where(id+" > ?", offset+after).Order(id).Limit(ScanBatch)
		batch, err := scanClaimRows(q)
		if err != nil {
			return err
		}
		if len(batch) > 0 {
			if err := fn(batch); err != nil {
				return err
			}
		}
		if len(batch) < ScanBatch {
			return nil
		}
		after = batch[len(batch)-1].ID
	}
}

func scanClaimRows(q *gorm.DB) ([]Claim, error) {
	rows, err := q.Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]Claim, 0, ScanBatch)
	for rows.Next() {
		var v claimView
		r := &v.Row
		if err := rows.Scan(&r.ID, &r.ArticleID, &r.Statement, &r.Restatement, &r.Type, &r.Claimant, &r.ClaimDate, &r.Status, &r.Priority,
			&r.PriorityRank, &r.AssigneeID, &r.Lang, &r.Tags, &r.ValueJSON, &r.AnchorExact, &r.AnchorPrefix, &r.AnchorSuffix, &r.AnchorStart,
			&r.AnchorEnd, &r.CreatedBy, &r.CreatedAt, &r.UpdatedAt, &r.Version, &v.ArticleTitle, &v.AssigneeName); err != nil {
			return nil, err
		}
		out = append(out, v.claim())
	}
	return out, rows.Err()
}

// scanVerdictColumns are the verdict columns of VerdictsOf, as verdictQuery
// reads them, in the order they are scanned.
const scanVerdictColumns = `v.id, v.claim_id, v.number, v.label_id, v.conclusion, v.reasoning, v.verified_json, v.state, v.author_id,
	v.last_editor_id, v.corrects_id, v.correction_note, v.submitted_at, v.published_at, v.superseded_at, v.created_at, v.updated_at,
	v.version, l.name_en, l.name_ar, l.colour, l.truth, l.description_en, l.description_ar,
	CASE WHEN l.retired_at IS NULL THEN 0 ELSE 1 END, COALESCE(ua.name, ''), COALESCE(ue.name, ''),
	COALESCE((SELECT u.name FROM review_decisions d JOIN users u ON u.id = d.decided_by
	          WHERE d.verdict_id = v.id AND d.decision = 'approved' ORDER BY d.id DESC LIMIT 1), '')`

// VerdictsOf returns the verdict versions of each of the claims, oldest
// first, in one query. With publishedOnly it returns only what readers may
// see: the published version and the versions it corrected.
func (s *Service) VerdictsOf(ctx context.Context, claimIDs []int64, publishedOnly bool) (map[int64][]Verdict, error) {
	out := map[int64][]Verdict{}
	if len(claimIDs) == 0 {
		return out, nil
	}
	// The states are filtered here, not in SQL: with a condition on the
	// state the planner may walk a state index over the whole table instead
	// of looking the batch's claims up (seen: 3x slower exports).
	rows, err := verdictQuery(s.db.WithContext(ctx)).Select(scanVerdictColumns).Where("v.claim_id IN ?", claimIDs).
		Order("v.claim_id, v.number").Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var w verdictView
		r := &w.Row
		if err := rows.Scan(&r.ID, &r.ClaimID, &r.Number, &r.LabelID, &r.Conclusion, &r.Reasoning, &r.VerifiedJSON, &r.State, &r.AuthorID,
			&r.LastEditorID, &r.CorrectsID, &r.CorrectionNote, &r.SubmittedAt, &r.PublishedAt, &r.SupersededAt, &r.CreatedAt, &r.UpdatedAt,
			&r.Version, &w.LabelEN, &w.LabelAR, &w.LabelColour, &w.LabelTruth, &w.LabelDescEN, &w.LabelDescAR, &w.LabelRetired,
			&w.AuthorName, &w.LastEditorName, &w.ApproverName); err != nil {
			return nil, err
		}
		if publishedOnly && r.State != string(VerdictApproved) && r.State != string(VerdictSuperseded) {
			continue
		}
		out[r.ClaimID] = append(out[r.ClaimID], w.verdict())
	}
	return out, rows.Err()
}

// Published splits a claim's versions (oldest first, as VerdictsOf returns
// them) into the published one and the earlier published versions it
// replaced, newest first. ok is false when nothing is published.
func Published(versions []Verdict) (current Verdict, earlier []Verdict, ok bool) {
	for i := len(versions) - 1; i >= 0; i-- {
		switch v := versions[i]; v.State {
		case VerdictApproved:
			current, ok = v, true
		case VerdictSuperseded:
			earlier = append(earlier, v)
		}
	}
	return current, earlier, ok
}

// FirstPublished is when the claim's verdict was first published: the
// publication date of its oldest published version.
func FirstPublished(current Verdict, earlier []Verdict) (first Verdict) {
	first = current
	for _, v := range earlier {
		if !v.PublishedAt.IsZero() && v.PublishedAt.Before(first.PublishedAt) {
			first = v
		}
	}
	return first
}

// ArticlesByID returns the articles with these ids that exist, text
// included, in id order.
func (s *Service) ArticlesByID(ctx context.Context, ids []int64) ([]Article, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var rows []articleRow
	if err := s.db.WithContext(ctx).Table("articles").Where("id IN ?", ids).Order("id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Article, len(rows))
	for i, r := range rows {
		out[i] = r.article()
	}
	return out, nil
}

// ScanArticles calls fn with every article, text included, a few at a time,
// in id order.
func (s *Service) ScanArticles(ctx context.Context, fn func([]Article) error) error {
	const batch = 50
	var after int64
	for {
		var rows []articleRow
		if err := s.db.WithContext(ctx).Table("articles").Where("id > ?", after).Order("id").Limit(batch).Find(&rows).Error; err != nil {
			return err
		}
		if len(rows) == 0 {
			return nil
		}
		out := make([]Article, len(rows))
		for i, r := range rows {
			out[i] = r.article()
		}
		if err := fn(out); err != nil {
			return err
		}
		if len(rows) < batch {
			return nil
		}
		after = rows[len(rows)-1].ID
	}
}
