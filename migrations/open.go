package migrations

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Open opens (creating if needed) the SQLite database at path with the
// settings the app relies on: WAL so readers never wait for the writer,
// foreign keys enforced, a busy timeout, and BEGIN IMMEDIATE for every
// transaction so that concurrent writers queue on the busy timeout instead of
// failing with "database is locked" when a read lock is upgraded.
//
// This file and fts.go are the only places that know the engine is SQLite
// (besides the SQL files themselves).
func Open(path string) (*gorm.DB, error) {
	if path == "" {
		return nil, fmt.Errorf("open database: empty path")
	}
	if dir := filepath.Dir(path); dir != "." && dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("open database: create directory: %w", err)
		}
	}
	db, err := gorm.Open(sqlite.Open(dsn(path)), &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true,
		NowFunc:                func() time.Time { return time.Now().UTC() },
		TranslateError:         true,
	})
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
	return db, nil
}

func dsn(path string) string {
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_foreign_keys", "1")
	q.Add("_journal_mode", "WAL")
	q.Add("_busy_timeout", "10000")
	q.Add("_txlock", "immediate")
	q.Add("_synchronous", "NORMAL")
	q.Add("_cache_size", "-16000")
	return "file:" + escapePath(path) + "?" + q.Encode()
}

func escapePath(p string) string {
	// '?' and '#' would end the file name inside a URI.
	r := strings.NewReplacer("?", "%3f", "#", "%23")
	return r.Replace(p)
}

// Ping checks that the database answers a query.
func Ping(ctx context.Context, db *sql.DB) error {
	var one int
	return db.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// Close closes the underlying connection pool, checkpointing the WAL.
func Close(db *gorm.DB) error {
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	// A final checkpoint leaves a single self-contained file behind.
	_, _ = sqlDB.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	return sqlDB.Close()
}
