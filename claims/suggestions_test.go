package claims_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/articletext"
)

func keysOf(gs []claims.Suggestion) []string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = g.Key.String() + " " + g.Text
	}
	return out
}

func suggestionAt(t *testing.T, gs []claims.Suggestion, text string) claims.Suggestion {
	t.Helper()
	for _, g := range gs {
		if g.Text == text {
			return g
		}
	}
	t.Fatalf("no suggestion %q among %v", text, keysOf(gs))
	return claims.Suggestion{}
}

func TestSuggestionsLogOnceAndMarkLogged(t *testing.T) {
	t.Parallel()
	svc, rev, a := setup(t)
	ctx := context.Background()
	list, err := svc.Suggestions(ctx, a, nil, claims.InTextOrder)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"13-16-date أمس", "51-66-market 900 مليار دولار", "106-110-percent 20 %", "117-130-date 20 يناير 2025", "198-212-money 6 ملايين دولار"}
	if diff := cmp.Diff(keysOf(list.Open), want); diff != "" {
		t.Fatalf("suggestions (-got +want):\n%s", diff)
	}
	if len(list.Dismissed) != 0 {
		t.Errorf("dismissed = %v; want none", keysOf(list.Dismissed))
	}
	// "أمس" is resolved against the publication date (2025-01-28).
	if got := suggestionAt(t, list.Open, "أمس").Value; got.Date != "2025-01-27" || got.Precision != "day" || got.Relative {
		t.Errorf("yesterday = %+v; want 2025-01-27, day precision", got)
	}

	market := suggestionAt(t, list.Open, "900 مليار دولار")
	in := market.Input(a)
	if in.Statement != string([]rune(sampleAR)[market.SentenceStart:market.SentenceEnd]) || market.SentenceStart != 0 || market.SentenceEnd != 111 {
		t.Errorf("statement = %q; want the whole first sentence", in.Statement)
	}
	if in.Amount != "900,000,000,000" || in.Quote != "900 مليار دولار" || in.Start != 51 || in.End != 66 || in.Type != "market" || in.ClaimDate != "2025-01-28" {
		t.Errorf("input = %+v", in)
	}
	cl, err := svc.LogSuggestion(ctx, rev, a.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	wantValue := claims.Value{Amount: 9e11, Currency: "USD", Scale: "billion", Qualifier: "about"}
	if diff := cmp.Diff(cl.Value, wantValue); diff != "" || cl.Type != claims.TypeMarket {
		t.Errorf("logged claim type %s, value (-got +want):\n%s", cl.Type, diff)
	}
	if cl.Anchor == nil || cl.Anchor.Start != 51 || cl.Anchor.End != 66 || cl.Anchor.Exact != "900 مليار دولار" {
		t.Errorf("anchor = %+v", cl.Anchor)
	}
	if cl.Statement != string([]rune(sampleAR)[0:111]) || cl.ClaimDate != "2025-01-28" || cl.Lang != "ar" {
		t.Errorf("claim = %q %q %q", cl.Statement, cl.ClaimDate, cl.Lang)
	}

	// A second click logs nothing and names the claim already there.
	again, err := svc.LogSuggestion(ctx, rev, a.ID, market.Input(a))
	if !errors.Is(err, claims.ErrAlreadyLogged) || again.ID != cl.ID {
		t.Fatalf("second log: %v, claim %d; want ErrAlreadyLogged with claim %d", err, again.ID, cl.ID)
	}
	if all, _ := svc.ArticleClaims(ctx, a.ID); len(all) != 1 {
		t.Errorf("claims after two clicks = %d; want 1", len(all))
	}
	if _, err := svc.LogSuggestion(ctx, claims.Actor{ID: 1}, a.ID, suggestionAt(t, list.Open, "20 %").Input(a)); !errors.Is(err, claims.ErrNotReviewer) {
		t.Errorf("log without a role: %v; want ErrNotReviewer", err)
	}

	// The logged claim's place marks the suggestions it overlaps.
	list, err = svc.Suggestions(ctx, a, []articletext.Span{{Start: 48, End: 66, ID: cl.ID}}, claims.InTextOrder)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range list.Open {
		if wantLogged := g.Text == "900 مليار دولار"; (g.LoggedAs == cl.ID) != wantLogged {
			t.Errorf("%q LoggedAs = %d; want logged %v", g.Text, g.LoggedAs, wantLogged)
		}
	}

	// Ranked: the most check-worthy sentence's findings first.
	ranked, err := svc.Suggestions(ctx, a, nil, claims.ByCheckWorthiness)
	if err != nil {
		t.Fatal(err)
	}
	if len(ranked.Open) != len(want) {
		t.Fatalf("ranked has %d suggestions; want %d", len(ranked.Open), len(want))
	}
	for i := 1; i < len(ranked.Open); i++ {
		if ranked.Open[i].Score > ranked.Open[i-1].Score {
			t.Errorf("ranked out of order at %d: %v", i, keysOf(ranked.Open))
		}
	}
	if got := ranked.Open[3].Text; got != "6 ملايين دولار" {
		t.Errorf("fourth by rank = %q; want the money figure (score 0.73 beats the date's 0.55)", got)
	}
}

