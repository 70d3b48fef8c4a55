package web

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/articletext"
	"github.com/factdesk/factdesk/claims/searchindex"
	"github.com/factdesk/factdesk/sources"
	"github.com/factdesk/factdesk/web/i18n"
	"github.com/factdesk/factdesk/web/paths"
	"github.com/factdesk/factdesk/web/views"
)

// similarShown is how many "checked before" suggestions a panel shows.
const similarShown = 5

// claimProbe is what "checked before" compares for a saved claim.
func claimProbe(cl claims.Claim) searchindex.Probe {
	quote := ""
	if cl.Anchor != nil {
		quote = cl.Anchor.Exact
	}
	return searchindex.Probe{Kind: searchindex.KindClaim, Ref: cl.ID, Text: cl.Statement + "\n" + cl.Restatement, Lang: cl.Lang,
		Features: claims.ClaimFeatures(cl.Statement, cl.Restatement, cl.Lang, cl.Type, cl.Value, quote)}
}

// formProbe is the same for a claim still in the form.
func formProbe(v map[string]string, lang string) searchindex.Probe {
	in := claimInput(v)
	if f, _, ok := claims.ParseAmount(in.Amount); ok {
		in.Value.Amount = f
	}
	text := strings.TrimSpace(in.Statement + "\n" + in.Restatement)
	if lang == "" {
		lang = articletext.DetectLanguage(text)
	}
	return searchindex.Probe{Text: text, Lang: lang,
		Features: claims.ClaimFeatures(in.Statement, in.Restatement, lang, claims.Type(in.Type), in.Value, in.Quote)}
}

// checkedBefore builds the panel: the claims and prior checks most like the
// probe (those already linked to claimID left out), with their verdicts.
func (s *Server) checkedBefore(ctx context.Context, l i18n.Lang, p searchindex.Probe, claimID int64) (views.CheckedBefore, error) {
	m := views.CheckedBefore{ClaimID: claimID, Searched: strings.TrimSpace(p.Text) != ""}
	if !m.Searched {
		return m, nil
	}
	matches, err := s.index.Similar(ctx, p, similarShown+5)
	if err != nil {
		return m, err
	}
	linkedClaims, linkedPriors := map[int64]bool{}, map[int64]bool{}
	if claimID != 0 {
		if linkedClaims, linkedPriors, err = s.claims.LinkedIDs(ctx, claimID); err != nil {
			return m, err
		}
	}
	var claimIDs, priorIDs []int64
	var kept []searchindex.Match
	for _, mt := range matches {
		switch {
		case len(kept) == similarShown:
		case mt.Kind == searchindex.KindClaim && !linkedClaims[mt.Ref]:
			claimIDs = append(claimIDs, mt.Ref)
			kept = append(kept, mt)
		case mt.Kind == searchindex.KindPrior && !linkedPriors[mt.Ref]:
			priorIDs = append(priorIDs, mt.Ref)
			kept = append(kept, mt)
		}
	}
	cl, err := s.similarClaims(ctx, l, claimIDs)
	if err != nil {
		return m, err
	}
	pr, err := s.similarPriors(ctx, priorIDs)
	if err != nil {
		return m, err
	}
	for _, mt := range kept {
		var it views.SimilarItem
		var ok bool
		if mt.Kind == searchindex.KindClaim {
			it, ok = cl[mt.Ref]
		} else {
			it, ok = pr[mt.Ref]
		}
		if !ok {
			continue
		}
		for _, r := range mt.Reasons {
			it.Reasons = append(it.Reasons, string(r))
		}
		it.Names = mt.Names
		m.Items = append(m.Items, it)
	}
	return m, nil
}

