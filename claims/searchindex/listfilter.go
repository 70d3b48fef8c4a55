package searchindex

import (
	"context"

	"gorm.io/gorm"
)

// Filter is a condition of the word index on the records of one kind,
// for a query that selects, filters and sorts a table of those records
// itself (the claim list with words): a row is kept when its record holds,
// for every group, one of the group's terms. The kind's records have the
// index ids MinID+1 … MaxID, and a row's record is MinID + the row's id.
//
// Docs and Records are what the caller knows from the vocabulary's counts:
// at most how many records match, and how many records the kind has. They
// choose how the index is asked (see from and where); a wrong estimate
// costs time, never a wrong answer.
type Filter struct {
	Groups        [][]string
	MinID, MaxID  int64
	Docs, Records int64
	// GroupDocs is, for each of Groups, about how many records hold one of
	// its terms; PostgreSQL reads the rarest group's postings (pgWindowed).
	GroupDocs []int64
	// FixedWindow, when not 0, is the size of every window (see
	// windowSize): tests make it small to page through many.
	FixedWindow int
	// matches are, on PostgreSQL, the records count found holding every
	// group (counted: it found them all), which from then reads by id.
	matches []int64
	counted bool
}

// fewMatches is how many matches a query reads and sorts rather than walk
// an order: about where reading them costs what walking does at a million
// records (SQLite: 0.7 ms for 744 matches, 42 ms for 17,700; PostgreSQL:
// about 14 µs a match against 7 µs a row walked, even at 5,000 matches).
const fewMatches = 3000

// few reports that few records match: a query reads them all and sorts
// them, whatever its order.
func (f Filter) few() bool { return f.Docs <= fewMatches }

// count makes Docs exact when few records match several groups: the
// vocabulary tells how many records hold each word, not how many hold them
// all, which can be far fewer (words seldom used together). It counts the
// matches up to fewMatches+1 (the index intersects the groups; the count
// stops there) and keeps the estimate when there are more.
//
// On PostgreSQL a count costs a heap page a match, whatever its kind, so it
// is not made when the groups' counts, taken as independent, put far more
// than fewMatches records in all of them ("about the": 36 ms to count 3,001
// claims): the list then reads windows of the matches.
func (f *Filter) count(ctx context.Context, db *gorm.DB) error {
	if len(f.Groups) < 2 || f.few() || !f.usable() {
		return nil
	}
	n, counted, err := engineOf(db).count(ctx, db, f)
	if !counted {
		return err
	}
	if err == nil && n <= fewMatches {
		f.Docs = n
	}
	return err
}

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

// from returns the FROM clause (with its arguments) of a query of table,
// aliased alias, driven by the word index (listWay.drive): only the rows whose
// record holds the terms. indexID is the column to order and page by, in
// index ids: page with indexID < MinID + the last row's id.
//
// SQLite joins the table to the FTS5 word index search_fts, which hands out
// the kind's rowid range newest or oldest first, so that "ORDER BY indexID
// DESC LIMIT n" (or ASC) stops after n rows however many records match;
// other orders sort every match. PostgreSQL reads the few matches from the
// GIN index and their rows by primary key, then sorts them (left to plan a
// join, its planner estimates a word missing from its statistics at
// hundreds of records and walks every record of the kind to find three).
func (f Filter) from(db *gorm.DB, table, alias string) (from, indexID string, args []any) {
	if !f.usable() {
		return "(SELECT * FROM " + table + " WHERE 1 = 0) " + alias, alias + ".id", nil
	}
	return engineOf(db).from(f, table, alias)
}

// where returns a condition on the rows of alias for a query that walks the
// table in its own order (not listWay.drive), checking each row it meets against
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
func (f Filter) where(db *gorm.DB, alias string) (cond string, args []any) {
	if !f.usable() {
		return "1 = 0", nil
	}
	return engineOf(db).where(f, alias)
}
