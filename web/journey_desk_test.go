package web_test

import (
	"bytes"
	"cmp"
	"context"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/factdesk/factdesk/claims/export"
	"github.com/factdesk/factdesk/claims/export/schematest"
	"github.com/factdesk/factdesk/web/browsertest"
	"github.com/factdesk/factdesk/web/i18n"
)

// deskTexts is what one language's whole-desk journey types. The article is
// the demo article of that language (cmd/factdesk/demo), uploaded as a file;
// the suggestions it accepts are those of the suggestion journey.
type deskTexts struct {
	desk                                string // the organisation, set by the admin
	adminName, reviewerName, editorName string
	selection                           string // logged by selecting it in the text
	newTitle, newURL, newPassage        string // a source entered on the spot (market claim)
	libTitle, libURL, libPublisher      string // a source added to the library first
	quotePassage, fundingPassage        string // the library source's passages
	marketConclusion, marketReasoning   string
	marketDifference                    string // computed from the verified amount
	quoteConclusion, quoteReasoning     string
	comment, revision                   string // the editor's request on the quote, the reviewer's answer
	fundingConclusion, fundingReasoning string
}

var deskContent = map[string]deskTexts{
	"ar": {
		desk:      "مكتب المثال للتحقق",
		selection: "لم تجمع ديب سيك أي تمويل من مستثمرين خارجيين",
		newTitle:  "سهم إنفيديا وقيمتها السوقية في 27 يناير 2025", newURL: "https://data.example.org/ar/nvda-2025-01-27",
		newPassage: "تراجعت القيمة السوقية للشركة بنحو 593 مليار دولار عند الإغلاق.",
		libTitle:   "صعود ديب سيك يهز أسهم التكنولوجيا", libURL: "https://www.example.org/ar/deepseek-selloff", libPublisher: "وكالة المثال",
		quotePassage:      "قال ترامب أمام مؤتمر الجمهوريين في ميامي إن الشركات ستنفق أقل وقد تصل إلى النتيجة نفسها.",
		fundingPassage:    "لم تعلن الشركة عن أي جولة تمويل من مستثمرين خارجيين.",
		marketConclusion:  "خسرت إنفيديا نحو 593 مليار دولار، لا 900 مليار",
		marketReasoning:   "بحسب بيانات الإغلاق بلغت الخسارة **593 مليار دولار**، وهي أكبر خسارة يومية لشركة أمريكية.",
		quoteConclusion:   "قال ترامب ذلك فعلًا في ميامي",
		quoteReasoning:    "نقلت [وكالة المثال](https://www.example.org/ar/deepseek-selloff) التصريح كما ورد.",
		comment:           "أضيفي رابط تسجيل الكلمة.",
		revision:          "\n\nويظهر التصريح في تسجيل الكلمة المنشور.",
		fundingConclusion: "لا سجل علنيًا لأي تمويل خارجي",
		fundingReasoning:  "لم تعلن الشركة ولا مستثمروها عن أي جولة تمويل حتى الآن.",
		marketDifference:  "مبالغ فيه بنسبة ٥١٫٨ %",
		adminName:         "سارة المديرة", reviewerName: "رنا المدققة", editorName: "إلياس المحرر",
	},
	"en": {
		desk:      "Example Fact-Check Desk",
		selection: "DeepSeek has not raised any money from outside investors",
		newTitle:  "Nvidia share price and market value, 27 January 2025", newURL: "https://data.example.org/en/nvda-2025-01-27",
		newPassage: "The company's market value fell by about $593 billion at the close.",
		libTitle:   "DeepSeek's rise shakes technology stocks", libURL: "https://www.example.org/en/deepseek-selloff", libPublisher: "Example Agency",
		quotePassage:      "Trump told the Republican conference in Miami that companies would spend less and could reach the same result.",
		fundingPassage:    "The company has announced no funding round with outside investors.",
		marketConclusion:  "Nvidia lost about $593 billion, not $900 billion",
		marketReasoning:   "Closing data put the loss at **$593 billion**, the largest one-day loss of a US company.",
		quoteConclusion:   "Trump did say this in Miami",
		quoteReasoning:    "[Example Agency](https://www.example.org/en/deepseek-selloff) reported the remark as quoted.",
		comment:           "Add a link to the recording of the speech.",
		revision:          "\n\nThe remark is in the published recording of the speech.",
		fundingConclusion: "There is no public record of outside funding",
		fundingReasoning:  "Neither the company nor its investors have announced a funding round so far.",
		marketDifference:  "overstated by 51.8 %",
		adminName:         "Sara Admin", reviewerName: "Rana Reviewer", editorName: "Elias Editor",
	},
}

