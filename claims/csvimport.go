package claims

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims/articletext"
	"github.com/factdesk/factdesk/claims/claimreview"
	"github.com/factdesk/factdesk/claims/extract"
)

// Column is what a column of an uploaded CSV file holds. Closed vocabulary.
type Column string

const (
	ColStatement Column = "statement"
	ColClaimant  Column = "claimant"
	ColClaimDate Column = "claim_date"
	ColType      Column = "type"
	ColTags      Column = "tags"
	ColIgnore    Column = "ignore"
)

// Columns lists the choices of the mapping step, in the order shown.
var Columns = []Column{ColStatement, ColClaimant, ColClaimDate, ColType, ColTags, ColIgnore}

// ParseColumn accepts only known columns.
func ParseColumn(s string) (Column, error) {
	for _, c := range Columns {
		if string(c) == s {
			return c, nil
		}
	}
	return "", ErrInvalid
}

// Limits on CSV uploads.
const (
	MaxCSVBytes = 5 << 20
	MaxCSVRows  = 10000
)

// ErrAlreadyImported is returned when an upload was imported before (a
// form sent twice): nothing is imported again.
var ErrAlreadyImported = errors.New("this file was imported already")

// CSVTable is a parsed CSV file: its header and rows, with the line each row
// starts on.
type CSVTable struct {
	Header    []string
	Rows      []CSVRow
	Delimiter rune
}

// CSVRow is one data row of the file.
type CSVRow struct {
	Line  int
	Cells []string
	Err   string // a message key when the row could not be read
}

// ReadCSV reads a CSV file as spreadsheets write it: UTF-8 with or without a
// byte order mark, comma or semicolon separated (whichever the header line
// uses more), quoted cells with line breaks. The first line is the header.
// It refuses (with a message key in FieldErrors{"file": …}) a file that is
// not UTF-8, has no data row, or is too large.
func ReadCSV(data []byte) (CSVTable, error) {
	if len(data) > MaxCSVBytes {
		return CSVTable{}, FieldErrors{"file": "err.csv_too_large"}
	}
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return CSVTable{}, FieldErrors{"file": "err.csv_not_utf8"}
	}
	t := CSVTable{Delimiter: ','}
	first, _, _ := bytes.Cut(data, []byte("\n"))
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		t.Delimiter = ';'
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = t.Delimiter
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			if t.Header == nil {
				return CSVTable{}, FieldErrors{"file": "err.csv_unreadable"}
			}
			t.Rows = append(t.Rows, CSVRow{Line: line, Err: "csvimport.row_unreadable"})
			continue
		}
		if t.Header == nil {
			for i := range rec {
				rec[i] = strings.TrimSpace(rec[i])
			}
			t.Header = rec
			continue
		}
		if blank(rec) {
			continue
		}
		t.Rows = append(t.Rows, CSVRow{Line: line, Cells: rec})
		if len(t.Rows) > MaxCSVRows {
			return CSVTable{}, FieldErrors{"file": "err.csv_too_many_rows"}
		}
	}
	if len(t.Header) == 0 || len(t.Rows) == 0 {
		return CSVTable{}, FieldErrors{"file": "err.csv_empty"}
	}
	return t, nil
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// headerWords are the header names (English and Arabic, folded) that make a
// column's guess.
var headerWords = map[Column][]string{
	ColStatement: {"statement", "claim", "claims", "text", "quote", "claim text", "claimreviewed", "الادعاء", "ادعاء", "الادعاءات", "النص", "نص الادعاء", "الاقتباس", "العبارة", "المقولة"},
	ColClaimant:  {"claimant", "speaker", "author", "source", "who", "said by", "قائل", "القائل", "صاحب الادعاء", "المصدر", "المتحدث", "مصدر الادعاء"},
	ColClaimDate: {"date", "claim date", "claimdate", "when", "published", "التاريخ", "تاريخ", "تاريخ الادعاء"},
	ColType:      {"type", "kind", "category", "claim type", "النوع", "نوع", "الصنف", "نوع الادعاء"},
	ColTags:      {"tags", "tag", "labels", "keywords", "topics", "الوسوم", "وسوم", "الوسم", "الكلمات المفتاحية", "المواضيع"},
}

