package migrations

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Engine is a database engine factdesk runs on.
type Engine string

// The engines. SQLite is the default and the embedded choice for one
// machine; PostgreSQL is for several servers on one database.
const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
)

// ErrNotSQLite is returned by the operations that only make sense on a
// SQLite file (backup, restore, check).
var ErrNotSQLite = errors.New("this operation works on a SQLite file only; on PostgreSQL use pg_dump and pg_restore (see docs/SCALING.md)")

// EngineOfDSN tells which engine a --db value selects: a postgres:// or
// postgresql:// URL selects PostgreSQL, any other URL is refused, and
// everything else is a SQLite file path.
func EngineOfDSN(dsn string) (Engine, error) {
	if strings.TrimSpace(dsn) == "" {
		return "", errors.New("no database given: pass a SQLite file path or a postgres:// URL")
	}
	scheme, _, isURL := strings.Cut(dsn, "://")
	if !isURL {
		return SQLite, nil
	}
	switch strings.ToLower(scheme) {
	case "postgres", "postgresql":
		return Postgres, nil
	}
	return "", fmt.Errorf("unsupported database URL scheme %q: use a SQLite file path or a postgres:// URL", scheme)
}

// EngineOf tells which engine an open database runs on.
func EngineOf(db *gorm.DB) Engine {
	if db.Dialector.Name() == "postgres" {
		return Postgres
	}
	return SQLite
}

// Redact returns dsn fit for logs and messages: a URL loses its password.
func Redact(dsn string) string {
	if !strings.Contains(dsn, "://") {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "(unparsable URL)"
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}

// Open opens the database dsn names: a SQLite file (created with its folder
// if missing) or a PostgreSQL database given by a postgres:// URL. It does
// not migrate; call Up. A database that cannot be used (an unreachable
// server, a wrong password, a missing database, a wrong encoding) is an
// error that says which, and nothing is changed.
func Open(dsn string) (*gorm.DB, error) {
	e, err := EngineOfDSN(dsn)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	if e == Postgres {
		return openPostgres(dsn)
	}
	return openSQLite(dsn)
}

func gormConfig() *gorm.Config {
	return &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true,
		NowFunc:                func() time.Time { return time.Now().UTC() },
		TranslateError:         true,
	}
}

// openSQLite opens (creating if needed) the SQLite database at path with the
// settings the app relies on: WAL so readers never wait for the writer,
// foreign keys enforced, a busy timeout, and BEGIN IMMEDIATE for every
// transaction so that concurrent writers queue on the busy timeout instead of
// failing with "database is locked" when a read lock is upgraded.
func openSQLite(path string) (*gorm.DB, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return nil, fmt.Errorf("open database %s: it is a directory, not a database file", path)
	}
	if dir := filepath.Dir(path); dir != "." && dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("open database: create directory: %w", err)
		}
	}
	db, err := gorm.Open(sqlite.Open(sqliteDSN(path)), gormConfig())
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	// One writer at a time is SQLite's rule anyway; a handful of connections
	// lets readers proceed in parallel under WAL.
	sqlDB.SetMaxOpenConns(8)
	sqlDB.SetMaxIdleConns(8)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	if err := Ping(context.Background(), sqlDB); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	// Transactions queue in Go for the one write lock (see writeQueue); the
	// wait is bounded like the busy timeout.
	q := newWriteQueue(sqlDB, busyTimeout)
	db.ConnPool = q
	db.Statement.ConnPool = q
	return db, nil
}

// busyTimeout is how long a SQLite write waits for the write lock.
const busyTimeout = 10 * time.Second

func sqliteDSN(path string) string {
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_foreign_keys", "1")
	q.Add("_journal_mode", "WAL")
	q.Add("_busy_timeout", strconv.Itoa(int(busyTimeout.Milliseconds())))
	q.Add("_txlock", "immediate")
	q.Add("_synchronous", "NORMAL")
	q.Add("_cache_size", "-16000")
	return "file:" + EscapePath(path) + "?" + q.Encode()
}

func EscapePath(p string) string {
	// '?' and '#' would end the file name inside a URI.
	r := strings.NewReplacer("?", "%3f", "#", "%23")
	return r.Replace(p)
}

// Ping checks that the database answers a query.
func Ping(ctx context.Context, db *sql.DB) error {
	var one int
	return db.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// Close closes the underlying connection pool; on SQLite it checkpoints the
// WAL first, so a single self-contained file is left behind.
func Close(db *gorm.DB) error {
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	if EngineOf(db) == SQLite {
		_, _ = sqlDB.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	}
	return sqlDB.Close()
}
