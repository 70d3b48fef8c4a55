package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/web/i18n"
	"github.com/factdesk/factdesk/web/paths"
	"github.com/factdesk/factdesk/web/views"
)

func queueRows(l i18n.Lang, items []claims.QueueItem, viewer int64) []views.QueueRow {
	out := make([]views.QueueRow, len(items))
	for i, it := range items {
		out[i] = views.QueueRow{VerdictID: it.Verdict.ID, ClaimID: it.Claim.ID, Statement: it.Claim.Statement, Lang: it.Claim.Lang,
			Label: badge(l, it.Verdict.Label), Conclusion: it.Verdict.Conclusion, Author: it.Verdict.AuthorName,
			SubmittedAt: it.Verdict.SubmittedAt, Correction: it.Verdict.IsCorrection(), Mine: it.Verdict.Wrote(viewer)}
	}
	return out
}

// reviewQueue lists the verdicts waiting for review, oldest first (editors).
// reviewPageSize is how many versions one page of the review queue shows.
const reviewPageSize = 50

func (s *Server) reviewQueue(c echo.Context) error {
	q, err := parseReviewQueueQuery(c)
	if err != nil {
		return err
	}
	after := q.After
	items, err := s.claims.ReviewQueue(c.Request().Context(), reviewPageSize+1, after)
	if err != nil {
		return err
	}
	next := ""
	if len(items) > reviewPageSize {
		items = items[:reviewPageSize]
		cur := items[len(items)-1].Cursor()
		next = paths.ReviewAfter(cur.SubmittedAt.UTC().Format(time.RFC3339Nano) + "_" + strconv.FormatInt(cur.ID, 10))
	}
	l := lang(c)
	return render(c, http.StatusOK, views.ReviewQueueView(s.page(c, l.T("review.title"), "review"), queueRows(l, items, actor(c).ID), after != nil, next))
}

type reviewState struct {
	status  int
	err     string // a message key for the whole page
	comment views.Form
}

func (s *Server) reviewShow(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return s.renderReview(c, id, reviewState{status: http.StatusOK})
}

// renderReview shows a verdict version beside its claim, the claim's place
// in the article and its thread, with the decisions the editor can take.
func (s *Server) renderReview(c echo.Context, id int64, st reviewState) error {
	ctx := c.Request().Context()
	l := lang(c)
	v, err := s.claims.Verdict(ctx, id)
	if err != nil {
		return domainError(err)
	}
	cl, err := s.claims.Claim(ctx, v.ClaimID)
	if err != nil {
		return err
	}
	numbers := map[int64]int{v.ID: v.Number}
	m := views.ReviewPage{ClaimID: cl.ID, Statement: cl.Statement, ClaimType: string(cl.Type), ClaimLang: cl.Lang, Claimant: cl.Claimant,
		ArticleID: cl.ArticleID, ArticleTitle: cl.ArticleTitle, Waiting: v.State == claims.VerdictSubmitted, Mine: v.Wrote(actor(c).ID),
		Error: st.err, Comment: st.comment}
	if v.IsCorrection() {
		prev, err := s.claims.Verdict(ctx, v.CorrectsID)
		if err != nil {
			return err
		}
		numbers[prev.ID] = prev.Number
		card := verdictCard(l, cl, prev, numbers)
		m.Previous = &card
	}
	m.Verdict = verdictCard(l, cl, v, numbers)
	if cl.ArticleID != 0 && cl.Anchor != nil {
		a, err := s.claims.Article(ctx, cl.ArticleID)
		if err != nil {
			return err
		}
		m.ArticleLang = a.Lang
		if anc, ok := cl.Anchor.Locate(a.Body); ok {
			m.ContextBefore, m.Exact, m.ContextAfter = anc.Prefix, anc.Exact, anc.Suffix
		}
	}
	comments, err := s.claims.Comments(ctx, cl.ID)
	if err != nil {
		return err
	}
	m.Thread = commentItems(comments)
	if m.Comment.Values == nil {
		m.Comment = views.Form{Values: map[string]string{}, Errors: map[string]string{}}
	}
	sec, err := s.evidenceSection(c, cl.ID, views.Form{}, "")
	if err != nil {
		return err
	}
	evidence := views.EvidenceReadOnly(s.part(c, "review"), sec)
	title := l.F("review.heading", l.Num(cl.ID))
	return render(c, st.status, views.ReviewView(s.page(c, title, "review"), m, evidence))
}

// decisionError shows the review screen again with why a decision was
// refused; nothing was changed.
func (s *Server) decisionError(c echo.Context, id int64, err error, comment views.Form) error {
	st := reviewState{comment: comment}
	var fe claims.FieldErrors
	switch {
	case errors.As(err, &fe):
		st.status = http.StatusUnprocessableEntity
		if fe["label"] != "" {
			st.err = fe["label"]
		} else {
			st.err = "form.errors_title"
			st.comment.Errors = fe
		}
	case errors.Is(err, claims.ErrFourEyes):
		st.status, st.err = http.StatusForbidden, "err.four_eyes"
	case errors.Is(err, claims.ErrDecided):
		st.status, st.err = http.StatusConflict, "err.decided"
	case errors.Is(err, claims.ErrForbidden):
		return echo.NewHTTPError(http.StatusForbidden, "error.403")
	default:
		return domainError(err)
	}
	return s.renderReview(c, id, st)
}

func (s *Server) reviewApprove(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	v, err := s.claims.Approve(c.Request().Context(), actor(c), id, parseVersionForm(c).Version)
	if err != nil {
		return s.decisionError(c, id, err, views.Form{Values: map[string]string{}, Errors: map[string]string{}})
	}
	s.flash(c, "ok", "review.approved")
	return redirect(c, paths.Claim(v.ClaimID)+"#verdict")
}

func (s *Server) reviewChanges(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	form := parseSendBackForm(c)
	comment := form.Comment
	_, err = s.claims.RequestChanges(c.Request().Context(), actor(c), id, form.Version, comment)
	if err != nil {
		return s.decisionError(c, id, err, views.Form{Values: map[string]string{"comment": comment}, Errors: map[string]string{}})
	}
	s.flash(c, "ok", "review.sent_back")
	return redirect(c, paths.ReviewQueue)
}

// inbox shows what waits for the signed-in user.
func (s *Server) inbox(c echo.Context) error {
	ctx := c.Request().Context()
	l := lang(c)
	who := actor(c)
	box, err := s.claims.Inbox(ctx, who, 100)
	if err != nil {
		return err
	}
	m := views.InboxPage{ChangesRequested: queueRows(l, box.ChangesRequested, who.ID), AwaitingReview: queueRows(l, box.AwaitingReview, who.ID),
		IsEditor: who.Role == claims.RoleEditor || who.Role == claims.RoleAdmin}
	for _, cl := range box.Assigned {
		m.Assigned = append(m.Assigned, claimItem(cl))
	}
	return render(c, http.StatusOK, views.InboxView(s.page(c, l.T("inbox.title"), "inbox"), m))
}
