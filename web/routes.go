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

	// Published reports: public, read-only, no sign-in.
	e.GET("/r/:token", s.publicReport)
	e.GET("/labels.css", s.labelsStylesheet)

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

	// Prior checks by other desks: everyone reads them, editors import them.
	u.GET("/prior-checks", s.priorList)
	u.GET("/prior-checks/:id", s.priorShow)
	editor := s.requireRole(auth.Editor)
	u.GET("/prior-checks/import", s.priorImportForm, editor)
	u.POST(priorUploadPath, s.priorImport, editor)
	u.GET("/prior-checks/imports/:id", s.priorImportShow, editor)

	// CSV import of claims: upload, map the columns, import (reviewers and up).
	u.GET("/imports/csv", s.csvUploadForm)
	u.POST("/imports/csv", s.csvUpload)
	u.GET("/imports/csv/:id", s.csvMapping)
	u.POST("/imports/csv/:id", s.csvImport)

	// Verdicts, review and discussion.
	u.POST("/claims/:id/verdict", s.verdictSave)
	u.POST("/claims/:id/comments", s.commentAdd)
	u.GET("/inbox", s.inbox)
	u.GET("/overview", s.overview)
	ed := u.Group("", s.requireRole(auth.Editor))
	ed.POST("/claims/:id/correction", s.correctionOpen)
	ed.GET("/review", s.reviewQueue)
	ed.GET("/review/:id", s.reviewShow)
	ed.POST("/review/:id/approve", s.reviewApprove)
	ed.POST("/review/:id/changes", s.reviewChanges)
	// Evidence on a claim (reviewers and up).
	u.POST("/claims/:id/evidence", s.evidenceAttach)
	u.GET("/claims/:id/evidence/:eid/edit", s.evidenceEditForm)
	u.POST("/claims/:id/evidence/:eid", s.evidenceUpdate)
	u.POST("/claims/:id/evidence/:eid/delete", s.evidenceRemove)

	// The library of sources: reviewers add and edit, editors and admins delete.
	u.GET("/sources", s.sourceList)
	u.GET("/sources/search", s.sourceSearch)
	u.GET("/sources/new", s.sourceNewForm)
	u.POST("/sources", s.sourceCreate)
	u.GET("/sources/:id", s.sourceShow)
	u.GET("/sources/:id/edit", s.sourceEditForm)
	u.POST("/sources/:id", s.sourceUpdate)
	u.POST("/sources/:id/delete", s.sourceDelete, s.requireRole(auth.Editor))

	// Search, and "checked before": links between twins, reusing a twin's
	// sources (reviewers and up), carrying a published verdict (editors).
	u.GET("/search", s.searchPage)
	u.GET("/search/results", s.searchResults)
	u.GET("/checked-before", s.checkedBeforeFragment)
	u.POST("/claims/:id/links", s.linkAdd)
	u.POST("/claims/:id/links/:lid/delete", s.linkRemove)
	u.POST("/claims/:id/reuse", s.reuseSources)
	ed.POST("/claims/:id/carry", s.carryVerdict)
	// Reports and exports: everyone on the desk reads and downloads them;
	// editors publish and withdraw the public link.
	u.GET("/articles/:id/report", s.reportShow)
	u.GET("/articles/:id/report.pdf", s.reportPDF)
	u.POST("/articles/:id/report/publish", s.reportPublish, editor)
	u.POST("/articles/:id/report/withdraw", s.reportWithdraw, editor)
	u.GET("/exports", s.exportPage)
	u.GET("/exports/download", s.exportDownload)

	admin := u.Group("/admin", s.requireRole(auth.Admin))
	admin.GET("/users", s.userList)
	admin.POST("/users", s.userCreate)
	admin.POST("/users/:id", s.userUpdate)
	admin.GET("/labels", s.labelList)
	admin.POST("/labels", s.labelCreate)
	admin.POST("/labels/:id", s.labelUpdate)
	admin.POST("/labels/:id/move", s.labelMove)
	admin.POST("/labels/:id/retire", s.labelRetire)
	admin.POST("/labels/:id/delete", s.labelDelete)
	admin.GET("/settings", s.settingsForm)
	admin.POST("/settings", s.settingsSave)
}

func cacheForever(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("v") != "" {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		}
		h.ServeHTTP(w, r)
	})
}
