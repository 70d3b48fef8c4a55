package web_test

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/factdesk/factdesk/claims/extract"
	"github.com/factdesk/factdesk/web/browsertest"
	"github.com/factdesk/factdesk/web/i18n"
)

// suggestJourneyTexts is what one language's journey acts on, in the demo
// article of that language (cmd/factdesk/demo).
type suggestJourneyTexts struct {
	file, title, outlet string
	market, marketValue string // logged first
	quote, speaker      string // logged second
	dismiss             string // dismissed, must stay dismissed
	hover, focus        string // highlighted by pointing and by keyboard
}

var suggestJourney = map[string]suggestJourneyTexts{
	"ar": {
		file: "article-ar.txt", title: `يوم عصيب لإنفيديا: خسارة تاريخية بعد صعود "ديب سيك"`, outlet: "صحيفة المثال (نص تجريبي)",
		market: "900 مليار دولار", marketValue: "نحو ٩٠٠٬٠٠٠٬٠٠٠٬٠٠٠ دولار أمريكي",
		quote: "ستنفق أقل بدلاً من إنفاق المليارات", speaker: "ترامب",
		dismiss: "عام 2021", hover: "6 ملايين دولار", focus: "أواخر عام 2022",
	},
	"en": {
		file: "article-en.txt", title: "A hard day for Nvidia: a record loss after DeepSeek's rise", outlet: "The Example Daily (demo text)",
		market: "$900 billion", marketValue: "about 900,000,000,000 US dollars",
		quote: "will spend less instead of spending billions", speaker: "Trump",
		dismiss: "2021", hover: "$6 million", focus: "late 2022",
	},
}

func TestJourneySuggestedClaims(t *testing.T) {
	inBothLanguages(t, func(t *testing.T, b *browsertest.Browser, hc *browsertest.HTMLChecker, lang string) {
		journeySuggest(t, b, hc, lang, suggestJourney[lang])
	})
}

var reLogged = regexp.MustCompile(`^/articles/(\d+)(?:\?order=rank)?#hl-(\d+)$`)

// suggestionID is the element id of the open suggestion whose text is text.
func (p *jpage) suggestionID(t *testing.T, text string) string {
	t.Helper()
	id := browsertest.Eval[string](t, p.Page, `(() => {
  for (const li of document.querySelectorAll("[data-testid=suggestion], [data-testid=dismissed-suggestion]")) {
    if (li.querySelector("[data-testid=suggestion-text]").textContent === `+jsQuote(text)+`) return li.id;
  }
  return "";
})()`)
	if id == "" {
		t.Fatalf("no suggestion %q on %s; suggestions: %q", text, p.path(t), p.suggestionTexts(t))
	}
	return id
}

func (p *jpage) suggestionTexts(t *testing.T) []string {
	t.Helper()
	return browsertest.Eval[[]string](t, p.Page, `Array.from(document.querySelectorAll("[data-testid=suggestion] [data-testid=suggestion-text]"), e => e.textContent)`)
}

// highlighted is the text of the suggestion highlight in the article text
// ("" when none) and the id of the suggestion it belongs to.
func (p *jpage) highlighted(t *testing.T) (string, string) {
	t.Helper()
	v := browsertest.Eval[[]string](t, p.Page, `(() => {
  const h = CSS.highlights.get("suggestion");
  let text = "";
  if (h) h.forEach(r => { text = r.toString(); });
  return [text, document.querySelector("[data-article-text]").getAttribute("data-highlight") || ""];
})()`)
	return v[0], v[1]
}

