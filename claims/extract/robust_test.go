package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// checkInvariants is what every caller relies on: offsets are rune offsets
// into the text as given and the sentence bounds contain the finding.
func checkInvariants(t testing.TB, text string) {
	rs := []rune(text)
	for _, f := range Find(text, Options{}) {
		if f.Start < 0 || f.Start > f.End || f.End > len(rs) {
			t.Fatalf("finding %+v out of range (len %d)", f, len(rs))
		}
		if got := string(rs[f.Start:f.End]); got != f.Text {
			t.Fatalf("text slice %q != Text %q", got, f.Text)
		}
		if f.SentenceStart > f.Start || f.SentenceEnd < f.End {
			t.Fatalf("finding %+v outside its sentence", f)
		}
	}
	for _, s := range Sentences(text, Options{Reference: time.Date(2025, 1, 28, 0, 0, 0, 0, time.UTC)}) {
		if s.Start < 0 || s.Start > s.End || s.End > len(rs) || string(rs[s.Start:s.End]) != s.Text {
			t.Fatalf("bad sentence %+v", s)
		}
		if s.Score < 0 || s.Score > 1 {
			t.Fatalf("score %v out of [0,1]", s.Score)
		}
	}
}

func TestRobust(t *testing.T) {
	inputs := []string{
		"",
		"   \n\n  ",
		"لا شيء هنا يستحق التحقق",
		strings.Repeat("a", 1<<20),
		strings.Repeat("\"", 1<<20),
		strings.Repeat("٣", 1<<16),
		strings.Repeat("«", 1<<16),
		strings.Repeat("قال \"x\" ", 20000),
		"Nvidia خسرت $593 billion و٣٫٥ مليار جنيه in 2025 «نص» \"quoted\" said Trump",
		"invalid \xff\xfe utf8 900 مليار دولار \xc3",
		strings.Repeat("9", 400) + " مليار دولار",
		"$" + strings.Repeat("9", 400) + "." + strings.Repeat("9", 400) + " billion",
		strings.Repeat("1,", 300) + "000 dollars",
		"٪" + strings.Repeat("٩", 500),
		"في " + strings.Repeat("2", 4),
		"\u200f\u200e\ufeff 20 % \u0640\u0640 بـ20%",
	}
	for _, in := range inputs {
		done := make(chan struct{})
		go func() {
			defer close(done)
			checkInvariants(t, in)
		}()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("hang on input starting %q", in[:min(len(in), 40)])
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"900 مليار دولار",
		"بنحو20 %",
		"وفي 20 يناير 2025، شارك ليانغ",
		"وقال ترامب: \"نأمل أن يكون إطلاق \"ديب سيك\" جرس إنذار\".",
		"$593 billion on January 27, 2025; shares fell 17%.",
		"٢٠ كانون الثاني ٢٠٢٥ ٪١٧ ٣٫٥ مليار جنيه",
		"2,048 H800 chips «quoted» “curly” \xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkInvariants(t, s)
	})
}

// sharedDir walks up from the package directory to the directory holding
// shared/data, so the benchmarks work from any checkout layout.
func sharedDir() string {
	dir, _ := os.Getwd()
	for {
		if st, err := os.Stat(filepath.Join(dir, "shared", "data")); err == nil && st.IsDir() {
			return filepath.Join(dir, "shared")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

func BenchmarkFind(b *testing.B) {
	sh := sharedDir()
	if sh == "" {
		b.Skip("shared/seed not found above the package directory; skipping the 1 MB Arabic benchmark")
	}
	seed, err := os.ReadFile(filepath.Join(sh, "seed", "000_2a21b99e2cb2267b.txt"))
	if err != nil {
		b.Skipf("seed article absent: %v", err)
	}
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		sb.Write(seed)
		sb.WriteString("\n\n")
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		Find(text, Options{})
	}
}

func BenchmarkSentences(b *testing.B) {
	sh := sharedDir()
	if sh == "" {
		b.Skip("shared/seed not found above the package directory")
	}
	seed, err := os.ReadFile(filepath.Join(sh, "seed", "000_2a21b99e2cb2267b.txt"))
	if err != nil {
		b.Skipf("seed article absent: %v", err)
	}
	text := strings.Repeat(string(seed)+"\n\n", (1<<20)/len(seed)+1)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Sentences(text, Options{})
	}
}
