package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/web/i18n"
	"github.com/factdesk/factdesk/web/paths"
	"github.com/factdesk/factdesk/web/views"
)

// claimPageState carries a refused verdict or comment form back to the claim
// page, as typed, with its errors.
type claimPageState struct {
	status     int
	verdict    *views.Form
	correction *views.Form
	conflict   *claims.Verdict // the newer version a stale verdict form met
	comment    views.Form
	attach     views.Form // the attach-evidence form
	query      string     // the library search of the no-JavaScript evidence picker
}

// verdictKind is which verified value the form asks for.
func verdictKind(t claims.Type) string {
	switch {
	case t == claims.TypePercent:
		return "percent"
	case t.HasAmount():
		return "amount"
	case t == claims.TypeDate:
		return "date"
	}
	return ""
}

func (s *Server) verdictForm(ctx context.Context, l i18n.Lang, cl claims.Claim, id, action string, f views.Form) (*views.VerdictForm, error) {
	labels, err := s.claims.Labels(ctx, false)
	if err != nil {
		return nil, err
	}
	vf := &views.VerdictForm{ID: id, Action: action, Form: f, Kind: verdictKind(cl.Type)}
	if vf.Form.Errors == nil {
		vf.Form.Errors = map[string]string{}
	}
	for _, lab := range labels {
		vf.Labels = append(vf.Labels, views.LabelChoice{ID: strconv.FormatInt(lab.ID, 10), Badge: badge(l, lab)})
	}
	for _, p := range claims.Precisions {
		vf.Precisions = append(vf.Precisions, views.Option{Value: p, Label: l.T("precision." + p)})
	}
	for _, p := range claims.Parts {
		vf.Parts = append(vf.Parts, views.Option{Value: p, Label: l.T("part." + orNone(p))})
	}
	return vf, nil
}

// verdictSection builds the verdict part of the claim page: the published
// version, the one in the works, earlier versions, and the forms the viewer
// may use.
func (s *Server) verdictSection(c echo.Context, cl claims.Claim, state claimPageState, comments []claims.Comment) (views.VerdictSection, error) {
	ctx := c.Request().Context()
	l := lang(c)
	who := actor(c)
	isEditor := who.Role == claims.RoleEditor || who.Role == claims.RoleAdmin
	sec := views.VerdictSection{ClaimID: cl.ID}
	vs, err := s.claims.Verdicts(ctx, cl.ID)
	if err != nil {
		return sec, err
	}
	numbers := map[int64]int{}
	for _, v := range vs {
		numbers[v.ID] = v.Number
	}
	var published, open *claims.Verdict
	for i, v := range vs {
		card := verdictCard(l, cl, v, numbers)
		switch v.State {
		case claims.VerdictApproved:
			published = &vs[i]
			sec.Published = &card
		case claims.VerdictSuperseded:
			sec.Earlier = append(sec.Earlier, card)
		default:
			open = &vs[i]
			sec.Open = &card
		}
	}
	if open != nil && open.State == claims.VerdictChangesRequested {
		for i := len(comments) - 1; i >= 0; i-- {
			if cm := comments[i]; cm.ChangesRequested && cm.VerdictNumber == open.Number {
				sec.SentBack = &views.CommentItem{Author: cm.AuthorName, Body: cm.Body, At: cm.CreatedAt}
				break
			}
		}
	}
	if open != nil && open.State == claims.VerdictSubmitted && isEditor {
		sec.ReviewHref = paths.Review(open.ID)
	}
	canPropose := open == nil && published == nil && (cl.Status == claims.StatusNew || cl.Status == claims.StatusResearching)
	if canPropose || (open != nil && open.State.Editable()) {
		f := views.Form{Values: map[string]string{"version": "0"}}
		switch {
		case state.verdict != nil:
			f = *state.verdict
		case open != nil:
			f.Values = verdictValues(*open, open.Version)
		default:
			f.Values["verified_currency"] = cl.Value.Currency
			f.Values["verified_precision"] = "day"
		}
		vf, err := s.verdictForm(ctx, l, cl, "v-", paths.ClaimVerdict(cl.ID), f)
		if err != nil {
			return sec, err
		}
		vf.Correction = open != nil && open.IsCorrection()
		if state.conflict != nil {
			card := verdictCard(l, cl, *state.conflict, numbers)
			vf.Conflict = &card
		}
		sec.Form = vf
	} else if state.verdict != nil && state.conflict != nil {
		sec.Notice = "verdicts.conflict_decided"
	}
	if isEditor && published != nil && open == nil {
		f := views.Form{Values: verdictValues(*published, published.Version)}
		f.Values["correction_note"] = ""
		if state.correction != nil {
			f = *state.correction
		}
		vf, err := s.verdictForm(ctx, l, cl, "c-", paths.ClaimCorrection(cl.ID), f)
		if err != nil {
			return sec, err
		}
		vf.Correction, vf.Open = true, state.correction != nil
		sec.Correction = vf
	} else if state.correction != nil && state.conflict != nil {
		sec.Notice = "verdicts.conflict_decided"
	}
	return sec, nil
}

