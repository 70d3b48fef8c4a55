package searchindex

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/migrations"
)

// postgres is the word index on PostgreSQL (migrations 00008, 00010–00012):
// search_fts (id, terms TEXT[]) with a GIN index over the terms, each row
// also holding its kind's term (kindTerm); the postings, search_postings
// (postings.go); and a pg_trgm GIN index and a byte-order index over
// search_terms.term. Terms always travel as bound parameters (one string of
// space-separated terms, cut by string_to_array), never as SQL. Which way
// a query takes is chosen from the vocabulary's counts (postgres_costs.go).
type postgres struct{}

func (postgres) delete(tx *gorm.DB, ids []int64) error {
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		if err := pgPostingsDelete(tx, chunk); err != nil {
			return err
		}
		if err := tx.Exec("DELETE FROM search_fts WHERE id IN ?", chunk).Error; err != nil {
			return err
		}
	}
	return nil
}

func (postgres) insert(tx *gorm.DB, ids []int64, kinds, terms []string) error {
	const batch = 200
	for start := 0; start < len(ids); start += batch {
		end := min(start+batch, len(ids))
		var sb strings.Builder
		args := make([]any, 0, 2*(end-start))
		sb.WriteString("INSERT INTO search_fts (id, terms) VALUES ")
		for i := start; i < end; i++ {
			if i > start {
				sb.WriteByte(',')
			}
			sb.WriteString("(?," + pgTerms + ")")
			t := terms[i]
			if kinds[i] != "" {
				t += " " + kindTerm(kinds[i]) // see kindTerm
			}
			args = append(args, ids[i], t)
		}
		if err := tx.Exec(sb.String(), args...).Error; err != nil {
			return err
		}
		if err := pgPostingsInsert(tx, ids[start:end]); err != nil {
			return err
		}
	}
	return nil
}

func (postgres) clear(tx *gorm.DB) error {
	if err := tx.Exec("DELETE FROM search_fts").Error; err != nil {
		return err
	}
	return tx.Exec("DELETE FROM search_postings").Error
}

// compact has nothing to do: GIN's pending list is cleaned by autovacuum.
func (postgres) compact(*gorm.DB, int) error { return nil }

// count reads the matches of several groups themselves, when their counts
// taken as independent do not put far more than fewMatches records in all
// of them (see Filter.Count), and keeps them for from: reading them from
// GIN costs a heap page each, and from would read them again.
func (postgres) count(ctx context.Context, db *gorm.DB, f *Filter) (int64, bool, error) {
	if f.together() {
		return 0, false, nil
	}
	conds, args := f.pgConds("terms")
	var ids []int64
	err := db.WithContext(ctx).Raw(migrations.WithValues("SELECT id FROM search_fts WHERE "+conds+" AND id > ? AND id <= ? LIMIT ?"),
		append(args, f.MinID, f.MaxID, fewMatches+1)...).Scan(&ids).Error
	n := int64(len(ids))
	if err == nil && n <= fewMatches {
		f.matches, f.counted = ids, true
	}
	return n, true, err
}

// plan: PostgreSQL walks the table looking each row up, as for any other
// order, unless few records match (its planner, left to choose, read all
// 25,000 matches of a word to sort them: 30 ms, against 13 ms walked). A
// page in id order is read through windows of the matches (see
// pgWindowed), and a walk reads the page's ids first, then their rows: it
// then reads only the order's index (an index-only scan), not every row it
// passes.
func (postgres) plan(f Filter, idOrder bool) listWay {
	return listWay{drive: f.few(), windows: f.pgWindowed(idOrder), idsFirst: true}
}

