package articletext

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// runeIndex is the rune offset of the nth (0-based) occurrence of sub in s.
func runeIndex(t *testing.T, s, sub string, nth int) int {
	t.Helper()
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(s[off:], sub)
		if j < 0 {
			t.Fatalf("%q occurs fewer than %d times", sub, nth+1)
		}
		if i == nth {
			return utf8.RuneCountInString(s[:off+j])
		}
		off += j + len(sub)
	}
}

// want builds the anchor expected for the nth occurrence of exact in text.
func wantAnchor(t *testing.T, text, exact string, nth int) Anchor {
	t.Helper()
	start := runeIndex(t, text, exact, nth)
	r := []rune(text)
	end := start + utf8.RuneCountInString(exact)
	return Anchor{
		Exact:  exact,
		Prefix: string(r[max(0, start-AnchorContext):start]),
		Suffix: string(r[end:min(len(r), end+AnchorContext)]),
		Start:  start,
		End:    end,
	}
}

func TestAnchorAt(t *testing.T) {
	text := "قال ترامب إن التطبيق \"جرس إنذار\" للشركات الأميركية."
	n := utf8.RuneCountInString(text)
	long := strings.Repeat("أ", 40) + "X" + strings.Repeat("ب", 40)
	tests := []struct {
		name       string
		text       string
		start, end int
		want       Anchor
		wantErr    error
	}{
		{"arabic quote", text, 22, 31, Anchor{Exact: "جرس إنذار", Prefix: "قال ترامب إن التطبيق \"", Suffix: "\" للشركات الأميركية.", Start: 22, End: 31}, nil},
		{"whole text", "abc", 0, 3, Anchor{Exact: "abc", Start: 0, End: 3}, nil},
		{"context capped at 32 runes", long, 40, 41, Anchor{Exact: "X", Prefix: strings.Repeat("أ", 32), Suffix: strings.Repeat("ب", 32), Start: 40, End: 41}, nil},
		{"negative start", text, -1, 3, Anchor{}, ErrBadOffsets},
		{"end past text", text, 0, n + 1, Anchor{}, ErrBadOffsets},
		{"empty range", text, 5, 5, Anchor{}, ErrBadOffsets},
		{"reversed", text, 6, 5, Anchor{}, ErrBadOffsets},
		{"blank selection", "a  \n b", 1, 5, Anchor{}, ErrBadOffsets},
		{"empty text", "", 0, 0, Anchor{}, ErrBadOffsets},
		// Offsets are runes, not bytes: 9 runes here are 17 bytes.
		{"byte offset rejected", "جرس إنذار", 0, 17, Anchor{}, ErrBadOffsets},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := AnchorAt(tt.text, tt.start, tt.end)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(got, tt.want); diff != "" {
				t.Errorf("(-got +want):\n%s", diff)
			}
		})
	}
}

