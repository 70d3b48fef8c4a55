package export

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/report"
)

// Format is an export format.
type Format string

// The formats.
const (
	CSV         Format = "csv"
	JSON        Format = "json"
	Markdown    Format = "md"
	ClaimReview Format = "claimreview"
)

// Formats lists every format in the order the interface offers them.
var Formats = []Format{CSV, JSON, Markdown, ClaimReview}

// ParseFormat accepts only known formats.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	return "", fmt.Errorf("unknown export format %q (csv, json, md or claimreview)", s)
}

// ContentType is the media type of the format, for downloads.
func (f Format) ContentType() string {
	switch f {
	case CSV:
		return "text/csv; charset=utf-8"
	case JSON:
		return "application/json; charset=utf-8"
	case Markdown:
		return "text/markdown; charset=utf-8"
	case ClaimReview:
		return "application/ld+json; charset=utf-8"
	}
	return "application/octet-stream"
}

// Ext is the file name extension of the format.
func (f Format) Ext() string {
	if f == ClaimReview {
		return "jsonld"
	}
	return string(f)
}

// Desk is what an export reads: the claims store, and the evidence and
// sources that the caller wires in from the sources package.
type Desk struct {
	Claims   *claims.Service
	Evidence report.EvidenceFunc
	// Sources returns the sources with these ids, for the JSON export.
	Sources func(ctx context.Context, ids []int64) ([]report.Source, error)
}

// Options choose what is exported and how.
type Options struct {
	Format Format
	// Lang is the language of labels, headings and values ("ar" or "en"),
	// and Words its translations.
	Lang  string
	Words report.Words
	// Filter selects the claims: the zero Filter is the whole desk, a Filter
	// with only ArticleID one article (Markdown: its full report), anything
	// else a filter of the claim list. Its sort, cursor and limit are
	// ignored: exports are in claim id order.
	Filter claims.Filter
	// BaseURL is the public address of factdesk (scheme and host), for the
	// addresses of published reports; without it ClaimReviews carry no url.
	BaseURL string
	Now     time.Time
}

// Scope names what the options select: "desk", "article" or "filter".
func (o Options) Scope() string {
	switch {
	case o.Filter == (claims.Filter{}):
		return "desk"
	case o.Filter == (claims.Filter{ArticleID: o.Filter.ArticleID}):
		return "article"
	}
	return "filter"
}

// FileName is the name a download of these options gets, e.g.
// factdesk-article-12-2026-11-28.csv.
func (o Options) FileName() string {
	scope := o.Scope()
	if scope == "article" {
		scope += "-" + strconv.FormatInt(o.Filter.ArticleID, 10)
	}
	if scope == "filter" {
		scope = "claims"
	}
	return "factdesk-" + scope + "-" + o.Now.Format("2006-01-02") + "." + o.Format.Ext()
}

// Result tells what an export wrote.
type Result struct {
	Claims     int // claims written (CSV, JSON) or published claims (Markdown, ClaimReview)
	Reviews    int // ClaimReviews written
	WithoutURL int // ClaimReviews without a url: their report has no public link, or no BaseURL is known
}

// Check refuses options an export cannot run with, before anything is
// written (so a web handler can still answer with an error page).
func Check(o *Options) error {
	if _, err := ParseFormat(string(o.Format)); err != nil {
		return err
	}
	if o.Lang != "ar" && o.Lang != "en" {
		return fmt.Errorf("unknown export language %q (ar or en)", o.Lang)
	}
	if o.Words == nil {
		return fmt.Errorf("export: no translations for %q", o.Lang)
	}
	f := o.Filter // Validate fills in defaults that would change the scope
	if errs := f.Validate(); errs != nil {
		return errs
	}
	o.Filter.Text = f.Text
	if o.Now.IsZero() {
		o.Now = time.Now().UTC()
	}
	return nil
}

