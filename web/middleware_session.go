package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/i18n"
	"github.com/factdesk/factdesk/web/paths"
)

// Middleware that knows who is asking: the session, the interface language,
// and the gate that sends everyone to /setup until the first admin exists.

// loadSession finds the signed-in user (if any) and the interface language.
func (s *Server) loadSession(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if strings.HasPrefix(c.Request().URL.Path, "/static/") {
			return next(c)
		}
		if ck, err := c.Cookie(sessionCookie); err == nil && ck.Value != "" {
			u, err := s.users.SessionUser(c.Request().Context(), ck.Value)
			switch {
			case err == nil:
				c.Set(ctxUser, &u)
			case errors.Is(err, auth.ErrSessionNotFound):
				c.SetCookie(s.secureCookie(sessionCookie, "", -1))
			default:
				return err
			}
		}
		c.Set(ctxLang, s.resolveLang(c))
		return next(c)
	}
}

// resolveLang: the user's saved choice, then the cookie chosen before
// sign-in, then the browser's Accept-Language.
func (s *Server) resolveLang(c echo.Context) i18n.Lang {
	if u := currentUser(c); u != nil {
		if l, ok := i18n.Parse(u.Lang); ok {
			return l
		}
	}
	if ck, err := c.Cookie(langCookie); err == nil {
		if l, ok := i18n.Parse(ck.Value); ok {
			return l
		}
	}
	return i18n.FromAcceptLanguage(c.Request().Header.Get("Accept-Language"))
}

// setupGate sends every visitor to /setup until the first admin exists.
func (s *Server) setupGate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		p := c.Request().URL.Path
		if currentUser(c) != nil || p == "/setup" || p == "/healthz" || p == "/lang" || strings.HasPrefix(p, "/static/") ||
			strings.HasPrefix(p, "/r/") || p == "/labels.css" { // published reports answer whatever the desk's state
			return next(c)
		}
		need, err := s.users.NeedsSetup(c.Request().Context())
		if err != nil {
			return err
		}
		if need {
			return c.Redirect(http.StatusSeeOther, paths.Setup)
		}
		return next(c)
	}
}