func TestDismissAndRestoreSuggestion(t *testing.T) {
	t.Parallel()
	svc, rev, a := setup(t)
	ctx := context.Background()
	ed := claims.Actor{ID: 2, Role: claims.RoleEditor}
	key := claims.SuggestionKey{Start: 106, End: 110, Type: claims.TypePercent}
	if err := svc.DismissSuggestion(ctx, rev, a.ID, key); err != nil {
		t.Fatal(err)
	}
	if err := svc.DismissSuggestion(ctx, ed, a.ID, key); err != nil {
		t.Fatalf("dismissing twice: %v", err)
	}
	list, err := svc.Suggestions(ctx, a, nil, claims.InTextOrder)
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Open) != 4 || len(list.Dismissed) != 1 {
		t.Fatalf("open %v, dismissed %v; want 4 and the percentage", keysOf(list.Open), keysOf(list.Dismissed))
	}
	d := list.Dismissed[0]
	if d.Key != key || d.Text != "20 %" || d.DismissedBy != "Rev" || !d.Dismissed() {
		t.Errorf("dismissed = %+v", d)
	}
	hist, err := svc.ArticleHistory(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	actions := func(h []claims.HistoryEntry) []string {
		var out []string
		for _, e := range h {
			out = append(out, e.Action)
		}
		return out
	}
	if diff := cmp.Diff(actions(hist), []string{"article.created", "suggestion.dismissed"}); diff != "" {
		t.Fatalf("history (-got +want):\n%s", diff)
	}
	wantChanges := []claims.Change{{Field: "type", New: "percent"}, {Field: "quote", New: "20 %"}, {Field: "anchor", New: "106–110"}}
	if diff := cmp.Diff(hist[1].Changes, wantChanges); diff != "" || hist[1].UserName != "Rev" {
		t.Errorf("dismissal entry by %q, changes (-got +want):\n%s", hist[1].UserName, diff)
	}

	// What the spotter does not find cannot be dismissed; nor can a stranger dismiss.
	for _, k := range []claims.SuggestionKey{{Start: 106, End: 110, Type: claims.TypeMoney}, {Start: 0, End: 5, Type: claims.TypeDate}, {Start: -1, End: 3, Type: "bogus"}} {
		if err := svc.DismissSuggestion(ctx, rev, a.ID, k); !errors.Is(err, claims.ErrNotFound) {
			t.Errorf("dismiss %v: %v; want ErrNotFound", k, err)
		}
	}
	if err := svc.DismissSuggestion(ctx, rev, a.ID+100, key); !errors.Is(err, claims.ErrNotFound) {
		t.Errorf("dismiss in a missing article: %v", err)
	}
	if err := svc.DismissSuggestion(ctx, claims.Actor{ID: 1}, a.ID, claims.SuggestionKey{Start: 13, End: 16, Type: claims.TypeDate}); !errors.Is(err, claims.ErrNotReviewer) {
		t.Errorf("dismiss without a role: %v", err)
	}

	// Restore: offered again, recorded once.
	if err := svc.RestoreSuggestion(ctx, ed, a.ID, key); err != nil {
		t.Fatal(err)
	}
	if err := svc.RestoreSuggestion(ctx, ed, a.ID, key); err != nil {
		t.Fatalf("restoring twice: %v", err)
	}
	if err := svc.RestoreSuggestion(ctx, ed, a.ID+100, key); !errors.Is(err, claims.ErrNotFound) {
		t.Errorf("restore in a missing article: %v", err)
	}
	list, _ = svc.Suggestions(ctx, a, nil, claims.InTextOrder)
	if len(list.Open) != 5 || len(list.Dismissed) != 0 {
		t.Errorf("after restore: open %v, dismissed %v", keysOf(list.Open), keysOf(list.Dismissed))
	}
	hist, _ = svc.ArticleHistory(ctx, a.ID)
	if diff := cmp.Diff(actions(hist), []string{"article.created", "suggestion.dismissed", "suggestion.restored"}); diff != "" {
		t.Errorf("history (-got +want):\n%s", diff)
	}
	if hist[2].UserName != "Ed" {
		t.Errorf("restored by %q; want Ed", hist[2].UserName)
	}
	// The history of a claim does not mix in the article's entries.
	if h, _ := svc.History(ctx, 0); len(h) != 0 {
		t.Errorf("claim history 0 = %d entries", len(h))
	}
}