func TestJourneyWholeDesk(t *testing.T) {
	inBothLanguages(t, func(t *testing.T, b *browsertest.Browser, hc *browsertest.HTMLChecker, lang string) {
		journeyWholeDesk(t, b, hc, lang, deskContent[lang], suggestJourney[lang])
	})
}

// deskClaim is a claim of the whole-desk journey and what it becomes.
type deskClaim struct {
	id, quote, statement  string // statement: as the claim page shows it
	label                 string // English name of its verdict's label
	conclusion, reasoning string
}

func journeyWholeDesk(t *testing.T, b *browsertest.Browser, hc *browsertest.HTMLChecker, lang string, c deskTexts, s suggestJourneyTexts) {
	L := i18n.Lang(lang)
	ctx := context.Background()
	d := startJourneyDeskWith(t, b.ExecPath) // a fresh database, no account yet; PDFs printed by the tests' Chromium
	name := func(s string) string { return "desk: " + s + " (" + lang + ")" }

	// 1. The admin sets the desk up: the first account, the organisation,
	// a reviewer and an editor.
	adm := openJourneyPage(t, b, d.base, lang)
	adm.open(t, "/")
	if got := adm.path(t); got != "/setup" {
		t.Fatalf("a fresh desk: at %s, want /setup", got)
	}
	adm.audit(t, hc, name("setup"))
	adm.fill(t, map[string]string{"#f-name": c.adminName, "#f-email": "admin@example.org", "#f-password": journeyPassword})
	adm.click(t, `form[action="/setup"] button[type=submit]`)
	adm.wantFlash(t, "after setup", L.T("setup.done"))
	adm.audit(t, hc, name("home, admin"))

	adm.click(t, `nav a[href="/admin/settings"]`)
	adm.audit(t, hc, name("settings"))
	adm.fill(t, map[string]string{"#f-name": c.desk, "#f-url": "https://desk.example.org/" + lang})
	adm.click(t, "[data-testid=settings-save]")
	adm.wantFlash(t, "after saving the settings", L.T("settings.saved"))

	adm.click(t, `nav a[href="/admin/users"]`)
	adm.audit(t, hc, name("users"))
	for _, u := range []struct{ name, email, role string }{
		{c.reviewerName, "reviewer@example.org", "reviewer"},
		{c.editorName, "editor@example.org", "editor"},
	} {
		adm.fill(t, map[string]string{"[data-testid=new-user] #f-name": u.name, "[data-testid=new-user] #f-email": u.email,
			"[data-testid=new-user] #f-role": u.role, "[data-testid=new-user] #f-password": journeyPassword})
		adm.click(t, "[data-testid=new-user] button[type=submit]")
		adm.wantFlash(t, "after creating "+u.email, L.T("users.created"))
		adm.open(t, "/admin/users")
		if got := adm.textOf(t, `[data-testid="user-`+u.email+`"]`); !strings.Contains(got, u.name) || !strings.Contains(got, L.T("role."+u.role)) {
			t.Errorf("users table row of %s = %q, want the name and the role", u.email, got)
		}
	}
	adm.audit(t, hc, name("users, three accounts"))

	// 2. The reviewer, in another browser, uploads the article.
	rev := openJourneyPage(t, b, d.base, lang)
	rev.signIn(t, "reviewer@example.org")
	rev.click(t, `nav a[href="/articles"]`)
	rev.click(t, "[data-testid=add-article]")
	rev.audit(t, hc, name("new article form"))
	file, err := filepath.Abs("../cmd/factdesk/demo/" + s.file)
	if err != nil {
		t.Fatal(err)
	}
	body, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	rev.fill(t, map[string]string{"#f-title": s.title, "#f-outlet": s.outlet, "#f-published_on": "2025-01-28", "#f-lang": lang})
	rev.Run(t, chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{file}))
	rev.click(t, "[data-testid=article-submit]")
	articleID := rev.wantPath(t, "after uploading the article", reArticle)[1]
	articlePath := "/articles/" + articleID
	rev.wantFlash(t, "after uploading the article", L.T("articles.created"))
	lastPara := strings.TrimSpace(string(body))
	lastPara = lastPara[strings.LastIndex(lastPara, "\n")+1:]
	if got := rev.textOf(t, "[data-testid=article-text]"); !strings.Contains(got, lastPara) {
		t.Errorf("the uploaded article's text lacks its last paragraph %q", lastPara)
	}
	if n := rev.count(t, "[data-testid=suggestion]"); n < 10 {
		t.Errorf("%d suggested claims on the uploaded article, want at least 10", n)
	}
	rev.audit(t, hc, name("article with suggestions"))

	// 3. Two suggested claims accepted, one more logged from a selection.
	market := deskClaim{id: rev.logSuggestion(t, L, articlePath, s.market), quote: s.market, label: "Mostly false",
		conclusion: c.marketConclusion, reasoning: c.marketReasoning}
	quote := deskClaim{id: rev.logSuggestion(t, L, articlePath, s.quote), quote: s.quote, label: "True",
		conclusion: c.quoteConclusion, reasoning: c.quoteReasoning}
	rev.open(t, articlePath)
	rev.selectText(t, c.selection)
	rev.click(t, "[data-testid=log-claim]")
	rev.wantPath(t, "after Log claim", reClaimNew)
	if got := rev.value(t, "#f-quote"); got != c.selection {
		t.Errorf("claim form quote = %q, want the selection", got)
	}
	rev.audit(t, hc, name("claim form from a selection"))
	rev.click(t, "[data-testid=claim-submit]")
	funding := deskClaim{id: rev.wantPath(t, "after logging the selection", reClaim)[1], quote: c.selection, label: "Unverifiable",
		conclusion: c.fundingConclusion, reasoning: c.fundingReasoning}
	rev.wantFlash(t, "after logging the selection", L.T("claims.created"))
	published := []*deskClaim{&market, &funding, &quote} // in the order of the text, as the report lists them
	for _, cl := range published {
		rev.open(t, "/claims/"+cl.id)
		cl.statement = rev.textOf(t, "[data-testid=claim-statement]")
		if !strings.Contains(cl.statement, cl.quote) {
			t.Errorf("claim %s: statement %q, want it to hold the quote %q", cl.id, cl.statement, cl.quote)
		}
	}
	rev.open(t, articlePath)
	for _, cl := range published {
		if got := rev.textOf(t, "[data-testid=article-text] mark#hl-"+cl.id); got != cl.quote {
			t.Errorf("highlight of claim %s = %q, want %q", cl.id, got, cl.quote)
		}
	}
	rev.audit(t, hc, name("article with three claims"))

	// 4. Evidence: a new source entered on the spot for the market figure; a
	// source added to the library first, then picked for the two others.
	rev.open(t, "/claims/"+market.id)
	rev.check(t, "[data-testid=choice-new]")
	rev.check(t, "[data-testid=stance-refutes]")
	rev.fill(t, map[string]string{"#f-src_url": c.newURL, "#f-src_title": c.newTitle, "#f-src_kind": "dataset", "#f-passage": c.newPassage})
	rev.click(t, "[data-testid=attach-submit]")
	rev.wantFlash(t, "after attaching a new source", L.T("evidence.added"))
	if got := rev.textOf(t, "[data-testid=evidence-refutes] [data-testid=evidence-source]"); got != c.newTitle {
		t.Errorf("refuting source = %q, want %q", got, c.newTitle)
	}
	rev.audit(t, hc, name("claim page with evidence"))

	rev.click(t, `nav a[href="/sources"]`)
	rev.click(t, "[data-testid=add-source]")
	rev.fill(t, map[string]string{"#f-url": c.libURL, "#f-title": c.libTitle, "#f-publisher": c.libPublisher, "#f-kind": "news",
		"#f-lang": lang, "#f-published_on": "2025-01-28"})
	rev.click(t, "[data-testid=source-submit]")
	libID := strings.TrimPrefix(rev.wantPath(t, "after adding the library source", reSource)[0], "/sources/")
	rev.wantFlash(t, "after adding the library source", L.T("sources.created"))
	rev.open(t, "/sources")
	if n := rev.count(t, "[data-testid=source-row]"); n != 2 {
		t.Errorf("the library lists %d sources, want 2 (the one entered on the spot too)", n)
	}
	rev.audit(t, hc, name("library"))
	for _, e := range []struct {
		cl              deskClaim
		stance, passage string
	}{{quote, "supports", c.quotePassage}, {funding, "context", c.fundingPassage}} {
		rev.open(t, "/claims/"+e.cl.id)
		rev.fill(t, map[string]string{"#f-src_q": c.libTitle})
		rev.waitFor(t, "[data-source-results] [data-testid=choice-"+libID+"]")
		rev.check(t, "[data-testid=choice-"+libID+"]")
		rev.check(t, "[data-testid=stance-"+e.stance+"]")
		rev.fill(t, map[string]string{"#f-passage": e.passage})
		rev.click(t, "[data-testid=attach-submit]")
		rev.wantFlash(t, "after attaching the library source", L.T("evidence.added"))
		if got := rev.textOf(t, "[data-testid=evidence-"+e.stance+"] [data-testid=evidence-source]"); got != c.libTitle {
			t.Errorf("claim %s: %s source = %q, want the library's %q", e.cl.id, e.stance, got, c.libTitle)
		}
	}
	rev.open(t, "/sources/"+libID)
	if n := rev.count(t, "[data-testid=source-uses] li"); n != 2 {
		t.Errorf("the library source lists %d uses, want 2", n)
	}

	// 5. Verdicts proposed on the three claims, sent to review.
	labelID := map[string]string{}
	ls, err := d.svc.Labels(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	labelName := map[string]string{}
	for _, l := range ls {
		labelID[l.NameEN] = strconv.FormatInt(l.ID, 10)
		labelName[l.NameEN] = l.Name(lang)
	}
	for _, cl := range published {
		rev.open(t, "/claims/"+cl.id)
		rev.check(t, "#v-label-"+labelID[cl.label])
		fields := map[string]string{"#v-conclusion": cl.conclusion, "#v-reasoning": cl.reasoning}
		if cl == &market {
			fields["#v-verified_amount"], fields["#v-verified_currency"] = "593,000,000,000", "USD"
		}
		rev.fill(t, fields)
		rev.click(t, "[data-testid=v-submit]")
		rev.wantFlash(t, "after submitting the verdict on "+cl.id, L.T("verdicts.submitted"))
		if got, want := rev.textOf(t, "[data-testid=claim-status]"), L.T("status.in_review"); got != want {
			t.Errorf("claim %s after submitting: status %q, want %q", cl.id, got, want)
		}
	}
	rev.audit(t, hc, name("claim page, in review"))

	// 6. The editor, in a third browser, works through the review queue:
	// changes requested on the quote, the two others approved.
	ed := openJourneyPage(t, b, d.base, lang)
	ed.signIn(t, "editor@example.org")
	if got := ed.textOf(t, "[data-testid=review-count]"); !strings.HasPrefix(got, L.Num(3)) {
		t.Errorf("review count in the navigation = %q, want %s", got, L.Num(3))
	}
	ed.click(t, "[data-testid=nav-review]")
	if n := ed.count(t, "[data-testid=queue-row]"); n != 3 {
		t.Fatalf("review queue rows = %d, want 3", n)
	}
	ed.audit(t, hc, name("review queue"))
	ed.fits(t, lang, "review")
	reviewPath := map[string]string{}
	for _, cl := range published {
		reviewPath[cl.id] = ed.reviewLink(t, cl.statement)
	}
	ed.open(t, reviewPath[quote.id])
	if got := ed.textOf(t, "[data-testid=review-context] mark"); got != quote.quote {
		t.Errorf("review screen context = %q, want the quote marked in its article", got)
	}
	ed.audit(t, hc, name("review screen"))
	ed.fill(t, map[string]string{"#review-comment": c.comment})
	ed.click(t, "[data-testid=request-changes]")
	ed.wantFlash(t, "after requesting changes", L.T("review.sent_back"))
	for _, cl := range []deskClaim{market, funding} {
		ed.open(t, reviewPath[cl.id])
		ed.click(t, "[data-testid=approve]")
		ed.wantFlash(t, "after approving "+cl.id, L.T("review.approved"))
		if got, want := ed.textOf(t, "[data-testid=claim-status]"), L.T("status.published"); got != want {
			t.Errorf("claim %s after approval: status %q, want %q", cl.id, got, want)
		}
	}
	ed.audit(t, hc, name("claim page, published"))

	// 7. The reviewer finds the request in the inbox, revises, resubmits.
	rev.click(t, `nav a[href="/inbox"]`)
	if got := rev.textOf(t, "[data-testid=inbox-changes]"); !strings.Contains(got, quote.statement) {
		t.Errorf("inbox, changes requested = %q, want the quote claim", got)
	}
	rev.audit(t, hc, name("inbox"))
	rev.click(t, "[data-testid=inbox-changes] a")
	if got := rev.textOf(t, "[data-testid=sent-back]"); !strings.Contains(got, c.comment) || !strings.Contains(got, c.editorName) {
		t.Errorf("sent-back note = %q, want the editor's comment and name", got)
	}
	rev.audit(t, hc, name("claim page, changes requested"))
	quote.reasoning += c.revision
	rev.fill(t, map[string]string{"#v-reasoning": quote.reasoning})
	rev.click(t, "[data-testid=v-submit]")
	rev.wantFlash(t, "after resubmitting", L.T("verdicts.submitted"))

	// 8. The editor approves the revision.
	ed.click(t, "[data-testid=nav-review]")
	if n := ed.count(t, "[data-testid=queue-row]"); n != 1 {
		t.Fatalf("review queue rows after the revision = %d, want 1", n)
	}
	ed.click(t, "[data-testid=queue-row] a")
	if got := ed.textOf(t, "[data-testid=review-version] [data-testid=verdict-reasoning]"); !strings.Contains(got, strings.TrimSpace(c.revision)) {
		t.Errorf("the review screen shows reasoning %q, want the revision", got)
	}
	ed.click(t, "[data-testid=approve]")
	ed.wantFlash(t, "after approving the revision", L.T("review.approved"))

	// 9. The report: three published verdicts, every export read back, then
	// published at a public link.
	ed.open(t, articlePath)
	ed.click(t, "[data-testid=article-report]")
	reportPath := ed.wantPath(t, "report", regexp.MustCompile(`^/articles/\d+/report$`))[0]
	if got := ed.textOf(t, "[data-testid=report-title]"); got != s.title {
		t.Errorf("report title = %q, want %q", got, s.title)
	}
	ed.wantReportClaims(t, "the desk's report", published, labelName)
	if got := ed.textOf(t, "#claim-"+market.id+" [data-testid=report-difference]"); got != c.marketDifference {
		t.Errorf("report difference = %q, want %q", got, c.marketDifference)
	}
	if ed.count(t, "[data-testid=report-pending]") != 0 {
		t.Errorf("the report says claims are pending")
	}
	ed.audit(t, hc, name("report"))
	ed.downloadReport(t, lang, s.title, published, labelName)
	ed.click(t, "[data-testid=publish]")
	ed.wantFlash(t, "after publishing", L.T("report.published_flash"))
	public := ed.textOf(t, "[data-testid=public-url]")
	if !strings.HasPrefix(public, d.base+"/r/") {
		t.Fatalf("public address %q", public)
	}
	ed.audit(t, hc, name("report, published"))
	ed.fits(t, lang, "report")

	// 10. A reader with no account, in a fourth browser: the public report
	// shows the verdicts; the desk's own pages ask for a sign-in.
	reader := openJourneyPage(t, b, d.base, lang)
	if st := reader.NavigateStatus(t, public); st != http.StatusOK {
		t.Fatalf("public report: status %d", st)
	}
	reader.wantReportClaims(t, "the public report", published, labelName)
	if got := reader.textOf(t, "[data-testid=desk-name]"); got != c.desk {
		t.Errorf("public report's desk = %q, want %q", got, c.desk)
	}
	if reader.count(t, "nav, form, header.top, [data-testid=exports]") != 0 {
		t.Error("the public report shows the desk's navigation, forms or exports")
	}
	reader.audit(t, hc, name("public report"))
	reader.fits(t, lang, "")
	for _, path := range []string{articlePath, reportPath, "/claims/" + market.id, reportPath + ".pdf"} {
		reader.open(t, path)
		if got := reader.path(t); !strings.HasPrefix(got, "/signin?") {
			t.Errorf("%s signed out: at %s, want the sign-in page", path, got)
		}
		if got := reader.textOf(t, "main"); strings.Contains(got, market.statement) || strings.Contains(got, c.marketConclusion) {
			t.Errorf("%s signed out shows the desk's work: %.200q", path, got)
		}
	}
	reader.wantFlash(t, "a desk page signed out", L.T("signin.required"))
	reader.audit(t, hc, name("sign-in asked"))

	// 11. The main screens at 375 and 1440 px (screenshots for the README).
	rev.open(t, articlePath)
	rev.fits(t, lang, "article")
	rev.open(t, "/claims/"+market.id)
	if got := rev.textOf(t, "[data-testid=verdict-published] [data-testid=verdict-conclusion]"); got != market.conclusion {
		t.Errorf("the published conclusion on the claim page = %q", got)
	}
	rev.audit(t, hc, name("claim page, published, reviewer"))
	rev.fits(t, lang, "claim")
}

