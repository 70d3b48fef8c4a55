package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/migrations/dbtest"
	"github.com/factdesk/factdesk/web"
	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/browsertest"
	"github.com/factdesk/factdesk/web/desk"
	"github.com/factdesk/factdesk/web/i18n"
)

// journeyPassword is long enough for the password rules.
const journeyPassword = "journey password 2025"

// startJourneyServer starts the app on a fresh database and returns its URL.
func startJourneyServer(t *testing.T) (baseURL string) {
	t.Helper()
	base, _ := startJourneyApp(t)
	return base
}

// startJourneyApp is startJourneyServer that also returns the server, to
// create users directly.
func startJourneyApp(t *testing.T) (string, *web.Server) {
	t.Helper()
	d := startJourneyDesk(t)
	return d.base, d.srv
}

// journeyDesk is a running app with its claims service and a helper that
// attaches real evidence to claims.
type journeyDesk struct {
	base string
	srv  *web.Server
	svc  *claims.Service
	ev   *evidence
}

func startJourneyDesk(t *testing.T) journeyDesk {
	t.Helper()
	return startJourneyDeskWith(t, "")
}

// startJourneyDeskWith is startJourneyDesk whose server prints PDFs with
// chromium (none when empty).
func startJourneyDeskWith(t *testing.T, chromium string) journeyDesk {
	t.Helper()
	db := dbtest.New(t) // SQLite, or PostgreSQL with FACTDESK_TEST_PG
	dk := desk.New(db)
	svc, src := dk.Claims, dk.Sources
	ev := &evidence{t: t, src: src}
	srv := web.New(web.Config{Desk: dk, Chromium: chromium, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return journeyDesk{base: ts.URL, srv: srv, svc: svc, ev: ev}
}

func journeyUser(t *testing.T, srv *web.Server, email, name, role string) auth.User {
	t.Helper()
	u, err := srv.Users().CreateUser(context.Background(), auth.NewUser{Email: email, Name: name, Role: role, Password: journeyPassword})
	if err != nil {
		t.Fatalf("creating %s: %v", email, err)
	}
	return u
}

// jpage is one browser user: a tab in its own browser context that records
// the HTTP status of each top-level document.
type jpage struct {
	*browsertest.Page
	base   string
	status atomic.Int64
}

func openJourneyPage(t *testing.T, b *browsertest.Browser, base, lang string) *jpage {
	t.Helper()
	p := &jpage{Page: b.NewContext(t, lang), base: base}
	err := chromedp.Listen(p.Ctx, func(ev any) {
		if e, ok := ev.(*network.EventResponseReceived); ok && e.Type == network.ResourceTypeDocument && e.Response != nil {
			p.status.Store(e.Response.Status)
		}
	})
	if err != nil {
		t.Fatalf("listening to network events: %v", err)
	}
	return p
}

func jsQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// open loads a path of the app and returns the HTTP status.
func (p *jpage) open(t *testing.T, path string) int {
	t.Helper()
	return p.NavigateStatus(t, p.base+path)
}

// path is the current location without the server's base URL.
func (p *jpage) path(t *testing.T) string {
	t.Helper()
	return strings.TrimPrefix(p.URL(t), p.base)
}

// fill sets form fields (CSS selector → value) and fires input and change
// events; it fails when a field is missing or refuses the value (e.g. a
// select without that option).
func (p *jpage) fill(t *testing.T, fields map[string]string) {
	t.Helper()
	data, _ := json.Marshal(fields)
	msg := browsertest.Eval[string](t, p.Page, `((fields) => {
  for (const [sel, val] of Object.entries(fields)) {
    const el = document.querySelector(sel);
    if (!el) return "no element " + sel;
    el.focus();
    el.value = val;
    if (el.value !== val) return sel + " refused the value " + JSON.stringify(val) + " (has " + JSON.stringify(el.value) + ")";
    el.dispatchEvent(new Event("input", {bubbles: true}));
    el.dispatchEvent(new Event("change", {bubbles: true}));
  }
  return "";
})(`+string(data)+`)`)
	if msg != "" {
		t.Fatalf("filling the form on %s: %s", p.path(t), msg)
	}
}

// value is the current .value of a form field ("" when absent).
func (p *jpage) value(t *testing.T, sel string) string {
	t.Helper()
	return browsertest.Eval[string](t, p.Page, `(() => { const el = document.querySelector(`+jsQuote(sel)+`); return el ? String(el.value) : "" })()`)
}

// count is the number of elements matching sel.
func (p *jpage) count(t *testing.T, sel string) int {
	t.Helper()
	return browsertest.Eval[int](t, p.Page, `document.querySelectorAll(`+jsQuote(sel)+`).length`)
}

// textOf is the innerText of the first element matching sel, "" when absent
// (without waiting, unlike Page.Text).
func (p *jpage) textOf(t *testing.T, sel string) string {
	t.Helper()
	return browsertest.Eval[string](t, p.Page, `(() => { const el = document.querySelector(`+jsQuote(sel)+`); return el ? el.innerText : "" })()`)
}

// click clicks the element and waits until a new document has loaded (the
// form was submitted and its response, after redirects, is shown).
func (p *jpage) click(t *testing.T, sel string) {
	t.Helper()
	p.andLoad(t, "clicking "+sel, chromedp.Click(chromedp.CSS(sel)))
}

// andLoad runs the action (a click, a key press) and waits until a new
// document has loaded: up to a minute, since some actions are long (an
// import of 1,285 fact-checks takes seconds, and several times that on a
// machine busy with other suites).
func (p *jpage) andLoad(t *testing.T, what string, action chromedp.Action[chromedp.Void]) {
	t.Helper()
	p.Run(t, chromedp.Evaluate[chromedp.Void](`void (window.__journeyOld = true)`))
	p.Run(t, action)
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(p.Ctx, 2*time.Second)
		done, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!window.__journeyOld && document.readyState === "complete"`))
		cancel()
		if err == nil && done {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s did not load a new page within a minute (at %s)", what, p.path(t))
}

// check clicks a radio button or checkbox (no page load).
func (p *jpage) check(t *testing.T, sel string) {
	t.Helper()
	if !browsertest.Eval[bool](t, p.Page, `(() => { const el = document.querySelector(`+jsQuote(sel)+`); if (!el) return false; el.click(); return el.checked; })()`) {
		t.Fatalf("on %s: cannot check %s", p.path(t), sel)
	}
}

// flash is the text of the flash messages.
func (p *jpage) flash(t *testing.T) string {
	t.Helper()
	return strings.Join(browsertest.Eval[[]string](t, p.Page, `Array.from(document.querySelectorAll("[data-testid=flash]"), e => e.innerText.trim())`), " | ")
}

// htmlLangDir is the lang and dir of <html>.
func (p *jpage) htmlLangDir(t *testing.T) (string, string) {
	t.Helper()
	v := browsertest.Eval[[]string](t, p.Page, `[document.documentElement.lang, document.documentElement.dir]`)
	return v[0], v[1]
}

func (p *jpage) wantLang(t *testing.T, where, lang string) {
	t.Helper()
	l, d := p.htmlLangDir(t)
	want := i18n.Lang(lang)
	if l != lang || d != want.Dir() {
		t.Errorf("%s: <html lang=%q dir=%q>, want lang=%q dir=%q", where, l, d, lang, want.Dir())
	}
}

func (p *jpage) wantFlash(t *testing.T, where, want string) {
	t.Helper()
	if got := p.flash(t); !strings.Contains(got, want) {
		t.Errorf("%s: flash = %q, want it to contain %q", where, got, want)
	}
}

func (p *jpage) wantPath(t *testing.T, where string, re *regexp.Regexp) []string {
	t.Helper()
	path := p.path(t)
	m := re.FindStringSubmatch(path)
	if m == nil {
		t.Fatalf("%s: at %s, want a path matching %s; page: %.300q", where, path, re, p.textOf(t, "main"))
	}
	return m
}

// audit runs axe-core on the page and queues its served HTML for vnu.
func (p *jpage) audit(t *testing.T, hc *browsertest.HTMLChecker, name string) {
	t.Helper()
	p.CheckAxe(t)
	hc.Add(name, p.Source(t))
}

func (p *jpage) signIn(t *testing.T, email string) {
	t.Helper()
	p.open(t, "/signin")
	p.fill(t, map[string]string{"#f-email": email, "#f-password": journeyPassword})
	p.click(t, "[data-testid=signin-submit]")
	if got := p.path(t); got != "/" {
		t.Fatalf("after signing in as %s: at %s, want /; flash %q", email, got, p.flash(t))
	}
}

func (p *jpage) signOut(t *testing.T) {
	t.Helper()
	p.click(t, "[data-testid=signout]")
	if got := p.path(t); got != "/signin" {
		t.Errorf("after signing out: at %s, want /signin", got)
	}
}

// selectText selects the first occurrence of sub inside the article text, as
// a user dragging the mouse would, and waits for the selection bar.
func (p *jpage) selectText(t *testing.T, sub string) {
	t.Helper()
	ok := browsertest.Eval[bool](t, p.Page, `((sub) => {
  const root = document.querySelector("[data-article-text]");
  const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let n;
  while ((n = w.nextNode())) {
    const i = n.nodeValue.indexOf(sub);
    if (i < 0) continue;
    const r = document.createRange();
    r.setStart(n, i);
    r.setEnd(n, i + sub.length);
    const s = document.getSelection();
    s.removeAllRanges();
    s.addRange(r);
    return true;
  }
  return false;
})(`+jsQuote(sub)+`)`)
	if !ok {
		t.Fatalf("no text node of the article text contains %q", sub)
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if browsertest.Eval[bool](t, p.Page, `(() => {
  const bar = document.querySelector("[data-selection-bar]");
  return !bar.hidden && bar.querySelector("[name=quote]").value === `+jsQuote(sub)+`;
})()`) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the selection bar did not show the selected quote %q (quote field %q)", sub,
		p.value(t, "[data-selection-bar] [name=quote]"))
}

// ---------------------------------------------------------------------------

func TestJourneySetupSigninLanguage(t *testing.T) {
	t.Parallel()
	base := startJourneyServer(t)
	b := browsertest.New(t)
	hc := browsertest.NewHTMLChecker(t)
	ar, en := i18n.AR, i18n.EN

	admin := openJourneyPage(t, b, base, "ar")

	// First visit: no admin yet, so / leads to /setup, in Arabic.
	admin.open(t, "/")
	if got := admin.path(t); got != "/setup" {
		t.Fatalf("/ with no admin: at %s, want /setup", got)
	}
	admin.wantLang(t, "setup page", "ar")
	if got, want := admin.Text(t, "h1"), ar.T("setup.title"); got != want {
		t.Errorf("setup h1 = %q, want %q", got, want)
	}
	admin.audit(t, hc, "setup (ar)")

	admin.fill(t, map[string]string{"#f-name": "سارة المديرة", "#f-email": "admin@example.org", "#f-password": journeyPassword})
	admin.click(t, `form[action="/setup"] button[type=submit]`)
	if got := admin.path(t); got != "/" {
		t.Fatalf("after setup: at %s, want /", got)
	}
	admin.wantFlash(t, "after setup", ar.T("setup.done"))
	admin.wantLang(t, "home after setup", "ar")
	if got := admin.textOf(t, "header .who"); got != "سارة المديرة" {
		t.Errorf("signed-in name in the header = %q", got)
	}
	admin.audit(t, hc, "home (ar)")

	// Setup cannot run twice.
	admin.open(t, "/setup")
	if got := admin.path(t); got == "/setup" && admin.count(t, `form[action="/setup"]`) > 0 {
		t.Errorf("/setup still shows the setup form after the admin exists")
	}

	// The admin creates a reviewer.
	if st := admin.open(t, "/admin/users"); st != http.StatusOK {
		t.Fatalf("/admin/users as admin: status %d", st)
	}
	if n := admin.count(t, "[data-testid=users] tbody tr"); n != 1 {
		t.Errorf("users table has %d rows before creating the reviewer, want 1", n)
	}
	admin.audit(t, hc, "users (ar)")
	admin.fill(t, map[string]string{
		"[data-testid=new-user] #f-name":     "Rami Reviewer",
		"[data-testid=new-user] #f-email":    "reviewer@example.org",
		"[data-testid=new-user] #f-role":     "reviewer",
		"[data-testid=new-user] #f-password": journeyPassword,
	})
	admin.click(t, "[data-testid=new-user] button[type=submit]")
	admin.wantFlash(t, "after creating the reviewer", ar.T("users.created"))
	if st := admin.open(t, "/admin/users"); st != http.StatusOK {
		t.Fatalf("/admin/users: status %d", st)
	}
	row := `[data-testid="user-reviewer@example.org"]`
	if admin.count(t, row) != 1 {
		t.Fatalf("no row %s in the users table; table text: %q", row, admin.textOf(t, "[data-testid=users]"))
	}
	if got := admin.textOf(t, row); !strings.Contains(got, "Rami Reviewer") || !strings.Contains(got, ar.T("role.reviewer")) {
		t.Errorf("reviewer row = %q, want the name and the role %q", got, ar.T("role.reviewer"))
	}
	if n := admin.count(t, "[data-testid=users] tbody tr"); n != 2 {
		t.Errorf("users table has %d rows, want 2", n)
	}

	// Switch to English: the same page comes back in English.
	admin.click(t, "[data-testid=lang-switch]")
	admin.wantLang(t, "after switching to English", "en")
	if got := admin.path(t); got != "/admin/users" {
		t.Errorf("after switching language: at %s, want /admin/users (same page)", got)
	}
	if got, want := admin.Text(t, "h1"), en.T("users.title"); got != want {
		t.Errorf("users h1 after switch = %q, want %q", got, want)
	}
	admin.audit(t, hc, "users (en)")

	// Sign out; drop the language cookie so that only the per-user choice can
	// bring English back (the context's Accept-Language is Arabic).
	admin.signOut(t)
	admin.wantFlash(t, "after sign-out", en.T("signout.done"))
	admin.audit(t, hc, "signin (en)")
	admin.Run(t, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, network.DeleteCookies, network.DeleteCookiesParams{Name: "factdesk_lang", URL: base + "/"})
		return err
	}))
	admin.open(t, "/signin")
	admin.wantLang(t, "sign-in page without the language cookie (Accept-Language ar)", "ar")
	admin.audit(t, hc, "signin (ar)")
	admin.signIn(t, "admin@example.org")
	admin.wantLang(t, "after signing in again (remembered per user)", "en")
	admin.wantFlash(t, "after signing in again", en.F("signin.welcome", "سارة المديرة"))
	admin.audit(t, hc, "home (en)")
	admin.signOut(t)

	// The reviewer signs in (English browser) and may not manage users.
	rev := openJourneyPage(t, b, base, "en")
	rev.open(t, "/")
	if got := rev.path(t); !strings.HasPrefix(got, "/signin") {
		t.Errorf("/ signed out: at %s, want the sign-in page", got)
	}
	rev.wantLang(t, "reviewer's sign-in page", "en")
	rev.signIn(t, "reviewer@example.org")
	rev.wantLang(t, "reviewer home", "en")
	if rev.count(t, `nav a[href="/admin/users"]`) != 0 {
		t.Errorf("the reviewer's navigation links to /admin/users")
	}
	if st := rev.open(t, "/admin/users"); st != http.StatusForbidden {
		t.Errorf("/admin/users as reviewer: status %d, want 403", st)
	}
	if got, want := rev.Text(t, "[data-testid=error-message]"), en.T("error.403"); got != want {
		t.Errorf("403 message = %q, want %q", got, want)
	}
	if rev.count(t, "[data-testid=users]") != 0 {
		t.Errorf("the 403 page shows the users table")
	}
	rev.audit(t, hc, "403 (en)")

	hc.Check(t)
}

// ---------------------------------------------------------------------------

// journeyTexts is the content of one language's journey.
type journeyTexts struct {
	title, outlet, body string
	money               string // a money or market figure in the body
	moneyAmount         string // as the claim form writes it
	percent             string
	percentAmount       string
	date, dateValue     string
	quote, speaker      string
	nojs                string // logged through the form without a selection
	search              string // a word only the quote claim contains
	htmlDoc, htmlPara   string // an uploaded page and a paragraph of its story
	htmlTitle           string
	txtDoc, txtTitle    string
}

var journeyContent = map[string]journeyTexts{
	"ar": {
		title:  "خسائر إنفيديا بعد ديب سيك",
		outlet: "صحيفة الاختبار",
		body: "خسرت شركة إنفيديا 900 مليار دولار من قيمتها السوقية في يوم واحد. " +
			"وتراجعت أسهمها بنحو 20 % بعد انتشار الخبر. " +
			"وجاء ذلك في 20 يناير 2025 بعد إطلاق ديب سيك نموذجها الجديد. " +
			"وقالت ديب سيك إن تدريب النموذج كلّف 6 ملايين دولار فقط. " +
			`قال ترامب إن ذلك "جرس إنذار" للشركات الأمريكية.`,
		money: "900 مليار دولار", moneyAmount: "900,000,000,000",
		percent: "بنحو 20 %", percentAmount: "20",
		date: "20 يناير 2025", dateValue: "2025-01-20",
		quote: `قال ترامب إن ذلك "جرس إنذار" للشركات`, speaker: "ترامب",
		nojs:   "6 ملايين دولار",
		search: "ترامب",
		htmlDoc: `<!DOCTYPE html><html lang="ar"><head><meta charset="utf-8"><title>أسواق الخليج تتراجع</title>
<script>document.write("سكربت خبيث")</script><style>body{color:red}</style></head>
<body><nav><a href="/">الرئيسية</a> <a href="/sport">قائمة الرياضة</a></nav>
<article><h1>أسواق الخليج تتراجع</h1>
<p>تراجعت البورصات الخليجية بنسبة 3 % في تعاملات الأحد.</p>
<p>وقال محللون إن التراجع مؤقت.</p></article>
<footer>حقوق النشر محفوظة للموقع</footer><script>alert("x")</script></body></html>`,
		htmlPara:  "تراجعت البورصات الخليجية بنسبة 3 % في تعاملات الأحد.",
		htmlTitle: "أسواق الخليج تتراجع",
		txtDoc:    "ارتفع سعر الذهب إلى 2700 دولار للأوقية.\n\nوتوقع المتعاملون مزيدًا من الصعود.\n",
		txtTitle:  "الذهب يرتفع",
	},
	"en": {
		title:  "Nvidia's losses after DeepSeek",
		outlet: "The Test Gazette",
		body: "Nvidia lost $593 billion in market value in a single day. " +
			"Its shares fell 17% as investors reacted to the news. " +
			"The sell-off happened on January 27, 2025, a week after DeepSeek released its model. " +
			"DeepSeek said training the model cost only $6 million. " +
			`Trump said it was a "wake-up call" for American companies.`,
		money: "$593 billion", moneyAmount: "593,000,000,000",
		percent: "17%", percentAmount: "17",
		date: "January 27, 2025", dateValue: "2025-01-27",
		quote: `Trump said it was a "wake-up call"`, speaker: "Trump",
		nojs:   "$6 million",
		search: "Trump",
		htmlDoc: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Gulf markets slip</title>
<script>document.write("evil script text")</script><style>body{color:red}</style></head>
<body><nav><a href="/">Home</a> <a href="/sport">Sport menu</a></nav>
<article><h1>Gulf markets slip</h1>
<p>Gulf stock markets fell 3% in Sunday trading.</p>
<p>Analysts said the drop was temporary.</p></article>
<footer>Copyright notice of the site</footer><script>alert("x")</script></body></html>`,
		htmlPara:  "Gulf stock markets fell 3% in Sunday trading.",
		htmlTitle: "Gulf markets slip",
		txtDoc:    "Gold rose to $2,700 an ounce.\n\nTraders expect further gains.\n",
		txtTitle:  "Gold climbs",
	},
}

// inBothLanguages runs a journey once in Arabic and once in English, in
// parallel, in one browser, and checks every page both runs sent to the
// HTML checker at the end.
func inBothLanguages(t *testing.T, journey func(t *testing.T, b *browsertest.Browser, hc *browsertest.HTMLChecker, lang string)) {
	t.Helper()
	t.Parallel()
	b := browsertest.New(t)
	hc := browsertest.NewHTMLChecker(t)
	for _, lang := range []string{"ar", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			journey(t, b, hc, lang)
		})
	}
	t.Cleanup(func() { hc.Check(t) })
}

