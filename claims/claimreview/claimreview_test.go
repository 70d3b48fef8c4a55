package claimreview_test

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"

	"github.com/factdesk/factdesk/claims/claimreview"
)

// readAll decodes everything and returns the records, the problems and the
// fatal problem, if any.
func readAll(t *testing.T, d *claimreview.Decoder) (recs []claimreview.Record, probs []*claimreview.Problem, fatal *claimreview.Problem) {
	t.Helper()
	for i := 0; i < 100000; i++ {
		r, err := d.Next()
		if err == io.EOF {
			return
		}
		var p *claimreview.Problem
		if errors.As(err, &p) {
			if p.Fatal {
				fatal = p
				if _, again := d.Next(); again != err {
					t.Errorf("Next after a fatal problem = %v; want the same problem again", again)
				}
				return
			}
			probs = append(probs, p)
			continue
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		recs = append(recs, r)
	}
	t.Fatal("Next never returned io.EOF")
	return
}

func decode(t *testing.T, in string) ([]claimreview.Record, []*claimreview.Problem, *claimreview.Problem) {
	t.Helper()
	return readAll(t, claimreview.NewDecoder(strings.NewReader(in)))
}

func f(v float64) *float64 { return &v }

// A review we wrote for the tests: a Claim with a Person as claimant, an
// appearance, a numeric rating and a language.
const oneReview = `{
  "@context": "https://schema.org",
  "@type": "ClaimReview",
  "url": "https://checks.example.org/2025/01/chip-cost",
  "name": "No, the model did not cost only $6 million",
  "inLanguage": "en-GB",
  "datePublished": "2025-01-30T09:00:00+03:00",
  "claimReviewed": "Training the model cost   just\n $6 million.",
  "author": {"@type": "Organization", "name": "Example Checks", "url": "https://www.checks.example.org/"},
  "itemReviewed": {
    "@type": "Claim",
    "author": {"@type": "Person", "name": "A. Spokesperson"},
    "appearance": {"@type": "NewsArticle", "url": "https://news.example.com/a1", "datePublished": "2025-01-27"}
  },
  "reviewRating": {"@type": "Rating", "ratingValue": "2", "bestRating": 5, "worstRating": 1, "alternateName": "Mostly false"}
}`

func TestSingleObject(t *testing.T) {
	recs, probs, fatal := decode(t, oneReview)
	if fatal != nil || len(probs) != 0 || len(recs) != 1 {
		t.Fatalf("records %d, problems %v, fatal %v", len(recs), probs, fatal)
	}
	r := recs[0]
	got := []string{r.ClaimText, r.Claimant, r.ClaimDate.Day, r.PublisherName, r.PublisherSite, r.ReviewURL, r.ReviewTitle,
		r.Rating.Text, r.Lang, r.ReviewDate.Day, r.ReviewDate.Text}
	want := []string{"Training the model cost just $6 million.", "A. Spokesperson", "2025-01-27", "Example Checks", "checks.example.org",
		"https://checks.example.org/2025/01/chip-cost", "No, the model did not cost only $6 million", "Mostly false", "en", "2025-01-30",
		"2025-01-30T09:00:00+03:00"}
	if d := cmp.Diff(got, want); d != "" {
		t.Errorf("fields (-got +want):\n%s", d)
	}
	if d := cmp.Diff([]*float64{r.Rating.Value, r.Rating.Best, r.Rating.Worst}, []*float64{f(2), f(5), f(1)}); d != "" {
		t.Errorf("rating numbers (-got +want):\n%s", d)
	}
	if len(r.Notes) != 0 {
		t.Errorf("notes = %v; want none", r.Notes)
	}
	if !strings.Contains(string(r.Raw), `"claimReviewed":"Training the model cost   just\n $6 million."`) {
		t.Errorf("raw record not kept as published: %s", r.Raw)
	}
}

func TestArrayStreamsAndReportsPositions(t *testing.T) {
	in := `[
 {"@type": "ClaimReview", "claimReviewed": "First", "url": "https://a.example/1", "reviewRating": {"alternateName": "False"}},
 {"@type": "ClaimReview", "url": "https://a.example/2", "reviewRating": {"alternateName": "True"}},
 42,
 {"@type": "NewsArticle", "headline": "not a review"},
 [1, 2],
 {"@type": ["Review", "ClaimReview"], "claimReviewed": "Fifth", "reviewRating": {"alternateName": "Satire"}}
]`
	recs, probs, fatal := decode(t, in)
	if fatal != nil {
		t.Fatal(fatal)
	}
	if len(recs) != 2 || recs[0].ClaimText != "First" || recs[1].ClaimText != "Fifth" || recs[1].Pos.Item != 6 {
		t.Fatalf("records = %+v", recs)
	}
	type pr struct {
		Item   int
		Reason claimreview.Reason
	}
	var got []pr
	for _, p := range probs {
		got = append(got, pr{p.Pos.Item, p.Reason})
		if p.Pos.Offset <= 0 || int(p.Pos.Offset) >= len(in) {
			t.Errorf("problem %v has no byte offset", p)
		}
	}
	want := []pr{{2, claimreview.ReasonMissingClaim}, {3, claimreview.ReasonNotObject}, {4, claimreview.ReasonNotClaimReview}, {5, claimreview.ReasonNotObject}}
	if d := cmp.Diff(got, want); d != "" {
		t.Errorf("problems (-got +want):\n%s", d)
	}
	if off := probs[0].Pos.Offset; !strings.HasPrefix(in[off:], `{"@type": "ClaimReview", "url": "https://a.example/2"`) {
		t.Errorf("offset %d points at %.30q", off, in[off:])
	}
	if !strings.Contains(probs[2].Error(), "NewsArticle") {
		t.Errorf("the detail should name the type found: %v", probs[2])
	}
	if recs[1].Notes == nil || recs[1].Notes[0] != claimreview.NoteNoURL {
		t.Errorf("a review without URL is kept with a note: %v", recs[1].Notes)
	}
}

// An array is decoded element by element: the first record comes back
// before the reader has been read to the end.
func TestArrayIsStreamed(t *testing.T) {
	const n = 20000
	item := `{"@type":"ClaimReview","claimReviewed":"Claim %d","url":"https://a.example/x","reviewRating":{"alternateName":"False"}},`
	r := &countingReader{r: io.MultiReader(strings.NewReader("["), strings.NewReader(strings.Repeat(item, n)), strings.NewReader(`{"@type":"ClaimReview","claimReviewed":"last"}]`))}
	total := int64(1 + len(item)*n + 47)
	d := claimreview.NewDecoder(r)
	if _, err := d.Next(); err != nil {
		t.Fatal(err)
	}
	if r.n > total/10 {
		t.Errorf("read %d of %d bytes for the first record; want a streaming read", r.n, total)
	}
	recs, _, fatal := readAll(t, d)
	if fatal != nil || len(recs) != n {
		t.Errorf("records = %d (+1 read first), fatal %v", len(recs), fatal)
	}
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func TestGraphResolvesReferences(t *testing.T) {
	in := `{"@context": "https://schema.org", "@graph": [
  {"@type": "WebPage", "@id": "https://desk.example/p#page"},
  {"@type": "Organization", "@id": "https://desk.example/#org", "name": "مرصد التحقق", "url": "https://desk.example"},
  {"@type": "ClaimReview", "claimReviewed": "ادعاء أول", "author": {"@id": "https://desk.example/#org"},
   "reviewRating": {"@type": "Rating", "alternateName": "زائف", "ratingValue": 1}, "url": "https://desk.example/p", "datePublished": "٢٠٢٤-٠٥-٠٣"},
  {"@type": "ClaimReview", "author": {"@id": "https://desk.example/#org"}}
]}`
	recs, probs, fatal := decode(t, in)
	if fatal != nil || len(recs) != 1 || len(probs) != 1 {
		t.Fatalf("records %+v, problems %v, fatal %v", recs, probs, fatal)
	}
	r := recs[0]
	if r.PublisherName != "مرصد التحقق" || r.PublisherSite != "desk.example" || r.Pos.Graph != 3 || r.ReviewDate.Day != "2024-05-03" {
		t.Errorf("graph record = %+v", r)
	}
	if p := probs[0]; p.Pos.Graph != 4 || p.Reason != claimreview.ReasonMissingClaim {
		t.Errorf("problem = %v", p)
	}
	// A @graph with no ClaimReview at all says so.
	_, probs, _ = decode(t, `{"@graph": [{"@type": "WebPage"}]}`)
	if len(probs) != 1 || probs[0].Reason != claimreview.ReasonNotClaimReview {
		t.Errorf("graph without reviews: %v", probs)
	}
}

// Byte offsets count from the start of the file, byte order mark and
// leading white space included.
func TestOffsetsFromFileStart(t *testing.T) {
	in := "\ufeff\n  [{\"@type\":\"ClaimReview\"}, {\"@type\":\"ClaimReview\", oops}]"
	_, probs, fatal := decode(t, in)
	if len(probs) != 1 || probs[0].Pos.Offset != int64(strings.Index(in, "{")) {
		t.Errorf("first problem %v; want offset %d", probs, strings.Index(in, "{"))
	}
	// encoding/json reports a syntax error a byte or so before the bad token.
	if oops := int64(strings.Index(in, "oops")); fatal == nil || fatal.Pos.Offset < oops-2 || fatal.Pos.Offset > oops+1 {
		t.Errorf("fatal %v; want about the offset of oops (%d)", fatal, oops)
	}
}

func TestJSONLines(t *testing.T) {
	in := "{\"@type\":\"ClaimReview\",\"claimReviewed\":\"one\",\"reviewRating\":{\"alternateName\":\"False\"}}\n" +
		"{\"@type\":\"ClaimReview\",\"claimReviewed\":\"two\"\n" +
		"\n" +
		"{\"text\":\"three\",\"claimReview\":[{\"publisher\":{\"name\":\"X\",\"site\":\"x.example\"},\"url\":\"https://x.example/3\",\"textualRating\":\"Misleading\",\"languageCode\":\"en\"}]}\r\n" +
		"[\"not\", \"records\"]\n"
	recs, probs, fatal := decode(t, in)
	if fatal != nil {
		t.Fatal(fatal)
	}
	if len(recs) != 2 || recs[0].Pos.Line != 1 || recs[1].Pos.Line != 4 || recs[1].Rating.Text != "Misleading" {
		t.Fatalf("records = %+v", recs)
	}
	if len(probs) != 3 || probs[0].Pos.Line != 2 || probs[0].Reason != claimreview.ReasonMalformed || probs[0].Detail == "" {
		t.Fatalf("problems = %v", probs)
	}
	if probs[1].Pos.Line != 5 || probs[1].Pos.Item != 1 || probs[1].Reason != claimreview.ReasonNotObject {
		t.Errorf("array on a line: %v", probs[1])
	}
	if got := probs[0].Pos.String(); got != "line 2" {
		t.Errorf("position = %q", got)
	}
}

func TestFactCheckAPIShape(t *testing.T) {
	in := `{"claims": [
  {"text": "ادعاء بمراجعتين", "claimant": "x.com", "claimDate": "2025-04-28T19:23:46Z", "claimReview": [
    {"publisher": {"name": "مسبار", "site": "www.misbar.com"}, "url": "https://misbar.com/a", "title": "عنوان", "reviewDate": "2025-04-29T10:00:00Z", "textualRating": "مضلل", "languageCode": "ar"},
    {"publisher": {"name": "Other"}, "url": "javascript:alert(1)", "textualRating": "False", "languageCode": "en-US", "reviewDate": "sometime"}]},
  {"text": "بلا مراجعة", "claimReview": []},
  {"claimReview": [{"url": "https://x.example"}]}
], "nextPageToken": "abc"}`
	recs, probs, fatal := decode(t, in)
	if fatal != nil || len(recs) != 2 || len(probs) != 2 {
		t.Fatalf("records %+v, problems %v, fatal %v", recs, probs, fatal)
	}
	a, b := recs[0], recs[1]
	if a.ClaimText != "ادعاء بمراجعتين" || a.Claimant != "x.com" || a.ClaimDate.Day != "2025-04-28" || a.PublisherSite != "misbar.com" ||
		a.Rating.Text != "مضلل" || a.Lang != "ar" || a.Pos.Item != 1 || a.Pos.Review != 1 || a.ReviewTitle != "عنوان" {
		t.Errorf("first review = %+v", a)
	}
	if b.ReviewURL != "" || b.Lang != "en" || b.Pos.Review != 2 || b.ReviewDate.Text != "sometime" || b.ReviewDate.Day != "" {
		t.Errorf("second review = %+v", b)
	}
	if d := cmp.Diff(b.Notes, []claimreview.Reason{claimreview.NoteURLDropped, claimreview.NoteDateUnparsed}); d != "" {
		t.Errorf("notes (-got +want):\n%s", d)
	}
	if probs[0].Reason != claimreview.ReasonNoReview || probs[0].Pos.Item != 2 || probs[1].Reason != claimreview.ReasonMissingClaim || probs[1].Pos.Item != 3 {
		t.Errorf("problems = %v", probs)
	}
}

func TestPageWithScriptBlocks(t *testing.T) {
	in := `<!DOCTYPE html><html><head>
<script type="application/ld+json">{"@type":"WebSite","name":"x"}</script>
<script>var notJSONLD = {"claimReviewed": "ignored"};</script>
<script type="Application/LD+JSON; charset=utf-8">
[{"@type":"ClaimReview","claimReviewed":"in a page","reviewRating":{"alternateName":"True"},"url":"https://p.example/1"}]
</script>
<script type="application/ld+json">{"@type": "ClaimReview", "claimReviewed": </script>
</head><body><p>text</p></body></html>`
	recs, probs, fatal := decode(t, in)
	if fatal != nil || len(recs) != 1 || recs[0].ClaimText != "in a page" || recs[0].Pos.Block != 2 || recs[0].Pos.Item != 1 {
		t.Fatalf("records %+v, fatal %v", recs, fatal)
	}
	// The WebSite block is the page's own context, not a refused record.
	if len(probs) != 1 || probs[0].Reason != claimreview.ReasonMalformed || probs[0].Pos.Block != 3 {
		t.Errorf("problems = %v", probs)
	}
	// A page whose JSON-LD holds no ClaimReview is refused as a whole.
	recs, probs, fatal = decode(t, `<script type="application/ld+json">{"@type":"WebSite"}</script><script type="application/ld+json">[{"@type":"Organization"},{"@type":"BreadcrumbList"}]</script>`)
	if len(recs) != 0 || len(probs) != 0 || fatal == nil || fatal.Reason != claimreview.ReasonNotClaimReview || !strings.Contains(fatal.Detail, "2 JSON-LD block(s) holding 3 other") {
		t.Errorf("page without ClaimReview: %v %v", probs, fatal)
	}
	// A page without any JSON-LD is the wrong kind of file.
	_, _, fatal = decode(t, "<html><body>Hello</body></html>")
	if fatal == nil || fatal.Reason != claimreview.ReasonWrongKind {
		t.Errorf("page without JSON-LD: %v", fatal)
	}
}

func TestFatalInput(t *testing.T) {
	tests := []struct {
		name, in string
		want     claimreview.Reason
		recs     int
	}{
		{"empty", "  \n\t ", claimreview.ReasonEmpty, 0},
		{"csv", "statement,claimant\nThe sky is green,Someone\n", claimreview.ReasonWrongKind, 0},
		{"binary", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", claimreview.ReasonWrongKind, 0},
		{"latin-1", "{\"claimReviewed\": \"caf\xe9\"}", claimreview.ReasonWrongKind, 0},
		{"truncated array", `[{"@type":"ClaimReview","claimReviewed":"kept","reviewRating":{"alternateName":"False"}}, {"@type":"ClaimRev`, claimreview.ReasonMalformed, 1},
		{"broken array", `[{"@type":"ClaimReview","claimReviewed":"kept"} {"x":1}]`, claimreview.ReasonMalformed, 1},
		{"broken document", "{\n \"@type\": \"ClaimReview\",\n \"claimReviewed\": \"x\" oops\n}", claimreview.ReasonMalformed, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, _, fatal := decode(t, tt.in)
			if fatal == nil || fatal.Reason != tt.want || len(recs) != tt.recs {
				t.Fatalf("fatal = %v, records %d; want %s after %d records", fatal, len(recs), tt.want, tt.recs)
			}
			if tt.want == claimreview.ReasonMalformed && fatal.Pos.Offset == 0 && fatal.Detail == "" {
				t.Errorf("malformed JSON without a position or detail: %v", fatal)
			}
		})
	}
}

// Past the limit, every format stops with ReasonTooLarge, even when the
// reader hands out one byte at a time.
func TestTooLarge(t *testing.T) {
	rec := `{"@type":"ClaimReview","claimReviewed":"a claim that fills the file","reviewRating":{"alternateName":"False"}}`
	inputs := map[string]string{
		"array":    "[" + strings.Repeat(rec+",", 50) + rec + "]",
		"lines":    strings.Repeat(rec+"\n", 50),
		"document": "{\n\"@graph\": [" + strings.Repeat(rec+",", 50) + rec + "]}",
		"page":     strings.Repeat(`<script type="application/ld+json">`+rec+"</script>\n", 50),
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			d := claimreview.NewDecoderLimit(iotest.OneByteReader(strings.NewReader(in)), 1000)
			_, _, fatal := readAll(t, d)
			if fatal == nil || fatal.Reason != claimreview.ReasonTooLarge || !strings.Contains(fatal.Detail, "1000 bytes") {
				t.Fatalf("fatal = %v; want too_large naming the limit", fatal)
			}
			// Within the limit the same input reads fine.
			recs, probs, fatal := readAll(t, claimreview.NewDecoderLimit(strings.NewReader(in), int64(len(in))))
			if fatal != nil || len(probs) != 0 || len(recs) < 50 {
				t.Errorf("at exactly the limit: %d records, %v, %v", len(recs), probs, fatal)
			}
		})
	}
	if claimreview.MaxBytes != 50<<20 {
		t.Errorf("MaxBytes = %d; the documented limit is 50 MB", claimreview.MaxBytes)
	}
}

