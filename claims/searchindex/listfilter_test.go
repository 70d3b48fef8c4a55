package searchindex

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/migrations"
	"github.com/factdesk/factdesk/migrations/dbtest"
)

// Count replaces the vocabulary's estimate of a filter of several words by
// the number of records holding them all, when that is few, and leaves
// one-word filters and many matches alone.
func TestIndexFilterCount(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	const base = 1 << 40
	ids := []int64{base + 1, base + 2, base + 3, base + 4, 2*base + 5}
	terms := []string{"rice prices", "rice", "prices rose", "rice rose prices", "rice prices"} // the last: another kind
	kinds := []string{"claim", "claim", "claim", "claim", "source"}
	if err := insertRows(db, ids, kinds, terms); err != nil {
		t.Fatal(err)
	}
	// The rows of the kind's table: ids 1–4.
	if err := db.Exec("CREATE TABLE t (id BIGINT PRIMARY KEY)").Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Exec("INSERT INTO t (id) VALUES (1), (2), (3), (4)").Error; err != nil {
		t.Fatal(err)
	}
	pg := migrations.EngineOf(db) == migrations.Postgres
	for _, tt := range []struct {
		name      string
		groups    [][]string
		docs      int64
		groupDocs []int64
		want      int64
	}{
		{"two words", [][]string{{"rice"}, {"prices"}}, 50000, nil, 2},
		{"a word or its parts, and another", [][]string{{"rice", "rose"}, {"prices"}}, 50000, nil, 3},
		{"no record has both", [][]string{{"rice"}, {"absent"}}, 50000, nil, 0},
		{"one word keeps its estimate", [][]string{{"rice"}}, 50000, nil, 50000},
		{"few already", [][]string{{"rice"}, {"prices"}}, 40, nil, 40},
		{"two words seldom together by their counts", [][]string{{"rice"}, {"prices"}}, 50000, []int64{50000, 60000}, 2},
		// PostgreSQL does not count words that their counts put together
		// in many records (SQLite counts: FTS5 stops at the limit).
		{"two words often together by their counts", [][]string{{"rice"}, {"prices"}}, 50000, []int64{500000, 600000}, -1},
	} {
		f := Filter{Groups: tt.groups, MinID: base, MaxID: 2*base - 1, Docs: tt.docs, Records: 1000000, GroupDocs: tt.groupDocs}
		if err := f.count(ctx, db); err != nil {
			t.Fatal(err)
		}
		if tt.want < 0 {
			tt.want = 2
			if pg {
				tt.want = tt.docs
			}
		}
		if f.Docs != tt.want {
			t.Errorf("%s: Docs = %d; want %d", tt.name, f.Docs, tt.want)
		}
		if !f.few() {
			continue
		}
		// A query driven by the filter lists the rows that hold every
		// group (on PostgreSQL, those Count read).
		from, id, args := f.from(db, "t", "x")
		var got []int64
		if err := db.Raw("SELECT x.id FROM "+from+" ORDER BY "+id, args...).Scan(&got).Error; err != nil {
			t.Fatal(err)
		}
		var want []int64
		for i, terms := range terms[:4] {
			if holdsAll(terms, tt.groups) {
				want = append(want, ids[i]-base)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: rows %v; want %v", tt.name, got, want)
		}
	}
}

// holdsAll reports whether the space-separated terms hold a term of every
// group.
func holdsAll(terms string, groups [][]string) bool {
	for _, g := range groups {
		if !slices.ContainsFunc(strings.Fields(terms), func(t string) bool { return slices.Contains(g, t) }) {
			return false
		}
	}
	return true
}

// An index written before the postings existed (migration 10) has them
// once migrated: the same answers through them as through GIN.
func TestPostingsMigrationFillsThem(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.NewEmpty(t)
	if err := migrations.UpTo(ctx, db, 9); err != nil {
		t.Fatal(err)
	}
	ids := []int64{3, 5, 9}
	terms := []string{"rice prices", "rice", "prices rose"}
	kinds := []string{"claim", "claim", "source"}
	for i, id := range ids {
		if err := db.Exec("INSERT INTO search_docs (id, kind, ref_id, day) VALUES (?, ?, ?, '')", id, kinds[i], id).Error; err != nil {
			t.Fatal(err)
		}
		q := "INSERT INTO search_fts (rowid, terms) VALUES (?, ?)"
		if migrations.EngineOf(db) == migrations.Postgres {
			q = "INSERT INTO search_fts (id, terms) VALUES (?, string_to_array(?, ' '))"
		}
		if err := db.Exec(q, id, terms[i]).Error; err != nil {
			t.Fatal(err)
		}
	}
	if _, err := migrations.Up(ctx, db); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		groups [][]string
		want   []int64
	}{{[][]string{{"rice"}}, []int64{5, 3}}, {[][]string{{"rose", "rice"}}, []int64{9, 5, 3}}, {[][]string{{"prices"}, {"rice"}}, []int64{3}}} {
		q := indexQuery{Groups: tt.groups, Limit: 10, Docs: 100, Records: 100, GroupDocs: make([]int64, len(tt.groups))}
		got, err := indexIDs(ctx, db, q)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%v: %v; want %v", tt.groups, got, tt.want)
		}
	}
	if migrations.EngineOf(db) == migrations.Postgres {
		// Migration 11 gave each row its kind's term, once; the postings
		// (00010) hold only the words.
		var claims, sources, postings int64
		db.Raw("SELECT COUNT(*) FROM search_fts WHERE terms @> ARRAY[?] AND cardinality(terms) = 3", kindTerm("claim")).Scan(&claims)
		db.Raw("SELECT COUNT(*) FROM search_fts WHERE id = 9 AND terms = ARRAY['prices', 'rose', ?]", kindTerm("source")).Scan(&sources)
		db.Raw("SELECT COUNT(*) FROM search_postings").Scan(&postings)
		if claims != 1 || sources != 1 || postings != 5 {
			t.Errorf("after migrating: %d claims with 3 terms (want 1: rice prices), %d sources as written (want 1), %d postings (want 5)", claims, sources, postings)
		}
	}
}
