package migrations

import (
	"context"
	"database/sql"
	"strings"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"
)

// How PostgreSQL plans factdesk's statements. pgx prepares each statement
// once per connection; PostgreSQL then plans it with each execution's
// values five times and, when a plan without them (generic) looks no worse,
// keeps that one. Most of the desk's statements plan the same whatever
// their values, and planning them every time cost 0.5–0.9 ms of a list page
// at a million claims (PERFORMANCE.md). Some do not: a word in the search
// index or in a trigram index may match three records or half of them, and
// a plan that does not know which walked every row to find three (20–45 ms
// instead of 0.1 ms for 50,000 sources). Those statements carry
// planWithValues, and run unprepared, so that every execution is planned
// with its values; the others are planned once.
const planWithValues = "/* planned with its values */ "

// WithValues marks a statement (or a part of one: a FROM clause, a
// condition) to be planned with its values (claims/searchindex marks its
// searches so).
func WithValues(sql string) string { return planWithValues + sql }

// pgPool is the connection pool GORM uses on PostgreSQL: the database/sql
// pool, with the statements marked planWithValues run unprepared (pgx's
// exec mode, an unnamed statement planned at each execution), in
// transactions too.
type pgPool struct {
	planned
	db *sql.DB
}

// planned runs a connection's statements, the marked ones unprepared.
type planned struct{ c sqlConn }

// sqlConn is what *sql.DB and *sql.Tx have in common.
type sqlConn interface {
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func newPGPool(db *sql.DB) *pgPool { return &pgPool{planned{db}, db} }

// planArgs puts pgx's exec mode before the arguments of a marked statement.
func planArgs(query string, args []any) []any {
	if !strings.Contains(query, planWithValues) {
		return args
	}
	return append([]any{pgx.QueryExecModeExec}, args...)
}

func (p planned) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	return p.c.PrepareContext(ctx, query)
}

func (p planned) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return p.c.ExecContext(ctx, query, planArgs(query, args)...)
}

func (p planned) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return p.c.QueryContext(ctx, query, planArgs(query, args)...)
}

func (p planned) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return p.c.QueryRowContext(ctx, query, planArgs(query, args)...)
}

// BeginTx starts a transaction whose statements are run the same way.
func (p *pgPool) BeginTx(ctx context.Context, opts *sql.TxOptions) (gorm.ConnPool, error) {
	tx, err := p.db.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return &pgTx{planned{tx}, tx}, nil
}

// GetDBConn gives GORM (db.DB()) the database/sql pool.
func (p *pgPool) GetDBConn() (*sql.DB, error) { return p.db, nil }

// pgTx is a transaction of pgPool (a pointer: GORM checks its committer
// for nil).
type pgTx struct {
	planned
	tx *sql.Tx
}

func (t *pgTx) Commit() error   { return t.tx.Commit() }
func (t *pgTx) Rollback() error { return t.tx.Rollback() }
