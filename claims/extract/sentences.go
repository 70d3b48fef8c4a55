package extract

import (
	"sort"
	"unicode"
)

// Sentence is one sentence with its check-worthiness score and findings.
type Sentence struct {
	Start       int       `json:"start"`
	End         int       `json:"end"`
	Text        string    `json:"text"`
	Score       float64   `json:"score"`
	CheckWorthy bool      `json:"checkworthy"`
	Findings    []Finding `json:"findings,omitempty"`
}

// Sentences splits text into sentences, scores each and attaches its
// findings, so an editor can start from the sentences most worth checking.
func Sentences(text string, opt Options) []Sentence {
	d := analyse(text, opt)
	fs := d.findings()
	out := make([]Sentence, 0, len(d.sents))
	k := 0
	for _, s := range d.sents {
		st := Sentence{Start: s.s, End: s.e, Text: string(d.rs[s.s:s.e])}
		for k < len(fs) && fs[k].Start < s.e {
			if fs[k].Start >= s.s {
				st.Findings = append(st.Findings, fs[k])
			}
			k++
		}
		st.Score = d.score(s, st.Findings)
		st.CheckWorthy = st.Score >= Threshold
		out = append(out, st)
	}
	return out
}

var abbrevs = foldSet("mr", "mrs", "ms", "dr", "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
	"oct", "nov", "dec", "inc", "corp", "co", "ltd", "vs", "etc", "e.g", "i.e", "no", "gov", "sen", "rep", "prof", "gen", "jr", "sr", "fig", "approx")

// split cuts the text at line breaks and at sentence-final punctuation
// followed by space. It does not cut inside a quotation (a quoted statement
// is one claim with one speaker), after an abbreviation like "U.S." or
// "Jan.", or at a decimal point, which the scanner already kept inside the
// number. The Arabic semicolon joins clauses and never ends a sentence.
func (d *doc) split() []span {
	n := len(d.norm)
	depth := make([]int32, n+1)
	for _, p := range d.pairs {
		depth[p.o+1]++
		depth[p.c]--
	}
	for i := 1; i <= n; i++ {
		depth[i] += depth[i-1]
	}
	var out []span
	start := 0
	emit := func(e int) {
		s := start
		for s < e && unicode.IsSpace(d.rs[s]) {
			s++
		}
		for e > s && unicode.IsSpace(d.rs[e-1]) {
			e--
		}
		if e > s {
			out = append(out, span{s, e})
		}
	}
	ti := 0
	for i := 0; i < n; i++ {
		r := d.norm[i]
		if r == '\n' || r == '\u2029' {
			emit(i)
			start = i + 1
			continue
		}
		if r != '.' && r != '!' && r != '?' && r != '؟' && r != '…' {
			continue
		}
		j := i + 1
		for j < n && (d.norm[j] == '.' || d.norm[j] == '!' || d.norm[j] == '?' || d.norm[j] == '؟' || d.norm[j] == '"' || d.norm[j] == '”' || d.norm[j] == '»' || d.norm[j] == ')') {
			j++
		}
		if j < n && !unicode.IsSpace(d.norm[j]) {
			i = j - 1
			continue
		}
		if depth[i] > 0 {
			continue
		}
		if r == '.' {
			for ti < len(d.toks) && d.toks[ti].e <= i {
				ti++
			}
			if ti > 0 && d.isAbbrev(ti-1) {
				continue
			}
		}
		emit(j)
		start = j
		i = j - 1
	}
	emit(n)
	return out
}

func (d *doc) isAbbrev(k int) bool {
	t := &d.toks[k]
	if t.kind != tWord || !t.latin {
		return false
	}
	if len(t.key) == 1 && t.upper {
		return true // U.S., J. Smith
	}
	return abbrevs[t.key]
}

// sentenceOf is the sentence containing rune offset r.
func (d *doc) sentenceOf(r int) span {
	k := sort.Search(len(d.sents), func(i int) bool { return d.sents[i].e > r })
	if k < len(d.sents) {
		return d.sents[k]
	}
	return span{0, len(d.rs)}
}
