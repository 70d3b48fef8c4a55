package searchindex

import (
	"context"

	"github.com/factdesk/factdesk/migrations"
)

// TextFilter is what a list filtered by words (the claim list's ?q=) asks of the
// index. A record matches when it holds every word of the query, a word
// being found the way Search finds it: by its stem ("losses" finds "loss"),
// by the name it stands for (Nvidia, إنفيديا), and, unless it is itself a
// common term, through the vocabulary terms it is part of (three letters or
// more: "vid" finds "nvidia") or the start of (one or two letters), at most
// maxExpansions of them, the most frequent first. Text is folded first, so
// Arabic diacritics, letter forms and digit scripts do not matter.
//
// Unlike Search, which ranks a window of the newest matches, lets very
// common words count only in the ranking and also widens a word by the
// terms its stem is part of ("hicks" → "hick" → "chicken"), a list keeps
// exactly the records that hold every word, in its own order: what a
// record is listed for must be visible in it.
type TextFilter struct {
	Words []Term
	// Filter is the condition on the kind's records in the word index. With
	// no word (only punctuation or symbols) it has no group and matches
	// nothing. Its Docs is at most how many records match (the fewest
	// records holding any one word's terms, from the vocabulary's counts
	// over every kind; 0 when a word is in no record at all), its Records
	// the kind's records: estimates for choosing a query plan.
	Filter migrations.IndexFilter
}

// TextFilter reads the words of text for a list of records of kind k.
func (ix *Index) TextFilter(ctx context.Context, k Kind, text string) (TextFilter, error) {
	lo, hi := kindRange(k)
	m := TextFilter{Words: ParseTerms(text), Filter: migrations.IndexFilter{MinID: lo, MaxID: hi}}
	if len(m.Words) == 0 {
		return m, nil
	}
	// The words' counts and their expansions, in one statement on
	// PostgreSQL (a round trip each otherwise).
	groups, df, err := ix.expand(ctx, m.Words, exactGroups(m.Words), nil, false)
	if err != nil {
		return m, err
	}
	// df holds every term's count: the exact terms' and the expansions'.
	m.Filter.Groups = groups
	m.Filter.Records = df[kindMarker(k)]
	m.Filter.Docs = -1
	for _, g := range groups {
		n := groupCount(g, df)
		m.Filter.GroupDocs = append(m.Filter.GroupDocs, n)
		if m.Filter.Docs < 0 || n < m.Filter.Docs {
			m.Filter.Docs = n
		}
	}
	return m, nil
}
