package sources

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/factdesk/factdesk/claims/fold"
	"github.com/factdesk/factdesk/claims/searchindex"
)

// Source is one document in the desk's library.
type Source struct {
	ID          int64
	URL         string // as entered
	URLNorm     string // NormalizeURL(URL): what duplicates are recognised by
	Title       string
	Publisher   string
	Author      string
	PublishedOn string // YYYY-MM-DD or ""
	AccessedOn  string // YYYY-MM-DD or ""
	ArchiveURL  string
	Kind        Kind
	Lang        string
	Notes       string
	CreatedBy   int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
	Version     int64
}

type sourceRow struct {
	ID          int64
	URL         string `gorm:"column:url"`
	URLNorm     string `gorm:"column:url_norm"`
	Title       string
	Publisher   string
	Author      string
	PublishedOn string
	AccessedOn  string
	ArchiveURL  string `gorm:"column:archive_url"`
	Kind        string
	Lang        string
	Notes       string
	SearchText  string
	CreatedBy   *int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
	Version     int64
}

func (sourceRow) TableName() string { return "sources" }

func (r sourceRow) source() Source {
	s := Source{ID: r.ID, URL: r.URL, URLNorm: r.URLNorm, Title: r.Title, Publisher: r.Publisher, Author: r.Author,
		PublishedOn: r.PublishedOn, AccessedOn: r.AccessedOn, ArchiveURL: r.ArchiveURL, Kind: Kind(r.Kind), Lang: r.Lang,
		Notes: r.Notes, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, Version: r.Version}
	if r.CreatedBy != nil {
		s.CreatedBy = *r.CreatedBy
	}
	return s
}

// Input is what a user submits to add or edit a source.
type Input struct {
	URL         string
	Title       string
	Publisher   string
	Author      string
	PublishedOn string
	AccessedOn  string
	ArchiveURL  string
	Kind        string
	Lang        string
	Notes       string
	Version     int64 // the version an edit started from
}

// Limits on source fields (in characters).
const (
	MaxTitle     = 500
	MaxShortText = 300
	MaxNotes     = 5000
)

// validate trims the input, checks every field and returns the normalised
// URL and the kind.
func (in *Input) validate(now time.Time) (string, Kind, FieldErrors) {
	for _, p := range []*string{&in.URL, &in.Title, &in.Publisher, &in.Author, &in.PublishedOn, &in.AccessedOn, &in.ArchiveURL, &in.Kind, &in.Lang, &in.Notes} {
		*p = strings.TrimSpace(*p)
	}
	errs := FieldErrors{}
	norm, err := NormalizeURL(in.URL)
	if err != nil {
		errs["url"] = urlErrorKey(err)
	}
	switch n := utf8.RuneCountInString(in.Title); {
	case n == 0:
		errs["title"] = "err.required"
	case n > MaxTitle:
		errs["title"] = "err.too_long"
	}
	for field, v := range map[string]string{"publisher": in.Publisher, "author": in.Author} {
		if utf8.RuneCountInString(v) > MaxShortText {
			errs[field] = "err.too_long"
		}
	}
	if utf8.RuneCountInString(in.Notes) > MaxNotes {
		errs["notes"] = "err.too_long"
	}
	var key string
	if in.PublishedOn, key = checkDate(in.PublishedOn, now); key != "" {
		errs["published_on"] = key
	}
	if in.AccessedOn, key = checkDate(in.AccessedOn, now); key != "" {
		errs["accessed_on"] = key
	}
	if in.ArchiveURL != "" {
		if _, err := CheckURL(in.ArchiveURL); err != nil {
			errs["archive_url"] = "err.archive_url"
		}
	}
	kind, err := ParseKind(in.Kind)
	if err != nil {
		errs["kind"] = "err.kind"
	}
	if !validLang(in.Lang) {
		errs["lang"] = "err.invalid"
	}
	if len(errs) > 0 {
		return "", "", errs
	}
	return norm, kind, nil
}

// urlErrorKey is the message key for a refused URL.
func urlErrorKey(err error) string {
	switch {
	case errors.Is(err, ErrURLEmpty):
		return "err.required"
	case errors.Is(err, ErrURLScheme):
		return "err.url_scheme"
	case errors.Is(err, ErrURLTooLong):
		return "err.url_too_long"
	}
	return "err.url"
}

