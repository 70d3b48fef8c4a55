package report

import (
	"strconv"
	"strings"

	"github.com/factdesk/factdesk/claims"
)

// Words is what writing a report in a language needs: translations of
// message keys (the interface's catalog: i18n.Lang satisfies it) and numbers
// in the language's digits.
type Words interface {
	T(key string) string
	F(key string, args ...any) string
	Num(n int64) string
}

var arabicDigits = strings.NewReplacer("0", "٠", "1", "١", "2", "٢", "3", "٣", "4", "٤", "5", "٥", "6", "٦", "7", "٧", "8", "٨", "9", "٩", ".", "٫", ",", "٬")

// Digits writes the Western digits of s in the script of lang: Arabic-Indic
// for "ar", unchanged otherwise.
func Digits(lang, s string) string {
	if lang == "ar" {
		return arabicDigits.Replace(s)
	}
	return s
}

// Decimal formats f with prec decimals in the digits of lang.
func Decimal(lang string, f float64, prec int) string {
	return Digits(lang, strconv.FormatFloat(f, 'f', prec, 64))
}

// Amount writes an amount in full with separators, in the digits of lang.
func Amount(lang string, f float64) string { return Digits(lang, claims.FormatAmount(f)) }

// ValueText writes the comparable part of a value: "900,000,000,000 USD
// (about)", "20 %", "late 2022".
func ValueText(w Words, lang string, t claims.Type, v claims.Value) string {
	var parts []string
	switch {
	case t == claims.TypePercent && v.Amount != 0:
		parts = append(parts, Amount(lang, v.Amount)+" %")
	case t.HasAmount() && v.Amount != 0:
		s := Amount(lang, v.Amount)
		if v.Currency != "" {
			s += " " + v.Currency
		}
		if v.Unit != "" {
			s += " " + v.Unit
		}
		parts = append(parts, s)
	case t == claims.TypeDate && v.Date != "":
		d := v.Date
		if v.Part != "" {
			d = w.T("part."+v.Part) + " " + d
		}
		parts = append(parts, d)
	}
	if len(parts) > 0 && v.Qualifier != "" {
		parts = append(parts, "("+w.T("qualifier."+v.Qualifier)+")")
	}
	return strings.Join(parts, " ")
}

// DiffText puts a computed difference into words ("" when there is nothing
// to compare).
func DiffText(w Words, lang string, d claims.Difference) string {
	switch d.Kind {
	case claims.DiffNone:
		return ""
	case claims.DiffOver, claims.DiffUnder:
		return w.F("diff."+string(d.Kind), Decimal(lang, d.Percent, 1))
	case claims.DiffPointsHigh, claims.DiffPointsLow:
		return w.F("diff."+string(d.Kind), Decimal(lang, d.Points, 2))
	case claims.DiffEarlier, claims.DiffLater:
		return w.F("diff."+string(d.Kind), w.Num(int64(d.Days)))
	}
	return w.T("diff." + string(d.Kind))
}

// Values is a verdict's claimed and verified values and their difference
// in words; all empty when the verdict states no verified value.
func Values(w Words, lang string, cl claims.Claim, v claims.Verdict) (claimed, verified, difference string) {
	verified = ValueText(w, lang, cl.Type, v.Verified)
	if verified == "" {
		return "", "", ""
	}
	return ValueText(w, lang, cl.Type, cl.Value), verified, DiffText(w, lang, claims.Compare(cl.Type, cl.Value, v.Verified))
}
