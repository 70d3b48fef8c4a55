package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/migrations"
	"github.com/factdesk/factdesk/migrations/backup"
	"github.com/factdesk/factdesk/web/desk"
)

// cmdCopy moves a desk to another database, typically from its SQLite file
// to PostgreSQL when it outgrows one machine. The source is only read; the
// target must be new or empty, and gets every row or none.
func cmdCopy(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("copy", "copy --from DB --to DB", stderr)
	from := fs.String("from", "", "database to copy from: a SQLite file or a postgres:// URL (only read)")
	to := fs.String("to", "", "new, empty database to copy into: a postgres:// URL or a SQLite file")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"copy takes no arguments; use --from and --to"}
	}
	if *from == "" || *to == "" {
		return usageError{"copy needs --from DB and --to DB"}
	}
	fromEngine, err := migrations.EngineOfDSN(*from)
	if err != nil {
		return usageError{"--from: " + err.Error()}
	}
	toEngine, err := migrations.EngineOfDSN(*to)
	if err != nil {
		return usageError{"--to: " + err.Error()}
	}
	if *from == *to {
		return usageError{"--from and --to name the same database"}
	}
	if fromEngine == migrations.SQLite {
		if _, err := os.Stat(*from); err != nil {
			return fmt.Errorf("copy: no database at %s", *from)
		}
	}
	newFile := false
	if toEngine == migrations.SQLite {
		_, err := os.Stat(*to)
		newFile = errors.Is(err, os.ErrNotExist)
	}

	src, err := migrations.Open(*from)
	if err != nil {
		return err
	}
	defer migrations.Close(src)
	cur, latest, err := migrations.Version(ctx, src)
	switch {
	case err != nil || cur == 0:
		return fmt.Errorf("copy: %s is not a factdesk database (no schema version)", migrations.Redact(*from))
	case cur < latest:
		return fmt.Errorf("copy: %s is at schema version %d, this factdesk at %d: run factdesk migrate --db %s first", migrations.Redact(*from), cur, latest, migrations.Redact(*from))
	case cur > latest:
		return fmt.Errorf("copy: %s has schema version %d, newer than this factdesk knows (%d): upgrade factdesk", migrations.Redact(*from), cur, latest)
	}

	start := time.Now()
	counts, err := copyInto(ctx, src, *to, stdout)
	if err != nil {
		if newFile {
			// Leave nothing behind for a file this command created.
			for _, suffix := range []string{"", "-wal", "-shm", ".migrate-lock"} {
				_ = os.Remove(*to + suffix)
			}
		}
		return err
	}
	var total int64
	fmt.Fprintf(stdout, "%-20s %12s %12s\n", "table", "source", "target")
	for _, c := range counts {
		fmt.Fprintf(stdout, "%-20s %12d %12d\n", c.Table, c.Source, c.Target)
		total += c.Target
	}
	fmt.Fprintf(stdout, "copied %d rows in %d tables from %s to %s in %s; every table's count matches\n",
		total, len(counts), migrations.Redact(*from), migrations.Redact(*to), time.Since(start).Round(time.Millisecond))
	return nil
}

// copyInto checks that the target is new (no schema) or an empty factdesk
// database at the current schema, migrates a new one, and copies.
func copyInto(ctx context.Context, src *gorm.DB, to string, stdout io.Writer) ([]backup.TableCount, error) {
	probe, err := migrations.Open(to)
	if err != nil {
		return nil, err
	}
	cur, latest, verr := migrations.Version(ctx, probe)
	migrations.Close(probe)
	if verr == nil && cur != 0 && cur != latest {
		return nil, fmt.Errorf("copy: %s already holds a factdesk schema (version %d): copy only into a new, empty database", migrations.Redact(to), cur)
	}
	dst, err := openMigrated(ctx, to, stdout)
	if err != nil {
		return nil, err
	}
	defer migrations.Close(dst)
	counts, err := backup.Copy(ctx, src, dst)
	if err != nil {
		return counts, err
	}
	// The word index of search is not a table of records (FTS5 on SQLite,
	// search_fts on PostgreSQL): it is written again from the copied records.
	if _, err := reindex(ctx, desk.New(dst)); err != nil {
		return counts, fmt.Errorf("copy: rebuild the search index: %w", err)
	}
	return counts, nil
}
