// Command factdesk runs the fact-checking desk: the web server and the
// commands an operator needs around it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "factdesk:", err)
		}
		os.Exit(exitCode(err))
	}
}

type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func exitCode(err error) int {
	var ue usageError
	if errors.As(err, &ue) || errors.Is(err, flag.ErrHelp) {
		return 2
	}
	return 1
}

const usage = `factdesk — an open-source fact-checking desk

Usage:
  factdesk serve    [--db DB] [--addr ADDR] [--demo]     start the web server
  factdesk migrate  [--db DB]                            apply database migrations
  factdesk user add --email E --name N --role R --password-stdin [--db DB]
  factdesk extract  [--lang ar|en|auto] [--sentences] [FILE|-]
  factdesk generate [--db PATH] --articles N --claims N  fill a database for benchmarks
  factdesk import claimreview [--db PATH] FILE|-        import other desks' fact-checks (ClaimReview)
  factdesk reindex  [--db PATH]                          rebuild the search index from scratch
  factdesk backup   --out FILE [--db PATH]               copy the live database consistently
  factdesk restore  [--db PATH] FILE                     check a backup, then put it in place
  factdesk generate [--db DB] --articles N --claims N    fill a database for benchmarks
  factdesk import claimreview [--db DB] FILE|-          import other desks' fact-checks (ClaimReview)
  factdesk export   --format csv|json|md|claimreview [--article ID] [--lang ar|en] [--out FILE]
                                                         export fact-checks (one article, a filter, the desk)
  factdesk backup   --out FILE [--db PATH]               copy the live SQLite database consistently
  factdesk restore  [--db PATH] FILE                     check a SQLite backup, then put it in place
  factdesk copy     --from DB --to DB                    move a desk to another database (SQLite to PostgreSQL)
  factdesk version

DB is a SQLite file path or a postgres://USER:PASSWORD@HOST:PORT/NAME URL.
Every command takes --db (env FACTDESK_DB, default ./data/factdesk.db); flags
win over the environment, which wins over defaults. Run a command with --help
for its options.
`

func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return usageError{"no command given"}
	}
	switch args[0] {
	case "serve":
		return cmdServe(ctx, args[1:], getenv, stdout, stderr)
	case "migrate":
		return cmdMigrate(ctx, args[1:], getenv, stdout, stderr)
	case "user":
		if len(args) < 2 || args[1] != "add" {
			fmt.Fprint(stderr, "usage: factdesk user add --email E --name N --role admin|editor|reviewer --password-stdin\n")
			return usageError{"unknown user command"}
		}
		return cmdUserAdd(ctx, args[2:], getenv, stdin, stdout, stderr)
	case "extract":
		return cmdExtract(ctx, args[1:], stdin, stdout, stderr)
	case "generate":
		return cmdGenerate(ctx, args[1:], getenv, stdout, stderr)
	case "import":
		return cmdImport(ctx, args[1:], getenv, stdin, stdout, stderr)
	case "reindex":
		return cmdReindex(ctx, args[1:], getenv, stdout, stderr)
	case "export":
		return cmdExport(ctx, args[1:], getenv, stdout, stderr)
	case "backup":
		return cmdBackup(ctx, args[1:], getenv, stdout, stderr)
	case "restore":
		return cmdRestore(ctx, args[1:], getenv, stdout, stderr)
	case "copy":
		return cmdCopy(ctx, args[1:], stdout, stderr)
	case "version", "--version", "-v":
		fmt.Fprintln(stdout, "factdesk", version)
		return nil
	case "help", "--help", "-h":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return usageError{fmt.Sprintf("unknown command %q", args[0])}
}

// newFlags makes a flag set that prints its help to stderr and returns
// errors instead of exiting.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: factdesk %s\n\nOptions:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// envOr returns the environment value or the default.
func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

func dbFlag(fs *flag.FlagSet, getenv func(string) string) *string {
	return fs.String("db", envOr(getenv, "FACTDESK_DB", "./data/factdesk.db"), "SQLite database file, or a postgres:// URL (env FACTDESK_DB)")
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	return nil
}