// GuessColumns proposes what each column holds from its header, in English or
// Arabic; each kind is proposed once, the rest is ignored.
func GuessColumns(header []string) []Column {
	out := make([]Column, len(header))
	taken := map[Column]bool{}
	for i, h := range header {
		out[i] = ColIgnore
		name := foldHeader(h)
		for _, c := range Columns[:5] {
			if taken[c] {
				continue
			}
			for _, w := range headerWords[c] {
				if name == foldHeader(w) {
					out[i], taken[c] = c, true
					break
				}
			}
			if out[i] != ColIgnore {
				break
			}
		}
	}
	return out
}

// foldHeader makes header names comparable: lower case, separators as
// spaces, Arabic letter variants and diacritics folded.
func foldHeader(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '_' || r == '-' || r == '.' || r == ':':
			return ' '
		case r == 'أ' || r == 'إ' || r == 'آ':
			return 'ا'
		case r == 'ى':
			return 'ي'
		case r == 'ة':
			return 'ه'
		case r == 'ـ' || (r >= 0x064B && r <= 0x0652):
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// CSVUpload is an uploaded CSV file waiting for its column mapping, or, once
// imported (Done), the outcome.
type CSVUpload struct {
	ID        int64
	UserID    int64
	ArticleID int64
	FileName  string
	Content   string
	CreatedAt time.Time
	Done      bool
	DoneAt    time.Time
	Added     int
	Problems  []RowProblem
}

// RowProblem is a row that was not imported: its line in the file, the
// field at fault ("" for the whole row) and a message key.
type RowProblem struct {
	Line  int    `json:"line"`
	Field string `json:"field,omitempty"`
	Key   string `json:"key"`
}

type csvUploadRow struct {
	ID        int64
	UserID    int64
	ArticleID *int64
	FileName  string
	Content   string
	CreatedAt time.Time
	DoneAt    *time.Time
	Added     int
	Problems  string
}

func (csvUploadRow) TableName() string { return "claim_imports" }

// staleUpload is how long an upload waits for its mapping before it is
// removed.
const staleUpload = 24 * time.Hour

// CreateCSVUpload keeps an uploaded CSV file until its columns are mapped.
// The file is checked (UTF-8, a header and rows) before it is kept. articleID
// (0 for none) is the article proposed for the import. Uploads nobody mapped
// within a day are removed.
func (s *Service) CreateCSVUpload(ctx context.Context, actor Actor, articleID int64, fileName string, data []byte) (CSVUpload, error) {
	if _, err := ReadCSV(data); err != nil {
		return CSVUpload{}, err
	}
	if utf8.RuneCountInString(fileName) > 200 {
		fileName = string([]rune(fileName)[:200])
	}
	now := s.now()
	row := csvUploadRow{UserID: actor.ID, FileName: fileName, Content: string(bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})), CreatedAt: now, Problems: "[]"}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if articleID != 0 {
			if _, err := s.articleIn(tx, articleID); err != nil {
				return err
			}
			row.ArticleID = &articleID
		}
		if err := tx.Where("done_at IS NULL AND created_at < ?", now.Add(-staleUpload)).Delete(&csvUploadRow{}).Error; err != nil {
			return err
		}
		return tx.Create(&row).Error
	})
	if err != nil {
		return CSVUpload{}, err
	}
	return row.upload(), nil
}

func (r csvUploadRow) upload() CSVUpload {
	u := CSVUpload{ID: r.ID, UserID: r.UserID, FileName: r.FileName, Content: r.Content, CreatedAt: r.CreatedAt, Added: r.Added}
	if r.ArticleID != nil {
		u.ArticleID = *r.ArticleID
	}
	if r.DoneAt != nil {
		u.Done, u.DoneAt = true, *r.DoneAt
	}
	_ = json.Unmarshal([]byte(r.Problems), &u.Problems)
	return u
}

