package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims/searchindex"
	"github.com/factdesk/factdesk/migrations"
	"github.com/factdesk/factdesk/web/desk"
)

// cmdReindex rebuilds the search index from scratch. Every write keeps the
// index up to date in its own transaction, so this is for repairs and for
// a changed way of folding or stemming text, not a routine task.
func cmdReindex(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlags("reindex", "reindex [--db PATH]", stderr)
	dbPath := dbFlag(fs, getenv)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"reindex takes no arguments"}
	}
	db, err := openMigrated(ctx, *dbPath, stdout)
	if err != nil {
		return err
	}
	defer migrations.Close(db)
	start := time.Now()
	n, err := reindex(ctx, desk.New(db))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "search index rebuilt in %s: %d claims, %d verdicts, %d prior checks, %d articles, %d sources; %d terms\n",
		time.Since(start).Round(time.Millisecond), n.Kinds[searchindex.KindClaim], n.Kinds[searchindex.KindVerdict],
		n.Kinds[searchindex.KindPrior], n.Kinds[searchindex.KindArticle], n.Kinds[searchindex.KindSource], n.Terms)
	return nil
}

// reindex empties the search index and writes it again from every record,
// all in one transaction: readers see the old index until it commits.
func reindex(ctx context.Context, d *desk.Desk) (searchindex.Counts, error) {
	db, svc, src := d.DB, d.Claims, d.Sources
	var n searchindex.Counts
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := searchindex.Clear(ctx, tx); err != nil {
			return err
		}
		if err := svc.Reindex(ctx, tx); err != nil {
			return err
		}
		if err := src.Reindex(ctx, tx); err != nil {
			return err
		}
		if err := searchindex.Optimize(ctx, tx); err != nil {
			return err
		}
		var err error
		n, err = searchindex.Count(ctx, tx)
		return err
	})
	if err != nil {
		return n, err
	}
	// PostgreSQL: statistics for the planner, and the visibility map the
	// postings' index-only scans need (nothing on SQLite).
	return n, migrations.Analyze(ctx, db)
}

// buildSearchIfMissing builds the search index of a database that has
// records but no index yet (one upgraded from before the index existed), so
// that nobody has to run reindex after an upgrade.
func buildSearchIfMissing(ctx context.Context, db *gorm.DB, stdout io.Writer) error {
	built, err := searchindex.Built(ctx, db)
	if err != nil || built {
		return err
	}
	var any []int64
	if err := db.WithContext(ctx).Raw(`SELECT id FROM claims UNION ALL SELECT id FROM articles UNION ALL SELECT id FROM sources
		UNION ALL SELECT id FROM prior_checks LIMIT 1`).Scan(&any).Error; err != nil || len(any) == 0 {
		return err
	}
	start := time.Now()
	n, err := reindex(ctx, desk.New(db))
	if err != nil {
		return fmt.Errorf("build the search index: %w", err)
	}
	fmt.Fprintf(stdout, "built the search index in %s (%d claims, %d terms)\n", time.Since(start).Round(time.Millisecond),
		n.Kinds[searchindex.KindClaim], n.Terms)
	return nil
}
