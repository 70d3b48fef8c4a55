package searchindex

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/migrations"
)

// This file is the one place that knows how the word index of
// claims/searchindex is stored (see migration 00008); everything else the
// index does is portable SQL. On SQLite: the FTS5 word index search_fts (one
// row per search_docs row, same rowid) and the trigram index of the
// vocabulary, search_terms_fts. On PostgreSQL: search_fts (id, terms TEXT[])
// with a GIN index over the terms, and a pg_trgm GIN index over
// search_terms.term. Terms always travel as bound parameters (one string of
// space-separated terms, cut by string_to_array), never as SQL.

// kindTerm is the term that every word-index row of a kind's records holds
// on PostgreSQL, added by insertRows from the row's kind
// (migration 00011 added it to the rows written before): GIN intersects a
// kind's records with a query's words through it. It is not in the
// postings, which read a kind by its id range. It is also the name of the
// kind's count in the vocabulary (claims/searchindex).
func kindTerm(kind string) string { return kindTermMark + kind }

// kindTermMark starts every kindTerm: a private-use character, never part
// of a word; in SQL, chr(57345).
const kindTermMark = "\ue001"

// pgTerms is the SQL that turns one bound string of space-separated terms
// into a text array (empty elements dropped).
const pgTerms = "array_remove(string_to_array(?, ' '), '')"

// cleanTerms keeps the terms that can be matched whole: not empty, no space.
func cleanTerms(g []string) []string {
	var out []string
	for _, t := range g {
		if t = strings.TrimSpace(t); t != "" && !strings.ContainsAny(t, " \t\n") {
			out = append(out, t)
		}
	}
	return out
}

// indexQuery asks the word index for the records holding, for each group,
// at least one of its terms, newest first.
type indexQuery struct {
	Groups [][]string // AND of groups, OR within a group; terms are matched whole
	// AnyOf, when set, also requires one of its sets of terms in full (an OR
	// of ANDs): "two of these words, or this figure".
	AnyOf  [][]string
	Before int64 // only records with a smaller id (a cursor); 0 for none
	// MinID and MaxID bound the ids (inclusive) when MaxID > 0: a kind's
	// records are one range.
	MinID, MaxID int64
	DayFrom      string // YYYY-MM-DD bounds on search_docs.day; "" for none
	DayTo        string
	Limit        int
	// Docs and Records are what the caller knows from the vocabulary's
	// counts: about how many of the kind's records match, and how many
	// records the kind (the id range) has. PostgreSQL chooses its plan from
	// them (see pgFew); Records 0 (unknown) leaves the choice to its
	// planner. SQLite ignores them. A wrong estimate costs time, never a
	// wrong answer.
	Docs, Records int64
	// GroupDocs is, for each of Groups, about how many records hold one of
	// its terms (the vocabulary's counts). With it PostgreSQL walks the
	// rarest group's postings (see usePostings); without it, GIN answers.
	GroupDocs []int64
	// Kind is the kind of the records in [MinID, MaxID] (search_docs.kind),
	// when known: on PostgreSQL a read of few matches asks GIN for the
	// kind's term (kindTerm) with the words, so that it never reads another
	// kind's matches. SQLite reads the id range alone.
	Kind string
	// AllRecords is how many records every kind has together (the
	// vocabulary's counts), for Reads.
	AllRecords int64
	// Reads, when set, lets the queries of one search that differ only in
	// their kind (id range) share their reads of few matches: on
	// PostgreSQL a GIN read costs the same whatever the range (see
	// pgFewRead). SQLite ignores it.
	Reads   *sharedReads
	readMax int64 // the most a read of few matches reads, when not 0 (for the tests)
	walkMin int64 // what a walk reads, when not 0 (for the tests)
	window  int   // the size of every window of postings, when not 0 (for the tests)
}

