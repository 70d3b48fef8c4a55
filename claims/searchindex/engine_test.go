package searchindex

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/migrations"
	"github.com/factdesk/factdesk/migrations/dbtest"
)

// The behaviour suite of the engines: every test of this file (and of
// listfilter_test.go and planned_test.go) opens its database through
// migrations/dbtest, which picks SQLite, or PostgreSQL when
// FACTDESK_TEST_PG is set, and asserts the same answers on either; an
// engine's own expectations (a plan that must use an index, a statement
// that must not be prepared) are marked by the engine they hold for. Run
// the package once per engine (make test, make test-pg).

// The search TextMatch builds is answered by the indexes of the sources
// migration on each engine, never by reading the whole table: a long word by
// the trigram index, a short one by the word index (for both, the planner
// picks one). On PostgreSQL the word column splits text at the characters
// TextMatch splits a query at.
func TestTextMatchUsesIndexes(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	pg := migrations.EngineOf(db) == migrations.Postgres
	if pg {
		var expr string
		if err := db.Raw(`SELECT generation_expression FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = 'sources' AND column_name = 'search_words'`).Scan(&expr).Error; err != nil {
			t.Fatal(err)
		}
		if want := "'" + wordBreaks + "'"; !strings.Contains(expr, want) {
			t.Errorf("sources.search_words = %s; want it to translate %s", expr, want)
		}
	}
	tests := []struct {
		q       string
		pgIndex []string // any one of them must answer on PostgreSQL
		sqlite  string   // the FTS5 table driving the query on SQLite
	}{
		{"reuters", []string{"sources_search_trgm"}, "SCAN m VIRTUAL TABLE"},
		{"رويترز 593", []string{"sources_search_trgm"}, "SCAN m VIRTUAL TABLE"},
		{"ان", []string{"sources_search_words"}, "SCAN m VIRTUAL TABLE"},
		{"reuters ان", []string{"sources_search_trgm", "sources_search_words"}, "SCAN sources_words VIRTUAL TABLE"},
	}
	for _, tt := range tests {
		from, id, args := TextMatch(db, "sources", "s", "search_text", tt.q)
		query := "SELECT s.id FROM " + from + " ORDER BY " + id + " DESC LIMIT 51"
		var plan string
		if pg {
			// An empty table is read whole whatever its indexes: forbid
			// that, so the plan shows which index answers.
			err := db.Transaction(func(tx *gorm.DB) error {
				if err := tx.Exec("SET LOCAL enable_seqscan = off").Error; err != nil {
					return err
				}
				var lines []string
				if err := tx.Raw("EXPLAIN "+query, args...).Scan(&lines).Error; err != nil {
					return err
				}
				plan = strings.Join(lines, "\n")
				return nil
			})
			if err != nil {
				t.Fatalf("%q: %v", tt.q, err)
			}
			used := false
			for _, ix := range tt.pgIndex {
				used = used || strings.Contains(plan, "Index Scan on "+ix)
			}
			if !used || strings.Contains(plan, "Seq Scan") {
				t.Errorf("%q: the plan does not use %v:\n%s", tt.q, tt.pgIndex, plan)
			}
			continue
		}
		var rows []struct{ Detail string }
		if err := db.Raw("EXPLAIN QUERY PLAN "+query, args...).Scan(&rows).Error; err != nil {
			t.Fatalf("%q: %v", tt.q, err)
		}
		for _, r := range rows {
			plan += r.Detail + "\n"
			if r.Detail == "SCAN s" || strings.HasPrefix(r.Detail, "SCAN s ") {
				t.Errorf("%q: the plan reads the whole table", tt.q)
			}
		}
		if !strings.Contains(plan, tt.sqlite) {
			t.Errorf("%q: the plan lacks %q:\n%s", tt.q, tt.sqlite, plan)
		}
	}
}

