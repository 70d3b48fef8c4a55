package web

import (
	"bytes"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/export"
	"github.com/factdesk/factdesk/claims/report"
	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/i18n"
	"github.com/factdesk/factdesk/web/paths"
	"github.com/factdesk/factdesk/web/views"
)

// buildReport assembles an article's report with its evidence from the
// sources package.
func (s *Server) buildReport(c echo.Context, articleID int64) (report.Report, error) {
	r, err := report.Build(c.Request().Context(), s.claims, articleID, s.desk.ReportEvidence())
	if err != nil {
		return r, domainError(err)
	}
	return r, nil
}

// reportStyles is the label colour stylesheet and its address.
func (s *Server) reportStyles(c echo.Context) (css, href string, err error) {
	labels, err := s.claims.Labels(c.Request().Context(), true)
	if err != nil {
		return "", "", err
	}
	css = labelsCSS(labels)
	return css, labelsCSSHref(css), nil
}

// labelsStylesheet serves the label colours (public: the public reports use
// them too; colours are no secret).
func (s *Server) labelsStylesheet(c echo.Context) error {
	css, href, err := s.reportStyles(c)
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, "text/css; charset=utf-8")
	if v := c.QueryParam("v"); v != "" && strings.HasSuffix(href, "="+v) {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	return c.String(http.StatusOK, css)
}

// exportLinks are the downloads of the claims that query selects, in every
// format, with labels in the interface language.
func exportLinks(l i18n.Lang, query url.Values) []views.ExportLink {
	var out []views.ExportLink
	for _, f := range export.Formats {
		q := url.Values{}
		for k, vs := range query {
			if k != "after" && k != "sort" && k != "format" && k != "report_lang" && len(vs) > 0 && vs[0] != "" {
				q.Set(k, vs[0])
			}
		}
		q.Set("format", string(f))
		q.Set("report_lang", string(l))
		out = append(out, views.ExportLink{Format: string(f), Href: paths.ExportDownloadWith(q)})
	}
	return out
}

func reportLangs(l i18n.Lang) []views.Option {
	return []views.Option{{Value: "ar", Label: l.T("lang.ar")}, {Value: "en", Label: l.T("lang.en")}}
}

// reportShow is an article's report on the desk: the report as readers will
// see it, with print, PDF, exports and the public link around it.
func (s *Server) reportShow(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	r, err := s.buildReport(c, id)
	if err != nil {
		return err
	}
	l := lang(c)
	_, href, err := s.reportStyles(c)
	if err != nil {
		return err
	}
	links, err := s.claims.ReportLinks(c.Request().Context(), id)
	if err != nil {
		return err
	}
	u := currentUser(c)
	m := views.ReportPage{Report: reportView(l, r), Exports: exportLinks(l, url.Values{"article": {strconv.FormatInt(id, 10)}}),
		CanPublish: u != nil && u.Role.AtLeast(auth.Editor), Langs: reportLangs(l)}
	if s.pdf != nil {
		m.PDFHref = paths.ArticleReportPDF(id)
	}
	base := s.baseURL(c)
	for _, k := range links {
		m.Links = append(m.Links, views.ReportLinkRow{ID: k.ID, URL: export.PublicURL(base, k.Token), Lang: k.Lang, CreatedBy: k.CreatedByName,
			CreatedAt: k.CreatedAt, Active: k.Active(), WithdrawnAt: k.WithdrawnAt})
	}
	p := s.page(c, l.T("report.title")+" — "+r.Article.Title, "articles")
	p.Styles = append(p.Styles, href)
	return render(c, http.StatusOK, views.ReportPageView(p, m))
}

