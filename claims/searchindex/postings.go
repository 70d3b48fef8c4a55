package searchindex

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"

	"gorm.io/gorm"
)

// PostgreSQL's postings (migration 00010): search_postings holds one row
// per (term, record) with a B-tree on (term, id), written with search_fts.
// GIN answers "which records hold these terms" in no order, at a heap page
// a match; the B-tree hands out a term's records newest or oldest first
// from the index alone (an index-only scan, about 0.25 µs a record), so a
// query that needs a page of the newest matches stops after that page, as
// FTS5 does on SQLite.

// pgPostingsInsert writes the postings of the search_fts rows ids (just
// inserted).
func pgPostingsInsert(tx *gorm.DB, ids []int64) error {
	return tx.Exec("INSERT INTO search_postings (term, id) SELECT DISTINCT t, f.id FROM search_fts f, unnest(f.terms) AS t"+
		" WHERE f.id = ANY(string_to_array(?, ' ')::bigint[]) AND "+postingTerm, joinIDs(ids)).Error
}

// pgPostingsDelete removes the postings of the search_fts rows ids, before
// those rows are deleted: each by its key, from the row's terms.
func pgPostingsDelete(tx *gorm.DB, ids []int64) error {
	return tx.Exec("DELETE FROM search_postings p USING (SELECT f.id, unnest(f.terms) AS t FROM search_fts f"+
		" WHERE f.id = ANY(string_to_array(?, ' ')::bigint[])) x WHERE p.term = x.t AND p.id = x.id AND "+postingTerm, joinIDs(ids)).Error
}

// postingTerm is the SQL condition on a row's term t that it has
// postings: not empty, not its kind's term (see kindTerm).
const postingTerm = "t <> '' AND left(t, 1) <> chr(57345)"

func joinIDs(ids []int64) string {
	var sb strings.Builder
	for i, id := range ids {
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(strconv.FormatInt(id, 10))
	}
	return sb.String()
}

func parseIDs(s string) ([]int64, error) {
	f := strings.Fields(s)
	ids := make([]int64, len(f))
	for i, v := range f {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil, err
		}
		ids[i] = id
	}
	return ids, nil
}

// window is a run of a group's matches in id order: every record in
// (lo, hi] holding one of the group's terms, beyond a cursor.
type window struct {
	ids      []int64 // in the order asked (newest first, or oldest when asc)
	complete bool    // no match lies beyond the last id
}

// pgGroupWindow reads the records holding one of terms, in (lo, hi] and
// beyond cursor (below it newest first; above it oldest first when asc; 0
// for no cursor): for each term its first n, in one query, merged. Where a
// term had more than n, what lies beyond its n-th record is cut, so the
// window holds every match up to where it ends (at least n of them unless
// complete).
func pgGroupWindow(ctx context.Context, db *gorm.DB, terms []string, lo, hi, cursor int64, asc bool, n int) (window, error) {
	terms = cleanTerms(terms)
	if len(terms) == 0 || n <= 0 {
		return window{complete: true}, nil
	}
	dir, cmp := "DESC", "<"
	if asc {
		dir, cmp = "ASC", ">"
	}
	sql := "SELECT array_to_string(ARRAY(SELECT p.id FROM search_postings p WHERE p.term = t AND p.id > ? AND p.id <= ?"
	args := []any{lo, hi}
	if cursor > 0 {
		sql += " AND p.id " + cmp + " ?"
		args = append(args, cursor)
	}
	sql += " ORDER BY p.id " + dir + " LIMIT ?), ' ') FROM unnest(" + pgTerms + ") t"
	args = append(args, n, strings.Join(terms, " "))
	var lists []string
	if err := db.WithContext(ctx).Raw(sql, args...).Scan(&lists).Error; err != nil {
		return window{}, err
	}
	// The window ends at the nearest of the cut terms' last records.
	cut := false
	var end int64
	seen := map[int64]bool{}
	var all []int64
	for _, l := range lists {
		ids, err := parseIDs(l)
		if err != nil {
			return window{}, err
		}
		if len(ids) == n {
			last := ids[n-1]
			if !cut || (!asc && last > end) || (asc && last < end) {
				end = last
			}
			cut = true
		}
		for _, id := range ids {
			if !seen[id] {
				seen[id] = true
				all = append(all, id)
			}
		}
	}
	w := window{complete: !cut}
	for _, id := range all {
		if !cut || (!asc && id >= end) || (asc && id <= end) {
			w.ids = append(w.ids, id)
		}
	}
	slices.Sort(w.ids)
	if !asc {
		slices.Reverse(w.ids)
	}
	return w, nil
}

