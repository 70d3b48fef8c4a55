package web_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/export"
	"github.com/factdesk/factdesk/claims/export/schematest"
	"github.com/factdesk/factdesk/sources"
	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/i18n"
)

const reportBody = `Nvidia lost about $900 billion of its market value in a single session. Its shares dropped by about 20%.
An anonymous poster wrote </script><script>alert(1)</script> under the article. The app topped the App Store.`

// rdesk is a desk with an English article whose report has three published
// claims (one corrected, one off the scale, one whose text would end a
// script element), one claim waiting for review and one not started.
type rdesk struct {
	a                        *app
	rev, ed, adm             *client
	art                      claims.Article
	loss, hostile, store     claims.Claim
	shares, fresh            claims.Claim
	labels                   map[string]int64
	reportPath               string
	revUser, edUser, ed2User auth.User
}

func newRDesk(t *testing.T, lang string) rdesk {
	t.Helper()
	a := newApp(t)
	ctx := context.Background()
	admin := a.user("admin@example.org", auth.Admin)
	d := rdesk{a: a, revUser: a.user("rev@example.org", auth.Reviewer), edUser: a.user("ed@example.org", auth.Editor),
		ed2User: a.user("ed2@example.org", auth.Editor), labels: map[string]int64{}}
	rev := claims.Actor{ID: d.revUser.ID, Role: claims.RoleReviewer}
	ed := claims.Actor{ID: d.edUser.ID, Role: claims.RoleEditor}
	ed2 := claims.Actor{ID: d.ed2User.ID, Role: claims.RoleEditor}
	ls, _ := a.svc.Labels(ctx, true)
	for _, l := range ls {
		d.labels[l.NameEN] = l.ID
	}
	var err error
	if _, err = a.svc.SaveOrganisation(ctx, claims.Actor{ID: admin.ID, Role: claims.RoleAdmin}, claims.Organisation{Name: "Example Desk",
		URL: "https://desk.example.org", MethodologyEN: "We read **the filings**.", CorrectionsEN: "We correct openly."}); err != nil {
		t.Fatal(err)
	}
	d.art, err = a.svc.CreateArticle(ctx, rev, claims.NewArticle{Title: "Nvidia's record loss", Outlet: "The Example Daily", Lang: "en",
		Body: reportBody, PublishedOn: "2025-01-28", URL: "https://news.example.com/nvidia"})
	if err != nil {
		t.Fatal(err)
	}
	claim := func(in claims.ClaimInput) claims.Claim {
		in.Quote, in.Start, in.End = in.Statement, -1, -1
		c, err := a.svc.CreateClaim(ctx, rev, d.art.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	d.loss = claim(claims.ClaimInput{Statement: "Nvidia lost about $900 billion", Type: "market", Amount: "900000000000",
		Value: claims.Value{Currency: "USD", Qualifier: "about"}, Claimant: "The Example Daily"})
	d.shares = claim(claims.ClaimInput{Statement: "Its shares dropped by about 20%", Type: "percent", Amount: "20"})
	d.hostile = claim(claims.ClaimInput{Statement: "</script><script>alert(1)</script>", Type: "quote", Claimant: "An anonymous poster"})
	d.store = claim(claims.ClaimInput{Statement: "The app topped the App Store", Type: "event"})
	d.fresh = claim(claims.ClaimInput{Statement: "a single session", Type: "other"})
	attach := func(c claims.Claim, n int) {
		_, _, err := a.src.AddEvidenceWithSource(ctx, rev.ID, c.ID, sources.Input{URL: "https://example.org/source/" + strconv.Itoa(n),
			Title: "Source " + strconv.Itoa(n), Publisher: "Reuters", Kind: "news", ArchiveURL: "https://web.archive.org/web/2025/https://example.org/source/" + strconv.Itoa(n)},
			sources.EvidenceInput{Stance: "refutes", Passage: "the passage " + strconv.Itoa(n)})
		if err != nil {
			t.Fatal(err)
		}
	}
	publish := func(c claims.Claim, label, conclusion string) {
		v, err := a.svc.SaveVerdict(ctx, rev, c.ID, claims.VerdictInput{LabelID: d.labels[label], Conclusion: conclusion, Reasoning: "Checked.",
			Amount: map[bool]string{true: "593000000000"}[c.ID == d.loss.ID], Verified: claims.Value{Currency: "USD"}}, true)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.svc.Approve(ctx, ed, v.ID, v.Version); err != nil {
			t.Fatal(err)
		}
	}
	for i, c := range []claims.Claim{d.loss, d.shares, d.hostile, d.store} {
		attach(c, i+1)
	}
	publish(d.loss, "Mostly false", "About $600 billion, not $900 billion")
	vs, _ := a.svc.Verdicts(ctx, d.loss.ID)
	corr, err := a.svc.OpenCorrection(ctx, ed, d.loss.ID, claims.VerdictInput{LabelID: d.labels["Mostly false"], Conclusion: "$593 billion, not $900 billion",
		Reasoning: "Checked again.", Amount: "593000000000", Verified: claims.Value{Currency: "USD"}, CorrectionNote: "We now use the closing figure.",
		Version: vs[0].Version}, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.svc.Approve(ctx, ed2, corr.ID, corr.Version); err != nil {
		t.Fatal(err)
	}
	publish(d.hostile, "False", "Nobody said this")
	publish(d.store, "Unverifiable", "The ranking changes hourly")
	if _, err := a.svc.SaveVerdict(ctx, rev, d.shares.ID, claims.VerdictInput{LabelID: d.labels["Mostly false"], Conclusion: "SECRET DRAFT: 17 percent",
		Reasoning: "Not yet reviewed.", Amount: "17"}, true); err != nil {
		t.Fatal(err)
	}
	d.rev, d.ed, d.adm = a.client(lang), a.client(lang), a.client(lang)
	d.rev.signIn("rev@example.org")
	d.ed.signIn("ed@example.org")
	d.adm.signIn("admin@example.org")
	d.reportPath = "/articles/" + itoa(d.art.ID) + "/report"
	return d
}

func hrefs(p page, sel string) []string {
	var out []string
	p.doc.Find(sel).Each(func(_ int, s *goquery.Selection) {
		h, _ := s.Attr("href")
		out = append(out, h)
	})
	return out
}

func TestReportPage(t *testing.T) {
	t.Parallel()
	d := newRDesk(t, "en")
	p := d.rev.get(d.reportPath)
	if p.status != 200 {
		t.Fatalf("report: %d", p.status)
	}
	if got := text(p, "[data-testid=report-title]"); got != d.art.Title {
		t.Errorf("title = %q", got)
	}
	if n := p.doc.Find("[data-testid=report-claim]").Length(); n != 3 {
		t.Errorf("%d claims in the report; want the 3 published", n)
	}
	if strings.Contains(p.body, "SECRET DRAFT") {
		t.Error("a verdict waiting for review is in the report")
	}
	if got := text(p, "[data-testid=report-pending]"); got != "Claims still being checked, not in this report: 2" {
		t.Errorf("pending = %q", got)
	}
	if got := text(p, "[data-testid=report-checked]"); got != "Claims checked: 3" {
		t.Errorf("checked = %q", got)
	}
	if n := p.doc.Find("[data-testid=summary-row]").Length(); n != 3 {
		t.Errorf("%d summary rows; want 3 labels", n)
	}
	if n := p.doc.Find(".summary-bar rect").Length(); n != 3 {
		t.Errorf("%d parts of the summary bar", n)
	}
	// The highlights: coloured by label through /labels.css, numbered,
	// linking to their claim.
	if got := hrefs(p, "[data-testid=hl-num]"); len(got) != 3 || got[0] != "#claim-"+itoa(d.loss.ID) {
		t.Errorf("numbers in the text link to %v", got)
	}
	class, _ := p.doc.Find("mark.hl").First().Attr("class")
	if class != "hl lbl-"+strconv.FormatInt(d.labels["Mostly false"], 10) {
		t.Errorf("highlight class = %q", class)
	}
	css, ok := p.doc.Find(`link[href^="/labels.css?v="]`).Attr("href")
	if !ok {
		t.Fatal("the label colours' stylesheet is not linked")
	}
	cp := d.rev.get(css)
	if cp.status != 200 || !strings.HasPrefix(cp.header.Get("Content-Type"), "text/css") || !strings.Contains(cp.body, ".hl.lbl-1 {") ||
		!strings.Contains(cp.header.Get("Cache-Control"), "immutable") {
		t.Errorf("labels.css: %d %q %q", cp.status, cp.header.Get("Content-Type"), cp.header.Get("Cache-Control"))
	}
	loss := p.doc.Find("#claim-" + itoa(d.loss.ID))
	if got := strings.TrimSpace(loss.Find("[data-testid=report-difference]").Text()); got != "overstated by 51.8 %" {
		t.Errorf("difference = %q", got)
	}
	if got := loss.Find("[data-testid=report-correction]").Text(); !strings.Contains(got, "We now use the closing figure.") ||
		!strings.Contains(got, "About $600 billion, not $900 billion") {
		t.Errorf("correction = %q", got)
	}
	src := loss.Find("[data-testid=report-source]")
	if src.Length() != 1 || !strings.Contains(src.Text(), "the passage 1") || !strings.Contains(src.Text(), "web.archive.org") ||
		!strings.Contains(src.Text(), "Refutes") {
		t.Errorf("source = %q", src.Text())
	}
	if got := text(p, "[data-testid=report-methodology]"); !strings.Contains(got, "We read the filings.") {
		t.Errorf("methodology = %q", got)
	}
	if p.doc.Find("[data-testid=report-methodology] strong").Length() != 1 {
		t.Error("the methodology's Markdown is not rendered")
	}
	// A reviewer reads and downloads, but does not publish; without
	// Chromium the page says how to get a PDF.
	if p.doc.Find("[data-testid=publish-form]").Length() != 0 || p.doc.Find("[data-testid=report-pdf]").Length() != 0 {
		t.Error("a reviewer is offered to publish, or a PDF without Chromium")
	}
	if got := text(p, "[data-testid=pdf-missing]"); !strings.Contains(got, "apt-get install chromium") || !strings.Contains(got, "Save as PDF") {
		t.Errorf("PDF hint = %q", got)
	}
	if pdf := d.rev.get(d.reportPath + ".pdf"); pdf.status != http.StatusNotFound || !strings.Contains(text(pdf, "[data-testid=error-message]"), "Chromium") {
		t.Errorf("PDF without Chromium: %d %q", pdf.status, text(pdf, "[data-testid=error-message]"))
	}
	exports := hrefs(p, "[data-testid=exports] a")
	if len(exports) != 4 {
		t.Fatalf("export links: %v", exports)
	}
	for _, h := range exports {
		u, _ := url.Parse(h)
		if u.Path != "/exports/download" || u.Query().Get("article") != itoa(d.art.ID) || u.Query().Get("report_lang") != "en" {
			t.Errorf("export link %s", h)
		}
	}
	// The article page leads to its report.
	ap := d.rev.get("/articles/" + itoa(d.art.ID))
	if h, _ := ap.doc.Find("[data-testid=article-report]").Attr("href"); h != d.reportPath {
		t.Errorf("article page links the report at %q", h)
	}
	if p := d.rev.get("/articles/9999/report"); p.status != http.StatusNotFound {
		t.Errorf("report of a missing article: %d", p.status)
	}
}

func TestExportDownloads(t *testing.T) {
	t.Parallel()
	d := newRDesk(t, "en")
	art := itoa(d.art.ID)
	get := func(q string) page {
		t.Helper()
		return d.rev.get("/exports/download?" + q)
	}
	p := get("format=csv&report_lang=ar&article=" + art)
	if p.status != 200 || p.header.Get("Content-Type") != "text/csv; charset=utf-8" ||
		!strings.Contains(p.header.Get("Content-Disposition"), `attachment; filename="factdesk-article-`+art+`-`) {
		t.Fatalf("CSV: %d %q %q", p.status, p.header.Get("Content-Type"), p.header.Get("Content-Disposition"))
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(p.body, "\ufeff"))).ReadAll()
	if err != nil || !strings.HasPrefix(p.body, "\ufeff") {
		t.Fatal(err)
	}
	if len(rows) != 6 || rows[0][8] != i18n.AR.T("csv.verdict") {
		t.Fatalf("CSV rows %d, header %q", len(rows), rows[0])
	}
	for _, r := range rows[1:] {
		if r[0] == itoa(d.loss.ID) && (r[8] != "زائف في معظمه" || r[17] != "1") {
			t.Errorf("loss row in Arabic: %q", r)
		}
		if r[0] == itoa(d.shares.ID) && r[8] != "" {
			t.Errorf("the claim in review has a verdict in the CSV: %q", r)
		}
	}
	p = get("format=json&article=" + art)
	var doc export.Document
	if err := json.Unmarshal([]byte(p.body), &doc); err != nil || p.header.Get("Content-Type") != "application/json; charset=utf-8" {
		t.Fatalf("JSON: %v %q", err, p.header.Get("Content-Type"))
	}
	if doc.FormatVersion != export.FormatVersion || len(doc.Claims) != 5 || len(doc.Articles) != 1 || len(doc.Sources) != 4 || doc.Scope.Kind != "article" {
		t.Errorf("JSON: version %d, %d claims, %d articles, %d sources, scope %+v", doc.FormatVersion, len(doc.Claims), len(doc.Articles), len(doc.Sources), doc.Scope)
	}
	p = get("format=md&article=" + art)
	if p.header.Get("Content-Type") != "text/markdown; charset=utf-8" || !strings.Contains(p.body, "# Nvidia's record loss") ||
		!strings.Contains(p.body, "## Our methodology") || strings.Contains(p.body, "SECRET DRAFT") {
		t.Errorf("Markdown: %q\n%s", p.header.Get("Content-Type"), p.body)
	}
	p = get("format=claimreview&article=" + art)
	var reviews []export.ClaimReviewJSON
	if err := json.Unmarshal([]byte(p.body), &reviews); err != nil || len(reviews) != 3 || p.header.Get("Content-Type") != "application/ld+json; charset=utf-8" ||
		!strings.HasSuffix(p.header.Get("Content-Disposition"), `.jsonld"`) {
		t.Errorf("ClaimReview: %v, %d reviews, %q", err, len(reviews), p.header.Get("Content-Type"))
	}
	// The claim list exports what its filters select.
	lp := d.rev.get("/claims?status=in_review&sort=oldest")
	var csvHref string
	for _, h := range hrefs(lp, "[data-testid=exports] a") {
		u, _ := url.Parse(h)
		if u.Query().Get("status") != "in_review" || u.Query().Get("sort") != "" {
			t.Errorf("claim list export link %s", h)
		}
		if u.Query().Get("format") == "csv" {
			csvHref = h
		}
	}
	p = d.rev.get(csvHref)
	rows, _ = csv.NewReader(strings.NewReader(strings.TrimPrefix(p.body, "\ufeff"))).ReadAll()
	if len(rows) != 2 || rows[1][0] != itoa(d.shares.ID) || !strings.Contains(p.header.Get("Content-Disposition"), "factdesk-claims-") {
		t.Errorf("filtered CSV: %q %q", rows, p.header.Get("Content-Disposition"))
	}
	// The whole desk from the export page.
	ep := d.rev.get("/exports")
	if ep.status != 200 || ep.doc.Find("[data-testid=export-form] input[name=format]").Length() != 4 {
		t.Fatalf("export page: %d", ep.status)
	}
	p = get("format=json&report_lang=en")
	doc = export.Document{}
	if err := json.Unmarshal([]byte(p.body), &doc); err != nil || doc.Scope.Kind != "desk" || len(doc.Claims) != 5 {
		t.Errorf("desk JSON: %v %+v %d", err, doc.Scope, len(doc.Claims))
	}
	for q, want := range map[string]int{"format=xml": 422, "format=csv&report_lang=fr": 422, "format=csv&status=bogus": 422,
		"format=csv&article=9999": 404} {
		if p := get(q); p.status != want {
			t.Errorf("%s: %d; want %d", q, p.status, want)
		}
	}
}

var reScriptBlock = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

func TestPublicLinkPublishAndWithdraw(t *testing.T) {
	t.Parallel()
	d := newRDesk(t, "en")
	// Reviewers may not publish; editors see the form.
	d.rev.get(d.reportPath)
	if p := d.rev.post(d.reportPath+"/publish", url.Values{"lang": {"en"}}, true); p.status != http.StatusForbidden {
		t.Errorf("a reviewer publishing: %d", p.status)
	}
	d.ed.get(d.reportPath)
	p := d.ed.post(d.reportPath+"/publish", url.Values{"lang": {"xx"}}, true)
	if !strings.Contains(text(p, "[data-testid=flash]"), "Arabic or English") || p.doc.Find("[data-testid=public-url]").Length() != 0 {
		t.Errorf("publishing in an unknown language: %q", text(p, "[data-testid=flash]"))
	}
	p = d.ed.post(d.reportPath+"/publish", url.Values{"lang": {"en"}}, true)
	if p.url != d.reportPath || !strings.Contains(text(p, "[data-testid=flash]"), "published") {
		t.Fatalf("publish: %s %q", p.url, text(p, "[data-testid=flash]"))
	}
	public := text(p, "[data-testid=public-url]")
	u, err := url.Parse(public)
	if err != nil || !regexp.MustCompile(`^/r/[A-Za-z0-9_-]{32}$`).MatchString(u.Path) || u.Host == "" {
		t.Fatalf("public address %q", public)
	}
	// Anyone reads it, signed out, in the language it was published in.
	anon := d.a.client("ar")
	pp := anon.get(u.Path)
	if pp.status != 200 {
		t.Fatalf("public report: %d", pp.status)
	}
	if lang, _ := pp.doc.Find("html").Attr("lang"); lang != "en" {
		t.Errorf("public report lang = %q; want the published language", lang)
	}
	if pp.doc.Find("nav, form, [data-testid=signout]").Length() != 0 || pp.doc.Find("script[src]").Length() != 0 {
		t.Error("the public page has the desk's navigation, a form or a script")
	}
	if strings.Contains(pp.body, "SECRET DRAFT") || strings.Contains(pp.body, "<script>alert") {
		t.Error("the public page leaks an unpublished verdict or runs user text")
	}
	if csp := pp.header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP = %q", csp)
	}
	if got := text(pp, "[data-testid=desk-name]"); got != "Example Desk" {
		t.Errorf("desk = %q", got)
	}
	// The JSON-LD: one data block, escaped, consistent with the page.
	blocks := reScriptBlock.FindAllStringSubmatch(pp.body, -1)
	if len(blocks) != 1 || strings.Count(pp.body, "<script") != 1 {
		t.Fatalf("%d JSON-LD blocks, %d script tags", len(blocks), strings.Count(pp.body, "<script"))
	}
	var reviews []export.ClaimReviewJSON
	if err := json.Unmarshal([]byte(blocks[0][1]), &reviews); err != nil {
		t.Fatal(err)
	}
	items := pp.doc.Find("[data-testid=report-claim]")
	if items.Length() != len(reviews) || len(reviews) != 3 {
		t.Fatalf("%d claims on the page, %d ClaimReviews", items.Length(), len(reviews))
	}
	items.Each(func(i int, s *goquery.Selection) {
		id, _ := s.Attr("id")
		r := reviews[i]
		quote := strings.TrimSpace(s.Find("[data-testid=report-quote]").Text())
		label := strings.TrimSpace(s.Find("[data-testid=report-label] [data-testid=label-badge] span[dir=auto]").Text())
		if r.ClaimReviewed != quote || r.ReviewRating.AlternateName != label || r.URL != public+"#"+id {
			t.Errorf("claim %d: page %q %q #%s; JSON-LD %q %q %s", i, quote, label, id, r.ClaimReviewed, r.ReviewRating.AlternateName, r.URL)
		}
	})
	var ld any
	json.Unmarshal([]byte(blocks[0][1]), &ld)
	if vocab := schematest.Dir(); vocab != "" {
		v := schematest.Load(t)
		if probs := v.Check(ld); len(probs) > 0 {
			t.Errorf("the page's JSON-LD is not valid schema.org: %v", probs)
		}
	}
	// Withdrawn: the address stops answering at once; unknown tokens 404.
	p = d.ed.get(d.reportPath)
	id, _ := p.doc.Find("[data-testid=public-link] input[name=link]").Attr("value")
	if p := d.rev.post(d.reportPath+"/withdraw", url.Values{"link": {id}}, true); p.status != http.StatusForbidden {
		t.Errorf("a reviewer withdrawing: %d", p.status)
	}
	if p := d.ed.post("/articles/9999/report/withdraw", url.Values{"link": {id}}, true); p.status != http.StatusNotFound {
		t.Errorf("withdrawing through another article: %d", p.status)
	}
	p = d.ed.post(d.reportPath+"/withdraw", url.Values{"link": {id}}, true)
	if !strings.Contains(text(p, "[data-testid=flash]"), "withdrawn") || p.doc.Find("[data-testid=withdrawn]").Length() != 1 ||
		p.doc.Find("[data-testid=public-url]").Length() != 0 {
		t.Errorf("after withdrawing: %q", text(p, "[data-testid=flash]"))
	}
	gone := anon.get(u.Path)
	if gone.status != http.StatusGone || !strings.Contains(text(gone, "[data-testid=error-message]"), "لم يعد") {
		t.Errorf("withdrawn report: %d %q", gone.status, text(gone, "[data-testid=error-message]"))
	}
	if p := anon.get("/r/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"); p.status != http.StatusNotFound {
		t.Errorf("unknown token: %d", p.status)
	}
}

func TestOrganisationSettingsPage(t *testing.T) {
	t.Parallel()
	d := newRDesk(t, "en")
	if p := d.ed.get("/admin/settings"); p.status != http.StatusForbidden {
		t.Errorf("an editor on the settings: %d", p.status)
	}
	p := d.adm.get("/admin/settings")
	if v, _ := p.doc.Find("#f-name").Attr("value"); p.status != 200 || v != "Example Desk" {
		t.Fatalf("settings form: %d %q", p.status, v)
	}
	version, _ := p.doc.Find("[data-testid=settings-form] input[name=version]").Attr("value")
	form := url.Values{"name": {"مكتب المثال"}, "url": {"javascript:alert(1)"}, "methodology_ar": {"نقرأ **الوثائق**."}, "version": {version}}
	p = d.adm.post("/admin/settings", form, true)
	if p.status != http.StatusUnprocessableEntity || text(p, "#err-url") == "" {
		t.Fatalf("a javascript: address: %d %q", p.status, text(p, "#err-url"))
	}
	if v, _ := p.doc.Find("#f-name").Attr("value"); v != "مكتب المثال" {
		t.Errorf("the typed name was not kept: %q", v)
	}
	form.Set("url", "https://desk.example.org/ar")
	p = d.adm.post("/admin/settings", form, true)
	if p.url != "/admin/settings" || !strings.Contains(text(p, "[data-testid=flash]"), "saved") {
		t.Fatalf("save: %s %d %q", p.url, p.status, text(p, "[data-testid=flash]"))
	}
	// The same stale form again: refused, what is stored shown, the typed
	// text kept.
	form.Set("name", "Stale name")
	p = d.adm.post("/admin/settings", form, true)
	if p.status != http.StatusConflict || p.doc.Find("[data-testid=settings-conflict]").Length() != 1 ||
		!strings.Contains(text(p, "[data-testid=settings-stored]"), "مكتب المثال") {
		t.Errorf("stale save: %d %q", p.status, text(p, "[data-testid=settings-stored]"))
	}
	if v, _ := p.doc.Find("#f-name").Attr("value"); v != "Stale name" {
		t.Errorf("typed name after the conflict: %q", v)
	}
	// Reports show the new settings; the English one falls back to the
	// Arabic methodology, marked as Arabic.
	p = d.rev.get(d.reportPath)
	if lang, _ := p.doc.Find("[data-testid=report-methodology] .reasoning").Attr("lang"); lang != "ar" || !strings.Contains(text(p, "[data-testid=report-methodology]"), "الوثائق") {
		t.Errorf("methodology fallback: lang %q text %q", lang, text(p, "[data-testid=report-methodology]"))
	}
}

// Every page of this feature is translated in both languages, the dynamic
// keys (format.*, format_hint.*, stance.*, lang.*) included.
func TestReportVocabularyTranslated(t *testing.T) {
	t.Parallel()
	missing := regexp.MustCompile(`![a-z_]+\.[a-z_.]+`)
	for _, lang := range []string{"en", "ar"} {
		d := newRDesk(t, lang)
		d.ed.get(d.reportPath)
		d.ed.post(d.reportPath+"/publish", url.Values{"lang": {"ar"}}, true)
		d.ed.post(d.reportPath+"/publish", url.Values{"lang": {"en"}}, true)
		p := d.ed.get(d.reportPath)
		id, _ := p.doc.Find("[data-testid=public-link] input[name=link]").Attr("value")
		d.ed.post(d.reportPath+"/withdraw", url.Values{"link": {id}}, true)
		p = d.ed.get(d.reportPath)
		var public string
		p.doc.Find("[data-testid=public-url]").Each(func(_ int, s *goquery.Selection) { public = s.Text() })
		pu, _ := url.Parse(public)
		for _, path := range []string{d.reportPath, "/exports", "/claims", "/admin/settings", pu.Path, "/articles/" + itoa(d.art.ID)} {
			c := d.ed
			if path == "/admin/settings" {
				c = d.adm
			}
			p := c.get(path)
			if p.status != 200 {
				t.Errorf("%s %s: %d", lang, path, p.status)
			}
			if m := missing.FindString(p.body); m != "" {
				t.Errorf("%s %s: untranslated key %s", lang, path, m)
			}
		}
		ep := d.ed.get("/exports")
		for _, f := range export.Formats {
			for _, key := range []string{"format." + string(f), "format_hint." + string(f)} {
				if !i18n.Has(key) || !strings.Contains(ep.doc.Text(), i18n.Lang(lang).T(key)) {
					t.Errorf("%s: the export page lacks %s", lang, key)
				}
			}
		}
	}
	for _, s := range sources.Stances {
		if !i18n.Has("stance." + string(s)) {
			t.Errorf("stance.%s missing", s)
		}
	}
}
