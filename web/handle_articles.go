package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/sources"
	"github.com/factdesk/factdesk/web/paths"
	"github.com/factdesk/factdesk/web/views"
)

func actor(c echo.Context) claims.Actor {
	u := currentUser(c)
	if u == nil {
		return claims.Actor{}
	}
	return claims.Actor{ID: u.ID, Role: claims.Role(u.Role)}
}

func pathID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, echo.NewHTTPError(http.StatusNotFound)
	}
	return id, nil
}

// domainError maps domain sentinel errors to HTTP errors.
func domainError(err error) error {
	switch {
	case errors.Is(err, claims.ErrNotFound), errors.Is(err, sources.ErrNotFound), errors.Is(err, sources.ErrClaimNotFound):
		return echo.NewHTTPError(http.StatusNotFound)
	case errors.Is(err, claims.ErrTransition):
		return echo.NewHTTPError(http.StatusForbidden, "err.transition")
	case errors.Is(err, claims.ErrVerdictStep):
		return echo.NewHTTPError(http.StatusConflict, "err.verdict_step")
	}
	return err
}

func (s *Server) articleList(c echo.Context) error {
	before, _ := strconv.ParseInt(c.QueryParam("before"), 10, 64)
	page, err := s.claims.Articles(c.Request().Context(), before, 50)
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

var articleFields = []string{"title", "outlet", "url", "author", "published_on", "lang", "body"}

func (s *Server) articleCreate(c echo.Context) error {
	f := views.Form{Values: map[string]string{}, Errors: map[string]string{}}
	for _, k := range articleFields {
		f.Values[k] = c.FormValue(k)
	}
	body := f.V("body")
	isMultipart := strings.HasPrefix(c.Request().Header.Get(echo.HeaderContentType), echo.MIMEMultipartForm)
	if fh, err := c.FormFile("file"); isMultipart && err == nil && fh.Size > 0 {
		format, ok := claims.FormatFromName(fh.Filename)
		if !ok {
			f.Errors["file"] = "err.file_type"
		} else if fh.Size > claims.MaxArticleBytes {
			f.Errors["file"] = "err.article_too_large"
		} else {
			text, hints, err := readUpload(fh.Open, format)
			switch {
			case errors.Is(err, claims.ErrTooLarge):
				f.Errors["file"] = "err.article_too_large"
			case errors.Is(err, claims.ErrNotText), errors.Is(err, claims.ErrEmptyText):
				f.Errors["file"] = "err.not_text"
			case err != nil:
				f.Errors["file"] = "err.not_text"
			default:
				body = text
				if f.V("title") == "" && hints.Title != "" {
					f.Values["title"] = hints.Title
				}
				if f.V("author") == "" {
					f.Values["author"] = hints.Author
				}
				if f.V("url") == "" && claims.CheckURL(hints.URL) == "" {
					f.Values["url"] = hints.URL
				}
			}
		}
	} else if isMultipart && err != nil && !errors.Is(err, http.ErrMissingFile) {
		f.Errors["file"] = "err.not_text"
	}
	if len(f.Errors) > 0 {
		return render(c, http.StatusUnprocessableEntity, views.ArticleNewView(s.page(c, lang(c).T("articles.add"), "articles"), f))
	}
	a, err := s.claims.CreateArticle(c.Request().Context(), actor(c), claims.NewArticle{Title: f.V("title"), Outlet: f.V("outlet"),
		URL: f.V("url"), Author: f.V("author"), PublishedOn: f.V("published_on"), Lang: f.V("lang"), Body: body})
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

func readUpload(open func() (multipartFile, error), format claims.Format) (string, claims.HTMLHints, error) {
	file, err := open()
	if err != nil {
		return "", claims.HTMLHints{}, err
	}
	defer file.Close()
	return claims.UploadText(file, format)
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
	var spans []claims.Span
	labels := map[int64]string{}
	loc := claims.NewLocator(a.Body)
	for _, cl := range list {
		item := views.ArticleClaim{ID: cl.ID, Statement: cl.Statement, Type: string(cl.Type), Status: string(cl.Status)}
		if cl.Anchor != nil {
			if anc, ok := loc.Locate(*cl.Anchor); ok {
				spans = append(spans, claims.Span{Start: anc.Start, End: anc.End, ID: cl.ID})
				item.Anchored = true
				labels[cl.ID] = lang(c).T("claims.claim") + " #" + strconv.FormatInt(cl.ID, 10) + " — " + lang(c).T("type."+string(cl.Type))
			}
		}
		m.Claims = append(m.Claims, item)
	}
	anchored := map[int64]bool{}
	for _, seg := range claims.Segments(a.Body, spans) {
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
