package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/articletext"
	"github.com/factdesk/factdesk/web/paths"
	"github.com/factdesk/factdesk/web/views"
)

func (s *Server) articleList(c echo.Context) error {
	page, err := s.claims.Articles(c.Request().Context(), parseArticleListQuery(c).Before, 50)
	if err != nil {
		return err
	}
	m := views.ArticlesPage{}
	for _, a := range page.Articles {
		m.Articles = append(m.Articles, views.ArticleItem{ID: a.ID, Title: a.Title, Outlet: a.Outlet, PublishedOn: a.PublishedOn, Lang: a.Lang, ClaimCount: a.ClaimCount})
	}
	if page.Next != 0 {
		m.Next = paths.ArticlesBefore(page.Next)
	}
	return render(c, http.StatusOK, views.ArticlesView(s.page(c, lang(c).T("articles.title"), "articles"), m))
}

func (s *Server) articleNewForm(c echo.Context) error {
	return render(c, http.StatusOK, views.ArticleNewView(s.page(c, lang(c).T("articles.add"), "articles"), views.Form{}))
}

func (s *Server) articleCreate(c echo.Context) error {
	form := parseArticleForm(c)
	f := views.Form{Values: form.values, Errors: form.validate()}
	if len(f.Errors) > 0 {
		return render(c, http.StatusUnprocessableEntity, views.ArticleNewView(s.page(c, lang(c).T("articles.add"), "articles"), f))
	}
	a, err := s.claims.CreateArticle(c.Request().Context(), actor(c), form.newArticle())
	var fe claims.FieldErrors
	switch {
	case errors.As(err, &fe):
		f.Errors = fe
		if len(f.Values["body"]) > 200_000 {
			f.Values["body"] = "" // too large to echo back into the form
		}
		return render(c, http.StatusUnprocessableEntity, views.ArticleNewView(s.page(c, lang(c).T("articles.add"), "articles"), f))
	case errors.Is(err, claims.ErrDuplicateArticle):
		s.flash(c, "warn", "articles.duplicate")
		return redirect(c, paths.Article(a.ID))
	case err != nil:
		return err
	}
	s.flash(c, "ok", "articles.created")
	return redirect(c, paths.Article(a.ID))
}

func (s *Server) articleShow(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	a, err := s.claims.Article(ctx, id)
	if err != nil {
		return domainError(err)
	}
	list, err := s.claims.ArticleClaims(ctx, id)
	if err != nil {
		return err
	}
	m := views.ArticlePage{ID: a.ID, Title: a.Title, Outlet: a.Outlet, URL: a.URL, Author: a.Author, PublishedOn: a.PublishedOn, Lang: a.Lang}
	var spans []articletext.Span
	labels := map[int64]string{}
	loc := articletext.NewLocator(a.Body)
	for _, cl := range list {
		item := views.ArticleClaim{ID: cl.ID, Statement: cl.Statement, Type: string(cl.Type), Status: string(cl.Status)}
		if cl.Anchor != nil {
			if anc, ok := loc.Locate(*cl.Anchor); ok {
				spans = append(spans, articletext.Span{Start: anc.Start, End: anc.End, ID: cl.ID})
				item.Anchored = true
				labels[cl.ID] = lang(c).T("claims.claim") + " #" + strconv.FormatInt(cl.ID, 10) + " — " + lang(c).T("type."+string(cl.Type))
			}
		}
		m.Claims = append(m.Claims, item)
	}
	anchored := map[int64]bool{}
	for _, seg := range articletext.Segments(a.Body, spans) {
		vs := views.Segment{Text: seg.Text, ClaimIDs: seg.IDs}
		if len(seg.IDs) > 0 {
			vs.First = seg.IDs[0]
			vs.Label = labels[vs.First]
			for _, cid := range seg.IDs {
				if !anchored[cid] {
					anchored[cid] = true
					if vs.AnchorID == 0 {
						vs.AnchorID = cid
					}
				}
			}
		}
		m.Segments = append(m.Segments, vs)
	}
	if m.Suggest, err = s.suggestionPanel(c, a, spans); err != nil {
		return err
	}
	hist, err := s.claims.ArticleHistory(ctx, id)
	if err != nil {
		return err
	}
	m.History = historyItems(lang(c), hist)
	return render(c, http.StatusOK, views.ArticleView(s.page(c, a.Title, "articles"), m))
}
