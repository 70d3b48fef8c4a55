package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/web/browsertest"
	"github.com/factdesk/factdesk/web/i18n"
)

// searchTexts is the content of one language's search journey: an article
// and a claim logged in it (the "home" claim), and its twin in the other
// language with a published verdict and evidence.
type searchTexts struct {
	title, body                 string
	home, homeQuote, homeAmount string
	twin, twinLang, twinAmount  string
	twinLabel, twinConclusion   string
	typed, typedMark            string // typed in the navigation box, and the word it marks
	typedClaims                 int    // the claims it finds
	noJS, noJSMark              string // submitted without JavaScript
	onPage, onPageMark          string // typed on the search page
}

var searchContent = map[string]searchTexts{
	"ar": {
		title: "إنفيديا تخسر في يوم واحد",
		body: "خسرت شركة إنفيديا نحو 900 مليار دولار من قيمتها السوقية في يوم واحد بعد إطلاق نموذج ديب سيك. " +
			"وتراجعت أسهم الشركة بنحو 17 في المئة.",
		home: "خسرت شركة إنفيديا نحو 900 مليار دولار من قيمتها السوقية", homeQuote: "نحو 900 مليار دولار", homeAmount: "900 مليار",
		twin: "Nvidia lost about $900 billion of its market value in one day", twinLang: "en", twinAmount: "900 billion",
		twinLabel: "Mostly false", twinConclusion: "Nvidia lost about $593 billion, not $900 billion",
		typed: "انفيديا", typedMark: "إنفيديا", typedClaims: 2, // the English twin too, by the name
		noJS: "٩٠٠ مليار", noJSMark: "900",
		onPage: "الشركه", onPageMark: "شركة",
	},
	"en": {
		title: "Nvidia's record losses",
		body: "Nvidia recorded losses of about $593 billion in market value in a single day after the DeepSeek release. " +
			"Its shares fell by about 17 percent.",
		home: "Nvidia recorded losses of about $593 billion in market value", homeQuote: "$593 billion", homeAmount: "593 billion",
		twin: "سجلت إنفيديا خسارة بلغت 593 مليار دولار من قيمتها السوقية", twinLang: "ar", twinAmount: "593 مليار",
		twinLabel: "True", twinConclusion: "الخسارة صحيحة بحسب بيانات البورصة",
		typed: "vidi", typedMark: "Nvidia", typedClaims: 1,
		noJS: "LOSS", noJSMark: "losses",
		onPage: "market values", onPageMark: "market",
	},
}