func TestJourneyArticlesAndClaims(t *testing.T) {
	inBothLanguages(t, func(t *testing.T, b *browsertest.Browser, hc *browsertest.HTMLChecker, lang string) {
		journeyArticlesAndClaims(t, b, hc, lang, journeyContent[lang])
	})
}

var (
	reArticle  = regexp.MustCompile(`^/articles/(\d+)$`)
	reClaim    = regexp.MustCompile(`^/claims/(\d+)$`)
	reClaimNew = regexp.MustCompile(`^/articles/(\d+)/claims/new(\?.*)?$`)
)

func journeyArticlesAndClaims(t *testing.T, b *browsertest.Browser, hc *browsertest.HTMLChecker, lang string, c journeyTexts) {
	L := i18n.Lang(lang)
	base, srv := startJourneyApp(t)
	journeyUser(t, srv, "admin@example.org", "Admin", "admin") // so / does not lead to /setup
	reviewer := journeyUser(t, srv, "reviewer@example.org", "Rana Reviewer", "reviewer")
	journeyUser(t, srv, "editor@example.org", "Elias Editor", "editor")
	name := func(s string) string { return s + " (" + lang + ")" }

	rev := openJourneyPage(t, b, base, lang)
	rev.signIn(t, "reviewer@example.org")
	rev.wantLang(t, "reviewer home", lang)

	// Article list (empty) and the new-article form.
	rev.open(t, "/articles")
	if got, want := rev.Text(t, "h1"), L.T("articles.title"); got != want {
		t.Errorf("articles h1 = %q, want %q", got, want)
	}
	rev.audit(t, hc, name("article list, empty"))
	rev.click(t, "[data-testid=add-article]")
	if got := rev.path(t); got != "/articles/new" {
		t.Fatalf("add-article link: at %s, want /articles/new", got)
	}
	rev.audit(t, hc, name("new article form"))

	// 1. Paste an article.
	rev.fill(t, map[string]string{
		"#f-title": c.title, "#f-outlet": c.outlet, "#f-url": "https://news.example.org/story",
		"#f-author": "Author", "#f-published_on": "2025-01-28", "#f-lang": lang, "#f-body": c.body,
	})
	rev.click(t, "[data-testid=article-submit]")
	articleID := rev.wantPath(t, "after adding the pasted article", reArticle)[1]
	articlePath := "/articles/" + articleID
	rev.wantFlash(t, "after adding the article", L.T("articles.created"))
	if got := rev.Text(t, "h1"); got != c.title {
		t.Errorf("article h1 = %q, want %q", got, c.title)
	}
	if got := rev.textOf(t, "[data-testid=article-text]"); strings.TrimSpace(got) != c.body {
		t.Errorf("article text = %q, want the pasted body %q", got, c.body)
	}
	if got := browsertest.Eval[string](t, rev.Page, `document.querySelector("[data-testid=article-text]").getAttribute("lang")`); got != lang {
		t.Errorf("article text lang = %q, want %q", got, lang)
	}
	if n := rev.count(t, "[data-testid=article-claims] li"); n != 0 {
		t.Errorf("new article lists %d claims", n)
	}
	rev.audit(t, hc, name("article page, no claims"))

	// 2. Upload an HTML page: the story's text only, no script, nav or footer.
	dir := t.TempDir()
	htmlPath := filepath.Join(dir, "story.html")
	txtPath := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(htmlPath, []byte(c.htmlDoc), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(txtPath, []byte(c.txtDoc), 0o644); err != nil {
		t.Fatal(err)
	}
	rev.open(t, "/articles/new")
	rev.Run(t, chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{htmlPath}))
	rev.click(t, "[data-testid=article-submit]")
	htmlID := rev.wantPath(t, "after uploading the HTML file", reArticle)[1]
	if htmlID == articleID {
		t.Errorf("the uploaded page got the id of the pasted article")
	}
	rev.wantFlash(t, "after uploading the HTML file", L.T("articles.created"))
	if got := rev.Text(t, "h1"); got != c.htmlTitle {
		t.Errorf("uploaded page's title = %q, want %q (from <title>)", got, c.htmlTitle)
	}
	text := rev.textOf(t, "[data-testid=article-text]")
	if !strings.Contains(text, c.htmlPara) {
		t.Errorf("uploaded article text lacks %q: %q", c.htmlPara, text)
	}
	for _, bad := range []string{"document.write", "سكربت خبيث", "evil script", "alert(", "color:red", "قائمة الرياضة", "Sport menu", "حقوق النشر", "Copyright notice"} {
		if strings.Contains(text, bad) {
			t.Errorf("uploaded article text contains %q (script, style, nav or footer): %q", bad, text)
		}
	}
	if n := browsertest.Eval[int](t, rev.Page, `document.querySelectorAll("[data-testid=article-text] *").length`); n != 0 {
		t.Errorf("uploaded article text holds %d elements, want plain text", n)
	}

	// 3. Upload a .txt file, with a title typed in the form.
	rev.open(t, "/articles/new")
	rev.fill(t, map[string]string{"#f-title": c.txtTitle})
	rev.Run(t, chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{txtPath}))
	rev.click(t, "[data-testid=article-submit]")
	txtID := rev.wantPath(t, "after uploading the text file", reArticle)[1]
	if txtID == articleID || txtID == htmlID {
		t.Errorf("the text file got an existing article id %s", txtID)
	}
	if got := rev.Text(t, "h1"); got != c.txtTitle {
		t.Errorf("text file article title = %q, want %q", got, c.txtTitle)
	}
	firstLine := strings.SplitN(c.txtDoc, "\n", 2)[0]
	if text := rev.textOf(t, "[data-testid=article-text]"); !strings.Contains(text, firstLine) || !strings.Contains(text, strings.TrimSpace(strings.Split(c.txtDoc, "\n\n")[1])) {
		t.Errorf("text file article text = %q, want both paragraphs of %q", text, c.txtDoc)
	}

	// 4. The same pasted text again leads to the existing article.
	rev.open(t, "/articles/new")
	rev.fill(t, map[string]string{"#f-title": c.title + " (again)", "#f-body": c.body})
	rev.click(t, "[data-testid=article-submit]")
	if got := rev.path(t); got != articlePath {
		t.Errorf("re-adding the same text: at %s, want the existing %s", got, articlePath)
	}
	rev.wantFlash(t, "re-adding the same text", L.T("articles.duplicate"))
	if got := rev.Text(t, "h1"); got != c.title {
		t.Errorf("duplicate led to an article titled %q, want %q", got, c.title)
	}
	rev.open(t, "/articles")
	if n := rev.count(t, "[data-testid=articles] tbody tr"); n != 3 {
		t.Errorf("article list has %d rows, want 3", n)
	}
	rev.audit(t, hc, name("article list"))

	// 5. Log claims from selections in the article text.
	type logged struct{ id, quote, typ, statement string }
	var claimsLogged []logged
	logFromSelection := func(quote string, check func(), extra map[string]string, wantTypes ...string) logged {
		t.Helper()
		rev.open(t, articlePath)
		rev.selectText(t, quote)
		rev.click(t, "[data-testid=log-claim]")
		rev.wantPath(t, "after Log claim", reClaimNew)
		if rev.count(t, "[data-testid=prefilled]") != 1 {
			t.Errorf("claim form for %q: no [data-testid=prefilled] hint", quote)
		}
		if got := rev.value(t, "#f-quote"); got != quote {
			t.Errorf("claim form quote = %q, want the selection %q", got, quote)
		}
		if got := rev.value(t, "#f-statement"); got != quote {
			t.Errorf("claim form statement = %q, want it to start as the quote %q", got, quote)
		}
		typ := rev.value(t, "#f-type")
		okType := false
		for _, w := range wantTypes {
			okType = okType || typ == w
		}
		if !okType {
			t.Errorf("claim form for %q: type = %q, want one of %v", quote, typ, wantTypes)
		}
		if check != nil {
			check()
		}
		if len(claimsLogged) == 0 {
			rev.audit(t, hc, name("claim form, prefilled"))
		}
		if extra != nil {
			rev.fill(t, extra)
			if v, ok := extra["#f-type"]; ok {
				typ = v
			}
		}
		statement := rev.value(t, "#f-statement")
		rev.click(t, "[data-testid=claim-submit]")
		id := rev.wantPath(t, "after saving the claim for "+quote, reClaim)[1]
		rev.wantFlash(t, "after saving the claim", L.T("claims.created"))
		if got := rev.Text(t, "[data-testid=claim-statement]"); got != statement {
			t.Errorf("claim page statement = %q, want %q", got, statement)
		}
		if got, want := rev.textOf(t, "[data-testid=claim-type]"), L.T("type."+typ); got != want {
			t.Errorf("claim page type = %q, want %q", got, want)
		}
		if got, want := rev.textOf(t, "[data-testid=claim-status]"), L.T("status.new"); got != want {
			t.Errorf("claim page status = %q, want %q", got, want)
		}
		if got := rev.textOf(t, "[data-testid=claim-context] mark"); got != quote {
			t.Errorf("claim context highlights %q, want %q (context %q)", got, quote, rev.textOf(t, "[data-testid=claim-context]"))
		}
		if got := rev.textOf(t, "[data-testid=claim-context]"); len([]rune(got)) <= len([]rune(quote)) {
			t.Errorf("claim context %q shows no text around the quote", got)
		}
		if got := browsertest.Eval[string](t, rev.Page, `(document.querySelector("[data-testid=to-text]") || {}).getAttribute ? document.querySelector("[data-testid=to-text]").getAttribute("href") : ""`); got != articlePath+"#hl-"+id {
			t.Errorf("to-text link = %q, want %q", got, articlePath+"#hl-"+id)
		}
		l := logged{id: id, quote: quote, typ: typ, statement: statement}
		claimsLogged = append(claimsLogged, l)
		return l
	}

	money := logFromSelection(c.money, func() {
		if got := rev.value(t, "#f-amount"); got != c.moneyAmount {
			t.Errorf("money claim amount = %q, want %q", got, c.moneyAmount)
		}
		if got := rev.value(t, "#f-currency"); got != "USD" {
			t.Errorf("money claim currency = %q, want USD", got)
		}
	}, nil, "market", "money")
	rev.audit(t, hc, name("claim page"))

	percent := logFromSelection(c.percent, func() {
		if got := rev.value(t, "#f-amount"); got != c.percentAmount {
			t.Errorf("percent claim amount = %q, want %q", got, c.percentAmount)
		}
	}, map[string]string{"#f-assignee": fmt.Sprint(reviewer.ID), "#f-tags": "markets"}, "percent")

	date := logFromSelection(c.date, func() {
		if got := rev.value(t, "#f-value_date"); got != c.dateValue {
			t.Errorf("date claim value_date = %q, want %q", got, c.dateValue)
		}
	}, nil, "date")

	quote := logFromSelection(c.quote, nil, map[string]string{"#f-type": "quote", "#f-speaker": c.speaker},
		"quote", "attribution", "other")
	rev.open(t, "/claims/"+quote.id)
	if got := strings.Join(browsertest.Eval[[]string](t, rev.Page, `Array.from(document.querySelectorAll("[data-testid=value-row]"), e => e.innerText)`), " | "); !strings.Contains(got, c.speaker) {
		t.Errorf("quote claim value rows = %q, want the speaker %q", got, c.speaker)
	}

	// 6. The no-JS path: paste the quote into the form.
	rev.open(t, articlePath)
	rev.click(t, "[data-testid=log-claim-nojs]")
	rev.wantPath(t, "after the no-JS link", reClaimNew)
	if got := rev.value(t, "#f-quote"); got != "" {
		t.Errorf("no-JS claim form quote = %q, want empty", got)
	}
	if rev.count(t, "[data-testid=prefilled]") != 0 {
		t.Errorf("no-JS claim form says it is prefilled")
	}
	nojsStatement := "DeepSeek: " + c.nojs
	rev.fill(t, map[string]string{"#f-quote": c.nojs, "#f-statement": nojsStatement, "#f-type": "money", "#f-amount": "6000000", "#f-currency": "USD"})
	rev.click(t, "[data-testid=claim-submit]")
	nojsID := rev.wantPath(t, "after the no-JS claim", reClaim)[1]
	rev.wantFlash(t, "after the no-JS claim", L.T("claims.created"))
	if got := rev.textOf(t, "[data-testid=claim-context] mark"); got != c.nojs {
		t.Errorf("no-JS claim context highlights %q, want %q", got, c.nojs)
	}
	claimsLogged = append(claimsLogged, logged{id: nojsID, quote: c.nojs, typ: "money", statement: nojsStatement})

	// 7. The article page highlights every claim and links it.
	rev.open(t, articlePath)
	for _, l := range claimsLogged {
		sel := fmt.Sprintf(`[data-testid=article-text] mark#hl-%s a[href="/claims/%s"]`, l.id, l.id)
		if got := rev.textOf(t, sel); got != l.quote {
			t.Errorf("article highlight %s = %q, want %q", sel, got, l.quote)
		}
	}
	if got := strings.TrimSpace(rev.textOf(t, "[data-testid=article-text]")); got != c.body {
		t.Errorf("article text with highlights = %q, want the unchanged body", got)
	}
	if n := rev.count(t, "[data-testid=article-claims] > li"); n != len(claimsLogged) {
		t.Errorf("article lists %d claims, want %d", n, len(claimsLogged))
	}
	rev.audit(t, hc, name("article page with claims"))

	// 8. Claim list and filters.
	rev.open(t, "/claims")
	if n := rev.count(t, "[data-testid=claim-row]"); n != len(claimsLogged) {
		t.Errorf("claim list has %d rows, want %d", n, len(claimsLogged))
	}
	rev.audit(t, hc, name("claim list"))
	rev.fill(t, map[string]string{"#f-type": "date"})
	rev.click(t, "[data-testid=claim-filters] button[type=submit]")
	if got := rev.path(t); !strings.Contains(got, "type=date") {
		t.Errorf("filtering by type: at %s, want type=date in the query", got)
	}
	if n := rev.count(t, "[data-testid=claim-row]"); n != 1 {
		t.Errorf("type=date: %d rows, want 1", n)
	} else if got := rev.textOf(t, "[data-testid=claim-row] a"); got != date.statement {
		t.Errorf("type=date row = %q, want %q", got, date.statement)
	}
	rev.open(t, "/claims")
	rev.fill(t, map[string]string{"#f-q": c.search})
	rev.click(t, "[data-testid=claim-filters] button[type=submit]")
	if n := rev.count(t, "[data-testid=claim-row]"); n != 1 {
		t.Errorf("q=%q: %d rows, want 1", c.search, n)
	} else if got := rev.textOf(t, "[data-testid=claim-row] a"); got != quote.statement {
		t.Errorf("q=%q row = %q, want %q", c.search, got, quote.statement)
	}
	// Text and type together: nothing matches.
	rev.fill(t, map[string]string{"#f-type": "date"})
	rev.click(t, "[data-testid=claim-filters] button[type=submit]")
	if n := rev.count(t, "[data-testid=claim-row]"); n != 0 || rev.count(t, "[data-testid=no-claims]") != 1 {
		t.Errorf("q=%q&type=date: %d rows and %d no-claims messages, want 0 and 1", c.search, n, rev.count(t, "[data-testid=no-claims]"))
	}
	rev.audit(t, hc, name("claim list, no match"))
	rev.open(t, "/claims?tag=markets")
	if n := rev.count(t, "[data-testid=claim-row]"); n != 1 {
		t.Errorf("tag=markets: %d rows, want 1", n)
	}
	rev.open(t, "/claims?mine=1")
	if n := rev.count(t, "[data-testid=claim-row]"); n != 1 {
		t.Errorf("my claims: %d rows, want 1 (the claim assigned to me)", n)
	} else if got := rev.textOf(t, "[data-testid=claim-row] a"); got != percent.statement {
		t.Errorf("my claims row = %q, want %q", got, percent.statement)
	}

	// 9. Workflow: the reviewer starts researching the money claim. Review
	// and publication are verdict steps (see journey_verdicts_test.go): no
	// plain status button offers them.
	claimPath := "/claims/" + money.id
	rev.open(t, claimPath)
	if rev.count(t, "[data-testid=to-published]") != 0 {
		t.Errorf("a new claim offers to-published to the reviewer")
	}
	rev.click(t, "[data-testid=to-researching]")
	if got := rev.path(t); got != claimPath {
		t.Errorf("after to-researching: at %s, want %s", got, claimPath)
	}
	rev.wantFlash(t, "after to-researching", L.T("claims.status_changed"))
	if got, want := rev.textOf(t, "[data-testid=claim-status]"), L.T("status.researching"); got != want {
		t.Errorf("after to-researching: status = %q, want %q", got, want)
	}
	if rev.count(t, "[data-testid=to-in_review]") != 0 || rev.count(t, "[data-testid=to-published]") != 0 {
		t.Errorf("a plain status button offers review or publication")
	}
	// A claim goes to review only with evidence: the page says so until a
	// source is attached (a new one, created on the spot).
	if rev.count(t, "[data-testid=review-needs-evidence]") != 1 {
		t.Errorf("a claim without evidence does not say that review needs evidence")
	}
	rev.check(t, "[data-testid=choice-new]")
	rev.check(t, "[data-testid=stance-refutes]")
	rev.fill(t, map[string]string{"#f-src_url": "https://news.example.org/record-loss", "#f-src_title": "Record loss", "#f-passage": c.money})
	rev.click(t, "[data-testid=attach-submit]")
	rev.wantFlash(t, "after attaching evidence", L.T("evidence.added"))
	if rev.count(t, "[data-testid=review-needs-evidence]") != 0 || rev.count(t, "[data-testid=evidence-refutes] [data-testid=evidence-item]") != 1 {
		t.Errorf("after attaching: the warning stays or the evidence is not listed under refutes")
	}
	if n := rev.count(t, "[data-testid=history] > li"); n < 2 {
		t.Errorf("history has %d entries after creation and a status change, want at least 2", n)
	}

	// The editor may send it back to new, but not publish it without a verdict.
	ed := openJourneyPage(t, b, base, lang)
	ed.signIn(t, "editor@example.org")
	ed.open(t, claimPath)
	if ed.count(t, "[data-testid=to-published]") != 0 || ed.count(t, "[data-testid=to-new]") != 1 {
		t.Errorf("editor on a claim in research: to-published ×%d, to-new ×%d, want 0 and 1",
			ed.count(t, "[data-testid=to-published]"), ed.count(t, "[data-testid=to-new]"))
	}
	ed.audit(t, hc, name("claim page, researching, editor"))
	ed.open(t, "/board")
	if got := ed.textOf(t, "[data-testid=board] section[aria-labelledby=col-researching]"); !strings.Contains(got, money.statement) {
		t.Errorf("board's researching column = %q, want it to list %q", got, money.statement)
	}
	if got := ed.textOf(t, "[data-testid=board] section[aria-labelledby=col-new]"); !strings.Contains(got, date.statement) || strings.Contains(got, money.statement) {
		t.Errorf("board's new column = %q, want %q and not the claim in research", got, date.statement)
	}
	ed.audit(t, hc, name("board"))

	// 10. Edit with a conflict: both open the edit form, the reviewer saves
	// first, the editor's save then meets a 409 with both versions.
	editPath := "/claims/" + date.id + "/edit"
	rev.open(t, "/claims/"+date.id)
	rev.click(t, "[data-testid=edit-claim]")
	if got := rev.path(t); got != editPath {
		t.Fatalf("edit link: at %s, want %s", got, editPath)
	}
	if got := rev.value(t, "#f-statement"); got != date.statement {
		t.Errorf("edit form statement = %q, want %q", got, date.statement)
	}
	if got := rev.value(t, "#f-value_date"); got != c.dateValue {
		t.Errorf("edit form value_date = %q, want %q", got, c.dateValue)
	}
	rev.audit(t, hc, name("claim edit form"))
	if st := ed.open(t, editPath); st != http.StatusOK {
		t.Fatalf("editor opening %s: status %d", editPath, st)
	}
	theirs := "Reviewer's version: " + c.date
	mine := "Editor's version: " + c.date
	rev.fill(t, map[string]string{"#f-statement": theirs})
	rev.click(t, "[data-testid=claim-submit]")
	if got := rev.path(t); got != "/claims/"+date.id {
		t.Errorf("reviewer's save: at %s", got)
	}
	rev.wantFlash(t, "reviewer's save", L.T("claims.saved"))
	if got := rev.Text(t, "[data-testid=claim-statement]"); got != theirs {
		t.Errorf("after the reviewer's save: statement = %q, want %q", got, theirs)
	}
	ed.fill(t, map[string]string{"#f-statement": mine})
	ed.click(t, "[data-testid=claim-submit]")
	if st := ed.status.Load(); st != http.StatusConflict {
		t.Errorf("editor's stale save: status %d, want 409", st)
	}
	if got, want := ed.textOf(t, "[data-testid=conflict]"), L.T("claims.conflict"); got != want {
		t.Errorf("conflict message = %q, want %q", got, want)
	}
	if got := ed.textOf(t, "[data-testid=conflict-theirs]"); !strings.Contains(got, theirs) {
		t.Errorf("conflict-theirs = %q, want it to contain %q", got, theirs)
	}
	if got := ed.textOf(t, "[data-testid=conflict-mine]"); !strings.Contains(got, mine) {
		t.Errorf("conflict-mine = %q, want it to contain %q", got, mine)
	}
	if got := ed.value(t, "#f-statement"); got != mine {
		t.Errorf("after the conflict the form's statement = %q, want the editor's text %q", got, mine)
	}
	ed.audit(t, hc, name("conflict page"))
	// Saving again is a deliberate choice and succeeds.
	ed.click(t, "[data-testid=claim-submit]")
	if got := ed.path(t); got != "/claims/"+date.id {
		t.Errorf("saving again after the conflict: at %s (status %d), want /claims/%s", got, ed.status.Load(), date.id)
	}
	if got := ed.textOf(t, "[data-testid=claim-statement]"); got != mine {
		t.Errorf("after saving again: statement = %q, want %q", got, mine)
	}
}