// indexIDs returns the search_docs ids matching q, newest (largest) first,
// at most q.Limit of them. The index hands them out in that order, so the
// work is bounded by the limit, not by how many records match.
func indexIDs(ctx context.Context, db *gorm.DB, q indexQuery) ([]int64, error) {
	if migrations.EngineOf(db) == migrations.Postgres {
		return pgSearchIDs(ctx, db, q)
	}
	expr := matchExpr(q.Groups)
	if len(q.AnyOf) > 0 {
		var alts []string
		for _, set := range q.AnyOf {
			groups := make([][]string, len(set))
			for i, t := range set {
				groups[i] = []string{t}
			}
			if e := matchExpr(groups); e != "" {
				alts = append(alts, "("+e+")")
			}
		}
		if len(alts) == 0 {
			return nil, nil
		}
		if expr != "" {
			expr += " AND "
		}
		expr += "(" + strings.Join(alts, " OR ") + ")"
	}
	if expr == "" || q.Limit <= 0 {
		return nil, nil
	}
	var sb strings.Builder
	args := []any{expr}
	sb.WriteString("SELECT m.rowid FROM search_fts m")
	if q.DayFrom != "" || q.DayTo != "" {
		sb.WriteString(" JOIN search_docs d ON d.id = m.rowid")
	}
	sb.WriteString(" WHERE search_fts MATCH ?")
	return searchIDsBounded(ctx, db, &sb, args, "m.rowid", q)
}

