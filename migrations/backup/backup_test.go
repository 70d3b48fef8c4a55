package backup_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/migrations"
	"github.com/factdesk/factdesk/migrations/backup"
	"github.com/factdesk/factdesk/migrations/dbtest"
)

func openUp(t *testing.T, path string) *gorm.DB {
	t.Helper()
	db, err := migrations.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { migrations.Close(db) })
	if _, err := migrations.Up(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	return db
}

func countSettings(t *testing.T, db *gorm.DB) int64 {
	t.Helper()
	var n int64
	if err := db.Raw("SELECT COUNT(*) FROM settings").Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// The tests below up to TestFileOperationsOnEachEngine are SQLite only: they
// copy database files (VACUUM INTO, the online backup API), which PostgreSQL
// leaves to pg_dump. They run on SQLite files in both passes.

// A backup taken while writers keep writing is a sound database holding every
// write acknowledged before the backup started, and the writers never fail.
func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := openUp(t, filepath.Join(dir, "live.db"))

	var acked atomic.Int64
	var failures atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				err := db.Exec("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)",
					fmt.Sprintf("w%d-%d", w, i), strings.Repeat("x", 200), time.Now()).Error
				if err != nil {
					failures.Add(1)
					continue
				}
				acked.Add(1)
			}
		}()
	}
	for acked.Load() < 500 {
		time.Sleep(time.Millisecond)
	}
	before := acked.Load()
	out := filepath.Join(dir, "copy.db")
	if err := backup.Write(ctx, db, out); err != nil {
		t.Fatal(err)
	}
	close(stop)
	wg.Wait()
	if f := failures.Load(); f != 0 {
		t.Fatalf("%d writes failed during the backup", f)
	}
	info, err := backup.Check(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	if info.Version != info.Latest {
		t.Errorf("backup schema version %d, want %d", info.Version, info.Latest)
	}
	cp := openUp(t, out)
	if n := countSettings(t, cp); n < before {
		t.Errorf("backup holds %d rows; %d were acknowledged before it started", n, before)
	}
	if _, err := os.Stat(out + ".partial"); !os.IsNotExist(err) {
		t.Error("the temporary .partial file was left behind")
	}
	// A second backup to the same name is refused rather than overwriting.
	if err := backup.Write(ctx, db, out); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("backup over an existing file: err = %v", err)
	}
}

func TestCheckRefusesBadFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.db")
	os.WriteFile(garbage, []byte(strings.Repeat("not a database ", 500)), 0o600)
	if _, err := backup.Check(ctx, garbage); err == nil {
		t.Error("a file of text passed the check")
	}
	if _, err := backup.Check(ctx, filepath.Join(dir, "missing.db")); err == nil {
		t.Error("a missing file passed the check")
	}
	// A SQLite file that is not a factdesk database.
	other := filepath.Join(dir, "other.db")
	odb, err := migrations.Open(other)
	if err != nil {
		t.Fatal(err)
	}
	odb.Exec("CREATE TABLE t (x)")
	migrations.Close(odb)
	if _, err := backup.Check(ctx, other); err == nil || !strings.Contains(err.Error(), "not a factdesk database") {
		t.Errorf("foreign SQLite file: err = %v", err)
	}
	// A database from a newer factdesk.
	newer := filepath.Join(dir, "newer.db")
	ndb := openUp(t, newer)
	ndb.Exec("INSERT INTO goose_db_version (version_id, is_applied) VALUES (99999, 1)")
	migrations.Close(ndb)
	if _, err := backup.Check(ctx, newer); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("newer schema: err = %v", err)
	}
	// A truncated copy of a real database.
	good := filepath.Join(dir, "good.db")
	gdb := openUp(t, good)
	for i := range 2000 {
		gdb.Exec("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)", fmt.Sprint(i), strings.Repeat("y", 300), time.Now())
	}
	migrations.Close(gdb)
	b, _ := os.ReadFile(good)
	cut := filepath.Join(dir, "cut.db")
	os.WriteFile(cut, b[:len(b)/2], 0o600)
	if _, err := backup.Check(ctx, cut); err == nil {
		t.Error("a truncated database passed the check")
	}
}

func TestRestoreReplacesContent(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	live := openUp(t, filepath.Join(dir, "live.db"))
	live.Exec("INSERT INTO settings (key, value, updated_at) VALUES ('kept', 'from backup', ?)", time.Now())
	bak := filepath.Join(dir, "bak.db")
	if err := backup.Write(ctx, live, bak); err != nil {
		t.Fatal(err)
	}
	live.Exec("DELETE FROM settings")
	live.Exec("INSERT INTO settings (key, value, updated_at) VALUES ('later', 'lost by restore', ?)", time.Now())

	// A bad file changes nothing.
	bad := filepath.Join(dir, "bad.db")
	os.WriteFile(bad, []byte("garbage"), 0o600)
	if _, err := backup.Restore(ctx, live, bad); err == nil {
		t.Fatal("restore from garbage succeeded")
	}
	var v string
	live.Raw("SELECT value FROM settings WHERE key = 'later'").Scan(&v)
	if v != "lost by restore" {
		t.Fatalf("a refused restore changed the database (value %q)", v)
	}

	if _, err := backup.Restore(ctx, live, bak); err != nil {
		t.Fatal(err)
	}
	var keys []string
	live.Raw("SELECT key FROM settings ORDER BY key").Scan(&keys)
	if len(keys) != 1 || keys[0] != "kept" {
		t.Fatalf("after restore keys = %v, want [kept]", keys)
	}
	// The same pool keeps working for writes after the restore.
	if err := live.Exec("INSERT INTO settings (key, value, updated_at) VALUES ('after', 'x', ?)", time.Now()).Error; err != nil {
		t.Fatal(err)
	}
}

// Backups, checks and restores copy SQLite files; on PostgreSQL they refuse
// and point at pg_dump, and an upgrade keeps no file copy.
func TestFileOperationsOnEachEngine(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	if _, err := backup.Check(ctx, "postgres://u:p@127.0.0.1:1/desk"); !errors.Is(err, migrations.ErrNotSQLite) {
		t.Errorf("Check of a URL: %v", err)
	}
	db := dbtest.NewEmpty(t)
	if err := migrations.UpTo(ctx, db, 1); err != nil {
		t.Fatal(err)
	}
	db.Exec("INSERT INTO settings (key, value, updated_at) VALUES ('desk', 'old', ?)", time.Now())
	dir := t.TempDir()
	out := filepath.Join(dir, "copy.db")
	kept, upgradeErr := backup.BeforeUpgrade(ctx, db, filepath.Join(dir, "live.db"), time.Now())
	backupErr := backup.Write(ctx, db, out)
	_, restoreErr := backup.Restore(ctx, db, out)
	switch dbtest.Engine() {
	case migrations.Postgres:
		for _, err := range []error{backupErr, restoreErr, upgradeErr} {
			if !errors.Is(err, migrations.ErrNotSQLite) || !strings.Contains(err.Error(), "pg_dump") {
				t.Errorf("file operation on PostgreSQL: %v", err)
			}
		}
		if kept != "" {
			t.Errorf("kept %q on PostgreSQL", kept)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Error("a backup file was written for a PostgreSQL database")
		}
	default:
		if backupErr != nil || restoreErr != nil || upgradeErr != nil || kept == "" {
			t.Errorf("SQLite: backup %v, restore %v, keep before upgrade %q %v", backupErr, restoreErr, kept, upgradeErr)
		}
	}
}
