package claims_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/claimreview"
	"github.com/factdesk/factdesk/migrations/dbtest"
)

func priorService(t testing.TB) (*claims.Service, *gorm.DB) {
	t.Helper()
	db := dbtest.New(t)
	if err := db.Exec(`INSERT INTO users (id,email,name,role,password_hash,created_at,updated_at) VALUES
		(2,'e@x.org','Ed','editor','x',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP)`).Error; err != nil {
		t.Fatal(err)
	}
	return claims.NewService(db), db
}

var editor = claims.Actor{ID: 2, Role: claims.RoleEditor}

func importString(t *testing.T, svc *claims.Service, in string) (claims.PriorImport, error) {
	t.Helper()
	return svc.ImportPriorChecks(context.Background(), editor, "test.json", claimreview.NewDecoder(strings.NewReader(in)))
}

func count(t testing.TB, db *gorm.DB, table string) int64 {
	t.Helper()
	var n int64
	if err := db.Table(table).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// reviews writes n ClaimReviews as a JSON array, spread over three desks.
func reviews(n int) string {
	var b strings.Builder
	b.WriteString("[")
	desks := []string{"مسبار", "Fatabyyano", "AFP"}
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"@type":"ClaimReview","claimReviewed":"Claim number %d","url":"https://desk%d.example/check/%d",
 "author":{"@type":"Organization","name":%q},"datePublished":"2025-01-%02d","reviewRating":{"alternateName":%q}}`,
			i, i%3, i, desks[i%3], 1+i%28, []string{"False", "Misleading"}[i%2])
	}
	b.WriteString("]")
	return b.String()
}

func TestImportPriorChecksIsIdempotent(t *testing.T) {
	t.Parallel()
	svc, db := priorService(t)
	in := `[
 {"@type":"ClaimReview","claimReviewed":"The world is flat","url":"https://example.com/flat","author":{"name":"Example checks"},
  "reviewRating":{"ratingValue":1,"bestRating":5,"worstRating":1,"alternateName":"False"},"datePublished":"July 3, 2019"},
 {"@type":"ClaimReview","url":"https://example.com/nothing"},
 {"@type":"ClaimReview","claimReviewed":"the world  is FLAT","url":"http://www.example.com/flat/"},
 {"@type":"ClaimReview","claimReviewed":"A second claim on the same page","url":"https://example.com/flat","reviewRating":{"alternateName":"True"}},
 {"@type":"ClaimReview","claimReviewed":"No link","url":"javascript:alert(1)","reviewRating":{"alternateName":"Satire"},"author":{"name":"Desk"}}
]`
	imp, err := importString(t, svc, in)
	if err != nil {
		t.Fatal(err)
	}
	// Record 3 is record 1 again (same page, same claim once normalised).
	if imp.Records != 4 || imp.Added != 3 || imp.Duplicates != 1 || imp.Failed != 1 || imp.Noted != 2 || imp.Format != "json-array" {
		t.Fatalf("first import = %+v", imp)
	}
	if n := count(t, db, "prior_checks"); n != 3 {
		t.Fatalf("stored %d; want 3", n)
	}
	again, err := importString(t, svc, in)
	if err != nil {
		t.Fatal(err)
	}
	if again.Added != 0 || again.Duplicates != 4 || again.ID == imp.ID {
		t.Errorf("second import = %+v; want nothing added, 4 duplicates, a new import record", again)
	}
	if n := count(t, db, "prior_checks"); n != 3 {
		t.Errorf("stored %d after importing twice; want 3", n)
	}
	// The report keeps each problem with its position.
	got, err := svc.PriorImport(context.Background(), imp.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.UserName != "Ed" || got.Source != "test.json" || len(got.Problems) != 1+2 {
		t.Fatalf("stored import = %+v", got)
	}
	first := got.Problems[0]
	if first.Reason != claimreview.ReasonMissingClaim || first.Pos.Item != 2 || first.Kept {
		t.Errorf("first problem = %+v", first)
	}
	page, err := svc.PriorChecks(context.Background(), claims.PriorFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var flat claims.PriorCheck
	for _, c := range page.Checks {
		if c.ClaimText == "The world is flat" {
			flat = c
		}
		if c.ClaimText == "No link" && c.ReviewURL != "" {
			t.Errorf("a javascript: URL was stored: %q", c.ReviewURL)
		}
	}
	full, err := svc.PriorCheck(context.Background(), flat.ID)
	if err != nil {
		t.Fatal(err)
	}
	if full.Rating != "False" || *full.RatingValue != 1 || *full.BestRating != 5 || full.ReviewDate != "2019-07-03" ||
		full.ReviewDateText != "July 3, 2019" || full.Lang != "en" || full.PublisherSite != "example.com" || !strings.Contains(full.Raw, `"claimReviewed":"The world is flat"`) {
		t.Errorf("stored prior check = %+v", full)
	}
	if _, err := svc.PriorCheck(context.Background(), 99999); !errors.Is(err, claims.ErrNotFound) {
		t.Errorf("missing prior check: %v", err)
	}
}

// failingReader hands out data, then fails like a broken disk or connection.
type failingReader struct {
	r     io.Reader
	after int
	read  int
}

func (f *failingReader) Read(p []byte) (int, error) {
	if f.read >= f.after {
		return 0, errors.New("disk on fire")
	}
	if len(p) > f.after-f.read {
		p = p[:f.after-f.read]
	}
	n, err := f.r.Read(p)
	f.read += n
	return n, err
}

// A failure halfway, after whole batches were written inside the
// transaction, leaves nothing behind: not the prior checks, not the import.
func TestImportPriorChecksAllOrNothing(t *testing.T) {
	t.Parallel()
	svc, db := priorService(t)
	ctx := context.Background()
	in := reviews(450)
	_, err := svc.ImportPriorChecks(ctx, editor, "broken", claimreview.NewDecoder(&failingReader{r: strings.NewReader(in), after: len(in) * 3 / 4}))
	if err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("import from a failing reader: %v", err)
	}
	if n, m := count(t, db, "prior_checks"), count(t, db, "prior_imports"); n != 0 || m != 0 {
		t.Errorf("after a failed import: %d prior checks, %d imports; want none", n, m)
	}
	// Too large: refused as a whole, even though records were read first.
	_, err = svc.ImportPriorChecks(ctx, editor, "big", claimreview.NewDecoderLimit(strings.NewReader(in), int64(len(in)/2)))
	var p *claimreview.Problem
	if !errors.As(err, &p) || p.Reason != claimreview.ReasonTooLarge {
		t.Fatalf("too large: %v", err)
	}
	if n := count(t, db, "prior_checks"); n != 0 {
		t.Errorf("a too-large file left %d prior checks", n)
	}
	// The wrong kind of file: refused, nothing stored.
	_, err = importString(t, svc, "statement;claimant\nx;y\n")
	if !errors.As(err, &p) || p.Reason != claimreview.ReasonWrongKind {
		t.Errorf("CSV as ClaimReview: %v", err)
	}
	// JSON broken off halfway keeps what came before and says where it broke.
	imp, err := importString(t, svc, in[:len(in)/2])
	if err != nil {
		t.Fatal(err)
	}
	last := imp.Problems[len(imp.Problems)-1]
	if imp.Added == 0 || imp.Added != imp.Records || last.Reason != claimreview.ReasonMalformed || last.Pos.Item != imp.Records+1 {
		t.Errorf("truncated file: %+v, last problem %+v", imp, last)
	}
}

func TestPriorChecksFiltersAndPages(t *testing.T) {
	t.Parallel()
	svc, _ := priorService(t)
	ctx := context.Background()
	if _, err := importString(t, svc, reviews(130)); err != nil {
		t.Fatal(err)
	}
	facets, err := svc.PriorFacets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if facets.Total != 130 || len(facets.Publishers) != 3 || facets.Publishers[0].N != 44 || len(facets.Ratings) != 2 || len(facets.Langs) != 1 {
		t.Fatalf("facets = %+v", facets)
	}
	seen := map[int64]bool{}
	f := claims.PriorFilter{Publisher: "مسبار", Limit: 20}
	prev := "9999"
	for pages := 0; ; pages++ {
		page, err := svc.PriorChecks(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range page.Checks {
			if seen[c.ID] || c.PublisherName != "مسبار" || c.ReviewDate > prev {
				t.Fatalf("page %d: %+v (seen %v, previous date %s)", pages, c, seen[c.ID], prev)
			}
			seen[c.ID], prev = true, c.ReviewDate
		}
		if page.Next == "" {
			break
		}
		f.After = page.Next
	}
	if len(seen) != 44 {
		t.Errorf("pages held %d checks of the desk; want 44", len(seen))
	}
	page, err := svc.PriorChecks(ctx, claims.PriorFilter{Rating: "Misleading", Lang: "en", Limit: 200})
	if err != nil || len(page.Checks) != 65 {
		t.Errorf("rating and language filter: %d, %v", len(page.Checks), err)
	}
	if _, err := svc.PriorChecks(ctx, claims.PriorFilter{After: "%%%"}); !errors.Is(err, claims.ErrInvalid) {
		t.Errorf("bad cursor: %v", err)
	}
}

// sharedData finds a real dataset in shared/data above the package
// directory and skips the test when it is absent.
func sharedData(t testing.TB, rel string) string {
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

const arabicFactChecks = "arabic-claimreviews-factcheck-api/unique_claim_reviews.json"

func importFile(t testing.TB, svc *claims.Service, path string) claims.PriorImport {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	imp, err := svc.ImportPriorChecks(context.Background(), editor, filepath.Base(path), claimreview.NewDecoder(fh))
	if err != nil {
		t.Fatal(err)
	}
	return imp
}

// The 1,274 Arabic fact-checks carry 1,285 reviews (nine claims were checked
// twice, one three times); each review is one prior check. Importing the
// file again adds nothing.
func TestImportRealArabicFactChecks(t *testing.T) {
	t.Parallel()
	path := sharedData(t, arabicFactChecks)
	svc, db := priorService(t)
	imp := importFile(t, svc, path)
	if imp.Records != 1285 || imp.Added != 1285 || imp.Failed != 0 || imp.Noted != 0 {
		t.Fatalf("first import = %+v", imp)
	}
	var claimsN int64
	db.Raw("SELECT COUNT(DISTINCT claim_text) FROM prior_checks").Scan(&claimsN)
	if claimsN != 1274 {
		t.Errorf("distinct claims = %d; want 1,274", claimsN)
	}
	again := importFile(t, svc, path)
	if again.Added != 0 || again.Duplicates != 1285 {
		t.Errorf("second import = %+v; want 0 added, 1,285 duplicates", again)
	}
	facets, err := svc.PriorFacets(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if facets.Total != 1285 || facets.Publishers[0].Value != "مسبار" || facets.Langs[0].Value != "ar" || facets.Ratings[0].Value != "misleading" {
		t.Errorf("facets: total %d, top publisher %+v, language %+v, rating %+v", facets.Total, facets.Publishers[0], facets.Langs[0], facets.Ratings[0])
	}
}

// BenchmarkImportArabicFactChecks measures importing the 1,274 Arabic
// fact-checks (1,285 reviews) into an empty database, the goal being under
// 2 s, and importing them again (all duplicates).
func BenchmarkImportArabicFactChecks(b *testing.B) {
	path := sharedData(b, arabicFactChecks)
	b.Run("empty-database", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			svc, _ := priorService(b)
			b.StartTimer()
			if imp := importFile(b, svc, path); imp.Added != 1285 {
				b.Fatalf("added %d", imp.Added)
			}
		}
	})
	b.Run("again", func(b *testing.B) {
		svc, _ := priorService(b)
		importFile(b, svc, path)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if imp := importFile(b, svc, path); imp.Added != 0 {
				b.Fatalf("added %d", imp.Added)
			}
		}
	})
}
