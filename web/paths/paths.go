package paths

import (
	"net/url"
	"strconv"
	"strings"
)

// Paths without a parameter: each is both the route pattern and the link.
const (
	Home      = "/"
	Healthz   = "/healthz"
	Setup     = "/setup"
	SignIn    = "/signin"
	SignOut   = "/signout"
	Lang      = "/lang"
	LabelsCSS = "/labels.css"

	Articles   = "/articles"
	ArticleNew = "/articles/new"
	Claims     = "/claims"
	MyClaims   = "/claims?mine=1" // the claim list filtered to the viewer's claims
	Board      = "/board"
	Inbox      = "/inbox"
	Overview   = "/overview"

	PriorChecks = "/prior-checks"
	PriorImport = "/prior-checks/import" // the form (GET) and the upload (POST)
	CSVImports  = "/imports/csv"

	ReviewQueue = "/review"

	Sources      = "/sources"
	SourceNew    = "/sources/new"
	SourceSearch = "/sources/search"

	Search        = "/search"
	SearchResults = "/search/results"
	SearchPopup   = "/search/results?mode=pop" // the results as the navigation's popup
	CheckedBefore = "/checked-before"

	Exports        = "/exports"
	ExportDownload = "/exports/download"

	// Admin is the prefix of the admin routes, registered as one group.
	Admin         = "/admin"
	AdminUsers    = Admin + "/users"
	AdminLabels   = Admin + "/labels"
	AdminSettings = Admin + "/settings"
)

// Patterns of the routes with a parameter (Echo syntax). Each has a builder
// below of the same name without "Pattern", except the two the comments name.
const (
	StaticPrefix  = "/static/"
	StaticPattern = StaticPrefix + "*" // built by Asset
	// PublicReportPattern is built by export.PublicURL, which needs the desk's
	// absolute address and lives in a domain package that does not import web.
	PublicReportPattern = "/r/:token"

	ArticlePattern                  = "/articles/:id"
	ArticleClaimNewPattern          = "/articles/:id/claims/new"
	ArticleClaimsPattern            = "/articles/:id/claims"
	ArticleSuggestionEditPattern    = "/articles/:id/suggestions/edit"
	ArticleSuggestionLogPattern     = "/articles/:id/suggestions/log"
	ArticleSuggestionDismissPattern = "/articles/:id/suggestions/dismiss"
	ArticleSuggestionRestorePattern = "/articles/:id/suggestions/restore"
	ArticleReportPattern            = "/articles/:id/report"
	ArticleReportPDFPattern         = "/articles/:id/report.pdf"
	ArticleReportPublishPattern     = "/articles/:id/report/publish"
	ArticleReportWithdrawPattern    = "/articles/:id/report/withdraw"

	ClaimPattern           = "/claims/:id"
	ClaimEditPattern       = "/claims/:id/edit"
	ClaimStatusPattern     = "/claims/:id/status"
	ClaimVerdictPattern    = "/claims/:id/verdict"
	ClaimCorrectionPattern = "/claims/:id/correction"
	ClaimCommentsPattern   = "/claims/:id/comments"
	ClaimEvidencePattern   = "/claims/:id/evidence"
	EvidencePattern        = "/claims/:id/evidence/:eid"
	EvidenceEditPattern    = "/claims/:id/evidence/:eid/edit"
	EvidenceDeletePattern  = "/claims/:id/evidence/:eid/delete"
	ClaimLinksPattern      = "/claims/:id/links"
	ClaimLinkDeletePattern = "/claims/:id/links/:lid/delete"
	ClaimReusePattern      = "/claims/:id/reuse"
	ClaimCarryPattern      = "/claims/:id/carry"

	PriorCheckPattern       = "/prior-checks/:id"
	PriorCheckImportPattern = "/prior-checks/imports/:id"
	CSVImportPattern        = "/imports/csv/:id"

	ReviewPattern        = "/review/:id"
	ReviewApprovePattern = "/review/:id/approve"
	ReviewChangesPattern = "/review/:id/changes"

	SourcePattern       = "/sources/:id"
	SourceEditPattern   = "/sources/:id/edit"
	SourceDeletePattern = "/sources/:id/delete"

	AdminUserPattern        = AdminUsers + "/:id"
	AdminLabelPattern       = AdminLabels + "/:id"
	AdminLabelMovePattern   = AdminLabels + "/:id/move"
	AdminLabelRetirePattern = AdminLabels + "/:id/retire"
	AdminLabelDeletePattern = AdminLabels + "/:id/delete"
)

// fill puts ids, in order, in place of the pattern's parameters; a parameter
// runs from ':' to the next '/'. Builders go through it so a path is its
// route's pattern by construction.
func fill(pattern string, ids ...int64) string {
	var b strings.Builder
	b.Grow(len(pattern) + 8*len(ids))
	for i := 0; i < len(pattern); i++ {
		if pattern[i] != ':' {
			b.WriteByte(pattern[i])
			continue
		}
		b.WriteString(strconv.FormatInt(ids[0], 10))
		ids = ids[1:]
		for i+1 < len(pattern) && pattern[i+1] != '/' {
			i++
		}
	}
	return b.String()
}

// withQuery is path with q's encoded parameters (sorted by key).
func withQuery(path string, q url.Values) string { return path + "?" + q.Encode() }

// Asset is the cache-busted address of a static file; v changes with the files.
func Asset(name, v string) string { return StaticPrefix + name + "?v=" + v }

// LabelsCSSVersion is the label stylesheet at version v (a hash of its rules).
func LabelsCSSVersion(v string) string { return LabelsCSS + "?v=" + url.QueryEscape(v) }

