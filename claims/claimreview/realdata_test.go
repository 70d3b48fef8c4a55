package claimreview_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/factdesk/factdesk/claims/claimreview"
)

// sharedData finds a real dataset in shared/data, walking up from the
// package directory (research licences: read by tests, never copied into the
// project), and skips the test when it is absent.
func sharedData(t *testing.T, rel string) string {
	t.Helper()
	dir, _ := filepath.Abs(".")
	for {
		p := filepath.Join(dir, "shared", "data", filepath.FromSlash(rel))
		if _, err := os.Stat(p); err == nil {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skipf("shared/data/%s not found above the package directory; skipping the real-data test", rel)
		}
		dir = parent
	}
}

func decodeFile(t *testing.T, path string) ([]claimreview.Record, []*claimreview.Problem, *claimreview.Problem, claimreview.Format) {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	d := claimreview.NewDecoder(fh)
	recs, probs, fatal := readAll(t, d)
	return recs, probs, fatal, d.Format()
}

// The 1,274 Arabic fact-checks in the Fact Check API shape hold 1,285
// reviews (9 claims were checked twice and one three times): each review is
// one record.
func TestRealArabicFactCheckAPI(t *testing.T) {
	recs, probs, fatal, format := decodeFile(t, sharedData(t, "arabic-claimreviews-factcheck-api/unique_claim_reviews.json"))
	if fatal != nil || len(probs) != 0 {
		t.Fatalf("fatal %v, problems %v", fatal, probs)
	}
	if format != claimreview.FormatArray {
		t.Errorf("format = %s", format)
	}
	claims := map[int]bool{}
	langs := map[string]int{}
	noted := 0
	for _, r := range recs {
		claims[r.Pos.Item] = true
		langs[r.Lang]++
		if r.ClaimText == "" || r.ReviewURL == "" || r.PublisherSite == "" || r.Rating.Text == "" {
			t.Errorf("%s: incomplete record %+v", r.Pos, r)
		}
		if len(r.Notes) > 0 {
			noted++
		}
	}
	if len(claims) != 1274 || len(recs) != 1285 {
		t.Errorf("claims %d, reviews %d; want 1,274 and 1,285", len(claims), len(recs))
	}
	if langs["ar"] != 1250 || langs["en"] != 34 || langs["my"] != 1 {
		t.Errorf("languages = %v", langs)
	}
	if noted != 0 {
		t.Errorf("%d records carry notes; the file is complete apart from one missing review date", noted)
	}
}

func TestRealGoogleExamples(t *testing.T) {
	for _, name := range []string{"factcheck-example.html", "factcheck-example-legacy-creativework.html"} {
		recs, probs, fatal, format := decodeFile(t, sharedData(t, "google-claimreview-example/"+name))
		if fatal != nil || len(probs) != 0 || len(recs) != 1 || format != claimreview.FormatPage {
			t.Fatalf("%s: %d records, %v, %v, %s", name, len(recs), probs, fatal, format)
		}
		r := recs[0]
		if r.ClaimText != "The world is flat" || r.Claimant != "Square World Society" || r.PublisherName != "Example.com science watch" ||
			r.Rating.Text != "False" || *r.Rating.Value != 1 || *r.Rating.Best != 5 || *r.Rating.Worst != 1 || r.ClaimDate.Day != "2024-06-20" ||
			r.ReviewURL != "https://example.com/news/science/worldisflat.html" {
			t.Errorf("%s: %+v", name, r)
		}
	}
}

// schema.org's own examples: eg-0324 labels a rating of 1 out of 6 "True",
// which is kept as published; eg-0325 reviews a video clip and has no rating.
func TestRealSchemaOrgExamples(t *testing.T) {
	recs, probs, fatal, _ := decodeFile(t, sharedData(t, "schemaorg/sdo-ClaimReview-issue-1061-examples.txt"))
	if fatal != nil || len(probs) != 0 || len(recs) != 2 {
		t.Fatalf("%d records, %v, %v", len(recs), probs, fatal)
	}
	a, b := recs[0], recs[1]
	if a.Claimant != "Rich Perry" || a.Rating.Text != "True" || *a.Rating.Value != 1 || *a.Rating.Best != 6 || a.PublisherSite != "politifact.com" ||
		a.ClaimDate.Day != "2014-07-17" || a.ReviewDate.Day != "2014-07-23" {
		t.Errorf("eg-0324 = %+v", a)
	}
	if b.Claimant != "Barack Obama" || b.Rating.Text != "" || len(b.Notes) != 1 || b.Notes[0] != claimreview.NoteNoRating || b.PublisherSite != "danbri.org" {
		t.Errorf("eg-0325 = %+v", b)
	}
}

func TestRealDataCommonsSample(t *testing.T) {
	want := map[string][]string{
		"fctchk_politifact_wapo": {"Pants on Fire", "Half True", "Will military drills end?"},
		"weekly_standard":        {"FALSE", "FALSE", "FALSE"},
	}
	for dir, ratings := range want {
		recs, probs, fatal, _ := decodeFile(t, sharedData(t, "datacommons-factcheck-sample/"+dir+"/fact_checks_20190605.txt"))
		if fatal != nil || len(probs) != 0 || len(recs) != 3 {
			t.Fatalf("%s: %d records, %v, %v", dir, len(recs), probs, fatal)
		}
		for i, r := range recs {
			if r.Rating.Text != ratings[i] || r.Rating.Value != nil || r.Claimant == "" || r.ClaimDate.Day == "" || r.Pos.Block != i+1 {
				t.Errorf("%s block %d: %+v", dir, i+1, r)
			}
		}
	}
}