func (s *Service) articleIn(tx *gorm.DB, id int64) (Article, error) {
	var rows []articleRow
	if err := tx.Where("id = ?", id).Limit(1).Find(&rows).Error; err != nil {
		return Article{}, err
	}
	if len(rows) == 0 {
		return Article{}, FieldErrors{"article": "err.article_missing"}
	}
	return rows[0].article(), nil
}

// CSVUpload returns an upload of the actor's own; other people's uploads do
// not exist for them.
func (s *Service) CSVUpload(ctx context.Context, actor Actor, id int64) (CSVUpload, error) {
	var rows []csvUploadRow
	if err := s.db.WithContext(ctx).Where("id = ? AND user_id = ?", id, actor.ID).Limit(1).Find(&rows).Error; err != nil {
		return CSVUpload{}, err
	}
	if len(rows) == 0 {
		return CSVUpload{}, ErrNotFound
	}
	return rows[0].upload(), nil
}

// CSVImport is what the mapping step submits.
type CSVImport struct {
	ArticleID int64    // 0: stand-alone claims
	Mapping   []Column // one per column of the file
	// TypeNames maps the names a file may use for claim types (folded, e.g.
	// "money", "مالي") to types; codes are always understood.
	TypeNames map[string]Type
}

// ImportCSV imports an upload's rows as new claims, all in one transaction.
// Every row is checked as CreateClaim checks a form; a row that fails is
// reported with its line and the reason, the others are imported. In an
// article, a statement found in the article text is anchored there; any other
// is stored as a claim of the article without a place in the text. Each
// claim's history records the file and line it came from. A second import of
// the same upload is refused with ErrAlreadyImported.
func (s *Service) ImportCSV(ctx context.Context, actor Actor, uploadID int64, in CSVImport) (CSVUpload, error) {
	up, err := s.CSVUpload(ctx, actor, uploadID)
	if err != nil {
		return CSVUpload{}, err
	}
	if up.Done {
		return up, ErrAlreadyImported
	}
	table, err := ReadCSV([]byte(up.Content))
	if err != nil {
		return CSVUpload{}, err
	}
	if errs := checkMapping(in.Mapping, len(table.Header)); errs != nil {
		return CSVUpload{}, errs
	}
	var art Article
	if in.ArticleID != 0 {
		if art, err = s.articleIn(s.db.WithContext(ctx), in.ArticleID); err != nil {
			return CSVUpload{}, err
		}
	}
	type good struct {
		line int
		row  claimRow
		tags []string
	}
	var rows []good
	var problems []RowProblem
	now := s.now()
	for _, r := range table.Rows {
		if r.Err != "" {
			problems = append(problems, RowProblem{Line: r.Line, Key: r.Err})
			continue
		}
		if len(r.Cells) != len(table.Header) {
			problems = append(problems, RowProblem{Line: r.Line, Key: "csvimport.row_cells"})
			continue
		}
		ci := csvClaimInput(r.Cells, in)
		t, p, tags, errs := ci.validate()
		if len(errs) > 0 {
			for _, f := range sortedKeys(errs) {
				problems = append(problems, RowProblem{Line: r.Line, Field: f, Key: errs[f]})
			}
			continue
		}
		lang := ci.Lang
		if lang == "" && in.ArticleID != 0 {
			lang = art.Lang
		}
		if lang == "" {
			lang = articletext.DetectLanguage(ci.Statement)
		}
		row := claimRow{Statement: ci.Statement, Type: string(t), Claimant: ci.Claimant, ClaimDate: ci.ClaimDate,
			Status: string(StatusNew), Priority: string(p), PriorityRank: rankOf(string(p)), Lang: lang,
			Tags: strings.Join(tags, ","), ValueJSON: ci.Value.json(), CreatedAt: now, UpdatedAt: now, Version: 1}
		if in.ArticleID != 0 {
			row.ArticleID = &in.ArticleID
			if a, _, err := articletext.AnchorQuote(art.Body, ci.Statement, -1); err == nil {
				row.AnchorExact, row.AnchorPrefix, row.AnchorSuffix = a.Exact, a.Prefix, a.Suffix
				row.AnchorStart, row.AnchorEnd = &a.Start, &a.End
			}
		}
		if actor.ID != 0 {
			row.CreatedBy = &actor.ID
		}
		rows = append(rows, good{line: r.Line, row: row, tags: tags})
	}
	probs, err := json.Marshal(problems)
	if err != nil {
		return CSVUpload{}, err
	}
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// Claim the upload first: a form sent twice finds it done.
		var article *int64
		if in.ArticleID != 0 {
			article = &in.ArticleID
		}
		res := tx.Model(&csvUploadRow{}).Where("id = ? AND done_at IS NULL", uploadID).Updates(map[string]any{
			"done_at": now, "added": len(rows), "problems": string(probs), "content": "", "article_id": article})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return ErrAlreadyImported
		}
		ids := make([]int64, 0, len(rows))
		for _, g := range rows {
			row := g.row
			if err := tx.Create(&row).Error; err != nil {
				return err
			}
			ids = append(ids, row.ID)
			if err := writeTags(tx, row.ID, g.tags); err != nil {
				return err
			}
			if err := s.record(tx, actor, row.ID, in.ArticleID, "claim.imported", []Change{
				{Field: "statement", New: row.Statement}, {Field: "type", New: row.Type}, {Field: "status", New: row.Status},
				{Field: "csv_line", New: up.FileName + ":" + strconv.Itoa(g.line)}}); err != nil {
				return err
			}
		}
		return indexClaims(ctx, tx, textChanged, ids...)
	})
	if errors.Is(err, ErrAlreadyImported) {
		done, lerr := s.CSVUpload(ctx, actor, uploadID)
		if lerr != nil {
			return CSVUpload{}, lerr
		}
		return done, ErrAlreadyImported
	}
	if err != nil {
		return CSVUpload{}, err
	}
	return s.CSVUpload(ctx, actor, uploadID)
}

