package claims

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims/searchindex"
)

// Filter selects claims for the list, the queue and the board.
type Filter struct {
	Status     string
	Type       string
	ArticleID  int64
	AssigneeID int64
	Tag        string
	Lang       string
	Text       string
	Sort       string // "newest" (default), "oldest", "updated", "priority"
	After      string // opaque cursor from the previous page
	Limit      int
}

// Sorts lists the accepted sort orders.
var Sorts = []string{"newest", "oldest", "updated", "priority"}

// ClaimPage is one page of results with the cursor to the next.
type ClaimPage struct {
	Claims []Claim
	Next   string
}

// Validate refuses unknown vocabulary values instead of silently ignoring
// them, so a mistyped filter is visible.
func (f *Filter) Validate() FieldErrors {
	errs := FieldErrors{}
	if f.Status != "" {
		if _, err := ParseStatus(f.Status); err != nil {
			errs["status"] = "err.status"
		}
	}
	if f.Type != "" {
		if _, err := ParseType(f.Type); err != nil {
			errs["type"] = "err.type"
		}
	}
	if f.Lang != "" && f.Lang != "ar" && f.Lang != "en" {
		errs["lang"] = "err.invalid"
	}
	if f.Sort == "" {
		f.Sort = "newest"
	}
	if !oneOf(f.Sort, Sorts) {
		errs["sort"] = "err.invalid"
	}
	f.Text = strings.TrimSpace(f.Text)
	if len(f.Text) > 500 {
		errs["q"] = "err.too_long"
	}
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 50
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

const priorityRank = "c.priority_rank"

// where adds the filter's conditions (not its sort, cursor or limit) to a
// query of claims c: the claim list and the exports select alike.
func (f Filter) where(q *gorm.DB) *gorm.DB {
	if f.Status != "" {
		q = q.Where("c.status = ?", f.Status)
	}
	if f.Type != "" {
		q = q.Where("c.type = ?", f.Type)
	}
	if f.ArticleID != 0 {
		q = q.Where("c.article_id = ?", f.ArticleID)
	}
	if f.AssigneeID != 0 {
		q = q.Where("c.assignee_id = ?", f.AssigneeID)
	}
	if f.Lang != "" {
		q = q.Where("c.lang = ?", f.Lang)
	}
	if f.Tag != "" {
		q = q.Where("c.id IN (SELECT claim_id FROM claim_tags WHERE tag = ?)", strings.ToLower(strings.TrimSpace(f.Tag)))
	}
	return q
}

// Words in the claim list's free text (?q=) are found through the search
// index (claims/searchindex), as on the search page: a claim is listed when
// its statement, restatement, claimant or tags hold every word, each word
// folded and stemmed, matched as a whole word, as a name, or as part of a
// word (see searchindex.TextFilter). Text without any word (only
// punctuation or symbols) matches no claim.
//
// The list keeps its own filters, orders and keyset paging. When few claims
// hold the words, they are read from the index and sorted; otherwise the
// list walks the claims in its order (with the filters' indexes) and checks
// each against the index, or on SQLite, newest or oldest first, walks the
// index itself in id order (searchindex.ListPlan). Either way a page
// stops at its last row. An article's claims (hundreds, a few thousand) are
// walked rather than a common word's matches.

// textQuery is how a list query reaches the claims holding f.Text's words:
// the query to start from (claims c, from the word index when drive is
// set), its extra condition, and the index's id column.
type textQuery struct {
	none  bool // no word: nothing matches
	drive bool // the query is driven by the word index
	// windows, when set, is how a page in id order reads the matches
	// window by window (PostgreSQL; see searchindex.ListPlan); from and
	// cond are then the walk that follows the windows when they do not
	// fill the page.
	windows *searchindex.Windows
	// idsFirst, when set: a walk reads the page's ids, then their rows,
	// kept by the condition it returns (see searchindex.ListPlan.PageIDs).
	idsFirst func(walk *gorm.DB) (string, []any)
	from     string
	args     []any
	cond     string
	cArgs    []any
	indexID  string
	minID    int64
}

// text resolves f.Text for a query in the order sort.
// A page (windows set) may read the matches window by window (see
// windowRows); a scan reads them all.
func (s *Service) text(ctx context.Context, f Filter, sort string, windows bool) (textQuery, error) {
	if f.Text == "" {
		return textQuery{from: "claims c"}, nil
	}
	// An article's claims are few (hundreds, a few thousand): walking them
	// costs less than walking a common word's matches to find them.
	byID := (sort == "newest" || sort == "oldest") && f.ArticleID == 0
	p, err := searchindex.New(s.db).ListPlan(ctx, searchindex.KindClaim, f.Text, searchindex.List{Table: "claims", Alias: "c",
		IDOrder: byID, Windows: windows, BeforeCount: s.beforeCount, Tune: s.plan})
	if err != nil || p.None {
		return textQuery{none: p.None}, err
	}
	return textQuery{drive: p.Drive, windows: p.Windows, idsFirst: p.PageIDs, from: p.From, args: p.Args,
		cond: p.Cond, cArgs: p.CondArgs, indexID: p.IndexID, minID: p.MinID}, nil
}

// query starts a query of the claims matching f (and tq), with columns sel
// and the joins for the names of article and assignee.
func (f Filter) query(db *gorm.DB, tq textQuery, sel string) *gorm.DB {
	q := db.Table(tq.from, tq.args...).Select(sel).
		Joins("LEFT JOIN articles a ON a.id = c.article_id").
		Joins("LEFT JOIN users u ON u.id = c.assignee_id")
	if tq.cond != "" {
		q = q.Where(tq.cond, tq.cArgs...)
	}
	return f.where(q)
}

// Claims lists claims matching f, keyset-paginated: each page continues from
// the last row of the previous one, so deep pages cost what the first does.
func (s *Service) Claims(ctx context.Context, f Filter) (ClaimPage, error) {
	if errs := f.Validate(); errs != nil {
		return ClaimPage{}, errs
	}
	cur, err := decodeCursor(f.After)
	if err != nil {
		return ClaimPage{}, FieldErrors{"after": "err.invalid"}
	}
	tq, err := s.text(ctx, f, f.Sort, true)
	if err != nil || tq.none {
		return ClaimPage{}, err
	}
	var rows []claimView
	if tq.windows != nil {
		rows, err = s.windowRows(ctx, f, tq, cur)
	} else {
		rows, err = s.pageRows(ctx, f, tq, cur, f.Limit+1)
	}
	if err != nil {
		return ClaimPage{}, err
	}
	var page ClaimPage
	for i, r := range rows {
		if i == f.Limit {
			last := rows[f.Limit-1]
			page.Next = encodeCursor(cursor{id: last.Row.ID, t: last.Row.UpdatedAt, n: last.Row.PriorityRank})
			break
		}
		page.Claims = append(page.Claims, r.claim())
	}
	return page, nil
}

// maxWindowed is how many of a word's matches a page reads through windows
// of postings before it walks the claims instead: beyond it, the other
// filters keep so few of the matches that their own indexes find the page
// sooner.
const maxWindowed = 60000

// windowRows reads a page in id order through windows of the word index's
// postings (PostgreSQL, many matches): the matches beyond the cursor, a
// window at a time, each window's claims filtered and sorted by the list's
// query, until the page is full or the matches run out. Past maxWindowed
// matches it walks the claims beyond the last window, as without windows.
func (s *Service) windowRows(ctx context.Context, f Filter, tq textQuery, cur *cursor) ([]claimView, error) {
	m := tq.windows
	asc := f.Sort == "oldest"
	var at int64 // the cursor, in index ids
	if cur != nil {
		at = m.MinID + cur.id
	}
	want := f.Limit + 1
	var rows []claimView
	read := 0
	n := m.Size(want)
	if f.Status != "" || f.Type != "" || f.AssigneeID != 0 || f.Lang != "" || f.Tag != "" {
		// The other filters keep some of the window's claims only (a
		// status about one in six): start larger.
		n = m.Next(n, 0, want)
	}
	for {
		kept := len(rows)
		ids, complete, err := m.Read(ctx, at, asc, n)
		if err != nil {
			return nil, err
		}
		if len(ids) > 0 {
			wq := textQuery{drive: true, minID: m.MinID}
			wq.from, wq.indexID, wq.args, wq.cond, wq.cArgs = m.Rows(ids)
			more, err := s.pageRows(ctx, f, wq, nil, want-len(rows))
			if err != nil {
				return nil, err
			}
			rows = append(rows, more...)
		}
		if len(rows) >= want || complete || len(ids) == 0 {
			return rows, nil
		}
		n = m.Next(len(ids), len(rows)-kept, want-len(rows))
		at = ids[len(ids)-1]
		if read += len(ids); read >= maxWindowed {
			// The walk, beyond the last window.
			c := &cursor{id: at - m.MinID}
			more, err := s.pageRows(ctx, f, tq, c, want-len(rows))
			return append(rows, more...), err
		}
	}
}

// pageRows runs the list query of f (with tq) for at most limit rows after
// cur, in f's order.
func (s *Service) pageRows(ctx context.Context, f Filter, tq textQuery, cur *cursor, limit int) ([]claimView, error) {
	// Newest and oldest page on the claim's id, or on its id in the word
	// index when the index drives the query (the same order).
	id, offset := "c.id", int64(0)
	if tq.drive {
		id, offset = tq.indexID, tq.minID
	}
	order := func(q *gorm.DB, paged bool) *gorm.DB {
		switch f.Sort {
		case "oldest":
			if paged {
				q = q.Where(id+" > ?", offset+cur.id)
			}
			return q.Order(id + " ASC")
		case "updated":
			if paged {
				q = q.Where("(c.updated_at < ? OR (c.updated_at = ? AND c.id < ?))", cur.t, cur.t, cur.id)
			}
			return q.Order("c.updated_at DESC, c.id DESC")
		case "priority":
			if paged {
				q = q.Where("("+priorityRank+" < ? OR ("+priorityRank+" = ? AND c.id < ?))", cur.n, cur.n, cur.id)
			}
			return q.Order(priorityRank + " DESC, c.id DESC")
		}
		if paged {
			q = q.Where(id+" < ?", offset+cur.id)
		}
		return q.Order(id + " DESC")
	}
	var rows []claimView
	if tq.idsFirst != nil && !tq.drive && tq.cond != "" {
		// The walk reads the claims' ids in the list's order, from the
		// order's index alone where the filters allow, checking each
		// against the word index; then the page's rows by primary key.
		walk := f.where(s.db.Table("claims c").Select("c.id").Where(tq.cond, tq.cArgs...))
		walk = order(walk, cur != nil).Limit(limit)
		page := textQuery{from: "claims c"}
		page.cond, page.cArgs = tq.idsFirst(walk)
		err := order(Filter{}.query(s.db.WithContext(ctx), page, claimSelect), false).Scan(&rows).Error
		return rows, err
	}
	q := order(f.query(s.db.WithContext(ctx), tq, claimSelect), cur != nil)
	err := q.Limit(limit).Scan(&rows).Error
	return rows, err
}

// rankOf is the stored priority_rank of a priority.
func rankOf(p string) int {
	switch Priority(p) {
	case PriorityUrgent:
		return 4
	case PriorityHigh:
		return 3
	case PriorityNormal:
		return 2
	}
	return 1
}

type cursor struct {
	id int64
	t  time.Time
	n  int
}

func encodeCursor(c cursor) string {
	raw := fmt.Sprintf("%d|%d|%d", c.id, c.t.UnixNano(), c.n)
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

func decodeCursor(s string) (*cursor, error) {
	if s == "" {
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, err
	}
	parts := strings.Split(string(b), "|")
	if len(parts) != 3 {
		return nil, fmt.Errorf("bad cursor")
	}
	id, err1 := strconv.ParseInt(parts[0], 10, 64)
	ns, err2 := strconv.ParseInt(parts[1], 10, 64)
	n, err3 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil || err3 != nil {
		return nil, fmt.Errorf("bad cursor")
	}
	return &cursor{id: id, t: time.Unix(0, ns).UTC(), n: n}, nil
}

// Board groups claims by status (the most recent per column, with counts).
type Board struct {
	Columns []BoardColumn
}

// BoardColumn is one status of the board.
type BoardColumn struct {
	Status Status
	Count  int64
	Claims []Claim
}

// Board returns each status with its count and its most recently updated
// claims, limited per column, narrowed by f (status is ignored).
func (s *Service) Board(ctx context.Context, f Filter, perColumn int) (Board, error) {
	f.Status = ""
	f.Sort = "updated"
	f.Limit = perColumn
	var b Board
	counts, err := s.StatusCounts(ctx, f.AssigneeID)
	if err != nil {
		return b, err
	}
	for _, st := range Statuses {
		f.Status = string(st)
		page, err := s.Claims(ctx, f)
		if err != nil {
			return b, err
		}
		b.Columns = append(b.Columns, BoardColumn{Status: st, Count: counts[st], Claims: page.Claims})
	}
	return b, nil
}

// StatusCounts counts claims per status (for one assignee when id != 0).
func (s *Service) StatusCounts(ctx context.Context, assigneeID int64) (map[Status]int64, error) {
	var rows []struct {
		Status string
		N      int64
	}
	q := s.db.WithContext(ctx).Table("claims").Select("status, COUNT(*) AS n").Group("status")
	if assigneeID != 0 {
		q = q.Where("assignee_id = ?", assigneeID)
	}
	if err := q.Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := map[Status]int64{}
	for _, r := range rows {
		out[Status(r.Status)] = r.N
	}
	return out, nil
}