// On PostgreSQL a short word no source has is found through the word index,
// not by walking the id index and reading every row, however common the
// words of the library are (the planner then estimates any prefix at 0.5%
// of the rows: TextMatch adds what it needs to know better), and every
// execution is planned with its words (TextMatch marks its statement so),
// though pgx prepares the desk's other statements once and PostgreSQL may
// then plan them without their values (a "generic" plan, chosen after five
// executions, which would not know the word).
func TestSearchPlannedWithItsWords(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	if migrations.EngineOf(db) != migrations.Postgres {
		return // SQLite plans every statement with its values
	}
	// 20,000 sources of eight words each from a vocabulary of 120 common
	// words, as a library's titles and publishers are.
	if err := db.Exec(`INSERT INTO sources (url, url_norm, title, kind, search_text, created_at, updated_at)
		SELECT 'https://e.org/' || g, 'e.org/' || g, 'title ' || g, 'news',
		       (SELECT string_agg('word' || ((g * k * 7 + k) % 120), ' ') FROM generate_series(1, 8) k), now(), now()
		FROM generate_series(1, 20000) g`).Error; err != nil {
		t.Fatal(err)
	}
	if err := migrations.Analyze(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	for i := range 8 {
		from, id, args := TextMatch(db, "sources", "s", "search_text", "zq")
		var lines []string
		if err := db.Raw("EXPLAIN SELECT s.* FROM "+from+" ORDER BY "+id+" DESC LIMIT ?", append(args, 11)...).Scan(&lines).Error; err != nil {
			t.Fatal(err)
		}
		if plan := strings.Join(lines, "\n"); !strings.Contains(plan, "Bitmap Index Scan on sources_search_words") {
			t.Fatalf("execution %d: the plan does not use the word index:\n%s", i+1, plan)
		}
	}
	// EXPLAIN plans with the values it is given; the search itself, run
	// eight times on one connection, is never prepared (so never planned
	// without its words).
	dbtest.OneConnection(t, db)
	from, id, args := TextMatch(db, "sources", "s", "search_text", "zq")
	for range 8 {
		var ids []int64
		if err := db.Raw("SELECT s.id FROM "+from+" ORDER BY "+id+" DESC LIMIT ?", append(args, 11)...).Scan(&ids).Error; err != nil || len(ids) != 0 {
			t.Fatalf("search: %v %v", ids, err)
		}
	}
	var prepared int
	if err := db.Raw("SELECT COUNT(*) FROM pg_prepared_statements WHERE statement LIKE '%search_words @@%' AND statement NOT LIKE '%pg_prepared%'").Scan(&prepared).Error; err != nil || prepared != 0 {
		t.Errorf("the search was prepared on the connection (%d statements, %v): after five executions PostgreSQL may plan it without its words", prepared, err)
	}
}

// The search word index answers the same on both engines: groups are ANDed
// (one term of each), AnyOf needs one set in full, ids newest first within
// the bounds; parts of words are found in the vocabulary with LIKE's own
// characters matched as themselves and markers (private-use characters)
// never returned.
func TestSearchIndexOnEachEngine(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	docs := map[int64]string{
		8:  "nvidia lost 593 billion",
		16: "nvidia gained 5%",
		24: "oil lost value",
		32: "nvidia lost market",
	}
	var ids []int64
	var terms []string
	for _, id := range []int64{8, 16, 24, 32} {
		if err := db.Exec("INSERT INTO search_docs (id, kind, ref_id, day) VALUES (?, 'claim', ?, ?)", id, id/8, "2025-01-0"+string(rune('0'+id/8))).Error; err != nil {
			t.Fatal(err)
		}
		ids, terms = append(ids, id), append(terms, docs[id])
	}
	kinds := []string{"claim", "claim", "claim", "claim"}
	if err := db.Transaction(func(tx *gorm.DB) error { return insertRows(tx, ids, kinds, terms) }); err != nil {
		t.Fatal(err)
	}
	search := func(q indexQuery) []int64 {
		t.Helper()
		if q.Limit == 0 {
			q.Limit = 10
		}
		got, err := indexIDs(ctx, db, q)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	for name, c := range map[string]struct {
		q    indexQuery
		want []int64
	}{
		"one term":               {indexQuery{Groups: [][]string{{"nvidia"}}}, []int64{32, 16, 8}},
		"and of groups":          {indexQuery{Groups: [][]string{{"nvidia"}, {"lost"}}}, []int64{32, 8}},
		"or within a group":      {indexQuery{Groups: [][]string{{"oil", "593"}}}, []int64{24, 8}},
		"any of, in full":        {indexQuery{AnyOf: [][]string{{"nvidia", "593"}, {"oil", "value"}}}, []int64{24, 8}},
		"before a cursor":        {indexQuery{Groups: [][]string{{"nvidia"}}, Before: 32}, []int64{16, 8}},
		"id bounds":              {indexQuery{Groups: [][]string{{"lost"}}, MinID: 9, MaxID: 30}, []int64{24}},
		"day bounds":             {indexQuery{Groups: [][]string{{"nvidia"}}, DayFrom: "2025-01-02", DayTo: "2025-01-03"}, []int64{16}},
		"a term is whole":        {indexQuery{Groups: [][]string{{"nvid"}}}, nil},
		"syntax is text":         {indexQuery{Groups: [][]string{{`"nvidia"`, "NEAR(lost", "*", "{nvidia}"}}}, nil},
		"an empty group":         {indexQuery{Groups: [][]string{{"nvidia"}, {" "}}}, nil},
		"limit keeps the newest": {indexQuery{Groups: [][]string{{"nvidia"}}, Limit: 1}, []int64{32}},
	} {
		// The same answer whatever the estimates: none (the planner's
		// pick), few matches (read and sorted), many (walked newest first;
		// the walk may stop short and read the rest).
		// On PostgreSQL, with each group's count, the rarest group's
		// postings are walked newest first (the first group or the last
		// taken as the rarest), in windows of the estimated size or of one
		// record, and past the walk's end the rest is read from GIN.
		for _, plan := range []struct {
			name          string
			docs, records int64
			walk          int64
			groupDocs     string // "", "first" or "last" is the rarest
			window        int
			shared        bool  // through Reads, asked twice
			readMax       int64 // a read of few matches stops past it
		}{
			{name: ""},
			{name: " (few)", docs: 1, records: 1000},
			{name: " (few, one read shared)", docs: 1, records: 1000, shared: true},
			{name: " (few, more read by the shared read: its own)", docs: 1, records: 1000, shared: true, readMax: 1},
			{name: " (few, more read: postings)", docs: 1, records: 1000, readMax: 1, groupDocs: "last"},
			{name: " (few, more read by the shared read and its own: postings)", docs: 1, records: 1000, shared: true, readMax: 1, groupDocs: "last"},
			{name: " (many)", docs: 1000, records: 1000},
			{name: " (many, a walk of one record, then a read)", docs: 1000, records: 1000, walk: 1},
			{name: " (postings, few)", docs: 1, records: 1000, groupDocs: "first"},
			{name: " (postings)", docs: 1000, records: 1000, groupDocs: "first"},
			{name: " (postings, the last group rarest)", docs: 1000, records: 1000, groupDocs: "last"},
			{name: " (postings, windows of one)", docs: 1000, records: 1000, groupDocs: "last", window: 1},
			{name: " (postings, windows of one, a walk of two, then a read)", docs: 1000, records: 1000, walk: 2, groupDocs: "first", window: 1},
		} {
			q := c.q
			q.Docs, q.Records = plan.docs, plan.records
			if plan.groupDocs != "" {
				q.GroupDocs = make([]int64, len(q.Groups))
				for i := range q.GroupDocs {
					q.GroupDocs[i] = 500 + int64(i)
					if plan.groupDocs == "last" {
						q.GroupDocs[i] = 500 - int64(i)
					}
				}
			}
			if plan.window > 0 {
				q.window = plan.window
			}
			if plan.walk > 0 {
				q.walkMin = plan.walk
			}
			if plan.readMax > 0 {
				q.readMax = plan.readMax
			}
			if plan.shared {
				q.Reads, q.AllRecords = newSharedReads(2), plan.records
				if q.MaxID == 0 {
					q.MinID, q.MaxID = 1, 1000
				}
				if got := search(q); !slices.Equal(got, c.want) {
					t.Errorf("%s%s, read: %v; want %v", name, plan.name, got, c.want)
				}
			}
			if got := search(q); !slices.Equal(got, c.want) {
				t.Errorf("%s%s: %v; want %v", name, plan.name, got, c.want)
			}
		}
	}

	if err := db.Transaction(func(tx *gorm.DB) error { return deleteRows(tx, []int64{32}) }); err != nil {
		t.Fatal(err)
	}
	if got := search(indexQuery{Groups: [][]string{{"nvidia"}}}); !slices.Equal(got, []int64{16, 8}) {
		t.Errorf("after a delete: %v", got)
	}
	if got := search(indexQuery{Groups: [][]string{{"nvidia", "market"}}, Docs: 2, Records: 3, GroupDocs: []int64{3}}); !slices.Equal(got, []int64{16, 8}) {
		t.Errorf("after a delete, through the postings: %v", got)
	}
	if migrations.EngineOf(db) == migrations.Postgres {
		// The postings are the terms of the rows left, each once, but
		// their kind's; each row holds its kind's term.
		var n, want, kinds int64
		db.Raw("SELECT COUNT(*) FROM search_postings").Scan(&n)
		db.Raw("SELECT COUNT(*) FROM (SELECT DISTINCT id, t FROM search_fts, unnest(terms) AS t WHERE t <> ?) x", kindTerm("claim")).Scan(&want)
		db.Raw("SELECT COUNT(*) FROM search_fts WHERE terms @> ARRAY[?]", kindTerm("claim")).Scan(&kinds)
		if n != want || n != 10 {
			t.Errorf("postings after a delete: %d; want %d (10)", n, want)
		}
		if kinds != 3 {
			t.Errorf("rows holding their kind's term: %d; want 3", kinds)
		}
	}

	for i, term := range []string{"losses", "lost", "50%off", "5_0x", "\ue001lossmarker"} {
		if err := db.Exec("INSERT INTO search_terms (term, docs) VALUES (?, ?)", term, 10-i).Error; err != nil {
			t.Fatal(err)
		}
	}
	for part, want := range map[string][]string{
		"los":  {"losses", "lost"},
		"0%o":  {"50%off"},
		"5_0":  {"5_0x"},
		"%%%":  nil,
		"___":  nil,
		"ssm":  nil, // only in the marker
		"zzzz": nil,
	} {
		_, got, err := lookupTerms(ctx, db, nil, []termsQuery{{Part: part}})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, g := range got[0] {
			names = append(names, g.Term)
		}
		if !slices.Equal(names, want) {
			t.Errorf("terms containing %q: %v; want %v", part, names, want)
		}
	}
	// Several asked at once (one statement on PostgreSQL), each answered
	// as if alone; parts too short to look up get nothing.
	// With them, the counts of terms, and queries asked only unless a
	// term's count is high enough: "lost" has 9 records, "losses" 10.
	qs := []termsQuery{{Part: "los"}, {Part: "lo", Prefix: true}, {Part: "lo"}, {Part: "5_0"}, {Part: "zzzz"}, {Part: "l", Prefix: true},
		{Part: "los", Unless: "lost", UnlessDocs: 10}, {Part: "los", Unless: "lost", UnlessDocs: 9}, {Part: "lo", Prefix: true, Unless: "nowhere", UnlessDocs: 1},
		{Part: "5_", Prefix: true, Unless: "losses", UnlessDocs: 11}, {Part: "5_0", Unless: "losses", UnlessDocs: 10}}
	counts, got, err := lookupTerms(ctx, db, []string{"losses", "nowhere", "50%off", "losses"}, qs)
	if err != nil {
		t.Fatal(err)
	}
	if wantCounts := map[string]int64{"losses": 10, "nowhere": 0, "50%off": 8, "lost": 9}; !maps.Equal(counts, wantCounts) {
		t.Errorf("counts: %v; want %v", counts, wantCounts)
	}
	want := [][]string{{"losses", "lost"}, {"losses", "lost"}, nil, {"5_0x"}, nil, {"losses", "lost"},
		{"losses", "lost"}, nil, {"losses", "lost"}, {"5_0x"}, nil}
	if len(got) != len(want) {
		t.Fatalf("%d answers; want %d", len(got), len(want))
	}
	for i, ts := range got {
		var names []string
		for _, t := range ts {
			names = append(names, t.Term)
		}
		if !slices.Equal(names, want[i]) {
			t.Errorf("%+v: %v; want %v", qs[i], names, want[i])
		}
	}
}

// TestSearchKinds: on PostgreSQL a kind's read of few matches asks GIN for
// the kind's term with the words, and the kinds of one search share one
// read when all their matches together are few. The answers are those of
// the id ranges alone.
func TestSearchKinds(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	// Claims in [1, 20], sources in [21, 40]; 30 lies among the sources
	// but is indexed as a claim, which only the kind's term can tell.
	docs := []struct {
		id   int64
		kind string
		text string
	}{{8, "claim", "nvidia lost 593 billion"}, {16, "claim", "nvidia gained"}, {24, "source", "nvidia lost market"},
		{30, "claim", "nvidia lost again"}, {32, "source", "nvidia lost value"}}
	var ids []int64
	var kinds, terms []string
	for _, d := range docs {
		if err := db.Exec("INSERT INTO search_docs (id, kind, ref_id, day) VALUES (?, ?, ?, '')", d.id, d.kind, d.id).Error; err != nil {
			t.Fatal(err)
		}
		ids, kinds, terms = append(ids, d.id), append(kinds, d.kind), append(terms, d.text)
	}
	if err := db.Transaction(func(tx *gorm.DB) error { return insertRows(tx, ids, kinds, terms) }); err != nil {
		t.Fatal(err)
	}
	pg := migrations.EngineOf(db) == migrations.Postgres
	search := func(q indexQuery) []int64 {
		t.Helper()
		got, err := indexIDs(ctx, db, q)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	both := [][]string{{"nvidia"}, {"lost"}}

	// A kind's own read (no Reads): few estimated, so read from GIN.
	sources := search(indexQuery{Groups: both, MinID: 21, MaxID: 40, Kind: "source", Limit: 10, Docs: 1, Records: 30000, AllRecords: 100000})
	want := []int64{32, 30, 24} // SQLite: the range alone
	if pg {
		want = []int64{32, 24}
	}
	if !slices.Equal(sources, want) {
		t.Errorf("sources holding both words: %v; want %v", sources, want)
	}
	// AnyOf too.
	anyOf := search(indexQuery{AnyOf: [][]string{{"nvidia", "lost"}}, MinID: 21, MaxID: 40, Kind: "source", Limit: 10, Docs: 1, Records: 30000, AllRecords: 100000})
	if !slices.Equal(anyOf, want) {
		t.Errorf("sources holding both words (any of): %v; want %v", anyOf, want)
	}
	// A kind with half the records or more, or a small one, reads its
	// range alone.
	for _, n := range [][2]int64{{30000, 60000}, {20, 1000}} {
		got := search(indexQuery{Groups: both, MinID: 21, MaxID: 40, Kind: "source", Limit: 10, Docs: 1, Records: n[0], AllRecords: n[1]})
		if !slices.Equal(got, []int64{32, 30, 24}) {
			t.Errorf("sources holding both words, %d sources of %d records: %v; want [32 30 24]", n[0], n[1], got)
		}
	}

	// Shared: one read for every kind when all their matches are few and
	// reading them costs less than the kinds' own searches, then each kind
	// takes its range; otherwise each searches its own.
	for _, c := range []struct {
		name      string
		docs, all int64 // of 30,000 records in the kind
		kinds     int
		groupDocs []int64
		made      int // reads through Reads on PostgreSQL
	}{{"few in all", 1, 60001, 2, nil, 1}, {"many in all", 50, 1_000_000, 2, nil, 0},
		{"one kind, which walks its few postings for less", 1, 60001, 1, []int64{1, 1}, 0}} {
		reads := newSharedReads(c.kinds)
		var got [][]int64
		for _, r := range []struct {
			lo, hi int64
			kind   string
		}{{1, 20, "claim"}, {21, 40, "source"}, {21, 40, "source"}} {
			got = append(got, search(indexQuery{Groups: both, MinID: r.lo, MaxID: r.hi, Kind: r.kind, Limit: 10,
				Docs: c.docs, Records: 30000, AllRecords: c.all, GroupDocs: c.groupDocs, Reads: reads}))
		}
		wantSources := []int64{32, 30, 24}
		if pg && c.made == 0 && c.groupDocs == nil {
			wantSources = []int64{32, 24} // its own read, by its kind
		}
		if !slices.Equal(got[0], []int64{8}) || !slices.Equal(got[1], wantSources) || !slices.Equal(got[2], wantSources) {
			t.Errorf("%s: kinds' matches %v; want [8] %v %v", c.name, got, wantSources, wantSources)
		}
		want := c.made
		if !pg {
			want = 0 // FTS5 reads a range of ids
		}
		if n := reads.made; n != want {
			t.Errorf("%s: %d reads through Reads; want %d", c.name, n, want)
		}
	}
}