// from reads the few matches from the GIN index (or one group's from its
// postings) and their rows by primary key, then sorts them (left to plan a
// join, its planner estimates a word missing from its statistics at
// hundreds of records and walks every record of the kind to find three).
func (postgres) from(f Filter, table, alias string) (from, indexID string, args []any) {
	// The matches as an array, read once (an InitPlan), then the rows
	// by primary key: the planner has no estimate of the array to
	// mistrust. (Joined to the matches instead, it took its estimate
	// of 38,000 records for 128 and merged the join over every row
	// of the table: 150–290 ms.)
	if len(f.Groups) == 1 {
		// One group: its postings, from the B-tree alone (about 0.25
		// µs a record, against a heap page each from GIN).
		return "(SELECT * FROM " + table + " WHERE id = ANY(ARRAY(SELECT DISTINCT id - ? FROM search_postings WHERE term = ANY(" + pgTerms +
				") AND id > ? AND id <= ?))) " + alias,
			f.indexID(alias), []any{f.MinID, strings.Join(cleanTerms(f.Groups[0]), " "), f.MinID, f.MaxID}
	}
	if f.counted {
		// Count read them: by primary key.
		return f.idsFrom(table, alias, f.matches)
	}
	conds, args := f.pgConds("terms")
	return migrations.WithValues("(SELECT * FROM "+table+" WHERE id = ANY(ARRAY(SELECT id - ? FROM search_fts WHERE ") + conds +
			" AND id > ? AND id <= ?))) " + alias,
		f.indexID(alias), append(append([]any{f.MinID}, args...), f.MinID, f.MaxID)
}

// where checks each row walked against the index: against a hash table of
// the rarest group's postings when that costs less (pgSetWalk), else by
// looking the row up (see Filter.Where).
func (postgres) where(f Filter, alias string) (cond string, args []any) {
	if r, ok := f.pgSetWalk(); ok {
		// The rarest group's matches, read once from its postings
		// into a hash table (a hashed SubPlan: the IS TRUE keeps
		// PostgreSQL from flattening the IN into a join, which it
		// might then plan as a read and sort of every match), each
		// row walked checked against it; the other groups, if any,
		// are looked up for the rows it keeps. The LIMIT is far
		// above the postings there can be (the vocabulary's counts,
		// sampled for common terms, are within a few per cent), and
		// keeps the planner's estimate of them, and so the hash
		// table, within work_mem whatever its statistics say.
		cond := "(" + alias + ".id IN (SELECT id - ? FROM search_postings WHERE term = ANY(" + pgTerms + ") AND id > ? AND id <= ? LIMIT ?)) IS TRUE"
		args := []any{f.MinID, strings.Join(cleanTerms(f.Groups[r]), " "), f.MinID, f.MaxID, 4*f.GroupDocs[r] + 10000}
		if len(f.Groups) > 1 {
			rest := f
			rest.Groups = append(append([][]string(nil), f.Groups[:r]...), f.Groups[r+1:]...)
			conds, cargs := rest.pgConds("m.terms")
			cond += " AND (SELECT " + conds + " FROM search_fts m WHERE m.id = " + alias + ".id + ?)"
			args = append(append(args, cargs...), f.MinID)
		}
		return migrations.WithValues(cond), args
	}
	// A scalar subquery, which PostgreSQL never flattens into a join
	// (an EXISTS it would, and might then read every match).
	conds, args := f.pgConds("m.terms")
	return migrations.WithValues("(SELECT " + conds + " FROM search_fts m WHERE m.id = " + alias + ".id + ?)"), append(args, f.MinID)
}

// pgTerms is the SQL that turns one bound string of space-separated terms
// into a text array (empty elements dropped).
const pgTerms = "array_remove(string_to_array(?, ' '), '')"

// ids is indexIDs on PostgreSQL: from the read the kinds of one
// search share (pgShared), or through the postings when walking them costs
// less (see usePostings), else through GIN.
func (postgres) ids(ctx context.Context, db *gorm.DB, q indexQuery) ([]int64, error) {
	if q.Limit <= 0 {
		return nil, nil
	}
	g, ok := q.gin()
	if !ok {
		return nil, nil // a group nothing can satisfy
	}
	if ids, done, err := pgShared(ctx, db, g, q); done || err != nil {
		return ids, err
	}
	if q.usePostings() {
		return pgPostingsSearch(ctx, db, q)
	}
	return pgSearchGIN(ctx, db, g, q)
}

// kindScan is how many records a kind has at most for its id range to be
// read row by row rather than through GIN and its term.
const kindScan = 20000

