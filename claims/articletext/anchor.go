package articletext

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// AnchorContext is how many runes of text before and after a quote an Anchor
// keeps. 32 is what Hypothesis keeps: enough to tell repeated quotes apart,
// short enough to survive nearby edits.
const AnchorContext = 32

// Anchor pins a claim to its place in an article's normalised text, the way
// the W3C Web Annotation model does: a TextQuoteSelector (Exact, Prefix,
// Suffix) and a TextPositionSelector (Start, End). Offsets alone break when
// the text shifts; the quote alone is ambiguous when it repeats; together
// they can be re-found (Locate).
//
// Offsets count Unicode code points (Go runes), End exclusive. Browsers count
// UTF-16 code units, so the front end must convert (characters outside the
// BMP, e.g. emoji, count 1 here and 2 in JavaScript).
type Anchor struct {
	Exact  string `json:"exact"`
	Prefix string `json:"prefix"`
	Suffix string `json:"suffix"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
}

var (
	// ErrQuoteNotFound: the pasted quote does not occur in the text.
	ErrQuoteNotFound = errors.New("quote not found in the article text")
	// ErrBadOffsets: the offsets are out of range or select only blanks.
	ErrBadOffsets = errors.New("anchor offsets out of range")
)

// AnchorAt builds the anchor for text[start:end] (rune offsets), e.g. from a
// reviewer's selection. It refuses offsets outside 0 <= start < end <=
// len(runes) and selections that are only whitespace.
func AnchorAt(text string, start, end int) (Anchor, error) {
	runes := []rune(text)
	if start < 0 || start >= end || end > len(runes) {
		return Anchor{}, fmt.Errorf("%w: [%d,%d) in a text of %d characters", ErrBadOffsets, start, end, len(runes))
	}
	a := AnchorRunes(runes, start, end)
	if strings.TrimSpace(a.Exact) == "" {
		return Anchor{}, fmt.Errorf("%w: selection [%d,%d) is blank", ErrBadOffsets, start, end)
	}
	return a, nil
}

// AnchorRunes builds the anchor for runes[start:end] without checking the
// offsets: for callers that already hold the text as runes and took the span
// from it (AnchorAt checks; the claims generator picks sentence spans).
func AnchorRunes(runes []rune, start, end int) Anchor {
	return Anchor{
		Exact:  string(runes[start:end]),
		Prefix: string(runes[max(0, start-AnchorContext):start]),
		Suffix: string(runes[end:min(len(runes), end+AnchorContext)]),
		Start:  start,
		End:    end,
	}
}

// AnchorQuote finds a quote the reviewer pasted into the text, tolerating what
// copying and retyping change: any run of whitespace matches any other, the
// quotation-mark variants " “ ” « » „ ‟ are one mark (and ' ‘ ’ ‚ ‛ ‹ ›
// another), and Arabic is matched regardless of tatweel, diacritics
// (tashkeel), alef forms (أ إ آ ٱ ا), ya/alef maqsura (ي ى ی), ta marbuta/ha
// (ة ه) and digit script (٠–٩, ۰–۹, 0–9). Invisible format characters (bidi
// marks, zero-width joiners, soft hyphens) are ignored. If the quote is
// wrapped in quotation marks the text lacks, it is looked up without them.
//
// When the quote occurs more than once, the occurrence nearest hint (a rune
// offset, e.g. where the reviewer clicked) is chosen, or the first when hint
// is negative; occurrences says how many there were so the UI can ask the
// reviewer to confirm. Exact in the result is the text's own substring, never
// the paste, so the anchor always matches the snapshot.
func AnchorQuote(text, quote string, hint int) (a Anchor, occurrences int, err error) {
	needle := trimSpaceUnits(foldUnits(quote))
	if len(needle) == 0 {
		return Anchor{}, 0, fmt.Errorf("%w: the quote is blank", ErrQuoteNotFound)
	}
	hay := foldUnits(text)
	matches := indexAllUnits(hay, needle)
	if len(matches) == 0 {
		// "«جرس إنذار»" pasted for a text that has the words unquoted.
		if inner, ok := stripQuoteMarks(needle); ok {
			needle = inner
			matches = indexAllUnits(hay, needle)
		}
	}
	if len(matches) == 0 {
		return Anchor{}, 0, ErrQuoteNotFound
	}
	bestStart, bestEnd, bestDist := -1, -1, 0
	for _, i := range matches {
		start, end := hay[i].start, hay[i+len(needle)-1].end
		if hint < 0 {
			bestStart, bestEnd = start, end
			break
		}
		d := 0
		switch {
		case hint < start:
			d = start - hint
		case hint >= end:
			d = hint - end + 1
		}
		if bestStart < 0 || d < bestDist {
			bestStart, bestEnd, bestDist = start, end, d
		}
	}
	return AnchorRunes([]rune(text), bestStart, bestEnd), len(matches), nil
}

// unit is one rune of folded text and the runes of the original it stands
// for: a whole whitespace run is one unit, and ignored characters are folded
// into the unit before them (a diacritic belongs to its letter).
type unit struct {
	r          rune
	start, end int
}

const foldSpace = ' '

func foldUnits(s string) []unit {
	units := make([]unit, 0, utf8.RuneCountInString(s))
	i := 0
	for _, r := range s {
		switch f, kind := foldRune(r); kind {
		case foldIgnore:
			if n := len(units); n > 0 {
				units[n-1].end = i + 1
			}
		case foldWhite:
			if n := len(units); n > 0 && units[n-1].r == foldSpace {
				units[n-1].end = i + 1
			} else {
				units = append(units, unit{foldSpace, i, i + 1})
			}
		default:
			units = append(units, unit{f, i, i + 1})
		}
		i++
	}
	return units
}

func trimSpaceUnits(u []unit) []unit {
	for len(u) > 0 && u[0].r == foldSpace {
		u = u[1:]
	}
	for len(u) > 0 && u[len(u)-1].r == foldSpace {
		u = u[:len(u)-1]
	}
	return u
}

// stripQuoteMarks removes one pair of surrounding quotation marks.
func stripQuoteMarks(u []unit) ([]unit, bool) {
	if len(u) < 3 {
		return nil, false
	}
	first, last := u[0].r, u[len(u)-1].r
	if (first != '"' && first != '\'') || first != last {
		return nil, false
	}
	inner := trimSpaceUnits(u[1 : len(u)-1])
	return inner, len(inner) > 0
}

type foldKind int

const (
	foldKeep foldKind = iota
	foldWhite
	foldIgnore
)

// foldRune maps a rune to its matching class. Whitespace is tested before
// format characters so that e.g. U+180E stays a separator.
func foldRune(r rune) (rune, foldKind) {
	switch r {
	case '"', '“', '”', '«', '»', '„', '‟':
		return '"', foldKeep
	case '\'', '‘', '’', '‚', '‛', '‹', '›':
		return '\'', foldKeep
	case 'أ', 'إ', 'آ', 'ٱ':
		return 'ا', foldKeep
	case 'ى', 'ی':
		return 'ي', foldKeep
	case 'ة':
		return 'ه', foldKeep
	case 'ـ': // tatweel: a stretch of the baseline, not a letter
		return 0, foldIgnore
	}
	switch {
	case r >= '٠' && r <= '٩':
		return '0' + (r - '٠'), foldKeep
	case r >= '۰' && r <= '۹':
		return '0' + (r - '۰'), foldKeep
	case unicode.IsSpace(r):
		return foldSpace, foldWhite
	case unicode.Is(unicode.Cf, r):
		return 0, foldIgnore
	case isArabicScript(r) && unicode.Is(unicode.Mn, r):
		return 0, foldIgnore
	}
	return r, foldKeep
}

// indexAllUnits returns the start of every occurrence (overlapping ones
// included) of needle in hay, by Knuth–Morris–Pratt: linear in the text,
// since articles run to a million runes.
func indexAllUnits(hay, needle []unit) []int {
	m := len(needle)
	if m == 0 || m > len(hay) {
		return nil
	}
	fail := make([]int, m)
	for i, k := 1, 0; i < m; i++ {
		for k > 0 && needle[i].r != needle[k].r {
			k = fail[k-1]
		}
		if needle[i].r == needle[k].r {
			k++
		}
		fail[i] = k
	}
	var out []int
	for i, k := 0, 0; i < len(hay); i++ {
		for k > 0 && hay[i].r != needle[k].r {
			k = fail[k-1]
		}
		if hay[i].r == needle[k].r {
			k++
		}
		if k == m {
			out = append(out, i-m+1)
			k = fail[k-1]
		}
	}
	return out
}

// Locate re-finds the anchor in text, which may have changed since the anchor
// was made. Every occurrence of Exact is scored by how much of the stored
// Prefix ends just before it plus how much of the stored Suffix starts just
// after it; the best wins, ties going to the occurrence nearest the old
// Start. So if text still has Exact at [Start, End) with its context, that
// place is kept (the common case, answered without a search); if it has
// Exact there but another occurrence's context matches strictly better, the
// text shifted onto a repeat of the quote (a figure like "20%" can recur)
// and the context wins. The result's Prefix and Suffix are refreshed from
// text. ok is false when Exact does not occur at all (the claim's words were
// edited away: the UI should say so rather than highlight something else).
func (a Anchor) Locate(text string) (Anchor, bool) {
	return a.locate(text, []rune(text))
}

// Locator re-finds many anchors in one text, decoding the text once: an
// article page locates every claim of the article, and decoding a 5,000-word
// text once per claim costs more than the rest of the page.
type Locator struct {
	text  string
	runes []rune
}

// NewLocator prepares text for Locate calls.
func NewLocator(text string) *Locator { return &Locator{text: text, runes: []rune(text)} }

// Locate is a.Locate(text) for the Locator's text.
func (l *Locator) Locate(a Anchor) (Anchor, bool) { return a.locate(l.text, l.runes) }

// locate is Locate with the text already decoded into runes.
func (a Anchor) locate(text string, runes []rune) (Anchor, bool) {
	if a.Exact == "" {
		return Anchor{}, false
	}
	exact := []rune(a.Exact)
	prefix, suffix := []rune(a.Prefix), []rune(a.Suffix)
	score := func(s int) int {
		e := s + len(exact)
		return commonSuffix(runes[max(0, s-len(prefix)):s], prefix) +
			commonPrefix(runes[e:min(len(runes), e+len(suffix))], suffix)
	}
	if a.Start >= 0 && a.End <= len(runes) && a.End-a.Start == len(exact) &&
		slices.Equal(runes[a.Start:a.End], exact) && score(a.Start) == len(prefix)+len(suffix) {
		return AnchorRunes(runes, a.Start, a.End), true
	}
	// Search the string, not the runes: strings.Index is much faster. For
	// invalid UTF-8 use the decoded form so byte and rune offsets agree.
	hay := text
	if !utf8.ValidString(hay) {
		hay = string(runes)
	}
	needle := string(exact)
	best, bestScore, bestDist := -1, -1, 0
	byteOff, runeOff := 0, 0
	for {
		j := strings.Index(hay[byteOff:], needle)
		if j < 0 {
			break
		}
		runeOff += utf8.RuneCountInString(hay[byteOff : byteOff+j])
		byteOff += j
		s := runeOff
		sc, dist := score(s), s-a.Start
		if dist < 0 {
			dist = -dist
		}
		if sc > bestScore || (sc == bestScore && dist < bestDist) {
			best, bestScore, bestDist = s, sc, dist
		}
		// Step one rune so overlapping occurrences are seen too.
		_, size := utf8.DecodeRuneInString(hay[byteOff:])
		byteOff += size
		runeOff++
	}
	if best < 0 {
		return Anchor{}, false
	}
	return AnchorRunes(runes, best, best+len(exact)), true
}

func commonSuffix(a, b []rune) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}

func commonPrefix(a, b []rune) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// Span is a claim's place in the text, in rune offsets (End exclusive).
type Span struct {
	Start, End int
	ID         int64
}

// Segment is a piece of the text to render: plain when IDs is nil, else
// highlighted for every claim in IDs (ascending), so overlapping or nested
// claims all show.
type Segment struct {
	Text       string
	Start, End int
	IDs        []int64
}

// Segments cuts text at every span boundary and lists, for each piece, the
// spans covering it. Spans may overlap or nest; parts outside the text are
// clipped and empty spans ignored. Adjacent pieces covered by the same spans
// are merged. Concatenating the segments' Text gives back text.
//
// Cost: O(n) to walk the text once plus O(k log k) to sort the 2k span
// boundaries, plus the size of the output (the IDs lists).
func Segments(text string, spans []Span) []Segment {
	n := utf8.RuneCountInString(text)
	if n == 0 {
		return nil
	}
	type event struct {
		pos   int
		id    int64
		delta int // +1 opens, -1 closes
	}
	events := make([]event, 0, 2*len(spans))
	for _, s := range spans {
		start, end := max(s.Start, 0), min(s.End, n)
		if start >= end {
			continue
		}
		events = append(events, event{start, s.ID, +1}, event{end, s.ID, -1})
	}
	slices.SortFunc(events, func(a, b event) int { return a.pos - b.pos })

	// Byte offsets of the cut points, found in a single pass over text.
	cuts := make([]int, 0, len(events)+2)
	cuts = append(cuts, 0)
	for _, e := range events {
		if e.pos != cuts[len(cuts)-1] {
			cuts = append(cuts, e.pos)
		}
	}
	if cuts[len(cuts)-1] != n {
		cuts = append(cuts, n)
	}
	byteAt := make([]int, len(cuts))
	ci, ri := 0, 0
	for bi := range text {
		for ci < len(cuts) && cuts[ci] == ri {
			byteAt[ci] = bi
			ci++
		}
		ri++
	}
	for ; ci < len(cuts); ci++ {
		byteAt[ci] = len(text)
	}

	var (
		out       []Segment
		active    []int64 // sorted; an ID appears once per open span
		ei        int
		lastBegin int // byte offset where the last segment begins
	)
	for c := 0; c+1 < len(cuts); c++ {
		for ; ei < len(events) && events[ei].pos == cuts[c]; ei++ {
			e := events[ei]
			i, _ := slices.BinarySearch(active, e.id)
			if e.delta > 0 {
				active = slices.Insert(active, i, e.id)
			} else {
				active = slices.Delete(active, i, i+1)
			}
		}
		ids := slices.Compact(slices.Clone(active))
		if len(ids) == 0 {
			ids = nil
		}
		if len(out) > 0 && slices.Equal(out[len(out)-1].IDs, ids) {
			last := &out[len(out)-1]
			last.End = cuts[c+1]
			last.Text = text[lastBegin:byteAt[c+1]]
			continue
		}
		lastBegin = byteAt[c]
		out = append(out, Segment{Start: cuts[c], End: cuts[c+1], IDs: ids, Text: text[byteAt[c]:byteAt[c+1]]})
	}
	return out
}
