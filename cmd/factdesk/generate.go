package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/migrations"
)

// cmdGenerate fills a database with a synthetic workspace for benchmarks:
// articles built from the demo texts and claims anchored in them.
func cmdGenerate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlags("generate", "generate [--db PATH] --articles N --claims N [--seed N]", stderr)
	dbPath := dbFlag(fs, getenv)
	nArticles := fs.Int("articles", 2000, "number of articles")
	nClaims := fs.Int("claims", 100000, "number of claims, spread over the articles")
	seed := fs.Uint64("seed", 1, "random seed")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *nArticles < 1 || *nArticles > 1_000_000 || *nClaims < 0 || *nClaims > 10_000_000 {
		return usageError{"--articles must be 1..1000000 and --claims 0..10000000"}
	}
	db, err := openMigrated(ctx, *dbPath, stdout)
	if err != nil {
		return err
	}
	defer migrations.Close(db)
	start := time.Now()
	n, err := claims.Generate(ctx, db, claims.GenerateOptions{Articles: *nArticles, Claims: *nClaims, Seed: *seed,
		Texts: []string{demoArticleAR, demoArticleEN}, Rand: rand.New(rand.NewPCG(*seed, 7))})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "generated %d articles and %d claims in %s\n", *nArticles, n, time.Since(start).Round(time.Millisecond))
	return nil
}