func TestAnchorQuote(t *testing.T) {
	mixed := "تراجعت الأسهم بنحو 20 % يوم 27 يناير، ثم عادت وخسرت ١٧٪ من قيمتها."
	marks := "وقال ترامب: \"نأمل أن يكون «ديب سيك» جرس إنذار\"، مضيفا أن 'المنافسة' مفيدة."
	spaced := "Nvidia lost\n\nabout   $593bn\tin one day."
	tatweel := "أعلنت الشركـــة عن نتائـج قوية، وقالت إنّ الأرباحَ ارتفعت."
	repeated := "ديب سيك تطبيق صيني. أطلقت ديب سيك نموذجا. ثم قالت ديب سيك إنه مجاني."
	tests := []struct {
		name      string
		text      string
		quote     string
		hint      int
		wantExact string // the text's own words
		wantNth   int    // which occurrence of wantExact
		wantOcc   int
		wantErr   error
	}{
		{"exact paste", mixed, "بنحو 20 %", -1, "بنحو 20 %", 0, 1, nil},
		{"arabic-indic digits pasted for western", mixed, "بنحو ٢٠ %", -1, "بنحو 20 %", 0, 1, nil},
		{"western digits pasted for arabic-indic", mixed, "وخسرت 17٪", -1, "وخسرت ١٧٪", 0, 1, nil},
		{"persian digits", mixed, "وخسرت ۱۷٪", -1, "وخسرت ١٧٪", 0, 1, nil},
		{"curly quotes for straight", marks, "“نأمل أن يكون «ديب سيك» جرس إنذار”", -1, "\"نأمل أن يكون «ديب سيك» جرس إنذار\"", 0, 1, nil},
		{"straight quotes for guillemets", marks, "\"ديب سيك\"", -1, "«ديب سيك»", 0, 1, nil},
		{"single quote variants", marks, "‘المنافسة’", -1, "'المنافسة'", 0, 1, nil},
		{"extra whitespace in paste", spaced, "  lost about\n$593bn  in ", -1, "lost\n\nabout   $593bn\tin", 0, 1, nil},
		{"single space matches a run", spaced, "about $593bn in one day", -1, "about   $593bn\tin one day", 0, 1, nil},
		{"tatweel in text", tatweel, "الشركة عن نتائج", -1, "الشركـــة عن نتائـج", 0, 1, nil},
		{"tatweel in paste", tatweel, "أعلنـت", -1, "أعلنت", 0, 1, nil},
		{"diacritics ignored, kept in exact", tatweel, "ان الارباح ارتفعت", -1, "إنّ الأرباحَ ارتفعت", 0, 1, nil},
		{"wrapping quote marks stripped when text lacks them", tatweel, "«الأرباح ارتفعت»", -1, "الأرباحَ ارتفعت", 0, 1, nil},
		{"repeated, no hint: first", repeated, "ديب سيك", -1, "ديب سيك", 0, 3, nil},
		{"repeated, hint inside second", repeated, "ديب سيك", 28, "ديب سيك", 1, 3, nil},
		{"repeated, hint inside third", repeated, "ديب سيك", 52, "ديب سيك", 2, 3, nil},
		{"repeated, hint nearer third's start than second's end", repeated, "ديب سيك", 47, "ديب سيك", 2, 3, nil},
		{"repeated, hint past the end", repeated, "ديب سيك", 1000, "ديب سيك", 2, 3, nil},
		{"not found", mixed, "900 مليار", -1, "", 0, 0, ErrQuoteNotFound},
		{"blank quote", mixed, " \n\u0640 ", -1, "", 0, 0, ErrQuoteNotFound},
		{"longer than text", "ab", "abc", -1, "", 0, 0, ErrQuoteNotFound},
		{"case matters", spaced, "nvidia", -1, "", 0, 0, ErrQuoteNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, occ, err := AnchorQuote(tt.text, tt.quote, tt.hint)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if occ != tt.wantOcc {
				t.Errorf("occurrences = %d, want %d", occ, tt.wantOcc)
			}
			want := Anchor{}
			if tt.wantErr == nil {
				want = wantAnchor(t, tt.text, tt.wantExact, tt.wantNth)
			}
			if diff := cmp.Diff(got, want); diff != "" {
				t.Errorf("(-got +want):\n%s", diff)
			}
		})
	}
}

// TestAnchorQuoteHintTie: equally near occurrences resolve to the earlier.
func TestAnchorQuoteHintTie(t *testing.T) {
	text := "ab..ab" // occurrences [0,2) and [4,6); hint 3 is 2 from the first's end and 1 from the second
	got, _, err := AnchorQuote(text, "ab", 3)
	if err != nil {
		t.Fatal(err)
	}
	if got.Start != 4 {
		t.Errorf("Start = %d, want 4", got.Start)
	}
	text = "ab.ab" // hint 2: distance 1 to both
	got, _, _ = AnchorQuote(text, "ab", 2)
	if got.Start != 0 {
		t.Errorf("tie: Start = %d, want 0", got.Start)
	}
}

