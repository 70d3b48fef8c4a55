package searchindex

import (
	"context"
	"strings"

	"gorm.io/gorm"
)

// sqlite is the word index on SQLite (migration 00008): the FTS5 word index
// search_fts (one row per search_docs row, same rowid), which hands out a
// query's matches newest or oldest first, and the trigram index of the
// vocabulary, search_terms_fts. Every term is an FTS5 string (matchExpr),
// never query syntax.
type sqlite struct{}

// ids is indexIDs on SQLite: FTS5 walks the matches newest first.
func (sqlite) ids(ctx context.Context, db *gorm.DB, q indexQuery) ([]int64, error) {
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

func (sqlite) delete(tx *gorm.DB, ids []int64) error {
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		if err := tx.Exec("DELETE FROM search_fts WHERE rowid IN ?", chunk).Error; err != nil {
			return err
		}
	}
	return nil
}

func (sqlite) insert(tx *gorm.DB, ids []int64, kinds, terms []string) error {
	const batch = 200
	for start := 0; start < len(ids); start += batch {
		end := min(start+batch, len(ids))
		var sb strings.Builder
		args := make([]any, 0, 2*(end-start))
		sb.WriteString("INSERT INTO search_fts (rowid, terms) VALUES ")
		for i := start; i < end; i++ {
			if i > start {
				sb.WriteByte(',')
			}
			sb.WriteString("(?,?)")
			args = append(args, ids[i], terms[i])
		}
		if err := tx.Exec(sb.String(), args...).Error; err != nil {
			return err
		}
	}
	return nil
}

func (sqlite) clear(tx *gorm.DB) error {
	if err := tx.Exec("DELETE FROM search_fts").Error; err != nil {
		return err
	}
	return tx.Exec("INSERT INTO search_terms_fts (search_terms_fts) VALUES ('delete-all')").Error
}

// compact merges FTS5's segments: all of them (pages 0), or about pages
// pages of work.
func (sqlite) compact(db *gorm.DB, pages int) error {
	if pages <= 0 {
		if err := db.Exec("INSERT INTO search_fts (search_fts) VALUES ('optimize')").Error; err != nil {
			return err
		}
		return db.Exec("INSERT INTO search_terms_fts (search_terms_fts) VALUES ('optimize')").Error
	}
	if err := db.Exec("INSERT INTO search_fts (search_fts, rank) VALUES ('merge', ?)", pages).Error; err != nil {
		return err
	}
	return db.Exec("INSERT INTO search_terms_fts (search_terms_fts, rank) VALUES ('merge', ?)", pages).Error
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

// common reports that a walk of the table meets matches often enough for
// looking each row up in SQLite's index to cost less than reading every
// match into a set: a page of 50 takes about 50·Records/Docs lookups (20–50
// µs each at a million records) against Docs members of a set (about 0.5 µs
// each), even when Docs² ≈ 3,000·Records (55,000 matches in a million).
func (f Filter) common() bool { return f.Docs*f.Docs >= 3000*f.Records }

// textMatch is TextMatch on SQLite: the table's FTS5 indexes drive the
// query (see TextMatch).
func (sqlite) textMatch(table, alias, _ string, long, short []string) (from, orderID string, args []any) {
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

// count counts the records holding every group of f, up to fewMatches+1:
// FTS5 intersects the groups and the count stops there.
func (sqlite) count(ctx context.Context, db *gorm.DB, f *Filter) (int64, bool, error) {
	var n int64
	err := db.WithContext(ctx).Raw("SELECT COUNT(*) FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid > ? AND rowid <= ? LIMIT ?)",
		matchExpr(f.Groups), f.MinID, f.MaxID, fewMatches+1).Scan(&n).Error
	return n, true, err
}

// plan: SQLite walks FTS5's matches in id order (it hands them out newest
// or oldest first, at the cost of a page); it never reads windows of
// postings, nor a page's ids first.
func (sqlite) plan(f Filter, idOrder bool) listWay {
	return listWay{drive: f.few() || idOrder}
}

// from joins the table to the FTS5 word index search_fts, which hands out
// the kind's rowid range newest or oldest first, so that "ORDER BY indexID
// DESC LIMIT n" (or ASC) stops after n rows however many records match;
// other orders sort every match.
func (sqlite) from(f Filter, table, alias string) (from, indexID string, args []any) {
	return "search_fts m JOIN " + table + " " + alias + " ON " + alias + ".id = m.rowid - ? AND search_fts MATCH ? AND m.rowid > ? AND m.rowid <= ?",
		"m.rowid", []any{f.MinID, matchExpr(f.Groups), f.MinID, f.MaxID}
}

// where looks each row up only when matches are common (see common) and
// the filter is one term, since FTS5 seeks each term's list for every row;
// else the matching ids are read once into a set each row is checked
// against (see Filter.Where).
func (sqlite) where(f Filter, alias string) (cond string, args []any) {
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

// lookup is lookupTerms on SQLite: the counts, then each query, the
// trigram index of the vocabulary answering a part.
func (sqlite) lookup(ctx context.Context, db *gorm.DB, keys []string, qs []termsQuery, df map[string]int64, out [][]vocabTerm) error {
	if err := readCounts(ctx, db, keys, df); err != nil {
		return err
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
			return err
		}
	}
	return nil
}
