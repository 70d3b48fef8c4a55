package searchindex

import (
	"context"
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/factdesk/factdesk/claims/fold"
)

// How well a word of the query matched a word of a record.
const (
	matchExact   = 1.0  // same stem ("losses" for "loss")
	matchName    = 0.9  // the same name in the other language (إنفيديا for Nvidia)
	matchPart    = 0.55 // part of a longer word ("vidi" in "nvidia"), or its start
	matchUnknown = 0.3  // the index says it is there, beyond the text ranked
)

// rankedText is how much of a record's text is read to rank it: enough for
// any claim, source or conclusion, and the beginning of a long article.
const rankedText = 1200

// rank orders the window ids (newest first) of kind k by relevance to the
// terms. The score is a BM25-like sum over the words of the query: each
// word's rarity (from the vocabulary counts), how well it matched, a
// saturating count of its occurrences, normalised by the record's length; a
// bonus for words of the query standing side by side in the record; with
// "some words", the share of the query's words found. Ties go to the newer
// record, and so does a small bonus.
func (ix *Index) rank(ctx context.Context, k Kind, ids []int64, terms []Term, df map[string]int64, some bool, required []bool) ([]Hit, error) {
	refs := make([]int64, len(ids))
	for i, id := range ids {
		refs[i] = refOf(id)
	}
	hits := make([]Hit, len(ids))
	for i, r := range refs {
		hits[i] = Hit{Kind: k, Ref: r, Score: 0.05 * (1 - float64(i)/float64(len(ids)))}
	}
	if len(terms) == 0 {
		return hits, nil
	}
	var texts map[int64]string
	if l := ix.loaders[k]; l != nil {
		var err error
		if texts, err = l(ctx, refs); err != nil {
			return nil, err
		}
	}
	// Rarity is over the whole index: the vocabulary counts every kind.
	var all int64
	for _, kk := range Kinds {
		all += df[kindMarker(kk)]
	}
	n := float64(max(all, 1))
	idf := make([]float64, len(terms))
	for i, t := range terms {
		d := float64(df[t.Stem])
		if t.Name != "" {
			d = max(d, float64(df[nameMarker(t.Name)]))
		}
		idf[i] = math.Log(1 + (n-d+0.5)/(d+0.5))
	}
	lengths := make([]int, len(ids))
	scores := make([]termScores, len(ids))
	total := 0
	for i, r := range refs {
		text, ok := texts[r]
		if !ok {
			scores[i] = unknownScores(len(terms))
			continue
		}
		if len(text) > rankedText {
			text = text[:rankedText]
		}
		scores[i], lengths[i] = scoreText(text, terms)
		total += lengths[i]
	}
	avg := max(float64(total)/float64(len(ids)), 1)
	for i := range hits {
		s := scores[i]
		var sum, found float64
		for j := range terms {
			m := s.match[j]
			if m == 0 && !some && required[j] {
				m = matchUnknown // the index matched it: beyond the ranked text, or in a field not shown
			}
			if m > 0 {
				found++
			}
			tf := float64(max(s.count[j], 1))
			sat := tf * 2.2 / (tf + 1.2)
			sum += idf[j] * m * sat
		}
		norm := 0.25 + 0.75*float64(max(lengths[i], 1))/avg
		score := sum / norm
		score += 0.6 * float64(s.adjacent) * avgOf(idf)
		if some {
			share := found / float64(len(terms))
			score *= share * share
		}
		hits[i].Score += score
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[a].Score > hits[b].Score })
	return hits, nil
}

func avgOf(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// termScores is how each query word matched one text.
type termScores struct {
	match    []float64 // best match level per query word
	count    []int     // occurrences per query word
	adjacent int       // query words i, i+1 found side by side, in order
}

func unknownScores(n int) termScores {
	return termScores{match: make([]float64, n), count: make([]int, n)}
}

// scoreText matches the query words against a text, word by word.
func scoreText(text string, terms []Term) (termScores, int) {
	toks := fold.Tokens(text)
	s := unknownScores(len(terms))
	prev := make([]bool, len(terms)) // which words the previous token matched
	cur := make([]bool, len(terms))
	for _, tk := range toks {
		stem := fold.Stem(tk.Text)
		name := ""
		for j, t := range terms {
			m := wordMatch(tk.Text, stem, t, &name)
			cur[j] = m > 0
			if m > s.match[j] {
				s.match[j] = m
			}
			if m == matchExact {
				s.count[j]++
			}
			if j > 0 && cur[j] && prev[j-1] {
				s.adjacent++
			}
		}
		prev, cur = cur, prev
	}
	return s, len(toks)
}

// wordMatch tells how a word of a text (folded, and its stem) matches a
// query word. name caches the word's alias lookup ("" unknown, "-" none).
func wordMatch(word, stem string, t Term, name *string) float64 {
	switch {
	case stem == t.Stem || word == t.Word:
		return matchExact
	case t.Short():
		if strings.HasPrefix(word, t.Word) || strings.HasPrefix(stem, t.Stem) {
			return matchPart
		}
	case strings.Contains(word, t.Word) || (utf8.RuneCountInString(t.Stem) >= 3 && strings.Contains(stem, t.Stem)):
		return matchPart
	}
	if t.Name != "" {
		if *name == "" {
			if *name = aliasName(word); *name == "" {
				*name = "-"
			}
		}
		if *name == t.Name {
			return matchName
		}
	}
	return 0
}
