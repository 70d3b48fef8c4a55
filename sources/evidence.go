package sources

import (
	"context"
	"errors"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// Claims is what evidence needs of the claims package, in basic types so
// that neither package imports the other; web/desk wires *claims.Service in.
// Every method that takes tx runs inside the evidence change's transaction.
type Claims interface {
	// EvidenceClaim reports whether the claim exists and whether its status
	// requires it to keep at least one piece of evidence (in review, published).
	EvidenceClaim(ctx context.Context, tx *gorm.DB, claimID int64) (exists, needsEvidence bool, err error)
	// RecordEvidence appends an entry to the claim's history; each change is
	// {field, old, new}.
	RecordEvidence(ctx context.Context, tx *gorm.DB, userID, claimID int64, action string, changes [][3]string) error
	// ClaimStatements returns the statement of each of the claims that exist.
	ClaimStatements(ctx context.Context, ids []int64) (map[int64]string, error)
}

// Evidence links a claim to a source: how the source bears on the claim,
// the passage that does, and where it is.
type Evidence struct {
	ID            int64
	ClaimID       int64
	Source        Source
	Stance        Stance
	Passage       string
	Location      string // page, paragraph, timestamp
	Note          string
	CreatedBy     int64
	CreatedByName string
	CreatedAt     time.Time
	UpdatedAt     time.Time
	Version       int64
}

type evidenceRow struct {
	ID        int64
	ClaimID   int64
	SourceID  int64
	Stance    string
	Passage   string
	Location  string
	Note      string
	CreatedBy *int64
	CreatedAt time.Time
	UpdatedAt time.Time
	Version   int64
}

func (evidenceRow) TableName() string { return "evidence" }

// EvidenceInput is what a user submits to attach or edit evidence. SourceID
// is ignored by edits: a piece of evidence stays with its source.
type EvidenceInput struct {
	SourceID int64
	Stance   string
	Passage  string
	Location string
	Note     string
	Version  int64
}

// Limits on evidence fields (in characters).
const (
	MaxPassage  = 5000
	MaxLocation = 300
	MaxNote     = 2000
)

func (in *EvidenceInput) validate() (Stance, FieldErrors) {
	in.Passage = strings.TrimSpace(in.Passage)
	in.Location = strings.TrimSpace(in.Location)
	in.Note = strings.TrimSpace(in.Note)
	errs := FieldErrors{}
	st, err := ParseStance(in.Stance)
	if err != nil {
		errs["stance"] = "err.stance"
	}
	if utf8.RuneCountInString(in.Passage) > MaxPassage {
		errs["passage"] = "err.too_long"
	}
	if utf8.RuneCountInString(in.Location) > MaxLocation {
		errs["location"] = "err.too_long"
	}
	if utf8.RuneCountInString(in.Note) > MaxNote {
		errs["note"] = "err.too_long"
	}
	if len(errs) > 0 {
		return "", errs
	}
	return st, nil
}

// evidenceChanges describes a piece of evidence for the claim's history.
func evidenceChanges(old, new Evidence) [][3]string {
	var out [][3]string
	diff := func(field, a, b string) {
		if a != b {
			out = append(out, [3]string{field, a, b})
		}
	}
	diff("source", old.Source.Title, new.Source.Title)
	diff("stance", string(old.Stance), string(new.Stance))
	diff("passage", old.Passage, new.Passage)
	diff("location", old.Location, new.Location)
	diff("note", old.Note, new.Note)
	return out
}

// checkClaim fails with ErrClaimNotFound unless the claim exists now.
func (s *Service) checkClaim(ctx context.Context, tx *gorm.DB, claimID int64) (needsEvidence bool, err error) {
	exists, needs, err := s.claims.EvidenceClaim(ctx, tx, claimID)
	if err != nil {
		return false, err
	}
	if !exists {
		return false, ErrClaimNotFound
	}
	return needs, nil
}

// AddEvidence attaches a source of the library to a claim. A claim or source
// that does not exist (or was deleted meanwhile) is refused: ErrClaimNotFound,
// or a field error on source_id; nothing is written.
func (s *Service) AddEvidence(ctx context.Context, userID, claimID int64, in EvidenceInput) (Evidence, error) {
	var id int64
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		id, err = s.addEvidence(ctx, tx, userID, claimID, in, FieldErrors{})
		return err
	})
	if err != nil {
		return Evidence{}, err
	}
	return s.EvidenceByID(ctx, id)
}

