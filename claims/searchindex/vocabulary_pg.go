package searchindex

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"
)

// lookup is lookupTerms on PostgreSQL: with queries to ask, all of it in
// one statement (pgTermsLookup); else the counts alone.
func (postgres) lookup(ctx context.Context, db *gorm.DB, keys []string, qs []termsQuery, df map[string]int64, out [][]vocabTerm) error {
	if asked := pgAsked(qs); len(asked) > 0 {
		return pgTermsLookup(ctx, db, keys, asked, df, out)
	}
	return readCounts(ctx, db, keys, df)
}

// pgAsked is what PostgreSQL is asked of qs: the queries that can be, by
// their index in qs.
func pgAsked(qs []termsQuery) []pgTermsQuery {
	var asked []pgTermsQuery
	for i, q := range qs {
		switch {
		case q.Prefix && q.Part != "":
			asked = append(asked, pgTermsQuery{I: i, Part: q.Part, Prefix: true, Unless: q.Unless, UnlessDocs: q.UnlessDocs})
		case q.contains():
			asked = append(asked, pgTermsQuery{I: i, Part: likeEscape(q.Part), Unless: q.Unless, UnlessDocs: q.UnlessDocs})
		}
	}
	return asked
}

// pgTermsLookup is lookupTerms on PostgreSQL with queries to ask:
// the counts of keys into df and the answers into out, through
// pgLookupSQL, one statement for up to pgLookupTerms counts and
// pgLookupQueries queries.
func pgTermsLookup(ctx context.Context, db *gorm.DB, keys []string, asked []pgTermsQuery, df map[string]int64, out [][]vocabTerm) error {
	for len(keys) > 0 || len(asked) > 0 {
		k, a := keys[:min(len(keys), pgLookupTerms)], asked[:min(len(asked), pgLookupQueries)]
		keys, asked = keys[len(k):], asked[len(a):]
		if k == nil {
			k = []string{} // [], not null
		}
		if a == nil {
			a = []pgTermsQuery{}
		}
		kj, err := json.Marshal(k)
		if err != nil {
			return err
		}
		aj, err := json.Marshal(a)
		if err != nil {
			return err
		}
		var rows []struct {
			I    int
			Term string
			Docs int64
		}
		if err := db.WithContext(ctx).Raw(pgLookupSQL, string(kj), string(aj)).Scan(&rows).Error; err != nil {
			return err
		}
		for _, r := range rows {
			if r.I < 0 {
				df[r.Term] = r.Docs
				continue
			}
			out[r.I] = append(out[r.I], vocabTerm{Term: r.Term, Docs: r.Docs})
		}
	}
	for _, ts := range out {
		slices.SortStableFunc(ts, func(a, b vocabTerm) int { return cmp.Compare(b.Docs, a.Docs) })
	}
	return nil
}

// pgTermsQuery is a termsQuery as PostgreSQL is sent it (pgLookupSQL): I
// is its index among the queries, Part is LIKE-escaped for a part.
type pgTermsQuery struct {
	I          int    `json:"i"`
	Part       string `json:"part"`
	Prefix     bool   `json:"prefix"`
	Unless     string `json:"unless,omitempty"`
	UnlessDocs int64  `json:"unless_docs"`
}

// How many terms' counts and how many queries one pgLookupSQL carries
// (a search has at most 12 words, each with its name and up to two
// queries); more take another statement.
const (
	pgLookupTerms   = 64
	pgLookupQueries = 32
)

// pgLookupSQL reads the vocabulary's counts of the terms in $1 (a JSON
// array) and answers the queries in $2 (a JSON array of pgTermsQuery),
// each its termsPerQuery most frequent terms, in one statement.
//
// It is prepared, and planned once per connection rather than at every
// execution (planning it with its values cost 0.1–0.15 ms, the most of
// what a list of a word no record holds cost on PostgreSQL). To that end
// no value reaches the planner: the terms and queries come out of JSON,
// whose rows it cannot count, and the patterns and prefixes are columns
// of those rows. The plan is then the same whatever is asked, so after
// its first five executions PostgreSQL keeps the generic one, and that
// plan reads an index for every query: the trigram index for a part, the
// byte-order index (migration 00012) for a prefix. A part that matches
// thousands of terms stops at the LIMIT, and a query whose Unless term is
// common enough is not read at all (a condition on no row of it, checked
// once). The LIMITs on the JSON rows keep its estimated cost, and with it
// the plan, the same as the number of terms grows. A part's own % _ \ are
// matched as themselves (likeEscape); markers (terms starting with a
// private-use character, U+E000–U+F8FF) are not words.
var pgLookupSQL = fmt.Sprintf(`SELECT -1 AS i, t.term, t.docs FROM search_terms t
WHERE t.term IN (SELECT jsonb_array_elements_text(?::jsonb) LIMIT %d)
UNION ALL
SELECT q.i, x.term, x.docs
FROM (SELECT * FROM jsonb_to_recordset(?::jsonb) AS q(i int, part text, prefix bool, unless text, unless_docs bigint) LIMIT %d) q
CROSS JOIN LATERAL (
	SELECT y.term, y.docs FROM (
		(SELECT term, docs FROM search_terms
			WHERE q.prefix AND term COLLATE "C" >= q.part AND term COLLATE "C" < q.part || chr(1114111) AND docs > 0 LIMIT 3000)
		UNION ALL
		(SELECT term, docs FROM search_terms
			WHERE NOT q.prefix AND term LIKE '%%' || q.part || '%%' ESCAPE '\' AND docs > 0
			AND ascii(term) NOT BETWEEN 57344 AND 63743 LIMIT 5000)
	) y
	WHERE q.unless IS NULL OR NOT EXISTS (SELECT FROM search_terms u WHERE u.term = q.unless AND u.docs >= q.unless_docs)
	ORDER BY y.docs DESC LIMIT %d
) x`, pgLookupTerms, pgLookupQueries, termsPerQuery)

// likeEscape makes a LIKE pattern's % _ \ match themselves (ESCAPE '\').
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
