package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/factdesk/factdesk/claims"
)

// The schema.org ClaimReview a fact-check is published as, for search
// engines and aggregators (Google Fact Check Explorer, Data Commons). Every
// type and property here exists in the schema.org vocabulary; a test checks
// it against the vocabulary's own files.

// ClaimReviewJSON is one schema.org ClaimReview.
type ClaimReviewJSON struct {
	Context       string     `json:"@context"`
	Type          string     `json:"@type"`
	URL           string     `json:"url,omitempty"`
	ClaimReviewed string     `json:"claimReviewed"`
	InLanguage    string     `json:"inLanguage,omitempty"`
	DatePublished string     `json:"datePublished,omitempty"`
	DateModified  string     `json:"dateModified,omitempty"`
	Author        *ThingJSON `json:"author,omitempty"`
	ReviewRating  RatingJSON `json:"reviewRating"`
	ItemReviewed  ClaimLD    `json:"itemReviewed"`
}

// ThingJSON is a Person or an Organization.
type ThingJSON struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// RatingJSON is the verdict: the label readers see and, for labels on the
// truth scale, its place from 1 (false) to 5 (true).
type RatingJSON struct {
	Type          string `json:"@type"`
	RatingValue   *int   `json:"ratingValue,omitempty"`
	BestRating    *int   `json:"bestRating,omitempty"`
	WorstRating   *int   `json:"worstRating,omitempty"`
	AlternateName string `json:"alternateName"`
}

// ClaimLD is the claim reviewed: who made it, when, and where it appeared.
type ClaimLD struct {
	Type          string     `json:"@type"`
	Author        *ThingJSON `json:"author,omitempty"`
	DatePublished string     `json:"datePublished,omitempty"`
	Appearance    *WorkJSON  `json:"appearance,omitempty"`
}

// WorkJSON is the article the claim appeared in.
type WorkJSON struct {
	Type          string     `json:"@type"`
	URL           string     `json:"url,omitempty"`
	Headline      string     `json:"headline,omitempty"`
	DatePublished string     `json:"datePublished,omitempty"`
	Author        *ThingJSON `json:"author,omitempty"`
	Publisher     *ThingJSON `json:"publisher,omitempty"`
}

// ReviewInput is what one ClaimReview is made of.
type ReviewInput struct {
	Claim          claims.Claim
	Verdict        claims.Verdict // the published version
	FirstPublished time.Time      // when the verdict was first published (before any correction)
	Article        *claims.Article
	Desk           claims.Organisation
	Lang           string // of the review: the label's name and inLanguage
	URL            string // where the review is published; "" when it is not
}

func ptr(n int) *int { return &n }

