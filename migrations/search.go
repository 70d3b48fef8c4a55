package migrations

import (
	"context"
	"strings"

	"gorm.io/gorm"
)

// This file is the one place that knows how the search index of
// claims/searchindex is stored in SQLite: the FTS5 word index search_fts
// (one row per search_docs row, same rowid) and the trigram index of the
// vocabulary, search_terms_fts (see migration 00008). Everything else the
// index does is portable SQL. A PostgreSQL port replaces these functions.

// SearchQuery asks the word index for the records holding, for each group,
// at least one of its terms, newest first.
type SearchQuery struct {
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
}

// SearchIDs returns the search_docs ids matching q, newest (largest) first,
// at most q.Limit of them. The index hands them out in that order, so the
// work is bounded by the limit, not by how many records match.
func SearchIDs(ctx context.Context, db *gorm.DB, q SearchQuery) ([]int64, error) {
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
	if q.Before > 0 {
		sb.WriteString(" AND m.rowid < ?")
		args = append(args, q.Before)
	}
	if q.MaxID > 0 {
		sb.WriteString(" AND m.rowid BETWEEN ? AND ?")
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
	sb.WriteString(" ORDER BY m.rowid DESC LIMIT ?")
	args = append(args, q.Limit)
	var ids []int64
	err := db.WithContext(ctx).Raw(sb.String(), args...).Scan(&ids).Error
	return ids, err
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

// SearchIndexDelete removes the word-index rows of ids.
func SearchIndexDelete(tx *gorm.DB, ids []int64) error {
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		if err := tx.Exec("DELETE FROM search_fts WHERE rowid IN ?", chunk).Error; err != nil {
			return err
		}
	}
	return nil
}

// SearchIndexInsert adds word-index rows: terms[i] (space separated) for
// ids[i]. The rows must not exist (delete them first).
func SearchIndexInsert(tx *gorm.DB, ids []int64, terms []string) error {
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

// SearchIndexClear empties both FTS5 indexes (before a rebuild).
func SearchIndexClear(tx *gorm.DB) error {
	if err := tx.Exec("DELETE FROM search_fts").Error; err != nil {
		return err
	}
	return tx.Exec("INSERT INTO search_terms_fts (search_terms_fts) VALUES ('delete-all')").Error
}

// SearchIndexOptimize merges the word index into one segment: after a bulk
// load or a rebuild, which leave many small segments that every query would
// otherwise read one by one. It rewrites the index (seconds for a million
// records): for bulk work, not for every write.
func SearchIndexOptimize(db *gorm.DB) error {
	if err := db.Exec("INSERT INTO search_fts (search_fts) VALUES ('optimize')").Error; err != nil {
		return err
	}
	return db.Exec("INSERT INTO search_terms_fts (search_terms_fts) VALUES ('optimize')").Error
}

// SearchIndexMerge does a bounded amount of merging (about pages pages of
// work) on the segments that everyday writes add, one per transaction.
func SearchIndexMerge(db *gorm.DB, pages int) error {
	if err := db.Exec("INSERT INTO search_fts (search_fts, rank) VALUES ('merge', ?)", pages).Error; err != nil {
		return err
	}
	return db.Exec("INSERT INTO search_terms_fts (search_terms_fts, rank) VALUES ('merge', ?)", pages).Error
}

// SearchTerm is a vocabulary entry and the number of records it was indexed
// for.
type SearchTerm struct {
	Term string
	Docs int64
}

// SearchTermsContaining returns the vocabulary terms that contain part (three
// characters or more), the most frequent first, at most limit of them.
func SearchTermsContaining(ctx context.Context, db *gorm.DB, part string, limit int) ([]SearchTerm, error) {
	if len([]rune(part)) < 3 || strings.ContainsAny(part, " \t\n") {
		return nil, nil
	}
	var out []SearchTerm
	// At most 5,000 terms are looked at: a part as common as "the" must not
	// cost a sort of the whole vocabulary.
	err := db.WithContext(ctx).Raw(`SELECT t.term, t.docs FROM (SELECT rowid FROM search_terms_fts WHERE search_terms_fts MATCH ? LIMIT 5000) x
		JOIN search_terms t ON t.id = x.rowid WHERE t.docs > 0 ORDER BY t.docs DESC LIMIT ?`,
		`"`+strings.ReplaceAll(part, `"`, `""`)+`"`, limit).Scan(&out).Error
	return out, err
}
