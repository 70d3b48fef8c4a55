package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/web/auth"
)

// routes lists every route of the app in one place. The authorization matrix
// test walks e.Routes(), so a new route must be added there too.
func (s *Server) routes(e *echo.Echo) {
	e.GET("/healthz", s.healthz)
	static := http.StripPrefix("/static/", http.FileServer(http.FS(staticFiles())))
	e.GET("/static/*", echo.WrapHandler(cacheForever(static)))

	e.GET("/setup", s.setupForm)
	e.POST("/setup", s.setupSubmit)
	e.GET("/signin", s.signinForm)
	e.POST("/signin", s.signinSubmit)
	e.POST("/signout", s.signout)
	e.POST("/lang", s.setLang)

	u := e.Group("", s.requireUser)
	u.GET("/", s.home)

	// Articles and claims (reviewers and up).
	u.GET("/articles", s.articleList)
	u.GET("/articles/new", s.articleNewForm)
	u.POST("/articles", s.articleCreate)
	u.GET("/articles/:id", s.articleShow)
	u.GET("/articles/:id/claims/new", s.claimNewForm)
	u.POST("/articles/:id/claims", s.claimCreate)
	u.GET("/articles/:id/suggestions/edit", s.suggestionEdit)
	u.POST("/articles/:id/suggestions/log", s.suggestionLog)
	u.POST("/articles/:id/suggestions/dismiss", s.suggestionDismiss)
	u.POST("/articles/:id/suggestions/restore", s.suggestionRestore)
	u.GET("/claims", s.claimList)
	u.GET("/board", s.claimBoard)
	u.GET("/claims/:id", s.claimShow)
	u.GET("/claims/:id/edit", s.claimEditForm)
	u.POST("/claims/:id", s.claimUpdate)
	u.POST("/claims/:id/status", s.claimStatus)

	admin := u.Group("/admin", s.requireRole(auth.Admin))
	admin.GET("/users", s.userList)
	admin.POST("/users", s.userCreate)
	admin.POST("/users/:id", s.userUpdate)
}

func cacheForever(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("v") != "" {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		}
		h.ServeHTTP(w, r)
	})
}
