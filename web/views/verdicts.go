package views

import "time"

// LabelBadge is a rating label as pages show it: its colour goes into an SVG
// fill attribute (the CSP allows no style attributes).
type LabelBadge struct {
	Name        string
	Colour      string
	Description string
	Truth       int // 1–5, 0 off-scale
	Retired     bool
}

// VerdictCard is one version of a verdict.
type VerdictCard struct {
	ID             int64
	Number         int
	State          string
	Label          LabelBadge
	Conclusion     string
	Reasoning      string // Markdown, rendered safely by the view
	Claimed        string
	Verified       string
	Difference     string // the computed difference, in words
	AuthorName     string
	LastEditorName string
	ApproverName   string
	CorrectionNote string
	Corrects       int // number of the version this one corrects
	SubmittedAt    time.Time
	PublishedAt    time.Time
	SupersededAt   time.Time
	Version        int64
}

// LabelChoice is one label offered in a verdict form.
type LabelChoice struct {
	ID    string
	Badge LabelBadge
}

// VerdictForm is the form that proposes, revises or corrects a verdict.
type VerdictForm struct {
	ID         string // prefix of the field ids: two forms can share a page
	Action     string
	Form       Form
	Labels     []LabelChoice
	Kind       string // "amount", "percent", "date" or "" (what the verified value is)
	Precisions []Option
	Parts      []Option
	Correction bool
	Conflict   *VerdictCard // the newer version a stale form ran into
	Open       bool         // a correction form starts folded unless it has something to show
}

// CommentItem is one message of a claim's thread.
type CommentItem struct {
	Author           string
	Body             string
	At               time.Time
	ChangesRequested bool
	VerdictNumber    int
}

// VerdictSection is the verdict part of the claim page.
type VerdictSection struct {
	ClaimID    int64
	Published  *VerdictCard
	Earlier    []VerdictCard // superseded versions, newest first
	Open       *VerdictCard  // the version in the works
	SentBack   *CommentItem  // the editor's comment when the open version was sent back
	Form       *VerdictForm
	Correction *VerdictForm
	ReviewHref string // editors: the review screen of the submitted version
	Notice     string // a message key: why a refused form is not shown again
}

// Thread is the discussion on a claim.
type Thread struct {
	ClaimID  int64
	Comments []CommentItem
	Form     Form
}

// QueueRow is a verdict waiting for review.
type QueueRow struct {
	VerdictID   int64
	ClaimID     int64
	Statement   string
	Lang        string
	Label       LabelBadge
	Conclusion  string
	Author      string
	SubmittedAt time.Time
	Correction  bool
	Mine        bool // the viewer wrote or last edited it
}

// ReviewPage is the review screen: the verdict version beside its claim.
type ReviewPage struct {
	Verdict       VerdictCard
	Previous      *VerdictCard // the published version a correction replaces
	ClaimID       int64
	Statement     string
	ClaimType     string
	ClaimLang     string
	Claimant      string
	ArticleID     int64
	ArticleTitle  string
	ArticleLang   string
	ContextBefore string
	Exact         string
	ContextAfter  string
	Waiting       bool // still waiting for a decision
	Mine          bool // the viewer wrote or last edited it: they may not approve
	Error         string
	Comment       Form
	Thread        []CommentItem
}

// InboxPage is what waits for the viewer.
type InboxPage struct {
	Assigned         []ClaimItem
	ChangesRequested []QueueRow
	AwaitingReview   []QueueRow
	IsEditor         bool
}

// Bar is one bar of a server-drawn chart.
type Bar struct {
	Label  string
	Href   string
	N      int64
	Colour string
	Width  float64 // 0–100, share of the longest bar
}

// OverviewPage is the dashboard.
type OverviewPage struct {
	Statuses  []Bar
	Labels    []Bar
	Weeks     []Bar
	Median    string
	Published int64
}

// LabelAdminRow is one label on the admin page, with its edit form.
type LabelAdminRow struct {
	ID       int64
	Badge    LabelBadge
	NameEN   string
	NameAR   string
	InUse    int64
	Version  int64
	Retired  bool
	First    bool
	Last     bool
	Form     Form
	Targets  []Option // labels its verdicts can move to when it is deleted
	DelError string
}

// LabelsPage is the rating scale's admin page.
type LabelsPage struct {
	Labels []LabelAdminRow
	New    Form
	Truths []Option
	Error  string
}
