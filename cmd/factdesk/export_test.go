package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/claims/export"
	"github.com/factdesk/factdesk/migrations"
)

func TestExportCommand(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "demo.db")
	db, err := openMigrated(ctx, dbPath, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if err := seedDemoForTest(ctx, db, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	migrations.Close(db)
	env := map[string]string{"FACTDESK_DB": dbPath}

	// CSV of the whole desk to standard output; what was done on stderr.
	out, stderr, err := runCmd(t, env, "", "export", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
	if err != nil || !strings.HasPrefix(out, "\ufeff") || len(rows) != 19 || rows[0][0] != "Claim" {
		t.Fatalf("CSV: %v, %d rows, header %q", err, len(rows), rows[0])
	}
	if !strings.Contains(stderr, "exported 18 claims as csv (en) to standard output") {
		t.Errorf("stderr: %q", stderr)
	}
	// One article's JSON, to a file: the Arabic article, in Arabic by default.
	file := filepath.Join(dir, "out", "article.json")
	if _, stderr, err = runCmd(t, env, "", "export", "--format", "json", "--article", "1", "--out", file); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var doc export.Document
	if err := json.Unmarshal(b, &doc); err != nil || doc.Lang != "ar" || doc.Scope.Kind != "article" || len(doc.Claims) != 14 || len(doc.Articles) != 1 ||
		doc.Desk.Name == "" || len(doc.Sources) == 0 {
		t.Errorf("JSON: %v, lang %q, scope %+v, %d claims, %d articles, %d sources", err, doc.Lang, doc.Scope, len(doc.Claims), len(doc.Articles), len(doc.Sources))
	}
	if _, err := os.Stat(file + ".partial"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the partial file stayed: %v", err)
	}
	if !strings.Contains(stderr, "exported 14 claims as json (ar) to "+file) {
		t.Errorf("stderr: %q", stderr)
	}
	// ClaimReview: the Arabic report is public, so with the base URL its
	// reviews have a url; the English article's do not, and stderr says so.
	out, stderr, err = runCmd(t, env, "", "export", "--format", "claimreview", "--base-url", "https://desk.example.org/")
	if err != nil {
		t.Fatal(err)
	}
	var reviews []export.ClaimReviewJSON
	if err := json.Unmarshal([]byte(out), &reviews); err != nil || len(reviews) != 12 {
		t.Fatalf("ClaimReview: %v, %d reviews", err, len(reviews))
	}
	for _, r := range reviews {
		if !strings.HasPrefix(r.URL, "https://desk.example.org/r/") || r.InLanguage != "en" {
			t.Errorf("review url %q lang %q", r.URL, r.InLanguage)
		}
	}
	if !strings.Contains(stderr, "12 ClaimReviews (of 18 claims)") || strings.Contains(stderr, "no url") {
		t.Errorf("stderr: %q", stderr)
	}
	_, stderr, _ = runCmd(t, env, "", "export", "--format", "claimreview", "--lang", "ar")
	if !strings.Contains(stderr, "12 ClaimReviews have no url") || !strings.Contains(stderr, "--base-url") {
		t.Errorf("without a base URL: %q", stderr)
	}
	// Markdown of a filter.
	out, _, err = runCmd(t, env, "", "export", "--format", "md", "--status", "published", "--lang", "ar")
	if err != nil || !strings.Contains(out, "## منهجيتنا") || strings.Count(out, "\n## الادعاء ") != 12 {
		t.Errorf("Markdown: %v\n%s", err, out)
	}
	// Refusals: usage errors for bad flags, an error for a missing article;
	// nothing is left behind.
	var ue usageError
	for _, args := range [][]string{{"export"}, {"export", "--format", "xml"}, {"export", "--format", "csv", "--lang", "fr"},
		{"export", "--format", "csv", "--status", "bogus"}, {"export", "--format", "csv", "--base-url", "ftp://x"},
		{"export", "--format", "csv", "extra"}} {
		if _, _, err := runCmd(t, env, "", args...); !errors.As(err, &ue) {
			t.Errorf("%q: %v; want a usage error", args, err)
		}
	}
	missing := filepath.Join(dir, "missing.csv")
	if _, _, err := runCmd(t, env, "", "export", "--format", "csv", "--article", "99", "--out", missing); err == nil || errors.As(err, &ue) ||
		!strings.Contains(err.Error(), "no such article") {
		t.Errorf("missing article: %v", err)
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused export wrote %s", missing)
	}
}