func TestAnchorQuoteSeedArticle(t *testing.T) {
	text := seedArticle(t)
	headline := "900 مليار دولار خسائر يوم واحد"
	tests := []struct {
		name      string
		quote     string
		hint      int
		wantExact string
		wantNth   int
		wantOcc   int
	}{
		{"market figure with arabic-indic digits", "فقدت نحو ٩٠٠ مليار دولار من قيمتها السوقية", -1, "فقدت نحو 900 مليار دولار من قيمتها السوقية", 0, 1},
		{"percentage glued to a word", "تراجع أسهمها بنحو٢٠ %", -1, "تراجع أسهمها بنحو20 %", 0, 1},
		{"headline repeated, first", headline, -1, headline, 0, 2},
		{"headline repeated, hint on the second line", headline, 80, headline, 1, 2},
		{"quote with guillemets and a line break", "«جرس\nإنذار»", -1, "\"جرس إنذار\"", 0, 1},
		{"cost", "بتكلفة لا تتجاوز 6 ملايين دولار", -1, "بتكلفة لا تتجاوز 6 ملايين دولار", 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, occ, err := AnchorQuote(text, tt.quote, tt.hint)
			if err != nil {
				t.Fatal(err)
			}
			if occ != tt.wantOcc {
				t.Errorf("occurrences = %d, want %d", occ, tt.wantOcc)
			}
			if diff := cmp.Diff(got, wantAnchor(t, text, tt.wantExact, tt.wantNth)); diff != "" {
				t.Errorf("(-got +want):\n%s", diff)
			}
		})
	}
	// ديب سيك is everywhere: the hint decides.
	a, occ, err := AnchorQuote(text, "ديب سيك", 3000)
	if err != nil {
		t.Fatal(err)
	}
	if occ < 5 {
		t.Errorf("occurrences of ديب سيك = %d, want many", occ)
	}
	if a.End <= 3000-200 || a.Start >= 3000+200 {
		t.Errorf("chose [%d,%d), not near hint 3000", a.Start, a.End)
	}
}

func TestAnchorLocate(t *testing.T) {
	text := "قال ترامب إن الصدمة إيجابية. وقال خبراء إن الصدمة مؤقتة. الصدمة كبيرة."
	second, _, err := AnchorQuote(text, "الصدمة", runeIndex(t, text, "الصدمة مؤقتة", 0))
	if err != nil {
		t.Fatal(err)
	}
	inserted := "عاجل\n\n" + text
	edited := strings.Replace(text, "قال ترامب", "صرح الرئيس ترامب", 1)
	tests := []struct {
		name    string
		anchor  Anchor
		text    string
		want    Anchor
		wantOK  bool
		comment string
	}{
		{"unchanged text", second, text, second, true, "offsets still match"},
		{"prefix inserted", second, inserted, wantAnchor(t, inserted, "الصدمة", 1), true, "context picks the second occurrence"},
		{"earlier words edited", second, edited, wantAnchor(t, edited, "الصدمة", 1), true, "shifted by a different amount"},
		{"quote gone", second, strings.ReplaceAll(text, "الصدمة", "الأزمة"), Anchor{}, false, ""},
		{"empty anchor", Anchor{}, text, Anchor{}, false, ""},
		{
			"context lost: nearest to old start", Anchor{Exact: "x", Prefix: "zz", Suffix: "zz", Start: 7, End: 8},
			"x...x...x", Anchor{Exact: "x", Prefix: "x...x...", Suffix: "", Start: 8, End: 9}, true, "",
		},
		{
			"offsets past the end of a shorter text", Anchor{Exact: "b", Prefix: "a", Suffix: "", Start: 10, End: 11},
			"ab", Anchor{Exact: "b", Prefix: "a", Suffix: "", Start: 1, End: 2}, true, "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.anchor.Locate(tt.text)
			if ok != tt.wantOK {
				t.Fatalf("ok = %v, want %v", ok, tt.wantOK)
			}
			if diff := cmp.Diff(got, tt.want); diff != "" {
				t.Errorf("%s (-got +want):\n%s", tt.comment, diff)
			}
		})
	}
}

