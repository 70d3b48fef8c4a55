package report

import (
	"context"
	"sort"
	"time"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/articletext"
)

// Source is a source as a report cites it.
type Source struct {
	ID          int64
	URL         string
	Title       string
	Publisher   string
	Author      string
	PublishedOn string
	AccessedOn  string
	ArchiveURL  string
	Kind        string
	Lang        string
	Notes       string
}

// Evidence is a piece of evidence on a claim with its source.
type Evidence struct {
	ID       int64
	Stance   string // supports, refutes, context
	Passage  string
	Location string
	Note     string
	Source   Source
}

// EvidenceFunc returns the evidence of each of the claims (claims without
// any are absent from the map). The sources package answers it; the caller
// wires it in.
type EvidenceFunc func(ctx context.Context, claimIDs []int64) (map[int64][]Evidence, error)

// SourceCount is the number of distinct sources among the evidence.
func SourceCount(ev []Evidence) int {
	seen := map[int64]bool{}
	for _, e := range ev {
		seen[e.Source.ID] = true
	}
	return len(seen)
}

// Item is one published claim of a report.
type Item struct {
	Number         int // 1, 2, … in the order of the text
	Claim          claims.Claim
	Verdict        claims.Verdict   // the published version
	Earlier        []claims.Verdict // the published versions it corrected, newest first
	FirstPublished time.Time
	Evidence       []Evidence
	Anchored       bool // found in the article's text (highlighted)
}

// LabelCount is how many published claims carry a label.
type LabelCount struct {
	Label claims.Label
	N     int
}

// Segment is a piece of the article text: plain, or part of the claims
// Numbers (the first one gives the colour). Starts lists the claims that
// begin here, Ends those that end here (where their number is shown).
type Segment struct {
	Text    string
	Numbers []int
	Label   claims.Label
	Starts  []int
	Ends    []int
}

// Report is the report of an article.
type Report struct {
	Article  claims.Article
	Desk     claims.Organisation
	Items    []Item
	Summary  []LabelCount // the scale's order; labels no claim carries are left out
	Pending  int          // claims of the article without a published verdict
	Segments []Segment
	Updated  time.Time // the latest publication among the items
}

// Build assembles the report of an article. Only published verdicts appear;
// the claims still being checked are only counted.
func Build(ctx context.Context, svc *claims.Service, articleID int64, evidence EvidenceFunc) (Report, error) {
	art, err := svc.Article(ctx, articleID)
	if err != nil {
		return Report{}, err
	}
	list, err := svc.ArticleClaims(ctx, articleID)
	if err != nil {
		return Report{}, err
	}
	org, err := svc.Organisation(ctx)
	if err != nil {
		return Report{}, err
	}
	ids := make([]int64, len(list))
	for i, cl := range list {
		ids[i] = cl.ID
	}
	versions, err := svc.VerdictsOf(ctx, ids, true)
	if err != nil {
		return Report{}, err
	}
	r := Report{Article: art, Desk: org}
	type placed struct {
		item  Item
		start int
		span  articletext.Span
	}
	var items []placed
	loc := articletext.NewLocator(art.Body)
	for _, cl := range list {
		cur, earlier, ok := claims.Published(versions[cl.ID])
		if !ok {
			r.Pending++
			continue
		}
		p := placed{item: Item{Claim: cl, Verdict: cur, Earlier: earlier, FirstPublished: claims.FirstPublished(cur, earlier).PublishedAt},
			start: int(^uint(0) >> 1)}
		if cl.Anchor != nil {
			if anc, ok := loc.Locate(*cl.Anchor); ok {
				p.item.Anchored = true
				p.start = anc.Start
				p.span = articletext.Span{Start: anc.Start, End: anc.End, ID: cl.ID}
			}
		}
		items = append(items, p)
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].start < items[j].start })
	published := make([]int64, len(items))
	for i := range items {
		published[i] = items[i].item.Claim.ID
	}
	var ev map[int64][]Evidence
	if evidence != nil && len(published) > 0 {
		if ev, err = evidence(ctx, published); err != nil {
			return Report{}, err
		}
	}
	number := map[int64]int{}
	label := map[int64]claims.Label{}
	var spans []articletext.Span
	counts := map[int64]int{}
	for i, p := range items {
		it := p.item
		it.Number = i + 1
		it.Evidence = ev[it.Claim.ID]
		number[it.Claim.ID] = it.Number
		label[it.Claim.ID] = it.Verdict.Label
		if it.Anchored {
			spans = append(spans, p.span)
		}
		counts[it.Verdict.Label.ID]++
		if it.Verdict.PublishedAt.After(r.Updated) {
			r.Updated = it.Verdict.PublishedAt
		}
		r.Items = append(r.Items, it)
	}
	if len(counts) > 0 {
		labels, err := svc.Labels(ctx, true)
		if err != nil {
			return Report{}, err
		}
		for _, l := range labels {
			if n := counts[l.ID]; n > 0 {
				r.Summary = append(r.Summary, LabelCount{Label: l, N: n})
			}
		}
	}
	r.Segments = segments(art.Body, spans, number, label)
	return r, nil
}

// segments cuts the text at the published claims and numbers each piece.
func segments(body string, spans []articletext.Span, number map[int64]int, label map[int64]claims.Label) []Segment {
	segs := articletext.Segments(body, spans)
	first, last := map[int64]int{}, map[int64]int{}
	for i, s := range segs {
		for _, id := range s.IDs {
			if _, ok := first[id]; !ok {
				first[id] = i
			}
			last[id] = i
		}
	}
	byNumber := map[int]claims.Label{}
	for id, n := range number {
		byNumber[n] = label[id]
	}
	out := make([]Segment, len(segs))
	for i, s := range segs {
		seg := Segment{Text: s.Text}
		for _, id := range s.IDs {
			seg.Numbers = append(seg.Numbers, number[id])
			if first[id] == i {
				seg.Starts = append(seg.Starts, number[id])
			}
			if last[id] == i {
				seg.Ends = append(seg.Ends, number[id])
			}
		}
		// Overlapping claims: the one that comes first in the text colours
		// the shared piece.
		sort.Ints(seg.Numbers)
		sort.Ints(seg.Starts)
		sort.Ints(seg.Ends)
		if len(seg.Numbers) > 0 {
			seg.Label = byNumber[seg.Numbers[0]]
		}
		out[i] = seg
	}
	return out
}
