package migrations

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"gorm.io/gorm"
)

//go:embed sql/*.sql
var files embed.FS

// stepsFor is the migration folder as engine e sees it.
func stepsFor(e Engine) (fs.FS, error) {
	sub, err := fs.Sub(files, "sql")
	if err != nil {
		return nil, err
	}
	return renderedFS{base: sub, engine: e}, nil
}

// provider runs the migrations on db. With locked, a run holds a lock for
// its whole length (a session advisory lock on PostgreSQL, a file lock beside
// a SQLite file), so that servers starting together on one database migrate
// it once, one after the other.
func provider(db *gorm.DB, locked bool) (*goose.Provider, error) {
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	e := EngineOf(db)
	steps, err := stepsFor(e)
	if err != nil {
		return nil, err
	}
	opts := []goose.ProviderOption{goose.WithDisableGlobalRegistry(true)}
	dialect := goose.DialectSQLite3
	if e == SQLite && locked {
		l, err := newFileLocker(db)
		if err != nil {
			return nil, err
		}
		if l != nil {
			opts = append(opts, goose.WithSessionLocker(l))
		}
	}
	if e == Postgres {
		dialect = goose.DialectPostgres
		if locked {
			// Try every second for up to ten minutes: a long migration on
			// another server is worth waiting for.
			l, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 600))
			if err != nil {
				return nil, err
			}
			opts = append(opts, goose.WithSessionLocker(l))
		}
	}
	return goose.NewProvider(dialect, sqlDB, steps, opts...)
}

// UpTo migrates db to version v only: an older schema, for the tests of
// what a later step does to the rows written before it (claims/searchindex
// writes an index as migration 9 left it, then migrates).
func UpTo(ctx context.Context, db *gorm.DB, v int64) error {
	p, err := provider(db, true)
	if err != nil {
		return err
	}
	_, err = p.UpTo(ctx, v)
	return err
}

// Up applies every pending migration, each in its own transaction, and
// returns how many were applied.
func Up(ctx context.Context, db *gorm.DB) (int, error) {
	p, err := provider(db, false)
	if err != nil {
		return 0, fmt.Errorf("migrations: %w", err)
	}
	if err := checkNotNewer(ctx, p); err != nil {
		return 0, err
	}
	// A schema already current needs no lock: servers restarting behind a
	// transaction-mode pooler (where a session lock cannot be held) start
	// without one.
	if cur, err := p.GetDBVersion(ctx); err == nil && cur == Latest() {
		return 0, nil
	}
	if EngineOf(db) == Postgres {
		needs, err := extensionsNeeded()
		if err != nil {
			return 0, fmt.Errorf("migrations: %w", err)
		}
		if err := checkExtensions(ctx, db, needs); err != nil {
			return 0, err
		}
	}
	if p, err = provider(db, true); err != nil {
		return 0, fmt.Errorf("migrations: %w", err)
	}
	res, err := p.Up(ctx)
	if err != nil {
		return len(res), fmt.Errorf("migrations: %w", err)
	}
	return len(res), nil
}

// Version reports the schema version of the database and the newest version
// this binary knows. It takes no lock, so /healthz answers while another
// server migrates.
func Version(ctx context.Context, db *gorm.DB) (current, latest int64, err error) {
	p, err := provider(db, false)
	if err != nil {
		return 0, 0, err
	}
	current, err = p.GetDBVersion(ctx)
	if err != nil {
		return 0, 0, err
	}
	srcs := p.ListSources()
	if len(srcs) > 0 {
		latest = srcs[len(srcs)-1].Version
	}
	return current, latest, nil
}