// AddEvidenceWithSource creates a source on the spot and attaches it, in one
// transaction. When the URL is already in the library the existing source is
// used and reused is true. Field errors of the source and of the evidence
// come back together; the source's keys are prefixed with "source.".
func (s *Service) AddEvidenceWithSource(ctx context.Context, userID, claimID int64, src Input, in EvidenceInput) (ev Evidence, reused bool, err error) {
	var id int64
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		errs := FieldErrors{}
		source, err := s.createSource(tx, userID, src)
		var dup *DuplicateError
		var fe FieldErrors
		switch {
		case errors.As(err, &dup):
			source, reused = dup.Existing, true
		case errors.As(err, &fe):
			for k, v := range fe {
				errs["source."+k] = v
			}
		case err != nil:
			return err
		}
		in.SourceID = source.ID
		id, err = s.addEvidence(ctx, tx, userID, claimID, in, errs)
		return err
	})
	if err != nil {
		return Evidence{}, false, err
	}
	ev, err = s.EvidenceByID(ctx, id)
	return ev, reused, err
}

// addEvidence validates and inserts inside tx; errs may already hold field
// errors, which are returned together with the evidence's own.
func (s *Service) addEvidence(ctx context.Context, tx *gorm.DB, userID, claimID int64, in EvidenceInput, errs FieldErrors) (int64, error) {
	st, ferrs := in.validate()
	for k, v := range ferrs {
		errs[k] = v
	}
	if _, err := s.checkClaim(ctx, tx, claimID); err != nil {
		return 0, err
	}
	var src Source
	if in.SourceID == 0 {
		if !hasSourceErrors(errs) {
			errs["source_id"] = "err.source_required"
		}
	} else {
		var err error
		src, err = sourceByID(tx, in.SourceID)
		if errors.Is(err, ErrNotFound) {
			errs["source_id"] = "err.source_gone"
		} else if err != nil {
			return 0, err
		}
	}
	if len(errs) > 0 {
		return 0, errs
	}
	now := s.now()
	row := evidenceRow{ClaimID: claimID, SourceID: src.ID, Stance: string(st), Passage: in.Passage, Location: in.Location,
		Note: in.Note, CreatedAt: now, UpdatedAt: now, Version: 1}
	if userID != 0 {
		row.CreatedBy = &userID
	}
	if err := tx.Create(&row).Error; err != nil {
		if errors.Is(err, gorm.ErrForeignKeyViolated) {
			return 0, ErrClaimNotFound
		}
		return 0, err
	}
	ev := Evidence{Source: src, Stance: st, Passage: in.Passage, Location: in.Location, Note: in.Note}
	if err := s.claims.RecordEvidence(ctx, tx, userID, claimID, "evidence.added", evidenceChanges(Evidence{}, ev)); err != nil {
		return 0, err
	}
	return row.ID, nil
}

func hasSourceErrors(errs FieldErrors) bool {
	for k := range errs {
		if strings.HasPrefix(k, "source.") {
			return true
		}
	}
	return false
}

// UpdateEvidence saves an edit of stance, passage, location and note made
// from in.Version; a stale edit writes nothing and returns an
// *EvidenceConflictError with the current version.
func (s *Service) UpdateEvidence(ctx context.Context, userID, id int64, in EvidenceInput) (Evidence, error) {
	st, errs := in.validate()
	if errs != nil {
		return Evidence{}, errs
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		cur, err := evidenceByID(tx, id)
		if err != nil {
			return err
		}
		if cur.Version != in.Version {
			return &EvidenceConflictError{Current: cur}
		}
		if _, err := s.checkClaim(ctx, tx, cur.ClaimID); err != nil {
			return err
		}
		next := cur
		next.Stance, next.Passage, next.Location, next.Note = st, in.Passage, in.Location, in.Note
		changes := evidenceChanges(cur, next)
		if len(changes) == 0 {
			return nil
		}
		res := tx.Table("evidence").Where("id = ? AND version = ?", id, in.Version).Updates(map[string]any{
			"stance": string(st), "passage": in.Passage, "location": in.Location, "note": in.Note,
			"updated_at": s.now(), "version": in.Version + 1})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return ErrConflict
		}
		// The history names the source the evidence is about.
		changes = append([][3]string{{"source", cur.Source.Title, cur.Source.Title}}, changes...)
		return s.claims.RecordEvidence(ctx, tx, userID, cur.ClaimID, "evidence.updated", changes)
	})
	if err != nil {
		return Evidence{}, s.evidenceConflict(ctx, id, err)
	}
	return s.EvidenceByID(ctx, id)
}