func (p *jpage) wantHighlight(t *testing.T, how, text, id string) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Second)
	for {
		gotText, gotID := p.highlighted(t)
		if gotText == text && gotID == id {
			return
		}
		if time.Now().After(deadline) {
			t.Errorf("%s: highlight %q of %q, want %q of %q", how, gotText, gotID, text, id)
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// logSuggestion logs the open suggestion whose text is text from the article
// page with its Log button, and checks that the article comes back with the
// new claim highlighted and targeted; it returns the claim's id.
func (p *jpage) logSuggestion(t *testing.T, L i18n.Lang, articlePath, text string) string {
	t.Helper()
	p.open(t, articlePath)
	p.click(t, "#"+p.suggestionID(t, text)+" [data-testid=suggestion-log]")
	id := p.wantPath(t, "after logging "+text, reLogged)[2]
	p.wantFlash(t, "after logging "+text, L.F("suggest.flash_logged", id))
	if got := p.textOf(t, "[data-testid=article-text] mark#hl-"+id); got != text {
		t.Errorf("highlight of claim %s = %q, want %q", id, got, text)
	}
	if got := browsertest.Eval[string](t, p.Page, `(document.querySelector(":target") || {}).id || ""`); got != "hl-"+id {
		t.Errorf("after logging %q the target is %q, want hl-%s", text, got, id)
	}
	if got := p.textOf(t, "#"+p.suggestionID(t, text)+" [data-testid=suggestion-logged]"); !strings.Contains(got, "#"+id) {
		t.Errorf("logged suggestion says %q, want a link to claim #%s", got, id)
	}
	return id
}

func journeySuggest(t *testing.T, b *browsertest.Browser, hc *browsertest.HTMLChecker, lang string, c suggestJourneyTexts) {
	L := i18n.Lang(lang)
	name := func(s string) string { return "suggestions: " + s + " (" + lang + ")" }
	body, err := os.ReadFile("../cmd/factdesk/demo/" + c.file)
	if err != nil {
		t.Fatal(err)
	}
	base, srv := startJourneyApp(t)
	journeyUser(t, srv, "admin@example.org", "Admin", "admin")
	journeyUser(t, srv, "reviewer@example.org", "Rana Reviewer", "reviewer")
	rev := openJourneyPage(t, b, base, lang)
	rev.signIn(t, "reviewer@example.org")

	// The demo article, pasted as the demo workspace stores it.
	rev.open(t, "/articles/new")
	rev.fill(t, map[string]string{"#f-title": c.title, "#f-outlet": c.outlet, "#f-published_on": "2025-01-28", "#f-lang": lang, "#f-body": string(body)})
	rev.click(t, "[data-testid=article-submit]")
	articlePath := "/articles/" + rev.wantPath(t, "after adding the demo article", reArticle)[1]

	// The panel lists what the spotter finds, in text order.
	ref, _ := time.Parse("2006-01-02", "2025-01-28")
	var found []string
	for _, f := range extract.Find(strings.TrimSpace(string(body)), extract.Options{Lang: lang, Reference: ref}) {
		found = append(found, f.Text)
	}
	if got := rev.suggestionTexts(t); len(found) < 10 || strings.Join(got, " | ") != strings.Join(found, " | ") {
		t.Errorf("suggestions = %q, want the spotter's findings %q", got, found)
	}
	marketID := rev.suggestionID(t, c.market)
	if got := rev.textOf(t, "#"+marketID+" [data-testid=suggestion-value]"); got != c.marketValue {
		t.Errorf("market value = %q, want %q", got, c.marketValue)
	}
	if got := rev.textOf(t, "#"+marketID+" [data-testid=suggestion-type]"); got != L.T("type.market") {
		t.Errorf("market type = %q, want %q", got, L.T("type.market"))
	}
	if got := rev.textOf(t, "#"+rev.suggestionID(t, c.quote)+" [data-testid=suggestion-speaker]"); got != c.speaker {
		t.Errorf("quote speaker = %q, want %q", got, c.speaker)
	}
	rev.audit(t, hc, name("article page"))

	// Pointing at a suggestion highlights its place in the text; leaving it
	// clears the highlight.
	hoverID := rev.suggestionID(t, c.hover)
	rect := browsertest.Eval[[]float64](t, rev.Page, `(() => {
  const el = document.getElementById(`+jsQuote(hoverID)+`);
  el.scrollIntoView({block: "center"});
  const r = el.querySelector("[data-testid=suggestion-text]").getBoundingClientRect();
  return [r.left + r.width / 2, r.top + r.height / 2];
})()`)
	rev.Run(t, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, rect[0], rect[1]))
	rev.wantHighlight(t, "pointing at "+c.hover, c.hover, hoverID)
	rev.Run(t, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 2, 2))
	rev.wantHighlight(t, "after the pointer left", "", "")

	// The keyboard does the same: focus moves from one suggestion's controls
	// to the next one's.
	focusID := rev.suggestionID(t, c.focus)
	rev.Run(t, chromedp.Focus(chromedp.CSS("#"+focusID+" [data-testid=suggestion-edit]")))
	rev.wantHighlight(t, "focus on "+c.focus, c.focus, focusID)
	rev.Run(t, chromedp.KeyEvent("\t"))
	rev.wantHighlight(t, "Tab to its Dismiss button", c.focus, focusID)
	rev.Run(t, chromedp.KeyEvent("\t"))
	nextID := browsertest.Eval[string](t, rev.Page, `document.activeElement.closest("[data-suggest-start]").id`)
	nextText := rev.textOf(t, "#"+nextID+" [data-testid=suggestion-text]")
	if nextID == focusID {
		t.Errorf("Tab did not leave the suggestion %s", focusID)
	}
	rev.wantHighlight(t, "Tab to the next suggestion", nextText, nextID)

	// 1. Log the market figure: back on the article, the claim highlighted.
	marketClaim := rev.logSuggestion(t, L, articlePath, c.market)
	rev.audit(t, hc, name("article after logging"))
	rev.open(t, "/claims/"+marketClaim)
	if got := rev.textOf(t, "[data-testid=claim-type]"); got != L.T("type.market") {
		t.Errorf("logged claim type = %q, want %q", got, L.T("type.market"))
	}
	rows := strings.Join(browsertest.Eval[[]string](t, rev.Page, `Array.from(document.querySelectorAll("[data-testid=value-row]"), e => e.innerText)`), " | ")
	if !strings.Contains(rows, "900,000,000,000") || !strings.Contains(rows, "USD") {
		t.Errorf("logged claim value = %q, want 900,000,000,000 USD", rows)
	}
	if got := rev.textOf(t, "[data-testid=claim-context] mark"); got != c.market {
		t.Errorf("logged claim anchor = %q, want %q", got, c.market)
	}

	// 2. Log the quotation: its speaker comes with it.
	quoteClaim := rev.logSuggestion(t, L, articlePath, c.quote)
	rev.open(t, "/claims/"+quoteClaim)
	if got := rev.textOf(t, "[data-testid=claim-type]"); got != L.T("type.quote") {
		t.Errorf("quote claim type = %q", got)
	}
	if got := rev.textOf(t, "[data-testid=claim-meta]"); !strings.Contains(got, c.speaker) {
		t.Errorf("quote claim details = %q, want the speaker %q", got, c.speaker)
	}

	// 3. Dismiss one: gone from the list, and still gone after a reload.
	rev.open(t, articlePath)
	dismissID := rev.suggestionID(t, c.dismiss)
	rev.click(t, "#"+dismissID+" [data-testid=suggestion-dismiss]")
	rev.wantFlash(t, "after dismissing", L.T("suggest.flash_dismissed"))
	for _, when := range []string{"after dismissing", "after a reload"} {
		if when != "after dismissing" {
			rev.open(t, articlePath)
		}
		if n := rev.count(t, "#"+dismissID+"[data-testid=suggestion]"); n != 0 {
			t.Errorf("%s: %q is still offered", when, c.dismiss)
		}
		if n := rev.count(t, "#"+dismissID+"[data-testid=dismissed-suggestion]"); n != 1 {
			t.Errorf("%s: %q is not under the dismissed ones", when, c.dismiss)
		}
		if got, want := rev.textOf(t, "[data-testid=suggest-dismissed] summary"), L.F("suggest.show_dismissed", L.Num(1)); got != want {
			t.Errorf("%s: summary = %q, want %q", when, got, want)
		}
		if got, want := rev.textOf(t, "[data-testid=suggest-count]"), L.F("suggest.count", L.Num(int64(len(found)-3)), L.Num(2)); got != want {
			t.Errorf("%s: count = %q, want %q", when, got, want)
		}
	}
	rev.Run(t, chromedp.Click(chromedp.CSS("[data-testid=suggest-dismissed] summary")))
	if !browsertest.Eval[bool](t, rev.Page, `document.querySelector("[data-testid=suggest-dismissed]").open`) {
		t.Errorf("the dismissed list did not open")
	}
	rev.audit(t, hc, name("article with a dismissed suggestion"))

	// 4. Ranked by check-worthiness.
	rev.click(t, "[data-testid=order-rank]")
	if got := rev.path(t); got != articlePath+"?order=rank#suggestions" {
		t.Errorf("rank link: at %s", got)
	}
	scores := browsertest.Eval[[]int](t, rev.Page, `Array.from(document.querySelectorAll("[data-testid=suggestion] [data-testid=suggestion-score]"),
  e => Number(e.textContent.replace(/[\u0660-\u0669]/g, d => String(d.charCodeAt(0) - 0x660)).match(/\d+/)[0]))`)
	if len(scores) != len(found)-1 {
		t.Errorf("ranked list shows %d scores, want %d", len(scores), len(found)-1)
	}
	for i := 1; i < len(scores); i++ {
		if scores[i] > scores[i-1] {
			t.Errorf("ranked list out of order: %v", scores)
			break
		}
	}
	rev.audit(t, hc, name("ranked suggestions"))

	// 5. Edit then log opens the claim form, filled in.
	editText := rev.textOf(t, "[data-testid=suggestion]:not(.is-logged) [data-testid=suggestion-text]")
	rev.click(t, "[data-testid=suggestion]:not(.is-logged) [data-testid=suggestion-edit]")
	rev.wantPath(t, "after Edit then log", regexp.MustCompile(`^/articles/\d+/suggestions/edit\?`))
	if got := rev.value(t, "#f-quote"); got != editText {
		t.Errorf("edit then log: quote = %q, want %q", got, editText)
	}
	if rev.count(t, "[data-testid=prefilled]") != 1 {
		t.Errorf("edit then log: no prefilled hint")
	}
	rev.audit(t, hc, name("edit then log"))
}
