// Package i18n holds every string of the interface in English and Arabic and
// picks the language for a request. A test checks that no key lacks either
// language and that every key used in the views exists.
package i18n

import (
	"fmt"
	"strconv"
	"strings"
)

// Lang is an interface language.
type Lang string

const (
	EN Lang = "en"
	AR Lang = "ar"
)

// Parse accepts "ar" and "en" only.
func Parse(s string) (Lang, bool) {
	switch Lang(s) {
	case EN, AR:
		return Lang(s), true
	}
	return "", false
}

// Dir is the text direction of the language.
func (l Lang) Dir() string {
	if l == AR {
		return "rtl"
	}
	return "ltr"
}

// Other is the language to offer a switch to.
func (l Lang) Other() Lang {
	if l == AR {
		return EN
	}
	return AR
}

// T translates key. A missing key shows itself, loudly, instead of an empty
// string (and the catalog test prevents that from shipping).
func (l Lang) T(key string) string {
	m, ok := catalog[key]
	if !ok {
		return "!" + key
	}
	if l == AR {
		return m[1]
	}
	return m[0]
}

// F translates key and fills in fmt-style arguments.
func (l Lang) F(key string, args ...any) string { return fmt.Sprintf(l.T(key), args...) }

// Has reports whether key exists.
func Has(key string) bool { _, ok := catalog[key]; return ok }

// Keys returns every key (for tests).
func Keys() []string {
	out := make([]string, 0, len(catalog))
	for k := range catalog {
		out = append(out, k)
	}
	return out
}

// Entry returns both translations of key (for tests).
func Entry(key string) (en, ar string) { m := catalog[key]; return m[0], m[1] }

var arabicDigits = strings.NewReplacer("0", "٠", "1", "١", "2", "٢", "3", "٣", "4", "٤", "5", "٥", "6", "٦", "7", "٧", "8", "٨", "9", "٩", ",", "٬", ".", "٫")

// Num formats an integer with thousands separators, in Arabic-Indic digits for
// Arabic.
func (l Lang) Num(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if neg {
		out = "-" + out
	}
	if l == AR {
		return arabicDigits.Replace(out)
	}
	return out
}

// FromAcceptLanguage picks the best supported language from an
// Accept-Language header, honouring q-values; English when nothing matches.
func FromAcceptLanguage(h string) Lang {
	best, bestQ := EN, -1.0
	for _, part := range strings.Split(h, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		tag, q := part, 1.0
		if i := strings.Index(part, ";"); i >= 0 {
			tag = strings.TrimSpace(part[:i])
			params := strings.TrimSpace(part[i+1:])
			if v, ok := strings.CutPrefix(params, "q="); ok {
				if f, err := strconv.ParseFloat(v, 64); err == nil {
					q = f
				}
			}
		}
		base := strings.ToLower(strings.SplitN(tag, "-", 2)[0])
		l, ok := Parse(base)
		if ok && q > bestQ {
			best, bestQ = l, q
		}
	}
	return best
}

// register adds a feature's strings to the catalog. Each feature keeps its
// strings in a catalog_<feature>.go file with `var _ = register(…)`; a key
// defined twice is a programming error and stops the program at start.
func register(m map[string][2]string) bool {
	for k, v := range m {
		if _, dup := catalog[k]; dup {
			panic("i18n: key defined twice: " + k)
		}
		catalog[k] = v
	}
	return true
}