func TestOddRatings(t *testing.T) {
	tests := []struct {
		name   string
		rating string
		text   string
		value  *float64
		notes  []claimreview.Reason
	}{
		{"text only", `{"alternateName": "Pants on Fire"}`, "Pants on Fire", nil, nil},
		{"name instead of alternateName", `{"name": "Half True"}`, "Half True", nil, nil},
		{"textual ratingValue", `{"ratingValue": "False"}`, "False", nil, nil},
		{"numbers only", `{"ratingValue": 4, "bestRating": 5}`, "", f(4), nil},
		{"kept as published", `{"ratingValue": 1, "bestRating": 6, "alternateName": "True"}`, "True", f(1), nil},
		{"out of range", `{"ratingValue": 7, "bestRating": 5, "worstRating": 1, "alternateName": "Odd"}`, "Odd", f(7), []claimreview.Reason{claimreview.NoteRatingOutOfRange}},
		{"best not a number", `{"ratingValue": 2, "bestRating": "five", "alternateName": "Meh"}`, "Meh", f(2), []claimreview.Reason{claimreview.NoteRatingNotNumber}},
		{"decimal comma", `{"ratingValue": "2,5", "alternateName": "Half"}`, "Half", f(2.5), nil},
		{"empty rating", `{}`, "", nil, []claimreview.Reason{claimreview.NoteNoRating}},
		{"no rating", ``, "", nil, []claimreview.Reason{claimreview.NoteNoRating}},
		{"array of ratings", `[{"alternateName": "First"}, {"alternateName": "Second"}]`, "First", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := `{"@type":"ClaimReview","claimReviewed":"c","url":"https://r.example/1"`
			if tt.rating != "" {
				in += `,"reviewRating":` + tt.rating
			}
			recs, probs, fatal := decode(t, in+"}")
			if fatal != nil || len(probs) != 0 || len(recs) != 1 {
				t.Fatalf("%v %v %v", recs, probs, fatal)
			}
			r := recs[0]
			if r.Rating.Text != tt.text || !cmp.Equal(r.Rating.Value, tt.value) {
				t.Errorf("rating = %q %v; want %q %v", r.Rating.Text, r.Rating.Value, tt.text, tt.value)
			}
			if d := cmp.Diff(r.Notes, tt.notes); d != "" {
				t.Errorf("notes (-got +want):\n%s", d)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2025-04-28T19:23:46Z", "2025-04-28"},
		{"2019-07-03T23:30:00-05:00", "2019-07-03"}, // the day as written, not moved to UTC
		{"2019-07-03T00:00:00", "2019-07-03"},
		{"2019-07-03T00:00:00.000Z", "2019-07-03"},
		{"2019-07-03 10:00:00", "2019-07-03"},
		{"2019-07-03", "2019-07-03"},
		{"2019-7-3", "2019-07-03"},
		{"2019/07/03", "2019-07-03"},
		{"July 3, 2019", "2019-07-03"},
		{"Jul 3 2019", "2019-07-03"},
		{"3 July 2019", "2019-07-03"},
		{"Wednesday, July 3rd, 2019", "2019-07-03"},
		{"٢٠١٩-٠٧-٠٣", "2019-07-03"},
		{"٣ تموز ٢٠١٩", "2019-07-03"},
		{"3 يوليو 2019", "2019-07-03"},
		{"Wed, 03 Jul 2019 10:00:00 +0000", "2019-07-03"},
		{"03/07/2019", ""}, // day-month or month-day: not guessed
		{"July 2019", ""},  // not a day
		{"yesterday", ""},
		{"2019-13-45", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got := claimreview.ParseDate(tt.in)
		if got.Day != tt.want || got.Text != strings.TrimSpace(tt.in) {
			t.Errorf("ParseDate(%q) = %+v; want day %q and the text kept", tt.in, got, tt.want)
		}
	}
}

func TestURLsAndKeys(t *testing.T) {
	for _, bad := range []string{"javascript:alert(1)", "data:text/html,x", "ftp://x.example/a", "/relative", "https://", "https://x.example/a b"} {
		if got := claimreview.HTTPURL(bad); got != "" {
			t.Errorf("HTTPURL(%q) = %q; want refused", bad, got)
		}
	}
	same := []string{
		"https://www.Misbar.com/factcheck/2025/%d8%a7/?utm_source=x#top",
		"http://misbar.com/factcheck/2025/%D8%A7",
		"https://misbar.com:443/factcheck/2025/ا/",
	}
	want := claimreview.NormalizeURL(same[0])
	for _, u := range same[1:] {
		if got := claimreview.NormalizeURL(u); got != want {
			t.Errorf("NormalizeURL(%q) = %q; want %q", u, got, want)
		}
	}
	a := claimreview.Record{ReviewURL: same[0], ClaimText: "Nvidia lost  $900 billion"}
	b := claimreview.Record{ReviewURL: same[1], ClaimText: "nvidia lost $900 BILLION"}
	c := claimreview.Record{ReviewURL: same[1], ClaimText: "Nvidia lost $593 billion"}
	d := claimreview.Record{PublisherSite: "misbar.com", ClaimText: "Nvidia lost $900 billion"}
	if a.Key() != b.Key() || a.Key() == c.Key() || a.Key() == d.Key() {
		t.Errorf("keys: a=%s b=%s c=%s d=%s", a.Key(), b.Key(), c.Key(), d.Key())
	}
	if e := (claimreview.Record{ReviewURL: "https://x.example/a", ClaimText: "٩٠٠ مليار"}); e.Key() != (claimreview.Record{ReviewURL: "https://x.example/a", ClaimText: "900 مليار"}).Key() {
		t.Error("digit script changes the key")
	}
}

func TestClaimTooLongAndPositionsInEnglish(t *testing.T) {
	long := strings.Repeat("ب", claimreview.MaxClaim+1)
	_, probs, _ := decode(t, `[{"@type":"ClaimReview","claimReviewed":"`+long+`"}]`)
	if len(probs) != 1 || probs[0].Reason != claimreview.ReasonClaimTooLong {
		t.Fatalf("problems = %v", probs)
	}
	if got := (claimreview.Position{Item: 5, Offset: 1234, Review: 2}).String(); got != "item 5 (byte 1234), review 2" {
		t.Errorf("position = %q", got)
	}
	if got := (claimreview.Position{Block: 2, Graph: 3}).String(); got != "script block 2, @graph node 3" {
		t.Errorf("position = %q", got)
	}
	for _, r := range claimreview.Reasons {
		if r.Message() == string(r) {
			t.Errorf("reason %s has no message", r)
		}
	}
}
