package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/articletext"
	"github.com/factdesk/factdesk/web/auth"
)

// suggestDesk starts a desk with a reviewer signed in (in lang) and one
// article from body, and returns the article's path.
func suggestDesk(t *testing.T, lang, body string) (*app, *client, string) {
	t.Helper()
	a := newApp(t)
	a.user("admin@example.org", auth.Admin)
	a.user("rev@example.org", auth.Reviewer)
	c := a.client(lang)
	c.signIn("rev@example.org")
	c.get("/articles/new")
	p := c.post("/articles", url.Values{"title": {"Suggestions"}, "outlet": {"صحيفة الاختبار"}, "body": {body}, "published_on": {"2025-01-28"}}, true)
	if !strings.HasPrefix(p.url, "/articles/") {
		t.Fatalf("create article: %s %d", p.url, p.status)
	}
	return a, c, p.url
}

func articleIDOf(t *testing.T, path string) int64 {
	t.Helper()
	id, err := strconv.ParseInt(strings.TrimPrefix(path, "/articles/"), 10, 64)
	if err != nil {
		t.Fatalf("article path %q: %v", path, err)
	}
	return id
}

// suggestionTexts lists the panel's open suggestions, in page order.
func suggestionTexts(p page) []string {
	var out []string
	p.doc.Find("[data-testid=suggestion] [data-testid=suggestion-text]").Each(func(_ int, s *goquerySel) {
		out = append(out, s.Text())
	})
	return out
}

// suggestionForm returns the action and fields of a form of the suggestion
// whose text is text (kind: log, dismiss or restore).
func suggestionForm(t *testing.T, p page, text, kind string) (string, url.Values) {
	t.Helper()
	var action string
	form := url.Values{}
	p.doc.Find("[data-testid=suggestion], [data-testid=dismissed-suggestion]").Each(func(_ int, s *goquerySel) {
		if action != "" || s.Find("[data-testid=suggestion-text]").Text() != text {
			return
		}
		f := s.Find(`form[action$="/suggestions/` + kind + `"]`)
		if f.Length() == 0 {
			return
		}
		action, _ = f.Attr("action")
		f.Find("input").Each(func(_ int, in *goquerySel) {
			name, _ := in.Attr("name")
			v, _ := in.Attr("value")
			form.Set(name, v)
		})
	})
	if action == "" {
		t.Fatalf("no %s form for the suggestion %q; suggestions: %q", kind, text, suggestionTexts(p))
	}
	form.Del("_csrf") // post sets the current token
	return action, form
}

// suggestionItem is the text of the suggestion item whose text is text.
func suggestionItem(p page, sel, text string) *goquerySel {
	var found *goquerySel
	p.doc.Find(sel).Each(func(_ int, s *goquerySel) {
		if found == nil && s.Find("[data-testid=suggestion-text]").Text() == text {
			found = s
		}
	})
	return found
}

