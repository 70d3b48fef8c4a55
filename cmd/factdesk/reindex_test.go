package main

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims/searchindex"
	"github.com/factdesk/factdesk/migrations"
)

func TestReindexAndBuildAfterUpgrade(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "x.db")
	if out, _, err := runCmd(t, nil, "", "generate", "--db", db, "--articles", "3", "--claims", "40"); err != nil {
		t.Fatalf("generate: %v %s", err, out)
	}
	out, _, err := runCmd(t, nil, "", "reindex", "--db", db)
	if err != nil {
		t.Fatalf("reindex: %v", err)
	}
	if !regexp.MustCompile(`search index rebuilt in .*: 40 claims, 0 verdicts, 0 prior checks, 3 articles, 0 sources; \d+ terms`).MatchString(out) {
		t.Errorf("reindex output = %q", out)
	}
	if _, _, err := runCmd(t, nil, "", "reindex", "--db", db, "extra"); err == nil {
		t.Errorf("reindex with an argument: no error")
	}
	// A database from before the index: records, an empty index. Opening it
	// (serve, migrate, any command) builds the index once.
	g, err := migrations.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Transaction(func(tx *gorm.DB) error { return searchindex.Clear(ctx, tx) }); err != nil {
		t.Fatal(err)
	}
	migrations.Close(g)
	out, _, err = runCmd(t, nil, "", "migrate", "--db", db)
	if err != nil || !strings.Contains(out, "built the search index") {
		t.Fatalf("migrate of a database without its index: %q %v", out, err)
	}
	out, _, _ = runCmd(t, nil, "", "migrate", "--db", db)
	if strings.Contains(out, "built the search index") {
		t.Errorf("the index is built again: %q", out)
	}
	g, err = migrations.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer migrations.Close(g)
	n, err := searchindex.Count(ctx, g)
	if err != nil || n.Kinds[searchindex.KindClaim] != 40 || n.Kinds[searchindex.KindArticle] != 3 {
		t.Errorf("counts after the automatic build: %+v %v", n, err)
	}
}
