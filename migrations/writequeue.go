package migrations

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"

	"gorm.io/gorm"
)

// writeQueue lets one transaction at a time into a SQLite database, in the
// order they asked, before any of them takes a connection from the pool.
//
// Every transaction is BEGIN IMMEDIATE (it takes SQLite's one write lock at
// once). Without the queue, concurrent writers wait in SQLite's busy handler,
// which polls by sleeping (1, 2, 5, … up to 100 ms between tries): when the
// lock is released nobody is awake to take it, a late writer can overtake one
// that has waited for seconds, and every sleeping writer holds one of the
// pool's connections, so readers queue behind them. Under load that made
// write throughput collapse (44 new claims a second with 50 writers, the lock
// idle most of the time) and gave the long tail of docs/RESILIENCE.md. Here a
// writer waits on a Go channel instead: it is woken the moment the previous
// transaction ends, in arrival order, holding no connection while it waits.
//
// The queue is per process; other processes on the same file (the command
// line, a second server) still queue on SQLite's busy timeout. Statements
// outside a transaction are not queued (they are short, and still covered by
// the busy timeout).
type writeQueue struct {
	db   *sql.DB
	turn chan struct{} // holds a token while a transaction runs
	wait time.Duration // how long a transaction may wait for its turn
}

func newWriteQueue(db *sql.DB, wait time.Duration) *writeQueue {
	return &writeQueue{db: db, turn: make(chan struct{}, 1), wait: wait}
}

// errWriteQueueTimeout names SQLite's own error for the same situation, so
// that callers and logs treat both alike.
var errWriteQueueTimeout = fmt.Errorf("database is locked: waited too long for the transaction before to end")

// The pool's plain statements go straight to database/sql.

func (q *writeQueue) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	return q.db.PrepareContext(ctx, query)
}

func (q *writeQueue) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return q.db.ExecContext(ctx, query, args...)
}

func (q *writeQueue) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return q.db.QueryContext(ctx, query, args...)
}

func (q *writeQueue) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return q.db.QueryRowContext(ctx, query, args...)
}

// GetDBConn lets gorm's DB() find the *sql.DB.
func (q *writeQueue) GetDBConn() (*sql.DB, error) { return q.db, nil }

// BeginTx waits for the turn, then begins the transaction; the turn passes on
// when it commits or rolls back.
func (q *writeQueue) BeginTx(ctx context.Context, opts *sql.TxOptions) (gorm.ConnPool, error) {
	t := time.NewTimer(q.wait)
	defer t.Stop()
	select {
	case q.turn <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-t.C:
		return nil, errWriteQueueTimeout
	}
	tx, err := q.db.BeginTx(ctx, opts)
	if err != nil {
		<-q.turn
		return nil, err
	}
	return &queuedTx{Tx: tx, db: q.db, release: sync.OnceFunc(func() { <-q.turn })}, nil
}

// queuedTx is a transaction that gives the turn back when it ends.
type queuedTx struct {
	*sql.Tx
	db      *sql.DB
	release func()
}

func (t *queuedTx) Commit() error {
	defer t.release()
	return t.Tx.Commit()
}

func (t *queuedTx) Rollback() error {
	defer t.release()
	return t.Tx.Rollback()
}

// GetDBConn lets gorm's DB() find the *sql.DB inside a transaction too.
func (t *queuedTx) GetDBConn() (*sql.DB, error) { return t.db, nil }

var (
	_ gorm.ConnPool         = (*writeQueue)(nil)
	_ gorm.ConnPoolBeginner = (*writeQueue)(nil)
	_ gorm.GetDBConnector   = (*writeQueue)(nil)
	_ gorm.ConnPool         = (*queuedTx)(nil)
	_ gorm.TxCommitter      = (*queuedTx)(nil)
)
