package report_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/internal/desktest"
	"github.com/factdesk/factdesk/claims/report"
	"github.com/factdesk/factdesk/sources"
)

const body = `Nvidia lost about $900 billion of its market value in a single session. Its shares dropped by about 20%.
DeepSeek said building its model cost no more than $6 million. The app topped the App Store.`

func TestBuildOnlyPublishedInTextOrder(t *testing.T) {
	t.Parallel()
	d := desktest.New(t)
	ctx := context.Background()
	d.Organisation(t, claims.Organisation{Name: "Example Desk", URL: "https://desk.example.org", MethodologyEN: "We read the filings.",
		CorrectionsAR: "نصحّح علنًا."})
	art := d.Article(t, claims.NewArticle{Title: "Nvidia's record loss", Outlet: "The Example Daily", Lang: "en", Body: body, PublishedOn: "2025-01-28"})
	// Logged out of text order: the report numbers them as the text runs.
	cost := d.Claim(t, art.ID, claims.ClaimInput{Statement: "building its model cost no more than $6 million", Type: "money", Claimant: "DeepSeek",
		Amount: "6000000", Value: claims.Value{Currency: "USD", Qualifier: "at_most"}})
	loss := d.Claim(t, art.ID, claims.ClaimInput{Statement: "Nvidia lost about $900 billion", Type: "market",
		Amount: "900000000000", Value: claims.Value{Currency: "USD", Qualifier: "about"}})
	shares := d.Claim(t, art.ID, claims.ClaimInput{Statement: "Its shares dropped by about 20%", Type: "percent", Amount: "20",
		Value: claims.Value{Qualifier: "about"}})
	store := d.Claim(t, art.ID, claims.ClaimInput{Statement: "The app topped the App Store", Type: "event"})

	ev := d.Evidence(t, loss.ID, sources.Input{URL: "https://www.reuters.com/markets/nvidia", Title: "Nvidia loses $593 billion", Publisher: "Reuters",
		PublishedOn: "2025-01-27", ArchiveURL: "https://web.archive.org/web/2025/https://www.reuters.com/markets/nvidia"},
		sources.EvidenceInput{Stance: "refutes", Passage: "a record $593 billion loss", Location: "paragraph 2"})
	d.Evidence(t, cost.ID, sources.Input{URL: "https://arxiv.org/abs/2412.19437", Title: "DeepSeek-V3 Technical Report", Kind: "primary"},
		sources.EvidenceInput{Stance: "context"})
	d.Evidence(t, shares.ID, sources.Input{URL: "https://www.cnbc.com/nvidia-shares", Title: "Shares fell 17%"}, sources.EvidenceInput{Stance: "refutes"})

	d.Publish(t, loss.ID, desktest.Verdict{Label: "Mostly false", Conclusion: "about $600 billion, not $900 billion", Amount: "600000000000",
		Verified: claims.Value{Currency: "USD"}})
	d.Correct(t, loss.ID, desktest.Verdict{Label: "Mostly false", Conclusion: "$593 billion, not $900 billion", Amount: "593000000000",
		Verified: claims.Value{Currency: "USD"}}, "We now use the exchange's closing figure.")
	d.Publish(t, cost.ID, desktest.Verdict{Label: "Unverifiable", Conclusion: "The cost of the final run only; the total is unknown"})
	d.Submit(t, shares.ID, desktest.Verdict{Label: "Mostly false", Conclusion: "17%, not 20%", Amount: "17"}) // waiting for review
	_ = store                                                                                                 // never checked

	r, err := report.Build(ctx, d.Svc, art.ID, d.EvidenceFunc())
	if err != nil {
		t.Fatal(err)
	}
	if r.Pending != 2 {
		t.Errorf("pending = %d; want 2 (one in review, one new)", r.Pending)
	}
	var got []string
	for _, it := range r.Items {
		got = append(got, it.Claim.Statement)
	}
	if diff := cmp.Diff([]string{loss.Statement, cost.Statement}, got); diff != "" {
		t.Fatalf("items (-want +got):\n%s", diff)
	}
	first := r.Items[0]
	if first.Number != 1 || r.Items[1].Number != 2 || !first.Anchored {
		t.Errorf("numbers %d, %d; anchored %v", first.Number, r.Items[1].Number, first.Anchored)
	}
	if first.Verdict.Conclusion != "$593 billion, not $900 billion" || first.Verdict.State != claims.VerdictApproved {
		t.Errorf("published verdict = %+v", first.Verdict)
	}
	if len(first.Earlier) != 1 || first.Earlier[0].Conclusion != "about $600 billion, not $900 billion" || first.Earlier[0].SupersededAt.IsZero() {
		t.Errorf("corrections = %+v", first.Earlier)
	}
	if first.FirstPublished.IsZero() || !first.FirstPublished.Equal(first.Earlier[0].PublishedAt) || first.Verdict.PublishedAt.Before(first.FirstPublished) {
		t.Errorf("first published %v; earlier %v; current %v", first.FirstPublished, first.Earlier[0].PublishedAt, first.Verdict.PublishedAt)
	}
	if len(first.Evidence) != 1 || first.Evidence[0].Source.ArchiveURL == "" || first.Evidence[0].Passage != "a record $593 billion loss" ||
		first.Evidence[0].Stance != "refutes" || first.Evidence[0].ID != ev.ID {
		t.Errorf("evidence = %+v", first.Evidence)
	}
	// The summary counts published claims by label, in the scale's order.
	var summary []string
	for _, s := range r.Summary {
		summary = append(summary, s.Label.NameEN+":"+string(rune('0'+s.N)))
	}
	if diff := cmp.Diff([]string{"Mostly false:1", "Unverifiable:1"}, summary); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	// The text: the two published claims highlighted, numbered where they
	// end; the others plain. Concatenated, it is the article.
	var text strings.Builder
	var marked []string
	for _, s := range r.Segments {
		text.WriteString(s.Text)
		if len(s.Numbers) > 0 {
			marked = append(marked, s.Text)
			if len(s.Ends) != 1 || s.Ends[0] != s.Numbers[0] || s.Label.ID == 0 {
				t.Errorf("segment %q: numbers %v ends %v label %d", s.Text, s.Numbers, s.Ends, s.Label.ID)
			}
		}
	}
	if text.String() != art.Body {
		t.Errorf("segments do not make up the text")
	}
	if diff := cmp.Diff([]string{loss.Statement, cost.Statement}, marked); diff != "" {
		t.Errorf("highlighted (-want +got):\n%s", diff)
	}
	if r.Desk.Name != "Example Desk" || r.Updated.IsZero() {
		t.Errorf("desk %+v updated %v", r.Desk, r.Updated)
	}
	if m, l := r.Desk.Methodology("ar"); m != "We read the filings." || l != "en" {
		t.Errorf("methodology in ar falls back to en: %q %q", m, l)
	}
	if c, l := r.Desk.Corrections("en"); c != "نصحّح علنًا." || l != "ar" {
		t.Errorf("corrections policy in en falls back to ar: %q %q", c, l)
	}
}

