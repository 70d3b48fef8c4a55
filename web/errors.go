package web

import (
	"context"
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/sources"
	"github.com/factdesk/factdesk/web/i18n"
	"github.com/factdesk/factdesk/web/paths"
	"github.com/factdesk/factdesk/web/views"
)

// handleError is the one error handler: it picks a status and a translated
// message, never shows internal error text, and logs server errors once with
// the request id.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	if errors.Is(err, context.Canceled) && c.Request().Context().Err() != nil {
		// The client went away (closed the tab, a load tool stopping): not a
		// server failure, and nobody is left to read an error page.
		s.log.Debug("client gone", "request_id", c.Response().Header().Get(echo.HeaderXRequestID),
			"method", c.Request().Method, "path", c.Request().URL.Path)
		c.Response().Status = 499
		return
	}
	status := http.StatusInternalServerError
	key := ""
	var he *echo.HTTPError
	if errors.As(err, &he) {
		status = he.Code
		if m, ok := he.Message.(string); ok && i18n.Has(m) {
			key = m
		}
	}
	if key == "" {
		key = defaultErrorKey(status)
	}
	if status >= 500 {
		s.log.Error("request failed", "status", status, "method", c.Request().Method, "path", c.Request().URL.Path,
			"request_id", c.Response().Header().Get(echo.HeaderXRequestID), "err", err)
	}
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(status)
		return
	}
	if status == http.StatusUnauthorized {
		// A form posted after the session ended: send the user to sign in.
		s.flash(c, "error", "signin.required")
		_ = c.Redirect(http.StatusSeeOther, paths.SignIn)
		return
	}
	p := s.page(c, lang(c).T("error.title"), "")
	if rerr := render(c, status, views.ErrorPage(p, status, key)); rerr != nil {
		s.log.Error("render error page", "request_id", c.Response().Header().Get(echo.HeaderXRequestID), "err", rerr)
		_ = c.String(status, http.StatusText(status))
	}
}

func defaultErrorKey(status int) string {
	switch status {
	case 400, 403, 404, 405, 409, 413, 422, 429, 503:
		return "error." + itoa(status)
	}
	if status >= 500 {
		return "error.500"
	}
	return "error.400"
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
