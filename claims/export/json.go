package export

import (
	"bufio"
	"context"
	"encoding/json"
	"slices"
	"time"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/report"
)

// FormatVersion is the version of the JSON export's layout (docs/EXPORT.md).
// It changes when a field is renamed, removed or changes meaning; new fields
// may appear without a new version.
const FormatVersion = 1

// Document is the JSON export. The writer streams it field by field in this
// order; readers decode it whole or element by element.
type Document struct {
	Format        string        `json:"format"` // always "factdesk-export"
	FormatVersion int           `json:"format_version"`
	GeneratedAt   time.Time     `json:"generated_at"`
	Lang          string        `json:"lang"`
	Desk          DeskJSON      `json:"desk"`
	Scope         ScopeJSON     `json:"scope"`
	Labels        []LabelJSON   `json:"labels"`
	Claims        []ClaimJSON   `json:"claims"`
	Articles      []ArticleJSON `json:"articles"`
	Sources       []SourceJSON  `json:"sources"`
}

// DeskJSON is the organisation that publishes the fact-checks.
type DeskJSON struct {
	Name          string `json:"name"`
	URL           string `json:"url"`
	MethodologyEN string `json:"methodology_en"`
	MethodologyAR string `json:"methodology_ar"`
	CorrectionsEN string `json:"corrections_policy_en"`
	CorrectionsAR string `json:"corrections_policy_ar"`
}

// ScopeJSON says what was exported.
type ScopeJSON struct {
	Kind      string      `json:"kind"` // desk, article or filter
	ArticleID int64       `json:"article_id,omitempty"`
	Filter    *FilterJSON `json:"filter,omitempty"`
}

// FilterJSON is the claim list's filter an export was made with.
type FilterJSON struct {
	Status     string `json:"status,omitempty"`
	Type       string `json:"type,omitempty"`
	ArticleID  int64  `json:"article_id,omitempty"`
	AssigneeID int64  `json:"assignee_id,omitempty"`
	Tag        string `json:"tag,omitempty"`
	Lang       string `json:"lang,omitempty"`
	Text       string `json:"text,omitempty"`
}