// similarClaims shows claims of the desk with their published verdicts and
// how much evidence they have.
func (s *Server) similarClaims(ctx context.Context, l i18n.Lang, ids []int64) (map[int64]views.SimilarItem, error) {
	out := map[int64]views.SimilarItem{}
	if len(ids) == 0 {
		return out, nil
	}
	cs, err := s.claims.ClaimsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	pub, err := s.claims.PublishedVerdicts(ctx, ids)
	if err != nil {
		return nil, err
	}
	counts := map[int64]sources.Counts{}
	if s.sources != nil {
		if counts, err = s.sources.EvidenceCounts(ctx, ids); err != nil {
			return nil, err
		}
	}
	for id, c := range cs {
		it := views.SimilarItem{Kind: "claim", ID: id, Href: paths.Claim(id), Text: c.Statement, Lang: c.Lang, Status: string(c.Status),
			Evidence: counts[id].Total()}
		if v, ok := pub[id]; ok {
			b := badge(l, v.Label)
			it.Label = &b
		}
		out[id] = it
	}
	return out, nil
}

func (s *Server) similarPriors(ctx context.Context, ids []int64) (map[int64]views.SimilarItem, error) {
	out := map[int64]views.SimilarItem{}
	if len(ids) == 0 {
		return out, nil
	}
	ps, err := s.claims.PriorChecksByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	for id, p := range ps {
		out[id] = priorItem(p)
	}
	return out, nil
}

func priorItem(p claims.PriorCheck) views.SimilarItem {
	it := views.SimilarItem{Kind: "prior", ID: p.ID, Href: paths.PriorCheck(p.ID), Text: p.ClaimText, Lang: p.Lang,
		Rating: p.Rating, Publisher: p.PublisherName}
	if claims.CheckURL(p.ReviewURL) == "" {
		it.ReviewURL = p.ReviewURL
	}
	return it
}

// twinItems shows the claims and prior checks linked to cl, with what an
// editor may carry each way.
func (s *Server) twinItems(ctx context.Context, l i18n.Lang, cl claims.Claim, hasPublished, canTake bool) ([]views.TwinItem, error) {
	twins, err := s.claims.Twins(ctx, cl.ID)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, t := range twins {
		if t.Claim != nil {
			ids = append(ids, t.Claim.ID)
		}
	}
	counts := map[int64]sources.Counts{}
	if s.sources != nil && len(ids) > 0 {
		if counts, err = s.sources.EvidenceCounts(ctx, ids); err != nil {
			return nil, err
		}
	}
	var out []views.TwinItem
	for _, t := range twins {
		ti := views.TwinItem{LinkID: t.LinkID}
		switch {
		case t.Prior != nil:
			ti.SimilarItem = priorItem(*t.Prior)
		case t.Claim != nil:
			c := t.Claim
			ti.SimilarItem = views.SimilarItem{Kind: "claim", ID: c.ID, Href: paths.Claim(c.ID), Text: c.Statement, Lang: c.Lang,
				Status: string(c.Status), Evidence: counts[c.ID].Total()}
			if t.Verdict != nil {
				b := badge(l, t.Verdict.Label)
				ti.Label = &b
			}
			twinCanTake := (c.Status == claims.StatusNew || c.Status == claims.StatusResearching) && t.Verdict == nil
			ti.CarryHere = t.Verdict != nil && canTake
			ti.CarryThere = hasPublished && twinCanTake
		}
		out = append(out, ti)
	}
	return out, nil
}

// checkedBeforeFragment is the panel of the claim form, recomputed as the
// reviewer types the statement (progressive enhancement; the form page has
// it already).
func (s *Server) checkedBeforeFragment(c echo.Context) error {
	q := parseCheckedProbe(c)
	l := lang(c)
	m, err := s.checkedBefore(c.Request().Context(), l, formProbe(q.values, q.Lang), 0)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.CheckedBeforeList(s.part(c, "claims"), m))
}

// linkAdd links the claim to a twin claim or to a prior check.
func (s *Server) linkAdd(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	form, err := parseLinkForm(c)
	if err != nil {
		return err
	}
	if form.Twin > 0 {
		err = s.claims.LinkClaim(ctx, actor(c), id, form.Twin)
	} else {
		err = s.claims.LinkPrior(ctx, actor(c), id, form.Prior)
	}
	switch {
	case errors.Is(err, claims.ErrAlreadyLinked):
		s.flash(c, "ok", "checked.already_linked")
	case errors.Is(err, claims.ErrSelfLink):
		return echo.NewHTTPError(http.StatusUnprocessableEntity, "err.invalid")
	case err != nil:
		return domainError(err)
	default:
		s.flash(c, "ok", "checked.linked")
	}
	return redirect(c, paths.Claim(id)+"#checked-before")
}