func TestBuildNothingPublishedAndMissingArticle(t *testing.T) {
	t.Parallel()
	d := desktest.New(t)
	ctx := context.Background()
	art := d.Article(t, claims.NewArticle{Title: "Quiet", Lang: "en", Body: body})
	d.Claim(t, art.ID, claims.ClaimInput{Statement: "The app topped the App Store"})
	r, err := report.Build(ctx, d.Svc, art.ID, d.EvidenceFunc())
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Items) != 0 || r.Pending != 1 || len(r.Summary) != 0 {
		t.Errorf("items %d, pending %d, summary %v", len(r.Items), r.Pending, r.Summary)
	}
	for _, s := range r.Segments {
		if len(s.Numbers) > 0 {
			t.Errorf("an unpublished claim is highlighted: %q", s.Text)
		}
	}
	if _, err := report.Build(ctx, d.Svc, 9999, nil); !errors.Is(err, claims.ErrNotFound) {
		t.Errorf("missing article: %v", err)
	}
}

func TestValuesInWords(t *testing.T) {
	t.Parallel()
	w := desktest.Words{}
	cl := claims.Claim{Type: claims.TypeMarket, Value: claims.Value{Amount: 9e11, Currency: "USD", Qualifier: "about"}}
	v := claims.Verdict{Verified: claims.Value{Amount: 5.93e11, Currency: "USD"}}
	claimed, verified, diff := report.Values(w, "en", cl, v)
	if claimed != "900,000,000,000 USD ([qualifier.about])" || verified != "593,000,000,000 USD" || diff != "[diff.over [51.8]]" {
		t.Errorf("en: %q %q %q", claimed, verified, diff)
	}
	claimed, _, diff = report.Values(w, "ar", cl, v)
	if claimed != "٩٠٠٬٠٠٠٬٠٠٠٬٠٠٠ USD ([qualifier.about])" || diff != "[diff.over [٥١٫٨]]" {
		t.Errorf("ar: %q %q", claimed, diff)
	}
	if c, vv, d := report.Values(w, "en", cl, claims.Verdict{}); c != "" || vv != "" || d != "" {
		t.Errorf("no verified value: %q %q %q", c, vv, d)
	}
	date := claims.Claim{Type: claims.TypeDate, Value: claims.Value{Date: "2022", Part: "late", Precision: "part_of_year"}}
	if got := report.ValueText(w, "en", date.Type, date.Value); got != "[part.late] 2022" {
		t.Errorf("date value = %q", got)
	}
	if got := report.SourceCount([]report.Evidence{{Source: report.Source{ID: 1}}, {Source: report.Source{ID: 1}}, {Source: report.Source{ID: 2}}}); got != 2 {
		t.Errorf("source count = %d", got)
	}
}
