package web_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/export"
	"github.com/factdesk/factdesk/claims/export/schematest"
	"github.com/factdesk/factdesk/sources"
	"github.com/factdesk/factdesk/web/browsertest"
	"github.com/factdesk/factdesk/web/i18n"
)

// reportTexts is the content of one language's report journey.
type reportTexts struct {
	desk, title, body            string
	loss, shares, store, pending string // quotes in the body
	conclusion, corrected, note  string
}

var reportContent = map[string]reportTexts{
	"ar": {desk: "مكتب المثال للتحقق", title: "خسائر إنفيديا بعد ديب سيك",
		body: "خسرت شركة إنفيديا نحو 900 مليار دولار من قيمتها السوقية في يوم واحد، بعدما تراجعت أسهمها بنحو 20 %. " +
			"واعتلى تطبيق ديب سيك قائمة التطبيقات المجانية في متجر أبل. وقالت الشركة إنها لم تجمع أي تمويل خارجي.",
		loss: "نحو 900 مليار دولار", shares: "تراجعت أسهمها بنحو 20 %", store: "اعتلى تطبيق ديب سيك قائمة التطبيقات المجانية",
		pending: "لم تجمع أي تمويل خارجي", conclusion: "خسرت إنفيديا نحو 600 مليار دولار", corrected: "خسرت إنفيديا 593 مليار دولار",
		note: "اعتمدنا رقم الإغلاق الرسمي."},
	"en": {desk: "Example Fact-Check Desk", title: "Nvidia's losses after DeepSeek",
		body: "Nvidia lost about $900 billion of its market value in a single session, as its shares dropped by about 20%. " +
			"The DeepSeek app topped the free apps chart of Apple's App Store. The company said it had raised no outside money.",
		loss: "about $900 billion", shares: "its shares dropped by about 20%", store: "The DeepSeek app topped the free apps chart",
		pending: "it had raised no outside money", conclusion: "Nvidia lost about $600 billion", corrected: "Nvidia lost $593 billion",
		note: "We now use the official closing figure."},
}

func TestJourneyReports(t *testing.T) {
	inBothLanguages(t, func(t *testing.T, b *browsertest.Browser, hc *browsertest.HTMLChecker, lang string) {
		journeyReports(t, b, hc, b.ExecPath, lang, reportContent[lang])
	})
}

// download is a response fetched by the page itself (its cookies, its
// origin), as a click on a download button gets it.
type download struct {
	Status      int    `json:"status"`
	Type        string `json:"type"`
	Disposition string `json:"disposition"`
	Body        string `json:"body"` // text, or base64 with binary
}

func (p *jpage) fetch(t *testing.T, href string, binary bool) download {
	t.Helper()
	body := `await r.text()`
	if binary {
		body = `await (async () => { const b = new Uint8Array(await r.arrayBuffer()); let s = "";
			for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode.apply(null, b.subarray(i, i + 0x8000)); return btoa(s); })()`
	}
	return browsertest.Eval[download](t, p.Page, `fetch(`+jsQuote(href)+`, {credentials: "same-origin"}).then(async r => ({status: r.status,
		type: r.headers.get("content-type") || "", disposition: r.headers.get("content-disposition") || "", body: `+body+`}))`)
}

// pdfTitle reads the document title from a PDF's information dictionary
// (UTF-16 in hex, as Chromium writes it, or a literal string).
func pdfTitle(pdf []byte) string {
	if m := regexp.MustCompile(`/Title\s*<FEFF([0-9A-Fa-f]*)>`).FindSubmatch(pdf); m != nil {
		b, _ := hex.DecodeString(string(m[1]))
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		}
		return string(utf16.Decode(u))
	}
	if m := regexp.MustCompile(`/Title\s*\(([^)]*)\)`).FindSubmatch(pdf); m != nil {
		return string(m[1])
	}
	return ""
}