// reviewLink is the review screen's path of the queue row whose statement is
// statement.
func (p *jpage) reviewLink(t *testing.T, statement string) string {
	t.Helper()
	href := browsertest.Eval[string](t, p.Page, `(() => {
  for (const a of document.querySelectorAll("[data-testid=queue-row] a")) if (a.textContent === `+jsQuote(statement)+`) return a.getAttribute("href");
  return "";
})()`)
	if !reReview.MatchString(href) {
		t.Fatalf("no review link for %q in the queue (got %q); queue: %q", statement, href, p.textOf(t, "[data-testid=queue]"))
	}
	return href
}

// wantReportClaims checks that the report on the page shows the claims, in
// order, each with its label and conclusion.
func (p *jpage) wantReportClaims(t *testing.T, where string, want []*deskClaim, labelName map[string]string) {
	t.Helper()
	got := browsertest.Eval[[][]string](t, p.Page, `Array.from(document.querySelectorAll("[data-testid=report-claim]"), el => [
  el.id, el.querySelector("[data-testid=report-quote]").textContent.trim(),
  el.querySelector("[data-testid=report-label]").innerText.trim(), el.querySelector("[data-testid=report-conclusion]").textContent.trim()])`)
	if len(got) != len(want) {
		t.Fatalf("%s: %d claims, want %d: %q", where, len(got), len(want), got)
	}
	for i, w := range want {
		if g := got[i]; g[0] != "claim-"+w.id || g[1] != w.statement || !strings.Contains(g[2], labelName[w.label]) || g[3] != w.conclusion {
			t.Errorf("%s: claim %d = %q, want #%s %q, %q, %q", where, i+1, g, w.id, w.statement, labelName[w.label], w.conclusion)
		}
	}
}