// pgPostingsSearch is indexIDs on PostgreSQL through the postings: the
// rarest group's matches newest first, in windows, each window's records
// checked against the other groups and the dates by primary key (a few µs
// each). Windows grow fourfold; once pgWalk records have been checked, the
// rest (below where the walk stopped) are read from GIN.
func pgPostingsSearch(ctx context.Context, db *gorm.DB, q indexQuery) ([]int64, error) {
	d := driver(q.GroupDocs)
	lo, hi := int64(0), int64(1<<62)
	if q.MaxID > 0 {
		lo, hi = q.MinID-1, q.MaxID
	}
	// The other groups, the rarest first: a record fails sooner.
	var others []int
	for i := range q.Groups {
		if i != d {
			others = append(others, i)
		}
	}
	slices.SortStableFunc(others, func(a, b int) int { return cmp.Compare(q.GroupDocs[a], q.GroupDocs[b]) })
	var conds []string
	var cargs []any
	for _, i := range others {
		g := cleanTerms(q.Groups[i])
		if len(g) == 0 {
			return nil, nil
		}
		conds = append(conds, "EXISTS (SELECT 1 FROM search_postings p WHERE p.term = ANY("+pgTerms+") AND p.id = c.id)")
		cargs = append(cargs, strings.Join(g, " "))
	}
	dates := q.DayFrom != "" || q.DayTo != ""
	check := len(conds) > 0 || dates
	// A window's size: the records the rarest group needs to meet Limit
	// matches, as estimated, and a half again.
	n := q.Limit
	if check {
		n = int(min(maxWindow, max(int64(q.Limit), 3*int64(q.Limit)*q.GroupDocs[d]/max(2*q.Docs, 1))))
	}
	if q.window > 0 {
		n = q.window
	}
	cursor := q.Before
	var ids []int64
	var walked int64
	for {
		w, err := pgGroupWindow(ctx, db, q.Groups[d], lo, hi, cursor, false, n)
		if err != nil {
			return nil, err
		}
		hits := w.ids
		if check && len(hits) > 0 {
			// Each record is checked by the postings' primary key, one
			// probe a group, from the index alone: the same plan whatever
			// the words (a plan of the word index for the words, prepared
			// without them, read 800 rows to check 3,000 ids: 185 ms).
			var sb strings.Builder
			args := append([]any{joinIDs(hits)}, cargs...)
			sb.WriteString("SELECT c.id FROM unnest(string_to_array(?, ' ')::bigint[]) AS c(id)")
			if dates {
				sb.WriteString(" JOIN search_docs d ON d.id = c.id")
			}
			sb.WriteString(" WHERE TRUE")
			for _, c := range conds {
				sb.WriteString(" AND " + c)
			}
			bounded(&sb, &args, "c.id", indexQuery{DayFrom: q.DayFrom, DayTo: q.DayTo})
			sb.WriteString(" ORDER BY c.id DESC")
			if hits, err = scanIDs(ctx, db, sb.String(), args); err != nil {
				return nil, err
			}
		}
		ids = append(ids, hits...)
		if len(ids) >= q.Limit {
			return ids[:q.Limit], nil
		}
		if w.complete || len(w.ids) == 0 {
			return ids, nil
		}
		cursor = w.ids[len(w.ids)-1]
		walked += int64(len(w.ids))
		if walked >= q.pgWalk() {
			rest := q
			rest.Before, rest.Limit = cursor, q.Limit-len(ids)
			g, _ := rest.gin() // the groups were checked above
			more, err := pgSearchGIN(ctx, db, g, rest)
			return append(ids, more...), err
		}
		if q.window == 0 {
			n = min(4*n, maxWindow)
		}
	}
}

