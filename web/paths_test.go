package web_test

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/web/paths"
)

// Every path builder of package paths leads to a route of the real router,
// the one its pattern names; and every route with a parameter has a builder
// (or is one of the two the paths package documents as built elsewhere).
func TestPathsMatchRoutes(t *testing.T) {
	t.Parallel()
	e := newApp(t).srv.Echo()
	q := url.Values{"k": {"v w"}}
	tests := []struct {
		method, path, pattern string
	}{
		{"GET", paths.Asset("css/app.css", "1"), paths.StaticPattern},
		{"GET", paths.LabelsCSSVersion("ab12"), paths.LabelsCSS},
		{"GET", paths.SignInNext("/claims?x=1"), paths.SignIn},
		{"GET", paths.Article(3), paths.ArticlePattern},
		{"GET", paths.ArticleOrdered(3, "rank"), paths.ArticlePattern},
		{"GET", paths.ArticlesBefore(9), paths.Articles},
		{"GET", paths.ArticleClaimNew(3), paths.ArticleClaimNewPattern},
		{"POST", paths.ArticleClaims(3), paths.ArticleClaimsPattern},
		{"GET", paths.ArticleSuggestionEdit(3, q), paths.ArticleSuggestionEditPattern},
		{"POST", paths.ArticleSuggestionLog(3), paths.ArticleSuggestionLogPattern},
		{"POST", paths.ArticleSuggestionDismiss(3), paths.ArticleSuggestionDismissPattern},
		{"POST", paths.ArticleSuggestionRestore(3), paths.ArticleSuggestionRestorePattern},
		{"GET", paths.ArticleReport(3), paths.ArticleReportPattern},
		{"GET", paths.ArticleReportPDF(3), paths.ArticleReportPDFPattern},
		{"POST", paths.ArticleReportPublish(3), paths.ArticleReportPublishPattern},
		{"POST", paths.ArticleReportWithdraw(3), paths.ArticleReportWithdrawPattern},
		{"GET", paths.ClaimsWith(q), paths.Claims},
		{"GET", paths.ClaimsByStatus("open"), paths.Claims},
		{"GET", paths.ClaimsOfArticle(3), paths.Claims},
		{"GET", paths.MyClaims, paths.Claims},
		{"GET", paths.Claim(7), paths.ClaimPattern},
		{"POST", paths.Claim(7), paths.ClaimPattern},
		{"GET", paths.ClaimEdit(7), paths.ClaimEditPattern},
		{"POST", paths.ClaimStatus(7), paths.ClaimStatusPattern},
		{"POST", paths.ClaimVerdict(7), paths.ClaimVerdictPattern},
		{"POST", paths.ClaimCorrection(7), paths.ClaimCorrectionPattern},
		{"POST", paths.ClaimComments(7), paths.ClaimCommentsPattern},
		{"POST", paths.ClaimEvidence(7), paths.ClaimEvidencePattern},
		{"POST", paths.Evidence(7, 12), paths.EvidencePattern},
		{"GET", paths.EvidenceEdit(7, 12), paths.EvidenceEditPattern},
		{"POST", paths.EvidenceDelete(7, 12), paths.EvidenceDeletePattern},
		{"POST", paths.ClaimLinks(7), paths.ClaimLinksPattern},
		{"POST", paths.ClaimLinkDelete(7, 4), paths.ClaimLinkDeletePattern},
		{"POST", paths.ClaimReuse(7), paths.ClaimReusePattern},
		{"POST", paths.ClaimCarry(7), paths.ClaimCarryPattern},
		{"GET", paths.PriorChecksWith(q), paths.PriorChecks},
		{"GET", paths.PriorCheck(5), paths.PriorCheckPattern},
		{"GET", paths.PriorCheckImport(5), paths.PriorCheckImportPattern},
		{"GET", paths.CSVImport(5), paths.CSVImportPattern},
		{"POST", paths.CSVImport(5), paths.CSVImportPattern},
		{"GET", paths.ReviewAfter("2025-01-01T00:00:00Z_3"), paths.ReviewQueue},
		{"GET", paths.Review(5), paths.ReviewPattern},
		{"POST", paths.ReviewApprove(5), paths.ReviewApprovePattern},
		{"POST", paths.ReviewChanges(5), paths.ReviewChangesPattern},
		{"GET", paths.SourcesWith(q), paths.Sources},
		{"GET", paths.Source(5), paths.SourcePattern},
		{"POST", paths.Source(5), paths.SourcePattern},
		{"GET", paths.SourceEdit(5), paths.SourceEditPattern},
		{"POST", paths.SourceDelete(5), paths.SourceDeletePattern},
		{"GET", paths.SearchWith(q), paths.Search},
		{"GET", paths.SearchFor("a b"), paths.Search},
		{"GET", paths.SearchPopup, paths.SearchResults},
		{"GET", paths.ExportDownloadWith(q), paths.ExportDownload},
		{"POST", paths.AdminUser(2), paths.AdminUserPattern},
		{"POST", paths.AdminLabel(2), paths.AdminLabelPattern},
		{"POST", paths.AdminLabelMove(2), paths.AdminLabelMovePattern},
		{"POST", paths.AdminLabelRetire(2), paths.AdminLabelRetirePattern},
		{"POST", paths.AdminLabelDelete(2), paths.AdminLabelDeletePattern},
	}
	registered := map[string]bool{}
	for _, r := range e.Routes() {
		registered[r.Method+" "+r.Path] = true
	}
	built := map[string]bool{}
	for _, tt := range tests {
		u, err := url.Parse(tt.path)
		if err != nil || u.Path == "" || !strings.HasPrefix(tt.path, u.Path) {
			t.Errorf("%s: not a path with an optional query (%v)", tt.path, err)
			continue
		}
		if !registered[tt.method+" "+tt.pattern] {
			t.Errorf("%s %s: no route registered under %s", tt.method, tt.path, tt.pattern)
			continue
		}
		c := e.NewContext(httptest.NewRequest(tt.method, tt.path, nil), nil)
		e.Router().Find(tt.method, u.Path, c)
		if c.Path() != tt.pattern {
			t.Errorf("%s %s is routed to %q; want %q", tt.method, tt.path, c.Path(), tt.pattern)
		}
		built[tt.pattern] = true
	}
	// Built outside package paths: see paths.PublicReportPattern.
	built[paths.PublicReportPattern] = true
	for _, r := range e.Routes() {
		if strings.ContainsAny(r.Path, ":*") && !built[r.Path] && r.Method != echo.RouteNotFound {
			t.Errorf("%s %s: a route with a parameter and no path builder", r.Method, r.Path)
		}
	}
}