// moment writes a publication time as ISO 8601 (schema.org DateTime).
func moment(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// NewClaimReview builds the ClaimReview of a published verdict. The claimant
// is an Organization when it is the article's outlet (the article speaking
// in its own voice) or when no claimant is named (the outlet is then the
// claimant); otherwise a Person, since the claims package does not record
// what kind of claimant it is.
func NewClaimReview(in ReviewInput) ClaimReviewJSON {
	first := in.FirstPublished
	if first.IsZero() {
		first = in.Verdict.PublishedAt
	}
	cr := ClaimReviewJSON{Context: "https://schema.org", Type: "ClaimReview", URL: in.URL, ClaimReviewed: in.Claim.Statement,
		InLanguage: in.Lang, DatePublished: moment(first),
		ReviewRating: RatingJSON{Type: "Rating", AlternateName: in.Verdict.Label.Name(in.Lang)},
		ItemReviewed: ClaimLD{Type: "Claim", DatePublished: in.Claim.ClaimDate}}
	if !in.Verdict.PublishedAt.IsZero() && in.Verdict.PublishedAt.After(first) {
		cr.DateModified = moment(in.Verdict.PublishedAt) // a correction was published later
	}
	if in.Desk.Name != "" {
		cr.Author = &ThingJSON{Type: "Organization", Name: in.Desk.Name, URL: in.Desk.URL}
	}
	if l := in.Verdict.Label; !l.OffScale() {
		cr.ReviewRating.RatingValue, cr.ReviewRating.BestRating, cr.ReviewRating.WorstRating = ptr(l.Truth), ptr(5), ptr(1)
	}
	claimant := strings.TrimSpace(in.Claim.Claimant)
	outlet := ""
	if in.Article != nil {
		outlet = strings.TrimSpace(in.Article.Outlet)
	}
	switch {
	case claimant == "" && outlet != "":
		cr.ItemReviewed.Author = &ThingJSON{Type: "Organization", Name: outlet}
	case claimant != "" && strings.EqualFold(claimant, outlet):
		cr.ItemReviewed.Author = &ThingJSON{Type: "Organization", Name: claimant}
	case claimant != "":
		cr.ItemReviewed.Author = &ThingJSON{Type: "Person", Name: claimant}
	}
	if a := in.Article; a != nil {
		w := &WorkJSON{Type: "NewsArticle", URL: a.URL, Headline: a.Title, DatePublished: a.PublishedOn}
		if a.Author != "" {
			w.Author = &ThingJSON{Type: "Person", Name: a.Author}
		}
		if outlet != "" {
			w.Publisher = &ThingJSON{Type: "Organization", Name: outlet}
		}
		cr.ItemReviewed.Appearance = w
		if cr.ItemReviewed.DatePublished == "" {
			cr.ItemReviewed.DatePublished = a.PublishedOn
		}
	}
	return cr
}

// ScriptJSON encodes ClaimReviews for a <script type="application/ld+json">
// element: one object alone, several as an array. <, > and & are written as
// \u003c, \u003e and \u0026 (and U+2028, U+2029 escaped), so no text a user
// typed can close the element.
func ScriptJSON(reviews []ClaimReviewJSON) ([]byte, error) {
	var v any = reviews
	if len(reviews) == 1 {
		v = reviews[0]
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	json.HTMLEscape(&out, b) // json.Marshal escapes already; this keeps it so whatever encoder produced b
	return out.Bytes(), nil
}

// writeClaimReviews writes a JSON array of ClaimReviews, one per claim with
// a published verdict.
func writeClaimReviews(ctx context.Context, w *bufio.Writer, d Desk, o Options) (Result, error) {
	var res Result
	org, err := d.Claims.Organisation(ctx)
	if err != nil {
		return res, err
	}
	j := newJSONWriter(w)
	j.raw("[\n")
	ls := newLinks(d, o)
	articles := map[int64]*claims.Article{}
	err = scan(ctx, d, o, false, func(b batch) error {
		if err := ls.load(ctx, b.claims); err != nil {
			return err
		}
		if err := loadArticles(ctx, d, b.claims, articles); err != nil {
			return err
		}
		for _, c := range b.claims {
			res.Claims++
			cur, earlier, ok := claims.Published(b.versions[c.ID])
			if !ok {
				continue
			}
			cr := NewClaimReview(ReviewInput{Claim: c, Verdict: cur, FirstPublished: claims.FirstPublished(cur, earlier).PublishedAt,
				Article: articles[c.ArticleID], Desk: org, Lang: o.Lang, URL: ls.url(c)})
			if cr.URL == "" {
				res.WithoutURL++
			}
			if res.Reviews > 0 {
				j.raw(",")
			}
			j.value(cr)
			res.Reviews++
		}
		return j.err
	})
	if err != nil {
		return res, err
	}
	j.raw("]\n")
	return res, j.err
}

// loadArticles fetches the articles of a batch of claims that are not in
// the cache yet. The cache keeps the details, not the text, so it stays
// small.
func loadArticles(ctx context.Context, d Desk, cs []claims.Claim, cache map[int64]*claims.Article) error {
	var missing []int64
	for _, c := range cs {
		if _, ok := cache[c.ArticleID]; !ok && c.ArticleID != 0 {
			cache[c.ArticleID] = nil
			missing = append(missing, c.ArticleID)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	as, err := d.Claims.ArticlesByID(ctx, missing)
	if err != nil {
		return err
	}
	for _, a := range as {
		a.Body = ""
		cache[a.ID] = &a
	}
	return nil
}
