package extract

import (
	"sort"
	"strings"
	"unicode"
)

// qpair is one matched pair of quotation marks: o and c are the rune offsets
// of the marks themselves.
type qpair struct{ o, c int }

const maxQuote = 1200 // runes; a longer "quotation" is a stray mark

// quotePairs matches quotation marks paragraph by paragraph. Curly and
// guillemet marks say which way they face. Straight marks do not, and Arabic
// news nests them ("نأمل أن يكون إطلاق "ديب سيك" للذكاء ...") or leaves stray
// spaces inside ("ديب سيك "الصينية), so they are read first as a stack using
// the spacing around each mark, and when that does not balance, as plain
// alternating pairs.
func quotePairs(norm []rune) []qpair {
	var out []qpair
	start := 0
	for i := 0; i <= len(norm); i++ {
		if i < len(norm) && norm[i] != '\n' {
			continue
		}
		out = append(out, paragraphPairs(norm, start, i)...)
		start = i + 1
	}
	return out
}

func paragraphPairs(norm []rune, s, e int) []qpair {
	var out, straight []qpair
	var curly, guil, marks []int
	for i := s; i < e; i++ {
		switch norm[i] {
		case '«':
			guil = append(guil, i)
		case '»':
			if n := len(guil); n > 0 {
				out = append(out, qpair{guil[n-1], i})
				guil = guil[:n-1]
			}
		case '“':
			curly = append(curly, i)
		case '”':
			if n := len(curly); n > 0 {
				out = append(out, qpair{curly[n-1], i})
				curly = curly[:n-1]
			} else if i > s { // some Arabic sites use ” for both marks
				curly = append(curly, i)
			}
		case '"':
			marks = append(marks, i)
		}
	}
	if len(marks) < 2 {
		return out
	}
	isSpace := func(i int) bool { return i < s || i >= e || unicode.IsSpace(norm[i]) }
	var stack []int
	ok := true
	for _, m := range marks {
		before, after := isSpace(m-1), isSpace(m+1)
		opening := before && !after
		closing := !before && (after || unicode.IsPunct(norm[m+1]))
		switch {
		case len(stack) == 0:
			if closing && !opening {
				ok = false
			}
			stack = append(stack, m)
		case closing || !opening:
			straight = append(straight, qpair{stack[len(stack)-1], m})
			stack = stack[:len(stack)-1]
		default:
			stack = append(stack, m)
		}
	}
	if !ok || len(stack) != 0 {
		straight = straight[:0]
		for k := 0; k+1 < len(marks); k += 2 {
			straight = append(straight, qpair{marks[k], marks[k+1]})
		}
	}
	for _, p := range straight {
		if p.c-p.o <= maxQuote {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].o < out[b].o })
	return out
}

// quotes turns quotation pairs into findings. A quotation is reported only
// when speech governs it: a speech verb in the same sentence, or a colon
// introducing it. Short quoted spans are very often names ("ديب سيك",
// "انفيديا"), which is why they need extra evidence.
func (d *doc) quotes() []Finding {
	var out []Finding
	last := qpair{-1, -1}
	for _, p := range d.pairs {
		is, ie := p.o+1, p.c
		for is < ie && unicode.IsSpace(d.rs[is]) {
			is++
		}
		// a comma or full stop before the closing mark is the sentence's, not the speaker's
		for ie > is && (unicode.IsSpace(d.rs[ie-1]) || d.rs[ie-1] == ',' || d.rs[ie-1] == '،' || d.rs[ie-1] == '.') {
			ie--
		}
		if ie <= is || (p.o > last.o && p.c < last.c) {
			continue // empty, or nested in a quotation already taken
		}
		sent := d.sentenceOf(p.o)
		verb := d.speechVerb(sent, p)
		if verb < 0 && !d.colonBefore(p.o) {
			continue
		}
		if strings.Count(d.normSlice(is, ie), " ") < 4 && d.looksLikeName(p, is, ie, verb) {
			continue
		}
		last = p
		f := d.finding(Quote, is, ie, Value{})
		f.Speaker = d.speakerFor(sent, p, verb)
		out = append(out, f)
	}
	return out
}

