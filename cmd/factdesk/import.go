package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/claimreview"
	"github.com/factdesk/factdesk/migrations"
	"github.com/factdesk/factdesk/web/desk"
)

// maxListed is how many problems of each kind the command prints; the
// stored import report keeps up to a thousand.
const maxListed = 50

func cmdImport(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "claimreview" {
		fmt.Fprint(stderr, "usage: factdesk import claimreview [--db PATH] FILE|-\n")
		return usageError{"unknown import command (only claimreview is known)"}
	}
	fs := newFlags("import claimreview", "import claimreview [--db PATH] FILE|-", stderr)
	dbPath := dbFlag(fs, getenv)
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{"import claimreview reads one file (or - for standard input)"}
	}
	name := fs.Arg(0)
	var in *os.File
	if name == "-" {
		// Spool standard input first: the import's transaction should not
		// wait on a slow pipe while it holds the database's write lock.
		tmp, err := os.CreateTemp("", "factdesk-import-*.json")
		if err != nil {
			return err
		}
		defer os.Remove(tmp.Name())
		defer tmp.Close()
		if _, err := io.Copy(tmp, io.LimitReader(stdin, claimreview.MaxBytes+1)); err != nil {
			return fmt.Errorf("reading standard input: %w", err)
		}
		if _, err := tmp.Seek(0, io.SeekStart); err != nil {
			return err
		}
		in = tmp
	} else {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	db, err := openMigrated(ctx, *dbPath, stdout)
	if err != nil {
		return err
	}
	defer migrations.Close(db)
	svc := desk.New(db).Claims
	start := time.Now()
	imp, err := svc.ImportPriorChecks(ctx, claims.Actor{}, filepath.Base(name), claimreview.NewDecoder(in))
	var p *claimreview.Problem
	if errors.As(err, &p) {
		return fmt.Errorf("%s: nothing imported: %w", name, p)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "import #%d of %s (%s) in %s: %d reviews read, %d added, %d already stored, %d refused, %d kept with a remark\n",
		imp.ID, name, imp.Format, time.Since(start).Round(time.Millisecond), imp.Records, imp.Added, imp.Duplicates, imp.Failed, imp.Noted)
	if imp.Added == 0 && imp.Records > 0 {
		fmt.Fprintf(stdout, "nothing new: all %d reviews were already stored\n", imp.Records)
	}
	printProblems(stdout, "refused", imp.Problems, false)
	printProblems(stdout, "remarks", imp.Problems, true)
	if imp.Truncated > 0 {
		fmt.Fprintf(stdout, "(%d more problems were not kept)\n", imp.Truncated)
	}
	return nil
}

func printProblems(w io.Writer, title string, probs []claims.ImportProblem, kept bool) {
	n := 0
	for _, p := range probs {
		if p.Kept != kept {
			continue
		}
		if n == 0 {
			fmt.Fprintf(w, "%s:\n", title)
		}
		n++
		if n > maxListed {
			continue
		}
		line := "  " + p.Pos.String() + ": " + p.Reason.Message()
		if p.Detail != "" {
			line += " (" + p.Detail + ")"
		}
		fmt.Fprintln(w, line)
	}
	if n > maxListed {
		fmt.Fprintf(w, "  … and %d more; the web interface shows the whole report\n", n-maxListed)
	}
}