// linkRemove removes a link of the claim.
func (s *Server) linkRemove(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	lid, err := pathParamID(c, "lid")
	if err != nil {
		return err
	}
	if err := s.claims.Unlink(c.Request().Context(), actor(c), id, lid); err != nil {
		return domainError(err)
	}
	s.flash(c, "ok", "checked.unlinked")
	return redirect(c, paths.Claim(id)+"#checked-before")
}

// reuseSources attaches to the claim the evidence of a twin claim, or the
// published check of a prior check as a source (context).
func (s *Server) reuseSources(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	u := currentUser(c)
	form, err := parseReuseForm(c)
	if err != nil {
		return err
	}
	from, prior := form.From, form.Prior
	switch {
	case from > 0:
		n, err := s.sources.CopyEvidence(ctx, u.ID, from, id)
		if err != nil {
			return domainError(err)
		}
		if n == 0 {
			s.flash(c, "ok", "checked.reused_none")
		} else {
			s.flash(c, "ok", "checked.reused", lang(c).Num(int64(n)))
		}
	default: // prior > 0
		p, err := s.claims.PriorCheck(ctx, prior)
		if err != nil {
			return domainError(err)
		}
		if claims.CheckURL(p.ReviewURL) != "" {
			return echo.NewHTTPError(http.StatusUnprocessableEntity, "checked.no_review_url")
		}
		title := p.ReviewTitle
		if strings.TrimSpace(title) == "" {
			title = shorten(p.ClaimText, sources.MaxTitle)
		}
		note := p.Rating
		if p.Rating != "" {
			note = lang(c).F("checked.prior_note", p.Rating)
		}
		_, reused, err := s.sources.AddEvidenceWithSource(ctx, u.ID, id,
			sources.Input{URL: p.ReviewURL, Title: shorten(title, sources.MaxTitle), Publisher: shorten(p.PublisherName, sources.MaxShortText),
				PublishedOn: p.ReviewDate, Kind: string(sources.KindNews), Lang: priorLang(p.Lang)},
			sources.EvidenceInput{Stance: string(sources.StanceContext), Note: note})
		var fe sources.FieldErrors
		switch {
		case errors.As(err, &fe):
			return echo.NewHTTPError(http.StatusUnprocessableEntity, "checked.no_review_url")
		case err != nil:
			return domainError(err)
		case reused:
			s.flash(c, "ok", "evidence.added_reused")
		default:
			s.flash(c, "ok", "evidence.added")
		}
	}
	return redirect(c, paths.Claim(id)+"#evidence")
}

// priorLang keeps a prior check's language if the library knows it.
func priorLang(l string) string {
	for _, k := range []string{"ar", "en", "fr", "es", "de", "zh", "ru", "pt", "fa", "tr"} {
		if l == k {
			return l
		}
	}
	return ""
}

// carryVerdict makes the published verdict of a linked twin (from) a draft
// on this claim (editors).
func (s *Server) carryVerdict(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	form, err := parseCarryForm(c)
	if err != nil {
		return err
	}
	from := form.From
	_, err = s.claims.CarryVerdict(c.Request().Context(), actor(c), id, from)
	var fe claims.FieldErrors
	switch {
	case err == nil:
		s.flash(c, "ok", "checked.carried", "#"+idStr(from))
	case errors.Is(err, claims.ErrForbidden):
		return echo.NewHTTPError(http.StatusForbidden)
	case errors.Is(err, claims.ErrNotLinked), errors.Is(err, claims.ErrNoPublished):
		s.flash(c, "error", "checked.carry_refused")
	case errors.Is(err, claims.ErrConflict), errors.Is(err, claims.ErrPublished), errors.Is(err, claims.ErrTransition),
		errors.Is(err, claims.ErrNotEditable):
		s.flash(c, "error", "checked.carry_busy")
	case errors.As(err, &fe):
		s.flash(c, "error", "checked.carry_label")
	default:
		return domainError(err)
	}
	return redirect(c, paths.Claim(id)+"#verdict")
}
