package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/paths"
)

// routes lists every route of the app in one place, with the patterns of
// package paths (the links are built from the same patterns). The
// authorization matrix test walks e.Routes(), so a new route must be added
// there too.
func (s *Server) routes(e *echo.Echo) {
	e.GET(paths.Healthz, s.healthz)
	static := http.StripPrefix(paths.StaticPrefix, http.FileServer(http.FS(staticFiles())))
	e.GET(paths.StaticPattern, echo.WrapHandler(cacheForever(static)))

	e.GET(paths.Setup, s.setupForm)
	e.POST(paths.Setup, s.setupSubmit)
	e.GET(paths.SignIn, s.signinForm)
	e.POST(paths.SignIn, s.signinSubmit)
	e.POST(paths.SignOut, s.signout)
	e.POST(paths.Lang, s.setLang)

	// Published reports: public, read-only, no sign-in.
	e.GET(paths.PublicReportPattern, s.publicReport)
	e.GET(paths.LabelsCSS, s.labelsStylesheet)

	u := e.Group("", s.requireUser)
	u.GET(paths.Home, s.home)

	// Articles and claims (reviewers and up).
	u.GET(paths.Articles, s.articleList)
	u.GET(paths.ArticleNew, s.articleNewForm)
	u.POST(paths.Articles, s.articleCreate)
	u.GET(paths.ArticlePattern, s.articleShow)
	u.GET(paths.ArticleClaimNewPattern, s.claimNewForm)
	u.POST(paths.ArticleClaimsPattern, s.claimCreate)
	u.GET(paths.ArticleSuggestionEditPattern, s.suggestionEdit)
	u.POST(paths.ArticleSuggestionLogPattern, s.suggestionLog)
	u.POST(paths.ArticleSuggestionDismissPattern, s.suggestionDismiss)
	u.POST(paths.ArticleSuggestionRestorePattern, s.suggestionRestore)
	u.GET(paths.Claims, s.claimList)
	u.GET(paths.Board, s.claimBoard)
	u.GET(paths.ClaimPattern, s.claimShow)
	u.GET(paths.ClaimEditPattern, s.claimEditForm)
	u.POST(paths.ClaimPattern, s.claimUpdate)
	u.POST(paths.ClaimStatusPattern, s.claimStatus)

	// Prior checks by other desks: everyone reads them, editors import them.
	u.GET(paths.PriorChecks, s.priorList)
	u.GET(paths.PriorCheckPattern, s.priorShow)
	editor := s.requireRole(auth.Editor)
	u.GET(paths.PriorImport, s.priorImportForm, editor)
	u.POST(paths.PriorImport, s.priorImport, editor)
	u.GET(paths.PriorCheckImportPattern, s.priorImportShow, editor)

	// CSV import of claims: upload, map the columns, import (reviewers and up).
	u.GET(paths.CSVImports, s.csvUploadForm)
	u.POST(paths.CSVImports, s.csvUpload)
	u.GET(paths.CSVImportPattern, s.csvMapping)
	u.POST(paths.CSVImportPattern, s.csvImport)

	// Verdicts, review and discussion.
	u.POST(paths.ClaimVerdictPattern, s.verdictSave)
	u.POST(paths.ClaimCommentsPattern, s.commentAdd)
	u.GET(paths.Inbox, s.inbox)
	u.GET(paths.Overview, s.overview)
	ed := u.Group("", s.requireRole(auth.Editor))
	ed.POST(paths.ClaimCorrectionPattern, s.correctionOpen)
	ed.GET(paths.ReviewQueue, s.reviewQueue)
	ed.GET(paths.ReviewPattern, s.reviewShow)
	ed.POST(paths.ReviewApprovePattern, s.reviewApprove)
	ed.POST(paths.ReviewChangesPattern, s.reviewChanges)
	// Evidence on a claim (reviewers and up).
	u.POST(paths.ClaimEvidencePattern, s.evidenceAttach)
	u.GET(paths.EvidenceEditPattern, s.evidenceEditForm)
	u.POST(paths.EvidencePattern, s.evidenceUpdate)
	u.POST(paths.EvidenceDeletePattern, s.evidenceRemove)

	// The library of sources: reviewers add and edit, editors and admins delete.
	u.GET(paths.Sources, s.sourceList)
	u.GET(paths.SourceSearch, s.sourceSearch)
	u.GET(paths.SourceNew, s.sourceNewForm)
	u.POST(paths.Sources, s.sourceCreate)
	u.GET(paths.SourcePattern, s.sourceShow)
	u.GET(paths.SourceEditPattern, s.sourceEditForm)
	u.POST(paths.SourcePattern, s.sourceUpdate)
	u.POST(paths.SourceDeletePattern, s.sourceDelete, s.requireRole(auth.Editor))

	// Search, and "checked before": links between twins, reusing a twin's
	// sources (reviewers and up), carrying a published verdict (editors).
	u.GET(paths.Search, s.searchPage)
	u.GET(paths.SearchResults, s.searchResults)
	u.GET(paths.CheckedBefore, s.checkedBeforeFragment)
	u.POST(paths.ClaimLinksPattern, s.linkAdd)
	u.POST(paths.ClaimLinkDeletePattern, s.linkRemove)
	u.POST(paths.ClaimReusePattern, s.reuseSources)
	ed.POST(paths.ClaimCarryPattern, s.carryVerdict)
	// Reports and exports: everyone on the desk reads and downloads them;
	// editors publish and withdraw the public link.
	u.GET(paths.ArticleReportPattern, s.reportShow)
	u.GET(paths.ArticleReportPDFPattern, s.reportPDF)
	u.POST(paths.ArticleReportPublishPattern, s.reportPublish, editor)
	u.POST(paths.ArticleReportWithdrawPattern, s.reportWithdraw, editor)
	u.GET(paths.Exports, s.exportPage)
	u.GET(paths.ExportDownload, s.exportDownload)

	admin := u.Group(paths.Admin, s.requireRole(auth.Admin))
	admin.GET(inAdmin(paths.AdminUsers), s.userList)
	admin.POST(inAdmin(paths.AdminUsers), s.userCreate)
	admin.POST(inAdmin(paths.AdminUserPattern), s.userUpdate)
	admin.GET(inAdmin(paths.AdminLabels), s.labelList)
	admin.POST(inAdmin(paths.AdminLabels), s.labelCreate)
	admin.POST(inAdmin(paths.AdminLabelPattern), s.labelUpdate)
	admin.POST(inAdmin(paths.AdminLabelMovePattern), s.labelMove)
	admin.POST(inAdmin(paths.AdminLabelRetirePattern), s.labelRetire)
	admin.POST(inAdmin(paths.AdminLabelDeletePattern), s.labelDelete)
	admin.GET(inAdmin(paths.AdminSettings), s.settingsForm)
	admin.POST(inAdmin(paths.AdminSettings), s.settingsSave)
}

// inAdmin is an admin path as the admin group registers it: below its prefix.
func inAdmin(p string) string {
	rest, ok := strings.CutPrefix(p, paths.Admin)
	if !ok {
		panic("not an admin path: " + p)
	}
	return rest
}

func cacheForever(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("v") != "" {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		}
		h.ServeHTTP(w, r)
	})
}
