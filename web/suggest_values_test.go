package web

import (
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/web/i18n"
)

func TestSuggestionValueFormatting(t *testing.T) {
	tests := []struct {
		t      claims.Type
		v      claims.Value
		en, ar string
	}{
		{claims.TypeMarket, claims.Value{Amount: 9e11, Currency: "USD", Qualifier: "about"}, "about 900,000,000,000 US dollars", "نحو ٩٠٠٬٠٠٠٬٠٠٠٬٠٠٠ دولار أمريكي"},
		{claims.TypeMoney, claims.Value{Amount: 3.5e9, Currency: "EGP"}, "3,500,000,000 Egyptian pounds", "٣٬٥٠٠٬٠٠٠٬٠٠٠ جنيه مصري"},
		{claims.TypeMoney, claims.Value{Amount: 6e6, Currency: "XYZ", Qualifier: "at_most"}, "at most 6,000,000 XYZ", "لا يتجاوز ٦٬٠٠٠٬٠٠٠ XYZ"},
		{claims.TypePercent, claims.Value{Amount: 17.5, Unit: "percent", Qualifier: "more_than"}, "more than 17.5%", "أكثر من ١٧٫٥٪"},
		{claims.TypeQuantity, claims.Value{Amount: 1000, Unit: "GPU", Approximate: true}, "in the order of 1,000 GPUs", "في حدود ١٬٠٠٠ وحدات معالجة رسوميات"},
		{claims.TypeQuantity, claims.Value{Amount: 2048, Unit: "widget"}, "2,048 widget", "٢٬٠٤٨ widget"},
		{claims.TypeDate, claims.Value{Date: "2025-01-20", Precision: "day"}, "20 January 2025", "٢٠ يناير ٢٠٢٥"},
		{claims.TypeDate, claims.Value{Date: "2025-03", Precision: "month"}, "March 2025", "مارس ٢٠٢٥"},
		{claims.TypeDate, claims.Value{Date: "2022", Precision: "part_of_year", Part: "late"}, "Late 2022", "أواخر ٢٠٢٢"},
		{claims.TypeDate, claims.Value{Date: "2020", Precision: "decade"}, "the 2020s", "عقد ٢٠٢٠"},
		{claims.TypeDate, claims.Value{Date: "--01-05", Precision: "day"}, "5 January (year not stated)", "٥ يناير (دون ذكر السنة)"},
		{claims.TypeDate, claims.Value{Relative: true}, "relative date (the publication date is unknown)", "تاريخ نسبي (تاريخ النشر غير معروف)"},
		{claims.TypeQuote, claims.Value{Speaker: "Trump"}, "", ""},
		{claims.TypeMoney, claims.Value{}, "", ""},
	}
	for _, tt := range tests {
		if got := suggestionValue(i18n.EN, tt.t, tt.v); got != tt.en {
			t.Errorf("en %s %+v = %q; want %q", tt.t, tt.v, got, tt.en)
		}
		if got := suggestionValue(i18n.AR, tt.t, tt.v); got != tt.ar {
			t.Errorf("ar %s %+v = %q; want %q", tt.t, tt.v, got, tt.ar)
		}
	}
	if got := scoreText(i18n.AR, 0.9427); got != "٩٤٪" {
		t.Errorf("score = %q", got)
	}
}

// Every value of the dynamic key families the panel uses has a name in both
// languages: currencies, units, qualifiers, months and parts of the year.
func TestSuggestionValueKeyFamilies(t *testing.T) {
	currencies := append([]string{"CAD", "OMR", "BHD", "SYP"}, claims.Currencies...)
	units := []string{"GPU", "chip", "person", "user", "employee", "dose", "case", "death", "vaccine", "job", "barrel", "ton",
		"student", "patient", "test", "download"}
	var values []claims.Value
	for _, c := range currencies {
		values = append(values, claims.Value{Amount: 1, Currency: c})
	}
	for _, u := range units {
		values = append(values, claims.Value{Amount: 2, Unit: u})
	}
	for _, q := range claims.Qualifiers[1:] {
		values = append(values, claims.Value{Amount: 3, Qualifier: q})
	}
	for _, l := range []i18n.Lang{i18n.EN, i18n.AR} {
		for _, v := range values {
			got := suggestionValue(l, claims.TypeMoney, v)
			raw := v.Currency + v.Unit
			if strings.Contains(got, "!") || (raw != "" && strings.HasSuffix(got, " "+raw) && raw != "percent") || (v.Qualifier != "" && !strings.Contains(got, " ")) {
				t.Errorf("%s %+v = %q: no name in the catalog", l, v, got)
			}
			if l == i18n.AR && !hasArabicLetter(got) {
				t.Errorf("ar %+v = %q: no Arabic", v, got)
			}
		}
		for m := 1; m <= 12; m++ {
			for _, part := range claims.Parts {
				got := dateText(l, claims.Value{Date: "2024-" + twoDigits(m), Precision: "month", Part: part})
				if strings.Contains(got, "!") || (l == i18n.AR && strings.ContainsAny(got, "0123456789")) {
					t.Errorf("%s month %d part %q = %q", l, m, part, got)
				}
			}
		}
	}
}

func twoDigits(n int) string {
	s := strconv.Itoa(n)
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

func hasArabicLetter(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}
