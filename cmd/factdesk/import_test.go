package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/migrations/dbtest"
)

const cliReviews = `[
 {"@type":"ClaimReview","claimReviewed":"The bridge cost $6 million","url":"https://checks.example.org/bridge","reviewRating":{"alternateName":"False"},"author":{"name":"Example Checks"}},
 {"@type":"ClaimReview","url":"https://checks.example.org/nothing"},
 {"@type":"ClaimReview","claimReviewed":"Prices rose 20%","url":"ftp://checks.example.org/prices","reviewRating":{"alternateName":"Misleading"}}
]`

func TestImportClaimReviewCommand(t *testing.T) {
	dir := t.TempDir()
	db := dbtest.URL(t)
	file := filepath.Join(dir, "reviews.json")
	if err := os.WriteFile(file, []byte(cliReviews), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCmd(t, nil, "", "import", "claimreview", "--db", db, file)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"(json-array)", "2 reviews read, 2 added, 0 already stored, 1 refused, 1 kept with a remark",
		"refused:\n  item 2 (byte ", "no claimReviewed", "remarks:\n  item 3 (byte ", "not http(s)"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// Again: nothing new, and it says so. The environment gives the database.
	out, _, err = runCmd(t, map[string]string{"FACTDESK_DB": db}, "", "import", "claimreview", file)
	if err != nil || !strings.Contains(out, "0 added, 2 already stored") || !strings.Contains(out, "nothing new: all 2 reviews were already stored") {
		t.Errorf("second import: %v\n%s", err, out)
	}
	// Standard input, as JSON lines.
	lines := `{"text":"ادعاء من واجهة التحقق","claimReview":[{"publisher":{"name":"مسبار","site":"misbar.com"},"url":"https://misbar.com/x","textualRating":"مضلل","languageCode":"ar"}]}` + "\n"
	out, _, err = runCmd(t, nil, lines, "import", "claimreview", "--db", db, "-")
	if err != nil || !strings.Contains(out, "(json-lines)") || !strings.Contains(out, "1 added") {
		t.Errorf("stdin: %v\n%s", err, out)
	}
	// The wrong kind of file: an error, nothing imported.
	csv := filepath.Join(dir, "claims.csv")
	os.WriteFile(csv, []byte("statement,claimant\nx,y\n"), 0o600)
	_, _, err = runCmd(t, nil, "", "import", "claimreview", "--db", db, csv)
	var ue usageError
	if err == nil || errors.As(err, &ue) || !strings.Contains(err.Error(), "nothing imported") || !strings.Contains(err.Error(), "neither JSON") {
		t.Errorf("CSV file: %v", err)
	}
	if _, _, err := runCmd(t, nil, "", "import", "claimreview", "--db", db, filepath.Join(dir, "missing.json")); err == nil {
		t.Error("a missing file was accepted")
	}
	for _, args := range [][]string{{"import"}, {"import", "csv"}, {"import", "claimreview", "--db", db}, {"import", "claimreview", "--db", db, "a", "b"}} {
		if _, _, err := runCmd(t, nil, "", args...); !errors.As(err, &ue) {
			t.Errorf("%q: %v; want a usage error", args, err)
		}
	}
}

// sharedData finds a real dataset in shared/data above the package
// directory and skips the test when it is absent.
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

func TestImportRealFilesCommand(t *testing.T) {
	db := dbtest.URL(t)
	tests := []struct{ rel, want string }{
		{"arabic-claimreviews-factcheck-api/unique_claim_reviews.json", "1285 reviews read, 1285 added, 0 already stored, 0 refused, 0 kept with a remark"},
		{"schemaorg/sdo-ClaimReview-issue-1061-examples.txt", "2 reviews read, 2 added, 0 already stored, 0 refused, 1 kept with a remark"},
		{"google-claimreview-example/factcheck-example.html", "1 reviews read, 1 added"},
		{"google-claimreview-example/factcheck-example-legacy-creativework.html", "1 reviews read, 0 added, 1 already stored"},
		{"datacommons-factcheck-sample/fctchk_politifact_wapo/fact_checks_20190605.txt", "3 reviews read, 3 added"},
	}
	for _, tt := range tests {
		out, _, err := runCmd(t, nil, "", "import", "claimreview", "--db", db, sharedData(t, tt.rel))
		if err != nil || !strings.Contains(out, tt.want) {
			t.Errorf("%s: %v\n%s", tt.rel, err, out)
		}
	}
	out, _, err := runCmd(t, nil, "", "import", "claimreview", "--db", db, sharedData(t, tests[0].rel))
	if err != nil || !strings.Contains(out, "nothing new: all 1285 reviews were already stored") {
		t.Errorf("the Arabic file again: %v\n%s", err, out)
	}
}
