package searchindex

import (
	"context"
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/factdesk/factdesk/claims/fold"
)

// Probe is the claim "checked before" looks for: a saved claim (Kind and
// Ref set, so it is not its own twin) or one still in the form.
type Probe struct {
	Kind     Kind
	Ref      int64
	Text     string
	Lang     string
	Features []string // from Features, as the claim's record carries them
}

// Reason is why two claims look alike.
type Reason string

const (
	ReasonFigure  Reason = "same_figure"
	ReasonQuote   Reason = "same_quote"
	ReasonNames   Reason = "shared_names"
	ReasonWording Reason = "similar_wording"
)

// Reasons lists every reason (for the translation tests).
var Reasons = []Reason{ReasonFigure, ReasonQuote, ReasonNames, ReasonWording}

// Match is a claim of the desk or a prior check that looks like the probe.
type Match struct {
	Kind    Kind // KindClaim or KindPrior
	Ref     int64
	Score   float64
	Reasons []Reason
	Names   []string // the names both mention (canonical keys)
}

const (
	similarWindow = 300 // candidates ranked, newest first
	similarWords  = 6   // rarest words of the probe used to find candidates
	minSimilar    = 2.0 // the score a candidate needs to be shown
)

// Similar finds the claims and prior checks most like p, best first, at most
// limit of them. Candidates share a figure, a quotation, or two of the
// probe's rarest words or names; each is then scored: the same figure (worth
// more the rarer it is, and more again with a shared name: the same subject),
// the same quotation, shared names, and in the same language the share of the
// probe's words (weighted by rarity) it contains. Two claims that each name
// their subject, and not the same one, count half.
// Across languages only figures, quotations and names count, so "Nvidia
// lost $593 billion" meets "انفيديا خسرت 593 مليار دولار".
func (ix *Index) Similar(ctx context.Context, p Probe, limit int) ([]Match, error) {
	words := contentStems(p.Text)
	var figs, names []string
	for _, f := range p.Features {
		switch {
		case strings.HasPrefix(f, markFigure), strings.HasPrefix(f, markQuote):
			figs = append(figs, f)
		case strings.HasPrefix(f, markName):
			names = append(names, f)
		}
	}
	// Every kind's count is read with the terms: estimate needs them all.
	var keys []string
	for _, k := range Kinds {
		keys = append(keys, kindMarker(k))
	}
	keys = append(append(append(keys, words...), figs...), names...)
	df, err := ix.docFreq(ctx, keys)
	if err != nil {
		return nil, err
	}
	n := float64(max(df[kindMarker(KindClaim)]+df[kindMarker(KindPrior)], 1))
	idf := func(t string) float64 {
		d := float64(df[t])
		return math.Log(1 + (n-d+0.5)/(d+0.5))
	}
	// The rarest words and names that occur at all; a word in a fifth of the
	// records finds nothing in particular.
	var rare []string
	for _, t := range append(append([]string(nil), words...), names...) {
		if d := df[t]; d > 0 && float64(d) <= n/5 {
			rare = append(rare, t)
		}
	}
	sort.SliceStable(rare, func(a, b int) bool { return df[rare[a]] < df[rare[b]] })
	if len(rare) > similarWords {
		rare = rare[:similarWords]
	}
	var anyOf [][]string
	for _, f := range figs {
		anyOf = append(anyOf, []string{f})
	}
	for i := 0; i < len(rare); i++ {
		for j := i + 1; j < len(rare); j++ {
			anyOf = append(anyOf, []string{rare[i], rare[j]})
		}
	}
	if len(rare) == 1 && len(words) <= 2 {
		anyOf = append(anyOf, []string{rare[0]})
	}
	if len(anyOf) == 0 {
		return nil, nil
	}
	var ids []int64
	kinds := []Kind{KindClaim, KindPrior}
	reads := newSharedReads(len(kinds))
	for _, k := range kinds {
		lo, hi := kindRange(k)
		sq := indexQuery{AnyOf: anyOf, MinID: lo, MaxID: hi, Kind: string(k), Limit: similarWindow + 1, Reads: reads}
		if err := ix.estimate(ctx, &sq, k, df); err != nil {
			return nil, err
		}
		found, err := indexIDs(ctx, ix.db, sq)
		if err != nil {
			return nil, err
		}
		ids = append(ids, found...)
	}
	self := int64(-1)
	if p.Ref > 0 {
		self = docID(p.Kind, p.Ref)
	}
	cands, err := ix.candidates(ctx, ids, self)
	if err != nil {
		return nil, err
	}
	probeFeat := map[string]bool{}
	for _, f := range p.Features {
		probeFeat[f] = true
	}
	probeNames := len(names) > 0
	var wordWeight float64
	for _, w := range words {
		wordWeight += idf(w)
	}
	var out []Match
	for _, c := range cands {
		m := Match{Kind: c.kind, Ref: c.ref}
		var figScore float64
		theirNames := false
		for _, f := range c.features {
			if strings.HasPrefix(f, markName) {
				theirNames = true
			}
			if !probeFeat[f] {
				continue
			}
			switch {
			case strings.HasPrefix(f, markFigure):
				figScore = max(figScore, 1.2+math.Min(1, idf(f)/10))
			case strings.HasPrefix(f, markQuote):
				if !hasReason(m.Reasons, ReasonQuote) {
					m.Reasons = append(m.Reasons, ReasonQuote)
					m.Score += 3
				}
			case strings.HasPrefix(f, markName):
				m.Names = append(m.Names, strings.TrimPrefix(f, markName))
			}
		}
		if figScore > 0 {
			m.Reasons = append(m.Reasons, ReasonFigure)
			m.Score += figScore
		}
		if len(m.Names) > 0 {
			m.Reasons = append(m.Reasons, ReasonNames)
			m.Score += 0.8 * float64(min(len(m.Names), 3))
		}
		var wording float64
		if c.lang == p.Lang && wordWeight > 0 && c.text != "" {
			theirs := contentStems(c.text)
			have := make(map[string]bool, len(theirs))
			for _, w := range theirs {
				have[w] = true
			}
			var shared float64
			for _, w := range words {
				if have[w] {
					shared += idf(w)
				}
			}
			ratio := float64(min(len(words), len(theirs))) / float64(max(len(words), len(theirs), 1))
			wording = shared / wordWeight * math.Sqrt(ratio)
			m.Score += 4 * wording
			if wording >= 0.35 {
				m.Reasons = append(m.Reasons, ReasonWording)
			}
		}
		switch {
		case len(m.Names) > 0 && figScore > 0:
			m.Score++ // the same figure about the same subject
		case len(m.Names) == 0 && probeNames && theirNames:
			m.Score /= 2 // both name who they are about, and not the same
		}
		strong := figScore > 0 || hasReason(m.Reasons, ReasonQuote) || wording >= 0.35 || (len(m.Names) > 0 && wording >= 0.2)
		if strong && m.Score >= minSimilar {
			out = append(out, m)
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Score > out[b].Score })
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

func hasReason(rs []Reason, r Reason) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

type candidate struct {
	kind     Kind
	ref      int64
	lang     string
	features []string
	text     string
}

// candidates reads the records ids (their language and features, and their
// text from the loaders), leaving out self.
func (ix *Index) candidates(ctx context.Context, ids []int64, self int64) ([]candidate, error) {
	var keep []int64
	for _, id := range ids {
		if id != self {
			keep = append(keep, id)
		}
	}
	if len(keep) > similarWindow {
		keep = keep[:similarWindow]
	}
	if len(keep) == 0 {
		return nil, nil
	}
	var rows []struct {
		ID       int64
		Kind     string
		RefID    int64
		Lang     string
		Features string
	}
	if err := ix.db.WithContext(ctx).Raw("SELECT id, kind, ref_id, lang, features FROM search_docs WHERE id IN ?", keep).Scan(&rows).Error; err != nil {
		return nil, err
	}
	refs := map[Kind][]int64{}
	out := make([]candidate, 0, len(rows))
	for _, r := range rows {
		c := candidate{kind: Kind(r.Kind), ref: r.RefID, lang: r.Lang}
		if r.Features != "" {
			c.features = strings.Split(r.Features, " ")
		}
		out = append(out, c)
		refs[c.kind] = append(refs[c.kind], c.ref)
	}
	texts := map[Kind]map[int64]string{}
	for k, rs := range refs {
		if l := ix.loaders[k]; l != nil {
			t, err := l(ctx, rs)
			if err != nil {
				return nil, err
			}
			texts[k] = t
		}
	}
	for i := range out {
		out[i].text = texts[out[i].kind][out[i].ref]
	}
	// Newest first, as the index handed them out: ties in score keep that order.
	sort.SliceStable(out, func(a, b int) bool { return docID(out[a].kind, out[a].ref) > docID(out[b].kind, out[b].ref) })
	return out, nil
}

// contentStems returns the distinct stems of a text's words that say what
// it is about: stopwords and one-letter words are left out.
func contentStems(text string) []string {
	seen := map[string]bool{}
	var out []string
	for _, w := range fold.Words(text) {
		if stopword(w) || utf8.RuneCountInString(w) < 2 {
			continue
		}
		st := fold.Stem(w)
		if !seen[st] {
			seen[st] = true
			out = append(out, st)
		}
	}
	return out
}
