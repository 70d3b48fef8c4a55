package migrations

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"syscall"
	"time"

	"gorm.io/gorm"
)

// fileLocker makes processes that migrate one SQLite file at the same time
// take turns, as PostgreSQL's advisory lock does for a server: an exclusive
// flock on a small file beside the database, held for the whole run, so the
// second process reads the schema version only after the first is done.
// (SQLite's own write lock covers one step, not the run.) The lock file is
// left in place: removing it would let two processes lock two files.
type fileLocker struct {
	path string
	f    *os.File
}

func newFileLocker(db *gorm.DB) (*fileLocker, error) {
	var rows []struct {
		Name string
		File string
	}
	if err := db.Raw("SELECT name, file FROM pragma_database_list").Scan(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		if r.Name == "main" && r.File != "" {
			return &fileLocker{path: r.File + ".migrate-lock"}, nil
		}
	}
	return nil, nil // an in-memory database has no other process to wait for
}

func (l *fileLocker) SessionLock(ctx context.Context, _ *sql.Conn) error {
	f, err := os.OpenFile(l.path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return err
	}
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			l.f = f
			return nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return err
		}
		select {
		case <-ctx.Done():
			f.Close()
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func (l *fileLocker) SessionUnlock(context.Context, *sql.Conn) error {
	if l.f == nil {
		return nil
	}
	err := syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}