// pgWindowed reports that a page of a list in id order (newest or oldest
// first) is reached, on PostgreSQL, through windows of the matches (readWindow,
// fromWindow), so that it reads the claims of about a page rather than
// those of every match (from) or of the table (where): the rarest group's
// postings when the groups' counts are known (GroupDocs), or the matches
// Count read. Several groups with few matches not counted are left to GIN
// (from), which intersects them.
func (f Filter) pgWindowed(idOrder bool) bool {
	if !idOrder || !f.usable() {
		return false
	}
	return f.counted || len(f.GroupDocs) == len(f.Groups) && (len(f.Groups) == 1 || !f.few())
}

// windowSize is the size of a list's first window: the records of the
// rarest group a page of n rows needs, as the counts estimate, between n
// and maxWindow (the caller widens it for its other filters, see next).
func (f Filter) windowSize(n int) int {
	if f.FixedWindow > 0 {
		return f.FixedWindow
	}
	if f.counted {
		return n // every one of them matches
	}
	d := f.GroupDocs[driver(f.GroupDocs)]
	return int(min(maxWindow, max(int64(n), int64(n)*d/max(f.Docs, 1))))
}

// maxWindow is the largest window read at once (about 5 ms of postings,
// and for a list its rows looked up by primary key).
const maxWindow = 20000

// readWindow returns the rarest group's matches (index ids) beyond cursor (an
// index id; 0 for none), newest first or, when asc, oldest first: at least
// n of them unless complete (no match lies beyond them).
func (f Filter) readWindow(ctx context.Context, db *gorm.DB, cursor int64, asc bool, n int) (ids []int64, complete bool, err error) {
	if f.counted {
		ids, complete := countedWindow(f.matches, cursor, asc, n)
		return ids, complete, nil
	}
	w, err := pgGroupWindow(ctx, db, f.Groups[driver(f.GroupDocs)], f.MinID, f.MaxID, cursor, asc, n)
	return w.ids, w.complete, err
}

// countedWindow is a window of the matches Count read: the first n beyond
// cursor, in the order asked, and whether they are the last.
func countedWindow(matches []int64, cursor int64, asc bool, n int) ([]int64, bool) {
	var out []int64
	for _, id := range matches {
		if cursor == 0 || (asc && id > cursor) || (!asc && id < cursor) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	if !asc {
		slices.Reverse(out)
	}
	return out[:min(n, len(out))], len(out) <= n
}

// fromWindow is from for a window (see readWindow): the rows of table whose
// records are ids, with the condition (cond, over alias) that they hold the
// other groups too ("" for none). indexID is as in From.
func (f Filter) fromWindow(db *gorm.DB, table, alias string, ids []int64) (from, indexID string, args []any, cond string, cargs []any) {
	from, indexID, args = f.idsFrom(table, alias, ids)
	if len(f.Groups) > 1 && !f.counted {
		cond, cargs = f.where(db, alias)
	}
	return from, indexID, args, cond, cargs
}

// idsFrom is the FROM clause of the rows of table whose records are ids,
// by primary key.
func (f Filter) idsFrom(table, alias string, ids []int64) (from, indexID string, args []any) {
	rows := make([]int64, len(ids))
	for i, id := range ids {
		rows[i] = id - f.MinID
	}
	return "(SELECT * FROM " + table + " WHERE id = ANY(string_to_array(?, ' ')::bigint[])) " + alias, f.indexID(alias), []any{joinIDs(rows)}
}

// next is the size of the window after one of n records, of which the
// caller's other filters kept kept (0 for a window not yet read) while it
// still wants missing rows: sized by the share kept, and half again, or four
// times n when none was kept; at most maxWindow (FixedWindow when set).
func (f Filter) next(n, kept, missing int) int {
	if f.FixedWindow > 0 {
		return f.FixedWindow
	}
	if kept > 0 {
		return min(maxWindow, missing*n*3/(2*kept)+1)
	}
	return min(4*n, maxWindow)
}
