package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/web/browsertest"
	"github.com/factdesk/factdesk/web/i18n"
)

// TestJourneyKeyboardLogClaim logs a claim with the keyboard alone: Tab,
// Enter and typing, no pointer and no script clicks.
func TestJourneyKeyboardLogClaim(t *testing.T) {
	inBothLanguages(t, func(t *testing.T, b *browsertest.Browser, hc *browsertest.HTMLChecker, lang string) {
		journeyKeyboardLogClaim(t, b, hc, lang, journeyContent[lang])
	})
}

// focus is the element that has the keyboard focus.
type focus struct {
	Tag, ID, TestID, Class, Text string
	Order                        int  // its place in document order
	InMain                       bool // inside <main>
	Outlined                     bool // a focus outline of at least 2 px is drawn
	OnScreen                     bool // wholly inside the viewport
}

func (f focus) String() string {
	s := f.Tag
	if f.ID != "" {
		s += "#" + f.ID
	}
	if f.TestID != "" {
		s += "[data-testid=" + f.TestID + "]"
	}
	return s + " " + f.Text
}

func (p *jpage) focused(t *testing.T) focus {
	t.Helper()
	return browsertest.Eval[focus](t, p.Page, `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {Tag: "body"};
  const cs = getComputedStyle(el), r = el.getBoundingClientRect();
  return {Tag: el.tagName.toLowerCase(), ID: el.id, TestID: el.dataset.testid || "", Class: String(el.className),
    Text: (el.innerText || el.value || "").trim().slice(0, 60),
    Order: Array.prototype.indexOf.call(document.getElementsByTagName("*"), el), InMain: !!el.closest("main"),
    Outlined: cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 2,
    OnScreen: r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight};
})()`)
}

// press sends keys as key presses: "\t" is Tab, "\r" Enter, other text is
// typed.
func (p *jpage) press(t *testing.T, keys string) {
	t.Helper()
	p.Run(t, chromedp.KeyEvent(keys))
}

// skipToMain tabs to the skip link, which must be the first stop and show
// on screen, and follows it with Enter: the focus moves to <main>.
func (p *jpage) skipToMain(t *testing.T, L i18n.Lang) {
	t.Helper()
	p.press(t, "\t")
	if f := p.focused(t); f.Tag != "a" || f.Class != "skip" || f.Text != L.T("nav.skip") || !f.OnScreen || !f.Outlined {
		t.Errorf("on %s the first Tab reaches %v (on screen %v, outlined %v), want the visible skip link", p.path(t), f, f.OnScreen, f.Outlined)
	}
	p.press(t, "\r")
	deadline := time.Now().Add(3 * time.Second)
	for p.focused(t).ID != "main" {
		if time.Now().After(deadline) {
			t.Fatalf("Enter on the skip link: the focus is on %v, want main", p.focused(t))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// tabTo presses Tab until the focus is on an element for which is returns
// true, at most max times. Every stop on the way must be inside <main>, come
// after the previous one in the document (or stay on it: Tab moves through
// the parts of a date field), be on screen and show a focus outline.
func (p *jpage) tabTo(t *testing.T, what string, max int, is func(focus) bool) {
	t.Helper()
	prev := p.focused(t)
	var stops []string
	for range max {
		p.press(t, "\t")
		f := p.focused(t)
		stops = append(stops, f.String())
		if !f.InMain || f.Order < prev.Order || (f.Order == prev.Order && f.Tag != "input") || !f.OnScreen || !f.Outlined {
			t.Errorf("on %s, Tab from %v went to %v: inside main %v, after it %v, on screen %v, outlined %v",
				p.path(t), prev, f, f.InMain, f.Order >= prev.Order, f.OnScreen, f.Outlined)
		}
		if is(f) {
			return
		}
		prev = f
	}
	t.Fatalf("on %s, %d Tabs did not reach %s; stops: %q", p.path(t), max, what, stops)
}

func journeyKeyboardLogClaim(t *testing.T, b *browsertest.Browser, hc *browsertest.HTMLChecker, lang string, c journeyTexts) {
	L := i18n.Lang(lang)
	d := startJourneyDesk(t)
	journeyUser(t, d.srv, "admin@example.org", "Admin", "admin")
	reviewer := journeyUser(t, d.srv, "reviewer@example.org", "Rana Reviewer", "reviewer")
	art, err := d.svc.CreateArticle(context.Background(), claims.Actor{ID: reviewer.ID, Role: claims.RoleReviewer},
		claims.NewArticle{Title: c.title, Outlet: c.outlet, Body: c.body, Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	articlePath := "/articles/" + itoa(art.ID)
	name := func(s string) string { return "keyboard: " + s + " (" + lang + ")" }
	rev := openJourneyPage(t, b, d.base, lang)
	rev.signIn(t, "reviewer@example.org")

	// On the article page: past the navigation with the skip link, then Tab
	// to the "log a claim" link, Enter.
	rev.open(t, articlePath)
	rev.audit(t, hc, name("article page"))
	rev.skipToMain(t, L)
	rev.tabTo(t, "the log-a-claim link", 30, func(f focus) bool { return f.TestID == "log-claim-nojs" })
	rev.andLoad(t, "Enter on the log-a-claim link", chromedp.KeyEvent("\r"))
	rev.wantPath(t, "after Enter on the log-a-claim link", reClaimNew)
	rev.audit(t, hc, name("claim form"))

	// The form: the quote is its first field, the statement the next; type
	// both, Tab through the rest to Save, Enter.
	rev.skipToMain(t, L)
	rev.tabTo(t, "the quote field", 10, func(f focus) bool { return f.ID == "f-quote" })
	rev.press(t, c.nojs)
	rev.press(t, "\t")
	if f := rev.focused(t); f.ID != "f-statement" {
		t.Fatalf("Tab from the quote went to %v, want the statement", f)
	}
	statement := c.nojs + " — " + c.title
	rev.press(t, statement)
	if got := rev.value(t, "#f-quote"); got != c.nojs {
		t.Errorf("typed quote = %q, want %q", got, c.nojs)
	}
	if got := rev.value(t, "#f-statement"); got != statement {
		t.Errorf("typed statement = %q, want %q", got, statement)
	}
	rev.tabTo(t, "the Save button", 40, func(f focus) bool { return f.TestID == "claim-submit" })
	rev.andLoad(t, "Enter on Save", chromedp.KeyEvent("\r"))
	id := rev.wantPath(t, "after saving with Enter", reClaim)[1]
	rev.wantFlash(t, "after saving with Enter", L.T("claims.created"))
	if got := rev.textOf(t, "[data-testid=claim-statement]"); got != statement {
		t.Errorf("claim statement = %q, want %q", got, statement)
	}
	if got := rev.textOf(t, "[data-testid=claim-context] mark"); got != c.nojs {
		t.Errorf("claim context marks %q, want the typed quote %q", got, c.nojs)
	}
	rev.audit(t, hc, name("claim page"))

	// Back on the article, the claim is highlighted, and its highlight is a
	// link the keyboard reaches.
	rev.open(t, articlePath)
	if got := rev.textOf(t, "[data-testid=article-text] mark#hl-"+id); got != c.nojs {
		t.Errorf("article highlight of the new claim = %q, want %q", got, c.nojs)
	}
	rev.skipToMain(t, L)
	rev.tabTo(t, "the highlight", 10, func(f focus) bool { return f.Tag == "a" && strings.Contains(f.Text, c.nojs) })
}
