package schematest_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/claims/export/schematest"
)

// The checker accepts Google's own ClaimReview example and finds what is
// wrong in a broken one.
func TestCheckerOnGooglesExampleAndBrokenDocuments(t *testing.T) {
	v := schematest.Load(t)
	page, err := os.ReadFile(filepath.Join(schematest.Dir(), "..", "google-claimreview-example", "factcheck-example.html"))
	if err != nil {
		t.Skipf("Google's ClaimReview example is not in the shared data: %v", err)
	}
	m := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindSubmatch(page)
	if m == nil {
		t.Fatal("no JSON-LD in Google's example")
	}
	var doc any
	if err := json.Unmarshal(m[1], &doc); err != nil {
		t.Fatal(err)
	}
	if probs := v.Check(doc); len(probs) > 0 {
		t.Errorf("Google's example: %v", probs)
	}
	broken := `{"@context":"https://schema.org","@type":"ClaimReview","claimReviewed":"x","verdict":"False",
		"reviewRating":{"@type":"Rating","ratingValue":1,"headline":"no"},"itemReviewed":{"@type":"Claim","author":{"@type":"Rating"}},
		"url":"not a url","datePublished":"yesterday","author":{"@type":"Desk","name":"x"}}`
	if err := json.Unmarshal([]byte(broken), &doc); err != nil {
		t.Fatal(err)
	}
	probs := strings.Join(v.Check(doc), "\n")
	for _, want := range []string{`property "verdict" is not in the schema.org vocabulary`, `property "headline" does not apply to Rating`,
		`a Rating where the property takes [Organization Person]`, `"not a url" is not an absolute http(s) URL`,
		`"yesterday" is not an ISO 8601 date`, `type "Desk" is not in the schema.org vocabulary`} {
		if !strings.Contains(probs, want) {
			t.Errorf("problems lack %q:\n%s", want, probs)
		}
	}
	if !v.IsA("ClaimReview", "CreativeWork") || v.IsA("Rating", "CreativeWork") {
		t.Error("the type hierarchy is not read")
	}
}