// pgSearchIDs is indexIDs on PostgreSQL: from the read the kinds of one
// search share (pgShared), or through the postings when walking them costs
// less (see usePostings), else through GIN.
func pgSearchIDs(ctx context.Context, db *gorm.DB, q indexQuery) ([]int64, error) {
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

// sharedReads holds what the GIN reads of one search found, for the other kinds
// of that search (see indexQuery.Reads). One per search: it is not safe
// for concurrent use, and it never sees a write made after it.
type sharedReads struct {
	kinds int             // how many kinds the search asks for
	found map[string]read // by the read's conditions
	made  int             // reads made (for the tests)
}

// read is what a read of every kind found: every match, newest first, or
// many (more than the read was worth: not kept).
type read struct {
	ids  []int64
	many bool
}

// newSharedReads makes an empty sharedReads for one search of kinds kinds.
func newSharedReads(kinds int) *sharedReads {
	return &sharedReads{kinds: kinds, found: map[string]read{}}
}

// kindNs is what a kind's own search costs at least beyond its work: two
// statements (a window and its check, or a read), each a round trip.
const kindNs = 500_000

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

// whole is q over every kind: the records of all of them, and the matches
// and groups' records scaled from q's kind to them.
func (q indexQuery) whole() indexQuery {
	scale := float64(q.AllRecords) / float64(max(q.Records, 1))
	w := q
	w.MinID, w.MaxID, w.Kind = 0, 0, ""
	w.Records = q.AllRecords
	w.Docs = int64(math.Ceil(float64(q.Docs) * scale))
	w.GroupDocs = make([]int64, len(q.GroupDocs))
	for i, n := range q.GroupDocs {
		w.GroupDocs[i] = int64(math.Ceil(float64(n) * scale))
	}
	return w
}

// ownCost is what q's kind's own search costs, as estimated: the cheaper
// of reading and walking its matches.
func (q indexQuery) ownCost() float64 {
	read, walk := q.pgCosts()
	return min(read, walk)
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

// fewest is the most matches pgFew calls few for q's Limit and Records.
func (q indexQuery) fewest() int64 {
	return max(int64(q.Limit), int64(math.Sqrt(float64(q.Limit)*float64(q.Records)/7)))
}

// pgWalk is how many records a walk reads at most: four times what the
// estimate says it takes to meet Limit matches, and at least 20,000 (30 ms).
func (q indexQuery) pgWalk() int64 {
	if q.walkMin > 0 {
		return q.walkMin
	}
	return max(20000, 4*int64(q.Limit)*q.Records/max(q.Docs, 1))
}

// pgFew reports that few enough records match q for PostgreSQL to read
// them all from the GIN index and sort them rather than walk the kind's
// records newest first: reading costs about 11 µs a match (a heap page
// each), walking about 1.5 µs a record, and a walk meets about
// Limit·Records/Docs records (every record when fewer than Limit match).
// Measured at a million claims, 400 wanted: a word in 8,200 claims, 90 ms
// read against 81 ms walked; in 56,000, 908 ms against 9 ms; in 27, 0.5 ms
// against 2,970 ms.
func (q indexQuery) pgFew() bool {
	return q.Docs <= int64(q.Limit) || 7*q.Docs*q.Docs <= int64(q.Limit)*q.Records
}

func scanIDs(ctx context.Context, db *gorm.DB, query string, args []any) ([]int64, error) {
	var ids []int64
	err := db.WithContext(ctx).Raw(query, args...).Scan(&ids).Error
	return ids, err
}

// searchIDsBounded finishes either engine's query: the cursor, the kind's id
// range and the date bounds, newest first, at most q.Limit ids. idCol is the
// word index's id column (an identifier of ours, never user input).
func searchIDsBounded(ctx context.Context, db *gorm.DB, sb *strings.Builder, args []any, idCol string, q indexQuery) ([]int64, error) {
	bounded(sb, &args, idCol, q)
	sb.WriteString(" ORDER BY " + idCol + " DESC LIMIT ?")
	return scanIDs(ctx, db, sb.String(), append(args, q.Limit))
}

// bounded writes q's cursor, id range and date bounds.
func bounded(sb *strings.Builder, argp *[]any, idCol string, q indexQuery) {
	args := *argp
	defer func() { *argp = args }()
	if q.Before > 0 {
		sb.WriteString(" AND " + idCol + " < ?")
		args = append(args, q.Before)
	}
	if q.MaxID > 0 {
		sb.WriteString(" AND " + idCol + " BETWEEN ? AND ?")
		args = append(args, q.MinID, q.MaxID)
	}
	if q.DayFrom != "" {
		sb.WriteString(" AND d.day >= ?")
		args = append(args, q.DayFrom)
	}
	if q.DayTo != "" {
		sb.WriteString(" AND d.day <> '' AND d.day <= ?")
		args = append(args, q.DayTo)
	}
}

// matchExpr writes the FTS5 query: every term is an FTS5 string (in double
// quotes, inner quotes doubled), so that nothing a user typed is ever read as
// query syntax (NEAR, *, -, column filters, parentheses).
func matchExpr(groups [][]string) string {
	var parts []string
	for _, g := range groups {
		var alts []string
		for _, t := range g {
			if t = strings.TrimSpace(t); t != "" && !strings.ContainsAny(t, " \t\n") {
				alts = append(alts, `"`+strings.ReplaceAll(t, `"`, `""`)+`"`)
			}
		}
		switch len(alts) {
		case 0:
			return "" // a group nothing can satisfy: no match at all
		case 1:
			parts = append(parts, alts[0])
		default:
			parts = append(parts, "("+strings.Join(alts, " OR ")+")")
		}
	}
	return strings.Join(parts, " AND ")
}

// deleteRows removes the word-index rows of ids (on PostgreSQL, with
// their postings).
func deleteRows(tx *gorm.DB, ids []int64) error {
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		q := "DELETE FROM search_fts WHERE rowid IN ?"
		if migrations.EngineOf(tx) == migrations.Postgres {
			q = "DELETE FROM search_fts WHERE id IN ?"
			if err := pgPostingsDelete(tx, chunk); err != nil {
				return err
			}
		}
		if err := tx.Exec(q, chunk).Error; err != nil {
			return err
		}
	}
	return nil
}

// insertRows adds word-index rows: terms[i] (space separated) for
// ids[i], a record of kind kinds[i] (search_docs.kind; on PostgreSQL the
// row also holds its kindTerm, and the postings are written). The rows
// must not exist (delete them first).
func insertRows(tx *gorm.DB, ids []int64, kinds, terms []string) error {
	const batch = 200
	for start := 0; start < len(ids); start += batch {
		end := min(start+batch, len(ids))
		var sb strings.Builder
		args := make([]any, 0, 2*(end-start))
		row := "(?,?)"
		pg := migrations.EngineOf(tx) == migrations.Postgres
		if pg {
			sb.WriteString("INSERT INTO search_fts (id, terms) VALUES ")
			row = "(?," + pgTerms + ")"
		} else {
			sb.WriteString("INSERT INTO search_fts (rowid, terms) VALUES ")
		}
		for i := start; i < end; i++ {
			if i > start {
				sb.WriteByte(',')
			}
			sb.WriteString(row)
			t := terms[i]
			if pg && kinds[i] != "" {
				t += " " + kindTerm(kinds[i]) // see kindTerm
			}
			args = append(args, ids[i], t)
		}
		if err := tx.Exec(sb.String(), args...).Error; err != nil {
			return err
		}
		if migrations.EngineOf(tx) == migrations.Postgres {
			if err := pgPostingsInsert(tx, ids[start:end]); err != nil {
				return err
			}
		}
	}
	return nil
}

// clearRows empties the word index, and on SQLite the trigram index
// of the vocabulary (on PostgreSQL that index follows search_terms itself),
// before a rebuild.
func clearRows(tx *gorm.DB) error {
	if err := tx.Exec("DELETE FROM search_fts").Error; err != nil {
		return err
	}
	if migrations.EngineOf(tx) == migrations.Postgres {
		return tx.Exec("DELETE FROM search_postings").Error
	}
	return tx.Exec("INSERT INTO search_terms_fts (search_terms_fts) VALUES ('delete-all')").Error
}

// optimizeRows merges the word index into one segment: after a bulk
// load or a rebuild, which leave many small segments that every query would
// otherwise read one by one. It rewrites the index (seconds for a million
// records): for bulk work, not for every write. PostgreSQL's GIN indexes
// need no such step (bulk loads end with Analyze).
func optimizeRows(db *gorm.DB) error {
	if migrations.EngineOf(db) == migrations.Postgres {
		return nil
	}
	if err := db.Exec("INSERT INTO search_fts (search_fts) VALUES ('optimize')").Error; err != nil {
		return err
	}
	return db.Exec("INSERT INTO search_terms_fts (search_terms_fts) VALUES ('optimize')").Error
}

// mergeRows does a bounded amount of merging (about pages pages of
// work) on the segments that everyday writes add, one per transaction.
// Nothing to do on PostgreSQL (autovacuum cleans GIN's pending list).
func mergeRows(db *gorm.DB, pages int) error {
	if migrations.EngineOf(db) == migrations.Postgres {
		return nil
	}
	if err := db.Exec("INSERT INTO search_fts (search_fts, rank) VALUES ('merge', ?)", pages).Error; err != nil {
		return err
	}
	return db.Exec("INSERT INTO search_terms_fts (search_terms_fts, rank) VALUES ('merge', ?)", pages).Error
}

// vocabTerm is a vocabulary entry and the number of records it was indexed
// for.
type vocabTerm struct {
	Term string
	Docs int64
}

// termsQuery asks the vocabulary for the terms containing Part (three
// letters or more), or with Prefix for those starting with it. With Unless
// set it is asked only when the vocabulary counts fewer than UnlessDocs
// records for the term Unless (a word common enough as typed is not
// widened): the answer does not wait for that count to come back first.
type termsQuery struct {
	Part       string
	Prefix     bool
	Unless     string
	UnlessDocs int64
}

// termsPerQuery is how many terms lookupTerms answers a query with
// at most.
const termsPerQuery = 30

// lookupTerms reads from the vocabulary how many records each of
// counts (and each query's Unless term) was indexed for, 0 for a term it
// lacks, and answers each of qs: the terms that contain its part (three
// characters or more; at most 5,000 terms looked at), or that start with
// it (at most 3,000), the most frequent termsPerQuery terms first. On PostgreSQL
// it is all one statement: each costs a round trip otherwise, and a
// search of several words asks up to two queries for each, after the
// counts.
func lookupTerms(ctx context.Context, db *gorm.DB, counts []string, qs []termsQuery) (map[string]int64, [][]vocabTerm, error) {
	df := make(map[string]int64, len(counts))
	var keys []string
	for _, t := range counts {
		if _, ok := df[t]; !ok {
			df[t] = 0 // asked and not in the vocabulary: known to be 0
			keys = append(keys, t)
		}
	}
	for _, q := range qs {
		if _, ok := df[q.Unless]; q.Unless != "" && !ok {
			df[q.Unless] = 0
			keys = append(keys, q.Unless)
		}
	}
	out := make([][]vocabTerm, len(qs))
	if migrations.EngineOf(db) == migrations.Postgres {
		if asked := pgAsked(qs); len(asked) > 0 {
			if err := pgTermsLookup(ctx, db, keys, asked, df, out); err != nil {
				return nil, nil, err
			}
			return df, out, nil
		}
	}
	// The counts alone (PostgreSQL: one statement of its own, planned once
	// per number of terms), or, on SQLite, the counts and then each query.
	if len(keys) > 0 {
		var rows []vocabTerm
		if err := db.WithContext(ctx).Raw("SELECT term, docs FROM search_terms WHERE term IN ?", keys).Scan(&rows).Error; err != nil {
			return nil, nil, err
		}
		for _, r := range rows {
			df[r.Term] = r.Docs
		}
	}
	if migrations.EngineOf(db) == migrations.Postgres {
		return df, out, nil
	}
	for i, q := range qs {
		var err error
		switch {
		case q.Unless != "" && df[q.Unless] >= q.UnlessDocs:
		case q.Prefix && q.Part != "":
			err = db.WithContext(ctx).Raw(`SELECT term, docs FROM (SELECT term, docs FROM search_terms
				WHERE term >= ? AND term < ? AND docs > 0 LIMIT 3000) x ORDER BY docs DESC LIMIT ?`, q.Part, q.Part+"\U0010FFFF", termsPerQuery).Scan(&out[i]).Error
		case q.contains():
			// At most 5,000 terms are looked at: a part as common as
			// "the" must not cost a sort of the whole vocabulary.
			err = db.WithContext(ctx).Raw(`SELECT t.term, t.docs FROM (SELECT rowid FROM search_terms_fts WHERE search_terms_fts MATCH ? LIMIT 5000) x
				JOIN search_terms t ON t.id = x.rowid WHERE t.docs > 0 ORDER BY t.docs DESC LIMIT ?`,
				`"`+strings.ReplaceAll(q.Part, `"`, `""`)+`"`, termsPerQuery).Scan(&out[i]).Error
		}
		if err != nil {
			return nil, nil, err
		}
	}
	return df, out, nil
}

// pgAsked is what PostgreSQL is asked of qs: the queries that can be, by
// their index in qs.
func pgAsked(qs []termsQuery) []pgTermsQuery {
	var asked []pgTermsQuery
	for i, q := range qs {
		switch {
		case q.Prefix && q.Part != "":
			asked = append(asked, pgTermsQuery{I: i, Part: q.Part, Prefix: true, Unless: q.Unless, UnlessDocs: q.UnlessDocs})
		case q.contains():
			asked = append(asked, pgTermsQuery{I: i, Part: likeEscape(q.Part), Unless: q.Unless, UnlessDocs: q.UnlessDocs})
		}
	}
	return asked
}

// pgTermsLookup is lookupTerms on PostgreSQL with queries to ask:
// the counts of keys into df and the answers into out, through
// pgLookupSQL, one statement for up to pgLookupTerms counts and
// pgLookupQueries queries.
func pgTermsLookup(ctx context.Context, db *gorm.DB, keys []string, asked []pgTermsQuery, df map[string]int64, out [][]vocabTerm) error {
	for len(keys) > 0 || len(asked) > 0 {
		k, a := keys[:min(len(keys), pgLookupTerms)], asked[:min(len(asked), pgLookupQueries)]
		keys, asked = keys[len(k):], asked[len(a):]
		if k == nil {
			k = []string{} // [], not null
		}
		if a == nil {
			a = []pgTermsQuery{}
		}
		kj, err := json.Marshal(k)
		if err != nil {
			return err
		}
		aj, err := json.Marshal(a)
		if err != nil {
			return err
		}
		var rows []struct {
			I    int
			Term string
			Docs int64
		}
		if err := db.WithContext(ctx).Raw(pgLookupSQL, string(kj), string(aj)).Scan(&rows).Error; err != nil {
			return err
		}
		for _, r := range rows {
			if r.I < 0 {
				df[r.Term] = r.Docs
				continue
			}
			out[r.I] = append(out[r.I], vocabTerm{Term: r.Term, Docs: r.Docs})
		}
	}
	for _, ts := range out {
		slices.SortStableFunc(ts, func(a, b vocabTerm) int { return cmp.Compare(b.Docs, a.Docs) })
	}
	return nil
}

// pgTermsQuery is a termsQuery as PostgreSQL is sent it (pgLookupSQL): I
// is its index among the queries, Part is LIKE-escaped for a part.
type pgTermsQuery struct {
	I          int    `json:"i"`
	Part       string `json:"part"`
	Prefix     bool   `json:"prefix"`
	Unless     string `json:"unless,omitempty"`
	UnlessDocs int64  `json:"unless_docs"`
}

// How many terms' counts and how many queries one pgLookupSQL carries
// (a search has at most 12 words, each with its name and up to two
// queries); more take another statement.
const (
	pgLookupTerms   = 64
	pgLookupQueries = 32
)

// pgLookupSQL reads the vocabulary's counts of the terms in $1 (a JSON
// array) and answers the queries in $2 (a JSON array of pgTermsQuery),
// each its termsPerQuery most frequent terms, in one statement.
//
// It is prepared, and planned once per connection rather than at every
// execution (planning it with its values cost 0.1–0.15 ms, the most of
// what a list of a word no record holds cost on PostgreSQL). To that end
// no value reaches the planner: the terms and queries come out of JSON,
// whose rows it cannot count, and the patterns and prefixes are columns
// of those rows. The plan is then the same whatever is asked, so after
// its first five executions PostgreSQL keeps the generic one, and that
// plan reads an index for every query: the trigram index for a part, the
// byte-order index (migration 00012) for a prefix. A part that matches
// thousands of terms stops at the LIMIT, and a query whose Unless term is
// common enough is not read at all (a condition on no row of it, checked
// once). The LIMITs on the JSON rows keep its estimated cost, and with it
// the plan, the same as the number of terms grows. A part's own % _ \ are
// matched as themselves (likeEscape); markers (terms starting with a
// private-use character, U+E000–U+F8FF) are not words.
var pgLookupSQL = fmt.Sprintf(`SELECT -1 AS i, t.term, t.docs FROM search_terms t
WHERE t.term IN (SELECT jsonb_array_elements_text(?::jsonb) LIMIT %d)
UNION ALL
SELECT q.i, x.term, x.docs
FROM (SELECT * FROM jsonb_to_recordset(?::jsonb) AS q(i int, part text, prefix bool, unless text, unless_docs bigint) LIMIT %d) q
CROSS JOIN LATERAL (
	SELECT y.term, y.docs FROM (
		(SELECT term, docs FROM search_terms
			WHERE q.prefix AND term COLLATE "C" >= q.part AND term COLLATE "C" < q.part || chr(1114111) AND docs > 0 LIMIT 3000)
		UNION ALL
		(SELECT term, docs FROM search_terms
			WHERE NOT q.prefix AND term LIKE '%%' || q.part || '%%' ESCAPE '\' AND docs > 0
			AND ascii(term) NOT BETWEEN 57344 AND 63743 LIMIT 5000)
	) y
	WHERE q.unless IS NULL OR NOT EXISTS (SELECT FROM search_terms u WHERE u.term = q.unless AND u.docs >= q.unless_docs)
	ORDER BY y.docs DESC LIMIT %d
) x`, pgLookupTerms, pgLookupQueries, termsPerQuery)

// contains reports that q asks for the terms containing a part that can
// be looked up: three letters or more, no space.
func (q termsQuery) contains() bool {
	return !q.Prefix && len([]rune(q.Part)) >= 3 && !strings.ContainsAny(q.Part, " \t\n")
}

// likeEscape makes a LIKE pattern's % _ \ match themselves (ESCAPE '\').
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Filter is a condition of the word index on the records of one kind,
// for a query that selects, filters and sorts a table of those records
// itself (the claim list with words): a row is kept when its record holds,
// for every group, one of the group's terms. The kind's records have the
// index ids MinID+1 … MaxID, and a row's record is MinID + the row's id.
//
// Docs and Records are what the caller knows from the vocabulary's counts:
// at most how many records match, and how many records the kind has. They
// choose how the index is asked (see From and Where); a wrong estimate
// costs time, never a wrong answer.
type Filter struct {
	Groups        [][]string
	MinID, MaxID  int64
	Docs, Records int64
	// GroupDocs is, for each of Groups, about how many records hold one of
	// its terms; PostgreSQL reads the rarest group's postings (Windowed).
	GroupDocs []int64
	// FixedWindow, when not 0, is the size of every window (see
	// WindowSize): tests make it small to page through many.
	FixedWindow int
	// matches are, on PostgreSQL, the records Count found holding every
	// group (counted: it found them all), which From then reads by id.
	matches []int64
	counted bool
}

// fewMatches is how many matches a query reads and sorts rather than walk
// an order: about where reading them costs what walking does at a million
// records (SQLite: 0.7 ms for 744 matches, 42 ms for 17,700; PostgreSQL:
// about 14 µs a match against 7 µs a row walked, even at 5,000 matches).
const fewMatches = 3000

// together reports that the groups' counts, taken as independent, put more
// than twice fewMatches records in all of them. (The counts are over every
// kind, which overstates each group's share of the kind's records.)
func (f Filter) together() bool {
	if len(f.GroupDocs) != len(f.Groups) || f.Records <= 0 {
		return false
	}
	n := float64(f.Records)
	for _, d := range f.GroupDocs {
		n *= min(1, float64(d)/float64(f.Records))
	}
	return n > 2*fewMatches
}

// Few reports that few records match: a query reads them all and sorts
// them, whatever its order.
func (f Filter) Few() bool { return f.Docs <= fewMatches }

// Count makes Docs exact when few records match several groups: the
// vocabulary tells how many records hold each word, not how many hold them
// all, which can be far fewer (words seldom used together). It counts the
// matches up to fewMatches+1 (the index intersects the groups; the count
// stops there) and keeps the estimate when there are more.
//
// On PostgreSQL a count costs a heap page a match, whatever its kind, so it
// is not made when the groups' counts, taken as independent, put far more
// than fewMatches records in all of them ("about the": 36 ms to count 3,001
// claims): the list then reads windows of the matches.
func (f *Filter) Count(ctx context.Context, db *gorm.DB) error {
	if len(f.Groups) < 2 || f.Few() || !f.usable() {
		return nil
	}
	var n int64
	var err error
	if migrations.EngineOf(db) == migrations.Postgres {
		if f.together() {
			return nil
		}
		// The matches themselves, kept for From: reading them from GIN
		// costs a heap page each, and From would read them again.
		conds, args := f.pgConds("terms")
		var ids []int64
		err = db.WithContext(ctx).Raw(migrations.WithValues("SELECT id FROM search_fts WHERE "+conds+" AND id > ? AND id <= ? LIMIT ?"),
			append(args, f.MinID, f.MaxID, fewMatches+1)...).Scan(&ids).Error
		if n = int64(len(ids)); err == nil && n <= fewMatches {
			f.matches, f.counted = ids, true
		}
	} else {
		err = db.WithContext(ctx).Raw("SELECT COUNT(*) FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid > ? AND rowid <= ? LIMIT ?)",
			matchExpr(f.Groups), f.MinID, f.MaxID, fewMatches+1).Scan(&n).Error
	}
	if err == nil && n <= fewMatches {
		f.Docs = n
	}
	return err
}

// Drive tells a list query how to reach its rows: from the word index (From)
// or by walking the table in its own order (Where). idOrder is a list in
// the table's id order (newest or oldest first). Few matches are read from
// the index in any order. Otherwise SQLite walks FTS5's matches in id order
// (it hands them out newest or oldest first, at the cost of a page), and
// PostgreSQL walks the table looking each row up, as for any other order
// (its planner, left to choose, read all 25,000 matches of a word to sort
// them: 30 ms, against 13 ms walked).
func (f Filter) Drive(db *gorm.DB, idOrder bool) bool {
	return f.Few() || idOrder && migrations.EngineOf(db) != migrations.Postgres
}

// common reports that a walk of the table meets matches often enough for
// looking each row up in SQLite's index to cost less than reading every
// match into a set: a page of 50 takes about 50·Records/Docs lookups (20–50
// µs each at a million records) against Docs members of a set (about 0.5 µs
// each), even when Docs² ≈ 3,000·Records (55,000 matches in a million).
func (f Filter) common() bool { return f.Docs*f.Docs >= 3000*f.Records }

// usable reports whether every group has a term that can be matched; a
// filter with no group, or with a group of none, matches nothing.
func (f Filter) usable() bool {
	if len(f.Groups) == 0 {
		return false
	}
	for _, g := range f.Groups {
		if len(cleanTerms(g)) == 0 {
			return false
		}
	}
	return true
}

// From returns the FROM clause (with its arguments) of a query of table,
// aliased alias, driven by the word index (see Drive): only the rows whose
// record holds the terms. indexID is the column to order and page by, in
// index ids: page with indexID < MinID + the last row's id.
//
// SQLite joins the table to the FTS5 word index search_fts, which hands out
// the kind's rowid range newest or oldest first, so that "ORDER BY indexID
// DESC LIMIT n" (or ASC) stops after n rows however many records match;
// other orders sort every match. PostgreSQL reads the Few matches from the
// GIN index and their rows by primary key, then sorts them (left to plan a
// join, its planner estimates a word missing from its statistics at
// hundreds of records and walks every record of the kind to find three).
func (f Filter) From(db *gorm.DB, table, alias string) (from, indexID string, args []any) {
	if !f.usable() {
		return "(SELECT * FROM " + table + " WHERE 1 = 0) " + alias, alias + ".id", nil
	}
	if migrations.EngineOf(db) == migrations.Postgres {
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
			from, indexID, args, _, _ := f.FromWindow(db, table, alias, f.matches)
			return from, indexID, args
		}
		conds, args := f.pgConds("terms")
		return migrations.WithValues("(SELECT * FROM "+table+" WHERE id = ANY(ARRAY(SELECT id - ? FROM search_fts WHERE ") + conds +
				" AND id > ? AND id <= ?))) " + alias,
			f.indexID(alias), append(append([]any{f.MinID}, args...), f.MinID, f.MaxID)
	}
	return "search_fts m JOIN " + table + " " + alias + " ON " + alias + ".id = m.rowid - ? AND search_fts MATCH ? AND m.rowid > ? AND m.rowid <= ?",
		"m.rowid", []any{f.MinID, matchExpr(f.Groups), f.MinID, f.MaxID}
}