func TestSuggestionSpeakerAndDatesWithoutPublicationDate(t *testing.T) {
	t.Parallel()
	svc, rev, _ := setup(t)
	ctx := context.Background()
	body := `قال الرئيس دونالد ترامب أمس إن الشركات "ستنفق أقل من 6 ملايين دولار على الرقائق" هذا العام. وفي 20 يناير أعلنت الشركة النتائج.`
	a, err := svc.CreateArticle(ctx, rev, claims.NewArticle{Title: "بلا تاريخ", Outlet: "صحيفة المثال", Body: body})
	if err != nil {
		t.Fatal(err)
	}
	list, err := svc.Suggestions(ctx, a, nil, claims.InTextOrder)
	if err != nil {
		t.Fatal(err)
	}
	quote := suggestionAt(t, list.Open, "ستنفق أقل من 6 ملايين دولار على الرقائق")
	money := suggestionAt(t, list.Open, "6 ملايين دولار")
	if quote.Claimant != "الرئيس دونالد ترامب" || quote.Value.Speaker != "الرئيس دونالد ترامب" {
		t.Errorf("quote claimant %q, speaker %q", quote.Claimant, quote.Value.Speaker)
	}
	if money.Claimant != "الرئيس دونالد ترامب" {
		t.Errorf("a figure inside the quotation: claimant %q; want the speaker", money.Claimant)
	}
	if g := suggestionAt(t, list.Open, "20 يناير"); g.Claimant != "صحيفة المثال" {
		t.Errorf("the outlet's own statement: claimant %q", g.Claimant)
	}
	// "أمس" without a publication date is flagged relative, not guessed.
	if v := suggestionAt(t, list.Open, "أمس").Value; !v.Relative || v.Date != "" {
		t.Errorf("yesterday without a reference = %+v; want relative", v)
	}
	// A day without a year is shown as found, but logged without the date
	// (the claim form takes only YYYY, YYYY-MM or YYYY-MM-DD).
	day := suggestionAt(t, list.Open, "20 يناير")
	if day.Value.Date != "--01-20" {
		t.Errorf("day without year = %+v", day.Value)
	}
	cl, err := svc.LogSuggestion(ctx, rev, a.ID, day.Input(a))
	if err != nil {
		t.Fatalf("logging a day without a year: %v", err)
	}
	if cl.Value.Date != "" || cl.ClaimDate != "" || cl.Claimant != "صحيفة المثال" {
		t.Errorf("claim = date %q, claim date %q, claimant %q", cl.Value.Date, cl.ClaimDate, cl.Claimant)
	}
	cl, err = svc.LogSuggestion(ctx, rev, a.ID, quote.Input(a))
	if err != nil {
		t.Fatal(err)
	}
	if cl.Type != claims.TypeQuote || cl.Value.Speaker != "الرئيس دونالد ترامب" || cl.Claimant != "الرئيس دونالد ترامب" || cl.Anchor.Exact != quote.Text {
		t.Errorf("quote claim = %+v", cl)
	}
	if _, _, err := svc.Suggestion(ctx, a.ID, claims.SuggestionKey{Start: 1, End: 2, Type: claims.TypeQuote}); !errors.Is(err, claims.ErrNotFound) {
		t.Errorf("unknown suggestion: %v", err)
	}
	if _, err := claims.ParseSuggestionOrder("random"); err == nil {
		t.Error("an unknown order was accepted")
	}
}
