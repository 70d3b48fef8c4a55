package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/migrations/dbtest"
	"github.com/factdesk/factdesk/web"
	"github.com/factdesk/factdesk/web/browsertest"
	"github.com/factdesk/factdesk/web/desk"
	"github.com/factdesk/factdesk/web/i18n"
)

// sourcesTexts is the content of one language's sources journey.
type sourcesTexts struct {
	title1, publisher1, url1, published1, wantPublished1 string
	dupURL                                               string // url1 written another way
	search                                               string // matches title1 only, typed differently
	title2, url2                                         string // a primary document
	titleNew, urlNew                                     string // created on the spot from the claim page
	passage, location                                    string
}

var sourcesContent = map[string]sourcesTexts{
	"ar": {
		title1: "إنفيديا تخسر 593 مليار دولار في يوم واحد", publisher1: "رويترز",
		url1:       "https://www.example.org/ar/markets/nvidia-loss?utm_source=twitter&fbclid=abc",
		published1: "٢٠٢٥-٠١-٢٨", wantPublished1: "2025-01-28",
		dupURL: "HTTPS://WWW.EXAMPLE.ORG:443/ar/markets/nvidia-loss/#comments",
		search: "انفيديا تخسر",
		title2: "التقرير التقني لنموذج ديب سيك", url2: "https://www.example.org/ar/paper",
		titleNew: "بيانات بورصة ناسداك", urlNew: "https://data.example.org/ar/nasdaq",
		passage: "خسرت الشركة نحو 593 مليار دولار من قيمتها السوقية.", location: "الفقرة 2",
	},
	"en": {
		title1: "Nvidia loses $593 billion in a day", publisher1: "Reuters",
		url1:       "https://www.example.org/en/markets/nvidia-loss?utm_source=twitter&fbclid=abc",
		published1: "2025-01-28", wantPublished1: "2025-01-28",
		dupURL: "HTTPS://WWW.EXAMPLE.ORG:443/en/markets/nvidia-loss/#comments",
		search: "NVIDIA LOSES",
		title2: "DeepSeek-V3 technical report", url2: "https://www.example.org/en/paper",
		titleNew: "Nasdaq market data", urlNew: "https://data.example.org/en/nasdaq",
		passage: "The company lost about $593 billion of market value.", location: "paragraph 2",
	},
}

