package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/articletext"
	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/i18n"
	"github.com/factdesk/factdesk/web/paths"
	"github.com/factdesk/factdesk/web/views"
)

func (s *Server) claimFormPage(c echo.Context, f views.Form) (views.ClaimFormPage, error) {
	l := lang(c)
	m := views.ClaimFormPage{Form: f}
	for _, t := range claims.Types {
		m.Types = append(m.Types, views.Option{Value: string(t), Label: l.T("type." + string(t))})
	}
	for _, p := range claims.Priorities {
		m.Priorities = append(m.Priorities, views.Option{Value: string(p), Label: l.T("priority." + string(p))})
	}
	for _, q := range claims.Qualifiers {
		m.Qualifiers = append(m.Qualifiers, views.Option{Value: q, Label: l.T("qualifier." + orNone(q))})
	}
	for _, p := range claims.Precisions {
		m.Precisions = append(m.Precisions, views.Option{Value: p, Label: l.T("precision." + p)})
	}
	for _, p := range claims.Parts {
		m.Parts = append(m.Parts, views.Option{Value: p, Label: l.T("part." + orNone(p))})
	}
	people, err := s.claims.People(c.Request().Context())
	if err != nil {
		return m, err
	}
	m.People = peopleOptions(people)
	return m, nil
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func peopleOptions(people []claims.Person) []views.Option {
	out := make([]views.Option, len(people))
	for i, p := range people {
		out[i] = views.Option{Value: strconv.FormatInt(p.ID, 10), Label: p.Name}
	}
	return out
}

// claimNewForm opens the form, pre-filled from a selection (start, end,
// quote) or empty for pasting the quote.
func (s *Server) claimNewForm(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	a, err := s.claims.Article(c.Request().Context(), id)
	if err != nil {
		return domainError(err)
	}
	f := views.Form{Values: map[string]string{"priority": "normal", "claimant": a.Outlet}, Errors: map[string]string{}}
	sel := parseClaimSelection(c)
	quote, start, end := sel.Quote, sel.Start, sel.End
	prefilled := false
	m, err := s.claimFormPage(c, f)
	if err != nil {
		return err
	}
	if quote != "" || start >= 0 {
		var anc articletext.Anchor
		if start >= 0 && end > start {
			anc, err = articletext.AnchorAt(a.Body, start, end)
		} else {
			anc, _, err = articletext.AnchorQuote(a.Body, quote, -1)
		}
		if err != nil {
			f.Errors["quote"] = "err.quote_not_found"
			f.Values["quote"] = quote
		} else {
			f.Values["quote"] = anc.Exact
			f.Values["statement"] = anc.Exact
			f.Values["start"], f.Values["end"] = strconv.Itoa(anc.Start), strconv.Itoa(anc.End)
			m.ContextBefore, m.ContextAfter = anc.Prefix, anc.Suffix
			ref, _ := time.Parse("2006-01-02", a.PublishedOn)
			if t, v, ok := claims.Suggest(anc.Exact, "", ref); ok {
				valueForm(f.Values, t, v)
				prefilled = true
			} else {
				f.Values["type"] = "other"
			}
		}
	}
	m.Form, m.Prefilled, m.IsNew, m.ArticleID, m.ArticleLang = f, prefilled, true, a.ID, a.Lang
	m.Action = paths.ArticleClaims(a.ID)
	// Checked before, from what the form was filled with.
	cb, err := s.checkedBefore(c.Request().Context(), lang(c), formProbe(f.Values, a.Lang), 0)
	if err != nil {
		return err
	}
	m.Checked = &cb
	return render(c, http.StatusOK, views.ClaimFormView(s.page(c, lang(c).T("claims.new_title"), "claims"), m))
}

func (s *Server) claimCreate(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	form := parseClaimForm(c)
	v := form.values
	cl, err := s.claims.CreateClaim(c.Request().Context(), actor(c), id, form.Input)
	var fe claims.FieldErrors
	switch {
	case errors.As(err, &fe):
		a, aerr := s.claims.Article(c.Request().Context(), id)
		if aerr != nil {
			return domainError(aerr)
		}
		m, merr := s.claimFormPage(c, views.Form{Values: v, Errors: fe})
		if merr != nil {
			return merr
		}
		m.IsNew, m.ArticleID, m.ArticleLang = true, id, a.Lang
		m.Action = paths.ArticleClaims(id)
		cb, cerr := s.checkedBefore(c.Request().Context(), lang(c), formProbe(v, a.Lang), 0)
		if cerr != nil {
			return cerr
		}
		m.Checked = &cb
		return render(c, http.StatusUnprocessableEntity, views.ClaimFormView(s.page(c, lang(c).T("claims.new_title"), "claims"), m))
	case err != nil:
		return domainError(err)
	}
	s.flash(c, "ok", "claims.created")
	// The claim page warns when it looks like claims checked before: it
	// computes the panel anyway, so logging does not compute it twice.
	s.flash(c, flashIfChecked, "checked.found")
	return redirect(c, paths.Claim(cl.ID))
}

func (s *Server) claimEditForm(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	cl, err := s.claims.Claim(c.Request().Context(), id)
	if err != nil {
		return domainError(err)
	}
	m, err := s.claimFormPage(c, views.Form{Values: claimFormValues(cl)})
	if err != nil {
		return err
	}
	m.Action = paths.Claim(id)
	return render(c, http.StatusOK, views.ClaimFormView(s.page(c, lang(c).T("claims.edit_title"), "claims"), m))
}

func (s *Server) claimUpdate(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	form := parseClaimForm(c)
	v := form.values
	_, err = s.claims.UpdateClaim(c.Request().Context(), actor(c), id, form.Input)
	var fe claims.FieldErrors
	var conflict *claims.ConflictError
	switch {
	case errors.As(err, &fe):
		m, merr := s.claimFormPage(c, views.Form{Values: v, Errors: fe})
		if merr != nil {
			return merr
		}
		m.Action = paths.Claim(id)
		return render(c, http.StatusUnprocessableEntity, views.ClaimFormView(s.page(c, lang(c).T("claims.edit_title"), "claims"), m))
	case errors.As(err, &conflict):
		// Show both versions; the form keeps what the user typed, now based
		// on the newer version, so saving again is a deliberate choice.
		l := lang(c)
		mine := snapshotOf(l, formClaim(v), form.Input.Version)
		v["version"] = strconv.FormatInt(conflict.Current.Version, 10)
		m, merr := s.claimFormPage(c, views.Form{Values: v})
		if merr != nil {
			return merr
		}
		theirs := snapshotOf(l, conflict.Current, conflict.Current.Version)
		m.Conflict, m.Mine = &theirs, &mine
		m.Action = paths.Claim(id)
		return render(c, http.StatusConflict, views.ClaimFormView(s.page(c, l.T("claims.edit_title"), "claims"), m))
	case err != nil:
		return domainError(err)
	}
	s.flash(c, "ok", "claims.saved")
	return redirect(c, paths.Claim(id))
}

func snapshotOf(l i18n.Lang, cl claims.Claim, version int64) views.ClaimSnapshot {
	return views.ClaimSnapshot{Version: version, Fields: []views.Option{
		{Value: l.T("field.statement"), Label: cl.Statement},
		{Value: l.T("field.restatement"), Label: cl.Restatement},
		{Value: l.T("field.type"), Label: l.T("type." + string(cl.Type))},
		{Value: l.T("field.claimant"), Label: cl.Claimant},
		{Value: l.T("field.claim_date"), Label: cl.ClaimDate},
		{Value: l.T("field.value"), Label: cl.Value.Summary(cl.Type)},
		{Value: l.T("field.priority"), Label: l.T("priority." + string(cl.Priority))},
		{Value: l.T("field.tags"), Label: strings.Join(cl.Tags, ", ")},
	}}
}

func (s *Server) claimStatus(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	form, err := parseClaimStatusForm(c)
	if err != nil {
		return err
	}
	_, err = s.claims.SetStatus(c.Request().Context(), actor(c), id, form.To, form.Version)
	var conflict *claims.ConflictError
	switch {
	case errors.As(err, &conflict):
		s.flash(c, "error", "claims.status_conflict")
	case errors.Is(err, claims.ErrNoEvidence):
		s.flash(c, "error", "err.no_evidence")
	case err != nil:
		return domainError(err)
	default:
		s.flash(c, "ok", "claims.status_changed")
	}
	return redirect(c, paths.Claim(id))
}

func (s *Server) claimShow(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return s.renderClaim(c, id, claimPageState{status: http.StatusOK, query: c.QueryParam("src_q")})
}

// renderClaim renders the claim page; state carries a refused verdict,
// comment or evidence form back to it, with what the user typed, and the
// library search of the no-JavaScript evidence picker.
func (s *Server) renderClaim(c echo.Context, id int64, state claimPageState) error {
	ctx := c.Request().Context()
	cl, err := s.claims.Claim(ctx, id)
	if err != nil {
		return domainError(err)
	}
	l := lang(c)
	m := views.ClaimPage{ID: cl.ID, Statement: cl.Statement, Restatement: cl.Restatement, Type: string(cl.Type), Status: string(cl.Status),
		Priority: string(cl.Priority), Claimant: cl.Claimant, ClaimDate: cl.ClaimDate, Lang: cl.Lang, Tags: cl.Tags,
		AssigneeName: cl.AssigneeName, ArticleID: cl.ArticleID, ArticleTitle: cl.ArticleTitle, Version: cl.Version,
		ValueRows: valueRows(l, cl.Type, cl.Value)}
	if cl.ArticleID != 0 && cl.Anchor != nil {
		a, err := s.claims.Article(ctx, cl.ArticleID)
		if err != nil {
			return err
		}
		m.ArticleLang = a.Lang
		if anc, ok := cl.Anchor.Locate(a.Body); ok {
			m.Anchored = true
			m.ContextBefore, m.Exact, m.ContextAfter = anc.Prefix, anc.Exact, anc.Suffix
		}
	}
	m.Evidence, err = s.evidenceSection(c, id, state.attach, state.query)
	if err != nil {
		return err
	}
	// Review needs evidence: until there is some, the page says so beside
	// the workflow, and submitting a verdict is refused with the same reason.
	m.NeedsEvidence = m.Evidence.Total == 0 && (cl.Status == claims.StatusNew || cl.Status == claims.StatusResearching)
	for _, st := range claims.NextStatuses(cl.Status, actor(c).Role) {
		m.Next = append(m.Next, views.Option{Value: string(st), Label: l.T("transition." + string(st))})
	}
	hist, err := s.claims.History(ctx, id)
	if err != nil {
		return err
	}
	m.History = historyItems(l, hist)
	comments, err := s.claims.Comments(ctx, id)
	if err != nil {
		return err
	}
	if m.Verdict, err = s.verdictSection(c, cl, state, comments); err != nil {
		return err
	}
	m.Thread = threadOf(cl.ID, comments, state.comment)
	// Checked before: the twins linked to the claim, then the claims and
	// prior checks that look like it.
	if m.Checked, err = s.checkedBefore(ctx, l, claimProbe(cl), cl.ID); err != nil {
		return err
	}
	hasPublished := m.Verdict.Published != nil
	canTake := m.Verdict.Open == nil && !hasPublished && (cl.Status == claims.StatusNew || cl.Status == claims.StatusResearching)
	if m.Checked.Twins, err = s.twinItems(ctx, l, cl, hasPublished, canTake); err != nil {
		return err
	}
	m.Checked.IsEditor = currentUser(c).Role.AtLeast(auth.Editor)
	p := s.page(c, l.T("claims.claim")+" #"+strconv.FormatInt(id, 10), "claims")
	if n := len(m.Checked.Items); n > 0 && c.Get(ctxIfChecked) != nil {
		p.Flashes = append(p.Flashes, views.Flash{Kind: "warn", Text: l.F("checked.found", l.Num(int64(n)))})
	}
	return render(c, state.status, views.ClaimView(p, m))
}

// historyItems shows history entries newest first, each change in words.
func historyItems(l i18n.Lang, hist []claims.HistoryEntry) []views.HistoryItem {
	out := make([]views.HistoryItem, 0, len(hist))
	for i := len(hist) - 1; i >= 0; i-- {
		h := hist[i]
		item := views.HistoryItem{At: h.At, Who: h.UserName, Action: h.Action}
		for _, ch := range h.Changes {
			item.Changes = append(item.Changes, changeLabel(l, ch.Field, ch.Old, ch.New))
		}
		out = append(out, item)
	}
	return out
}

func historyField(l i18n.Lang, f string) string {
	if i18n.Has("field." + f) {
		return l.T("field." + f)
	}
	return f
}

func valueRows(l i18n.Lang, t claims.Type, v claims.Value) []views.Option {
	var out []views.Option
	add := func(key, val string) {
		if val != "" {
			out = append(out, views.Option{Value: l.T(key), Label: val})
		}
	}
	if v.Amount != 0 {
		amt := claims.FormatAmount(v.Amount)
		if t == claims.TypePercent {
			amt += " %"
		}
		add("field.amount", amt)
	}
	add("field.currency", v.Currency)
	add("field.unit", v.Unit)
	if v.Qualifier != "" {
		add("field.qualifier", l.T("qualifier."+v.Qualifier))
	}
	add("field.value_date", v.Date)
	if v.Precision != "" {
		add("field.precision", l.T("precision."+v.Precision))
	}
	if v.Part != "" {
		add("field.part", l.T("part."+v.Part))
	}
	add("field.speaker", v.Speaker)
	add("field.occasion", v.Occasion)
	return out
}

func (s *Server) claimList(c echo.Context) error {
	ctx := c.Request().Context()
	l := lang(c)
	filter := parseClaimFilter(c)
	flt, f := filter.Filter, filter.form
	// The assignees for the filter form are read beside the list: on
	// PostgreSQL each is a round trip, and they do not depend on each other.
	type peopleRead struct {
		people []claims.Person
		err    error
	}
	pc := make(chan peopleRead, 1)
	go func() {
		p, err := s.claims.People(ctx)
		pc <- peopleRead{p, err}
	}()
	page, err := s.claims.Claims(ctx, flt)
	var fe claims.FieldErrors
	status := http.StatusOK
	if errors.As(err, &fe) {
		f.Errors = fe
		status = http.StatusUnprocessableEntity
	} else if err != nil {
		return err
	}
	m := views.ClaimListPage{Filter: f, Heading: l.T("claims.title"), Exports: exportLinks(l, c.QueryParams())}
	nav := "claims"
	if f.V("mine") != "" {
		m.Heading, nav = l.T("nav.my_claims"), "mine"
	}
	for _, st := range claims.Statuses {
		m.Statuses = append(m.Statuses, views.Option{Value: string(st), Label: l.T("status." + string(st))})
	}
	for _, t := range claims.Types {
		m.Types = append(m.Types, views.Option{Value: string(t), Label: l.T("type." + string(t))})
	}
	for _, so := range claims.Sorts {
		m.Sorts = append(m.Sorts, views.Option{Value: so, Label: l.T("sort." + so)})
	}
	pr := <-pc
	if pr.err != nil {
		return pr.err
	}
	m.People = peopleOptions(pr.people)
	for _, cl := range page.Claims {
		m.Claims = append(m.Claims, claimItem(cl))
	}
	if err := s.evidenceCounts(c, m.Claims); err != nil {
		return err
	}
	if page.Next != "" {
		next := c.QueryParams()
		nq := url.Values{}
		for k, vs := range next {
			nq[k] = vs
		}
		nq.Set("after", page.Next)
		m.Next = paths.ClaimsWith(nq)
	}
	return render(c, status, views.ClaimListView(s.page(c, m.Heading, nav), m))
}

func claimItem(cl claims.Claim) views.ClaimItem {
	return views.ClaimItem{ID: cl.ID, Statement: cl.Statement, Type: string(cl.Type), Status: string(cl.Status), Priority: string(cl.Priority),
		Claimant: cl.Claimant, ArticleID: cl.ArticleID, ArticleTitle: cl.ArticleTitle, AssigneeName: cl.AssigneeName,
		Lang: cl.Lang, Tags: cl.Tags, Value: cl.Value.Summary(cl.Type)}
}

func (s *Server) claimBoard(c echo.Context) error {
	flt := parseClaimFilter(c).Filter
	b, err := s.claims.Board(c.Request().Context(), flt, 20)
	var fe claims.FieldErrors
	if errors.As(err, &fe) {
		return echo.NewHTTPError(http.StatusUnprocessableEntity)
	} else if err != nil {
		return err
	}
	var cols []views.BoardColumn
	for _, col := range b.Columns {
		vc := views.BoardColumn{Status: string(col.Status), Count: col.Count}
		for _, cl := range col.Claims {
			vc.Claims = append(vc.Claims, claimItem(cl))
		}
		cols = append(cols, vc)
	}
	return render(c, http.StatusOK, views.BoardView(s.page(c, lang(c).T("board.title"), "board"), cols))
}

func (s *Server) home(c echo.Context) error {
	l := lang(c)
	counts, err := s.claims.StatusCounts(c.Request().Context(), 0)
	if err != nil {
		return err
	}
	m := views.HomePage{}
	for _, st := range claims.Statuses {
		m.StatusCounts = append(m.StatusCounts, views.Count{Key: string(st), Label: l.T("status." + string(st)), N: counts[st], Href: paths.ClaimsByStatus(string(st))})
	}
	return render(c, http.StatusOK, views.HomeView(s.page(c, l.T("home.title"), "home"), m))
}
