package migrations

import (
	"strings"
	"unicode/utf8"
)

// TextMatch returns the FROM clause (with its arguments) that keeps the rows
// of table, aliased alias, whose folded search column contains every word of
// q, and the column to order and page by. q must already be folded the way
// the column was.
//
// This is the one place that knows how text search is done. With SQLite it
// drives the query from the table's FTS5 indexes (see its migration), which
// hand out matching rows newest first so a page stops after its last row:
// words of three characters or more are found anywhere in the text through
// the trigram index <table>_fts; shorter ones, which trigrams cannot answer,
// match the beginning of a word through the word index <table>_words. A
// PostgreSQL port replaces this function (pg_trgm and a prefix index).
func TextMatch(table, alias, column, q string) (from, orderID string, args []any) {
	var long, short []string
	for _, w := range strings.Fields(q) {
		// An FTS5 string: the word is matched as text, never as query syntax.
		quoted := `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
		if utf8.RuneCountInString(w) >= 3 {
			long = append(long, quoted)
		} else {
			short = append(short, quoted+"*")
		}
	}
	trigram, words := table+"_fts", table+"_words"
	switch {
	case len(long) > 0:
		from = trigram + " m JOIN " + table + " " + alias + " ON " + alias + ".id = m.rowid AND " + trigram + " MATCH ?"
		args = append(args, strings.Join(long, " AND "))
		if len(short) > 0 {
			from += " AND " + alias + ".id IN (SELECT rowid FROM " + words + " WHERE " + words + " MATCH ?)"
			args = append(args, strings.Join(short, " AND "))
		}
		return from, "m.rowid", args
	case len(short) > 0:
		from = words + " m JOIN " + table + " " + alias + " ON " + alias + ".id = m.rowid AND " + words + " MATCH ?"
		return from, "m.rowid", []any{strings.Join(short, " AND ")}
	}
	return table + " " + alias, alias + ".id", nil
}