// checkDate accepts YYYY-MM-DD (also with "/" and in Arabic-Indic or Persian
// digits) up to today, and returns it in ASCII. "Today" is today somewhere on
// Earth: a desk east of UTC is already on tomorrow's date.
func checkDate(s string, now time.Time) (string, string) {
	if s == "" {
		return "", ""
	}
	s = strings.ReplaceAll(fold.String(s), "/", "-")
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		return s, "err.date"
	}
	if d.After(now.UTC().Add(14 * time.Hour)) {
		return s, "err.date_future"
	}
	return d.Format("2006-01-02"), ""
}

// searchText is what the library search matches: the folded title,
// publisher, author, normalised URL and notes.
func searchText(title, publisher, author, urlNorm, notes string) string {
	return fold.String(strings.Join([]string{title, publisher, author, urlNorm, notes}, " \n "))
}

// Service is the sources store.
type Service struct {
	db     *gorm.DB
	claims Claims
	now    func() time.Time
}

// NewService wraps an open, migrated database; claims answers what evidence
// needs to know about claims.
func NewService(db *gorm.DB, claims Claims) *Service {
	return &Service{db: db, claims: claims, now: func() time.Time { return time.Now().UTC() }}
}

// Source returns one source.
func (s *Service) Source(ctx context.Context, id int64) (Source, error) {
	return sourceByID(s.db.WithContext(ctx), id)
}

func sourceByID(tx *gorm.DB, id int64) (Source, error) {
	var rows []sourceRow
	if err := tx.Where("id = ?", id).Limit(1).Find(&rows).Error; err != nil {
		return Source{}, err
	}
	if len(rows) == 0 {
		return Source{}, ErrNotFound
	}
	return rows[0].source(), nil
}

func sourceByNorm(tx *gorm.DB, norm string) (Source, error) {
	var rows []sourceRow
	if err := tx.Where("url_norm = ?", norm).Limit(1).Find(&rows).Error; err != nil {
		return Source{}, err
	}
	if len(rows) == 0 {
		return Source{}, ErrNotFound
	}
	return rows[0].source(), nil
}

// SourceByURL finds the source stored under the same URL as raw (compared
// normalised), or ErrNotFound.
func (s *Service) SourceByURL(ctx context.Context, raw string) (Source, error) {
	norm, err := NormalizeURL(raw)
	if err != nil {
		return Source{}, ErrNotFound
	}
	return sourceByNorm(s.db.WithContext(ctx), norm)
}

// CreateSource adds a source to the library. When the same URL is already
// there, nothing is written and a *DuplicateError carries the existing one.
func (s *Service) CreateSource(ctx context.Context, userID int64, in Input) (Source, error) {
	var out Source
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		src, err := s.createSource(tx, userID, in)
		out = src
		return err
	})
	return out, err
}

// createSource validates and inserts a source inside tx.
func (s *Service) createSource(tx *gorm.DB, userID int64, in Input) (Source, error) {
	now := s.now()
	norm, kind, errs := in.validate(now)
	if errs != nil {
		return Source{}, errs
	}
	if existing, err := sourceByNorm(tx, norm); err == nil {
		return existing, &DuplicateError{Existing: existing}
	} else if !errors.Is(err, ErrNotFound) {
		return Source{}, err
	}
	row := sourceRow{URL: in.URL, URLNorm: norm, Title: in.Title, Publisher: in.Publisher, Author: in.Author,
		PublishedOn: in.PublishedOn, AccessedOn: in.AccessedOn, ArchiveURL: in.ArchiveURL, Kind: string(kind), Lang: in.Lang,
		Notes: in.Notes, SearchText: searchText(in.Title, in.Publisher, in.Author, norm, in.Notes),
		CreatedAt: now, UpdatedAt: now, Version: 1}
	if userID != 0 {
		row.CreatedBy = &userID
	}
	// The same URL stored by someone else between the check and the insert
	// (PostgreSQL lets both transactions check; SQLite queues them): the
	// insert does nothing, and the statement after it sees the other row.
	// A failed insert would abort the whole transaction on PostgreSQL.
	res := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "url_norm"}}, DoNothing: true}).Create(&row)
	if res.Error != nil {
		return Source{}, res.Error
	}
	if res.RowsAffected == 0 {
		existing, err := sourceByNorm(tx, norm)
		if err != nil {
			return Source{}, err
		}
		return existing, &DuplicateError{Existing: existing}
	}
	var changes []Change
	for _, c := range sourceFields(Source{}, row.source()) {
		if c.New != "" {
			changes = append(changes, c)
		}
	}
	if err := s.recordSource(tx, userID, row.ID, "source.created", changes); err != nil {
		return Source{}, err
	}
	if err := indexSources(tx.Statement.Context, tx, row.ID); err != nil {
		return Source{}, err
	}
	return row.source(), nil
}

