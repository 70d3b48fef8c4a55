package backup

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"github.com/factdesk/factdesk/migrations"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
	"gorm.io/gorm"
)

// Write writes a consistent copy of the live database to out with
// VACUUM INTO: it reads one snapshot (WAL readers never block the writer, so
// the server keeps serving) and produces a compact, self-contained file. out
// must not exist; the copy is written beside it first and renamed, so a
// crash never leaves a half-written file under the final name.
func Write(ctx context.Context, db *gorm.DB, out string) error {
	if migrations.EngineOf(db) != migrations.SQLite {
		return fmt.Errorf("backup: %w", migrations.ErrNotSQLite)
	}
	if out == "" {
		return errors.New("backup: no output file given")
	}
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("backup: %s already exists; choose a new file name", out)
	}
	if dir := filepath.Dir(out); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return fmt.Errorf("backup: %w", err)
		}
	}
	tmp := out + ".partial"
	_ = os.Remove(tmp)
	if err := db.WithContext(ctx).Exec("VACUUM INTO ?", tmp).Error; err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("backup: %w", err)
	}
	if err := os.Rename(tmp, out); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

// FileInfo is what Check learns about a database file.
type FileInfo struct {
	Version int64 // schema version (0: not a factdesk database)
	Latest  int64 // newest version this binary knows
	Claims  int64
	Users   int64
}

// Check opens a database file read-only and verifies that it is a sound
// factdesk database this binary can run: SQLite's integrity check passes, the
// foreign keys hold, and its schema version is not newer than ours.
func Check(ctx context.Context, path string) (FileInfo, error) {
	var info FileInfo
	if e, err := migrations.EngineOfDSN(path); err != nil || e != migrations.SQLite {
		return info, fmt.Errorf("check %s: %w", migrations.Redact(path), migrations.ErrNotSQLite)
	}
	st, err := os.Stat(path)
	if err != nil {
		return info, fmt.Errorf("check %s: %w", path, err)
	}
	if !st.Mode().IsRegular() {
		return info, fmt.Errorf("check %s: not a regular file", path)
	}
	raw, err := sql.Open("sqlite3", "file:"+migrations.EscapePath(path)+"?mode=ro&_query_only=1")
	if err != nil {
		return info, fmt.Errorf("check %s: %w", path, err)
	}
	defer raw.Close()
	var res string
	if err := raw.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil {
		return info, fmt.Errorf("check %s: not a readable SQLite database: %w", path, err)
	}
	if res != "ok" {
		return info, fmt.Errorf("check %s: integrity check failed: %s", path, res)
	}
	rows, err := raw.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return info, fmt.Errorf("check %s: %w", path, err)
	}
	bad := rows.Next()
	rows.Close()
	if bad {
		return info, fmt.Errorf("check %s: foreign keys point at missing rows", path)
	}
	if err := raw.QueryRowContext(ctx, "SELECT COALESCE(MAX(version_id), 0) FROM goose_db_version WHERE is_applied").Scan(&info.Version); err != nil || info.Version == 0 {
		return info, fmt.Errorf("check %s: not a factdesk database (no schema version)", path)
	}
	info.Latest = migrations.Latest()
	if info.Version > info.Latest {
		return info, fmt.Errorf("check %s: schema version %d is newer than this binary knows (%d); upgrade factdesk first", path, info.Version, info.Latest)
	}
	_ = raw.QueryRowContext(ctx, "SELECT COUNT(*) FROM claims").Scan(&info.Claims)
	_ = raw.QueryRowContext(ctx, "SELECT COUNT(*) FROM users").Scan(&info.Users)
	return info, nil
}

// Restore replaces the content of the live database db with the backup file
// from, after Check has passed on it. It copies page by page with SQLite's
// online backup API under a write lock, so a running server sees either the
// old database or the new one, never a mixture; then it migrates the restored
// schema forward. The caller keeps a safety copy of the old content first
// (see SafetyCopy).
func Restore(ctx context.Context, db *gorm.DB, from string) (FileInfo, error) {
	if migrations.EngineOf(db) != migrations.SQLite {
		return FileInfo{}, fmt.Errorf("restore: %w", migrations.ErrNotSQLite)
	}
	info, err := Check(ctx, from)
	if err != nil {
		return info, err
	}
	sqlDB, err := db.DB()
	if err != nil {
		return info, err
	}
	src, err := sql.Open("sqlite3", "file:"+migrations.EscapePath(from)+"?mode=ro")
	if err != nil {
		return info, err
	}
	defer src.Close()
	srcConn, err := src.Conn(ctx)
	if err != nil {
		return info, err
	}
	defer srcConn.Close()
	dstConn, err := sqlDB.Conn(ctx)
	if err != nil {
		return info, err
	}
	defer dstConn.Close()
	err = dstConn.Raw(func(d any) error {
		dst, ok := d.(*sqlite3.SQLiteConn)
		if !ok {
			return fmt.Errorf("restore: the database is not SQLite (%T)", d)
		}
		return srcConn.Raw(func(s any) error {
			b, err := dst.Backup("main", s.(*sqlite3.SQLiteConn), "main")
			if err != nil {
				return err
			}
			done, err := b.Step(-1)
			if ferr := b.Finish(); err == nil {
				err = ferr
			}
			if err == nil && !done {
				err = errors.New("copy did not complete")
			}
			return err
		})
	})
	if err != nil {
		return info, fmt.Errorf("restore: %w", err)
	}
	if _, err := migrations.Up(ctx, db); err != nil {
		return info, fmt.Errorf("restore: migrate the restored database: %w", err)
	}
	return info, nil
}

// SafetyCopyName names the copy kept before a restore or a schema change:
// beside the database, with the reason and the time in its name.
func SafetyCopyName(dbPath, reason string, now time.Time) string {
	base := strings.TrimSuffix(dbPath, filepath.Ext(dbPath))
	return fmt.Sprintf("%s.%s-%s.db", base, reason, now.UTC().Format("20060102T150405Z"))
}

// BeforeUpgrade keeps a copy of a SQLite database that holds data
// before pending migrations change its schema. It returns the copy's path, or
// "" when nothing was needed (a new database, or no pending migration). On
// PostgreSQL it keeps nothing and returns ErrNotSQLite when a migration is
// pending on a database that holds a schema: each step there runs in one
// transaction, and the operator's pg_dump is the copy (see docs/SCALING.md).
func BeforeUpgrade(ctx context.Context, db *gorm.DB, dbPath string, now time.Time) (string, error) {
	cur, _, err := migrations.Version(ctx, db)
	if err != nil || cur == 0 {
		return "", nil // fresh database: nothing to keep
	}
	latest := migrations.Latest()
	if cur >= latest {
		return "", nil
	}
	if migrations.EngineOf(db) != migrations.SQLite {
		return "", migrations.ErrNotSQLite
	}
	out := SafetyCopyName(dbPath, fmt.Sprintf("before-v%d", latest), now)
	if err := Write(ctx, db, out); err != nil {
		return "", err
	}
	return out, nil
}