// repeats counts how often a short quoted span occurs near its quotation,
// outside longer quotations. A phrase repeated across the article is a name;
// a phrase quoted once is someone's words. The window keeps the cost linear
// in the length of the text.
func (d *doc) repeats(p qpair) int {
	const window = 1500
	inner := strings.TrimSpace(d.normSlice(p.o+1, p.c))
	if inner == "" {
		return 0
	}
	a, b := max(0, p.o-window), min(len(d.norm), p.c+window)
	n := strings.Count(d.normSlice(a, b), inner)
	k := sort.Search(len(d.pairs), func(i int) bool { return d.pairs[i].o >= a })
	for ; k < len(d.pairs) && d.pairs[k].o < b; k++ {
		q := d.pairs[k]
		if q.c <= b && q.c-q.o > len(inner)+2 {
			n -= strings.Count(d.normSlice(q.o+1, q.c), inner)
		}
		// but a nested quotation of the same span is a quoted use, and counts
		if q != p && strings.TrimSpace(d.normSlice(q.o+1, q.c)) == inner && d.nestedInLong(q) {
			n++
		}
	}
	return n
}

func (d *doc) nestedInLong(q qpair) bool {
	k := sort.Search(len(d.pairs), func(i int) bool { return d.pairs[i].o >= q.o })
	for n := 0; k > 0 && n < 8; k, n = k-1, n+1 {
		p := d.pairs[k-1]
		if p.o < q.o && q.c < p.c {
			return true
		}
	}
	return false
}

// normSlice is the normalised text between two rune offsets, without copying.
func (d *doc) normSlice(a, b int) string { return d.normStr[d.byteOff[a]:d.byteOff[b]] }

func (d *doc) looksLikeName(p qpair, is, ie, verb int) bool {
	// لـ"سيليكون فالي": a prefix glued to the mark makes the span a noun.
	if p.o > 0 && unicode.IsLetter(d.rs[p.o-1]) || p.o > 0 && d.rs[p.o-1] == 'ـ' {
		return true
	}
	ti := d.tokAt(p.o)
	for k := ti; k < len(d.toks) && d.toks[k].s < ie; k++ {
		if d.toks[k].kind == tNum {
			return true // "إتش 800", "GPT 4": a model name
		}
	}
	// the speaker slot right after the verb: واعتبر "ترامب" أن
	if verb >= 0 && verb+1 == ti {
		return true
	}
	if ti > 0 {
		if prev := &d.toks[ti-1]; prev.kind == tWord && prev.info != nil && prev.info.nameNoun {
			return true
		}
	}
	after := d.tokAt(p.c + 1)
	if after < len(d.toks) && d.toks[after].kind == tWord {
		// "ديب سيك" الصينية, "ديب سيك" هو: an adjective or a copula after it
		// makes the span the subject, a name.
		a := &d.toks[after]
		if a.info != nil && a.info.natName || a.key == "هو" || a.key == "هي" {
			return true
		}
	}
	if d.repeats(p) >= 2 {
		return true
	}
	// Latin words all capitalised: a brand or a title.
	caps, latin := true, false
	for k := d.tokAt(is); k < len(d.toks) && d.toks[k].s < ie; k++ {
		if d.toks[k].kind == tWord {
			if d.toks[k].latin {
				latin = true
				caps = caps && d.toks[k].upper
			} else {
				caps = false
			}
		}
	}
	return latin && caps
}

func (d *doc) colonBefore(o int) bool {
	for i := o - 1; i >= 0 && i > o-4; i-- {
		switch {
		case d.rs[i] == ':':
			return true
		case !unicode.IsSpace(d.rs[i]):
			return false
		}
	}
	return false
}

// speechVerb finds the speech verb governing quotation p in sentence sent:
// the nearest one before the quote, else one right after it ("...," he said).
func (d *doc) speechVerb(sent span, p qpair) int {
	best := -1
	from := max(d.tokAt(sent.s), d.tokAt(p.o)-60)
	for i := from; i < len(d.toks) && d.toks[i].s < p.o; i++ {
		if d.isSpeech(i) && !d.insidePair(d.toks[i].s) {
			best = i
		}
	}
	if best >= 0 {
		return best
	}
	for i, n := d.tokAt(p.c+1), 0; i < len(d.toks) && d.toks[i].s < sent.e && n < 6; i, n = i+1, n+1 {
		if d.isSpeech(i) {
			return i
		}
	}
	return -1
}