// ginQuery is q's conditions on the GIN index: a group is "terms &&
// ARRAY[…]" (one of them), groups are ANDed, AnyOf is an OR of "terms @>
// ARRAY[…]" (all of them). kwhere and kargs add the kind's term (kindTerm)
// for a read of one kind, when that kind is a minority of the records but
// not a small one; where and args are for every kind.
type ginQuery struct {
	from, where, kwhere string
	args, kargs         []any
}

// gin builds q's ginQuery; false when nothing can match.
func (q indexQuery) gin() (ginQuery, bool) {
	var conds []string
	var args []any
	for _, g := range q.Groups {
		g = cleanTerms(g)
		if len(g) == 0 {
			return ginQuery{}, false
		}
		conds = append(conds, "m.terms && "+pgTerms)
		args = append(args, strings.Join(g, " "))
	}
	if len(q.AnyOf) > 0 {
		var alts []string
		for _, set := range q.AnyOf {
			set = cleanTerms(set)
			if len(set) != 0 {
				alts = append(alts, "m.terms @> "+pgTerms)
				args = append(args, strings.Join(set, " "))
			}
		}
		if len(alts) == 0 {
			return ginQuery{}, false
		}
		conds = append(conds, "("+strings.Join(alts, " OR ")+")")
	}
	if len(conds) == 0 {
		return ginQuery{}, false
	}
	g := ginQuery{from: "search_fts m", where: strings.Join(conds, " AND "), args: args}
	g.kwhere, g.kargs = g.where, g.args
	// Only a kind with less than half of the records gains: for a larger
	// one, most matches are its own, and GIN pays for walking its term's
	// long list ("checked before" in claims: 23 ms without, 33 ms with).
	// A small kind is read from its id range (1,285 prior checks: about
	// 1 ms; through GIN with its term, 6.7 ms).
	if q.Kind != "" && q.Records > kindScan && 2*q.Records < q.AllRecords {
		g.kwhere += " AND m.terms && " + pgTerms
		g.kargs = append(append([]any(nil), args...), kindTerm(q.Kind))
	}
	if q.DayFrom != "" || q.DayTo != "" {
		g.from += " JOIN search_docs d ON d.id = m.id"
	}
	return g, true
}

// pgSearchGIN answers indexIDs from the GIN index (g): few matches are
// read and sorted, many walked newest first. q.Limit is positive.
func pgSearchGIN(ctx context.Context, db *gorm.DB, g ginQuery, q indexQuery) ([]int64, error) {
	if q.Records <= 0 {
		var sb strings.Builder
		sb.WriteString(migrations.WithValues("SELECT m.id FROM " + g.from + " WHERE " + g.where))
		return searchIDsBounded(ctx, db, &sb, g.args, "m.id", q)
	}
	if q.pgFew() {
		if !q.postingsKnown() {
			// Every match (AnyOf: "checked before"): walking the kind's
			// records, each checked against every alternative, costs far
			// more than reading more matches than estimated (180,000
			// records walked in about a second).
			return pgRead(ctx, db, g.from, g.kwhere, g.kargs, q)
		}
		// A read stops past the most matches reading is worth (fewest):
		// words used together match far more records than their counts
		// suggest ("في" and "عالم": 4,100 claims estimated, 36,000 found,
		// 90 ms to read them all). Then walk the postings.
		ids, many, err := pgReadUpTo(ctx, db, g.from, g.kwhere, g.kargs, q, q.fewest())
		if !many {
			return ids[:min(len(ids), q.Limit)], err
		}
		q.Docs = max(q.Docs, q.fewest()+1)
		return pgPostingsSearch(ctx, db, q)
	}
	// Many matches: walk the kind's records newest first, checking each
	// row's terms as it comes (the GIN index is not used), at most
	// pgWalk rows: the estimate is of every kind's records scaled to this
	// one's share, and a word common elsewhere may be rare here. When the
	// walk ends short of Limit matches, the rest (below where it stopped,
	// so few) are read from the index.
	walk := q.pgWalk()
	var sb strings.Builder
	wargs := append([]any{q.Limit}, g.args...)
	sb.WriteString(migrations.WithValues("SELECT COALESCE(array_to_string((array_agg(id ORDER BY id DESC) FILTER (WHERE hit))[1:?], ' '), '') AS hits," +
		" COUNT(*) AS walked, COALESCE(MIN(id), 0) AS last FROM (SELECT m.id, (" + g.where + ") AS hit FROM " + g.from + " WHERE TRUE"))
	bounded(&sb, &wargs, "m.id", q)
	sb.WriteString(" ORDER BY m.id DESC LIMIT ?) x")
	var r struct {
		Hits   string
		Walked int64
		Last   int64
	}
	if err := db.WithContext(ctx).Raw(sb.String(), append(wargs, walk)...).Scan(&r).Error; err != nil {
		return nil, err
	}
	ids, err := parseIDs(r.Hits)
	if err != nil {
		return nil, err
	}
	if len(ids) >= q.Limit || r.Walked < walk {
		return ids, nil
	}
	rest := q
	rest.Before, rest.Limit = r.Last, q.Limit-len(ids)
	more, err := pgRead(ctx, db, g.from, g.kwhere, g.kargs, rest)
	return append(ids, more...), err
}

