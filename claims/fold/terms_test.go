package fold_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/claims/fold"
)

func TestTokensKeepOffsets(t *testing.T) {
	in := "«إِنْفِيدْيَا» خسرت ٥٩٣ مليار، و$1,234.5 في 2025."
	toks := fold.Tokens(in)
	var got []string
	for _, tk := range toks {
		got = append(got, tk.Text+"="+in[tk.Start:tk.End])
	}
	want := []string{"انفيديا=إِنْفِيدْيَا", "خسرت=خسرت", "593=٥٩٣", "مليار=مليار", "و=و", "1234.5=1,234.5", "في=في", "2025=2025"}
	if !slices.Equal(got, want) {
		t.Errorf("Tokens(%q)\n got %q\nwant %q", in, got, want)
	}
}

func TestTokensSplitAndJoin(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"  ...!? ", nil},
		{"\u064e\u0650\u0651", nil}, // only diacritics
		{"ديـــب سيـك", []string{"ديب", "سيك"}},
		{"x-ray AI's", []string{"x", "ray", "ai", "s"}},
		{"text:nvidia NEAR(a b)", []string{"text", "nvidia", "near", "a", "b"}},
		{`"quoted" *star* -minus`, []string{"quoted", "star", "minus"}},
		{"2025.", []string{"2025"}},
		{"٣٫٥ ٪", []string{"3.5"}},
		{"Straße e\u0301cole", []string{"straße", "ecole"}},
		{"a\ue010b", []string{"a", "b"}}, // private use never joins a word
		{"\u200fجرس\u200e إنذار", []string{"جرس", "انذار"}},
		{strings.Repeat("ب", 100), []string{strings.Repeat("ب", fold.MaxTokenRunes)}},
	}
	for _, tt := range tests {
		if got := fold.Words(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestStemEnglishWordForms(t *testing.T) {
	groups := [][]string{
		{"loss", "losses"},
		{"company", "companies"},
		{"invest", "invests", "invested", "investing"},
		{"tax", "taxes"},
		{"price", "prices", "priced", "pricing"},
		{"run", "runs", "running"},
		{"stop", "stopped", "stops"},
		{"vaccine", "vaccines"},
		{"billion", "billions"},
		{"lose", "losing"},
		{"virus"},
		{"crisis"},
	}
	for _, g := range groups {
		want := fold.Stem(g[0])
		for _, w := range g[1:] {
			if got := fold.Stem(w); got != want {
				t.Errorf("Stem(%q) = %q; want %q like Stem(%q)", w, got, want, g[0])
			}
		}
	}
	for _, w := range []string{"us", "is", "the", "gas", "news2", "593", "crisis", "virus", "add"} {
		if got := fold.Stem(w); got == "" {
			t.Errorf("Stem(%q) is empty", w)
		}
	}
	if fold.Stem("virus") != "virus" || fold.Stem("crisis") != "crisis" || fold.Stem("loss") != "loss" {
		t.Errorf("words ending in -us, -is, -ss must keep their ending: %q %q %q", fold.Stem("virus"), fold.Stem("crisis"), fold.Stem("loss"))
	}
	if fold.Stem("added") != "add" {
		t.Errorf("Stem(added) = %q; want add", fold.Stem("added"))
	}
}

// Every Arabic spelling variant the issue names meets its plain form once
// folded and stemmed, through the same functions the index and the query use.
func TestArabicVariantsMeet(t *testing.T) {
	pairs := [][2]string{
		{"انفيديا", "إنفيديا"},      // hamza below
		{"انفيديا", "إِنْفِيدْيَا"}, // diacritics
		{"انفيديا", "إنفيـــديا"},   // tatweel
		{"اسهم", "أسهم"},            // hamza above
		{"الاف", "آلاف"},            // madda
		{"مستوى", "مستوي"},          // alef maqsura / ya
		{"الشركة", "الشركه"},        // ta marbuta / ha
		{"شركة", "الشركة"},          // the article
		{"الصين", "الصينية"},        // a common ending
		{"مليار", "مليارات"},        // plural
		{"2025", "٢٠٢٥"},            // digit script
		{"2025", "۲۰۲۵"},            // Persian digits
	}
	key := func(s string) []string {
		var out []string
		for _, w := range fold.Words(s) {
			out = append(out, fold.Stem(w))
		}
		return out
	}
	for _, p := range pairs {
		if a, b := key(p[0]), key(p[1]); !slices.Equal(a, b) {
			t.Errorf("%q → %q but %q → %q; want the same", p[0], a, p[1], b)
		}
	}
	if got := fold.Stem(fold.String("انفيديا")); got != "انفيديا" {
		t.Errorf("a name without article or ending changed: %q", got)
	}
}

func TestTermsDistinctInOrder(t *testing.T) {
	got := fold.Terms("Losses, LOSS and loss: the losses")
	want := []string{"loss", "and", "the"}
	if !slices.Equal(got, want) {
		t.Errorf("Terms = %q; want %q", got, want)
	}
}

func FuzzTokens(f *testing.F) {
	for _, s := range []string{"إِنْفِيدْيَا ٥٩٣", "1,234.5", "\xff\xfe", "a\u200fb", "x" + strings.Repeat("٫", 10) + "1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, tk := range fold.Tokens(s) {
			if tk.Text == "" || tk.Start < 0 || tk.End > len(s) || tk.Start >= tk.End {
				t.Fatalf("bad token %+v in %q", tk, s)
			}
			if strings.ContainsAny(tk.Text, " \"*:()") {
				t.Fatalf("token %q carries query syntax", tk.Text)
			}
			// A token folds to itself and is one word again.
			if w := fold.Words(tk.Text); len(w) != 1 || w[0] != tk.Text {
				t.Fatalf("token %q re-tokenises as %q", tk.Text, w)
			}
			if fold.Stem(tk.Text) == "" {
				t.Fatalf("empty stem of %q", tk.Text)
			}
		}
	})
}

func BenchmarkTokens(b *testing.B) {
	texts := []string{
		"Says the Annies List political group supports third-trimester abortions on demand, and 1,234.5 dollars.",
		"خسرت إنفيديا نحو 593 مليار دولار من قيمتها السوقية في يناير ٢٠٢٥ بعد إطلاق ديب سيك نموذجها الجديد",
	}
	n := 0
	for _, s := range texts {
		n += len(s)
	}
	b.SetBytes(int64(n))
	for i := 0; i < b.N; i++ {
		for _, s := range texts {
			fold.Tokens(s)
		}
	}
}