// reportPDF renders the report as a PDF with headless Chromium, from the
// same document a public reader gets, printed on A4.
func (s *Server) reportPDF(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if s.pdf == nil {
		// Not a server failure: this server has no PDF renderer (the report
		// page offers no PDF link and says how to enable it).
		return echo.NewHTTPError(http.StatusNotFound, "report.pdf_missing")
	}
	r, err := s.buildReport(c, id)
	if err != nil {
		return err
	}
	l := lang(c)
	css, _, err := s.reportStyles(c)
	if err != nil {
		return err
	}
	appCSS, err := staticFS.ReadFile("static/css/app.css")
	if err != nil {
		return err
	}
	p := views.Page{L: l, Title: r.Article.Title + " — " + l.T("report.title"), AssetV: s.assetV}
	var buf bytes.Buffer
	if err := views.ReportLayout(p, reportView(l, r), string(appCSS)+"\n"+css).Render(c.Request().Context(), &buf); err != nil {
		return err
	}
	pdf, err := s.pdf.render(c.Request().Context(), buf.String())
	if err != nil {
		return echo.NewHTTPError(http.StatusServiceUnavailable, "report.pdf_failed").SetInternal(err)
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentDisposition, `attachment; filename="factdesk-report-`+strconv.FormatInt(id, 10)+`.pdf"`)
	h.Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, "application/pdf", pdf)
}

// reportPublish publishes the report at a public address (editors).
func (s *Server) reportPublish(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	_, err = s.claims.PublishReport(c.Request().Context(), actor(c), id, parseReportPublishForm(c).Lang)
	var fe claims.FieldErrors
	switch {
	case errors.As(err, &fe):
		s.flash(c, "error", "report.publish_lang_invalid")
	case errors.Is(err, claims.ErrForbidden):
		return echo.NewHTTPError(http.StatusForbidden, "error.403")
	case err != nil:
		return domainError(err)
	default:
		s.flash(c, "ok", "report.published_flash")
	}
	return redirect(c, paths.ArticleReport(id)+"#public-link")
}

// reportWithdraw withdraws a public link of the report (editors): its
// address stops answering at once.
func (s *Server) reportWithdraw(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	linkID := parseReportWithdrawForm(c).Link
	links, err := s.claims.ReportLinks(c.Request().Context(), id)
	if err != nil {
		return err
	}
	found := false
	for _, l := range links {
		found = found || l.ID == linkID
	}
	if !found {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	if _, err := s.claims.WithdrawReport(c.Request().Context(), actor(c), linkID); err != nil {
		if errors.Is(err, claims.ErrForbidden) {
			return echo.NewHTTPError(http.StatusForbidden, "error.403")
		}
		return domainError(err)
	}
	s.flash(c, "ok", "report.withdrawn_flash")
	return redirect(c, paths.ArticleReport(id)+"#public-link")
}

// publicReport is a published report at its public address: no sign-in, no
// navigation of the desk, only published verdicts, and the ClaimReview
// JSON-LD of what the page shows. A withdrawn address answers 410 Gone.
func (s *Server) publicReport(c echo.Context) error {
	link, err := s.claims.ReportLinkByToken(c.Request().Context(), c.Param("token"))
	switch {
	case errors.Is(err, claims.ErrWithdrawn):
		return echo.NewHTTPError(http.StatusGone, "report.gone")
	case errors.Is(err, claims.ErrNotFound):
		return echo.NewHTTPError(http.StatusNotFound)
	case err != nil:
		return err
	}
	r, err := s.buildReport(c, link.ArticleID)
	if err != nil {
		return err
	}
	l := i18n.Lang(link.Lang)
	_, href, err := s.reportStyles(c)
	if err != nil {
		return err
	}
	v := reportView(l, r)
	v.PublicURL = export.PublicURL(s.baseURL(c), link.Token)
	if v.ClaimReviews, err = claimReviews(r, link.Lang, v.PublicURL); err != nil {
		return err
	}
	p := views.Page{L: l, Title: r.Article.Title + " — " + l.T("report.title"), AssetV: s.assetV, Styles: []string{href}}
	return render(c, http.StatusOK, views.ReportLayout(p, v, ""))
}
