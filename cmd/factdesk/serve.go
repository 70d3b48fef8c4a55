package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/migrations"
	"github.com/factdesk/factdesk/migrations/backup"
	"github.com/factdesk/factdesk/web"
	"github.com/factdesk/factdesk/web/desk"
)

// openMigrated opens the database dsn names (a SQLite file or a postgres://
// URL) and applies pending migrations. On SQLite a database that holds data
// is copied first; on PostgreSQL the operator's pg_dump is the copy.
func openMigrated(ctx context.Context, dsn string, stdout io.Writer) (*gorm.DB, error) {
	db, err := migrations.Open(dsn)
	if err != nil {
		return nil, err
	}
	shown := migrations.Redact(dsn)
	kept, err := backup.BeforeUpgrade(ctx, db, dsn, time.Now())
	switch {
	case errors.Is(err, migrations.ErrNotSQLite):
		fmt.Fprintf(stdout, "upgrading the schema of %s: factdesk keeps no copy of a PostgreSQL database; each step runs in one transaction (take a pg_dump before upgrades)\n", shown)
	case err != nil:
		migrations.Close(db)
		return nil, fmt.Errorf("keep a copy before upgrading the schema: %w", err)
	case kept != "":
		fmt.Fprintf(stdout, "kept a copy of %s as %s before upgrading its schema\n", shown, kept)
	}
	n, err := migrations.Up(ctx, db)
	if err != nil {
		migrations.Close(db)
		return nil, err
	}
	if n > 0 {
		fmt.Fprintf(stdout, "applied %d migration(s) to %s\n", n, shown)
	}
	if err := buildSearchIfMissing(ctx, db, stdout); err != nil {
		migrations.Close(db)
		return nil, err
	}
	return db, nil
}

func cmdMigrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlags("migrate", "migrate [--db PATH|URL]", stderr)
	dbPath := dbFlag(fs, getenv)
	if err := parse(fs, args); err != nil {
		return err
	}
	db, err := openMigrated(ctx, *dbPath, stdout)
	if err != nil {
		return err
	}
	defer migrations.Close(db)
	cur, latest, err := migrations.Version(ctx, db)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "schema version %d (latest %d)\n", cur, latest)
	return nil
}

func cmdServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", "serve [--db PATH|URL] [--addr ADDR] [--demo] [--secure] [--log-json] [--pprof 127.0.0.1:PORT]", stderr)
	dbPath := dbFlag(fs, getenv)
	addr := fs.String("addr", envOr(getenv, "FACTDESK_ADDR", ":8080"), "listen address (env FACTDESK_ADDR)")
	demo := fs.Bool("demo", false, "create a demo workspace when the database is empty")
	secure := fs.Bool("secure", envOr(getenv, "FACTDESK_SECURE", "") == "1", "served over TLS: Secure cookies and HSTS (env FACTDESK_SECURE=1)")
	trustProxy := fs.Bool("trust-proxy", envOr(getenv, "FACTDESK_TRUST_PROXY", "") == "1", "take client addresses from X-Forwarded-For (env FACTDESK_TRUST_PROXY=1)")
	logJSON := fs.Bool("log-json", envOr(getenv, "FACTDESK_LOG_JSON", "") == "1", "log JSON lines (env FACTDESK_LOG_JSON=1)")
	maxBody := fs.String("max-body", envOr(getenv, "FACTDESK_MAX_BODY", "8M"), "largest request body accepted, uploads included (env FACTDESK_MAX_BODY)")
	readTimeout := fs.Duration("read-timeout", 60*time.Second, "longest time to read a whole request, upload included")
	writeTimeout := fs.Duration("write-timeout", 120*time.Second, "longest time to write a response, exports included")
	chromium := fs.String("chromium", envOr(getenv, "FACTDESK_CHROMIUM", ""), "Chromium or Chrome binary that renders reports as PDF (env FACTDESK_CHROMIUM; default: chromium, chromium-browser or google-chrome on PATH)")
	maxInFlight := fs.Int("max-inflight", 0, "requests worked on at once, the others waiting their turn in arrival order (0: no bound; see docs/RESILIENCE.md before setting it)")
	pprofAddr := fs.String("pprof", "", "serve Go's CPU, heap, block and mutex profiles at /debug/pprof/ on this loopback address, e.g. 127.0.0.1:6060 (off by default)")
	baseURL := fs.String("base-url", envOr(getenv, "FACTDESK_BASE_URL", ""), "public address of this factdesk, e.g. https://desk.example.org, for public report links (env FACTDESK_BASE_URL; default: the address of each request)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"serve takes no arguments: " + strings.Join(fs.Args(), " ")}
	}
	if *readTimeout < time.Second || *writeTimeout < time.Second {
		return usageError{"--read-timeout and --write-timeout must be at least 1s"}
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		return usageError{fmt.Sprintf("--addr %q: want host:port or :port", *addr)}
	}
	if *maxInFlight < 0 {
		return usageError{"--max-inflight must be 0 (no bound) or more"}
	}
	if *pprofAddr != "" {
		if err := checkLoopback(*pprofAddr); err != nil {
			return usageError{fmt.Sprintf("--pprof %q: %v", *pprofAddr, err)}
		}
	}
	base := strings.TrimRight(*baseURL, "/")
	if base != "" && claims.CheckURL(base) != "" {
		return usageError{fmt.Sprintf("--base-url %q: want an http(s) address such as https://desk.example.org", *baseURL)}
	}
	chromiumPath, err := web.FindChromium(*chromium)
	if err != nil {
		return usageError{fmt.Sprintf("--chromium %q: %v", *chromium, err)}
	}
	var handler slog.Handler = slog.NewTextHandler(stderr, nil)
	if *logJSON {
		handler = slog.NewJSONHandler(stderr, nil)
	}
	logger := slog.New(handler)

	db, err := openMigrated(ctx, *dbPath, stdout)
	if err != nil {
		return err
	}
	defer func() {
		if err := migrations.Close(db); err != nil {
			logger.Error("close database", "err", err)
		}
	}()
	srv := web.New(web.Config{Desk: desk.New(db), Logger: logger, Secure: *secure, TrustProxy: *trustProxy, Version: version,
		MaxBody: *maxBody, Chromium: chromiumPath, BaseURL: base, MaxInFlight: *maxInFlight})
	if *demo {
		if err := seedDemo(ctx, db, srv.Users(), stdout); err != nil {
			return fmt.Errorf("demo workspace: %w", err)
		}
	}
	go housekeeping(ctx, srv.Users(), time.Hour, logger)
	go searchUpkeep(ctx, db, 10*time.Minute, logger)
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	if *pprofAddr != "" {
		pln, err := net.Listen("tcp", *pprofAddr)
		if err != nil {
			return fmt.Errorf("--pprof: %w", err)
		}
		defer pln.Close()
		go servePprof(pln, logger)
		fmt.Fprintf(stdout, "profiles on http://%s/debug/pprof/\n", pln.Addr())
	}
	url := "http://" + displayAddr(ln.Addr().String())
	need, err := srv.Users().NeedsSetup(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "factdesk %s listening on %s (database %s)\n", version, url, migrations.Redact(*dbPath))
	if chromiumPath != "" {
		fmt.Fprintf(stdout, "Reports as PDF: rendered with %s\n", chromiumPath)
	} else {
		fmt.Fprintln(stdout, "Reports as PDF: off (no Chromium found; install chromium or pass --chromium PATH). Browsers can still print reports to PDF.")
	}
	if need {
		fmt.Fprintf(stdout, "No admin yet: open %s/setup to create one, or run: factdesk user add --role admin --email E --name N --password-stdin\n", url)
	} else {
		fmt.Fprintf(stdout, "Sign in at %s/signin\n", url)
	}
	return serveUntilDone(ctx, ln, srv, logger, *readTimeout, *writeTimeout)
}

func displayAddr(a string) string {
	host, port, err := net.SplitHostPort(a)
	if err != nil {
		return a
	}
	if host == "" || host == "::" || host == "0.0.0.0" {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// readHeaderTimeout bounds the time a client takes to send its request
// headers (slow clients holding connections open); a variable for tests.
var readHeaderTimeout = 10 * time.Second

// serveUntilDone serves until ctx ends (SIGINT/SIGTERM), then lets in-flight
// requests finish before returning, so the database closes cleanly after.
func serveUntilDone(ctx context.Context, ln net.Listener, h http.Handler, logger *slog.Logger, readTimeout, writeTimeout time.Duration) error {
	hs := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    1 << 20,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down: finishing in-flight requests")
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Info("stopped")
	return nil
}
