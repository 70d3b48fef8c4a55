package searchindex

import (
	"context"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/migrations"
)

// engine is what each database engine does its own way: its SQL for the
// word index (search_fts, and on PostgreSQL its postings), for the
// vocabulary's lookups, for a list filtered by words, and for a table's own
// text columns. sqlite (sqlite.go) and postgres (postgres.go and the files
// named after it) implement it; everything else in the package is the same
// on both, and the tests of the package run on either (migrations/dbtest,
// FACTDESK_TEST_PG).
type engine interface {
	// insert, delete and clear write the word index's rows (in the
	// caller's transaction); compact merges FTS5's segments (pages 0: all
	// of them).
	insert(tx *gorm.DB, ids []int64, kinds, terms []string) error
	delete(tx *gorm.DB, ids []int64) error
	clear(tx *gorm.DB) error
	compact(db *gorm.DB, pages int) error

	// ids is indexIDs; lookup is lookupTerms, given the keys to count
	// (each already in df, at 0).
	ids(ctx context.Context, db *gorm.DB, q indexQuery) ([]int64, error)
	lookup(ctx context.Context, db *gorm.DB, keys []string, qs []termsQuery, df map[string]int64, out [][]vocabTerm) error

	// count, plan, from and where are a list's Filter: counted reports
	// that count counted (n, the matches up to fewMatches+1).
	count(ctx context.Context, db *gorm.DB, f *Filter) (n int64, counted bool, err error)
	plan(f Filter, idOrder bool) listWay
	from(f Filter, table, alias string) (from, indexID string, args []any)
	where(f Filter, alias string) (cond string, args []any)

	// textMatch is TextMatch with the words split (long: three
	// characters or more).
	textMatch(table, alias, column string, long, short []string) (from, orderID string, args []any)
}

// listWay is how a list filtered by words reaches its rows (ListPlan).
type listWay struct {
	drive    bool // from the word index (Filter.from), else walking the table (Filter.where)
	windows  bool // a page in id order through windows of the postings (PostgreSQL)
	idsFirst bool // a walk reads the page's ids first, then their rows (PostgreSQL)
}

// engineOf is db's engine.
func engineOf(db *gorm.DB) engine {
	if migrations.EngineOf(db) == migrations.Postgres {
		return postgres{}
	}
	return sqlite{}
}
