package backup

import (
	"context"
	"github.com/factdesk/factdesk/migrations"
	"path/filepath"
	"testing"
	"time"
)

// Upgrading a database that holds data keeps a copy at the old schema first;
// a fresh or current database gets none.
func TestBackupBeforeUpgrade(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := migrations.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer migrations.Close(db)
	if kept, err := BeforeUpgrade(ctx, db, path, time.Now()); err != nil || kept != "" {
		t.Fatalf("fresh database: kept %q, %v", kept, err)
	}
	if err := migrations.UpTo(ctx, db, 1); err != nil {
		t.Fatal(err)
	}
	db.Exec("INSERT INTO settings (key, value, updated_at) VALUES ('desk', 'old', ?)", time.Now())
	kept, err := BeforeUpgrade(ctx, db, path, time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC))
	if err != nil || kept == "" {
		t.Fatalf("old schema: kept %q, %v", kept, err)
	}
	info, err := Check(ctx, kept)
	if err != nil || info.Version != 1 {
		t.Fatalf("the kept copy: %+v %v", info, err)
	}
	if _, err := migrations.Up(ctx, db); err != nil {
		t.Fatal(err)
	}
	if kept, err := BeforeUpgrade(ctx, db, path, time.Now()); err != nil || kept != "" {
		t.Fatalf("current database: kept %q, %v", kept, err)
	}
}
