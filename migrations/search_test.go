package migrations_test

import (
	"context"
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
	if err := migrations.SearchIndexInsert(db, ids, terms); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name   string
		groups [][]string
		docs   int64
		want   int64
	}{
		{"two words", [][]string{{"rice"}, {"prices"}}, 50000, 2},
		{"a word or its parts, and another", [][]string{{"rice", "rose"}, {"prices"}}, 50000, 3},
		{"no record has both", [][]string{{"rice"}, {"absent"}}, 50000, 0},
		{"one word keeps its estimate", [][]string{{"rice"}}, 50000, 50000},
		{"few already", [][]string{{"rice"}, {"prices"}}, 40, 40},
	} {
		f := migrations.IndexFilter{Groups: tt.groups, MinID: base, MaxID: 2*base - 1, Docs: tt.docs, Records: 1000000}
		if err := f.Count(ctx, db); err != nil {
			t.Fatal(err)
		}
		if f.Docs != tt.want {
			t.Errorf("%s: Docs = %d; want %d", tt.name, f.Docs, tt.want)
		}
	}
}
