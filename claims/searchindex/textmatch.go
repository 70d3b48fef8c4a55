package searchindex

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/migrations"
)

// TextMatch returns the FROM clause (with its arguments) that keeps the rows
// of table, aliased alias, whose folded search column contains every word of
// q, and the column to order and page by. q must already be folded the way
// the column was. The words are always bound parameters, never SQL.
//
// This is the one place that knows how text search is done on each engine.
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
	if migrations.EngineOf(db) == migrations.Postgres {
		return pgTextMatch(table, alias, column, long, short)
	}
	return sqliteTextMatch(table, alias, long, short)
}

func sqliteTextMatch(table, alias string, long, short []string) (from, orderID string, args []any) {
	// An FTS5 string: the word is matched as text, never as query syntax.
	quote := func(w string) string { return `"` + strings.ReplaceAll(w, `"`, `""`) + `"` }
	var l, s []string
	for _, w := range long {
		l = append(l, quote(w))
	}
	for _, w := range short {
		s = append(s, quote(w)+"*")
	}
	trigram, words := table+"_fts", table+"_words"
	if len(l) > 0 {
		from = trigram + " m JOIN " + table + " " + alias + " ON " + alias + ".id = m.rowid AND " + trigram + " MATCH ?"
		args = append(args, strings.Join(l, " AND "))
		if len(s) > 0 {
			from += " AND " + alias + ".id IN (SELECT rowid FROM " + words + " WHERE " + words + " MATCH ?)"
			args = append(args, strings.Join(s, " AND "))
		}
		return from, "m.rowid", args
	}
	from = words + " m JOIN " + table + " " + alias + " ON " + alias + ".id = m.rowid AND " + words + " MATCH ?"
	return from, "m.rowid", []any{strings.Join(s, " AND ")}
}

func pgTextMatch(table, alias, column string, long, short []string) (from, orderID string, args []any) {
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