// sourceFields lists the fields that differ between two versions.
func sourceFields(a, b Source) []Change {
	var out []Change
	diff := func(field, old, new string) {
		if old != new {
			out = append(out, Change{Field: field, Old: old, New: new})
		}
	}
	diff("url", a.URL, b.URL)
	diff("title", a.Title, b.Title)
	diff("publisher", a.Publisher, b.Publisher)
	diff("author", a.Author, b.Author)
	diff("published_on", a.PublishedOn, b.PublishedOn)
	diff("accessed_on", a.AccessedOn, b.AccessedOn)
	diff("archive_url", a.ArchiveURL, b.ArchiveURL)
	diff("kind", string(a.Kind), string(b.Kind))
	diff("source_lang", a.Lang, b.Lang)
	diff("notes", a.Notes, b.Notes)
	return out
}

// UpdateSource saves an edit made from in.Version. If someone saved in
// between, nothing is written and a *ConflictError carries the current
// source; a URL that another source already has is a field error.
func (s *Service) UpdateSource(ctx context.Context, userID, id int64, in Input) (Source, error) {
	now := s.now()
	norm, kind, errs := in.validate(now)
	if errs != nil {
		return Source{}, errs
	}
	var out Source
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		cur, err := sourceByID(tx, id)
		if err != nil {
			return err
		}
		if cur.Version != in.Version {
			return &ConflictError{Current: cur}
		}
		if other, err := sourceByNorm(tx, norm); err == nil && other.ID != id {
			return &DuplicateError{Existing: other}
		} else if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		next := Source{URL: in.URL, Title: in.Title, Publisher: in.Publisher, Author: in.Author, PublishedOn: in.PublishedOn,
			AccessedOn: in.AccessedOn, ArchiveURL: in.ArchiveURL, Kind: kind, Lang: in.Lang, Notes: in.Notes}
		changes := sourceFields(cur, next)
		if len(changes) == 0 {
			out = cur
			return nil
		}
		res := tx.Table("sources").Where("id = ? AND version = ?", id, in.Version).Updates(map[string]any{
			"url": in.URL, "url_norm": norm, "title": in.Title, "publisher": in.Publisher, "author": in.Author,
			"published_on": in.PublishedOn, "accessed_on": in.AccessedOn, "archive_url": in.ArchiveURL, "kind": string(kind),
			"lang": in.Lang, "notes": in.Notes, "search_text": searchText(in.Title, in.Publisher, in.Author, norm, in.Notes),
			"updated_at": now, "version": in.Version + 1,
		})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return ErrConflict
		}
		if err := s.recordSource(tx, userID, id, "source.edited", changes); err != nil {
			return err
		}
		if err := indexSources(ctx, tx, id); err != nil {
			return err
		}
		out, err = sourceByID(tx, id)
		return err
	})
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		// Another source took the URL between the check and the update.
		if other, lerr := s.SourceByURL(ctx, in.URL); lerr == nil && other.ID != id {
			return Source{}, &DuplicateError{Existing: other}
		}
	}
	if errors.Is(err, ErrConflict) {
		var ce *ConflictError
		if errors.As(err, &ce) {
			return Source{}, err
		}
		latest, lerr := s.Source(ctx, id)
		if lerr != nil {
			return Source{}, lerr
		}
		return Source{}, &ConflictError{Current: latest}
	}
	if err != nil {
		return Source{}, err
	}
	return out, nil
}

// DeleteSource removes a source from the library, unless it is evidence for
// a claim: then nothing is deleted and an *InUseError lists those claims.
func (s *Service) DeleteSource(ctx context.Context, userID, id int64) error {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		cur, err := sourceByID(tx, id)
		if err != nil {
			return err
		}
		uses, err := s.claimUses(ctx, tx, id)
		if err != nil {
			return err
		}
		if len(uses) > 0 {
			return &InUseError{Claims: uses}
		}
		if err := tx.Exec("DELETE FROM sources WHERE id = ?", id).Error; err != nil {
			return err
		}
		if err := searchindex.Delete(ctx, tx, searchindex.KindSource, id); err != nil {
			return err
		}
		return s.recordSource(tx, userID, id, "source.deleted", []Change{{Field: "title", Old: cur.Title}, {Field: "url", Old: cur.URL}})
	})
	if errors.Is(err, gorm.ErrForeignKeyViolated) {
		// Evidence written between the check and the delete (not possible
		// with immediate transactions, but the schema guards it too).
		uses, _ := s.ClaimUses(ctx, id)
		return &InUseError{Claims: uses}
	}
	return err
}
