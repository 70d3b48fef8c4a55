package views

import "time"

// ReportView is an article's report as readers see it: on the desk, at its
// public address, printed and as a PDF. Only published verdicts are in it.
type ReportView struct {
	ArticleID    int64
	Title        string
	Outlet       string
	Author       string
	PublishedOn  string
	URL          string
	Lang         string // the article's language (its text's direction)
	DeskName     string
	DeskURL      string
	Updated      time.Time
	Summary      []SummaryRow
	Checked      int64 // published claims
	Pending      int64 // claims still being checked, not in the report
	Segments     []ReportSegment
	Items        []ReportItem
	Methodology  string // Markdown
	MethodLang   string
	Corrections  string // Markdown
	CorrectLang  string
	PublicURL    string // the public address, when the report is published
	ClaimReviews []byte // the ClaimReview JSON-LD of the public page, escaped for a script element
}

// SummaryRow is one label of the report's summary with its share of the bar.
type SummaryRow struct {
	Label LabelBadge
	N     int64
	X     float64 // where its part of the bar starts, 0–100
	Width float64 // its part of the bar, 0–100
}

// ReportSegment is a piece of the article text; Class colours it with the
// verdict's label (a class of /labels.css: the CSP allows no style
// attributes), Ends are the claims whose number follows it.
type ReportSegment struct {
	Text   string
	Class  string
	Title  string
	Starts []ReportRef
	Ends   []ReportRef
}

// ReportRef is a claim of the report by number.
type ReportRef struct {
	Number  int
	ClaimID int64
}

// ReportItem is one published claim of the report.
type ReportItem struct {
	Number         int
	ClaimID        int64
	Statement      string
	Lang           string
	Claimant       string
	ClaimDate      string
	Anchored       bool
	Label          LabelBadge
	LabelClass     string
	Conclusion     string
	Reasoning      string // Markdown, rendered safely
	Claimed        string
	Verified       string
	Difference     string
	PublishedAt    time.Time
	FirstPublished time.Time
	CorrectionNote string
	Corrections    []ReportCorrection
	Sources        []ReportSource
}

// ReportCorrection is an earlier published version a correction replaced.
type ReportCorrection struct {
	At         time.Time
	Label      LabelBadge
	Conclusion string
}

// ReportSource is a source cited for a claim.
type ReportSource struct {
	Title       string
	URL         string
	Publisher   string
	PublishedOn string
	ArchiveURL  string
	Passage     string
	Location    string
	Stance      string
	Lang        string
}

// ReportLinkRow is a public link of the report.
type ReportLinkRow struct {
	ID          int64
	URL         string
	Lang        string
	CreatedBy   string
	CreatedAt   time.Time
	Active      bool
	WithdrawnAt time.Time
}

// ExportLink is one download of an export.
type ExportLink struct {
	Format string
	Href   string
}

// ReportPage is the report on the desk, with what editors do with it.
type ReportPage struct {
	Report     ReportView
	Exports    []ExportLink
	PDFHref    string // "" when Chromium is missing on the server
	Links      []ReportLinkRow
	CanPublish bool
	Langs      []Option
}

// ExportPage is the desk-wide export page.
type ExportPage struct {
	Formats []Option
	Langs   []Option
	Lang    string
	Exports []ExportLink
}

// SettingsPage is the organisation settings form.
type SettingsPage struct {
	Form     Form
	Conflict bool
	Stored   []Option // on a conflict: what is stored now (field name → value)
}