// startSearchJourney starts the app with an admin, a reviewer and an
// editor, the article with its claim, and the twin with its published
// verdict; it returns the home claim's path and the twin's id.
func startSearchJourney(t *testing.T, lang string, c searchTexts) (base, homePath string, twinID int64) {
	t.Helper()
	ctx := context.Background()
	d := startJourneyDesk(t)
	srv, svc, src := d.srv, d.svc, d.ev.src
	journeyUser(t, srv, "admin@example.org", "Admin", "admin")
	rev := journeyUser(t, srv, "reviewer@example.org", "Rana Reviewer", "reviewer")
	ed := journeyUser(t, srv, "editor@example.org", "Elias Editor", "editor")
	ed2 := journeyUser(t, srv, "editor2@example.org", "Eva Editor", "editor")
	ra := claims.Actor{ID: rev.ID, Role: claims.RoleReviewer}
	art, err := svc.CreateArticle(ctx, ra, claims.NewArticle{Title: c.title, Outlet: "Test", Body: c.body, Lang: lang, PublishedOn: "2025-01-28"})
	if err != nil {
		t.Fatal(err)
	}
	home, err := svc.CreateClaim(ctx, ra, art.ID, claims.ClaimInput{Statement: c.home, Type: "market", Quote: c.homeQuote, Start: -1, End: -1,
		Amount: c.homeAmount, Value: claims.Value{Currency: "USD"}})
	if err != nil {
		t.Fatal(err)
	}
	twin, err := svc.CreateClaim(ctx, ra, 0, claims.ClaimInput{Statement: c.twin, Type: "market", Start: -1, End: -1, Lang: c.twinLang,
		Amount: c.twinAmount, Value: claims.Value{Currency: "USD"}})
	if err != nil {
		t.Fatal(err)
	}
	ev := &evidence{t: t, src: src, userID: rev.ID}
	ev.add(twin.ID)
	labels, err := svc.Labels(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	var label int64
	for _, l := range labels {
		if l.NameEN == c.twinLabel {
			label = l.ID
		}
	}
	v, err := svc.SaveVerdict(ctx, claims.Actor{ID: ed2.ID, Role: claims.RoleEditor}, twin.ID, claims.VerdictInput{LabelID: label,
		Conclusion: c.twinConclusion, Reasoning: "Exchange data, see the sources.", Amount: "593,000,000,000", Verified: claims.Value{Currency: "USD"}}, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Approve(ctx, claims.Actor{ID: ed.ID, Role: claims.RoleEditor}, v.ID, v.Version); err != nil {
		t.Fatal(err)
	}
	return d.base, "/claims/" + itoa(home.ID), twin.ID
}

// waitText waits until the text of sel contains want.
func (p *jpage) waitText(t *testing.T, sel, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(p.textOf(t, sel), want) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("on %s: %s did not come to contain %q within 10s (has %q)", p.path(t), sel, want, p.textOf(t, sel))
}

func (p *jpage) marks(t *testing.T, sel string) []string {
	t.Helper()
	return browsertest.Eval[[]string](t, p.Page, `Array.from(document.querySelectorAll(`+jsQuote(sel+" mark")+`), m => m.textContent)`)
}

func TestJourneySearchAndCheckedBefore(t *testing.T) {
	t.Parallel()
	b := browsertest.New(t)
	hc := browsertest.NewHTMLChecker(t)
	for _, lang := range []string{"ar", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			journeySearch(t, b, hc, lang, searchContent[lang])
		})
	}
	t.Cleanup(func() { hc.Check(t) })
}

