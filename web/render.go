package web

import (
	"bytes"
	"net/http"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/views"
)

// page builds the view model every page shares.
func (s *Server) page(c echo.Context, title, nav string) views.Page {
	l := lang(c)
	p := views.Page{L: l, Title: title, Nav: nav, Path: c.Request().URL.RequestURI(), AssetV: s.assetV,
		RequestID: c.Response().Header().Get(echo.HeaderXRequestID)}
	if tok, ok := c.Get(ctxCSRF).(string); ok {
		p.CSRF = tok
	}
	if u := currentUser(c); u != nil {
		p.Viewer = &views.Viewer{ID: u.ID, Name: u.Name, Role: string(u.Role), IsEditor: u.Role.AtLeast(auth.Editor), IsAdmin: u.Role == auth.Admin}
		if p.Viewer.IsEditor {
			// The count in the navigation is a convenience: a page still
			// renders when it cannot be read.
			n, err := s.claims.ReviewCount(c.Request().Context())
			if err != nil {
				s.log.Warn("review count", "err", err, "request_id", p.RequestID)
			}
			p.ReviewCount = n
		}
	}
	for _, f := range s.takeFlashes(c) {
		if f.Kind == flashIfChecked {
			c.Set(ctxIfChecked, true)
			continue
		}
		args := make([]any, len(f.Args))
		for i, a := range f.Args {
			args[i] = a
		}
		p.Flashes = append(p.Flashes, views.Flash{Kind: f.Kind, Text: l.F(f.Key, args...)})
	}
	return p
}

// render writes a component into a buffer first, so a rendering error becomes
// a clean error page rather than half a page.
func render(c echo.Context, status int, comp templ.Component) error {
	var buf bytes.Buffer
	if err := comp.Render(c.Request().Context(), &buf); err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	h.Set("Cache-Control", "no-store")
	c.Response().WriteHeader(status)
	_, err := c.Response().Write(buf.Bytes())
	return err
}

func redirect(c echo.Context, to string) error { return c.Redirect(http.StatusSeeOther, to) }
