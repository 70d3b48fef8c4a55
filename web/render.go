package web

import (
	"bytes"
	"net/http"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/views"
)

// page builds the view model of a whole page. A whole page shows the flash
// messages queued for it, and clears them.
func (s *Server) page(c echo.Context, title, nav string) views.Page {
	p := s.part(c, nav)
	p.Title = title
	if p.Viewer != nil && p.Viewer.IsEditor {
		// The count in the navigation is a convenience: a page still
		// renders when it cannot be read.
		n, err := s.claims.ReviewCount(c.Request().Context())
		if err != nil {
			s.log.Warn("review count", "err", err, "request_id", p.RequestID)
		}
		p.ReviewCount = n
	}
	l := p.L
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

// part builds the view model of a piece of a page: the results shown as you
// type, the "checked before" panel. A script may fetch a piece while the
// browser follows a redirect that queued a flash message, so a piece leaves
// the messages for the next whole page; it has no navigation to count for.
func (s *Server) part(c echo.Context, nav string) views.Page {
	p := views.Page{L: lang(c), Nav: nav, Path: c.Request().URL.RequestURI(), AssetV: s.assetV,
		RequestID: c.Response().Header().Get(echo.HeaderXRequestID)}
	if tok, ok := c.Get(ctxCSRF).(string); ok {
		p.CSRF = tok
	}
	if u := currentUser(c); u != nil {
		p.Viewer = &views.Viewer{ID: u.ID, Name: u.Name, Role: string(u.Role), IsEditor: u.Role.AtLeast(auth.Editor), IsAdmin: u.Role == auth.Admin}
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