// Where returns a condition on the rows of alias for a query that walks the
// table in its own order (see Drive), checking each row it meets against
// the index. A page of 50 meets about 50·Records/Docs rows. Measured at a
// million claims sorted by update:
//
//   - PostgreSQL looks each row up: the record's terms by primary key,
//     compared in memory (about 7 µs a row): 9 ms for a word in 49,000
//     claims, 17–21 ms in 22,500, 67 ms in 5,000 (reading those 5,000 and
//     sorting them costs as much).
//   - SQLite looks each row up only when matches are common (see common)
//     and the filter is one term, since FTS5 seeks each term's list for
//     every row (20–50 µs; seconds for a word widened to 30 terms). Else the
//     matching ids are read once into a set that each row is checked
//     against (an IN subquery, which SQLite materialises; about 0.5 µs a
//     match): 3–7 ms for 17,000–50,000 matches.
func (f Filter) Where(db *gorm.DB, alias string) (cond string, args []any) {
	if !f.usable() {
		return "1 = 0", nil
	}
	if migrations.EngineOf(db) == migrations.Postgres {
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
	// One word of one term: with several, the records holding them all can
	// be far fewer than Docs, and the walk far longer.
	lookup := f.common() && len(f.Groups) == 1 && len(cleanTerms(f.Groups[0])) == 1
	if lookup {
		return "EXISTS (SELECT 1 FROM search_fts m WHERE search_fts MATCH ? AND m.rowid = " + alias + ".id + ?)",
			[]any{matchExpr(f.Groups), f.MinID}
	}
	return alias + ".id + ? IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid > ? AND rowid <= ?)",
		[]any{f.MinID, matchExpr(f.Groups), f.MinID, f.MaxID}
}

// Measured at a million claims, for a page walked in the list's order
// (PostgreSQL): a row looked up in the word index costs about 10 µs (its
// record's terms by primary key, compared); a posting read into a hash
// table about 0.45 µs, and a row then checked against it about 0.15 µs
// (from the order's index alone, see IDsFirst).
const (
	walkLookupNs = 10000
	setPostingNs = 450
	setCheckNs   = 150
	walkPage     = 51 // the list's page, and the row that tells there is a next
)

// pgSetWalk reports whether a walk checks its rows against a hash table of
// the rarest group's matches (read from its postings) rather than looking
// each up, and which group that is: when the matches cost less to read
// than the lookups they save. A page meets about walkPage·Records/Docs
// rows: "سال" widened to 25 terms, 5,000 claims of a million, walked by
// last update, took 107 ms looked up and 4 ms against the set; a word in
// 400,000 claims costs a few lookups and would cost 180 ms to read.
func (f Filter) pgSetWalk() (int, bool) {
	if len(f.GroupDocs) != len(f.Groups) || f.Records <= 0 || !f.usable() {
		return 0, false
	}
	r := driver(f.GroupDocs)
	rows := float64(walkPage) * float64(f.Records) / float64(max(f.Docs, 1))
	rows = min(rows, float64(f.Records))
	set := float64(f.GroupDocs[r])*setPostingNs + rows*setCheckNs
	return r, set < rows*walkLookupNs
}

// IDsFirst reports whether a list that walks its table (Where) reads the
// page's ids first and then their rows (PostgreSQL): the walk then reads
// only the order's index (an index-only scan), not every row it passes.
func (f Filter) IDsFirst(db *gorm.DB) bool { return migrations.EngineOf(db) == migrations.Postgres }

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
