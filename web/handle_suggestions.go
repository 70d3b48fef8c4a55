package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/articletext"
	"github.com/factdesk/factdesk/web/i18n"
	"github.com/factdesk/factdesk/web/paths"
	"github.com/factdesk/factdesk/web/views"
)

// maxSuggestionsShown bounds the panel: a news article has tens of
// suggestions, a 2 MB report thousands, and a page of thousands of forms
// helps nobody. The ranked order shows the most check-worthy first.
const maxSuggestionsShown = 500

// suggestionPanel builds the "Suggested claims" panel of an article page.
// logged are the places of the article's claims, as the page located them.
func (s *Server) suggestionPanel(c echo.Context, a claims.Article, logged []articletext.Span) (views.SuggestPanel, error) {
	order, err := claims.ParseSuggestionOrder(c.QueryParam("order"))
	if err != nil {
		order = claims.InTextOrder // a stray link parameter is not worth an error page
	}
	list, err := s.claims.Suggestions(c.Request().Context(), a, logged, order)
	if err != nil {
		return views.SuggestPanel{}, err
	}
	l := lang(c)
	m := views.SuggestPanel{ArticleID: a.ID, ArticleLang: a.Lang, Order: string(order), Found: len(list.Open) + len(list.Dismissed)}
	for _, g := range list.Open {
		if g.LoggedAs != 0 {
			m.Logged++
		} else {
			m.ToReview++
		}
		if len(m.Items) == maxSuggestionsShown {
			continue // counted, not shown
		}
		it := suggestItem(l, a, g)
		if g.LoggedAs == 0 {
			it.Fields = suggestionFields(g.Input(a))
			it.EditURL = paths.ArticleSuggestionEdit(a.ID, keyQuery(g.Key))
		}
		m.Items = append(m.Items, it)
	}
	m.Hidden = len(list.Open) - len(m.Items)
	for _, g := range list.Dismissed {
		it := suggestItem(l, a, g)
		it.Note = l.F("suggest.dismissed_by", g.DismissedBy, localDigits(l, dateOnly(g.DismissedAt)))
		m.Dismissed = append(m.Dismissed, it)
	}
	return m, nil
}

func suggestItem(l i18n.Lang, a claims.Article, g claims.Suggestion) views.SuggestItem {
	it := views.SuggestItem{ID: "sg-" + g.Key.String(), Start: g.Key.Start, End: g.Key.End, Type: string(g.Key.Type), Text: g.Text,
		Value: suggestionValue(l, g.Key.Type, g.Value), Speaker: g.Value.Speaker, Score: scoreText(l, g.Score),
		CheckWorthy: g.CheckWorthy, LoggedAs: g.LoggedAs}
	if g.Key.Type != claims.TypeQuote && g.Claimant != a.Outlet {
		it.Claimant = g.Claimant
	}
	return it
}

func keyQuery(k claims.SuggestionKey) url.Values {
	return url.Values{"start": {strconv.Itoa(k.Start)}, "end": {strconv.Itoa(k.End)}, "type": {string(k.Type)}}
}

// suggestionFields lays out a suggestion's claim as the hidden fields of its
// Log form: the same fields as the claim form, plus the parts of the value
// that form has no field for (scale, approximate, relative).
func suggestionFields(in claims.ClaimInput) []views.Option {
	var out []views.Option
	add := func(name, value string) {
		if value != "" {
			out = append(out, views.Option{Value: name, Label: value})
		}
	}
	add("statement", in.Statement)
	add("type", in.Type)
	add("claimant", in.Claimant)
	add("claim_date", in.ClaimDate)
	add("quote", in.Quote)
	add("start", strconv.Itoa(in.Start))
	add("end", strconv.Itoa(in.End))
	add("amount", in.Amount)
	add("currency", in.Value.Currency)
	add("unit", in.Value.Unit)
	add("scale", in.Value.Scale)
	add("qualifier", in.Value.Qualifier)
	add("value_date", in.Value.Date)
	add("precision", in.Value.Precision)
	add("part", in.Value.Part)
	add("speaker", in.Value.Speaker)
	if in.Value.Approximate {
		add("approximate", "1")
	}
	if in.Value.Relative {
		add("relative", "1")
	}
	return out
}

// articleURL is where a suggestion action returns: the article, in the order
// the panel was shown in.
func articleURL(id int64, order, fragment string) string {
	u := paths.Article(id)
	if o, err := claims.ParseSuggestionOrder(order); err == nil && o == claims.ByCheckWorthiness {
		u = paths.ArticleOrdered(id, string(o))
	}
	return u + "#" + fragment
}