// location posts a form without following the redirect and returns where it
// points.
func (c *client) location(path string, form url.Values) (int, string) {
	c.t.Helper()
	form.Set("_csrf", c.csrf)
	hc := *c.hc
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	req, _ := http.NewRequest("POST", c.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Location")
}

func TestSuggestionPanelLogDismissRestore(t *testing.T) {
	t.Parallel()
	a, c, art := suggestDesk(t, "ar", articleAR)
	ctx := context.Background()
	artID := articleIDOf(t, art)
	p := c.get(art)
	want := []string{"أمس", "900 مليار دولار", "20 %", "20 يناير 2025", "6 ملايين دولار"}
	if diff := cmp.Diff(suggestionTexts(p), want); diff != "" {
		t.Fatalf("suggestions (-got +want):\n%s", diff)
	}
	values := map[string]string{
		"أمس":             "٢٧ يناير ٢٠٢٥",
		"900 مليار دولار": "نحو ٩٠٠٬٠٠٠٬٠٠٠٬٠٠٠ دولار أمريكي",
		"20 %":            "نحو ٢٠٪",
		"20 يناير 2025":   "٢٠ يناير ٢٠٢٥",
		"6 ملايين دولار":  "لا يتجاوز ٦٬٠٠٠٬٠٠٠ دولار أمريكي",
	}
	for text, v := range values {
		it := suggestionItem(p, "[data-testid=suggestion]", text)
		if got := strings.TrimSpace(it.Find("[data-testid=suggestion-value]").Text()); got != v {
			t.Errorf("value of %q = %q; want %q", text, got, v)
		}
	}
	if got := strings.TrimSpace(suggestionItem(p, "[data-testid=suggestion]", "900 مليار دولار").Find("[data-testid=suggestion-type]").Text()); got != "رقم سوقي" {
		t.Errorf("type of the market figure = %q", got)
	}
	if got := text(p, "[data-testid=suggest-count]"); got != "٥ للمراجعة، و٠ مسجَّلة مسبقًا" {
		t.Errorf("count = %q", got)
	}

	// Log: one POST, back to the article with the claim highlighted.
	action, form := suggestionForm(t, p, "900 مليار دولار", "log")
	status, loc := c.location(action, form)
	claims1, _ := a.svc.ArticleClaims(ctx, artID)
	if status != http.StatusSeeOther || len(claims1) != 1 || loc != art+"#hl-"+itoa(claims1[0].ID) {
		t.Fatalf("log: %d to %q, %d claims", status, loc, len(claims1))
	}
	cl := claims1[0]
	wantValue := claims.Value{Amount: 9e11, Currency: "USD", Scale: "billion", Qualifier: "about"}
	if diff := cmp.Diff(cl.Value, wantValue); diff != "" || cl.Type != claims.TypeMarket {
		t.Errorf("claim type %s, value (-got +want):\n%s", cl.Type, diff)
	}
	if cl.Anchor == nil || cl.Anchor.Exact != "900 مليار دولار" || cl.Anchor.Start != 21 || cl.Anchor.End != 36 {
		t.Errorf("anchor = %+v", cl.Anchor)
	}
	firstSentence := strings.SplitN(articleAR, "\n", 2)[0]
	if cl.Statement != firstSentence || cl.Claimant != "صحيفة الاختبار" || cl.ClaimDate != "2025-01-28" || cl.Status != claims.StatusNew {
		t.Errorf("claim = statement %q, claimant %q, date %q, status %s", cl.Statement, cl.Claimant, cl.ClaimDate, cl.Status)
	}
	p = c.get(art)
	if !strings.Contains(text(p, "[data-testid=flash]"), "سُجِّل الادعاء رقم "+itoa(cl.ID)) {
		t.Errorf("flash = %q", text(p, "[data-testid=flash]"))
	}
	if got := text(p, "mark#hl-"+itoa(cl.ID)); got != "900 مليار دولار" {
		t.Errorf("highlight of the new claim = %q", got)
	}
	logged := suggestionItem(p, "[data-testid=suggestion]", "900 مليار دولار")
	if href, _ := logged.Find("[data-testid=suggestion-logged] a").Attr("href"); href != "/claims/"+itoa(cl.ID) || logged.Find("[data-testid=suggestion-log]").Length() != 0 {
		t.Errorf("the logged suggestion links to %q and offers Log %d times", href, logged.Find("[data-testid=suggestion-log]").Length())
	}
	if got := text(p, "[data-testid=suggest-count]"); got != "٤ للمراجعة، و١ مسجَّلة مسبقًا" {
		t.Errorf("count after logging = %q", got)
	}
	// The same form again (a double click, a stale page) logs nothing.
	p = c.post(action, form, true)
	if !strings.Contains(text(p, "[data-testid=flash]"), "مسجَّل مسبقًا بوصفه الادعاء رقم "+itoa(cl.ID)) {
		t.Errorf("second log flash = %q", text(p, "[data-testid=flash]"))
	}
	if all, _ := a.svc.ArticleClaims(ctx, artID); len(all) != 1 {
		t.Errorf("claims after logging twice = %d; want 1", len(all))
	}

	// Dismiss: hidden, remembered across page loads, listed under "Show dismissed".
	action, form = suggestionForm(t, p, "20 %", "dismiss")
	if status, loc := c.location(action, form); status != http.StatusSeeOther || loc != art+"#suggestions" {
		t.Fatalf("dismiss: %d to %q", status, loc)
	}
	for i := 0; i < 2; i++ {
		p = c.get(art)
		if got := suggestionTexts(p); len(got) != 4 || suggestionItem(p, "[data-testid=suggestion]", "20 %") != nil {
			t.Errorf("load %d after dismissing: suggestions %q", i, got)
		}
		if got := text(p, "[data-testid=suggest-dismissed] summary"); got != "عرض المستبعدة (١)" {
			t.Errorf("dismissed summary = %q", got)
		}
		if it := suggestionItem(p, "[data-testid=dismissed-suggestion]", "20 %"); it == nil || !strings.Contains(it.Text(), "User rev@example.org") {
			t.Errorf("the dismissed list lacks the percentage with who dismissed it")
		}
	}
	hist, err := a.svc.ArticleHistory(ctx, artID)
	if err != nil || len(hist) != 2 || hist[1].Action != "suggestion.dismissed" {
		t.Errorf("article history = %+v, %v", hist, err)
	}

	// Restore: offered again.
	action, form = suggestionForm(t, p, "20 %", "restore")
	p = c.post(action, form, true)
	if text(p, "[data-testid=flash]") != "أُعيد الاقتراح إلى القائمة." || suggestionItem(p, "[data-testid=suggestion]", "20 %") == nil {
		t.Errorf("after restore: flash %q, suggestions %q", text(p, "[data-testid=flash]"), suggestionTexts(p))
	}
	if p.doc.Find("[data-testid=suggest-dismissed]").Length() != 0 {
		t.Error("the dismissed list is still shown with nothing dismissed")
	}

	// Ranked by check-worthiness: the sentence scores decide, and actions
	// return to the ranked view.
	p = c.get(art + "?order=rank")
	a1, _ := a.svc.Article(ctx, artID)
	spans := []articletext.Span{{Start: cl.Anchor.Start, End: cl.Anchor.End, ID: cl.ID}}
	ranked, _ := a.svc.Suggestions(ctx, a1, spans, claims.ByCheckWorthiness)
	var wantRanked []string
	for _, g := range ranked.Open {
		wantRanked = append(wantRanked, g.Text)
	}
	if diff := cmp.Diff(suggestionTexts(p), wantRanked); diff != "" || wantRanked[len(wantRanked)-1] != "20 يناير 2025" {
		t.Errorf("ranked (-got +want):\n%s", diff)
	}
	if cur, _ := p.doc.Find("[data-testid=order-rank]").Attr("aria-current"); cur != "true" {
		t.Errorf("the rank link is not marked current")
	}
	action, form = suggestionForm(t, p, "أمس", "dismiss")
	if _, loc := c.location(action, form); loc != art+"?order=rank#suggestions" {
		t.Errorf("dismiss from the ranked view returns to %q", loc)
	}
	if p := c.get(art + "?order=bogus"); p.status != http.StatusOK || len(suggestionTexts(p)) != 4 || suggestionTexts(p)[0] != "900 مليار دولار" {
		t.Errorf("unknown order: %d with %d suggestions", p.status, len(suggestionTexts(p)))
	}
}

const quoteEN = `Trump said yesterday that firms "will spend less than $6 million on chips" this year. The firm lost 17% on 27 January 2025.`

func TestSuggestionQuoteEditThenLogAndBadValues(t *testing.T) {
	t.Parallel()
	a, c, art := suggestDesk(t, "en", quoteEN)
	ctx := context.Background()
	artID := articleIDOf(t, art)
	p := c.get(art)
	q := suggestionItem(p, "[data-testid=suggestion]", "will spend less than $6 million on chips")
	if q == nil || strings.TrimSpace(q.Find("[data-testid=suggestion-speaker]").Text()) != "Trump" {
		t.Fatalf("quote suggestion missing or without its speaker: %q", suggestionTexts(p))
	}
	if got := strings.TrimSpace(suggestionItem(p, "[data-testid=suggestion]", "$6 million").Find("[data-testid=suggestion-value]").Text()); got != "less than 6,000,000 US dollars" {
		t.Errorf("money value = %q", got)
	}
	if got := strings.TrimSpace(suggestionItem(p, "[data-testid=suggestion]", "yesterday").Find("[data-testid=suggestion-value]").Text()); got != "27 January 2025" {
		t.Errorf("yesterday = %q", got)
	}
	action, form := suggestionForm(t, p, "will spend less than $6 million on chips", "log")
	p = c.post(action, form, true)
	list, _ := a.svc.ArticleClaims(ctx, artID)
	if len(list) != 1 {
		t.Fatalf("log the quote: %d claims, at %s", len(list), p.url)
	}
	if cl := list[0]; cl.Type != claims.TypeQuote || cl.Value.Speaker != "Trump" || cl.Claimant != "Trump" || cl.Anchor.Exact != "will spend less than $6 million on chips" {
		t.Errorf("quote claim = %+v", cl)
	}
	// The figure inside the quotation is marked as logged by it.
	if it := suggestionItem(p, "[data-testid=suggestion]", "$6 million"); it.Find("[data-testid=suggestion-logged]").Length() != 1 {
		t.Errorf("the figure inside the logged quotation is still offered")
	}

	// Edit then log: the claim form, filled in from the suggestion.
	edit, ok := suggestionItem(p, "[data-testid=suggestion]", "17%").Find("[data-testid=suggestion-edit]").Attr("href")
	if !ok {
		t.Fatal("no Edit then log link")
	}
	p = c.get(edit)
	if p.status != http.StatusOK || p.doc.Find("[data-testid=prefilled]").Length() != 1 {
		t.Fatalf("edit then log: %d", p.status)
	}
	for sel, want := range map[string]string{"#f-amount": "17", "#f-unit": "percent", "#f-claimant": "صحيفة الاختبار", "#f-claim_date": "2025-01-28"} {
		if v, _ := p.doc.Find(sel).Attr("value"); v != want {
			t.Errorf("%s = %q; want %q", sel, v, want)
		}
	}
	if got := p.doc.Find("#f-quote").Text(); got != "17%" {
		t.Errorf("quote = %q", got)
	}
	if got := p.doc.Find("#f-statement").Text(); got != "The firm lost 17% on 27 January 2025." {
		t.Errorf("statement = %q", got)
	}
	if v, _ := p.doc.Find("#f-type option[selected]").Attr("value"); v != "percent" {
		t.Errorf("type = %q", v)
	}
	if p := c.get(strings.Replace(edit, "type=percent", "type=money", 1)); p.status != http.StatusNotFound || !strings.Contains(text(p, "[data-testid=error-message]"), "no such suggestion") {
		t.Errorf("edit of an unknown suggestion: %d %q", p.status, text(p, "[data-testid=error-message]"))
	}

	// A value the claim rules refuse opens the claim form with the error; nothing is stored.
	p = c.get(art)
	action, form = suggestionForm(t, p, "17%", "log")
	form.Set("amount", "lots")
	p = c.post(action, form, true)
	if p.status != http.StatusUnprocessableEntity || text(p, "#err-amount") == "" || p.doc.Find("#f-statement").Text() != "The firm lost 17% on 27 January 2025." {
		t.Errorf("bad amount: %d %q", p.status, text(p, "#err-amount"))
	}
	if list, _ := a.svc.ArticleClaims(ctx, artID); len(list) != 1 {
		t.Errorf("a refused log stored a claim: %d claims", len(list))
	}
}

func TestSuggestionActionsNeedCSRFAndADeskRole(t *testing.T) {
	t.Parallel()
	a, rev, art := suggestDesk(t, "en", articleAR)
	ctx := context.Background()
	artID := articleIDOf(t, art)
	a.user("ed@example.org", auth.Editor)
	p := rev.get(art)
	logAction, logForm := suggestionForm(t, p, "6 ملايين دولار", "log")
	dismissAction, dismissForm := suggestionForm(t, p, "20 %", "dismiss")
	restoreAction := strings.Replace(dismissAction, "dismiss", "restore", 1)
	dismissed := func() int {
		art, _ := a.svc.Article(ctx, artID)
		l, _ := a.svc.Suggestions(ctx, art, nil, claims.InTextOrder)
		return len(l.Dismissed)
	}

	// Without the CSRF token: refused, nothing stored.
	for _, action := range []string{logAction, dismissAction} {
		form := url.Values{}
		for k, v := range logForm {
			form[k] = v
		}
		if action == dismissAction {
			form = dismissForm
		}
		if p := rev.post(action, form, false); p.status != http.StatusForbidden {
			t.Errorf("%s without CSRF: %d; want 403", action, p.status)
		}
	}
	if list, _ := a.svc.ArticleClaims(ctx, artID); len(list) != 0 || dismissed() != 0 {
		t.Fatalf("a POST without CSRF token stored %d claims, %d dismissals", len(list), dismissed())
	}

	// Signed out: sent to sign in, nothing stored.
	anon := a.client("en")
	anon.get("/signin")
	if p := anon.post(dismissAction, dismissForm, true); p.url != "/signin" {
		t.Errorf("signed-out dismiss landed on %s", p.url)
	}
	if p := anon.get(art); p.url != "/signin" {
		t.Errorf("signed-out article page landed on %s", p.url)
	}
	if dismissed() != 0 {
		t.Fatal("a signed-out POST dismissed a suggestion")
	}

	// Every desk role acts on suggestions: the editor dismisses, the admin restores.
	ed := a.client("en")
	ed.signIn("ed@example.org")
	ed.get(art)
	if p := ed.post(dismissAction, dismissForm, true); text(p, "[data-testid=flash]") != `Suggestion dismissed. "Show dismissed" brings it back.` || dismissed() != 1 {
		t.Errorf("editor dismiss: %q, %d dismissed", text(p, "[data-testid=flash]"), dismissed())
	}
	adm := a.client("en")
	adm.signIn("admin@example.org")
	adm.get(art)
	if p := adm.post(restoreAction, dismissForm, true); p.status != http.StatusOK || dismissed() != 0 {
		t.Errorf("admin restore: %d, %d dismissed", p.status, dismissed())
	}
	if p := adm.post(logAction, logForm, true); p.url != art {
		t.Errorf("admin log: landed on %s", p.url)
	}

	// Keys that name nothing: 404, nothing stored.
	for _, f := range []url.Values{
		{"start": {"76"}, "end": {"80"}, "type": {"money"}},
		{"start": {"-1"}, "end": {"80"}, "type": {"percent"}},
		{"start": {"x"}, "end": {"80"}, "type": {"percent"}},
		{"start": {"76"}, "end": {"80"}, "type": {"other"}},
	} {
		if p := rev.post(dismissAction, f, true); p.status != http.StatusNotFound {
			t.Errorf("dismiss %v: %d; want 404", f, p.status)
		}
		if f.Get("type") != "money" {
			if p := rev.post(restoreAction, f, true); p.status != http.StatusNotFound {
				t.Errorf("restore %v: %d; want 404", f, p.status)
			}
		}
	}
	if p := rev.post("/articles/999/suggestions/dismiss", dismissForm, true); p.status != http.StatusNotFound {
		t.Errorf("dismiss in a missing article: %d", p.status)
	}
	if dismissed() != 0 {
		t.Errorf("%d dismissals after bad keys", dismissed())
	}
}

func TestSuggestionPanelCapsLongArticles(t *testing.T) {
	t.Parallel()
	a, c, art := suggestDesk(t, "en", variedArabicArticle(t, 14000))
	artID := articleIDOf(t, art)
	a1, _ := a.svc.Article(context.Background(), artID)
	all, err := a.svc.Suggestions(context.Background(), a1, nil, claims.InTextOrder)
	if err != nil || len(all.Open) <= 500 {
		t.Fatalf("the long article has %d suggestions (%v); the test needs more than 500", len(all.Open), err)
	}
	p := c.get(art)
	if n := p.doc.Find("[data-testid=suggestion]").Length(); n != 500 {
		t.Errorf("panel shows %d suggestions; want the first 500", n)
	}
	want := "Showing the first 500 of " + humanInt(len(all.Open)) + " suggestions;"
	if got := text(p, "[data-testid=suggest-more]"); !strings.HasPrefix(got, want) {
		t.Errorf("more note = %q; want %q…", got, want)
	}
	if got := text(p, "[data-testid=suggest-count]"); got != humanInt(len(all.Open))+" to review, 0 already logged" {
		t.Errorf("count = %q", got)
	}
}

func humanInt(n int) string {
	s := strconv.Itoa(n)
	if len(s) > 3 {
		s = s[:len(s)-3] + "," + s[len(s)-3:]
	}
	return s
}

// The article page shows the article's own history: its creation and the
// suggestions dismissed, newest first, with who did it.
func TestArticlePageShowsItsHistory(t *testing.T) {
	t.Parallel()
	_, c, art := suggestDesk(t, "en", articleAR)
	p := c.get(art)
	action, form := suggestionForm(t, p, "20 %", "dismiss")
	if status, loc := c.location(action, form); status != http.StatusSeeOther || loc != art+"#suggestions" {
		t.Fatalf("dismiss: %d to %q", status, loc)
	}
	p = c.get(art)
	items := p.doc.Find("[data-testid=history] > li")
	if items.Length() != 2 {
		t.Fatalf("article history lists %d entries; want 2", items.Length())
	}
	if first := items.First().Text(); !strings.Contains(first, "dismissed a suggested claim") || !strings.Contains(first, "User rev@example.org") {
		t.Errorf("newest entry = %q", first)
	}
	if last := items.Last().Text(); !strings.Contains(last, "Article added") {
		t.Errorf("oldest entry = %q", last)
	}
}