// SignInNext is the sign-in page that returns to next afterwards.
func SignInNext(next string) string { return SignIn + "?next=" + url.QueryEscape(next) }

func Article(id int64) string { return fill(ArticlePattern, id) }

// ArticleOrdered is an article with its suggestions in the given order.
func ArticleOrdered(id int64, order string) string {
	return Article(id) + "?order=" + url.QueryEscape(order)
}

// ArticlesBefore is the next page of the article list, after the cursor.
func ArticlesBefore(cursor int64) string {
	return Articles + "?before=" + strconv.FormatInt(cursor, 10)
}

func ArticleClaimNew(id int64) string { return fill(ArticleClaimNewPattern, id) }
func ArticleClaims(id int64) string   { return fill(ArticleClaimsPattern, id) }

// ArticleSuggestionEdit is the claim form prefilled from one suggestion; key
// names the suggestion (start, end, type).
func ArticleSuggestionEdit(id int64, key url.Values) string {
	return withQuery(fill(ArticleSuggestionEditPattern, id), key)
}
func ArticleSuggestionLog(id int64) string { return fill(ArticleSuggestionLogPattern, id) }
func ArticleSuggestionDismiss(id int64) string {
	return fill(ArticleSuggestionDismissPattern, id)
}
func ArticleSuggestionRestore(id int64) string {
	return fill(ArticleSuggestionRestorePattern, id)
}
func ArticleReport(id int64) string         { return fill(ArticleReportPattern, id) }
func ArticleReportPDF(id int64) string      { return fill(ArticleReportPDFPattern, id) }
func ArticleReportPublish(id int64) string  { return fill(ArticleReportPublishPattern, id) }
func ArticleReportWithdraw(id int64) string { return fill(ArticleReportWithdrawPattern, id) }

// ClaimsWith is the claim list with the filters and cursor in q.
func ClaimsWith(q url.Values) string { return withQuery(Claims, q) }

// ClaimsByStatus is the claim list of one status.
func ClaimsByStatus(status string) string { return Claims + "?status=" + url.QueryEscape(status) }

// ClaimsOfArticle is the claim list of one article's claims.
func ClaimsOfArticle(id int64) string { return Claims + "?article=" + strconv.FormatInt(id, 10) }

func Claim(id int64) string           { return fill(ClaimPattern, id) }
func ClaimEdit(id int64) string       { return fill(ClaimEditPattern, id) }
func ClaimStatus(id int64) string     { return fill(ClaimStatusPattern, id) }
func ClaimVerdict(id int64) string    { return fill(ClaimVerdictPattern, id) }
func ClaimCorrection(id int64) string { return fill(ClaimCorrectionPattern, id) }
func ClaimComments(id int64) string   { return fill(ClaimCommentsPattern, id) }
func ClaimEvidence(id int64) string   { return fill(ClaimEvidencePattern, id) }
func Evidence(claimID, id int64) string {
	return fill(EvidencePattern, claimID, id)
}
func EvidenceEdit(claimID, id int64) string {
	return fill(EvidenceEditPattern, claimID, id)
}
func EvidenceDelete(claimID, id int64) string {
	return fill(EvidenceDeletePattern, claimID, id)
}
func ClaimLinks(id int64) string { return fill(ClaimLinksPattern, id) }
func ClaimLinkDelete(claimID, linkID int64) string {
	return fill(ClaimLinkDeletePattern, claimID, linkID)
}
func ClaimReuse(id int64) string { return fill(ClaimReusePattern, id) }
func ClaimCarry(id int64) string { return fill(ClaimCarryPattern, id) }

// PriorChecksWith is the list of prior checks with the filters and cursor in q.
func PriorChecksWith(q url.Values) string { return withQuery(PriorChecks, q) }

func PriorCheck(id int64) string       { return fill(PriorCheckPattern, id) }
func PriorCheckImport(id int64) string { return fill(PriorCheckImportPattern, id) }
func CSVImport(id int64) string        { return fill(CSVImportPattern, id) }

// ReviewAfter is the next page of the review queue, after the cursor.
func ReviewAfter(cursor string) string { return ReviewQueue + "?after=" + url.QueryEscape(cursor) }

func Review(id int64) string        { return fill(ReviewPattern, id) }
func ReviewApprove(id int64) string { return fill(ReviewApprovePattern, id) }
func ReviewChanges(id int64) string { return fill(ReviewChangesPattern, id) }

// SourcesWith is the library with the filters and cursor in q.
func SourcesWith(q url.Values) string { return withQuery(Sources, q) }

func Source(id int64) string       { return fill(SourcePattern, id) }
func SourceEdit(id int64) string   { return fill(SourceEditPattern, id) }
func SourceDelete(id int64) string { return fill(SourceDeletePattern, id) }

// SearchWith is the search page with the query and filters in q.
func SearchWith(q url.Values) string { return withQuery(Search, q) }

// SearchFor is the search page of the words q, without filters.
func SearchFor(q string) string { return Search + "?q=" + url.QueryEscape(q) }

// ExportDownloadWith is one export file: format, language and claim filters in q.
func ExportDownloadWith(q url.Values) string { return withQuery(ExportDownload, q) }

func AdminUser(id int64) string        { return fill(AdminUserPattern, id) }
func AdminLabel(id int64) string       { return fill(AdminLabelPattern, id) }
func AdminLabelMove(id int64) string   { return fill(AdminLabelMovePattern, id) }
func AdminLabelRetire(id int64) string { return fill(AdminLabelRetirePattern, id) }
func AdminLabelDelete(id int64) string { return fill(AdminLabelDeletePattern, id) }