// downloadReport fetches the report's PDF and every export offered on the
// report page, as the page's links do, and reads each file back.
func (p *jpage) downloadReport(t *testing.T, lang, title string, want []*deskClaim, labelName map[string]string) {
	t.Helper()
	L := i18n.Lang(lang)
	byID := map[string]*deskClaim{}
	for _, w := range want {
		byID[w.id] = w
	}
	dl := p.fetch(t, p.attr(t, "[data-testid=report-pdf]", "href"), true)
	pdf, _ := base64.StdEncoding.DecodeString(dl.Body)
	if dl.Status != http.StatusOK || dl.Type != "application/pdf" || !bytes.HasPrefix(pdf, []byte("%PDF-")) || !strings.Contains(pdfTitle(pdf), title) {
		t.Errorf("PDF: status %d, type %q, %d bytes, title %q", dl.Status, dl.Type, len(pdf), pdfTitle(pdf))
	}

	var vocab *schematest.Vocab
	if schematest.Dir() != "" {
		vocab = schematest.Load(t)
	}
	offered := browsertest.Eval[[]string](t, p.Page, `Array.from(document.querySelectorAll("[data-testid=exports] a[data-testid^=export-]"), a => a.dataset.testid)`)
	if len(offered) != len(export.Formats) {
		t.Errorf("the report offers exports %q, want one per format (%d)", offered, len(export.Formats))
	}
	for _, f := range export.Formats {
		dl := p.fetch(t, p.attr(t, "[data-testid=export-"+string(f)+"]", "href"), false)
		if dl.Status != http.StatusOK || dl.Type != f.ContentType() || !strings.Contains(dl.Disposition, "attachment") {
			t.Errorf("%s: status %d, type %q, disposition %q", f, dl.Status, dl.Type, dl.Disposition)
			continue
		}
		switch f {
		case export.CSV:
			rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(dl.Body, "\ufeff"))).ReadAll()
			if err != nil || len(rows) != len(want)+1 || rows[0][8] != L.T("csv.verdict") {
				t.Errorf("CSV: %v, %d rows, want a header and %d claims", err, len(rows), len(want))
				continue
			}
			for _, r := range rows[1:] {
				w := byID[r[0]]
				if w == nil || r[3] != w.statement || r[7] != L.T("status.published") || r[8] != labelName[w.label] || r[10] != w.conclusion {
					t.Errorf("CSV row %q: not one of the published claims with its label", r)
				}
			}
		case export.JSON:
			var doc export.Document
			if err := json.Unmarshal([]byte(dl.Body), &doc); err != nil || len(doc.Claims) != len(want) || doc.Lang != lang || len(doc.Articles) != 1 || doc.Articles[0].Title != title {
				t.Errorf("JSON: %v, %d claims, lang %q", err, len(doc.Claims), doc.Lang)
				continue
			}
			for _, cl := range doc.Claims {
				w := byID[strconv.FormatInt(cl.ID, 10)]
				var label, conclusion string
				for _, v := range cl.Verdicts {
					if v.State == "approved" {
						label, conclusion = v.Label, v.Conclusion
					}
				}
				if w == nil || cl.Statement != w.statement || label != labelName[w.label] || conclusion != w.conclusion || len(cl.Evidence) != 1 {
					t.Errorf("JSON claim %d %q: published label %q, conclusion %q, %d evidence", cl.ID, cl.Statement, label, conclusion, len(cl.Evidence))
				}
			}
		case export.Markdown:
			for _, w := range want {
				if !strings.Contains(dl.Body, w.conclusion) {
					t.Errorf("Markdown lacks the conclusion %q", w.conclusion)
				}
			}
			if !strings.Contains(dl.Body, "# "+title) {
				t.Errorf("Markdown lacks the title %q", title)
			}
		case export.ClaimReview:
			var doc any
			var reviews []export.ClaimReviewJSON
			if err := json.Unmarshal([]byte(dl.Body), &doc); err != nil || json.Unmarshal([]byte(dl.Body), &reviews) != nil || len(reviews) != len(want) {
				t.Errorf("ClaimReview: %v, %d reviews", err, len(reviews))
				continue
			}
			rated := map[string]string{}
			for _, r := range reviews {
				if r.Type == "ClaimReview" {
					rated[r.ClaimReviewed] = r.ReviewRating.AlternateName
				}
			}
			for _, w := range want {
				if got := rated[w.statement]; got != labelName[w.label] {
					t.Errorf("ClaimReview of %q: rated %q, want %q", w.statement, got, labelName[w.label])
				}
			}
			if vocab != nil {
				if probs := vocab.Check(doc); len(probs) > 0 {
					t.Errorf("ClaimReview export against schema.org: %v", probs)
				}
			}
		default:
			t.Errorf("export format %s is not read back by this journey", f)
		}
	}
}

