package web_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/claimreview"
	"github.com/factdesk/factdesk/migrations/dbtest"
	"github.com/factdesk/factdesk/web"
	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/desk"
	"github.com/factdesk/factdesk/web/i18n"
)

// uploadNoCSRF posts a file without the CSRF token.
func (c *client) uploadNoCSRF(path, filename, content string) page {
	c.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	fw, _ := w.CreateFormFile("file", filename)
	fw.Write([]byte(content))
	w.Close()
	req, _ := http.NewRequest("POST", c.base+path, &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return c.do(req)
}

// priorFile is a small ClaimReview file we wrote: two good reviews, one
// without its claim, one with a javascript: link and no rating.
const priorFile = `[
 {"@type":"ClaimReview","claimReviewed":"Nvidia lost $900 billion in one day","url":"https://checks.example.org/nvidia",
  "author":{"@type":"Organization","name":"Example Checks","url":"https://checks.example.org"},"datePublished":"2025-01-29",
  "reviewRating":{"@type":"Rating","ratingValue":2,"bestRating":5,"worstRating":1,"alternateName":"Mostly false"},
  "itemReviewed":{"@type":"Claim","author":{"@type":"Person","name":"A poster"},"datePublished":"2025-01-28"}},
 {"@type":"ClaimReview","url":"https://checks.example.org/missing"},
 {"@type":"ClaimReview","claimReviewed":"خسرت إنفيديا 900 مليار دولار","url":"javascript:alert(1)","inLanguage":"ar",
  "author":{"@type":"Organization","name":"مرصد"},"datePublished":"٣ تموز ٢٠١٩"},
 {"@type":"ClaimReview","claimReviewed":"DeepSeek cost only $6 million","url":"https://other.example/deepseek",
  "author":{"name":"Other desk"},"datePublished":"2025-02-01","reviewRating":{"alternateName":"Misleading"}}
]`

var reImport = regexp.MustCompile(`^/prior-checks/imports/(\d+)$`)

func TestPriorImportRolesCSRFAndReport(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	a.user("admin@example.org", auth.Admin)
	a.user("rev@example.org", auth.Reviewer)
	a.user("ed@example.org", auth.Editor)
	rev, ed := a.client("en"), a.client("ar")
	rev.signIn("rev@example.org")
	ed.signIn("ed@example.org")

	// Reviewers read prior checks but do not import them.
	if p := rev.get("/prior-checks/import"); p.status != http.StatusForbidden {
		t.Errorf("reviewer opens the import form: %d", p.status)
	}
	rev.get("/prior-checks")
	if p := rev.upload("/prior-checks/import", nil, "x.json", priorFile); p.status != http.StatusForbidden {
		t.Errorf("reviewer uploads: %d", p.status)
	}
	p := ed.get("/prior-checks/import")
	if p.status != 200 || p.doc.Find("[data-testid=prior-import-form] input[type=file]").Length() != 1 {
		t.Fatalf("editor's import form: %d", p.status)
	}
	// Without the CSRF token nothing is imported.
	if p := ed.uploadNoCSRF("/prior-checks/import", "x.json", priorFile); p.status != http.StatusForbidden {
		t.Errorf("upload without CSRF token: %d", p.status)
	}
	if f, _ := a.svc.PriorFacets(context.Background()); f.Total != 0 {
		t.Fatalf("stored %d prior checks without a CSRF token", f.Total)
	}
	ed.get("/prior-checks/import")
	p = ed.upload("/prior-checks/import", nil, "checks.json", priorFile)
	if !reImport.MatchString(p.url) || p.status != 200 {
		t.Fatalf("upload landed on %s (%d): %s", p.url, p.status, text(p, "main"))
	}
	report := p.url
	if got := text(p, "[data-testid=count-added]") + "/" + text(p, "[data-testid=count-failed]") + "/" + text(p, "[data-testid=count-noted]"); got != "٣/١/١" {
		t.Errorf("counts added/failed/noted = %s; want ٣/١/١", got)
	}
	refused := text(p, "[data-testid=refused] [data-testid=problem-row]")
	if !strings.Contains(refused, "العنصر ٢") || !strings.Contains(refused, i18n.AR.T("prior.reason.missing_claim")) {
		t.Errorf("refused record row = %q", refused)
	}
	if n := p.doc.Find("[data-testid=remarks] [data-testid=problem-row]").Length(); n != 2 {
		t.Errorf("remarks = %d; want 2 (URL dropped, no rating)", n)
	}
	if !strings.Contains(text(p, "[data-testid=flash]"), "٣") {
		t.Errorf("flash = %q", text(p, "[data-testid=flash]"))
	}
	// The same file again adds nothing, and says so.
	ed.get("/prior-checks/import")
	p = ed.upload("/prior-checks/import", nil, "checks.json", priorFile)
	if p.url == report || text(p, "[data-testid=count-added]") != "٠" || !strings.Contains(text(p, "[data-testid=flash]"), "لا جديد") {
		t.Errorf("second upload: %s added %q flash %q", p.url, text(p, "[data-testid=count-added]"), text(p, "[data-testid=flash]"))
	}
	// Reviewers may not open import reports.
	if p := rev.get(report); p.status != http.StatusForbidden {
		t.Errorf("reviewer opens a report: %d", p.status)
	}
	// Bad files: the form comes back with the reason, in the user's language.
	for _, tt := range []struct{ name, content, reason string }{
		{"claims.csv", "statement,claimant\nx,y\n", "wrong_kind"},
		{"empty.json", "   ", "empty"},
		{"broken.json", "{\n \"@type\": \"ClaimReview\",\n \"claimReviewed\": oops\n}", "malformed"},
	} {
		ed.get("/prior-checks/import")
		p = ed.upload("/prior-checks/import", nil, tt.name, tt.content)
		if p.status != http.StatusUnprocessableEntity || text(p, "[data-testid=file-error]") != i18n.AR.T("prior.reason."+tt.reason) {
			t.Errorf("%s: %d %q", tt.name, p.status, text(p, "[data-testid=file-error]"))
		}
	}
	if !strings.Contains(text(p, "[data-testid=file-error-detail]"), "البايت") {
		t.Errorf("malformed JSON detail lacks its position: %q", text(p, "[data-testid=file-error-detail]"))
	}
	p = ed.post("/prior-checks/import", url.Values{}, true)
	if p.status != http.StatusUnprocessableEntity || text(p, "[data-testid=file-error]") == "" {
		t.Errorf("no file: %d", p.status)
	}

	// The list: every signed-in user, filters, and the detail page.
	p = rev.get("/prior-checks")
	if n := p.doc.Find("[data-testid=prior-row]").Length(); n != 3 {
		t.Fatalf("list rows = %d; want 3", n)
	}
	if p.doc.Find("[data-testid=prior-import-link]").Length() != 0 {
		t.Error("a reviewer is offered the import")
	}
	if got := text(p, "[data-testid=prior-checks] tbody tr"); !strings.Contains(got, "DeepSeek") {
		t.Errorf("newest review first: %q", got)
	}
	p = rev.get("/prior-checks?publisher=" + url.QueryEscape("Example Checks"))
	if n := p.doc.Find("[data-testid=prior-row]").Length(); n != 1 {
		t.Errorf("publisher filter rows = %d", n)
	}
	if v, _ := p.doc.Find("#f-publisher option[selected]").Attr("value"); v != "Example Checks" {
		t.Errorf("publisher filter not kept: %q", v)
	}
	p = rev.get("/prior-checks?lang=ar")
	if n := p.doc.Find("[data-testid=prior-row]").Length(); n != 1 || !strings.Contains(text(p, "#f-lang"), "Arabic (1)") {
		t.Errorf("language filter rows = %d, options %q", n, text(p, "#f-lang"))
	}
	p = rev.get("/prior-checks?rating=Misleading")
	if n := p.doc.Find("[data-testid=prior-row]").Length(); n != 1 {
		t.Errorf("rating filter rows = %d", n)
	}
	if p := rev.get("/prior-checks?after=***"); p.status != http.StatusUnprocessableEntity {
		t.Errorf("bad cursor: %d", p.status)
	}
	p = rev.get("/prior-checks?publisher=" + url.QueryEscape("Example Checks"))
	href, _ := p.doc.Find("[data-testid=prior-row] a").Attr("href")
	p = rev.get(href)
	if p.status != 200 || text(p, "[data-testid=prior-claim]") != "Nvidia lost $900 billion in one day" ||
		text(p, "[data-testid=prior-numbers]") != "2 / 5 (worst 1)" || text(p, "[data-testid=prior-rating]") != "Mostly false" {
		t.Fatalf("detail: %d %q %q", p.status, text(p, "[data-testid=prior-claim]"), text(p, "[data-testid=prior-numbers]"))
	}
	if link, _ := p.doc.Find("[data-testid=prior-url]").Attr("href"); link != "https://checks.example.org/nvidia" {
		t.Errorf("review link = %q", link)
	}
	if !strings.Contains(text(p, "[data-testid=prior-raw]"), `"claimReviewed": "Nvidia lost $900 billion in one day"`) {
		t.Errorf("raw record: %q", text(p, "[data-testid=prior-raw]"))
	}
	p = rev.get("/prior-checks?lang=ar")
	href, _ = p.doc.Find("[data-testid=prior-row] a").Attr("href")
	p = rev.get(href)
	if p.doc.Find("[data-testid=prior-url]").Length() != 0 || strings.Contains(p.doc.Find("a").Text(), "javascript") {
		t.Error("a javascript: URL is shown as a link")
	}
	if !strings.Contains(text(p, "[data-testid=prior-meta]"), "2019-07-03") {
		t.Errorf("Arabic-Indic date not read: %q", text(p, "[data-testid=prior-meta]"))
	}
	if p := rev.get("/prior-checks/99999"); p.status != http.StatusNotFound {
		t.Errorf("missing prior check: %d", p.status)
	}
}

func TestPriorListPages(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	a.user("admin@example.org", auth.Admin)
	a.user("ed@example.org", auth.Editor)
	ed := a.client("en")
	ed.signIn("ed@example.org")
	var b strings.Builder
	for i := 0; i < 70; i++ {
		b.WriteString(`{"@type":"ClaimReview","claimReviewed":"Claim ` + itoa(int64(i)) + `","url":"https://d.example/` + itoa(int64(i)) + `","reviewRating":{"alternateName":"False"},"author":{"name":"D"}}` + "\n")
	}
	ed.get("/prior-checks/import")
	if p := ed.upload("/prior-checks/import", nil, "lines.jsonl", b.String()); !reImport.MatchString(p.url) || text(p, "[data-testid=count-added]") != "70" {
		t.Fatalf("JSON lines upload: %s %q", p.url, text(p, "[data-testid=count-added]"))
	}
	p := ed.get("/prior-checks?publisher=D")
	next, ok := p.doc.Find("[data-testid=next-page]").Attr("href")
	if !ok || !strings.Contains(next, "after=") || !strings.Contains(next, "publisher=D") {
		t.Fatalf("next link = %q", next)
	}
	p2 := ed.get(next)
	if n := p.doc.Find("[data-testid=prior-row]").Length() + p2.doc.Find("[data-testid=prior-row]").Length(); n != 70 {
		t.Errorf("two pages hold %d; want 70", n)
	}
	if p2.doc.Find("[data-testid=next-page]").Length() != 0 {
		t.Error("the last page links further")
	}
}

// Every value of the dynamic key families has both translations.
func TestImportKeyFamilies(t *testing.T) {
	var keys []string
	for _, r := range claimreview.Reasons {
		keys = append(keys, "prior.reason."+string(r))
	}
	for _, f := range []claimreview.Format{claimreview.FormatArray, claimreview.FormatLines, claimreview.FormatDocument, claimreview.FormatPage} {
		keys = append(keys, "prior.format."+string(f))
	}
	for _, c := range claims.Columns {
		keys = append(keys, "csvimport.col."+string(c))
	}
	keys = append(keys, "csvimport.row_cells", "csvimport.row_unreadable", "history.claim.imported", "field.csv_line")
	for _, k := range keys {
		if !i18n.Has(k) {
			t.Errorf("missing key %s", k)
		}
	}
}

var reCSV = regexp.MustCompile(`^/imports/csv/(\d+)$`)

func TestCSVImportThroughMapping(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	a.user("admin@example.org", auth.Admin)
	a.user("rev@example.org", auth.Reviewer)
	a.user("other@example.org", auth.Reviewer)
	rev := a.client("ar")
	rev.signIn("rev@example.org")
	art := createArticle(t, rev)
	p := rev.get(art)
	if v, _ := p.doc.Find("[data-testid=csv-upload-form] input[name=article]").Attr("value"); "/articles/"+v != art {
		t.Fatalf("article page's CSV form targets article %q", v)
	}
	file := "\ufeffالادعاء;القائل;التاريخ;النوع;ملاحظات\r\n" +
		"نحو 900 مليار دولار;وكالة;٢٨ يناير ٢٠٢٥;رقم سوقي;x\r\n" +
		"A paraphrase of the article;Reuters;2025-01-28;market;\r\n" +
		";nobody;;;\r\n" +
		"Another claim;someone;not a date;other;\r\n"
	p = rev.upload("/imports/csv", map[string]string{"article": strings.TrimPrefix(art, "/articles/")}, "claims.csv", file)
	if !reCSV.MatchString(p.url) || p.status != 200 {
		t.Fatalf("upload: %s %d %s", p.url, p.status, text(p, "main"))
	}
	mapping := p.url
	want := []string{"statement", "claimant", "claim_date", "type", "ignore"}
	for i, w := range want {
		if v, _ := p.doc.Find("#f-col-" + itoa(int64(i)) + " option[selected]").Attr("value"); v != w {
			t.Errorf("column %d guessed %q; want %q", i+1, v, w)
		}
	}
	if n := p.doc.Find("[data-testid=preview-row]").Length(); n != 4 {
		t.Errorf("preview rows = %d", n)
	}
	if v, _ := p.doc.Find("#f-article option[selected]").Attr("value"); "/articles/"+v != art {
		t.Errorf("article not preselected: %q", v)
	}
	// Others cannot see the upload.
	other := a.client("en")
	other.signIn("other@example.org")
	if p := other.get(mapping); p.status != http.StatusNotFound {
		t.Errorf("another reviewer opens the upload: %d", p.status)
	}
	form := url.Values{"article": {strings.TrimPrefix(art, "/articles/")}, "col-0": {"statement"}, "col-1": {"claimant"},
		"col-2": {"claim_date"}, "col-3": {"type"}, "col-4": {"ignore"}}
	if p := rev.post(mapping, form, false); p.status != http.StatusForbidden {
		t.Errorf("mapping without CSRF: %d", p.status)
	}
	bad := url.Values{"article": form["article"], "col-0": {"statement"}, "col-1": {"statement"}, "col-2": {"claim_date"}, "col-3": {"type"}, "col-4": {"ignore"}}
	rev.get(mapping)
	p = rev.post(mapping, bad, true)
	if p.status != http.StatusUnprocessableEntity || text(p, "#err-col-1") != i18n.AR.T("err.mapping_twice") {
		t.Fatalf("two statement columns: %d %q", p.status, text(p, "#err-col-1"))
	}
	if v, _ := p.doc.Find("#f-col-1 option[selected]").Attr("value"); v != "statement" {
		t.Errorf("the refused choice is not kept: %q", v)
	}
	p = rev.post(mapping, form, true)
	if p.url != mapping || p.status != 200 {
		t.Fatalf("import: %s %d", p.url, p.status)
	}
	if got := text(p, "[data-testid=csv-result]"); !strings.Contains(got, "الادعاءات المستوردة: ٢") {
		t.Errorf("result = %q", got)
	}
	rows := p.doc.Find("[data-testid=csv-problem]")
	if rows.Length() != 2 || !strings.Contains(rows.Eq(0).Text(), "٤") || !strings.Contains(rows.Eq(0).Text(), i18n.AR.T("err.required")) ||
		!strings.Contains(rows.Eq(1).Text(), "٥") || !strings.Contains(rows.Eq(1).Text(), i18n.AR.T("err.date")) {
		t.Errorf("refused rows = %q", rows.Text())
	}
	// Sent again: nothing more.
	p = rev.post(mapping, form, true)
	if !strings.Contains(text(p, "[data-testid=flash]"), "من قبل") {
		t.Errorf("second import flash = %q", text(p, "[data-testid=flash]"))
	}
	p = rev.get(art)
	if n := p.doc.Find("[data-testid=article-claims] li").Length(); n != 2 {
		t.Errorf("article lists %d claims; want 2", n)
	}
	if n := p.doc.Find("[data-testid=article-text] mark").Length(); n != 1 {
		t.Errorf("highlights = %d; want 1 (the statement found in the text)", n)
	}
	p = rev.get("/claims?type=market")
	if n := p.doc.Find("[data-testid=claim-row]").Length(); n != 2 {
		t.Errorf("market claims = %d; want 2 (one named in Arabic, one by its code)", n)
	}
	claimURL, _ := p.doc.Find("[data-testid=claim-row] a").First().Attr("href")
	p = rev.get(claimURL)
	if got := text(p, "[data-testid=history]"); !strings.Contains(got, i18n.AR.T("history.claim.imported")) || !strings.Contains(got, "claims.csv:") {
		t.Errorf("history = %q", got)
	}

	// From the claim list, without an article; a file that is not UTF-8 is refused.
	p = rev.get("/claims")
	if p.doc.Find("[data-testid=csv-upload-form]").Length() != 1 {
		t.Fatal("no CSV form on the claim list")
	}
	p = rev.upload("/imports/csv", nil, "cp1256.csv", "\xc7\xe1\xc7\xcf\xda\xc7\xc1\n\xe3\xcb\xc7\xe1\n")
	if p.status != http.StatusUnprocessableEntity || text(p, "[data-testid=file-error]") != i18n.AR.T("err.csv_not_utf8") {
		t.Errorf("not UTF-8: %d %q", p.status, text(p, "[data-testid=file-error]"))
	}
	p = rev.upload("/imports/csv", nil, "loose.csv", "claim,tags\nA stand-alone claim,\"a, b\"\n")
	if !reCSV.MatchString(p.url) {
		t.Fatalf("second upload: %s", p.url)
	}
	if v, _ := p.doc.Find("#f-article option[selected]").Attr("value"); v != "" {
		t.Errorf("article preselected without one: %q", v)
	}
	p = rev.post(p.url, url.Values{"article": {""}, "col-0": {"statement"}, "col-1": {"tags"}}, true)
	if got := text(p, "[data-testid=csv-result]"); !strings.Contains(got, "الادعاءات المستوردة: ١") {
		t.Errorf("stand-alone import = %q", got)
	}
	p = rev.get("/claims?tag=b")
	if n := p.doc.Find("[data-testid=claim-row]").Length(); n != 1 {
		t.Errorf("stand-alone claim by tag = %d", n)
	}
	if p := rev.post("/imports/csv", url.Values{}, true); p.status != http.StatusUnprocessableEntity {
		t.Errorf("upload without a file: %d", p.status)
	}
}

// Only an editor's ClaimReview upload may exceed --max-body; everything else,
// including the same upload by a reviewer, keeps the general limit.
func TestPriorUploadBodyLimit(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t) // SQLite, or PostgreSQL with FACTDESK_TEST_PG
	dk := desk.New(db)
	svc := dk.Claims
	srv := web.New(web.Config{Desk: dk, MaxBody: "4K", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	a := &app{t: t, srv: srv, ts: ts, svc: svc}
	a.user("admin@example.org", auth.Admin)
	a.user("ed@example.org", auth.Editor)
	a.user("rev@example.org", auth.Reviewer)
	var b strings.Builder
	for i := 0; i < 100; i++ {
		b.WriteString(`{"@type":"ClaimReview","claimReviewed":"Claim ` + itoa(int64(i)) + `","url":"https://d.example/` + itoa(int64(i)) + `","reviewRating":{"alternateName":"False"}}` + "\n")
	}
	big := b.String() // about 12 KB
	ed, rev := a.client("en"), a.client("en")
	ed.signIn("ed@example.org")
	rev.signIn("rev@example.org")
	ed.get("/prior-checks/import")
	if p := ed.upload("/prior-checks/import", nil, "big.jsonl", big); !reImport.MatchString(p.url) || text(p, "[data-testid=count-added]") != "100" {
		t.Errorf("editor's 12 KB upload with --max-body 4K: %s %d", p.url, p.status)
	}
	rev.get("/prior-checks")
	if p := rev.upload("/prior-checks/import", nil, "big.jsonl", big); p.status != http.StatusRequestEntityTooLarge {
		t.Errorf("reviewer's 12 KB upload: %d; want 413", p.status)
	}
	if p := ed.upload("/imports/csv", nil, "big.csv", "claim\n"+big); p.status != http.StatusRequestEntityTooLarge {
		t.Errorf("12 KB CSV upload: %d; want 413", p.status)
	}
}