func journeyReports(t *testing.T, b *browsertest.Browser, hc *browsertest.HTMLChecker, chromium, lang string, c reportTexts) {
	L := i18n.Lang(lang)
	d := startJourneyDeskWith(t, chromium)
	ctx := context.Background()
	adminUser := journeyUser(t, d.srv, "admin@example.org", "Ada Admin", "admin")
	revUser := journeyUser(t, d.srv, "reviewer@example.org", "Rana Reviewer", "reviewer")
	edUser := journeyUser(t, d.srv, "editor@example.org", "Elias Editor", "editor")
	ed2User := journeyUser(t, d.srv, "editor2@example.org", "Eve Editor", "editor")
	name := func(s string) string { return s + " (" + lang + ")" }

	// The desk (the verdict journeys cover writing and reviewing verdicts
	// through the pages): a corrected verdict, a true one, an off-scale
	// one, and a claim still being checked.
	rev, ed, ed2 := claims.Actor{ID: revUser.ID, Role: claims.RoleReviewer}, claims.Actor{ID: edUser.ID, Role: claims.RoleEditor},
		claims.Actor{ID: ed2User.ID, Role: claims.RoleEditor}
	if _, err := d.svc.SaveOrganisation(ctx, claims.Actor{ID: adminUser.ID, Role: claims.RoleAdmin}, claims.Organisation{Name: c.desk,
		URL: "https://desk.example.org", MethodologyEN: "We go to the **primary source** first.", MethodologyAR: "نعود إلى **المصدر الأصلي** أولًا.",
		CorrectionsEN: "We correct openly.", CorrectionsAR: "نصحّح علنًا."}); err != nil {
		t.Fatal(err)
	}
	art, err := d.svc.CreateArticle(ctx, rev, claims.NewArticle{Title: c.title, Outlet: "The Example Daily", Body: c.body, Lang: lang,
		PublishedOn: "2025-01-28", URL: "https://news.example.com/nvidia"})
	if err != nil {
		t.Fatal(err)
	}
	labels := map[string]int64{}
	ls, _ := d.svc.Labels(ctx, false)
	for _, l := range ls {
		labels[l.NameEN] = l.ID
	}
	claim := func(quote, typ, amount string, v claims.Value) claims.Claim {
		cl, err := d.svc.CreateClaim(ctx, rev, art.ID, claims.ClaimInput{Statement: quote, Quote: quote, Type: typ, Amount: amount, Value: v, Start: -1, End: -1})
		if err != nil {
			t.Fatalf("claim %q: %v", quote, err)
		}
		src := d.ev.src
		if _, _, err := src.AddEvidenceWithSource(ctx, rev.ID, cl.ID, sources.Input{URL: "https://www.reuters.com/" + typ, Title: "Reuters: " + typ,
			Publisher: "Reuters", Kind: "news", ArchiveURL: "https://web.archive.org/web/2025/https://www.reuters.com/" + typ},
			sources.EvidenceInput{Stance: "refutes", Passage: "Shares closed 17% lower.", Location: "paragraph 3"}); err != nil {
			t.Fatal(err)
		}
		return cl
	}
	publish := func(cl claims.Claim, label, conclusion, amount string) {
		v, err := d.svc.SaveVerdict(ctx, rev, cl.ID, claims.VerdictInput{LabelID: labels[label], Conclusion: conclusion,
			Reasoning: "[Reuters](https://www.reuters.com/) reported the figure.", Amount: amount, Verified: claims.Value{Currency: "USD"}}, true)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.svc.Approve(ctx, ed, v.ID, v.Version); err != nil {
			t.Fatal(err)
		}
	}
	loss := claim(c.loss, "market", "900000000000", claims.Value{Currency: "USD", Qualifier: "about"})
	shares := claim(c.shares, "percent", "20", claims.Value{Qualifier: "about"})
	store := claim(c.store, "event", "", claims.Value{})
	pending := claim(c.pending, "event", "", claims.Value{})
	publish(loss, "Mostly false", c.conclusion, "600000000000")
	vs, _ := d.svc.Verdicts(ctx, loss.ID)
	corr, err := d.svc.OpenCorrection(ctx, ed, loss.ID, claims.VerdictInput{LabelID: labels["Mostly false"], Conclusion: c.corrected,
		Reasoning: "LSEG data.", Amount: "593000000000", Verified: claims.Value{Currency: "USD"}, CorrectionNote: c.note, Version: vs[0].Version}, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.svc.Approve(ctx, ed2, corr.ID, corr.Version); err != nil {
		t.Fatal(err)
	}
	publish(shares, "Mostly false", "17%", "")
	publish(store, "Unverifiable", "The chart changes every hour", "")
	_ = pending

	// 1. The editor opens the report from the article page.
	edp := openJourneyPage(t, b, d.base, lang)
	edp.signIn(t, "editor@example.org")
	edp.open(t, "/articles/"+itoa(art.ID))
	edp.click(t, "[data-testid=article-report]")
	reportPath := "/articles/" + itoa(art.ID) + "/report"
	edp.wantPath(t, "report", regexp.MustCompile("^"+reportPath+"$"))
	edp.wantLang(t, "report", lang)
	if got := edp.textOf(t, "[data-testid=report-title]"); got != c.title {
		t.Errorf("report title = %q", got)
	}
	if n := edp.count(t, "[data-testid=report-claim]"); n != 3 {
		t.Errorf("%d claims in the report; want 3", n)
	}
	if got, want := edp.textOf(t, "[data-testid=report-pending]"), L.F("report.pending", L.Num(1)); got != want {
		t.Errorf("pending = %q; want %q", got, want)
	}
	if n := edp.count(t, "[data-testid=report-text] mark.hl"); n != 3 {
		t.Errorf("%d highlights in the text", n)
	}
	// The highlight has the label's colour, from the label stylesheet.
	bg := browsertest.Eval[string](t, edp.Page, `getComputedStyle(document.querySelector("[data-testid=report-text] mark.hl")).borderBottomColor`)
	if bg != "rgb(212, 88, 15)" { // Mostly false: #d4580f
		t.Errorf("highlight colour = %s; want the label's #d4580f", bg)
	}
	if got := edp.textOf(t, "[data-testid=report-correction]"); !strings.Contains(got, c.note) || !strings.Contains(got, c.conclusion) {
		t.Errorf("correction = %q", got)
	}
	if browsertest.Eval[bool](t, edp.Page, `document.querySelector("[data-testid=report-print]").hidden`) {
		t.Error("the Print button stays hidden with JavaScript")
	}
	edp.audit(t, hc, name("report"))
	edp.screenshot(t, name("report-1-page"), screenshotWide)

	// 2. Print: A4, no navigation, links spelled out, claims kept whole,
	// right to left in Arabic.
	setMedia := func(m string) {
		edp.Run(t, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
			return err
		}))
	}
	setMedia("print")
	printed := browsertest.Eval[struct {
		Nav, Tools, BreakInside, After, Href, Direction, PageSize string
		Matches                                                   bool
	}](t, edp.Page, `(() => {
		let size = "";
		for (const sheet of document.styleSheets) { for (const r of sheet.cssRules) { if (r instanceof CSSPageRule) size = r.style.getPropertyValue("size"); } }
		const link = document.querySelector(".report a[href^='http']");
		return {Nav: getComputedStyle(document.querySelector("header.top")).display, Tools: getComputedStyle(document.querySelector("[data-testid=report-tools]")).display,
			BreakInside: getComputedStyle(document.querySelector(".report-claim")).breakInside, After: getComputedStyle(link, "::after").content, Href: link.href,
			Direction: getComputedStyle(document.querySelector(".report")).direction, PageSize: size, Matches: matchMedia("print").matches};
	})()`)
	setMedia("")
	wantDir := map[string]string{"ar": "rtl", "en": "ltr"}[lang]
	if !printed.Matches || printed.Nav != "none" || printed.Tools != "none" || !strings.HasPrefix(printed.BreakInside, "avoid") ||
		!strings.Contains(printed.After, printed.Href) || printed.Href == "" || printed.Direction != wantDir || !strings.EqualFold(printed.PageSize, "A4") {
		t.Errorf("print media: %+v", printed)
	}

	// 3. PDF, rendered by the server with headless Chromium.
	pdfHref := edp.attr(t, "[data-testid=report-pdf]", "href")
	dl := edp.fetch(t, pdfHref, true)
	pdf, _ := base64.StdEncoding.DecodeString(dl.Body)
	pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
	if dl.Status != 200 || dl.Type != "application/pdf" || !bytes.HasPrefix(pdf, []byte("%PDF-")) || len(pdf) < 10000 || pages < 1 ||
		!strings.Contains(pdfTitle(pdf), c.title) || !strings.Contains(dl.Disposition, "attachment") {
		t.Errorf("PDF: status %d, type %q, %d bytes, %d pages, title %q", dl.Status, dl.Type, len(pdf), pages, pdfTitle(pdf))
	}

	// 4. Every export of the article, downloaded and read.
	var vocab *schematest.Vocab
	if schematest.Dir() != "" {
		vocab = schematest.Load(t)
	}
	for _, f := range export.Formats {
		href := edp.attr(t, "[data-testid=export-"+string(f)+"]", "href")
		dl := edp.fetch(t, href, false)
		if dl.Status != 200 || dl.Type != f.ContentType() || !strings.Contains(dl.Disposition, `filename="factdesk-article-`+itoa(art.ID)) {
			t.Errorf("%s: %d %q %q", f, dl.Status, dl.Type, dl.Disposition)
			continue
		}
		switch f {
		case export.CSV:
			rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(dl.Body, "\ufeff"))).ReadAll()
			if err != nil || len(rows) != 5 || rows[0][8] != L.T("csv.verdict") {
				t.Errorf("CSV: %v %d rows", err, len(rows))
			}
		case export.JSON:
			var doc export.Document
			if err := json.Unmarshal([]byte(dl.Body), &doc); err != nil || len(doc.Claims) != 4 || doc.Lang != lang || doc.Articles[0].Title != c.title {
				t.Errorf("JSON: %v %d claims", err, len(doc.Claims))
			}
		case export.Markdown:
			if !strings.Contains(dl.Body, "# "+c.title) || !strings.Contains(dl.Body, L.T("report.methodology")) {
				t.Errorf("Markdown:\n%s", dl.Body)
			}
		case export.ClaimReview:
			var doc any
			var reviews []export.ClaimReviewJSON
			if err := json.Unmarshal([]byte(dl.Body), &doc); err != nil || json.Unmarshal([]byte(dl.Body), &reviews) != nil || len(reviews) != 3 {
				t.Errorf("ClaimReview: %v %d", err, len(reviews))
			} else if vocab != nil {
				if probs := vocab.Check(doc); len(probs) > 0 {
					t.Errorf("ClaimReview export against schema.org: %v", probs)
				}
			}
		}
	}

	// 5. The editor publishes the report at a public link.
	edp.click(t, "[data-testid=publish]")
	edp.wantFlash(t, "after publishing", L.T("report.published_flash"))
	public := edp.textOf(t, "[data-testid=public-url]")
	if !strings.HasPrefix(public, d.base+"/r/") {
		t.Fatalf("public address %q", public)
	}
	edp.audit(t, hc, name("report, published"))

	// 6. A reader with no account opens it: the report, its JSON-LD
	// consistent with what the page shows, nothing of the desk.
	reader := openJourneyPage(t, b, d.base, map[string]string{"ar": "en", "en": "ar"}[lang])
	if st := reader.NavigateStatus(t, public); st != 200 {
		t.Fatalf("public report: %d", st)
	}
	reader.wantLang(t, "public report", lang)
	if reader.count(t, "nav, form, header.top") != 0 {
		t.Error("the public report shows the desk's navigation or forms")
	}
	if got := reader.textOf(t, "[data-testid=desk-name]"); got != c.desk {
		t.Errorf("desk = %q", got)
	}
	consistent := browsertest.Eval[[]string](t, reader.Page, `(() => {
		const ld = JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent);
		const items = Array.from(document.querySelectorAll("[data-testid=report-claim]"));
		if (!Array.isArray(ld) || ld.length !== items.length) return ["JSON-LD has " + (Array.isArray(ld) ? ld.length : "no array") + ", the page " + items.length];
		const out = [];
		items.forEach((el, i) => {
			const r = ld[i];
			const quote = el.querySelector("[data-testid=report-quote]").textContent.trim();
			const label = el.querySelector("[data-testid=report-label] [data-testid=label-badge] span[dir=auto]").textContent.trim();
			if (r["@type"] !== "ClaimReview" || r.claimReviewed !== quote || r.reviewRating.alternateName !== label || r.url !== location.href.split("#")[0] + "#" + el.id)
				out.push(i + ": " + JSON.stringify([r.claimReviewed, quote, r.reviewRating.alternateName, label, r.url, el.id]));
		});
		return out;
	})()`)
	if len(consistent) > 0 {
		t.Errorf("JSON-LD and page differ: %v", consistent)
	}
	reader.audit(t, hc, name("public report"))
	reader.screenshot(t, name("report-2-public"), screenshotWide)

	// 7. The editor withdraws it: the address answers 410 at once.
	edp.click(t, "[data-testid=withdraw]")
	edp.wantFlash(t, "after withdrawing", L.T("report.withdrawn_flash"))
	if edp.count(t, "[data-testid=withdrawn]") != 1 || edp.count(t, "[data-testid=public-url]") != 0 {
		t.Error("the withdrawn link is not shown as withdrawn")
	}
	if st := reader.NavigateStatus(t, public); st != http.StatusGone {
		t.Errorf("withdrawn public report: %d; want 410", st)
	}
	reader.audit(t, hc, name("withdrawn public report"))

	// 8. The claim list's exports follow its filters; the export page and
	// the organisation settings.
	edp.open(t, "/claims?status=published")
	href := edp.attr(t, "[data-testid=export-csv]", "href")
	dl = edp.fetch(t, href, false)
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(dl.Body, "\ufeff"))).ReadAll()
	if err != nil || len(rows) != 4 {
		t.Errorf("claim list CSV of published claims: %v, %d rows", err, len(rows))
	}
	edp.audit(t, hc, name("claim list with exports"))
	edp.click(t, `nav a[href="/exports"]`)
	edp.audit(t, hc, name("export page"))
	adm := openJourneyPage(t, b, d.base, lang)
	adm.signIn(t, "admin@example.org")
	adm.open(t, "/admin/settings")
	adm.fill(t, map[string]string{"#f-url": "javascript:alert(1)"})
	adm.click(t, "[data-testid=settings-save]")
	if st := adm.status.Load(); st != http.StatusUnprocessableEntity {
		t.Errorf("a javascript: address: status %d", st)
	}
	adm.audit(t, hc, name("settings refused"))
	adm.fill(t, map[string]string{"#f-url": "https://desk.example.org/" + lang, "#f-name": c.desk + " 2"})
	adm.click(t, "[data-testid=settings-save]")
	adm.wantFlash(t, "after saving the settings", L.T("settings.saved"))
	adm.audit(t, hc, name("settings"))
	edp.open(t, reportPath)
	if got := browsertest.Eval[string](t, edp.Page, `document.querySelector(".report-kicker").textContent`); !strings.Contains(got, c.desk+" 2") {
		t.Errorf("the report does not name the desk as set: %q", got)
	}
}

// attr is an attribute of the first element matching sel.
func (p *jpage) attr(t *testing.T, sel, name string) string {
	t.Helper()
	v := browsertest.Eval[string](t, p.Page, `(() => { const el = document.querySelector(`+jsQuote(sel)+`); return el ? (el.getAttribute(`+jsQuote(name)+`) || "") : "" })()`)
	if v == "" {
		t.Fatalf("on %s: no %s on %s", p.path(t), name, sel)
	}
	return v
}