func commentItems(cs []claims.Comment) []views.CommentItem {
	out := make([]views.CommentItem, len(cs))
	for i, cm := range cs {
		out[i] = views.CommentItem{Author: cm.AuthorName, Body: cm.Body, At: cm.CreatedAt, ChangesRequested: cm.ChangesRequested, VerdictNumber: cm.VerdictNumber}
	}
	return out
}

// verdictSave proposes or revises the verdict of a claim: "draft" saves it,
// "submit" sends it to review.
func (s *Server) verdictSave(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	form := parseVerdictSaveForm(c)
	_, err = s.claims.SaveVerdict(c.Request().Context(), actor(c), id, form.Input, form.Submit)
	return s.afterVerdictWrite(c, id, form.values, form.Submit, false, err)
}

// correctionOpen reopens a published verdict with a correction (editors).
func (s *Server) correctionOpen(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	form := parseVerdictSaveForm(c)
	_, err = s.claims.OpenCorrection(c.Request().Context(), actor(c), id, form.Input, form.Submit)
	return s.afterVerdictWrite(c, id, form.values, form.Submit, true, err)
}

// afterVerdictWrite redirects after a saved verdict, or shows the claim page
// again with the form as typed and the reason it was refused.
func (s *Server) afterVerdictWrite(c echo.Context, id int64, v map[string]string, submit, correction bool, err error) error {
	if err == nil {
		key := "verdicts.saved"
		if submit {
			key = "verdicts.submitted"
		}
		s.flash(c, "ok", key)
		return redirect(c, paths.Claim(id)+"#verdict")
	}
	form := views.Form{Values: v, Errors: map[string]string{}}
	state := claimPageState{}
	var fe claims.FieldErrors
	var ce *claims.VerdictConflictError
	switch {
	case errors.As(err, &fe):
		form.Errors, state.status = fe, http.StatusUnprocessableEntity
	case errors.As(err, &ce):
		// Show the newer version; the form keeps what was typed, now based
		// on it, so saving again is a deliberate choice.
		state.conflict, state.status = &ce.Current, http.StatusConflict
		v["version"] = strconv.FormatInt(ce.Current.Version, 10)
	case errors.Is(err, claims.ErrNoEvidence):
		form.Error, state.status = "err.no_evidence", http.StatusUnprocessableEntity
	case errors.Is(err, claims.ErrNotEditable), errors.Is(err, claims.ErrPublished), errors.Is(err, claims.ErrNoCorrectee):
		s.flash(c, "error", verdictErrorKey(err))
		return redirect(c, paths.Claim(id)+"#verdict")
	case errors.Is(err, claims.ErrForbidden):
		return echo.NewHTTPError(http.StatusForbidden, "error.403")
	case errors.Is(err, claims.ErrTransition):
		form.Error, state.status = verdictErrorKey(err), http.StatusForbidden
	default:
		return domainError(err)
	}
	if correction {
		state.correction = &form
	} else {
		state.verdict = &form
	}
	return s.renderClaim(c, id, state)
}

func verdictErrorKey(err error) string {
	switch {
	case errors.Is(err, claims.ErrNotEditable):
		return "err.not_editable"
	case errors.Is(err, claims.ErrPublished):
		return "err.published"
	case errors.Is(err, claims.ErrNoCorrectee):
		return "err.no_correctee"
	case errors.Is(err, claims.ErrTransition):
		return "err.verdict_transition"
	}
	return "error.500"
}

func threadOf(claimID int64, comments []claims.Comment, f views.Form) views.Thread {
	return views.Thread{ClaimID: claimID, Comments: commentItems(comments), Form: f}
}

func (s *Server) commentAdd(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	body := parseCommentForm(c).Body
	_, err = s.claims.AddComment(c.Request().Context(), actor(c), id, body)
	var fe claims.FieldErrors
	switch {
	case errors.As(err, &fe):
		return s.renderClaim(c, id, claimPageState{status: http.StatusUnprocessableEntity,
			comment: views.Form{Values: map[string]string{"body": body}, Errors: fe}})
	case errors.Is(err, claims.ErrForbidden):
		return echo.NewHTTPError(http.StatusForbidden, "error.403")
	case err != nil:
		return domainError(err)
	}
	s.flash(c, "ok", "comments.added")
	return redirect(c, paths.Claim(id)+"#discussion")
}