// checkMapping wants one choice per column, exactly one statement column,
// and no other kind twice.
func checkMapping(m []Column, n int) FieldErrors {
	errs := FieldErrors{}
	if len(m) != n {
		errs["mapping"] = "err.mapping_columns"
		return errs
	}
	seen := map[Column]int{}
	for i, c := range m {
		if _, err := ParseColumn(string(c)); err != nil {
			errs["col-"+strconv.Itoa(i)] = "err.invalid"
			continue
		}
		if c != ColIgnore {
			if _, dup := seen[c]; dup {
				errs["col-"+strconv.Itoa(i)] = "err.mapping_twice"
			}
			seen[c] = i
		}
	}
	if _, ok := seen[ColStatement]; !ok {
		errs["mapping"] = "err.mapping_statement"
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// csvClaimInput builds a claim from a row as the mapping says. Dates are
// read as the ClaimReview import reads them ("3 July 2019", Arabic-Indic
// digits, …); a date that cannot be read goes on as typed and fails
// validation with its reason.
func csvClaimInput(cells []string, in CSVImport) ClaimInput {
	ci := ClaimInput{Start: -1, End: -1, Type: string(TypeOther)}
	for i, c := range in.Mapping {
		v := strings.TrimSpace(cells[i])
		switch c {
		case ColStatement:
			ci.Statement = v
		case ColClaimant:
			ci.Claimant = v
		case ColClaimDate:
			if d := claimreview.ParseDate(v); d.Day != "" {
				v = d.Day
			}
			ci.ClaimDate = extract.NormalizeDigits(v)
		case ColType:
			if v != "" {
				ci.Type = v
				if t, ok := in.TypeNames[foldHeader(v)]; ok {
					ci.Type = string(t)
				} else if t, err := ParseType(strings.ToLower(v)); err == nil {
					ci.Type = string(t)
				}
			}
		case ColTags:
			ci.Tags = strings.ReplaceAll(v, ";", ",")
		}
	}
	return ci
}

// FoldTypeName is how CSVImport.TypeNames keys are written.
func FoldTypeName(s string) string { return foldHeader(s) }

func sortedKeys(m FieldErrors) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