// Pending counts the migrations this binary knows and the database has not
// applied. Version numbers may have gaps, so this is not latest - current.
func Pending(ctx context.Context, db *gorm.DB) (int, error) {
	p, err := provider(db, false)
	if err != nil {
		return 0, err
	}
	current, err := p.GetDBVersion(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, src := range p.ListSources() {
		if src.Version > current {
			n++
		}
	}
	return n, nil
}

// checkNotNewer refuses to touch a database whose schema was written by a
// newer factdesk: running old code on it would silently misread data.
func checkNotNewer(ctx context.Context, p *goose.Provider) error {
	current, err := p.GetDBVersion(ctx)
	if err != nil {
		return nil // a fresh database has no version table yet
	}
	srcs := p.ListSources()
	if len(srcs) == 0 {
		return nil
	}
	if latest := srcs[len(srcs)-1].Version; current > latest {
		return fmt.Errorf("migrations: database schema version %d is newer than this binary knows (%d); upgrade factdesk", current, latest)
	}
	return nil
}

var createExtensionRE = regexp.MustCompile(`(?i)\bCREATE\s+EXTENSION\s+(?:IF\s+NOT\s+EXISTS\s+)?"?([a-z0-9_]+)"?`)

// extensionsNeeded lists the PostgreSQL extensions the migrations create,
// each with the first file that needs it.
func extensionsNeeded() (map[string]string, error) {
	steps, err := stepsFor(Postgres)
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(steps, "*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	needs := map[string]string{}
	for _, name := range names {
		b, err := fs.ReadFile(steps, name)
		if err != nil {
			return nil, err
		}
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "--") {
				continue
			}
			for _, m := range createExtensionRE.FindAllStringSubmatch(line, -1) {
				ext := strings.ToLower(m[1])
				if _, seen := needs[ext]; !seen {
					needs[ext] = name
				}
			}
		}
	}
	return needs, nil
}

// checkExtensions refuses to start migrating a PostgreSQL server that lacks
// an extension a migration will create: better a clear message before the
// first step than a failure halfway.
func checkExtensions(ctx context.Context, db *gorm.DB, needs map[string]string) error {
	if len(needs) == 0 || EngineOf(db) != Postgres {
		return nil
	}
	var available []string
	if err := db.WithContext(ctx).Raw("SELECT name FROM pg_available_extensions").Scan(&available).Error; err != nil {
		return fmt.Errorf("migrations: list the server's extensions: %w", err)
	}
	have := map[string]bool{}
	for _, a := range available {
		have[a] = true
	}
	var missing []string
	for ext, file := range needs {
		if !have[ext] {
			missing = append(missing, fmt.Sprintf("%s (for %s)", ext, file))
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return fmt.Errorf("migrations: this PostgreSQL server lacks the extension(s) %s; install them on the server (Debian: the postgresql-contrib package) and run again; nothing was changed",
			strings.Join(missing, ", "))
	}
	// Available is not enough: the role must be allowed to create those not
	// created yet (a superuser, or for a trusted extension such as pg_trgm,
	// a role with CREATE on the database, such as its owner).
	var denied []string
	for ext, file := range needs {
		var ok bool
		err := db.WithContext(ctx).Raw(`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = @ext)
			OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
			OR (COALESCE((SELECT v.trusted FROM pg_available_extensions a JOIN pg_available_extension_versions v
			              ON v.name = a.name AND v.version = a.default_version WHERE a.name = @ext), FALSE)
			    AND has_database_privilege(current_database(), 'CREATE'))`, sql.Named("ext", ext)).Scan(&ok).Error
		if err != nil {
			return fmt.Errorf("migrations: check the extension %s: %w", ext, err)
		}
		if !ok {
			denied = append(denied, fmt.Sprintf("%s (for %s)", ext, file))
		}
	}
	if len(denied) == 0 {
		return nil
	}
	sort.Strings(denied)
	return fmt.Errorf("migrations: this database role may not create the extension(s) %s; have an administrator run CREATE EXTENSION for each in this database (or grant the role CREATE on it) and run again; nothing was changed",
		strings.Join(denied, ", "))
}

// Latest is the version of the newest numbered step embedded in the binary.
func Latest() int64 {
	entries, err := files.ReadDir("sql")
	if err != nil {
		return 0
	}
	var latest int64
	for _, e := range entries {
		var v int64
		if _, err := fmt.Sscanf(e.Name(), "%d_", &v); err == nil && v > latest {
			latest = v
		}
	}
	return latest
}