// pgRead reads every match of q from the GIN index as an array, once (an
// InitPlan), then sorts them. Left to plan "ORDER BY id DESC LIMIT n"
// itself, the planner takes a rare word for a common one and walks every
// record of the kind to find the few that hold it.
func pgRead(ctx context.Context, db *gorm.DB, from, where string, args []any, q indexQuery) ([]int64, error) {
	var sb strings.Builder
	args = append([]any(nil), args...)
	sb.WriteString(migrations.WithValues("SELECT id FROM unnest(ARRAY(SELECT m.id FROM " + from + " WHERE " + where))
	bounded(&sb, &args, "m.id", q)
	sb.WriteString(")) id ORDER BY id DESC LIMIT ?")
	return scanIDs(ctx, db, sb.String(), append(args, q.Limit))
}

// pgShared answers q from the read that the kinds of its search share
// (q.Reads), and reports whether it did. GIN finds a query's matches in
// every kind, so that reading the matches of every kind at once costs
// hardly more than one kind's (at a million claims: 1.7 ms for four words
// and 93 matches, whichever kind was asked). The first kind that finds the
// read worth it makes it; the others take theirs from it. It is worth it
// when all the kinds' matches together are few (pgFew over every record)
// and reading them costs no more than this kind's own search, with the
// others' saved.
func pgShared(ctx context.Context, db *gorm.DB, g ginQuery, q indexQuery) ([]int64, bool, error) {
	r := q.Reads
	if r == nil || q.Before > 0 || q.MaxID <= 0 || q.Records <= 0 || q.AllRecords < q.Records {
		return nil, false, nil
	}
	key := fmt.Sprintf("%s\x00%s\x00%q\x00%s\x00%s", g.from, g.where, g.args, q.DayFrom, q.DayTo)
	e, ok := r.found[key]
	if !ok {
		whole := q.whole()
		read, _ := whole.pgCosts()
		if !whole.pgFew() || read > q.ownCost()+float64(r.kinds-1)*kindNs {
			return nil, false, nil
		}
		// The read stops where walking the postings would cost less;
		// without them (AnyOf), every kind would read every match anyway.
		all := indexQuery{DayFrom: q.DayFrom, DayTo: q.DayTo, readMax: q.readMax}
		most := int64(1 << 62)
		if q.postingsKnown() {
			most = whole.fewest()
		}
		var err error
		if e.ids, e.many, err = pgReadUpTo(ctx, db, g.from, g.where, g.args, all, most); err != nil {
			return nil, false, err
		}
		r.found[key], r.made = e, r.made+1
	}
	if e.many {
		return nil, false, nil
	}
	var ids []int64
	for _, id := range e.ids {
		if id >= q.MinID && id <= q.MaxID {
			if ids = append(ids, id); len(ids) == q.Limit {
				break
			}
		}
	}
	return ids, true, nil
}