// Screenshot widths: a small phone and a laptop.
const (
	screenshotNarrow    = 375
	screenshotWide      = 1440
	screenshotMaxHeight = 1800
)

// screenshot saves a PNG of the top of the page, width px wide and as high
// as the page up to screenshotMaxHeight, named name.png, in the folder named
// by FACTDESK_SCREENSHOTS (make screenshots sets docs/screenshots), else in a
// temporary folder of the test.
func (p *jpage) screenshot(t *testing.T, name string, width int) {
	t.Helper()
	dir := os.Getenv("FACTDESK_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	p.SetViewport(t, width, browsertest.DefaultHeight)
	h := browsertest.Eval[int](t, p.Page, `(window.scrollTo(0, 0), document.documentElement.scrollHeight)`)
	p.SetViewport(t, width, min(h, screenshotMaxHeight))
	p.Screenshot(t, filepath.Join(dir, name+".png"))
	p.SetViewport(t, browsertest.DefaultWidth, browsertest.DefaultHeight)
}

// pageFit is how the page lies in the viewport.
type pageFit struct {
	ScrollWidth, InnerWidth, InnerHeight float64
	Main, Heading                        []float64 // left, right, top, width of <main> and of its h1
	Wide                                 []string  // elements that stick out, when the page scrolls sideways
}

// fits checks the page at 375 and 1440 px wide: nothing makes it scroll
// sideways, <main> spans the viewport (up to its maximum width) with its
// heading inside and starts on the first screen. Unless screen is "", it
// saves a screenshot at each width, named lang-screen-width.
func (p *jpage) fits(t *testing.T, lang, screen string) {
	t.Helper()
	for _, w := range []int{screenshotNarrow, screenshotWide} {
		p.SetViewport(t, w, browsertest.DefaultHeight)
		f := browsertest.Eval[pageFit](t, p.Page, `(() => {
  const de = document.documentElement, vw = window.innerWidth;
  const box = el => { if (!el) return []; const r = el.getBoundingClientRect(); return [r.left, r.right, r.top + window.scrollY, r.width]; };
  const wide = [];
  if (de.scrollWidth > vw) {
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > vw + 0.5 && !el.closest(".skip")) wide.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className ? "." + String(el.className).replace(/ /g, ".") : "") + " " + Math.round(r.right));
    }
  }
  return {ScrollWidth: de.scrollWidth, InnerWidth: vw, InnerHeight: window.innerHeight,
    Main: box(document.querySelector("main")), Heading: box(document.querySelector("main h1")), Wide: wide.slice(0, 10)};
})()`)
		where := fmt.Sprintf("%s (%s) at %d px", cmp.Or(screen, p.path(t)), lang, w)
		if f.ScrollWidth > f.InnerWidth {
			t.Errorf("%s: the page is %v px wide, wider than the viewport: %q", where, f.ScrollWidth, f.Wide)
		}
		if len(f.Main) != 4 || len(f.Heading) != 4 {
			t.Errorf("%s: no <main> or no heading in it", where)
		} else {
			mainWant := min(f.InnerWidth, 72*16) - 1
			if f.Main[0] < 0 || f.Main[1] > f.InnerWidth || f.Main[3] < mainWant || f.Main[2] >= f.InnerHeight {
				t.Errorf("%s: <main> at left %v, right %v, top %v, width %v: want it inside the viewport, at least %v wide, starting on the first screen",
					where, f.Main[0], f.Main[1], f.Main[2], f.Main[3], mainWant)
			}
			if f.Heading[0] < 0 || f.Heading[1] > f.InnerWidth || f.Heading[3] <= 0 {
				t.Errorf("%s: the heading lies at %v…%v", where, f.Heading[0], f.Heading[1])
			}
		}
		if screen != "" {
			p.screenshot(t, fmt.Sprintf("%s-%s-%d", lang, screen, w), w)
		}
	}
	p.SetViewport(t, browsertest.DefaultWidth, browsertest.DefaultHeight)
}
