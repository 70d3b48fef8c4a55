package searchindex

import (
	"context"
	"strings"

	"gorm.io/gorm"
)

// vocabTerm is a vocabulary entry and the number of records it was indexed
// for.
type vocabTerm struct {
	Term string
	Docs int64
}

// termsQuery asks the vocabulary for the terms containing Part (three
// letters or more), or with Prefix for those starting with it. With Unless
// set it is asked only when the vocabulary counts fewer than UnlessDocs
// records for the term Unless (a word common enough as typed is not
// widened): the answer does not wait for that count to come back first.
type termsQuery struct {
	Part       string
	Prefix     bool
	Unless     string
	UnlessDocs int64
}

// termsPerQuery is how many terms lookupTerms answers a query with
// at most.
const termsPerQuery = 30

// lookupTerms reads from the vocabulary how many records each of
// counts (and each query's Unless term) was indexed for, 0 for a term it
// lacks, and answers each of qs: the terms that contain its part (three
// characters or more; at most 5,000 terms looked at), or that start with
// it (at most 3,000), the most frequent termsPerQuery terms first. On PostgreSQL
// it is all one statement: each costs a round trip otherwise, and a
// search of several words asks up to two queries for each, after the
// counts.
func lookupTerms(ctx context.Context, db *gorm.DB, counts []string, qs []termsQuery) (map[string]int64, [][]vocabTerm, error) {
	df := make(map[string]int64, len(counts))
	var keys []string
	for _, t := range counts {
		if _, ok := df[t]; !ok {
			df[t] = 0 // asked and not in the vocabulary: known to be 0
			keys = append(keys, t)
		}
	}
	for _, q := range qs {
		if _, ok := df[q.Unless]; q.Unless != "" && !ok {
			df[q.Unless] = 0
			keys = append(keys, q.Unless)
		}
	}
	out := make([][]vocabTerm, len(qs))
	if err := engineOf(db).lookup(ctx, db, keys, qs, df, out); err != nil {
		return nil, nil, err
	}
	return df, out, nil
}

// contains reports that q asks for the terms containing a part that can
// be looked up: three letters or more, no space.
func (q termsQuery) contains() bool {
	return !q.Prefix && len([]rune(q.Part)) >= 3 && !strings.ContainsAny(q.Part, " \t\n")
}

// readCounts reads the vocabulary's counts of keys into df, in one
// statement (on PostgreSQL planned once per number of terms).
func readCounts(ctx context.Context, db *gorm.DB, keys []string, df map[string]int64) error {
	if len(keys) == 0 {
		return nil
	}
	var rows []vocabTerm
	if err := db.WithContext(ctx).Raw("SELECT term, docs FROM search_terms WHERE term IN ?", keys).Scan(&rows).Error; err != nil {
		return err
	}
	for _, r := range rows {
		df[r.Term] = r.Docs
	}
	return nil
}
