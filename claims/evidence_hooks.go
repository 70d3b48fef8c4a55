package claims

import (
	"context"

	"gorm.io/gorm"
)

// The methods in this file are what the sources package needs of claims
// (its sources.Claims interface), in basic types so that neither package
// imports the other. web/desk wires *Service into sources.NewService.

// EvidenceClaim reports, inside the evidence change's transaction, whether
// the claim exists and whether its status requires it to keep at least one
// piece of evidence: in review and published claims rest on their evidence.
//
// It takes the claim's lock first (see lockClaim), so that an evidence change
// and a move of the claim into review never both pass their checks.
func (s *Service) EvidenceClaim(ctx context.Context, tx *gorm.DB, claimID int64) (exists, needsEvidence bool, err error) {
	if err := lockClaim(tx.WithContext(ctx), claimID); err != nil {
		return false, false, err
	}
	var statuses []string
	if err := tx.WithContext(ctx).Table("claims").Where("id = ?", claimID).Limit(1).Pluck("status", &statuses).Error; err != nil {
		return false, false, err
	}
	if len(statuses) == 0 {
		return false, false, nil
	}
	st := Status(statuses[0])
	return true, st == StatusInReview || st == StatusPublished, nil
}

// RecordEvidence appends an evidence change to the claim's history inside tx
// and marks the claim as updated (its version stays: evidence is edited on
// its own, and an edit of the claim's text must not conflict with it).
func (s *Service) RecordEvidence(ctx context.Context, tx *gorm.DB, userID, claimID int64, action string, changes [][3]string) error {
	// A claim may stand alone (no article): Pluck cannot read a NULL into
	// an int64, so the row is scanned into a pointer.
	var rows []struct{ ArticleID *int64 }
	if err := tx.WithContext(ctx).Table("claims").Select("article_id").Where("id = ?", claimID).Limit(1).Scan(&rows).Error; err != nil {
		return err
	}
	if len(rows) == 0 {
		return ErrNotFound
	}
	var articleID int64
	if rows[0].ArticleID != nil {
		articleID = *rows[0].ArticleID
	}
	if err := tx.WithContext(ctx).Table("claims").Where("id = ?", claimID).Update("updated_at", s.now()).Error; err != nil {
		return err
	}
	cs := make([]Change, len(changes))
	for i, c := range changes {
		cs[i] = Change{Field: c[0], Old: c[1], New: c[2]}
	}
	return s.record(tx.WithContext(ctx), Actor{ID: userID}, claimID, articleID, action, cs)
}

// ClaimStatements returns the statement of each of the claims that exist, in
// one query.
func (s *Service) ClaimStatements(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		ID        int64
		Statement string
	}
	if err := s.db.WithContext(ctx).Table("claims").Select("id, statement").Where("id IN ?", ids).Scan(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.ID] = r.Statement
	}
	return out, nil
}