func (d *doc) isSpeech(i int) bool {
	t := &d.toks[i]
	if t.kind != tWord || t.info == nil || !t.info.speech {
		return false
	}
	if t.key == "according" {
		return i+1 < len(d.toks) && d.toks[i+1].key == "to"
	}
	return true
}

// insidePair reports whether rune r lies inside a long quotation: a speech
// verb inside someone's words does not govern a later quotation.
func (d *doc) insidePair(r int) bool {
	k := sort.Search(len(d.pairs), func(i int) bool { return d.pairs[i].o >= r })
	for n := 0; k > 0 && n < 8; k, n = k-1, n+1 {
		p := d.pairs[k-1]
		if r < p.c && p.c-p.o > 40 {
			return true
		}
	}
	return false
}

// speakerFor names who is quoted: the words after an Arabic speech verb up
// to the first comma or function word, or a capitalised name next to an
// English one. Pronouns and empty slots fall back to an earlier verb in the
// same sentence ("مشيرا إلى أنه" continues the speaker of "واعتبر ترامب").
func (d *doc) speakerFor(sent span, p qpair, verb int) string {
	for v := verb; v >= 0 && d.toks[v].s >= sent.s; v-- {
		if !d.isSpeech(v) {
			continue
		}
		if s := d.speakerAt(v, sent); s != "" {
			return s
		}
	}
	return ""
}

func (d *doc) speakerAt(v int, sent span) string {
	toks := d.toks
	if toks[v].latin {
		n := v + 1
		if toks[v].key == "according" {
			n++
		}
		// "Trump told House Republicans": after "told" comes the audience
		if toks[v].key == "told" || toks[v].key == "tells" {
			return d.capsRun(v-1, -1, sent)
		}
		if s := d.capsRun(n, 1, sent); s != "" {
			return s
		}
		return d.capsRun(v-1, -1, sent)
	}
	i := v + 1
	if i < len(toks) && (toks[i].key == "\"" || toks[i].key == "«") {
		k := sort.Search(len(d.pairs), func(n int) bool { return d.pairs[n].o >= toks[i].s })
		if k < len(d.pairs) && d.pairs[k].o == toks[i].s && d.pairs[k].c-d.pairs[k].o < 40 {
			p := d.pairs[k]
			return strings.TrimSpace(string(d.rs[p.o+1 : p.c]))
		}
	}
	first, last := -1, -1
	for n := 0; i < len(toks) && n < 6; i, n = i+1, n+1 {
		t := &toks[i]
		if t.kind != tWord || (t.info != nil && (t.info.stop || t.info.speech || t.info.isRel)) {
			break
		}
		if first < 0 {
			first = i
		}
		last = i
	}
	if first < 0 {
		return ""
	}
	return string(d.rs[toks[first].s:toks[last].e])
}

// capsRun collects capitalised Latin words from i in direction dir.
func (d *doc) capsRun(i, dir int, sent span) string {
	first, last := -1, -1
	for n := 0; i >= 0 && i < len(d.toks) && n < 8; i, n = i+dir, n+1 {
		t := &d.toks[i]
		if t.s < sent.s || t.e > sent.e {
			break
		}
		if t.kind == tPunct && t.key == "." && !t.space && i > 0 && len(d.toks[i-1].key) == 1 && d.toks[i-1].upper {
			continue // U.S.
		}
		if t.kind != tWord || !t.latin || !t.upper {
			break
		}
		switch t.key {
		case "he", "she", "they", "it", "we", "i", "the", "but", "and":
			if first < 0 {
				return ""
			}
		}
		if first < 0 {
			first = i
		}
		last = i
	}
	if first < 0 {
		return ""
	}
	if first > last {
		first, last = last, first
	}
	return strings.TrimRight(string(d.rs[d.toks[first].s:d.toks[last].e]), ".")
}