// evidenceConflict turns a bare ErrConflict into an *EvidenceConflictError
// with the latest version (zero when the evidence is gone).
func (s *Service) evidenceConflict(ctx context.Context, id int64, err error) error {
	var ce *EvidenceConflictError
	if errors.Is(err, ErrConflict) && !errors.As(err, &ce) {
		latest, _ := s.EvidenceByID(ctx, id)
		return &EvidenceConflictError{Current: latest}
	}
	return err
}

// RemoveEvidence detaches a piece of evidence seen at version. The last piece
// of evidence of a claim in review or published cannot go (ErrLastEvidence):
// the rule that a claim is reviewed only with evidence must keep holding.
func (s *Service) RemoveEvidence(ctx context.Context, userID, id, version int64) error {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		cur, err := evidenceByID(tx, id)
		if err != nil {
			return err
		}
		if cur.Version != version {
			return &EvidenceConflictError{Current: cur}
		}
		needs, err := s.checkClaim(ctx, tx, cur.ClaimID)
		if err != nil {
			return err
		}
		if needs {
			n, err := s.EvidenceCount(ctx, tx, cur.ClaimID)
			if err != nil {
				return err
			}
			if n <= 1 {
				return ErrLastEvidence
			}
		}
		res := tx.Exec("DELETE FROM evidence WHERE id = ? AND version = ?", id, version)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return ErrConflict
		}
		return s.claims.RecordEvidence(ctx, tx, userID, cur.ClaimID, "evidence.removed", evidenceChanges(cur, Evidence{}))
	})
	if err != nil {
		return s.evidenceConflict(ctx, id, err)
	}
	return nil
}

const evidenceSelect = `e.*, s.url AS src_url, s.title AS src_title, s.publisher AS src_publisher, s.author AS src_author,
s.published_on AS src_published_on, s.accessed_on AS src_accessed_on, s.archive_url AS src_archive_url, s.kind AS src_kind,
s.lang AS src_lang, COALESCE(u.name, '') AS created_by_name`

type evidenceView struct {
	Row            evidenceRow `gorm:"embedded"`
	SrcURL         string
	SrcTitle       string
	SrcPublisher   string
	SrcAuthor      string
	SrcPublishedOn string
	SrcAccessedOn  string
	SrcArchiveURL  string
	SrcKind        string
	SrcLang        string
	CreatedByName  string
}

func (v evidenceView) evidence() Evidence {
	r := v.Row
	e := Evidence{ID: r.ID, ClaimID: r.ClaimID, Stance: Stance(r.Stance), Passage: r.Passage, Location: r.Location, Note: r.Note,
		CreatedByName: v.CreatedByName, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, Version: r.Version,
		Source: Source{ID: r.SourceID, URL: v.SrcURL, Title: v.SrcTitle, Publisher: v.SrcPublisher, Author: v.SrcAuthor,
			PublishedOn: v.SrcPublishedOn, AccessedOn: v.SrcAccessedOn, ArchiveURL: v.SrcArchiveURL, Kind: Kind(v.SrcKind), Lang: v.SrcLang}}
	if r.CreatedBy != nil {
		e.CreatedBy = *r.CreatedBy
	}
	return e
}

func evidenceQuery(tx *gorm.DB) *gorm.DB {
	return tx.Table("evidence e").Select(evidenceSelect).
		Joins("JOIN sources s ON s.id = e.source_id").
		Joins("LEFT JOIN users u ON u.id = e.created_by")
}

func evidenceByID(tx *gorm.DB, id int64) (Evidence, error) {
	var rows []evidenceView
	if err := evidenceQuery(tx).Where("e.id = ?", id).Limit(1).Scan(&rows).Error; err != nil {
		return Evidence{}, err
	}
	if len(rows) == 0 {
		return Evidence{}, ErrNotFound
	}
	return rows[0].evidence(), nil
}

// EvidenceByID returns one piece of evidence with its source.
func (s *Service) EvidenceByID(ctx context.Context, id int64) (Evidence, error) {
	return evidenceByID(s.db.WithContext(ctx), id)
}

// ClaimEvidence returns a claim's evidence with its sources, grouped by
// stance (supports, refutes, context), oldest first within a stance.
func (s *Service) ClaimEvidence(ctx context.Context, claimID int64) ([]Evidence, error) {
	var rows []evidenceView
	if err := evidenceQuery(s.db.WithContext(ctx)).Where("e.claim_id = ?", claimID).Order("e.id").Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Evidence, len(rows))
	for i, r := range rows {
		out[i] = r.evidence()
	}
	rank := map[Stance]int{StanceSupports: 0, StanceRefutes: 1, StanceContext: 2}
	sort.SliceStable(out, func(i, j int) bool { return rank[out[i].Stance] < rank[out[j].Stance] })
	return out, nil
}

