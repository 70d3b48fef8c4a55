package claimreview

import (
	"strconv"
	"strings"
)

// Reason says why a record was refused or what is odd about one that was
// kept. Closed vocabulary: the web layer translates each one.
type Reason string

// Reasons that stop the whole read (Problem.Fatal).
const (
	ReasonEmpty     Reason = "empty"      // nothing but white space
	ReasonTooLarge  Reason = "too_large"  // more than the limit
	ReasonWrongKind Reason = "wrong_kind" // neither JSON nor a page with JSON-LD blocks
)

// Reasons that refuse one record; the rest of the file is read. ReasonMalformed
// is fatal when the broken JSON is the array or document being streamed, and
// ReasonNotClaimReview when a page's JSON-LD holds no ClaimReview at all.
const (
	ReasonMalformed      Reason = "malformed"       // not valid JSON
	ReasonNotObject      Reason = "not_object"      // a number, string, … where a record was expected
	ReasonNotClaimReview Reason = "not_claimreview" // an object of another type
	ReasonMissingClaim   Reason = "missing_claim"   // no claimReviewed (or Fact Check API text)
	ReasonClaimTooLong   Reason = "claim_too_long"  // claim text longer than MaxClaim
	ReasonNoReview       Reason = "no_review"       // a Fact Check API claim with no claimReview
)

// Notes on records that were kept.
const (
	NoteNoRating         Reason = "no_rating"           // no reviewRating and no textual rating
	NoteRatingNotNumber  Reason = "rating_not_number"   // ratingValue, bestRating or worstRating is not a number
	NoteRatingOutOfRange Reason = "rating_out_of_range" // ratingValue outside worstRating..bestRating
	NoteDateUnparsed     Reason = "date_unparsed"       // a date kept as text only
	NoteURLDropped       Reason = "url_dropped"         // a review URL that is not http(s), not kept as a link
	NoteNoURL            Reason = "no_url"              // no review URL
	NotePublisherUnnamed Reason = "publisher_unnamed"   // the reviewing desk has neither name nor site
)

// Reasons lists every reason and note (for translation tests).
var Reasons = []Reason{ReasonEmpty, ReasonTooLarge, ReasonWrongKind, ReasonMalformed, ReasonNotObject,
	ReasonNotClaimReview, ReasonMissingClaim, ReasonClaimTooLong, ReasonNoReview, NoteNoRating,
	NoteRatingNotNumber, NoteRatingOutOfRange, NoteDateUnparsed, NoteURLDropped, NoteNoURL, NotePublisherUnnamed}

var messages = map[Reason]string{
	ReasonEmpty:          "the file is empty",
	ReasonTooLarge:       "the file is larger than the limit",
	ReasonWrongKind:      "neither JSON nor a page with <script type=\"application/ld+json\"> blocks",
	ReasonMalformed:      "malformed JSON",
	ReasonNotObject:      "not a JSON object",
	ReasonNotClaimReview: "not a ClaimReview",
	ReasonMissingClaim:   "no claimReviewed (the claim text)",
	ReasonClaimTooLong:   "the claim text is longer than 5,000 characters",
	ReasonNoReview:       "a claim without any review",
	NoteNoRating:         "no rating",
	NoteRatingNotNumber:  "a rating number that is not a number was ignored",
	NoteRatingOutOfRange: "ratingValue lies outside worstRating..bestRating (kept as published)",
	NoteDateUnparsed:     "a date that could not be read is kept as text",
	NoteURLDropped:       "a review URL that is not http(s) was not kept",
	NoteNoURL:            "no review URL",
	NotePublisherUnnamed: "the reviewing desk has neither a name nor a site",
}

// Message is the reason in English (for the command line and logs).
func (r Reason) Message() string {
	if m, ok := messages[r]; ok {
		return m
	}
	return string(r)
}

// Position locates a record or a problem in the input. Counters are 1-based;
// zero means "not applicable".
type Position struct {
	Line   int   `json:"line,omitempty"`   // JSON lines: the line
	Item   int   `json:"item,omitempty"`   // the element of a top-level array (or of a JSON line or block holding an array)
	Offset int64 `json:"offset,omitempty"` // byte offset where the array element or the problem starts
	Block  int   `json:"block,omitempty"`  // the <script type="application/ld+json"> block of a page
	Graph  int   `json:"graph,omitempty"`  // the node of a @graph
	Review int   `json:"review,omitempty"` // the review of a Fact Check API claim
}

// String is the position in English, e.g. "item 5 (byte 1234), review 2".
func (p Position) String() string {
	var parts []string
	if p.Line > 0 {
		parts = append(parts, "line "+strconv.Itoa(p.Line))
	}
	if p.Block > 0 {
		parts = append(parts, "script block "+strconv.Itoa(p.Block))
	}
	if p.Item > 0 {
		s := "item " + strconv.Itoa(p.Item)
		if p.Offset > 0 {
			s += " (byte " + strconv.FormatInt(p.Offset, 10) + ")"
		}
		parts = append(parts, s)
	} else if p.Offset > 0 {
		parts = append(parts, "byte "+strconv.FormatInt(p.Offset, 10))
	}
	if p.Graph > 0 {
		parts = append(parts, "@graph node "+strconv.Itoa(p.Graph))
	}
	if p.Review > 0 {
		parts = append(parts, "review "+strconv.Itoa(p.Review))
	}
	if len(parts) == 0 {
		return "the file"
	}
	return strings.Join(parts, ", ")
}

// Problem is a record that could not be read, or (Fatal) a file that could
// not be read at all from this point on.
type Problem struct {
	Pos    Position `json:"pos"`
	Reason Reason   `json:"reason"`
	Detail string   `json:"detail,omitempty"` // technical detail, e.g. the JSON syntax error, or the @type found
	Fatal  bool     `json:"fatal,omitempty"`
}

func (p *Problem) Error() string {
	s := p.Reason.Message()
	if p.Pos != (Position{}) {
		s = p.Pos.String() + ": " + s
	}
	if p.Detail != "" {
		s += " (" + p.Detail + ")"
	}
	return s
}
