package web

import (
	"math"
	"strconv"
	"strings"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/web/i18n"
)

// How the suggestions panel writes a parsed value in the interface language:
// "about 900,000,000,000 US dollars" / "نحو ٩٠٠٬٠٠٠٬٠٠٠٬٠٠٠ دولار أمريكي",
// "20 January 2025" / "٢٠ يناير ٢٠٢٥", "Late 2022" / "أواخر ٢٠٢٢". The full
// number is shown, not the scale word, so the reviewer sees exactly what
// the spotter read.

var arabicIndic = strings.NewReplacer("0", "٠", "1", "١", "2", "٢", "3", "٣", "4", "٤", "5", "٥", "6", "٦", "7", "٧", "8", "٨", "9", "٩", ",", "٬", ".", "٫")

// localDigits writes Western digits and separators in the language's script.
func localDigits(l i18n.Lang, s string) string {
	if l == i18n.AR {
		return arabicIndic.Replace(s)
	}
	return s
}

func percentSign(l i18n.Lang) string {
	if l == i18n.AR {
		return "٪"
	}
	return "%"
}

// scoreText writes a 0–1 score as a whole percentage.
func scoreText(l i18n.Lang, score float64) string {
	return localDigits(l, strconv.Itoa(int(math.Round(score*100)))) + percentSign(l)
}

// named translates one value of a vocabulary the spotter may extend, showing
// the raw value when the catalog has no name for it yet.
func named(l i18n.Lang, prefix, v string) string {
	if i18n.Has(prefix + v) {
		return l.T(prefix + v)
	}
	return v
}

// suggestionValue writes the spotter's reading of a finding; "" for a
// quotation, whose value is its speaker.
func suggestionValue(l i18n.Lang, t claims.Type, v claims.Value) string {
	var s string
	switch t {
	case claims.TypeQuote:
		return ""
	case claims.TypeDate:
		return dateText(l, v)
	case claims.TypePercent:
		if v.Amount == 0 {
			return ""
		}
		s = localDigits(l, claims.FormatAmount(v.Amount)) + percentSign(l)
	default:
		if v.Amount == 0 {
			return ""
		}
		s = localDigits(l, claims.FormatAmount(v.Amount))
		switch {
		case v.Currency != "":
			s += " " + named(l, "suggest.currency.", v.Currency)
		case v.Unit != "":
			s += " " + named(l, "suggest.unit.", v.Unit)
		}
		if v.Approximate {
			s = l.F("suggest.approx", s)
		}
	}
	if v.Qualifier != "" && i18n.Has("suggest.q."+v.Qualifier) {
		s = l.F("suggest.q."+v.Qualifier, s)
	}
	return s
}

// dateText writes a date at its precision: a day, a month, a year, part of a
// year, a decade, a day whose year the text does not give, or a relative
// date that could not be resolved.
func dateText(l i18n.Lang, v claims.Value) string {
	d := v.Date
	month := func(m string) string {
		n, _ := strconv.Atoi(m)
		return named(l, "suggest.month.", strconv.Itoa(n))
	}
	day := func(s string) string { n, _ := strconv.Atoi(s); return strconv.Itoa(n) }
	var s string
	switch {
	case d == "" && v.Relative:
		return l.T("suggest.relative")
	case d == "":
		return ""
	case len(d) == 7 && strings.HasPrefix(d, "--"): // --MM-DD
		s = l.F("suggest.no_year", day(d[5:7])+" "+month(d[2:4]))
	case v.Precision == "decade" && len(d) == 4:
		s = l.F("suggest.decade", d)
	case len(d) == 10:
		s = day(d[8:10]) + " " + month(d[5:7]) + " " + d[:4]
	case len(d) == 7:
		s = month(d[5:7]) + " " + d[:4]
	default:
		s = d
	}
	if v.Part != "" && i18n.Has("part."+v.Part) {
		s = l.T("part."+v.Part) + " " + s
	}
	return localDigits(l, s)
}