func journeySearch(t *testing.T, b *browsertest.Browser, hc *browsertest.HTMLChecker, lang string, c searchTexts) {
	L := i18n.Lang(lang)
	base, homePath, twinID := startSearchJourney(t, lang, c)
	name := func(s string) string { return "search: " + s + " (" + lang + ")" }

	rev := openJourneyPage(t, b, base, lang)
	rev.signIn(t, "reviewer@example.org")

	// 1. Typing in the navigation box shows results under it, the page stays.
	rev.fill(t, map[string]string{"#nav-q": c.typed})
	rev.waitFor(t, "#nav-search-results [data-testid=pop-hit]")
	if got := rev.path(t); got != "/" {
		t.Errorf("typing in the box left the page: %s", got)
	}
	if got := rev.marks(t, "#nav-search-results"); !contains(got, c.typedMark) {
		t.Errorf("typed %q: marks %q, want %q", c.typed, got, c.typedMark)
	}
	if hidden := browsertest.Eval[bool](t, rev.Page, `document.getElementById("nav-search-results").hidden`); hidden {
		t.Errorf("the results panel is hidden")
	}
	rev.audit(t, hc, name("home with the results panel"))

	// 2. Enter: the full search page, results grouped by kind.
	rev.click(t, "[data-testid=nav-search-submit]")
	if got := rev.path(t); !strings.HasPrefix(got, "/search?") {
		t.Fatalf("submitting the box led to %s", got)
	}
	if got, want := rev.Text(t, "[data-testid=search-group-claim] h2"), L.T("search.group.claim"); got != want {
		t.Errorf("claim group heading = %q, want %q", got, want)
	}
	if n := rev.count(t, "[data-testid=search-group-claim] [data-testid=search-hit]"); n != c.typedClaims {
		t.Errorf("claims found: %d, want %d", n, c.typedClaims)
	}
	if rev.count(t, "[data-testid=search-group-article]") != 1 {
		t.Errorf("the article is not found")
	}
	rev.audit(t, hc, name("search page"))

	// 3. Typing on the search page replaces the results in place.
	rev.fill(t, map[string]string{"#f-q": c.onPage})
	rev.waitText(t, "[data-testid=search-results] mark", c.onPageMark)
	if got := rev.path(t); !strings.HasPrefix(got, "/search?") || !strings.Contains(got, "q=") {
		t.Errorf("the address does not follow the query: %s", got)
	}
	rev.audit(t, hc, name("search page, typed"))

	// 4. Without JavaScript, the box is a plain form.
	nojs := openJourneyPage(t, b, base, lang)
	nojs.Run(t, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	nojs.signIn(t, "reviewer@example.org")
	nojs.fill(t, map[string]string{"#nav-q": c.noJS})
	if nojs.count(t, "#nav-search-results [data-testid=pop-hit]") != 0 {
		t.Errorf("results appeared as you type with JavaScript off")
	}
	nojs.click(t, "[data-testid=nav-search-submit]")
	if got := nojs.marks(t, "[data-testid=search-group-claim]"); !contains(got, c.noJSMark) {
		t.Errorf("no-JS search %q: marks %q, want %q", c.noJS, got, c.noJSMark)
	}
	hc.Add(name("search page without JavaScript"), nojs.Source(t))

	// 5. The claim page shows its twin, checked before, with its verdict.
	rev.open(t, homePath)
	twinSel := `[data-testid=similar-item]:has(a[href="/claims/` + itoa(twinID) + `"])`
	if rev.count(t, twinSel) != 1 {
		t.Fatalf("the twin is not among the look-alikes: %q", rev.textOf(t, "[data-testid=checked-before]"))
	}
	reasons := rev.textOf(t, twinSel+" .similar-head")
	for _, r := range []string{"same_figure", "shared_names"} {
		if !strings.Contains(reasons, L.T("checked.reason."+r)) {
			t.Errorf("reasons %q lack %q", reasons, L.T("checked.reason."+r))
		}
	}
	if got := rev.textOf(t, twinSel+" [data-testid=label-badge]"); got == "" {
		t.Errorf("the twin's published verdict is not shown")
	}
	rev.audit(t, hc, name("claim page, checked before"))

	// 6. Link it as the same claim.
	rev.click(t, twinSel+" [data-testid=link-twin]")
	rev.wantFlash(t, "after linking", L.T("checked.linked"))
	if rev.count(t, "[data-testid=twin]") != 1 {
		t.Errorf("the linked twin is not listed")
	}
	if hist := rev.textOf(t, "[data-testid=history]"); !strings.Contains(hist, L.T("history.link.added")) {
		t.Errorf("history = %q", hist)
	}

	// 7. Reuse its sources: its evidence is attached here.
	rev.click(t, "[data-testid=twin] [data-testid=reuse-sources]")
	rev.wantFlash(t, "after reusing the sources", L.F("checked.reused", L.Num(1)))
	if n := rev.count(t, "[data-testid=evidence] [data-testid=evidence-source]"); n != 1 {
		t.Errorf("evidence after reusing: %d", n)
	}
	rev.audit(t, hc, name("claim page, linked twin"))

	// 8. An editor carries the twin's verdict: a draft, still to review.
	ed := openJourneyPage(t, b, base, lang)
	ed.signIn(t, "editor@example.org")
	ed.open(t, homePath)
	ed.click(t, "[data-testid=twin] [data-testid=carry-here]")
	ed.wantFlash(t, "after carrying", L.F("checked.carried", "#"+itoa(twinID)))
	if got := ed.textOf(t, "[data-testid=verdict-section]"); !strings.Contains(got, c.twinConclusion) || !strings.Contains(got, L.T("vstate.draft")) {
		t.Errorf("verdict section after carrying = %q", got)
	}
	ed.audit(t, hc, name("claim page, verdict carried"))
}

func contains(xs []string, want string) bool {
	for _, x := range xs {
		if x == want {
			return true
		}
	}
	return false
}
