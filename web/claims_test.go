package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/i18n"
)

const articleAR = `خسرت إنفيديا أمس نحو 900 مليار دولار من قيمتها السوقية بعدما هبط سهمها بنحو 20 %.

وفي 20 يناير 2025 حضر ليانغ اجتماعاً مغلقاً. وقالت الشركة إن بناء نموذجها كلّف ما لا يتجاوز 6 ملايين دولار.`

func (c *client) upload(path string, fields map[string]string, filename, content string) page {
	c.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	w.WriteField("_csrf", c.csrf)
	fw, _ := w.CreateFormFile("file", filename)
	fw.Write([]byte(content))
	w.Close()
	req, _ := http.NewRequest("POST", c.base+path, &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return c.do(req)
}

func TestArticlePasteUploadAndDuplicate(t *testing.T) {
	t.Parallel()
	c := signedInReviewer(t)
	c.get("/articles/new")
	p := c.post("/articles", url.Values{"title": {"خسارة إنفيديا"}, "body": {articleAR}, "published_on": {"2025-01-28"}}, true)
	if !strings.HasPrefix(p.url, "/articles/") || p.status != 200 {
		t.Fatalf("paste: %s %d", p.url, p.status)
	}
	first := p.url
	if dir, _ := p.doc.Find("[data-testid=article-text]").Attr("dir"); dir != "rtl" {
		t.Errorf("article text dir = %q; want rtl (detected Arabic)", dir)
	}
	p = c.post("/articles", url.Values{"title": {"again"}, "body": {articleAR + "\n\n"}}, true)
	if p.url != first {
		t.Errorf("same text again landed on %s; want %s", p.url, first)
	}
	html := `<html><head><title>Nvidia's record loss</title><script>alert("x")</script><style>p{}</style></head>
<body><nav>Home | World</nav><article><h1>Nvidia's record loss</h1><p>Nvidia lost $593 billion in market value.</p><p>Shares fell 17%.</p></article>
<footer>Share this article</footer></body></html>`
	c.get("/articles/new")
	p = c.upload("/articles", map[string]string{"title": ""}, "news.html", html)
	if !strings.HasPrefix(p.url, "/articles/") || p.url == first {
		t.Fatalf("upload: %s %d %s", p.url, p.status, text(p, "[data-testid=form-error]"))
	}
	body := text(p, "[data-testid=article-text]")
	if !strings.Contains(body, "$593 billion") || strings.Contains(body, "alert") || strings.Contains(body, "Home | World") || strings.Contains(body, "Share this") {
		t.Errorf("uploaded text = %q", body)
	}
	if h1 := text(p, "h1"); h1 != "Nvidia's record loss" {
		t.Errorf("title from <title> = %q", h1)
	}
	// Bad input: not text, too large, bad URL; the form keeps its values.
	c.get("/articles/new")
	p = c.upload("/articles", map[string]string{"title": "PNG"}, "x.txt", "\x89PNG\r\n\x1a\n\x00\x00binary")
	if p.status != http.StatusUnprocessableEntity || text(p, "#err-file") == "" {
		t.Errorf("binary upload: %d %q", p.status, text(p, "#err-file"))
	}
	p = c.post("/articles", url.Values{"title": {"big"}, "body": {strings.Repeat("ab ", 1<<20)}}, true)
	if p.status != http.StatusUnprocessableEntity || !strings.Contains(text(p, "#err-body"), "2") {
		t.Errorf("oversized text: %d %q", p.status, text(p, "#err-body"))
	}
	p = c.post("/articles", url.Values{"title": {"x"}, "body": {"some text here"}, "url": {"javascript:alert(1)"}}, true)
	if p.status != http.StatusUnprocessableEntity || text(p, "#err-url") == "" {
		t.Errorf("javascript: URL: %d", p.status)
	}
	if v, _ := p.doc.Find("#f-title").Attr("value"); v != "x" {
		t.Errorf("title not kept: %q", v)
	}
}

func createArticle(t *testing.T, c *client) string {
	t.Helper()
	c.get("/articles/new")
	p := c.post("/articles", url.Values{"title": {"خسارة إنفيديا"}, "body": {articleAR}, "published_on": {"2025-01-28"}}, true)
	if !strings.HasPrefix(p.url, "/articles/") {
		t.Fatalf("create article: %s %d", p.url, p.status)
	}
	return p.url
}

func TestLogClaimPrefillAndNoJS(t *testing.T) {
	t.Parallel()
	c := signedInReviewer(t)
	art := createArticle(t, c)
	// A selection arrives as start/end/quote: the form is pre-filled.
	quote := "نحو 900 مليار دولار"
	start := strings.Index(articleAR, quote)
	start = len([]rune(articleAR[:start]))
	p := c.get(art + "/claims/new?start=" + itoa(int64(start)) + "&end=" + itoa(int64(start+len([]rune(quote)))) + "&quote=" + url.QueryEscape(quote))
	if p.status != 200 || p.doc.Find("[data-testid=prefilled]").Length() != 1 {
		t.Fatalf("prefill: %d", p.status)
	}
	if v, _ := p.doc.Find("#f-amount").Attr("value"); v != "900,000,000,000" {
		t.Errorf("amount = %q", v)
	}
	if v, _ := p.doc.Find("#f-currency").Attr("value"); v != "USD" {
		t.Errorf("currency = %q", v)
	}
	form := url.Values{}
	p.doc.Find("[data-testid=claim-form] input, [data-testid=claim-form] textarea").Each(func(_ int, s *goquerySel) {
		name, _ := s.Attr("name")
		if s.Is("textarea") {
			form.Set(name, s.Text())
		} else {
			v, _ := s.Attr("value")
			form.Set(name, v)
		}
	})
	p.doc.Find("[data-testid=claim-form] select").Each(func(_ int, s *goquerySel) {
		name, _ := s.Attr("name")
		v, _ := s.Find("option[selected]").Attr("value")
		form.Set(name, v)
	})
	p = c.post(art+"/claims", form, true)
	if !strings.HasPrefix(p.url, "/claims/") || p.status != 200 {
		t.Fatalf("log from selection: %s %d %v", p.url, p.status, text(p, ".error"))
	}
	if ctx := text(p, "[data-testid=claim-context]"); !strings.Contains(ctx, quote) {
		t.Errorf("claim context = %q", ctx)
	}
	// No JavaScript: paste the quote.
	c.get(art + "/claims/new")
	p = c.post(art+"/claims", url.Values{"quote": {"20 يناير 2025"}, "statement": {"20 يناير 2025"}, "type": {"date"}, "value_date": {"2025-01-20"}, "priority": {"normal"}}, true)
	if !strings.HasPrefix(p.url, "/claims/") {
		t.Fatalf("log by paste: %s %d", p.url, p.status)
	}
	// A quote that is not in the text keeps the form and stores nothing.
	c.get(art + "/claims/new")
	p = c.post(art+"/claims", url.Values{"quote": {"نص غير موجود"}, "statement": {"يبقى كما كُتب"}, "type": {"event"}}, true)
	if p.status != http.StatusUnprocessableEntity || text(p, "#err-quote") == "" || !strings.Contains(p.doc.Find("#f-statement").Text(), "يبقى كما كُتب") {
		t.Errorf("quote not found: %d %q", p.status, text(p, "#err-quote"))
	}
	// The article page highlights both claims, each linking to its claim.
	p = c.get(art)
	if n := p.doc.Find("[data-testid=article-text] mark a[href^='/claims/']").Length(); n != 2 {
		t.Errorf("highlights = %d; want 2", n)
	}
}

func TestEditConflictKeepsBothVersions(t *testing.T) {
	t.Parallel()
	rev, ed, art := reviewerAndEditor(t)
	rev.get(art + "/claims/new")
	p := rev.post(art+"/claims", url.Values{"quote": {"بنحو 20 %"}, "statement": {"بنحو 20 %"}, "type": {"percent"}, "amount": {"20"}}, true)
	claimURL := p.url
	edit := func(c *client, statement string) page {
		p := c.get(claimURL + "/edit")
		v, _ := p.doc.Find("input[name=version]").Attr("value")
		return c.post(claimURL, url.Values{"statement": {statement}, "type": {"percent"}, "amount": {"20"}, "version": {v}, "priority": {"high"}}, true)
	}
	// Both open the form at the same version; the editor saves first.
	pRev := rev.get(claimURL + "/edit")
	version, _ := pRev.doc.Find("input[name=version]").Attr("value")
	if p := edit(ed, "Shares fell about 20%"); p.url != claimURL {
		t.Fatalf("first save: %s %d", p.url, p.status)
	}
	p = rev.post(claimURL, url.Values{"statement": {"My own wording"}, "type": {"percent"}, "amount": {"20"}, "version": {version}}, true)
	if p.status != http.StatusConflict || p.doc.Find("[data-testid=conflict]").Length() != 1 {
		t.Fatalf("stale save: %d; want 409 with a conflict", p.status)
	}
	if !strings.Contains(text(p, "[data-testid=conflict-theirs]"), "Shares fell about 20%") || !strings.Contains(text(p, "[data-testid=conflict-mine]"), "My own wording") {
		t.Errorf("conflict view lacks a version")
	}
	if !strings.Contains(p.doc.Find("#f-statement").Text(), "My own wording") {
		t.Errorf("typed text lost")
	}
	p = rev.get(claimURL)
	if got := text(p, "[data-testid=claim-statement]"); got != "Shares fell about 20%" {
		t.Errorf("stored statement = %q; the stale save must not overwrite", got)
	}
	if n := p.doc.Find("[data-testid=history] > li").Length(); n != 2 {
		t.Errorf("history entries = %d; want 2 (logged, edited)", n)
	}
}

func TestWorkflowAndListFilters(t *testing.T) {
	t.Parallel()
	rev, ed, art := reviewerAndEditor(t)
	for _, q := range []struct{ quote, typ string }{{"بنحو 20 %", "percent"}, {"20 يناير 2025", "date"}, {"6 ملايين دولار", "money"}} {
		rev.get(art + "/claims/new")
		if p := rev.post(art+"/claims", url.Values{"quote": {q.quote}, "statement": {q.quote}, "type": {q.typ}, "tags": {"nvidia"}}, true); !strings.HasPrefix(p.url, "/claims/") {
			t.Fatalf("log %s: %d %s", q.quote, p.status, text(p, ".error"))
		}
	}
	p := rev.get("/claims?type=date")
	if n := p.doc.Find("[data-testid=claim-row]").Length(); n != 1 {
		t.Errorf("type=date rows = %d; want 1", n)
	}
	p = rev.get("/claims?q=" + url.QueryEscape("ملايين"))
	if n := p.doc.Find("[data-testid=claim-row]").Length(); n != 1 {
		t.Errorf("text filter rows = %d; want 1", n)
	}
	p = rev.get("/claims?tag=nvidia&sort=oldest")
	if n := p.doc.Find("[data-testid=claim-row]").Length(); n != 3 {
		t.Errorf("tag rows = %d; want 3", n)
	}
	if p := rev.get("/claims?status=bogus"); p.status != http.StatusUnprocessableEntity {
		t.Errorf("unknown status filter: %d; want 422", p.status)
	}
	p = rev.get("/claims?type=date")
	claimURL, _ := p.doc.Find("[data-testid=claim-row] a").First().Attr("href")
	step := func(c *client, to string) page {
		p := c.get(claimURL + "/edit")
		v, _ := p.doc.Find(`input[name=version]`).First().Attr("value")
		return c.post(claimURL+"/status", url.Values{"status": {to}, "version": {v}}, true)
	}
	if p := step(rev, "researching"); text(p, "[data-testid=claim-status]") != "Researching" {
		t.Fatalf("to researching: %q", text(p, "[data-testid=claim-status]"))
	}
	// Without evidence, the page says that review needs evidence.
	p = rev.get(claimURL)
	if p.doc.Find("[data-testid=to-in_review]").Length() != 0 || p.doc.Find("[data-testid=review-needs-evidence]").Length() != 1 {
		t.Errorf("a claim without evidence offers review")
	}
	// A source entered on the spot (no JavaScript) is evidence.
	p = rev.post(claimURL+"/evidence", url.Values{"source_id": {"new"}, "src_url": {"https://example.org/calendar"}, "src_title": {"Calendar"},
		"src_kind": {"other"}, "stance": {"supports"}}, true)
	if !strings.Contains(text(p, "[data-testid=flash]"), "Evidence attached") {
		t.Fatalf("attach evidence: %d %q", p.status, text(p, "[data-testid=form-error]"))
	}
	if p.doc.Find("[data-testid=review-needs-evidence]").Length() != 0 {
		t.Error("the claim has evidence, yet the page still says review needs some")
	}
	if p := step(rev, "published"); p.status != http.StatusForbidden {
		t.Errorf("reviewer publishing: %d; want 403", p.status)
	}
	// Review and publication are verdict steps, refused as plain status changes.
	if p := step(rev, "in_review"); p.status != http.StatusConflict {
		t.Errorf("reviewer moving to review without a verdict: %d; want 409", p.status)
	}
	p = rev.get(claimURL)
	if p.doc.Find("[data-testid=to-published]").Length() != 0 || p.doc.Find("[data-testid=to-in_review]").Length() != 0 {
		t.Error("a plain status button offers review or publication")
	}
	if p := step(ed, "new"); text(p, "[data-testid=claim-status]") != "New" {
		t.Errorf("editor sending back to new: %q", text(p, "[data-testid=claim-status]"))
	}
	p = rev.get("/board")
	if got := text(p, "#col-new"); !strings.Contains(got, "3") {
		t.Errorf("board new column = %q", got)
	}
	// Pagination continues from a cursor, never an offset.
	for i := 0; i < 60; i++ {
		rev.get(art + "/claims/new")
		rev.post(art+"/claims", url.Values{"quote": {"أمس"}, "statement": {"أمس " + itoa(int64(i))}, "type": {"other"}}, true)
	}
	p = rev.get("/claims")
	next, ok := p.doc.Find("[data-testid=next-page]").Attr("href")
	if !ok || !strings.Contains(next, "after=") {
		t.Fatalf("no keyset next link")
	}
	p2 := rev.get(next)
	if n := p.doc.Find("[data-testid=claim-row]").Length() + p2.doc.Find("[data-testid=claim-row]").Length(); n != 63 {
		t.Errorf("two pages hold %d claims; want 63", n)
	}
}

// reviewerAndEditor starts a desk with an admin, a signed-in reviewer and a
// signed-in editor, and an article the reviewer added.
func reviewerAndEditor(t *testing.T) (rev, ed *client, article string) {
	t.Helper()
	a := newApp(t)
	a.user("admin@example.org", auth.Admin)
	a.user("rev@example.org", auth.Reviewer)
	a.user("ed@example.org", auth.Editor)
	rev, ed = a.client("en"), a.client("en")
	rev.signIn("rev@example.org")
	ed.signIn("ed@example.org")
	return rev, ed, createArticle(t, rev)
}

// signedInReviewer starts a desk with an admin and a reviewer signed in with
// an Arabic browser.
func signedInReviewer(t *testing.T) *client {
	t.Helper()
	a := newApp(t)
	a.user("admin@example.org", auth.Admin)
	a.user("rev@example.org", auth.Reviewer)
	c := a.client("ar")
	c.signIn("rev@example.org")
	return c
}

// TestScriptPiecesLeaveTheFlash: the "checked before" panel and the results
// shown as you type are fetched by script, and a fetch can land while the
// browser follows the redirect that queued "claim logged". The pieces leave
// the message for the claim page, which shows it.
func TestScriptPiecesLeaveTheFlash(t *testing.T) {
	t.Parallel()
	c := signedInReviewer(t)
	art := createArticle(t, c)
	c.get(art + "/claims/new")
	c.hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	p := c.post(art+"/claims", url.Values{"quote": {"20 يناير 2025"}, "statement": {"20 يناير 2025"}, "type": {"date"}, "value_date": {"2025-01-20"}, "priority": {"normal"}}, true)
	c.hc.CheckRedirect = nil
	loc := p.header.Get("Location")
	if p.status != http.StatusSeeOther || !strings.HasPrefix(loc, "/claims/") {
		t.Fatalf("log a claim: %d to %q", p.status, loc)
	}
	for _, piece := range []string{
		"/checked-before?statement=" + url.QueryEscape("20 يناير 2025"),
		"/search/results?q=" + url.QueryEscape("يناير"),
		"/search/results?mode=pop&q=" + url.QueryEscape("يناير"),
	} {
		p := c.get(piece)
		if p.status != http.StatusOK {
			t.Fatalf("%s: %d", piece, p.status)
		}
		for _, ck := range p.header.Values("Set-Cookie") {
			if strings.HasPrefix(ck, "factdesk_flash=") {
				t.Errorf("%s set the flash cookie: %s", piece, ck)
			}
		}
		if p.doc.Find("[data-testid=flash]").Length() != 0 {
			t.Errorf("%s shows a flash message", piece)
		}
	}
	p = c.get(loc)
	if got, want := text(p, "[data-testid=flash]"), i18n.AR.T("claims.created"); !strings.Contains(got, want) {
		t.Errorf("claim page after the pieces: flash %q, want %q", got, want)
	}
}
