package claims

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims/articletext"
	"github.com/factdesk/factdesk/claims/claimreview"
	"github.com/factdesk/factdesk/claims/fold"
)

// PriorCheck is a fact-check another desk published (a ClaimReview): what
// new claims are matched against.
type PriorCheck struct {
	ID             int64
	ClaimText      string
	Claimant       string
	ClaimDate      string // YYYY-MM-DD, or "" when ClaimDateText could not be read
	ClaimDateText  string
	PublisherName  string
	PublisherSite  string
	ReviewURL      string // http(s) only
	ReviewTitle    string
	Rating         string // as published
	RatingValue    *float64
	BestRating     *float64
	WorstRating    *float64
	Lang           string
	ReviewDate     string
	ReviewDateText string
	Raw            string // the record as published (JSON)
	ImportID       int64
	CreatedAt      time.Time
}

type priorRow struct {
	ID             int64
	NaturalKey     string
	ClaimText      string
	Claimant       string
	ClaimDate      string
	ClaimDateText  string
	PublisherName  string
	PublisherSite  string
	ReviewURL      string `gorm:"column:review_url"`
	ReviewTitle    string
	Rating         string
	RatingValue    *float64
	BestRating     *float64
	WorstRating    *float64
	Lang           string
	ReviewDate     string
	ReviewDateText string
	SearchText     string
	Raw            string
	ImportID       *int64
	CreatedAt      time.Time
}

func (priorRow) TableName() string { return "prior_checks" }

func (r priorRow) check() PriorCheck {
	p := PriorCheck{ID: r.ID, ClaimText: r.ClaimText, Claimant: r.Claimant, ClaimDate: r.ClaimDate, ClaimDateText: r.ClaimDateText,
		PublisherName: r.PublisherName, PublisherSite: r.PublisherSite, ReviewURL: r.ReviewURL, ReviewTitle: r.ReviewTitle,
		Rating: r.Rating, RatingValue: r.RatingValue, BestRating: r.BestRating, WorstRating: r.WorstRating, Lang: r.Lang,
		ReviewDate: r.ReviewDate, ReviewDateText: r.ReviewDateText, Raw: r.Raw, CreatedAt: r.CreatedAt}
	if r.ImportID != nil {
		p.ImportID = *r.ImportID
	}
	return p
}

// ImportProblem is a record an import refused, or a remark on one it kept.
type ImportProblem struct {
	Pos    claimreview.Position `json:"pos"`
	Reason claimreview.Reason   `json:"reason"`
	Detail string               `json:"detail,omitempty"`
	Kept   bool                 `json:"kept,omitempty"` // the record was imported; this is a remark
}

// PriorImport is the outcome of one import run.
type PriorImport struct {
	ID         int64
	Source     string
	Format     string
	UserID     int64
	UserName   string
	Records    int // reviews read
	Added      int
	Duplicates int // already stored
	Failed     int // refused
	Noted      int // kept with a remark
	Problems   []ImportProblem
	Truncated  int // problems beyond those kept in Problems
	CreatedAt  time.Time
}

type priorImportRow struct {
	ID         int64
	Source     string
	Format     string
	UserID     *int64
	Records    int
	Added      int
	Duplicates int
	Failed     int
	Noted      int
	Problems   string
	CreatedAt  time.Time
}

func (priorImportRow) TableName() string { return "prior_imports" }

// maxKeptProblems bounds the problems stored with an import: a file of a
// million broken lines must not become a million-entry report.
const maxKeptProblems = 1000

// priorBatch is how many rows go into one INSERT.
const priorBatch = 100