// pgReadUpTo reads q's matches (its cursor, id range and dates; not its
// Limit) newest first, or reports many when there are more than n.
func pgReadUpTo(ctx context.Context, db *gorm.DB, from, where string, args []any, q indexQuery, n int64) ([]int64, bool, error) {
	if q.readMax > 0 {
		n = q.readMax
	}
	var sb strings.Builder
	args = append([]any(nil), args...)
	sb.WriteString(migrations.WithValues("SELECT m.id FROM " + from + " WHERE " + where))
	bounded(&sb, &args, "m.id", q)
	sb.WriteString(" LIMIT ?")
	ids, err := scanIDs(ctx, db, sb.String(), append(args, n+1))
	if err != nil || int64(len(ids)) > n {
		return nil, err == nil, err
	}
	slices.Sort(ids)
	slices.Reverse(ids)
	return ids, false, nil
}

// indexID is the index id of the rows of alias (PostgreSQL): the kind's
// offset plus the row's id.
func (f Filter) indexID(alias string) string {
	return "(" + alias + ".id + " + strconv.FormatInt(f.MinID, 10) + ")"
}

// pgConds is the PostgreSQL condition on a terms column: it overlaps each
// group, as in indexIDs.
func (f Filter) pgConds(col string) (string, []any) {
	var conds []string
	var args []any
	for _, g := range f.Groups {
		conds = append(conds, col+" && "+pgTerms)
		args = append(args, strings.Join(cleanTerms(g), " "))
	}
	return strings.Join(conds, " AND "), args
}

// textMatch is TextMatch on PostgreSQL: the table filtered by its trigram
// and word indexes (see TextMatch).
func (postgres) textMatch(table, alias, column string, long, short []string) (from, orderID string, args []any) {
	var conds []string
	for _, w := range long {
		// LIKE's escape character is the backslash: the word's own % _ \
		// are matched as themselves.
		conds = append(conds, column+" LIKE ?")
		args = append(args, "%"+likeEscaper.Replace(w)+"%")
	}
	var terms []string
	for _, w := range short {
		// The word split as the index splits the text; each part a
		// quoted prefix ('wo':*), all required.
		parts := strings.FieldsFunc(w, func(r rune) bool {
			return strings.ContainsRune(wordBreaks, r) || !unicode.IsLetter(r) && !unicode.IsNumber(r)
		})
		if len(parts) == 0 {
			// Only punctuation, which no word holds: nothing matches
			// (as with FTS5).
			return "(SELECT * FROM " + table + " WHERE FALSE) " + alias, alias + ".id", nil
		}
		for _, part := range parts {
			terms = append(terms, "'"+tsqueryEscaper.Replace(part)+"':*")
			// Implied by the prefix match, and there for the planner: it
			// estimates a prefix query at no less than 0.5% of the rows,
			// however rare the prefix, and would then walk the id index to
			// fill a page, reading every row when nothing matches (120-650
			// ms for 50,000 sources). The column's statistics tell it how
			// common the letters are.
			conds = append(conds, column+" LIKE ?")
			args = append(args, "%"+likeEscaper.Replace(part)+"%")
		}
	}
	if len(terms) > 0 {
		conds = append(conds, wordsColumn(column)+" @@ to_tsquery('simple', ?)")
		args = append(args, strings.Join(terms, " & "))
	}
	// A derived table the planner flattens into the caller's query, so that
	// the caller's filters and ORDER BY id … LIMIT apply to the table itself.
	from = migrations.WithValues("(SELECT * FROM " + table + " WHERE " + strings.Join(conds, " AND ") + ") " + alias)
	return from, alias + ".id", args
}

// wordsColumn names the PostgreSQL column that holds the words of a search
// column as a tsvector: search_text's is search_words.
func wordsColumn(column string) string {
	return strings.TrimSuffix(column, "_text") + "_words"
}

// wordBreaks are the characters the PostgreSQL word index reads as spaces
// (its migration, 00003, spells the same list): without them the parser
// would keep "example.org/en", "2024-01-05" or "a@b.org" as one word. (No
// "?": GORM would take it for a placeholder; the parser splits at it.)
const wordBreaks = "-./:;<=>@&#%+_~"

var (
	likeEscaper    = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	tsqueryEscaper = strings.NewReplacer(`\`, `\\`, `'`, `''`)
)
