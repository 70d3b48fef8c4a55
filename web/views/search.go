package views

import "github.com/factdesk/factdesk/web/paths"

// Piece is a piece of highlighted text: Mark is set on the words that
// matched the search. The template escapes every piece like any other text.
type Piece struct {
	Text string
	Mark bool
}

// SearchHit is one record found.
type SearchHit struct {
	Href    string
	Title   []Piece // the main text (statement, title, conclusion), highlighted
	Snippet []Piece // a passage of a longer text, highlighted
	Lang    string
	Meta    []string // plain facts: status, outlet, publisher, date…
	Label   *LabelBadge
	Rating  string // a prior check's rating as its desk wrote it
	Context string // e.g. the claim a verdict belongs to
}

// SearchGroup is the hits of one kind.
type SearchGroup struct {
	Kind     string
	Hits     []SearchHit
	MoreHref string
}

// SearchPage is the search page, and (Groups and the flags only) the
// results fragment that replaces its results as you type.
type SearchPage struct {
	Form      Form // q, kind, status, label, lang, from, to
	Kinds     []Option
	Statuses  []Option
	Labels    []Option
	Langs     []Option
	Groups    []SearchGroup
	Total     int
	Searched  bool // a query or a filter was given
	SomeWords bool // no record holds every word: these hold some
	OneKind   bool // the results of one kind, with paging
	AllHref   string
}

// SimilarItem is a claim of the desk or a prior check that looks like the
// claim at hand, with why.
type SimilarItem struct {
	Kind      string // "claim" or "prior"
	ID        int64
	Href      string
	Text      string
	Lang      string
	Status    string // claims: the workflow status
	Label     *LabelBadge
	Rating    string // prior checks: the rating as published
	Publisher string
	ReviewURL string // http(s) only
	Reasons   []string
	Names     []string
	Evidence  int // claims: pieces of evidence (what "reuse sources" would attach)
}

// TwinItem is a claim linked as the same claim.
type TwinItem struct {
	SimilarItem
	LinkID int64
	// CarryHere: the twin's published verdict can become a draft here;
	// CarryThere: this claim's published verdict can become one on the twin.
	CarryHere, CarryThere bool
}

// CheckedBefore is the "checked before" panel: on a claim's page (ClaimID
// set, with its twins and the actions), or on the claim form (suggestions
// only, actions after saving).
type CheckedBefore struct {
	ClaimID  int64
	Items    []SimilarItem
	Twins    []TwinItem
	IsEditor bool
	Searched bool // there was something to compare
}

// searchStatus is what a screen reader hears when results change.
func searchStatus(p Page, m SearchPage) string {
	switch {
	case !m.Searched:
		return ""
	case m.Total == 0:
		return p.L.T("search.none")
	}
	return p.L.F("search.shown", p.L.Num(int64(m.Total)))
}

// searchPageHref is the full search page of the popup's query.
func searchPageHref(m SearchPage) string {
	return paths.SearchFor(m.Form.V("q"))
}
