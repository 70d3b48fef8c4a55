package claims

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/factdesk/factdesk/claims/extract"
)

// Value is the structured value of a claim, shaped by its type: a figure
// (amount, currency or unit, scale, qualifier) for money, market figures and
// quantities; a number for percentages; a date with its precision for dates;
// speaker and occasion for quotes.
type Value struct {
	Amount      float64 `json:"amount,omitempty"`
	Currency    string  `json:"currency,omitempty"`
	Unit        string  `json:"unit,omitempty"`
	Scale       string  `json:"scale,omitempty"`
	Qualifier   string  `json:"qualifier,omitempty"`
	Date        string  `json:"date,omitempty"`
	Precision   string  `json:"precision,omitempty"`
	Part        string  `json:"part,omitempty"`
	Relative    bool    `json:"relative,omitempty"`
	Approximate bool    `json:"approximate,omitempty"`
	Speaker     string  `json:"speaker,omitempty"`
	Occasion    string  `json:"occasion,omitempty"`
}

// Closed vocabularies of the value fields.
var (
	Qualifiers = []string{"", "about", "at_most", "at_least", "more_than", "less_than"}
	Precisions = []string{"day", "month", "year", "part_of_year", "decade"}
	Parts      = []string{"", "early", "mid", "late"}
	Currencies = []string{"USD", "EUR", "GBP", "EGP", "SAR", "AED", "QAR", "KWD", "JOD", "MAD", "TND", "DZD", "IQD", "LBP", "CNY", "JPY", "INR", "TRY", "AUD"}
)

// ValueFromExtract converts a spotter value.
func ValueFromExtract(v extract.Value) Value {
	return Value{Amount: v.Amount, Currency: v.Currency, Unit: v.Unit, Scale: v.Scale, Qualifier: string(v.Qualifier),
		Date: v.Date, Precision: string(v.Precision), Part: v.Part, Relative: v.Relative, Approximate: v.Approximate}
}

// Suggest pre-fills a claim's type and value from its quote, as far as the
// spotter understands it; the reviewer corrects what it got wrong.
func Suggest(quote string, t Type, ref time.Time) (Type, Value, bool) {
	kind := extract.Kind("")
	switch t {
	case TypeMoney, TypeMarket, TypePercent, TypeDate, TypeQuantity, TypeQuote:
		kind = extract.Kind(t)
	}
	v, k, ok := extract.ParseValue(quote, kind, ref)
	if !ok {
		return t, Value{}, false
	}
	if t == "" {
		t = Type(k)
	}
	return t, ValueFromExtract(v), true
}

// ParseAmount reads an amount as a reviewer types it: "900000000000",
// "900,000,000,000", "900 مليار", "٣٫٥", "1.2 trillion". It returns the
// number and the scale word if one was given.
func ParseAmount(s string) (float64, string, bool) {
	s = strings.TrimSpace(extract.NormalizeDigits(s))
	if s == "" {
		return 0, "", false
	}
	if f, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) && f >= 0 {
		return f, "", true
	}
	v, _, ok := extract.ParseValue(s+" ", extract.Quantity, time.Time{})
	if !ok || v.Amount <= 0 || math.IsInf(v.Amount, 0) {
		return 0, "", false
	}
	return v.Amount, v.Scale, true
}

// FormatAmount writes an amount in full with thousands separators.
func FormatAmount(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e18 {
		s := strconv.FormatInt(int64(f), 10)
		var b strings.Builder
		for i, r := range s {
			if i > 0 && (len(s)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(r)
		}
		return b.String()
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func (v Value) json() string {
	b, _ := json.Marshal(v)
	return string(b)
}

func parseValueJSON(s string) Value {
	var v Value
	if s == "{}" || s == "" {
		return v // most claims without a value: no decoding (exports read 100,000s)
	}
	_ = json.Unmarshal([]byte(s), &v)
	return v
}

// Summary renders the value compactly for lists and history.
func (v Value) Summary(t Type) string {
	var parts []string
	switch {
	case t == TypePercent && v.Amount != 0:
		parts = append(parts, strconv.FormatFloat(v.Amount, 'f', -1, 64)+" %")
	case v.Amount != 0:
		s := FormatAmount(v.Amount)
		if v.Currency != "" {
			s += " " + v.Currency
		}
		if v.Unit != "" {
			s += " " + v.Unit
		}
		parts = append(parts, s)
	}
	if v.Date != "" {
		d := v.Date
		if v.Part != "" {
			d = v.Part + " " + d
		}
		parts = append(parts, d)
	}
	if v.Qualifier != "" {
		parts = append(parts, "("+strings.ReplaceAll(v.Qualifier, "_", " ")+")")
	}
	if v.Speaker != "" {
		parts = append(parts, "— "+v.Speaker)
	}
	return strings.Join(parts, " ")
}

func oneOf(s string, list []string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// validateValue checks a value against its type; errors are keyed by the
// form field of the value part.
func validateValue(t Type, v *Value, errs FieldErrors) {
	v.Currency = strings.ToUpper(strings.TrimSpace(v.Currency))
	v.Unit = strings.TrimSpace(v.Unit)
	v.Speaker = strings.TrimSpace(v.Speaker)
	v.Occasion = strings.TrimSpace(v.Occasion)
	if !oneOf(v.Qualifier, Qualifiers) {
		errs["qualifier"] = "err.invalid"
	}
	if v.Currency != "" && (len(v.Currency) != 3 || strings.ToUpper(v.Currency) != v.Currency || !isLetters(v.Currency)) {
		errs["currency"] = "err.currency"
	}
	if len(v.Unit) > 60 {
		errs["unit"] = "err.too_long"
	}
	if len(v.Speaker) > MaxShortText*2 {
		errs["speaker"] = "err.too_long"
	}
	if len(v.Occasion) > MaxShortText*2 {
		errs["occasion"] = "err.too_long"
	}
	if v.Amount < 0 || math.IsInf(v.Amount, 0) || math.IsNaN(v.Amount) {
		errs["amount"] = "err.amount"
	}
	if t == TypePercent && v.Amount > 1e6 {
		errs["amount"] = "err.amount"
	}
	if v.Date != "" {
		if _, ok := parsePartialDate(v.Date); !ok {
			errs["value_date"] = "err.date"
		}
		if v.Precision == "" {
			v.Precision = precisionOf(v.Date)
		}
	}
	if v.Precision != "" && !oneOf(v.Precision, Precisions) {
		errs["precision"] = "err.invalid"
	}
	if !oneOf(v.Part, Parts) {
		errs["part"] = "err.invalid"
	}
	if v.Part != "" && v.Precision != "part_of_year" {
		v.Precision = "part_of_year"
	}
}

func isLetters(s string) bool {
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

func parsePartialDate(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func precisionOf(s string) string {
	switch len(s) {
	case 10:
		return "day"
	case 7:
		return "month"
	}
	return "year"
}