// ImportPriorChecks reads every record of dec and stores those not stored
// yet, all in one transaction: a failure halfway (the database, a file that
// turns out too large) leaves nothing written. Records that cannot be used
// are reported with their position and reason and the rest are imported.
// Records already stored (same natural key: normalised review URL and claim
// text) are counted as duplicates, so importing a file twice adds nothing.
//
// A file that is empty, too large or of the wrong kind is refused with the
// fatal *claimreview.Problem and nothing is stored. JSON that breaks off
// halfway keeps the records read before the break and reports where it
// broke. The transaction is open while the input is read: read from a file
// or an upload, not from a slow pipe.
func (s *Service) ImportPriorChecks(ctx context.Context, actor Actor, source string, dec *claimreview.Decoder) (PriorImport, error) {
	if len(source) > 300 {
		source = source[:300]
	}
	now := s.now()
	imp := PriorImport{Source: source, UserID: actor.ID, CreatedAt: now}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		row := priorImportRow{Source: source, Problems: "[]", CreatedAt: now}
		if actor.ID != 0 {
			row.UserID = &actor.ID
		}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		imp.ID = row.ID
		var batch []priorRow
		flush := func() error {
			n, err := insertPrior(tx, batch)
			imp.Added += n
			batch = batch[:0]
			return err
		}
		problem := func(p ImportProblem) {
			if len(imp.Problems) < maxKeptProblems {
				imp.Problems = append(imp.Problems, p)
			} else {
				imp.Truncated++
			}
		}
		for {
			if err := ctx.Err(); err != nil {
				return err
			}
			rec, err := dec.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			var p *claimreview.Problem
			if errors.As(err, &p) {
				if p.Fatal && (p.Reason != claimreview.ReasonMalformed || imp.Records == 0) {
					return p
				}
				imp.Failed++
				problem(ImportProblem{Pos: p.Pos, Reason: p.Reason, Detail: p.Detail})
				if p.Fatal {
					break
				}
				continue
			}
			if err != nil {
				return err
			}
			imp.Records++
			if len(rec.Notes) > 0 {
				imp.Noted++
				for _, n := range rec.Notes {
					problem(ImportProblem{Pos: rec.Pos, Reason: n, Kept: true})
				}
			}
			batch = append(batch, s.priorRowOf(rec, imp.ID, now))
			if len(batch) == priorBatch {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if err := flush(); err != nil {
			return err
		}
		imp.Format = string(dec.Format())
		imp.Duplicates = imp.Records - imp.Added
		probs, err := json.Marshal(imp.Problems)
		if err != nil {
			return err
		}
		if err := indexPriors(ctx, tx, "import_id = ?", imp.ID); err != nil {
			return err
		}
		return tx.Model(&priorImportRow{}).Where("id = ?", imp.ID).Updates(map[string]any{
			"format": imp.Format, "records": imp.Records, "added": imp.Added, "duplicates": imp.Duplicates,
			"failed": imp.Failed, "noted": imp.Noted, "problems": string(probs)}).Error
	})
	if err != nil {
		return PriorImport{}, err
	}
	return imp, nil
}

func (s *Service) priorRowOf(r claimreview.Record, importID int64, now time.Time) priorRow {
	lang := r.Lang
	if lang == "" {
		lang = articletext.DetectLanguage(r.ClaimText)
	}
	return priorRow{NaturalKey: r.Key(), ClaimText: r.ClaimText, Claimant: r.Claimant, ClaimDate: r.ClaimDate.Day,
		ClaimDateText: r.ClaimDate.Text, PublisherName: r.PublisherName, PublisherSite: r.PublisherSite, ReviewURL: r.ReviewURL,
		ReviewTitle: r.ReviewTitle, Rating: r.Rating.Text, RatingValue: r.Rating.Value, BestRating: r.Rating.Best,
		WorstRating: r.Rating.Worst, Lang: lang, ReviewDate: r.ReviewDate.Day, ReviewDateText: r.ReviewDate.Text,
		SearchText: priorSearchText(r.ClaimText, r.Claimant, r.ReviewTitle), Raw: string(r.Raw), ImportID: &importID, CreatedAt: now}
}

// priorSearchText is the folded text of a prior check (claims/fold: letter
// forms, diacritics, tatweel, digit script, case), as every search of the
// desk folds it. The search index (claims/searchindex) is what searches;
// this column keeps the folded text with the record, for plain SQL use.
func priorSearchText(claimText, claimant, reviewTitle string) string {
	return fold.String(claimText + " " + claimant + " " + reviewTitle)
}

