package articletext

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// findUp walks up from the package directory looking for rel (e.g.
// "shared/seed"), so tests find the shared data wherever the checkout is.
func findUp(t *testing.T, rel string) (string, bool) {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		p := filepath.Join(dir, rel)
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			return p, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// seedArticle returns the normalised seed article, skipping the test when
// the shared data is not checked out next to the project.
func seedArticle(t *testing.T) string {
	t.Helper()
	dir, ok := findUp(t, filepath.Join("shared", "seed"))
	if !ok {
		t.Skip("shared/seed not found above the package directory; seed-article tests need the shared data")
	}
	f, err := os.Open(filepath.Join(dir, "000_2a21b99e2cb2267b.txt"))
	if err != nil {
		t.Skipf("seed article missing: %v", err)
	}
	defer f.Close()
	text, err := TextFromUpload(f, FormatText)
	if err != nil {
		t.Fatalf("TextFromUpload(seed): %v", err)
	}
	return NormalizeArticleText(text)
}

func readSample(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "articles", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestTextFormatFromName(t *testing.T) {
	tests := []struct {
		name   string
		want   Format
		wantOK bool
	}{
		{"article.txt", FormatText, true},
		{"ARTICLE.TEXT", FormatText, true},
		{"notes.md", FormatMarkdown, true},
		{"notes.Markdown", FormatMarkdown, true},
		{"page.html", FormatHTML, true},
		{"dir.v2/page.HTM", FormatHTML, true},
		{"scan.pdf", "", false},
		{"noext", "", false},
		{"archive.html.gz", "", false},
	}
	for _, tt := range tests {
		got, ok := FormatFromName(tt.name)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("FormatFromName(%q) = %q, %v; want %q, %v", tt.name, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestTextFromUpload(t *testing.T) {
	big := strings.Repeat("a", MaxArticleBytes+1)
	exact := strings.Repeat("ب", MaxArticleBytes/2) // exactly 2 MB of 2-byte letters
	tests := []struct {
		name    string
		in      string
		format  Format
		want    string
		wantErr error
	}{
		{"plain text kept as is", "Line one  \r\nLine two\n", FormatText, "Line one  \r\nLine two\n", nil},
		{"markdown kept as written", "# عنوان\n\n**900** مليار", FormatMarkdown, "# عنوان\n\n**900** مليار", nil},
		{"html reduced", "<p>one</p><script>x()</script><p>two &amp; three</p>", FormatHTML, "one\n\ntwo & three", nil},
		{"exactly the limit", exact, FormatText, exact, nil},
		{"png header", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", FormatText, "", ErrNotText},
		{"png header without NUL", "\x89PNG\r\n\x1a\nabc", FormatText, "", ErrNotText},
		{"NUL byte", "hello\x00world", FormatText, "", ErrNotText},
		{"NUL byte after the sniffed prefix", strings.Repeat("x", 1000) + "\x00", FormatMarkdown, "", ErrNotText},
		{"invalid UTF-8", "caf\xe9 au lait", FormatText, "", ErrNotText},
		{"windows-1256 Arabic", "\xc7\xe1\xd5\xdf\xe4", FormatHTML, "", ErrNotText},
		{"pdf", "%PDF-1.7\n1 0 obj", FormatText, "", ErrNotText},
		{"2MB+1", big, FormatText, "", ErrTooLarge},
		{"empty", "", FormatText, "", ErrEmptyText},
		{"blank", " \n\t\n", FormatText, "", ErrEmptyText},
		{"html with only furniture", "<nav>Home</nav><script>x</script>", FormatHTML, "", ErrEmptyText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := TextFromUpload(strings.NewReader(tt.in), tt.format)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("text = %q, want %q", trunc(got), trunc(tt.want))
			}
		})
	}
	if _, err := TextFromUpload(strings.NewReader("x"), "pdf"); err == nil {
		t.Error("unknown format accepted")
	}
}

// TestTextFromUploadReadsBounded checks an endless upload is cut off rather
// than read to exhaustion.
func TestTextFromUploadReadsBounded(t *testing.T) {
	r := &countingReader{}
	if _, err := TextFromUpload(r, FormatText); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if r.n > MaxArticleBytes+1+64<<10 {
		t.Errorf("read %d bytes, want about %d", r.n, MaxArticleBytes+1)
	}
}

type countingReader struct{ n int }

func (r *countingReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	r.n += len(p)
	return len(p), nil
}

func trunc(s string) string {
	if len(s) > 60 {
		return s[:60] + "..."
	}
	return s
}

func TestReadableTextArabicPage(t *testing.T) {
	got, hints, err := ReadableText(bytes.NewReader(readSample(t, "sample-news.html")))
	if err != nil {
		t.Fatal(err)
	}
	wantHints := HTMLHints{
		Title:     "ديب سيك تهز أسواق التكنولوجيا | صحيفة المرصد",
		Author:    "سارة المنصوري",
		Published: "2025-01-28T09:15:00+02:00",
		URL:       "https://almarsad.example/tech/2025/01/28/deepseek-shock",
		Lang:      "ar",
	}
	if diff := cmp.Diff(hints, wantHints); diff != "" {
		t.Errorf("hints (-got +want):\n%s", diff)
	}
	for _, gone := range []string{
		"Share this article", "تم نسخ الرابط", "نسخ الرابط", // share widgets in footer and aside
		"الرئيسية", "اقتصاد", // nav
		"dataLayer", "سكربت التتبع", "NewsArticle", // scripts
		"font-family", "نص داخل الأنماط", // style
		"ابحث في الموقع",                    // form in the site header (its button is covered by the paragraph list below)
		"الثلاثاء 28 يناير", "صحيفة المرصد", // site header, site footer
		"عاجل", "التغطية المباشرة", // role=navigation
		"اقرأ أيضا", "كيف تعمل", "الأكثر قراءة", // asides, with a teaser <article>
		"إعلان", "اشترك", "بكسل", "تعليق جديد", "أيقونة", // aria-hidden, hidden, noscript, template, svg
		"الوسوم", // article footer
	} {
		if strings.Contains(got, gone) {
			t.Errorf("readable text still contains %q", gone)
		}
	}
	wantParas := []string{
		"تكنولوجيا",
		"ديب سيك تهز أسواق التكنولوجيا: خسائر بمئات المليارات في يوم واحد",
		"كتبت: سارة المنصوري — 28 يناير 2025",
		"رقائق ذكاء اصطناعي في معرض تقني (أرشيفية)",
		`شهدت أسواق المال يوم الاثنين هبوطا حادا في أسهم شركات التكنولوجيا، بعدما خسرت شركة "إنفيديا" الأمريكية نحو ٥٩٣ مليار دولار من قيمتها السوقية، وهي أكبر خسارة تسجلها شركة واحدة في جلسة تداول.`,
		"وجاء التراجع بعد أن تصدّر تطبيق «ديب سيك» الصيني قائمة التطبيقات المجانية في متجر أبل بالولايات المتحدة، متقدما على تطبيقات أمريكية منافسة.",
		"تكلفة منخفضة",
		"وتقول الشركة إن تدريب نموذجها كلّف أقل من 6 ملايين دولار، باستخدام رقائق «إتش 800» الأقل تطورا، وهو رقم يشكك فيه خبراء لأنه لا يشمل تكاليف البحث السابقة.",
		"ويرى محللون أن الرقم يخص جولة التدريب الأخيرة فقط.",
		`"نأمل أن يكون ذلك جرس إنذار لصناعاتنا"، قال الرئيس الأمريكي دونالد ترامب.`,
		"تأسست الشركة عام 2023 في مدينة هانغتشو.",
		"يقودها ليانغ وينفينغ، الشريك المؤسس لصندوق «هاي فلاير».",
		"الشركة التغير",
		"إنفيديا -17%",
	}
	if diff := cmp.Diff(strings.Split(got, "\n\n"), wantParas); diff != "" {
		t.Errorf("paragraphs (-got +want):\n%s", diff)
	}
	if lang := DetectLanguage(got); lang != "ar" {
		t.Errorf("DetectLanguage = %q, want ar", lang)
	}
}

func TestReadableTextEnglishPage(t *testing.T) {
	got, hints, err := ReadableText(bytes.NewReader(readSample(t, "sample-news-en.html")))
	if err != nil {
		t.Fatal(err)
	}
	wantHints := HTMLHints{
		Title:     "Chip stocks slide as DeepSeek app tops download charts - The Ledger",
		Author:    "Tom Hale",
		Published: "2025-01-27T21:40:00Z",
		URL:       "https://ledger.example/markets/deepseek-chip-slide",
		Lang:      "en-GB",
	}
	if diff := cmp.Diff(hints, wantHints); diff != "" {
		t.Errorf("hints (-got +want):\n%s", diff)
	}
	want := strings.Join([]string{
		"Chip stocks slide as DeepSeek app tops download charts",
		"Nvidia had its worst day in years as investors questioned how much AI hardware the industry really needs.",
		"Shares in Nvidia fell about 17% on Monday, wiping roughly $593bn off its market value – the biggest one-day loss for any company on record.",
		"The sell-off followed the rise of DeepSeek, a Chinese start-up whose free assistant app overtook rivals on Apple’s US App Store.",
		"“A wake-up call”",
		"President Donald Trump said the app should be “a wake-up call” for American industry.",
		"Nvidia   -17.0%\nBroadcom -17.4%", // <pre> keeps its lines
		"DeepSeek says training its model cost under $6m.",
		"Analysts say that excludes earlier research.",
	}, "\n\n")
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("text (-got +want):\n%s", diff)
	}
	if lang := DetectLanguage(got); lang != "en" {
		t.Errorf("DetectLanguage = %q, want en", lang)
	}
}

func TestReadableTextCases(t *testing.T) {
	tests := []struct {
		name      string
		html      string
		want      string
		wantHints HTMLHints
	}{
		{
			name: "no article: body text, br splits paragraphs",
			html: "<body><div>one<br>two</div><div><span>three</span> <em>four</em></div></body>",
			want: "one\n\ntwo\n\nthree four",
		},
		{
			name: "main preferred over body",
			html: "<body><div>menu</div><main><p>story</p></main></body>",
			want: "story",
		},
		{
			name: "largest article wins over teaser",
			html: "<article><p>teaser</p></article><article><p>the long story text</p></article>",
			want: "the long story text",
		},
		{
			name: "inline elements join without extra spaces",
			html: "<p>ab<b>cd</b>ef <i>gh</i>\n\n  ij</p>",
			want: "abcdef gh ij",
		},
		{
			name: "entities and nbsp",
			html: "<p>&laquo;a&raquo;&nbsp;&amp;&#x645; b</p>",
			want: "«a» &م b",
		},
		{
			name: "hidden variants",
			html: `<p>keep</p><p hidden>h1</p><p aria-hidden="TRUE">h2</p><p style="display: none">h3</p><div role="complementary">h4</div>`,
			want: "keep",
		},
		{
			name:      "title falls back to first h1",
			html:      "<html lang=ar><h1> عنوان  الخبر </h1><p>x</p>",
			want:      "عنوان الخبر\n\nx",
			wantHints: HTMLHints{Title: "عنوان الخبر", Lang: "ar"},
		},
		{
			name:      "canonical when no og:url",
			html:      `<link rel="Canonical" href=" https://x.example/a "><p>x</p>`,
			want:      "x",
			wantHints: HTMLHints{URL: "https://x.example/a"},
		},
		{
			name: "table rows are paragraphs, cells spaced",
			html: "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>",
			want: "a b\n\nc",
		},
		{
			name:      "page header dropped, article header kept",
			html:      "<header>Site</header><article><header><h1>Head</h1></header><p>Body</p><footer>Share</footer></article>",
			want:      "Head\n\nBody",
			wantHints: HTMLHints{Title: "Head"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, hints, err := ReadableText(strings.NewReader(tt.html))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(got, tt.want); diff != "" {
				t.Errorf("text (-got +want):\n%s", diff)
			}
			if diff := cmp.Diff(hints, tt.wantHints); diff != "" {
				t.Errorf("hints (-got +want):\n%s", diff)
			}
		})
	}
}

func TestNormalizeArticleText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"crlf and cr", "a\r\nb\rc", "a\nb\nc"},
		{"bom", "\uFEFFنص\uFEFF", "نص"},
		{"trailing spaces", "a  \t\nb\u00a0\n", "a\nb"},
		{"three newlines collapse", "a\n\n\n\nb", "a\n\nb"},
		{"whitespace-only lines are blank", "a\n \n\t\n\nb", "a\n\nb"},
		{"trim", "\n\n  a\n\n", "a"},
		{"inner spaces kept", "a  b\n  indented", "a  b\n  indented"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		got := NormalizeArticleText(tt.in)
		if diff := cmp.Diff(got, tt.want); diff != "" {
			t.Errorf("%s: (-got +want):\n%s", tt.name, diff)
		}
		if again := NormalizeArticleText(got); again != got {
			t.Errorf("%s: not idempotent: %q -> %q", tt.name, got, again)
		}
	}
}

func TestTextHash(t *testing.T) {
	// sha256("") is well known.
	if got, want := TextHash(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"; got != want {
		t.Errorf("TextHash(\"\") = %s, want %s", got, want)
	}
	a := NormalizeArticleText("نص\r\nالخبر  \n")
	b := NormalizeArticleText("\uFEFFنص\nالخبر")
	if TextHash(a) != TextHash(b) {
		t.Error("the same text with different line endings hashes differently")
	}
}

func TestTextDetectLanguage(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"فقدت نحو 900 مليار دولار", "ar"},
		{"فقدت نحو ٩٠٠ مليار دولار", "ar"},
		{"Nvidia lost $593bn", "en"},
		{"", "en"},
		{"12345 !!!", "en"},
		// 3 Arabic letters of 10: exactly 30%.
		{"abcdefg منع", "ar"},
		// 3 of 11: under 30%.
		{"abcdefgh منع", "en"},
		// Mostly Arabic with Latin product names is still Arabic.
		{"أطلقت DeepSeek تطبيق ChatGPT المنافس", "ar"},
		{"ﻻ", "ar"}, // presentation form
	}
	for _, tt := range tests {
		if got := DetectLanguage(tt.in); got != tt.want {
			t.Errorf("DetectLanguage(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSeedArticleText(t *testing.T) {
	text := seedArticle(t)
	if got := DetectLanguage(text); got != "ar" {
		t.Errorf("DetectLanguage(seed) = %q, want ar", got)
	}
	if strings.Contains(text, "\n\n\n") || strings.Contains(text, "\r") {
		t.Error("seed not normalised")
	}
	if NormalizeArticleText(text) != text {
		t.Error("normalisation not idempotent on the seed")
	}
	if len(TextHash(text)) != 64 {
		t.Error("hash is not hex sha256")
	}
}

func FuzzReadableText(f *testing.F) {
	f.Add("<p>a</p><p>b</p>")
	f.Add("<html lang=ar><title>t</title><article><p>نص &amp; <b>عربي</b></p><pre>x\r\n\r\n\r\ny  </pre></article>")
	f.Add("<nav><article>x</article></nav><main><header>h</header><br><br></main>")
	f.Add("<table><tr><td>1<td>2<tr><td>3</table><svg><title>x</title></svg>")
	f.Add("\uFEFF<p>\u00a0\u2028x\u0085</p>")
	f.Fuzz(func(t *testing.T, doc string) {
		got, _, err := ReadableText(strings.NewReader(doc))
		if err != nil {
			// The parser refuses elements nested over 512 deep; nothing
			// else can fail when reading from a string.
			if strings.Count(doc, "<") > 512 {
				return
			}
			t.Fatalf("error on a string reader: %v", err)
		}
		if NormalizeArticleText(got) != got {
			t.Fatalf("output not normalised: %q", got)
		}
		if utf8.ValidString(doc) && !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8 out of valid UTF-8 in: %q", got)
		}
		if strings.Contains(got, "\n\n\n") {
			t.Fatalf("more than one blank line: %q", got)
		}
	})
}
