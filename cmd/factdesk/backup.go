package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/factdesk/factdesk/migrations"
	"github.com/factdesk/factdesk/migrations/backup"
)

func cmdBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlags("backup", "backup --out FILE [--db PATH]", stderr)
	dbPath := dbFlag(fs, getenv)
	out := fs.String("out", "", "file to write the copy to (must not exist)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"backup needs --out FILE"}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("backup takes no arguments; did you mean --out %s?", fs.Arg(0))}
	}
	if err := needSQLite("backup", *dbPath); err != nil {
		return err
	}
	if _, err := os.Stat(*dbPath); err != nil {
		return fmt.Errorf("backup: no database at %s", *dbPath)
	}
	db, err := migrations.Open(*dbPath)
	if err != nil {
		return err
	}
	defer migrations.Close(db)
	start := time.Now()
	if err := backup.Write(ctx, db, *out); err != nil {
		return err
	}
	info, err := backup.Check(ctx, *out)
	if err != nil {
		return fmt.Errorf("backup written but it does not check out: %w", err)
	}
	st, _ := os.Stat(*out)
	fmt.Fprintf(stdout, "backup of %s written to %s (%d bytes, schema version %d, %d claims, %d users) in %s\n",
		*dbPath, *out, st.Size(), info.Version, info.Claims, info.Users, time.Since(start).Round(time.Millisecond))
	return nil
}

func cmdRestore(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlags("restore", "restore [--db PATH] FILE", stderr)
	dbPath := dbFlag(fs, getenv)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{"restore needs exactly one backup FILE"}
	}
	from := fs.Arg(0)
	if err := needSQLite("restore", *dbPath); err != nil {
		return err
	}
	// Check before touching anything: a bad file changes nothing.
	info, err := backup.Check(ctx, from)
	if err != nil {
		return err
	}
	db, err := migrations.Open(*dbPath)
	if err != nil {
		return err
	}
	defer migrations.Close(db)
	if cur, _, err := migrations.Version(ctx, db); err == nil && cur > 0 {
		keep := backup.SafetyCopyName(*dbPath, "before-restore", time.Now())
		if err := backup.Write(ctx, db, keep); err != nil {
			return fmt.Errorf("restore: could not keep a copy of the current database, nothing changed: %w", err)
		}
		fmt.Fprintf(stdout, "kept the current database as %s\n", keep)
	}
	if _, err := backup.Restore(ctx, db, from); err != nil {
		return err
	}
	cur, latest, err := migrations.Version(ctx, db)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "restored %s into %s: %d claims, %d users; schema version %d (backup had %d, latest %d)\n",
		from, *dbPath, info.Claims, info.Users, cur, info.Version, latest)
	return nil
}

// needSQLite refuses, before connecting, the commands that copy database
// files when --db names a PostgreSQL database.
func needSQLite(cmd, dsn string) error {
	e, err := migrations.EngineOfDSN(dsn)
	if err != nil {
		return usageError{err.Error()}
	}
	if e != migrations.SQLite {
		return fmt.Errorf("%s: %s is a PostgreSQL database: %w", cmd, migrations.Redact(dsn), migrations.ErrNotSQLite)
	}
	return nil
}
