package sources

import (
	"context"
	"sort"
)

// exportEvidenceColumns are evidenceSelect's columns in the order EvidenceOf
// scans them.
const exportEvidenceColumns = `e.id, e.claim_id, e.source_id, e.stance, e.passage, e.location, e.note, e.created_by, e.created_at,
	e.updated_at, e.version, s.url, s.title, s.publisher, s.author, s.published_on, s.accessed_on, s.archive_url, s.kind, s.lang,
	COALESCE(u.name, '')`

// EvidenceOf returns the evidence of each of the claims with its source, in
// one query for all of them (a page of an export, a report): grouped by
// stance like ClaimEvidence, oldest first within a stance. Claims without
// evidence are absent from the map.
func (s *Service) EvidenceOf(ctx context.Context, claimIDs []int64) (map[int64][]Evidence, error) {
	out := map[int64][]Evidence{}
	if len(claimIDs) == 0 {
		return out, nil
	}
	// Scanned by hand: exports read evidence for thousands of claims, where
	// reflection costs more than the database.
	rows, err := evidenceQuery(s.db.WithContext(ctx)).Select(exportEvidenceColumns).Where("e.claim_id IN ?", claimIDs).
		Order("e.claim_id, e.id").Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var v evidenceView
		r := &v.Row
		if err := rows.Scan(&r.ID, &r.ClaimID, &r.SourceID, &r.Stance, &r.Passage, &r.Location, &r.Note, &r.CreatedBy, &r.CreatedAt,
			&r.UpdatedAt, &r.Version, &v.SrcURL, &v.SrcTitle, &v.SrcPublisher, &v.SrcAuthor, &v.SrcPublishedOn, &v.SrcAccessedOn,
			&v.SrcArchiveURL, &v.SrcKind, &v.SrcLang, &v.CreatedByName); err != nil {
			return nil, err
		}
		e := v.evidence()
		out[e.ClaimID] = append(out[e.ClaimID], e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rank := map[Stance]int{StanceSupports: 0, StanceRefutes: 1, StanceContext: 2}
	for _, ev := range out {
		sort.SliceStable(ev, func(i, j int) bool { return rank[ev[i].Stance] < rank[ev[j].Stance] })
	}
	return out, nil
}

// SourcesByID returns the sources with these ids that exist, in id order.
func (s *Service) SourcesByID(ctx context.Context, ids []int64) ([]Source, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var rows []sourceRow
	if err := s.db.WithContext(ctx).Table("sources").Where("id IN ?", ids).Order("id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Source, len(rows))
	for i, r := range rows {
		out[i] = r.source()
	}
	return out, nil
}