const priorColumns = "natural_key, claim_text, claimant, claim_date, claim_date_text, publisher_name, publisher_site, review_url, " +
	"review_title, rating, rating_value, best_rating, worst_rating, lang, review_date, review_date_text, search_text, raw, import_id, created_at"

// insertPrior writes rows in one statement, skipping those whose natural key
// is stored already, and returns how many were added. ON CONFLICT … DO
// NOTHING is accepted by SQLite and PostgreSQL alike.
func insertPrior(tx *gorm.DB, rows []priorRow) (int, error) {
	if len(rows) == 0 {
		return 0, nil
	}
	var sb strings.Builder
	sb.WriteString("INSERT INTO prior_checks (" + priorColumns + ") VALUES ")
	args := make([]any, 0, len(rows)*20)
	for i, r := range rows {
		if i > 0 {
			sb.WriteString(",")
		}
		sb.WriteString("(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
		args = append(args, r.NaturalKey, r.ClaimText, r.Claimant, r.ClaimDate, r.ClaimDateText, r.PublisherName, r.PublisherSite,
			r.ReviewURL, r.ReviewTitle, r.Rating, r.RatingValue, r.BestRating, r.WorstRating, r.Lang, r.ReviewDate, r.ReviewDateText,
			r.SearchText, r.Raw, r.ImportID, r.CreatedAt)
	}
	sb.WriteString(" ON CONFLICT (natural_key) DO NOTHING")
	res := tx.Exec(sb.String(), args...)
	return int(res.RowsAffected), res.Error
}

// PriorImport returns one import run with its problems.
func (s *Service) PriorImport(ctx context.Context, id int64) (PriorImport, error) {
	var rows []struct {
		Row      priorImportRow `gorm:"embedded"`
		UserName string
	}
	err := s.db.WithContext(ctx).Table("prior_imports i").Select("i.*, COALESCE(u.name, '') AS user_name").
		Joins("LEFT JOIN users u ON u.id = i.user_id").Where("i.id = ?", id).Limit(1).Scan(&rows).Error
	if err != nil {
		return PriorImport{}, err
	}
	if len(rows) == 0 {
		return PriorImport{}, ErrNotFound
	}
	r := rows[0].Row
	imp := PriorImport{ID: r.ID, Source: r.Source, Format: r.Format, UserName: rows[0].UserName, Records: r.Records, Added: r.Added,
		Duplicates: r.Duplicates, Failed: r.Failed, Noted: r.Noted, CreatedAt: r.CreatedAt}
	if r.UserID != nil {
		imp.UserID = *r.UserID
	}
	if err := json.Unmarshal([]byte(r.Problems), &imp.Problems); err != nil {
		return PriorImport{}, fmt.Errorf("import %d: problems: %w", id, err)
	}
	return imp, nil
}

// PriorImports lists the most recent import runs (without their problems).
func (s *Service) PriorImports(ctx context.Context, limit int) ([]PriorImport, error) {
	var rows []struct {
		Row      priorImportRow `gorm:"embedded"`
		UserName string
	}
	err := s.db.WithContext(ctx).Table("prior_imports i").
		Select("i.id, i.source, i.format, i.user_id, i.records, i.added, i.duplicates, i.failed, i.noted, i.created_at, COALESCE(u.name, '') AS user_name").
		Joins("LEFT JOIN users u ON u.id = i.user_id").Order("i.id DESC").Limit(limit).Scan(&rows).Error
	out := make([]PriorImport, 0, len(rows))
	for _, v := range rows {
		r := v.Row
		out = append(out, PriorImport{ID: r.ID, Source: r.Source, Format: r.Format, UserName: v.UserName, Records: r.Records,
			Added: r.Added, Duplicates: r.Duplicates, Failed: r.Failed, Noted: r.Noted, CreatedAt: r.CreatedAt})
	}
	return out, err
}

// PriorCheck returns one prior check with its raw record.
func (s *Service) PriorCheck(ctx context.Context, id int64) (PriorCheck, error) {
	var rows []priorRow
	if err := s.db.WithContext(ctx).Where("id = ?", id).Limit(1).Find(&rows).Error; err != nil {
		return PriorCheck{}, err
	}
	if len(rows) == 0 {
		return PriorCheck{}, ErrNotFound
	}
	return rows[0].check(), nil
}

// PriorFilter narrows the list of prior checks.
type PriorFilter struct {
	Publisher string
	Lang      string
	Rating    string
	After     string // opaque cursor from the previous page
	Limit     int
}

// PriorPage is one page of prior checks, newest review first.
type PriorPage struct {
	Checks []PriorCheck
	Next   string
}

// PriorChecks lists prior checks by review date, newest first, keyset
// paginated on (review_date, id).
func (s *Service) PriorChecks(ctx context.Context, f PriorFilter) (PriorPage, error) {
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 50
	}
	q := s.db.WithContext(ctx).Table("prior_checks p").Select("p.id, p.claim_text, p.claimant, p.claim_date, p.claim_date_text, " +
		"p.publisher_name, p.publisher_site, p.review_url, p.review_title, p.rating, p.rating_value, p.best_rating, p.worst_rating, " +
		"p.lang, p.review_date, p.review_date_text, p.import_id, p.created_at")
	if f.Publisher != "" {
		q = q.Where("p.publisher_name = ?", f.Publisher)
	}
	if f.Lang != "" {
		q = q.Where("p.lang = ?", f.Lang)
	}
	if f.Rating != "" {
		q = q.Where("p.rating = ?", f.Rating)
	}
	if f.After != "" {
		date, id, err := decodePriorCursor(f.After)
		if err != nil {
			return PriorPage{}, FieldErrors{"after": "err.invalid"}
		}
		q = q.Where("(p.review_date < ? OR (p.review_date = ? AND p.id < ?))", date, date, id)
	}
	var rows []priorRow
	if err := q.Order("p.review_date DESC, p.id DESC").Limit(f.Limit + 1).Scan(&rows).Error; err != nil {
		return PriorPage{}, err
	}
	var page PriorPage
	for i, r := range rows {
		if i == f.Limit {
			last := rows[f.Limit-1]
			page.Next = base64.RawURLEncoding.EncodeToString([]byte(last.ReviewDate + "|" + strconv.FormatInt(last.ID, 10)))
			break
		}
		page.Checks = append(page.Checks, r.check())
	}
	return page, nil
}

