// Package dbtest gives each test its own real, migrated database on the
// engine under test: a SQLite file in t.TempDir() by default, or, when
// FACTDESK_TEST_PG holds a postgres:// URL, a new PostgreSQL database
// created on that server for the test and dropped when it ends. Both are
// safe with t.Parallel().
//
// The URL's role needs the CREATEDB privilege; its database is used only to
// create and drop the per-test databases (named factdesk_test_…).
// .ci/pg-cluster starts a throwaway server that fits.
package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/migrations"
)

// EnvPG names the environment variable that selects PostgreSQL.
const EnvPG = "FACTDESK_TEST_PG"

// Engine is the engine the tests run on.
func Engine() migrations.Engine {
	if os.Getenv(EnvPG) != "" {
		return migrations.Postgres
	}
	return migrations.SQLite
}

// New opens a fresh database on the engine under test, applies every
// migration and closes (and on PostgreSQL drops) it when the test ends.
func New(t testing.TB) *gorm.DB {
	t.Helper()
	db := NewEmpty(t)
	if _, err := migrations.Up(context.Background(), db); err != nil {
		t.Fatalf("migrate test database: %v", err)
	}
	return db
}

// NewEmpty is New without the migrations.
func NewEmpty(t testing.TB) *gorm.DB {
	t.Helper()
	db, err := migrations.Open(URL(t))
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() { _ = migrations.Close(db) })
	return db
}

// SQLite opens a fresh, migrated SQLite file whatever the engine under test,
// for the tests of what only SQLite has (pragmas, file backups, FTS5).
func SQLite(t testing.TB) *gorm.DB {
	t.Helper()
	db, err := migrations.Open(filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() { _ = migrations.Close(db) })
	if _, err := migrations.Up(context.Background(), db); err != nil {
		t.Fatalf("migrate test database: %v", err)
	}
	return db
}

// URL returns the --db value of a new, empty database on the engine under
// test, removed when the test ends, for tests that open it themselves (the
// command line, child processes). Close every pool on it before the test
// ends; on PostgreSQL the drop ends any connection left over.
func URL(t testing.TB) string {
	t.Helper()
	if Engine() == migrations.SQLite {
		return filepath.Join(t.TempDir(), "test.db")
	}
	d, err := Create(context.Background())
	if err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		if err := d.Drop(context.Background()); err != nil {
			t.Errorf("drop test database: %v", err)
		}
	})
	return d.URL
}

// Database is a PostgreSQL database made for a test or a benchmark.
type Database struct {
	Name string
	URL  string
}

var (
	adminOnce sync.Once
	admin     *gorm.DB
	adminURL  *url.URL
	adminErr  error
)

// adminDB is the process's one connection pool to the FACTDESK_TEST_PG
// database, used to create and drop the per-test databases.
func adminDB() (*gorm.DB, *url.URL, error) {
	adminOnce.Do(func() {
		raw := os.Getenv(EnvPG)
		if e, err := migrations.EngineOfDSN(raw); err != nil || e != migrations.Postgres {
			adminErr = fmt.Errorf("%s=%q: want a postgres:// URL", EnvPG, migrations.Redact(raw))
			return
		}
		adminURL, adminErr = url.Parse(raw)
		if adminErr != nil {
			adminErr = fmt.Errorf("%s: not a valid URL", EnvPG)
			return
		}
		q := adminURL.Query()
		q.Set("pool_max_conns", "4")
		u := *adminURL
		u.RawQuery = q.Encode()
		admin, adminErr = migrations.Open(u.String())
	})
	return admin, adminURL, adminErr
}

// Create makes a new, empty PostgreSQL database on the FACTDESK_TEST_PG
// server. The caller drops it.
func Create(ctx context.Context) (Database, error) {
	db, base, err := adminDB()
	if err != nil {
		return Database{}, err
	}
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return Database{}, err
	}
	name := "factdesk_test_" + hex.EncodeToString(b)
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := db.WithContext(ctx).Exec(`CREATE DATABASE "` + name + `" ENCODING 'UTF8' TEMPLATE template0`).Error; err != nil {
		return Database{}, fmt.Errorf("create database %s on %s: %w", name, migrations.Redact(base.String()), err)
	}
	u := *base
	u.Path = "/" + name
	// A small pool per test: parallel tests share the server's
	// max_connections.
	q := u.Query()
	q.Set("pool_max_conns", "10")
	u.RawQuery = q.Encode()
	return Database{Name: name, URL: u.String()}, nil
}

// Drop removes the database, ending any session still connected to it.
func (d Database) Drop(ctx context.Context) error {
	db, _, err := adminDB()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	// WITH (FORCE) also signals an autovacuum worker that happens to be in
	// the database, which a role without pg_signal_backend may not do
	// (SQLSTATE 42501); the worker ends soon anyway, so try again.
	for range 50 {
		err = db.WithContext(ctx).Exec(`DROP DATABASE IF EXISTS "` + d.Name + `" WITH (FORCE)`).Error
		if err == nil || !strings.Contains(err.Error(), "42501") {
			return err
		}
		time.Sleep(100 * time.Millisecond)
	}
	return err
}

// RefuseInsert makes the database refuse, with an error, every row inserted
// into table whose column equals value, as a failing database would, on
// either engine (a trigger). Tests use it to check that a multi-row write is
// all or nothing. The returned function lifts the refusal. table and column
// are the test's own identifiers; value is quoted.
func RefuseInsert(t testing.TB, db *gorm.DB, table, column, value string) (lift func()) {
	t.Helper()
	lit := "'" + strings.ReplaceAll(value, "'", "''") + "'"
	var stmts, drops []string
	if migrations.EngineOf(db) == migrations.Postgres {
		stmts = []string{
			`CREATE FUNCTION refuse_test_insert() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN RAISE EXCEPTION 'refused by the test'; END; $$`,
			`CREATE TRIGGER refuse_test_insert BEFORE INSERT ON ` + table + ` FOR EACH ROW
			WHEN (NEW.` + column + ` = ` + lit + `) EXECUTE FUNCTION refuse_test_insert()`,
		}
		drops = []string{`DROP TRIGGER refuse_test_insert ON ` + table, `DROP FUNCTION refuse_test_insert()`}
	} else {
		stmts = []string{`CREATE TRIGGER refuse_test_insert BEFORE INSERT ON ` + table + ` WHEN NEW.` + column + ` = ` + lit + `
			BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`}
		drops = []string{`DROP TRIGGER refuse_test_insert`}
	}
	for _, s := range stmts {
		if err := db.Exec(s).Error; err != nil {
			t.Fatalf("create the refusing trigger: %v", err)
		}
	}
	return func() {
		t.Helper()
		for _, s := range drops {
			if err := db.Exec(s).Error; err != nil {
				t.Fatalf("drop the refusing trigger: %v", err)
			}
		}
	}
}

// OneConnection keeps db to one connection, so that what it prepared is what
// PostgreSQL's pg_prepared_statements shows (tests of how statements are
// planned).
func OneConnection(t testing.TB, db *gorm.DB) {
	t.Helper()
	sqlDB, err := db.DB()
	if err != nil {
		t.Fatal(err)
	}
	sqlDB.SetMaxOpenConns(1)
}