// Write exports to w. A failure after the first bytes leaves w with a
// truncated export: callers that need all or nothing write to a temporary
// file first (the command line does).
func Write(ctx context.Context, w io.Writer, d Desk, o Options) (Result, error) {
	if err := Check(&o); err != nil {
		return Result{}, err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	var res Result
	var err error
	switch o.Format {
	case CSV:
		res, err = writeCSV(ctx, bw, d, o)
	case JSON:
		res, err = writeJSON(ctx, bw, d, o)
	case Markdown:
		res, err = writeMarkdown(ctx, bw, d, o)
	case ClaimReview:
		res, err = writeClaimReviews(ctx, bw, d, o)
	}
	if err != nil {
		return res, err
	}
	return res, bw.Flush()
}

// batch is one page of claims with what every format needs of them.
type batch struct {
	claims   []claims.Claim
	versions map[int64][]claims.Verdict
	evidence map[int64][]report.Evidence
}

// scan walks the selected claims with their verdict versions (only what
// readers may see unless all) and their evidence. It is a pipeline of three
// goroutines, each holding at most a couple of batches: one reads pages of
// claims, one their verdicts and evidence, and fn writes, so reading the
// database (most of an export's time) overlaps with writing the output.
func scan(ctx context.Context, d Desk, o Options, all bool, fn func(batch) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pages := make(chan []claims.Claim, 2)
	batches := make(chan batch, 2)
	errs := make(chan error, 2)
	go func() {
		defer close(pages)
		errs <- d.Claims.ScanClaims(ctx, o.Filter, func(cs []claims.Claim) error {
			select {
			case pages <- cs:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	go func() {
		var err error
		defer func() { close(batches); errs <- err }()
		for cs := range pages {
			var b batch
			if b, err = load(ctx, d, all, cs); err != nil {
				cancel()
				return
			}
			select {
			case batches <- b:
			case <-ctx.Done():
				err = ctx.Err()
				return
			}
		}
	}()
	var werr error
	for b := range batches {
		if werr == nil {
			if werr = fn(b); werr != nil {
				cancel()
			}
		}
	}
	err1, err2 := <-errs, <-errs
	if werr != nil {
		return werr
	}
	for _, err := range []error{err1, err2} {
		if err != nil && !errors.Is(err, context.Canceled) {
			return err
		}
	}
	if err1 != nil {
		return err1
	}
	return err2
}

// load reads a page of claims' verdict versions and evidence.
func load(ctx context.Context, d Desk, all bool, cs []claims.Claim) (batch, error) {
	ids := make([]int64, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	b := batch{claims: cs}
	var err error
	if b.versions, err = d.Claims.VerdictsOf(ctx, ids, !all); err != nil {
		return b, err
	}
	if d.Evidence != nil {
		if b.evidence, err = d.Evidence(ctx, ids); err != nil {
			return b, err
		}
	}
	return b, nil
}

// links remembers the public address of each article's report, asking the
// database once per batch for the articles it has not seen.
type links struct {
	d    Desk
	o    Options
	urls map[int64]string // article → public address of its report ("" when none)
}

func newLinks(d Desk, o Options) *links { return &links{d: d, o: o, urls: map[int64]string{}} }

// load looks up the articles of a batch of claims.
func (l *links) load(ctx context.Context, cs []claims.Claim) error {
	var missing []int64
	for _, c := range cs {
		if _, ok := l.urls[c.ArticleID]; !ok && c.ArticleID != 0 {
			l.urls[c.ArticleID] = ""
			missing = append(missing, c.ArticleID)
		}
	}
	if len(missing) == 0 || l.o.BaseURL == "" {
		return nil
	}
	active, err := l.d.Claims.ActiveReportLinks(ctx, missing)
	if err != nil {
		return err
	}
	for art, ls := range active {
		best := ls[0]
		for _, x := range ls {
			if x.Lang == l.o.Lang {
				best = x
				break
			}
		}
		l.urls[art] = PublicURL(l.o.BaseURL, best.Token)
	}
	return nil
}

// url is the public address of a claim in its article's published report.
func (l *links) url(c claims.Claim) string {
	base := l.urls[c.ArticleID]
	if base == "" {
		return ""
	}
	return base + ClaimAnchor(c.ID)
}

// PublicURL is the public address of a published report.
func PublicURL(baseURL, token string) string { return baseURL + "/r/" + token }

// ClaimAnchor is the fragment of a claim in its report: #claim-<id>. The id
// (not the claim's number in the report) keeps addresses stable when an
// earlier claim of the article is published later.
func ClaimAnchor(claimID int64) string { return "#claim-" + strconv.FormatInt(claimID, 10) }