func decodePriorCursor(s string) (string, int64, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return "", 0, err
	}
	date, idStr, ok := strings.Cut(string(b), "|")
	id, err := strconv.ParseInt(idStr, 10, 64)
	if !ok || err != nil || len(date) > 10 {
		return "", 0, errors.New("bad cursor")
	}
	return date, id, nil
}

// Facet is one value of a filter with the number of prior checks holding it.
type Facet struct {
	Value string
	N     int64
}

// PriorFacets are the values the list can be filtered by, most frequent
// first (at most 200 each).
type PriorFacets struct {
	Publishers []Facet
	Langs      []Facet
	Ratings    []Facet
	Total      int64
}

// PriorFacets counts prior checks per publisher, language and rating.
func (s *Service) PriorFacets(ctx context.Context) (PriorFacets, error) {
	var out PriorFacets
	for _, f := range []struct {
		col string
		dst *[]Facet
	}{{"publisher_name", &out.Publishers}, {"lang", &out.Langs}, {"rating", &out.Ratings}} {
		err := s.db.WithContext(ctx).Table("prior_checks").Select(f.col + " AS value, COUNT(*) AS n").
			Where(f.col + " <> ''").Group(f.col).Order("n DESC, value").Limit(200).Scan(f.dst).Error
		if err != nil {
			return out, err
		}
	}
	err := s.db.WithContext(ctx).Table("prior_checks").Count(&out.Total).Error
	return out, err
}
