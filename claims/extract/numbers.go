package extract

import (
	"math"
	"strconv"
	"strings"
)

// parseNumber reads a numeral already in ASCII digits. A comma or dot
// followed by exactly three digits groups thousands ("2,048", "1.234.567");
// otherwise it is a decimal point ("5.576", "3,5"). Numerals longer than any
// real figure are refused rather than turned into Inf.
func parseNumber(s string) (float64, bool) {
	if len(s) == 0 || len(s) > 40 {
		return 0, false
	}
	seps := strings.Count(s, ",") + strings.Count(s, ".")
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != ',' && c != '.' {
			b.WriteByte(c)
			continue
		}
		rest := s[i+1:]
		n := strings.IndexAny(rest, ",.")
		if n < 0 {
			n = len(rest)
		}
		grouping := n == 3 && (seps > 1 || c == ',')
		if c == '.' && seps == 1 {
			grouping = false // "5.576 million": a single dot is a decimal point
		}
		if !grouping {
			b.WriteByte('.')
		}
	}
	v, err := strconv.ParseFloat(b.String(), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	return v, true
}

var curSymbols = map[string]string{"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "﷼": "SAR"}

var dollarPrefixes = map[string]string{"us": "USD", "a": "AUD", "c": "CAD", "hk": "HKD", "nz": "NZD", "s": "SGD"}

// isCode reports whether number token i is part of a model name or code
// ("H800", "A100s", "GPT-4", "إتش 800", "5G") and so not a figure.
func (d *doc) isCode(i int) bool {
	t := &d.toks[i]
	if i > 0 {
		p := &d.toks[i-1]
		if !t.space && p.kind == tWord && p.latin {
			if p.info == nil || (p.info.cur == "" && p.info.part == "" && p.info.month == 0 && !p.info.yearPrep) {
				return true
			}
		}
		if p.kind == tWord && p.info != nil && p.info.codePre {
			return true
		}
		if !t.space && p.key == "-" && i > 1 && !p.space && d.toks[i-2].kind == tWord && d.toks[i-2].latin &&
			(d.toks[i-2].info == nil || d.toks[i-2].info.part == "") {
			return true
		}
	}
	if i+1 < len(d.toks) {
		n := &d.toks[i+1]
		if !n.space && n.kind == tWord && n.latin {
			if n.info != nil && (n.info.scale > 0 || n.info.pct) {
				return false
			}
			switch n.key {
			case "s", "st", "nd", "rd", "th":
				return false
			}
			return true
		}
	}
	return false
}

// qualifier phrases, folded, read backwards from the figure.
var qualBefore = []struct {
	words []string
	q     Qualifier
}{
	{[]string{"ما", "لا", "يقل", "عن"}, AtLeast}, {[]string{"لا", "يقل", "عن"}, AtLeast}, {[]string{"لا", "تقل", "عن"}, AtLeast},
	{[]string{"ما", "لا", "يزيد", "عن"}, AtMost}, {[]string{"لا", "تزيد", "عن"}, AtMost}, {[]string{"لا", "يزيد", "عن"}, AtMost},
	{[]string{"لا", "تزيد", "علي"}, AtMost}, {[]string{"لا", "يزيد", "علي"}, AtMost},
	{[]string{"لا", "تتجاوز"}, AtMost}, {[]string{"لا", "يتجاوز"}, AtMost}, {[]string{"no", "more", "than"}, AtMost},
	{[]string{"not", "more", "than"}, AtMost}, {[]string{"at", "most"}, AtMost}, {[]string{"up", "to"}, AtMost},
	{[]string{"at", "least"}, AtLeast}, {[]string{"ما", "يزيد", "عن"}, MoreThan}, {[]string{"ما", "يزيد", "علي"}, MoreThan},
	{[]string{"يزيد", "عن"}, MoreThan}, {[]string{"يزيد", "علي"}, MoreThan}, {[]string{"اكثر", "من"}, MoreThan},
	{[]string{"ازيد", "من"}, MoreThan}, {[]string{"ما", "يفوق"}, MoreThan}, {[]string{"يفوق"}, MoreThan}, {[]string{"يتجاوز"}, MoreThan},
	{[]string{"تتجاوز"}, MoreThan}, {[]string{"more", "than"}, MoreThan}, {[]string{"in", "excess", "of"}, MoreThan},
	{[]string{"over"}, MoreThan}, {[]string{"above"}, MoreThan}, {[]string{"exceeding"}, MoreThan},
	{[]string{"اقل", "من"}, LessThan}, {[]string{"less", "than"}, LessThan}, {[]string{"fewer", "than"}, LessThan},
	{[]string{"under"}, LessThan}, {[]string{"below"}, LessThan}, {[]string{"دون"}, LessThan},
	{[]string{"ما", "يقارب"}, About}, {[]string{"ما", "يقرب", "من"}, About}, {[]string{"يقارب"}, About},
	{[]string{"نحو"}, About}, {[]string{"حوالي"}, About}, {[]string{"قرابه"}, About}, {[]string{"زهاء"}, About},
	{[]string{"close", "to"}, About}, {[]string{"about"}, About}, {[]string{"around"}, About}, {[]string{"roughly"}, About},
	{[]string{"approximately"}, About}, {[]string{"nearly"}, About}, {[]string{"almost"}, About}, {[]string{"some"}, About},
	{[]string{"an", "estimated"}, About}, {[]string{"تقريبا"}, About},
}

// wordIs compares a token with a folded word; the first word of a phrase may
// carry Arabic prefixes ("بنحو", "وبأكثر").
func wordIs(t *tok, w string, first bool) bool {
	if t.kind != tWord {
		return false
	}
	if t.key == w {
		return true
	}
	if !first || t.latin {
		return false
	}
	for _, s := range stems(t.key)[1:] {
		if s == w {
			return true
		}
	}
	return false
}

// qualifierBefore reads the hedge that ends right before token i.
func (d *doc) qualifierBefore(i int) Qualifier {
	for _, p := range qualBefore {
		n := len(p.words)
		if i-n < 0 {
			continue
		}
		ok := true
		for k := 0; k < n && ok; k++ {
			ok = wordIs(&d.toks[i-n+k], p.words[k], k == 0)
		}
		if ok {
			return p.q
		}
	}
	return NoQualifier
}

// qualifierAfter reads a hedge placed after the figure ("تقريبا", "at least").
func (d *doc) qualifierAfter(k int) (Qualifier, int) {
	if k < len(d.toks) && wordIs(&d.toks[k], "تقريبا", true) {
		return About, k + 1
	}
	if k+1 < len(d.toks) && d.toks[k].key == "علي" && d.toks[k+1].key == "الاقل" {
		return AtLeast, k + 2
	}
	return NoQualifier, k
}

// figureAt reads a money, percentage or quantity figure starting at token i.
func (d *doc) figureAt(i int) (Finding, int, bool) {
	toks := d.toks
	j, cur := i, ""
	pctFirst := false
	t := &toks[i]
	switch {
	case t.kind == tPunct && curSymbols[t.key] != "":
		cur = curSymbols[t.key]
		j++
	case t.kind == tWord && t.latin && i+1 < len(toks) && toks[i+1].key == "$" && !toks[i+1].space && dollarPrefixes[t.key] != "":
		cur = dollarPrefixes[t.key]
		j += 2
	case t.kind == tWord && t.info != nil && t.info.iso && t.upper && i+1 < len(toks) && toks[i+1].kind == tNum:
		cur = t.info.cur
		j++
	case t.key == "%" && i+1 < len(toks) && toks[i+1].kind == tNum && !toks[i+1].space:
		pctFirst = true
		j++
	}
	if j >= len(toks) {
		return Finding{}, 0, false
	}
	n := &toks[j]
	var amount float64
	k := j + 1
	v := Value{}
	switch {
	case n.kind == tNum:
		if d.isCode(j) {
			return Finding{}, 0, false
		}
		a, ok := parseNumber(n.key)
		if !ok {
			return Finding{}, 0, false
		}
		amount = a
	case n.kind == tWord && !n.latin && cur == "" && n.info != nil && n.info.scale > 0 && !pctFirst:
		// "مليار دولار", "آلاف وحدات": a scale word standing for the number.
		amount = 1
		k = j
		if n.info.plural {
			v.Approximate = true
		}
	default:
		return Finding{}, 0, false
	}
	if pctFirst {
		v.Amount, v.Unit = amount, "percent"
		v.Qualifier = d.qualifierBefore(i)
		return d.finding(Percent, toks[i].s, n.e, v), j + 1, true
	}
	// scale
	if k < len(toks) && toks[k].kind == tWord && toks[k].info != nil && toks[k].info.scale > 0 {
		s := toks[k].info
		if len(toks[k].key) > 2 || !toks[k].space || !toks[k].latin {
			amount *= s.scale
			v.Scale = s.scaleName
			k++
		}
	}
	kind := Kind("")
	// currency after the number
	if cur == "" && k < len(toks) && toks[k].kind == tWord && toks[k].info != nil && toks[k].info.cur != "" && (!toks[k].info.iso || toks[k].upper) {
		cur = toks[k].info.cur
		k++
		if k < len(toks) && toks[k].kind == tWord && toks[k].info != nil && toks[k].info.nat != "" {
			cur = toks[k].info.nat
			k++
		}
	}
	switch {
	case cur != "":
		kind, v.Currency = Money, cur
	case k < len(toks) && toks[k].key == "%":
		kind, v.Unit = Percent, "percent"
		k++
	case k < len(toks) && toks[k].kind == tWord && toks[k].info != nil && toks[k].info.pct &&
		(toks[k].latin || strings.HasPrefix(toks[k].key, "بال") || strings.HasPrefix(toks[k].key, "لل")):
		kind, v.Unit = Percent, "percent"
		k++
	case k+1 < len(toks) && (toks[k].key == "في" || toks[k].key == "per") && toks[k+1].info != nil && toks[k+1].info.pct ||
		k+1 < len(toks) && toks[k].key == "per" && toks[k+1].key == "cent":
		kind, v.Unit = Percent, "percent"
		k += 2
	default:
		if u, nk := d.unitAt(k); u != "" {
			kind, v.Unit = Quantity, u
			k = nk
		} else if v.Scale != "" && n.kind == tNum {
			kind = Quantity
		}
	}
	if kind == "" {
		return Finding{}, 0, false
	}
	v.Amount = amount
	if v.Approximate && kind != Quantity {
		v.Approximate = false
	}
	v.Qualifier = d.qualifierBefore(i)
	if v.Qualifier == NoQualifier {
		q, nk := d.qualifierAfter(k)
		if q != NoQualifier {
			v.Qualifier = q
			return d.finding(kind, toks[i].s, toks[nk-1].e, v), nk, true
		}
	}
	return d.finding(kind, toks[i].s, toks[k-1].e, v), k, true
}

// unitAt reads a quantity unit at token k, skipping a model code such as
// "H800" that names the unit's make ("2,048 H800 chips").
func (d *doc) unitAt(k int) (string, int) {
	toks := d.toks
	if k >= len(toks) {
		return "", k
	}
	code := ""
	if toks[k].kind == tWord && toks[k].latin && len(toks[k].key) <= 3 && k+1 < len(toks) && toks[k+1].kind == tNum && !toks[k+1].space {
		code = toks[k].key + toks[k+1].key
		k += 2
		if k < len(toks) && toks[k].key == "s" && !toks[k].space {
			k++
		}
	}
	if k < len(toks) && toks[k].kind == tWord {
		t := &toks[k]
		if t.info != nil && t.info.unit != "" {
			return t.info.unit, k + 1
		}
		// وحدات معالجة الرسوميات: the Arabic for GPU is a phrase.
		if k+2 < len(toks) && (wordIs(t, "وحدات", true) || wordIs(t, "وحده", true)) && toks[k+1].key == "معالجه" {
			switch toks[k+2].key {
			case "الرسوميات", "الرسومات", "رسوميات", "رسومات":
				return "GPU", k + 3
			}
		}
	}
	if code != "" {
		switch code {
		case "a100", "h100", "h800", "h20", "a800", "b200", "v100", "h200":
			return "GPU", k
		}
	}
	return "", k
}