func suggestionError(err error) error {
	switch {
	case errors.Is(err, claims.ErrNotReviewer):
		return echo.NewHTTPError(http.StatusForbidden, "error.403")
	case errors.Is(err, claims.ErrNotFound):
		return echo.NewHTTPError(http.StatusNotFound, "suggest.gone")
	}
	return err
}

// suggestionLog logs a suggestion as a claim in one POST and returns to the
// article with the new claim highlighted. A value the claim rules refuse
// opens the claim form with the errors, nothing stored.
func (s *Server) suggestionLog(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	form := parseSuggestionLogForm(c)
	v := form.values
	cl, err := s.claims.LogSuggestion(c.Request().Context(), actor(c), id, form.Input)
	var fe claims.FieldErrors
	switch {
	case errors.As(err, &fe):
		return s.renderNewClaimForm(c, id, views.Form{Values: v, Errors: fe}, http.StatusUnprocessableEntity)
	case errors.Is(err, claims.ErrAlreadyLogged):
		s.flash(c, "warn", "suggest.flash_already", strconv.FormatInt(cl.ID, 10))
		return redirect(c, articleURL(id, c.FormValue("order"), "hl-"+strconv.FormatInt(cl.ID, 10)))
	case errors.Is(err, claims.ErrNotReviewer):
		return suggestionError(err)
	case err != nil:
		return domainError(err)
	}
	s.flash(c, "ok", "suggest.flash_logged", strconv.FormatInt(cl.ID, 10))
	return redirect(c, articleURL(id, c.FormValue("order"), "hl-"+strconv.FormatInt(cl.ID, 10)))
}

// suggestionEdit opens the new-claim form filled in from a suggestion, for
// the reviewer to correct before logging.
func (s *Server) suggestionEdit(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	k, err := parseSuggestionKey(c)
	if err != nil {
		return err
	}
	a, g, err := s.claims.Suggestion(c.Request().Context(), id, k)
	if err != nil {
		return suggestionError(err)
	}
	in := g.Input(a)
	f := map[string]string{"statement": in.Statement, "claimant": in.Claimant, "claim_date": in.ClaimDate, "priority": "normal",
		"quote": in.Quote, "start": strconv.Itoa(in.Start), "end": strconv.Itoa(in.End)}
	valueForm(f, g.Key.Type, in.Value)
	m, err := s.claimFormPage(c, views.Form{Values: f, Errors: map[string]string{}})
	if err != nil {
		return err
	}
	if anc, err := articletext.AnchorAt(a.Body, k.Start, k.End); err == nil {
		m.ContextBefore, m.ContextAfter = anc.Prefix, anc.Suffix
	}
	m.Prefilled, m.IsNew, m.ArticleID, m.ArticleLang = true, true, a.ID, a.Lang
	m.Action = paths.ArticleClaims(a.ID)
	return render(c, http.StatusOK, views.ClaimFormView(s.page(c, lang(c).T("claims.new_title"), "claims"), m))
}

// renderNewClaimForm shows the new-claim form of an article with what was
// sent and what is wrong with it.
func (s *Server) renderNewClaimForm(c echo.Context, articleID int64, f views.Form, status int) error {
	a, err := s.claims.Article(c.Request().Context(), articleID)
	if err != nil {
		return domainError(err)
	}
	m, err := s.claimFormPage(c, f)
	if err != nil {
		return err
	}
	m.IsNew, m.ArticleID, m.ArticleLang = true, a.ID, a.Lang
	m.Action = paths.ArticleClaims(a.ID)
	return render(c, status, views.ClaimFormView(s.page(c, lang(c).T("claims.new_title"), "claims"), m))
}

func (s *Server) suggestionDismiss(c echo.Context) error {
	return s.suggestionDecide(c, s.claims.DismissSuggestion, "suggest.flash_dismissed")
}

func (s *Server) suggestionRestore(c echo.Context) error {
	return s.suggestionDecide(c, s.claims.RestoreSuggestion, "suggest.flash_restored")
}

// suggestionDecide runs a dismiss or restore and returns to the panel.
func (s *Server) suggestionDecide(c echo.Context, do func(ctx context.Context, actor claims.Actor, articleID int64, k claims.SuggestionKey) error, done string) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	k, err := parseSuggestionKey(c)
	if err != nil {
		return err
	}
	if err := do(c.Request().Context(), actor(c), id, k); err != nil {
		return suggestionError(err)
	}
	s.flash(c, "ok", done)
	return redirect(c, articleURL(id, c.FormValue("order"), "suggestions"))
}

// dateOnly formats a timestamp as the day it fell on, in UTC.
func dateOnly(t time.Time) string { return t.UTC().Format("2006-01-02") }
