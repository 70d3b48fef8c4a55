package web

import (
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/export"
	"github.com/factdesk/factdesk/web/views"
)

// exportPage offers the whole desk's exports.
func (s *Server) exportPage(c echo.Context) error {
	l := lang(c)
	m := views.ExportPage{Langs: reportLangs(l), Lang: string(l), Exports: exportLinks(l, url.Values{})}
	for _, f := range export.Formats {
		m.Formats = append(m.Formats, views.Option{Value: string(f), Label: l.T("format." + string(f))})
	}
	return render(c, http.StatusOK, views.ExportView(s.page(c, l.T("exports.title"), "exports"), m))
}

// exportDownload streams an export: the format and language from the query,
// and the claims selected by the claim list's own filter parameters (none:
// the whole desk; article=ID: one article). The download starts at once
// and the export is written as the claims are read, so memory stays flat.
func (s *Server) exportDownload(c echo.Context) error {
	q, err := parseExportQuery(c)
	if err != nil {
		return err
	}
	format, l := q.Format, q.Lang
	flt := parseClaimFilter(c).Filter
	flt.Sort, flt.After, flt.Limit = "", "", 0
	o := export.Options{Format: format, Lang: string(l), Words: l, Filter: flt, BaseURL: s.baseURL(c), Now: time.Now().UTC()}
	var fe claims.FieldErrors
	if err := export.Check(&o); errors.As(err, &fe) {
		return echo.NewHTTPError(http.StatusUnprocessableEntity, "err.invalid")
	} else if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if flt.ArticleID != 0 {
		if _, err := s.claims.Article(ctx, flt.ArticleID); err != nil {
			return domainError(err)
		}
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, format.ContentType())
	h.Set(echo.HeaderContentDisposition, `attachment; filename="`+o.FileName()+`"`)
	h.Set("Cache-Control", "no-store")
	c.Response().WriteHeader(http.StatusOK)
	res, err := export.Write(ctx, c.Response(), s.exportDesk(), o)
	if err != nil {
		// The download has started: the status is sent, so the export is
		// cut short and the error logged once.
		s.log.Error("export cut short", "format", format, "claims", res.Claims, "request_id",
			c.Response().Header().Get(echo.HeaderXRequestID), "err", err)
	}
	return nil
}
