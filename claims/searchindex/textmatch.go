package searchindex

import (
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"
)

// TextMatch returns the FROM clause (with its arguments) that keeps the rows
// of table, aliased alias, whose folded search column contains every word of
// q, and the column to order and page by. q must already be folded the way
// the column was. The words are always bound parameters, never SQL.
//
// Each engine does it its own way (textMatch in sqlite.go and postgres.go).
// Both index the same Go-folded column (claims/fold) and give the same
// answers: words of three characters or more are found anywhere in the
// text; shorter ones, which trigrams cannot answer, match the beginning of
// a word.
//
// SQLite drives the query from the table's FTS5 indexes (see its
// migration), which hand out matching rows newest first so a page stops
// after its last row: the trigram index <table>_fts for long words, the word
// index <table>_words (with one- and two-letter prefixes) for short ones.
//
// PostgreSQL filters the table itself: long words with LIKE '%word%',
// answered by the pg_trgm GIN index on the column; short ones with a prefix
// query ('wo':*) on the GIN index of the column's words, a stored tsvector
// named after it (search_text's is search_words). The planner picks an index
// (or walks the id index backwards when a word is common) and the caller
// orders by the table's id.
func TextMatch(db *gorm.DB, table, alias, column, q string) (from, orderID string, args []any) {
	var long, short []string
	for _, w := range strings.Fields(q) {
		if utf8.RuneCountInString(w) >= 3 {
			long = append(long, w)
		} else {
			short = append(short, w)
		}
	}
	if len(long) == 0 && len(short) == 0 {
		return table + " " + alias, alias + ".id", nil
	}
	return engineOf(db).textMatch(table, alias, column, long, short)
}
