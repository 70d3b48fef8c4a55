package fold_test

import (
	"testing"

	"github.com/factdesk/factdesk/claims/fold"
)

func TestString(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"ascii case", "Reuters SAYS", "reuters says"},
		{"tashkeel", "إِنْفِيدْيَا", "انفيديا"},
		{"shadda and tanween", "مُحَمَّدٌ", "محمد"},
		{"superscript alef", "هٰذا", "هذا"},
		{"tatweel", "ديـــب سيـك", "ديب سيك"},
		{"alef with hamza above", "أسهم", "اسهم"},
		{"alef with hamza below", "إنذار", "انذار"},
		{"alef madda", "آلاف", "الاف"},
		{"alef wasla", "ٱلله", "الله"},
		{"alef maqsura", "على مستوى", "علي مستوي"},
		{"ta marbuta", "الشركة الصينية", "الشركه الصينيه"},
		{"persian yeh and keheh", "کمپانی", "كمپاني"},
		{"arabic-indic digits", "٢٠ يناير ٢٠٢٥", "20 يناير 2025"},
		{"persian digits", "۲۰۲۵", "2025"},
		{"spaces collapse", "  a \t b\n\nc  ", "a b c"},
		{"no-break space", "6\u00a0ملايين", "6 ملايين"},
		{"direction marks dropped", "\u200fجرس\u200e إنذار\u2066x\u2069", "جرس انذارx"},
		{"zero-width joiner", "ab\u200dc\ufeff", "abc"},
		{"unicode lower", "ÉCOLE Straße", "école straße"},
		{"url kept", "HTTPS://Example.org/A?b=C", "https://example.org/a?b=c"},
		{"mixed", "«إنفيديا» تخسر ٥٩٣ ملياراً", "«انفيديا» تخسر 593 مليارا"},
	}
	for _, tt := range tests {
		if got := fold.String(tt.in); got != tt.want {
			t.Errorf("%s: String(%q) = %q; want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

// Folding twice changes nothing: stored text and queries meet in one form.
func TestIdempotent(t *testing.T) {
	for _, s := range []string{"إِنْفِيدْيَا ٢٠٢٥", "ALEF آ أ إ", "ة ى ـ", "Straße  x"} {
		once := fold.String(s)
		if twice := fold.String(once); twice != once {
			t.Errorf("String(String(%q)) = %q; want %q", s, twice, once)
		}
	}
}

func FuzzString(f *testing.F) {
	for _, s := range []string{"إِنْفِيدْيَا", "٢٠ يناير", "\xff\xfe", "a\u200fb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := fold.String(s)
		if fold.String(once) != once {
			t.Errorf("not idempotent on %q", s)
		}
		if len(once) > 3*len(s) { // an invalid byte becomes U+FFFD (3 bytes)
			t.Errorf("folded %q grew to %q", s, once)
		}
	})
}
