package sources

import (
	"context"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/factdesk/factdesk/claims/fold"
	"github.com/factdesk/factdesk/claims/searchindex"
)

// Filter selects sources for the library list and the search as you type.
type Filter struct {
	Text  string // matched against title, publisher, author, URL and notes, folded
	Kind  string
	Lang  string
	After string // opaque cursor from the previous page
	Limit int
}

// Item is a source in a list, with the number of claims it is evidence for.
type Item struct {
	Source
	Claims int
}

// Page is one page of sources, newest first, with the cursor to the next.
type Page struct {
	Sources []Item
	Next    string
}

// MaxQuery is the longest search text accepted (in characters).
const MaxQuery = 200

// Validate refuses unknown vocabulary values and bad cursors, so a mistyped
// filter is visible rather than silently ignored.
func (f *Filter) Validate() FieldErrors {
	errs := FieldErrors{}
	f.Text = strings.TrimSpace(f.Text)
	if utf8.RuneCountInString(f.Text) > MaxQuery {
		errs["q"] = "err.too_long"
	}
	if f.Kind != "" {
		if _, err := ParseKind(f.Kind); err != nil {
			errs["kind"] = "err.kind"
		}
	}
	if f.Lang != "" && !validLang(f.Lang) {
		errs["lang"] = "err.invalid"
	}
	if f.After != "" {
		if n, err := strconv.ParseInt(f.After, 10, 64); err != nil || n <= 0 {
			errs["after"] = "err.invalid"
		}
	}
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 50
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// Sources lists the library, newest first, keyset-paginated on the id so a
// deep page costs what the first does. A text that is the URL of a stored
// source (however it is written) finds that source.
func (s *Service) Sources(ctx context.Context, f Filter) (Page, error) {
	if errs := f.Validate(); errs != nil {
		return Page{}, errs
	}
	if f.Text != "" {
		if norm, err := NormalizeURL(f.Text); err == nil {
			page, err := s.list(ctx, f, "sources s", nil, "s.id", "s.url_norm = ?", norm)
			if err != nil || len(page.Sources) > 0 {
				return page, err
			}
		}
	}
	from, id, args := searchindex.TextMatch(s.db, "sources", "s", "search_text", fold.String(f.Text))
	return s.list(ctx, f, from, args, id, "")
}

// list runs the list query: from (with fromArgs) selects the rows as "s", id
// is the column that orders and pages them, where an extra condition.
func (s *Service) list(ctx context.Context, f Filter, from string, fromArgs []any, id, where string, whereArgs ...any) (Page, error) {
	q := s.db.WithContext(ctx).Table(from, fromArgs...).Select("s.*")
	if where != "" {
		q = q.Where(where, whereArgs...)
	}
	if f.Kind != "" {
		q = q.Where("s.kind = ?", f.Kind)
	}
	if f.Lang != "" {
		q = q.Where("s.lang = ?", f.Lang)
	}
	if f.After != "" {
		after, _ := strconv.ParseInt(f.After, 10, 64)
		q = q.Where(id+" < ?", after)
	}
	var rows []sourceRow
	if err := q.Order(id + " DESC").Limit(f.Limit + 1).Scan(&rows).Error; err != nil {
		return Page{}, err
	}
	var page Page
	if len(rows) > f.Limit {
		rows = rows[:f.Limit]
		page.Next = strconv.FormatInt(rows[len(rows)-1].ID, 10)
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	uses, err := s.useCounts(ctx, ids)
	if err != nil {
		return Page{}, err
	}
	for _, r := range rows {
		page.Sources = append(page.Sources, Item{Source: r.source(), Claims: uses[r.ID]})
	}
	return page, nil
}

// useCounts counts, in one query, the claims each source is evidence for.
func (s *Service) useCounts(ctx context.Context, ids []int64) (map[int64]int, error) {
	out := map[int64]int{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		SourceID int64
		N        int
	}
	err := s.db.WithContext(ctx).Table("evidence").Select("source_id, COUNT(DISTINCT claim_id) AS n").
		Where("source_id IN ?", ids).Group("source_id").Scan(&rows).Error
	for _, r := range rows {
		out[r.SourceID] = r.N
	}
	return out, err
}