// EvidenceCount counts a claim's evidence inside tx (the transaction of a
// status change): *Service is the claims package's EvidenceCounter.
func (s *Service) EvidenceCount(ctx context.Context, tx *gorm.DB, claimID int64) (int, error) {
	var n int64
	err := tx.WithContext(ctx).Table("evidence").Where("claim_id = ?", claimID).Count(&n).Error
	return int(n), err
}

// Counts is a claim's evidence per stance.
type Counts struct {
	Supports, Refutes, Context int
}

// Total is the number of pieces of evidence.
func (c Counts) Total() int { return c.Supports + c.Refutes + c.Context }

// EvidenceCounts counts the evidence of each claim per stance, in one query
// for all the ids (a page of the claim list). Claims without evidence are
// absent from the map.
func (s *Service) EvidenceCounts(ctx context.Context, claimIDs []int64) (map[int64]Counts, error) {
	out := map[int64]Counts{}
	if len(claimIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		ClaimID int64
		Stance  string
		N       int
	}
	err := s.db.WithContext(ctx).Table("evidence").Select("claim_id, stance, COUNT(*) AS n").
		Where("claim_id IN ?", claimIDs).Group("claim_id, stance").Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		c := out[r.ClaimID]
		switch Stance(r.Stance) {
		case StanceSupports:
			c.Supports = r.N
		case StanceRefutes:
			c.Refutes = r.N
		case StanceContext:
			c.Context = r.N
		}
		out[r.ClaimID] = c
	}
	return out, nil
}

// ClaimUse is one claim a source is evidence for.
type ClaimUse struct {
	ClaimID    int64
	Statement  string
	EvidenceID int64
	Stance     Stance
}

// ClaimUses lists the claims a source is evidence for (one entry per piece
// of evidence), in claim order.
func (s *Service) ClaimUses(ctx context.Context, sourceID int64) ([]ClaimUse, error) {
	return s.claimUses(ctx, s.db.WithContext(ctx), sourceID)
}

func (s *Service) claimUses(ctx context.Context, tx *gorm.DB, sourceID int64) ([]ClaimUse, error) {
	var rows []evidenceRow
	if err := tx.Table("evidence").Where("source_id = ?", sourceID).Order("claim_id, id").Find(&rows).Error; err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, nil
	}
	ids := make([]int64, 0, len(rows))
	for _, r := range rows {
		ids = append(ids, r.ClaimID)
	}
	statements, err := s.claims.ClaimStatements(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]ClaimUse, len(rows))
	for i, r := range rows {
		out[i] = ClaimUse{ClaimID: r.ClaimID, Statement: statements[r.ClaimID], EvidenceID: r.ID, Stance: Stance(r.Stance)}
	}
	return out, nil
}

// CopyEvidence attaches to claim to the sources that are evidence for claim
// from (a twin: the same claim logged again), with their stance, passage,
// place and note, in one transaction. Sources already evidence for to are
// skipped. It returns how many pieces were added; each is in to's history,
// with one entry naming the claim they came from.
func (s *Service) CopyEvidence(ctx context.Context, userID, from, to int64) (int, error) {
	if from == to {
		return 0, ErrClaimNotFound
	}
	added := 0
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if _, err := s.checkClaim(ctx, tx, from); err != nil {
			return err
		}
		if _, err := s.checkClaim(ctx, tx, to); err != nil {
			return err
		}
		var theirs []evidenceRow
		if err := tx.Where("claim_id = ?", from).Order("id").Find(&theirs).Error; err != nil {
			return err
		}
		var have []int64
		if err := tx.Table("evidence").Where("claim_id = ?", to).Pluck("source_id", &have).Error; err != nil {
			return err
		}
		attached := map[int64]bool{}
		for _, id := range have {
			attached[id] = true
		}
		for _, e := range theirs {
			if attached[e.SourceID] {
				continue
			}
			attached[e.SourceID] = true
			if _, err := s.addEvidence(ctx, tx, userID, to, EvidenceInput{SourceID: e.SourceID, Stance: e.Stance,
				Passage: e.Passage, Location: e.Location, Note: e.Note}, FieldErrors{}); err != nil {
				return err
			}
			added++
		}
		if added == 0 {
			return nil
		}
		return s.claims.RecordEvidence(ctx, tx, userID, to, "evidence.copied", [][3]string{{"twin_claim", "", "#" + strconv.FormatInt(from, 10)}})
	})
	return added, err
}