// startSourcesJourney starts the app with an admin, a reviewer, an editor,
// and an article with one logged claim; it returns the claim's page path.
func startSourcesJourney(t *testing.T, lang string) (base string, claimPath string) {
	t.Helper()
	ctx := context.Background()
	db := dbtest.New(t) // SQLite, or PostgreSQL with FACTDESK_TEST_PG
	dk := desk.New(db)
	svc := dk.Claims
	srv := web.New(web.Config{Desk: dk, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	journeyUser(t, srv, "admin@example.org", "Admin", "admin")
	rev := journeyUser(t, srv, "reviewer@example.org", "Rana Reviewer", "reviewer")
	journeyUser(t, srv, "editor@example.org", "Elias Editor", "editor")
	c := journeyContent[lang]
	actor := claims.Actor{ID: rev.ID, Role: claims.RoleReviewer}
	art, err := svc.CreateArticle(ctx, actor, claims.NewArticle{Title: c.title, Outlet: c.outlet, Body: c.body, Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	cl, err := svc.CreateClaim(ctx, actor, art.ID, claims.ClaimInput{Statement: c.money, Type: "market", Quote: c.money, Start: -1, End: -1})
	if err != nil {
		t.Fatal(err)
	}
	return ts.URL, "/claims/" + itoa(cl.ID)
}

// waitFor waits until an element matching sel exists (e.g. after the search
// as you type answered).
func (p *jpage) waitFor(t *testing.T, sel string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if p.count(t, sel) > 0 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("on %s: %s did not appear within 10s", p.path(t), sel)
}

func TestJourneySourcesAndEvidence(t *testing.T) {
	inBothLanguages(t, func(t *testing.T, b *browsertest.Browser, hc *browsertest.HTMLChecker, lang string) {
		journeySourcesAndEvidence(t, b, hc, lang, sourcesContent[lang])
	})
}

var reSource = regexp.MustCompile(`^/sources/(\d+)$`)

func journeySourcesAndEvidence(t *testing.T, b *browsertest.Browser, hc *browsertest.HTMLChecker, lang string, c sourcesTexts) {
	L := i18n.Lang(lang)
	base, claimPath := startSourcesJourney(t, lang)
	name := func(s string) string { return "sources: " + s + " (" + lang + ")" }

	rev := openJourneyPage(t, b, base, lang)
	rev.signIn(t, "reviewer@example.org")

	// 1. The library, empty, from the navigation.
	rev.click(t, `nav a[href="/sources"]`)
	if got, want := rev.Text(t, "h1"), L.T("sources.title"); got != want {
		t.Errorf("sources h1 = %q, want %q", got, want)
	}
	if rev.count(t, "[data-testid=no-sources]") != 1 {
		t.Errorf("the empty library shows no message")
	}
	rev.audit(t, hc, name("library, empty"))

	// 2. Add a source; the date is typed in Arabic-Indic digits in Arabic.
	rev.click(t, "[data-testid=add-source]")
	rev.audit(t, hc, name("new source form"))
	rev.fill(t, map[string]string{"#f-url": c.url1, "#f-title": c.title1, "#f-publisher": c.publisher1, "#f-kind": "news",
		"#f-lang": lang, "#f-published_on": c.published1, "#f-notes": c.passage})
	rev.click(t, "[data-testid=source-submit]")
	source1 := rev.wantPath(t, "after adding the source", reSource)[0]
	rev.wantFlash(t, "after adding the source", L.T("sources.created"))
	if got := rev.Text(t, "[data-testid=source-title]"); got != c.title1 {
		t.Errorf("source title = %q, want %q", got, c.title1)
	}
	if got := browsertest.Eval[string](t, rev.Page, `document.querySelector("[data-testid=source-link]").getAttribute("href")`); got != c.url1 {
		t.Errorf("source link = %q, want the address as entered %q", got, c.url1)
	}
	if got := rev.textOf(t, "[data-testid=source-meta]"); !strings.Contains(got, c.wantPublished1) {
		t.Errorf("source meta = %q, want the publication date %s", got, c.wantPublished1)
	}
	rev.audit(t, hc, name("source page"))

	// 3. A javascript: address is refused with a clear message; nothing is stored.
	rev.open(t, "/sources/new")
	rev.fill(t, map[string]string{"#f-url": "javascript:alert(document.cookie)", "#f-title": "XSS"})
	rev.click(t, "[data-testid=source-submit]")
	if st := rev.status.Load(); st != http.StatusUnprocessableEntity {
		t.Errorf("javascript: address: status %d, want 422", st)
	}
	if got, want := rev.textOf(t, "#err-url"), L.T("err.url_scheme"); got != want {
		t.Errorf("javascript: address message = %q, want %q", got, want)
	}
	if got := rev.value(t, "#f-title"); got != "XSS" {
		t.Errorf("the typed title is lost: %q", got)
	}
	if n := rev.count(t, `a[href^="javascript:"]`); n != 0 {
		t.Errorf("%d javascript: links on the refused form", n)
	}
	rev.audit(t, hc, name("source form, javascript: refused"))

	// 4. The same address written another way leads to the existing source.
	rev.open(t, "/sources/new")
	rev.fill(t, map[string]string{"#f-url": c.dupURL, "#f-title": c.title1 + " (2)"})
	rev.click(t, "[data-testid=source-submit]")
	if st := rev.status.Load(); st != http.StatusConflict {
		t.Errorf("duplicate address: status %d, want 409", st)
	}
	if got := rev.textOf(t, "[data-testid=duplicate]"); !strings.Contains(got, L.T("sources.duplicate")) || !strings.Contains(got, c.title1) {
		t.Errorf("duplicate message = %q", got)
	}
	rev.audit(t, hc, name("source form, duplicate"))
	rev.click(t, "[data-testid=duplicate-link]")
	if got := rev.path(t); got != source1 {
		t.Errorf("the duplicate link leads to %s, want %s", got, source1)
	}

	// 5. A second source, then the list and a search that folds Arabic and case.
	rev.open(t, "/sources/new")
	rev.fill(t, map[string]string{"#f-url": c.url2, "#f-title": c.title2, "#f-kind": "primary", "#f-lang": lang})
	rev.click(t, "[data-testid=source-submit]")
	source2 := rev.wantPath(t, "after adding the second source", reSource)[0]
	rev.open(t, "/sources")
	if n := rev.count(t, "[data-testid=source-row]"); n != 2 {
		t.Errorf("library lists %d sources, want 2", n)
	}
	rev.audit(t, hc, name("library"))
	rev.fill(t, map[string]string{"#f-q": c.search})
	rev.click(t, "[data-testid=source-filters] button[type=submit]")
	if n := rev.count(t, "[data-testid=source-row]"); n != 1 {
		t.Errorf("search %q: %d rows, want 1", c.search, n)
	} else if got := rev.textOf(t, "[data-testid=source-row] a"); got != c.title1 {
		t.Errorf("search %q found %q, want %q", c.search, got, c.title1)
	}

	// 6. The claim page: no evidence yet, and review is held back.
	rev.open(t, claimPath)
	if rev.count(t, "[data-testid=no-evidence]") != 1 || rev.count(t, "[data-testid=review-needs-evidence]") != 1 {
		t.Errorf("claim without evidence: warning ×%d", rev.count(t, "[data-testid=no-evidence]"))
	}
	rev.audit(t, hc, name("claim page, no evidence"))

	// 7. Supports: a library source found by searching as you type.
	id1 := strings.TrimPrefix(source1, "/sources/")
	rev.fill(t, map[string]string{"#f-src_q": c.search})
	rev.waitFor(t, "[data-source-results] [data-testid=choice-"+id1+"]")
	if got := rev.textOf(t, "[data-source-status]"); got != L.F("evidence.found", "1") {
		t.Errorf("search status = %q, want %q", got, L.F("evidence.found", "1"))
	}
	if rev.path(t) != claimPath {
		t.Errorf("searching as you type left the page: %s", rev.path(t))
	}
	rev.check(t, "[data-testid=choice-"+id1+"]")
	rev.check(t, "[data-testid=stance-supports]")
	rev.fill(t, map[string]string{"#f-passage": c.passage, "#f-location": c.location})
	rev.click(t, "[data-testid=attach-submit]")
	rev.wantFlash(t, "after attaching a library source", L.T("evidence.added"))

	// 8. Refutes: a new source entered on the spot.
	rev.check(t, "[data-testid=choice-new]")
	rev.check(t, "[data-testid=stance-refutes]")
	rev.fill(t, map[string]string{"#f-src_url": c.urlNew, "#f-src_title": c.titleNew, "#f-src_kind": "dataset"})
	rev.click(t, "[data-testid=attach-submit]")
	rev.wantFlash(t, "after attaching a new source", L.T("evidence.added"))

	// 9. Adds context: an address already in the library is reused.
	rev.check(t, "[data-testid=choice-new]")
	rev.check(t, "[data-testid=stance-context]")
	rev.fill(t, map[string]string{"#f-src_url": c.dupURL, "#f-src_title": "—"})
	rev.click(t, "[data-testid=attach-submit]")
	rev.wantFlash(t, "after attaching a known address", L.T("evidence.added_reused"))

	// 10. javascript: on the spot is refused too; what was typed stays.
	rev.check(t, "[data-testid=choice-new]")
	rev.check(t, "[data-testid=stance-refutes]")
	rev.fill(t, map[string]string{"#f-src_url": "javascript:alert(1)", "#f-src_title": "XSS", "#f-passage": c.passage})
	rev.click(t, "[data-testid=attach-submit]")
	if st := rev.status.Load(); st != http.StatusUnprocessableEntity {
		t.Errorf("javascript: on the spot: status %d, want 422", st)
	}
	if got, want := rev.textOf(t, "#err-src_url"), L.T("err.url_scheme"); got != want {
		t.Errorf("javascript: on the spot: message %q, want %q", got, want)
	}
	if got := rev.value(t, "#f-passage"); got != c.passage {
		t.Errorf("passage after the refusal = %q", got)
	}
	rev.audit(t, hc, name("claim page, javascript: refused"))

	// 11. The evidence at a glance: grouped by stance with counts.
	rev.open(t, claimPath)
	for _, st := range []string{"supports", "refutes", "context"} {
		if got := rev.textOf(t, "[data-testid=evidence-"+st+"] [data-testid=evidence-count]"); got != L.Num(1) {
			t.Errorf("%s count = %q, want %s", st, got, L.Num(1))
		}
	}
	if got := rev.textOf(t, "[data-testid=evidence-supports] [data-testid=evidence-passage]"); got != c.passage {
		t.Errorf("supporting passage = %q", got)
	}
	if got := rev.textOf(t, "[data-testid=evidence-refutes] [data-testid=evidence-source]"); got != c.titleNew {
		t.Errorf("refuting source = %q, want %q", got, c.titleNew)
	}
	if got := rev.textOf(t, "[data-testid=evidence-context] [data-testid=evidence-source]"); got != c.title1 {
		t.Errorf("context source = %q, want the reused %q", got, c.title1)
	}
	if rev.count(t, "[data-testid=no-evidence]") != 0 || rev.count(t, "[data-testid=to-in_review]") != 0 {
		// The claim is new: review is not a step from there, evidence or not.
		t.Errorf("claim with evidence: warning ×%d", rev.count(t, "[data-testid=no-evidence]"))
	}
	if hist := rev.textOf(t, "[data-testid=history]"); strings.Count(hist, L.T("history.evidence.added")) != 3 {
		t.Errorf("history = %q, want three %q", hist, L.T("history.evidence.added"))
	}
	rev.audit(t, hc, name("claim page, evidence"))
	rev.open(t, "/claims")
	if got := rev.textOf(t, "[data-testid=claim-row] .ev-counts"); !strings.Contains(got, L.Num(1)) || rev.count(t, "[data-testid=no-evidence-mark]") != 0 {
		t.Errorf("claim list evidence column = %q", got)
	}
	rev.audit(t, hc, name("claim list with evidence"))
	rev.open(t, source1)
	if n := rev.count(t, "[data-testid=source-uses] li"); n != 2 {
		t.Errorf("source page lists %d uses, want 2 (supports and context)", n)
	}
	if rev.count(t, "[data-testid=delete-source]") != 0 {
		t.Errorf("a reviewer is offered to delete a source")
	}

	// 12. The editor cannot delete a source in use: the claims are listed.
	ed := openJourneyPage(t, b, base, lang)
	ed.signIn(t, "editor@example.org")
	ed.open(t, source1)
	browsertest.Eval[bool](t, ed.Page, `(window.confirm = () => true, true)`)
	ed.click(t, "[data-testid=delete-source]")
	if st := ed.status.Load(); st != http.StatusConflict {
		t.Errorf("deleting a source in use: status %d, want 409", st)
	}
	if got := ed.textOf(t, "[data-testid=delete-refused]"); !strings.Contains(got, L.T("sources.delete_refused")) || !strings.Contains(got, journeyContent[lang].money) {
		t.Errorf("refusal = %q, want the message and the claim", got)
	}
	ed.audit(t, hc, name("source page, delete refused"))

	// 13. An unused source goes.
	ed.open(t, source2)
	browsertest.Eval[bool](t, ed.Page, `(window.confirm = () => true, true)`)
	ed.click(t, "[data-testid=delete-source]")
	if got := ed.path(t); got != "/sources" {
		t.Errorf("after deleting an unused source: at %s, want /sources", got)
	}
	ed.wantFlash(t, "after deleting", L.T("sources.deleted"))
	if n := ed.count(t, "[data-testid=source-row]"); n != 2 {
		t.Errorf("library lists %d sources after the delete, want 2", n)
	}
	ed.audit(t, hc, name("library after a delete"))
}