// TestLocateContextBeatsNearness: with the text shifted so that another
// occurrence sits nearest the old offsets, the context still wins.
func TestAnchorLocateContextBeatsNearness(t *testing.T) {
	text := "alpha 100 beta. gamma 100 delta."
	a, _, err := AnchorQuote(text, "100", 0) // the first: "alpha 100 beta"
	if err != nil {
		t.Fatal(err)
	}
	shifted := "gamma 100 delta. " + text[:16] // the first occurrence moves to where nothing matched before
	got, ok := a.Locate(shifted)
	if !ok {
		t.Fatal("not found")
	}
	if diff := cmp.Diff(got, wantAnchor(t, shifted, "100", 1)); diff != "" {
		t.Errorf("(-got +want):\n%s", diff)
	}
}

func TestAnchorLocateSeedArticle(t *testing.T) {
	text := seedArticle(t)
	a, _, err := AnchorQuote(text, "900 مليار دولار خسائر يوم واحد", 80)
	if err != nil {
		t.Fatal(err)
	}
	// An editor adds a dateline; the snapshot's offsets all move by its length.
	moved := "القاهرة - خاص:\n\n" + text
	got, ok := a.Locate(moved)
	if !ok {
		t.Fatal("not found after shift")
	}
	if diff := cmp.Diff(got, wantAnchor(t, moved, a.Exact, 1)); diff != "" {
		t.Errorf("(-got +want):\n%s", diff)
	}
}

func TestAnchorSegments(t *testing.T) {
	seg := func(text string, start, end int, ids ...int64) Segment {
		if len(ids) == 0 {
			ids = nil
		}
		return Segment{Text: text, Start: start, End: end, IDs: ids}
	}
	tests := []struct {
		name  string
		text  string
		spans []Span
		want  []Segment
	}{
		{"no spans", "abc", nil, []Segment{seg("abc", 0, 3)}},
		{"empty text", "", []Span{{0, 1, 1}}, nil},
		{"one span in the middle", "abcdef", []Span{{2, 4, 7}}, []Segment{seg("ab", 0, 2), seg("cd", 2, 4, 7), seg("ef", 4, 6)}},
		{
			"overlapping", "abcdefgh", []Span{{1, 5, 1}, {3, 7, 2}},
			[]Segment{seg("a", 0, 1), seg("bc", 1, 3, 1), seg("de", 3, 5, 1, 2), seg("fg", 5, 7, 2), seg("h", 7, 8)},
		},
		{
			"nested, given out of order", "abcdefgh", []Span{{2, 4, 9}, {0, 8, 3}},
			[]Segment{seg("ab", 0, 2, 3), seg("cd", 2, 4, 3, 9), seg("efgh", 4, 8, 3)},
		},
		{
			"same span twice", "abc", []Span{{0, 2, 5}, {0, 2, 5}},
			[]Segment{seg("ab", 0, 2, 5), seg("c", 2, 3)},
		},
		{
			"identical extent, two claims", "abc", []Span{{1, 3, 2}, {1, 3, 1}},
			[]Segment{seg("a", 0, 1), seg("bc", 1, 3, 1, 2)},
		},
		{
			"adjacent spans of one claim merge", "abcd", []Span{{0, 2, 4}, {2, 4, 4}},
			[]Segment{seg("abcd", 0, 4, 4)},
		},
		{
			"adjacent spans of two claims stay apart", "abcd", []Span{{0, 2, 4}, {2, 4, 5}},
			[]Segment{seg("ab", 0, 2, 4), seg("cd", 2, 4, 5)},
		},
		{
			"clipped and invalid spans", "abc", []Span{{-5, 1, 1}, {2, 99, 2}, {2, 2, 3}, {3, 1, 4}, {5, 9, 5}},
			[]Segment{seg("a", 0, 1, 1), seg("b", 1, 2), seg("c", 2, 3, 2)},
		},
		{
			"arabic, rune offsets", "خسرت ٥٩٣ مليار", []Span{{5, 8, 1}, {5, 14, 2}},
			[]Segment{seg("خسرت ", 0, 5), seg("٥٩٣", 5, 8, 1, 2), seg(" مليار", 8, 14, 2)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Segments(tt.text, tt.spans)
			if diff := cmp.Diff(got, tt.want); diff != "" {
				t.Errorf("(-got +want):\n%s", diff)
			}
		})
	}
}

