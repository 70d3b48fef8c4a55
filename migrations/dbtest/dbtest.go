// Package dbtest gives each test its own real, migrated SQLite file.
package dbtest

import (
	"context"
	"path/filepath"
	"testing"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/migrations"
)

// New opens a fresh database file in t.TempDir(), applies every migration and
// closes it when the test ends. Safe with t.Parallel().
func New(t testing.TB) *gorm.DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.db")
	db, err := migrations.Open(path)
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() { _ = migrations.Close(db) })
	if _, err := migrations.Up(context.Background(), db); err != nil {
		t.Fatalf("migrate test database: %v", err)
	}
	return db
}
