package extract

import (
	"sort"
	"time"
)

// Kind is what a finding is: a figure, a date or a quotation.
type Kind string

const (
	Money    Kind = "money"
	Market   Kind = "market"
	Percent  Kind = "percent"
	Date     Kind = "date"
	Quantity Kind = "quantity"
	Quote    Kind = "quote"
)

// Qualifier is the hedge the text puts on a figure. A checker needs it: "about
// 900 billion" and "no more than 6 million" are checked differently.
type Qualifier string

const (
	NoQualifier Qualifier = ""
	About       Qualifier = "about"
	AtMost      Qualifier = "at_most"
	AtLeast     Qualifier = "at_least"
	MoreThan    Qualifier = "more_than"
	LessThan    Qualifier = "less_than"
)

// Precision is how exact a date is; "late 2022" must not be checked as if it
// named a day.
type Precision string

const (
	Day        Precision = "day"
	Month      Precision = "month"
	Year       Precision = "year"
	PartOfYear Precision = "part_of_year"
	Decade     Precision = "decade"
)

// Value is the normalised reading of a finding.
type Value struct {
	Amount      float64   `json:"amount,omitempty"`
	Currency    string    `json:"currency,omitempty"`
	Unit        string    `json:"unit,omitempty"`
	Scale       string    `json:"scale,omitempty"`
	Qualifier   Qualifier `json:"qualifier,omitempty"`
	Date        string    `json:"date,omitempty"`
	Precision   Precision `json:"precision,omitempty"`
	Part        string    `json:"part,omitempty"`
	Relative    bool      `json:"relative,omitempty"`
	Approximate bool      `json:"approximate,omitempty"`
}

// Finding is one checkable item. Start and End are rune offsets into the
// text as given, so []rune(text)[Start:End] == Text.
type Finding struct {
	Kind          Kind   `json:"type"`
	Text          string `json:"text"`
	Start         int    `json:"start"`
	End           int    `json:"end"`
	Value         Value  `json:"value"`
	Speaker       string `json:"speaker,omitempty"`
	SentenceStart int    `json:"sentence_start"`
	SentenceEnd   int    `json:"sentence_end"`
}

// Options carry what the text alone cannot tell.
type Options struct {
	Lang      string    // "ar", "en", or "" to detect
	Reference time.Time // publication date; zero when unknown
}

// doc is one analysed text: runes, tokens, quotation spans and sentences,
// computed once and shared by every rule.
type doc struct {
	rs      []rune // the text as given
	norm    []rune // same length, digits normalised
	normStr string
	byteOff []int // byte offset in normStr of each rune, plus the end
	toks    []tok
	ref     time.Time
	lang    string
	pairs   []qpair
	sents   []span
}

type span struct{ s, e int }

func analyse(text string, opt Options) *doc {
	d := &doc{ref: opt.Reference, lang: opt.Lang}
	d.rs = decodeRunes(text)
	d.norm = make([]rune, len(d.rs))
	for i, r := range d.rs {
		d.norm[i] = normDigit(r)
	}
	d.normStr = string(d.norm)
	d.byteOff = make([]int, 0, len(d.norm)+1)
	for b := range d.normStr {
		d.byteOff = append(d.byteOff, b)
	}
	d.byteOff = append(d.byteOff, len(d.normStr))
	if d.lang == "" {
		d.lang = DetectLang(text)
	}
	d.toks = scan(d.norm)
	d.pairs = quotePairs(d.norm)
	d.sents = d.split()
	return d
}

// Find returns every figure, date and quotation in text, in text order.
func Find(text string, opt Options) []Finding {
	return analyse(text, opt).findings()
}

func (d *doc) findings() []Finding {
	var out []Finding
	for i := 0; i < len(d.toks); {
		if f, next, ok := d.dateAt(i); ok {
			out = append(out, f)
			i = next
			continue
		}
		if f, next, ok := d.figureAt(i); ok {
			out = append(out, f)
			i = next
			continue
		}
		i++
	}
	out = append(out, d.quotes()...)
	sort.SliceStable(out, func(a, b int) bool { return out[a].Start < out[b].Start })
	si := 0
	kept := out[:0]
	for _, f := range out {
		for si < len(d.sents)-1 && d.sents[si].e <= f.Start {
			si++
		}
		if len(d.sents) == 0 || f.Start < d.sents[si].s || f.End > d.sents[si].e {
			continue // a figure never spans a sentence or paragraph break ("0\n%")
		}
		f.SentenceStart, f.SentenceEnd = d.sents[si].s, d.sents[si].e
		if f.Kind == Money && d.marketSentence(si) {
			f.Kind = Market
		}
		kept = append(kept, f)
	}
	return kept
}

// marketSentence reports whether sentence si talks about market value; a
// money figure there is a market-capitalisation claim, checked against
// exchange data rather than accounts.
func (d *doc) marketSentence(si int) bool {
	if si >= len(d.sents) {
		return false
	}
	s := d.sents[si]
	for i := d.tokAt(s.s); i < len(d.toks) && d.toks[i].s < s.e; i++ {
		t := &d.toks[i]
		if t.info == nil || !t.info.market {
			continue
		}
		if !t.latin {
			return true
		}
		if n := d.nextWord(i + 1); n >= 0 {
			switch d.toks[n].key {
			case "value", "cap", "capitalization", "capitalisation", "valuation":
				return true
			}
		}
	}
	return false
}

// tokAt is the index of the first token starting at or after rune offset r.
func (d *doc) tokAt(r int) int {
	return sort.Search(len(d.toks), func(i int) bool { return d.toks[i].s >= r })
}

// nextWord skips hyphens to the next word token, or -1.
func (d *doc) nextWord(i int) int {
	for ; i < len(d.toks); i++ {
		if d.toks[i].kind == tWord {
			return i
		}
		if d.toks[i].key != "-" {
			return -1
		}
	}
	return -1
}

func (d *doc) finding(k Kind, s, e int, v Value) Finding {
	return Finding{Kind: k, Text: string(d.rs[s:e]), Start: s, End: e, Value: v}
}

// ParseValue reads one span a reviewer selected. kind may be empty, in which
// case the first finding's kind is returned; "market" and "money" are read
// alike because the span alone rarely shows which one it is.
func ParseValue(quote string, kind Kind, ref time.Time) (Value, Kind, bool) {
	fs := Find(quote, Options{Reference: ref})
	for _, f := range fs {
		if kind == "" || f.Kind == kind || (kind == Money && f.Kind == Market) || (kind == Market && f.Kind == Money) {
			if kind == "" {
				kind = f.Kind
			}
			return f.Value, kind, true
		}
	}
	if kind == Quote && len(quote) > 0 {
		return Value{}, Quote, true
	}
	// A bare number selected as a quantity or percentage: trust the reviewer.
	d := analyse(quote, Options{Reference: ref})
	for i, t := range d.toks {
		if t.kind != tNum {
			continue
		}
		v, ok := parseNumber(t.key)
		if !ok {
			break
		}
		switch kind {
		case Percent:
			return Value{Amount: v, Unit: "percent", Qualifier: d.qualifierBefore(i)}, Percent, true
		case Quantity, "":
			return Value{Amount: v, Qualifier: d.qualifierBefore(i)}, Quantity, true
		}
		break
	}
	return Value{}, kind, false
}
