package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// middleware installs the whole stack in one place, outermost first.
func (s *Server) middleware(e *echo.Echo) {
	e.Pre(middleware.RemoveTrailingSlashWithConfig(middleware.TrailingSlashConfig{RedirectCode: http.StatusMovedPermanently}))
	e.Use(middleware.RequestID())
	e.Use(s.recoverPanics)
	e.Use(s.securityHeaders)
	e.Use(s.requestLog)
	e.Use(s.admit) // after the log: a request's logged duration includes its wait
	e.Use(s.loadSession)
	e.Use(s.bodyLimit()) // after the session: only editors may send large ClaimReview files
	e.Use(readForm)
	e.Use(s.csrf)
	e.Use(s.setupGate)
}
