package web

import (
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/paths"
)

// Middleware that guards the browser and the desk: security headers, the
// CSRF token check, and the guards of signed-in users and roles.

const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

func (s *Server) securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
		if s.cfg.Secure {
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		return next(c)
	}
}

// csrf implements the synchroniser-token pattern with a per-browser random
// token kept in an HttpOnly cookie and echoed in every form: a state-changing
// request without the matching token is refused. The token lives only in the
// cookie, so any server can check it.
func (s *Server) csrf(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if strings.HasPrefix(c.Request().URL.Path, "/static/") {
			return next(c)
		}
		token := ""
		if ck, err := c.Cookie(csrfCookie); err == nil && len(ck.Value) >= 32 && len(ck.Value) <= 64 {
			token = ck.Value
			// Set before checking, so that even the refusal page carries the
			// token the user needs to try again.
			c.Set(ctxCSRF, token)
		}
		switch c.Request().Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
		default:
			sent := c.Request().Header.Get(csrfHeader)
			if sent == "" {
				sent = c.FormValue(csrfField)
			}
			if token == "" || subtle.ConstantTimeCompare([]byte(token), []byte(sent)) != 1 {
				return errCSRF
			}
		}
		if token == "" {
			token = auth.NewToken()
			c.SetCookie(s.secureCookie(csrfCookie, token, 0))
		}
		c.Set(ctxCSRF, token)
		return next(c)
	}
}

var errCSRF = echo.NewHTTPError(http.StatusForbidden, "error.403_csrf")

// requireUser guards every non-public page.
func (s *Server) requireUser(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if currentUser(c) == nil {
			if c.Request().Method != http.MethodGet {
				return echo.NewHTTPError(http.StatusUnauthorized, "signin.required")
			}
			s.flash(c, "error", "signin.required")
			return c.Redirect(http.StatusSeeOther, paths.SignInNext(c.Request().URL.RequestURI()))
		}
		return next(c)
	}
}

// requireRole guards actions that need at least the given role.
func (s *Server) requireRole(min auth.Role) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			u := currentUser(c)
			if u == nil || !u.Role.AtLeast(min) {
				return echo.NewHTTPError(http.StatusForbidden, "error.403")
			}
			return next(c)
		}
	}
}