// benchText is about 5,000 words of mixed Arabic and English with 200
// claims, some overlapping and some nested, as on a busy article.
func benchText() (string, []Span) {
	words := []string{"فقدت", "نحو", "900", "مليار", "دولار", "من", "قيمتها", "السوقية", "Nvidia", "lost", "٥٩٣", "billion"}
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for i := range 5000 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(words[rng.IntN(len(words))])
	}
	text := b.String()
	n := utf8.RuneCountInString(text)
	spans := make([]Span, 200)
	for i := range spans {
		start := rng.IntN(n - 300)
		spans[i] = Span{Start: start, End: start + 20 + rng.IntN(280), ID: int64(i + 1)}
	}
	return text, spans
}

func BenchmarkSegments(b *testing.B) {
	text, spans := benchText()
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Segments(text, spans)
	}
}

func BenchmarkAnchorQuote(b *testing.B) {
	text, _ := benchText()
	quote := string([]rune(text)[10000:10060])
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, _, err := AnchorQuote(text, quote, 10000); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSegmentsBenchText checks the benchmark input against the brute-force
// definition, so the fast path is also the right one.
func TestAnchorSegmentsBenchText(t *testing.T) {
	text, spans := benchText()
	checkSegments(t, text, spans, Segments(text, spans))
}

// checkSegments verifies segs against the definition: they tile the text in
// order, each lists (sorted, once) exactly the spans covering it, and
// neighbours differ.
func checkSegments(t *testing.T, text string, spans []Span, segs []Segment) {
	t.Helper()
	runes := []rune(text)
	if len(runes) == 0 {
		if segs != nil {
			t.Fatalf("segments for empty text: %v", segs)
		}
		return
	}
	pos := 0
	var joined strings.Builder
	for i, s := range segs {
		if s.Start != pos || s.End <= s.Start {
			t.Fatalf("segment %d [%d,%d) does not follow %d", i, s.Start, s.End, pos)
		}
		if s.Text != string(runes[s.Start:s.End]) && utf8.ValidString(text) {
			t.Fatalf("segment %d text %q, want %q", i, s.Text, string(runes[s.Start:s.End]))
		}
		joined.WriteString(s.Text)
		for p := s.Start; p < s.End; p++ {
			var want []int64
			for _, sp := range spans {
				if sp.Start <= p && p < sp.End {
					want = append(want, sp.ID)
				}
			}
			slices.Sort(want)
			want = slices.Compact(want)
			if !slices.Equal(s.IDs, want) || (len(want) == 0 && s.IDs != nil) {
				t.Fatalf("segment %d at rune %d: IDs %v, want %v", i, p, s.IDs, want)
			}
		}
		if i > 0 && slices.Equal(segs[i-1].IDs, s.IDs) {
			t.Fatalf("segments %d and %d have the same IDs %v and were not merged", i-1, i, s.IDs)
		}
		pos = s.End
	}
	if pos != len(runes) {
		t.Fatalf("segments end at %d, text has %d runes", pos, len(runes))
	}
	if joined.String() != text {
		t.Fatalf("segments do not join back to the text")
	}
}

func FuzzSegments(f *testing.F) {
	f.Add("abcdefgh", []byte{1, 5, 1, 3, 7, 2})
	f.Add("خسرت ٥٩٣ مليار", []byte{5, 8, 1, 5, 14, 2, 0, 200, 3})
	f.Add("", []byte{0, 1, 1})
	f.Add("x\xffy", []byte{0, 2, 1, 1, 3, 1})
	f.Fuzz(func(t *testing.T, text string, spec []byte) {
		// Three bytes a span; offsets may run past the text or be reversed
		// (signed, to reach negative starts too).
		var spans []Span
		for i := 0; i+2 < len(spec) && len(spans) < 64; i += 3 {
			spans = append(spans, Span{Start: int(int8(spec[i])), End: int(spec[i+1]), ID: int64(spec[i+2] % 8)})
		}
		checkSegments(t, text, spans, Segments(text, spans))
	})
}

func FuzzAnchorQuote(f *testing.F) {
	f.Add("فقدت نحو 900 مليار دولار من قيمتها", "نحو ٩٠٠ مليار", -1, 2, 9)
	f.Add("«جرس إنذار» و\"جرس  إنذار\"", "“جرس\nإنذار”", 20, 0, 5)
	f.Add("الشركـــة أعلنت", "الشركة", 0, 3, 8)
	f.Add("aaaa", "aa", 2, 1, 3)
	f.Add("a \u200f b", "a b", -1, 0, 5)
	f.Fuzz(func(t *testing.T, text, quote string, hint, i, j int) {
		if !utf8.ValidString(text) {
			t.Skip("article text is always valid UTF-8 (TextFromUpload refuses the rest)")
		}
		runes := []rune(text)
		check := func(quote string, hint int) (Anchor, int, error) {
			a, occ, err := AnchorQuote(text, quote, hint)
			if err != nil {
				if !errors.Is(err, ErrQuoteNotFound) || occ != 0 {
					t.Fatalf("AnchorQuote(%q, %q): %d, %v", text, quote, occ, err)
				}
				return a, occ, err
			}
			if occ < 1 || a.Start < 0 || a.Start >= a.End || a.End > len(runes) {
				t.Fatalf("AnchorQuote(%q, %q) = %+v, %d occurrences", text, quote, a, occ)
			}
			if a.Exact != string(runes[a.Start:a.End]) {
				t.Fatalf("Exact %q is not the text at [%d,%d)", a.Exact, a.Start, a.End)
			}
			at, err := AnchorAt(text, a.Start, a.End)
			if err != nil {
				t.Fatalf("AnchorAt on a found quote: %v", err)
			}
			if diff := cmp.Diff(a, at); diff != "" {
				t.Fatalf("AnchorQuote and AnchorAt disagree (-quote +at):\n%s", diff)
			}
			if loc, ok := a.Locate(text); !ok || loc != a {
				t.Fatalf("Locate on the unchanged text moved the anchor: %+v -> %+v, %v", a, loc, ok)
			}
			// Re-found after a prefix is inserted: at the shifted place, or
			// (in periodic text) at one whose context matches as fully.
			moved := "x\n" + text
			loc, ok := a.Locate(moved)
			if !ok || loc.Exact != a.Exact || !strings.HasSuffix(loc.Prefix, a.Prefix) || !strings.HasPrefix(loc.Suffix, a.Suffix) {
				t.Fatalf("Locate after a 2-rune insert: %+v -> %+v, %v", a, loc, ok)
			}
			if at, err := AnchorAt(moved, loc.Start, loc.End); err != nil || at != loc {
				t.Fatalf("Locate returned an inconsistent anchor %+v (AnchorAt: %+v, %v)", loc, at, err)
			}
			return a, occ, nil
		}
		check(quote, hint)
		// Any non-blank piece of the text must be found.
		if len(runes) == 0 {
			return
		}
		i, j = abs(i)%len(runes), abs(j)%(len(runes)+1)
		if i > j {
			i, j = j, i
		}
		piece := string(runes[i:j])
		if _, _, err := check(piece, i); err != nil && foldedNonBlank(piece) {
			t.Fatalf("piece %q of %q not found: %v", piece, text, err)
		}
	})
}

func abs(x int) int {
	if x < 0 {
		if x == -x { // math.MinInt
			return 0
		}
		return -x
	}
	return x
}

// foldedNonBlank: the piece has something left after folding away
// whitespace and ignorable characters.
func foldedNonBlank(s string) bool {
	return len(trimSpaceUnits(foldUnits(s))) > 0
}

func ExampleSegments() {
	text := "خسرت نحو ٥٩٣ مليار دولار"
	for _, s := range Segments(text, []Span{{Start: 5, End: 24, ID: 1}, {Start: 9, End: 12, ID: 2}}) {
		fmt.Printf("%q %v\n", s.Text, s.IDs)
	}
	// Output:
	// "خسرت " []
	// "نحو " [1]
	// "٥٩٣" [1 2]
	// " مليار دولار" [1]
}