// AnchorJSON is a claim's place in its article's text: the exact quote with
// a little text before and after, and code point offsets (W3C Web
// Annotation's TextQuoteSelector and TextPositionSelector).
type AnchorJSON struct {
	Exact  string `json:"exact"`
	Prefix string `json:"prefix"`
	Suffix string `json:"suffix"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
}

// LabelJSON is a label of the rating scale.
type LabelJSON struct {
	ID            int64  `json:"id"`
	NameEN        string `json:"name_en"`
	NameAR        string `json:"name_ar"`
	Colour        string `json:"colour"`
	Truth         *int   `json:"truth"` // 1 (false) to 5 (true); null off the scale
	DescriptionEN string `json:"description_en"`
	DescriptionAR string `json:"description_ar"`
	Retired       bool   `json:"retired"`
}

// ClaimJSON is a claim with its verdict versions and evidence.
type ClaimJSON struct {
	ID          int64          `json:"id"`
	ArticleID   *int64         `json:"article_id"`
	Statement   string         `json:"statement"`
	Restatement string         `json:"restatement"`
	Type        string         `json:"type"`
	Claimant    string         `json:"claimant"`
	ClaimDate   string         `json:"claim_date"`
	Status      string         `json:"status"`
	Priority    string         `json:"priority"`
	Lang        string         `json:"lang"`
	Tags        []string       `json:"tags"`
	Value       claims.Value   `json:"value"`
	Anchor      *AnchorJSON    `json:"anchor"`
	CreatedAt   time.Time      `json:"created_at"`
	UpdatedAt   time.Time      `json:"updated_at"`
	Version     int64          `json:"version"`
	PublicURL   string         `json:"public_url,omitempty"`
	Verdicts    []VerdictJSON  `json:"verdicts"`
	Evidence    []EvidenceJSON `json:"evidence"`
}

// VerdictJSON is one version of a claim's verdict.
type VerdictJSON struct {
	Number         int            `json:"number"`
	State          string         `json:"state"`
	LabelID        int64          `json:"label_id"`
	Label          string         `json:"label"` // the label's name in the export's language
	Conclusion     string         `json:"conclusion"`
	Reasoning      string         `json:"reasoning"` // Markdown
	Verified       claims.Value   `json:"verified"`
	Difference     DifferenceJSON `json:"difference"`
	Corrects       int            `json:"corrects,omitempty"` // the number of the version this one corrects
	CorrectionNote string         `json:"correction_note,omitempty"`
	Author         string         `json:"author"`
	ApprovedBy     string         `json:"approved_by,omitempty"`
	CreatedAt      time.Time      `json:"created_at"`
	SubmittedAt    *time.Time     `json:"submitted_at"`
	PublishedAt    *time.Time     `json:"published_at"`
	SupersededAt   *time.Time     `json:"superseded_at"`
}

// DifferenceJSON is the computed gap between the claimed and verified values.
type DifferenceJSON struct {
	Kind    string  `json:"kind"`              // "" when there is nothing to compare
	Percent float64 `json:"percent,omitempty"` // over, under: % of the verified amount
	Points  float64 `json:"points,omitempty"`  // points_high, points_low
	Days    int     `json:"days,omitempty"`    // earlier, later
	Text    string  `json:"text,omitempty"`    // in the export's language
}

// EvidenceJSON links a claim to a source of the "sources" list.
type EvidenceJSON struct {
	ID       int64  `json:"id"`
	SourceID int64  `json:"source_id"`
	Stance   string `json:"stance"`
	Passage  string `json:"passage"`
	Location string `json:"location"`
	Note     string `json:"note"`
}

// ArticleJSON is an article with its text.
type ArticleJSON struct {
	ID          int64     `json:"id"`
	Title       string    `json:"title"`
	Outlet      string    `json:"outlet"`
	URL         string    `json:"url"`
	Author      string    `json:"author"`
	PublishedOn string    `json:"published_on"`
	Lang        string    `json:"lang"`
	Text        string    `json:"text"`
	CreatedAt   time.Time `json:"created_at"`
}

// SourceJSON is a source of the library.
type SourceJSON struct {
	ID          int64  `json:"id"`
	URL         string `json:"url"`
	Title       string `json:"title"`
	Publisher   string `json:"publisher"`
	Author      string `json:"author"`
	PublishedOn string `json:"published_on"`
	AccessedOn  string `json:"accessed_on"`
	ArchiveURL  string `json:"archive_url"`
	Kind        string `json:"kind"`
	Lang        string `json:"lang"`
	Notes       string `json:"notes"`
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// claimJSON converts a claim with every verdict version and its evidence.
func claimJSON(o Options, c claims.Claim, versions []claims.Verdict, ev []report.Evidence, url string) ClaimJSON {
	out := ClaimJSON{ID: c.ID, Statement: c.Statement, Restatement: c.Restatement, Type: string(c.Type), Claimant: c.Claimant,
		ClaimDate: c.ClaimDate, Status: string(c.Status), Priority: string(c.Priority), Lang: c.Lang, Tags: c.Tags, Value: c.Value,
		CreatedAt: c.CreatedAt.UTC(), UpdatedAt: c.UpdatedAt.UTC(), Version: c.Version, PublicURL: url,
		Verdicts: []VerdictJSON{}, Evidence: []EvidenceJSON{}}
	if out.Tags == nil {
		out.Tags = []string{}
	}
	if a := c.Anchor; a != nil {
		out.Anchor = &AnchorJSON{Exact: a.Exact, Prefix: a.Prefix, Suffix: a.Suffix, Start: a.Start, End: a.End}
	}
	if c.ArticleID != 0 {
		id := c.ArticleID
		out.ArticleID = &id
	}
	numbers := map[int64]int{}
	for _, v := range versions {
		numbers[v.ID] = v.Number
	}
	for _, v := range versions {
		d := claims.Compare(c.Type, c.Value, v.Verified)
		vj := VerdictJSON{Number: v.Number, State: string(v.State), LabelID: v.Label.ID, Label: v.Label.Name(o.Lang),
			Conclusion: v.Conclusion, Reasoning: v.Reasoning, Verified: v.Verified,
			Difference: DifferenceJSON{Kind: string(d.Kind), Percent: d.Percent, Points: d.Points, Days: d.Days,
				Text: report.DiffText(o.Words, o.Lang, d)},
			Corrects: numbers[v.CorrectsID], CorrectionNote: v.CorrectionNote, Author: v.AuthorName, ApprovedBy: v.ApproverName,
			CreatedAt: v.CreatedAt.UTC(), SubmittedAt: timePtr(v.SubmittedAt), PublishedAt: timePtr(v.PublishedAt),
			SupersededAt: timePtr(v.SupersededAt)}
		out.Verdicts = append(out.Verdicts, vj)
	}
	for _, e := range ev {
		out.Evidence = append(out.Evidence, EvidenceJSON{ID: e.ID, SourceID: e.Source.ID, Stance: e.Stance, Passage: e.Passage,
			Location: e.Location, Note: e.Note})
	}
	return out
}

func articleJSON(a claims.Article) ArticleJSON {
	return ArticleJSON{ID: a.ID, Title: a.Title, Outlet: a.Outlet, URL: a.URL, Author: a.Author, PublishedOn: a.PublishedOn,
		Lang: a.Lang, Text: a.Body, CreatedAt: a.CreatedAt.UTC()}
}

func sourceJSON(s report.Source) SourceJSON {
	return SourceJSON{ID: s.ID, URL: s.URL, Title: s.Title, Publisher: s.Publisher, Author: s.Author, PublishedOn: s.PublishedOn,
		AccessedOn: s.AccessedOn, ArchiveURL: s.ArchiveURL, Kind: s.Kind, Lang: s.Lang, Notes: s.Notes}
}

// jsonWriter streams a JSON document: each value is encoded on its own,
// straight into the buffered output (no copy of each value is kept).
type jsonWriter struct {
	w   *bufio.Writer
	enc *json.Encoder
	err error
}

func newJSONWriter(w *bufio.Writer) *jsonWriter { return &jsonWriter{w: w, enc: json.NewEncoder(w)} }

func (j *jsonWriter) raw(s string) {
	if j.err == nil {
		_, j.err = j.w.WriteString(s)
	}
}

// value writes v (followed by a newline, which JSON allows between tokens).
func (j *jsonWriter) value(v any) {
	if j.err == nil {
		j.err = j.enc.Encode(v)
	}
}

// field writes "name": value, preceded by a comma unless first.
func (j *jsonWriter) field(name string, v any, first bool) {
	if !first {
		j.raw(",\n")
	}
	j.raw(`"` + name + `":`) // names are constants of this file
	j.value(v)
}

// writeJSON streams the document: the header fields, then the claims one by
// one, then the articles and the sources they refer to. Only ids are kept
// while the claims stream, so memory stays flat.
func writeJSON(ctx context.Context, w *bufio.Writer, d Desk, o Options) (Result, error) {
	var res Result
	j := newJSONWriter(w)
	org, err := d.Claims.Organisation(ctx)
	if err != nil {
		return res, err
	}
	labels, err := d.Claims.Labels(ctx, true)
	if err != nil {
		return res, err
	}
	scope := ScopeJSON{Kind: o.Scope(), ArticleID: o.Filter.ArticleID}
	if scope.Kind == "filter" {
		f := o.Filter
		scope.Filter = &FilterJSON{Status: f.Status, Type: f.Type, ArticleID: f.ArticleID, AssigneeID: f.AssigneeID, Tag: f.Tag,
			Lang: f.Lang, Text: f.Text}
	}
	j.raw("{")
	j.field("format", "factdesk-export", true)
	j.field("format_version", FormatVersion, false)
	j.field("generated_at", o.Now.UTC(), false)
	j.field("lang", o.Lang, false)
	j.field("desk", DeskJSON{Name: org.Name, URL: org.URL, MethodologyEN: org.MethodologyEN, MethodologyAR: org.MethodologyAR,
		CorrectionsEN: org.CorrectionsEN, CorrectionsAR: org.CorrectionsAR}, false)
	j.field("scope", scope, false)
	ljs := make([]LabelJSON, len(labels))
	for i, l := range labels {
		ljs[i] = LabelJSON{ID: l.ID, NameEN: l.NameEN, NameAR: l.NameAR, Colour: l.Colour, DescriptionEN: l.DescriptionEN,
			DescriptionAR: l.DescriptionAR, Retired: l.Retired}
		if !l.OffScale() {
			t := l.Truth
			ljs[i].Truth = &t
		}
	}
	j.field("labels", ljs, false)
	j.raw(",\n\"claims\":[\n")
	articles, sources := map[int64]bool{}, map[int64]bool{}
	ls := newLinks(d, o)
	err = scan(ctx, d, o, true, func(b batch) error {
		if err := ls.load(ctx, b.claims); err != nil {
			return err
		}
		for _, c := range b.claims {
			if res.Claims > 0 {
				j.raw(",")
			}
			url := ""
			if _, _, ok := claims.Published(b.versions[c.ID]); ok {
				url = ls.url(c)
			}
			j.value(claimJSON(o, c, b.versions[c.ID], b.evidence[c.ID], url))
			res.Claims++
			if c.ArticleID != 0 {
				articles[c.ArticleID] = true
			}
			for _, e := range b.evidence[c.ID] {
				sources[e.Source.ID] = true
			}
		}
		return j.err
	})
	if err != nil {
		return res, err
	}
	j.raw("],\n\"articles\":[\n")
	n := 0
	writeArticles := func(as []claims.Article) error {
		for _, a := range as {
			if n > 0 {
				j.raw(",")
			}
			j.value(articleJSON(a))
			n++
		}
		return j.err
	}
	if scope.Kind == "desk" {
		err = d.Claims.ScanArticles(ctx, writeArticles)
	} else {
		err = inBatches(sortedIDs(articles), 200, func(ids []int64) error {
			as, err := d.Claims.ArticlesByID(ctx, ids)
			if err != nil {
				return err
			}
			return writeArticles(as)
		})
	}
	if err != nil {
		return res, err
	}
	j.raw("],\n\"sources\":[\n")
	n = 0
	if d.Sources != nil {
		err = inBatches(sortedIDs(sources), 200, func(ids []int64) error {
			ss, err := d.Sources(ctx, ids)
			if err != nil {
				return err
			}
			for _, s := range ss {
				if n > 0 {
					j.raw(",")
				}
				j.value(sourceJSON(s))
				n++
			}
			return j.err
		})
		if err != nil {
			return res, err
		}
	}
	j.raw("]}\n")
	return res, j.err
}

func sortedIDs(set map[int64]bool) []int64 {
	out := make([]int64, 0, len(set))
	for id := range set {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

func inBatches(ids []int64, size int, fn func([]int64) error) error {
	for start := 0; start < len(ids); start += size {
		if err := fn(ids[start:min(start+size, len(ids))]); err != nil {
			return err
		}
	}
	return nil
}
