package migrations_test

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/migrations"
	"github.com/factdesk/factdesk/migrations/dbtest"
)

func tableNames(t *testing.T, tables []migrations.Table) []string {
	t.Helper()
	var names []string
	for _, tb := range tables {
		names = append(names, tb.Name)
	}
	return names
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestUpOnEmptyDatabase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.NewEmpty(t)
	if got, want := migrations.EngineOf(db), dbtest.Engine(); got != want {
		t.Fatalf("EngineOf = %s, want %s", got, want)
	}
	n, err := migrations.Up(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no migration applied to an empty database")
	}
	cur, latest, err := migrations.Version(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if cur != latest || cur == 0 {
		t.Fatalf("version = %d, latest = %d", cur, latest)
	}
	// A second run applies nothing.
	if n, err := migrations.Up(ctx, db); err != nil || n != 0 {
		t.Fatalf("second Up = %d, %v; want 0, nil", n, err)
	}

	tables, err := migrations.Tables(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	names := tableNames(t, tables)
	for _, want := range []string{"users", "sessions", "login_failures", "settings", "articles", "claims", "claim_tags", "claim_history",
		"sources", "evidence", "source_history", "suggestion_dismissals", "rating_labels", "verdicts", "comments",
		"review_decisions", "prior_imports", "prior_checks", "claim_imports"} {
		if !slices.Contains(names, want) {
			t.Errorf("table %q missing; have %v", want, names)
		}
	}
	// The CHECK constraints hold closed vocabularies.
	err = db.Exec(`INSERT INTO users (email,name,role,password_hash,created_at,updated_at) VALUES ('a@b.c','A','owner','x',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP)`).Error
	if err == nil {
		t.Error("an unknown role was accepted by the schema")
	}
	// Foreign keys are enforced.
	err = db.Exec(`INSERT INTO sessions (token_hash,user_id,created_at,expires_at) VALUES ('x',424242,CURRENT_TIMESTAMP,CURRENT_TIMESTAMP)`).Error
	if err == nil {
		t.Error("a session of a missing user was accepted")
	}
}

// Tables come in an order where each follows the tables it references, the
// order a copy writes them in.
func TestTablesInForeignKeyOrder(t *testing.T) {
	t.Parallel()
	tables, err := migrations.Tables(context.Background(), dbtest.New(t))
	if err != nil {
		t.Fatal(err)
	}
	pos := map[string]int{}
	for i, tb := range tables {
		pos[tb.Name] = i
	}
	for _, tb := range tables {
		for _, r := range tb.References {
			if pos[r] > pos[tb.Name] {
				t.Errorf("%s comes before %s, which it references", tb.Name, r)
			}
		}
	}
	if pos["users"] > pos["sessions"] || pos["articles"] > pos["claims"] || pos["claims"] > pos["claim_history"] {
		t.Errorf("order = %v", tableNames(t, tables))
	}
	for _, tb := range tables {
		switch tb.Name {
		case "claim_tags":
			if !slices.Equal(tb.PrimaryKey, []string{"claim_id", "tag"}) {
				t.Errorf("claim_tags primary key = %v", tb.PrimaryKey)
			}
		case "users":
			id := tb.Columns[0]
			if id.Name != "id" || id.Identity != (dbtest.Engine() == migrations.Postgres) {
				t.Errorf("users.id = %+v on %s", id, dbtest.Engine())
			}
		}
	}
}

func TestRefusesNewerSchema(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	if err := db.Exec(`INSERT INTO goose_db_version (version_id, is_applied) VALUES (99999, TRUE)`).Error; err != nil {
		t.Fatal(err)
	}
	_, err := migrations.Up(ctx, db)
	if err == nil || !strings.Contains(err.Error(), "newer than this binary") {
		t.Fatalf("Up on a newer schema: %v; want a refusal", err)
	}
}

// The history trigger exists on both engines.
func TestHistoryIsAppendOnly(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	if err := db.Exec(`INSERT INTO claim_history (action, created_at) VALUES ('x', CURRENT_TIMESTAMP)`).Error; err != nil {
		t.Fatal(err)
	}
	err := db.Exec(`UPDATE claim_history SET action = 'y'`).Error
	if err == nil || !strings.Contains(err.Error(), "append-only") {
		t.Fatalf("editing history: %v; want the append-only refusal", err)
	}
}

// Every step renders for both engines, with no token or foreign dialect
// left, and with the same step numbers (one file per step for both).
func TestEveryStepRendersForBothEngines(t *testing.T) {
	t.Parallel()
	names, err := filepath.Glob("sql/*.sql")
	if err != nil || len(names) == 0 {
		t.Fatalf("no migration files: %v", err)
	}
	foreign := map[migrations.Engine][]string{
		migrations.SQLite:   {"TIMESTAMPTZ", "GENERATED", "plpgsql", "{{"},
		migrations.Postgres: {"DATETIME", "RAISE(ABORT", "INTEGER PRIMARY KEY", "{{"},
	}
	for _, name := range names {
		src := readFile(t, name)
		for _, e := range []migrations.Engine{migrations.SQLite, migrations.Postgres} {
			out, err := migrations.Render(src, e)
			if err != nil {
				t.Errorf("%s for %s: %v", name, e, err)
				continue
			}
			for _, word := range foreign[e] {
				if strings.Contains(string(out), word) {
					t.Errorf("%s rendered for %s still holds %q", name, e, word)
				}
			}
			if strings.Count(string(out), "\n") != strings.Count(string(src), "\n") {
				t.Errorf("%s for %s: line count changed", name, e)
			}
		}
	}
}

func TestRenderRefusesMistakes(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, src, want string }{
		{"unknown token", "CREATE TABLE t (x {{uuid}});", "unknown token"},
		{"unknown dialect", "-- +dialect mysql\nSELECT 1;\n-- +dialect all", "unknown dialect"},
		{"unclosed section", "-- +goose Up\n-- +dialect postgres\nSELECT 1;", "not closed"},
		{"down inside a section", "-- +goose Up\n-- +dialect sqlite\nSELECT 1;\n-- +goose Down\n-- +dialect all", "inside the sqlite section"},
		{"all without a section", "-- +dialect all", "without an open section"},
		{"same section twice", "-- +dialect sqlite\n-- +dialect sqlite\n-- +dialect all", "inside the sqlite section"},
	}
	for _, tt := range tests {
		_, err := migrations.Render([]byte(tt.src), migrations.SQLite)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
	out, err := migrations.Render([]byte("a {{id}}\n-- +dialect sqlite\nS\n-- +dialect postgres\nP\n-- +dialect all\nz {{timestamp}}\n"), migrations.Postgres)
	if err != nil {
		t.Fatal(err)
	}
	if want := "a BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY\n-- +dialect sqlite\n\n-- +dialect postgres\nP\n-- +dialect all\nz TIMESTAMPTZ\n"; string(out) != want {
		t.Errorf("render = %q\nwant     %q", out, want)
	}
}

func TestEngineOfDSNAndRedact(t *testing.T) {
	t.Parallel()
	tests := []struct {
		dsn  string
		want migrations.Engine
		err  bool
	}{
		{"./data/factdesk.db", migrations.SQLite, false},
		{"/var/lib/factdesk/desk.db", migrations.SQLite, false},
		{"postgres://u:p@db:5432/desk", migrations.Postgres, false},
		{"postgresql://u@db/desk?sslmode=require", migrations.Postgres, false},
		{"PostgreSQL://u@db/desk", migrations.Postgres, false},
		{"mysql://u:p@db/desk", "", true},
		{"", "", true},
	}
	for _, tt := range tests {
		got, err := migrations.EngineOfDSN(tt.dsn)
		if got != tt.want || (err != nil) != tt.err {
			t.Errorf("EngineOfDSN(%q) = %q, %v", tt.dsn, got, err)
		}
	}
	for _, dsn := range []string{"postgres://u:s3cret@db:5432/desk", "postgres://u@db/desk?password=s3cret&sslmode=disable"} {
		if r := migrations.Redact(dsn); strings.Contains(r, "s3cret") || !strings.Contains(r, "db") {
			t.Errorf("Redact(%q) = %q", dsn, r)
		}
	}
}

// A database that cannot be used is refused with a message that says why
// and never shows the password.
func TestOpenRefusesUnusableDatabases(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cases := []struct{ dsn, want string }{
		{"mysql://u:s3cret@127.0.0.1/desk", "unsupported database URL scheme"},
		{"postgres:///desk", "names no server"},
		{"postgres://u:s3cret@127.0.0.1:1/desk?sslmode=disable&connect_timeout=5", "cannot reach the server"},
		{"postgres://u:s3cret@127.0.0.1:5432/desk?pool_max_conns=0", "pool_max_conns"},
		{"postgres://u:s3cret@127.0.0.1:5432/desk?pool_max_conn_lifetime=soon", "pool_max_conn_lifetime"},
		{dir, "is a directory"},
	}
	if dbtest.Engine() == migrations.Postgres {
		u, err := url.Parse(dbtest.URL(t))
		if err != nil {
			t.Fatal(err)
		}
		wrongPass := *u
		wrongPass.User = url.UserPassword(u.User.Username(), "s3cret-but-wrong")
		missing := *u
		missing.Path = "/factdesk_no_such_database"
		// A database in another encoding than UTF8 would mangle Arabic.
		ascii := *u
		ascii.Path = "/" + strings.TrimPrefix(u.Path, "/") + "_ascii"
		admin := dbtest.New(t)
		name := strings.TrimPrefix(ascii.Path, "/")
		if err := admin.Exec(`CREATE DATABASE "` + name + `" ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0`).Error; err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { admin.Exec(`DROP DATABASE IF EXISTS "` + name + `" WITH (FORCE)`) })
		cases = append(cases,
			struct{ dsn, want string }{wrongPass.String(), "authentication failed"},
			struct{ dsn, want string }{missing.String(), `"factdesk_no_such_database" does not exist`},
			struct{ dsn, want string }{ascii.String(), "SQL_ASCII encoding; factdesk stores Arabic and needs UTF8"})
	}
	for _, c := range cases {
		db, err := migrations.Open(c.dsn)
		if err == nil {
			migrations.Close(db)
			t.Errorf("Open(%s) succeeded", migrations.Redact(c.dsn))
			continue
		}
		if !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "s3cret") {
			t.Errorf("Open(%s): %v; want %q and no password", migrations.Redact(c.dsn), err, c.want)
		}
	}
}

// Migrating a PostgreSQL server that lacks an extension a step needs stops
// before the first step with a message naming it. SQLite has no extensions
// to check.
func TestMissingExtensionIsRefusedUpFront(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.NewEmpty(t)
	needs := map[string]string{"factdesk_no_such_extension": "00099_search.sql", "plpgsql": "00002_claims.sql"}
	err := migrations.CheckExtensions(ctx, db, needs)
	switch dbtest.Engine() {
	case migrations.Postgres:
		if err == nil || !strings.Contains(err.Error(), "factdesk_no_such_extension (for 00099_search.sql)") ||
			strings.Contains(err.Error(), "plpgsql") || !strings.Contains(err.Error(), "nothing was changed") {
			t.Errorf("missing extension: %v", err)
		}
	default:
		if err != nil {
			t.Errorf("SQLite has no extensions to check, got %v", err)
		}
	}
	// The migrations' own needs are found in their PostgreSQL SQL: pg_trgm
	// for the sources search.
	needed, err := migrations.ExtensionsNeeded()
	if err != nil {
		t.Fatal(err)
	}
	if needed["pg_trgm"] != "00003_sources.sql" || len(needed) != 1 {
		t.Errorf("extensions needed = %v; want pg_trgm for 00003_sources.sql", needed)
	}
	tables, err := migrations.Tables(ctx, db)
	if err != nil || len(tables) != 0 {
		t.Errorf("the check changed the database: %v %v", tableNames(t, tables), err)
	}
}

// SQLite only: the pragmas Open sets on every connection.
func TestSQLitePragmas(t *testing.T) {
	t.Parallel()
	db := dbtest.SQLite(t)
	var fk, journal string
	db.Raw("PRAGMA foreign_keys").Scan(&fk)
	db.Raw("PRAGMA journal_mode").Scan(&journal)
	if fk != "1" || journal != "wal" {
		t.Errorf("foreign_keys=%q journal_mode=%q; want 1, wal", fk, journal)
	}
}

// SQLite only: the FTS5 build tag.
func TestFTS5Available(t *testing.T) {
	t.Parallel()
	db := dbtest.SQLite(t)
	if err := db.Exec(`CREATE VIRTUAL TABLE t USING fts5(body, tokenize='trigram')`).Error; err != nil {
		t.Fatalf("FTS5 missing (build with -tags sqlite_fts5, as the Makefile does): %v", err)
	}
	// A full-text index's shadow tables are not application tables.
	tables, err := migrations.Tables(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range tableNames(t, tables) {
		if strings.HasPrefix(n, "t_") || n == "t" {
			t.Errorf("Tables lists the FTS table or its storage: %s", n)
		}
	}
}

// Servers starting together on one new database migrate it once: every
// step is applied by exactly one of them and both end at the latest schema.
func TestConcurrentUpMigratesOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dsn := dbtest.URL(t)
	const servers = 3
	dbs := make([]*gorm.DB, servers)
	for i := range dbs {
		db, err := migrations.Open(dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { migrations.Close(db) })
		dbs[i] = db
	}
	var wg sync.WaitGroup
	applied := make([]int, servers)
	errs := make([]error, servers)
	for i, db := range dbs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			applied[i], errs[i] = migrations.Up(ctx, db)
		}()
	}
	wg.Wait()
	total := 0
	for i := range dbs {
		if errs[i] != nil {
			t.Errorf("server %d: %v", i, errs[i])
		}
		total += applied[i]
	}
	cur, latest, err := migrations.Version(ctx, dbs[0])
	steps, _ := filepath.Glob(filepath.Join("sql", "*.sql"))
	if err != nil || cur != latest || total != len(steps) {
		t.Errorf("applied %v (total %d of %d steps), version %d of %d, %v", applied, total, len(steps), cur, latest, err)
	}
}

// A new database holds rows only in the tables the migrations fill, and
// migrations.Seeded names exactly those (copy relies on it to tell a new
// database from one in use).
func TestMigrationsSeedOnly(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	tables, err := migrations.Tables(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		var n int64
		if err := db.Raw(`SELECT COUNT(*) FROM "` + tb.Name + `"`).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		if (n > 0) != migrations.Seeded(tb.Name) {
			t.Errorf("table %s holds %d row(s) after migrating; Seeded = %v", tb.Name, n, migrations.Seeded(tb.Name))
		}
	}
}

// A role that may not create an extension the migrations need (pg_trgm is
// trusted: CREATE on the database suffices) is refused before the first
// step, with what to ask an administrator for.
func TestExtensionPrivilegeCheckedUpFront(t *testing.T) {
	t.Parallel()
	if dbtest.Engine() != migrations.Postgres {
		// SQLite has no extensions: the check passes and changes nothing.
		if err := migrations.CheckExtensions(context.Background(), dbtest.NewEmpty(t), map[string]string{"pg_trgm": "x"}); err != nil {
			t.Errorf("SQLite: %v", err)
		}
		return
	}
	ctx := context.Background()
	db := dbtest.NewEmpty(t)
	var super bool
	if err := db.Raw("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").Scan(&super).Error; err != nil {
		t.Fatal(err)
	}
	var name string
	db.Raw("SELECT current_database()").Scan(&name)
	if err := db.Exec(`REVOKE CREATE ON DATABASE "` + name + `" FROM PUBLIC, CURRENT_USER`).Error; err != nil {
		t.Fatal(err)
	}
	_, err := migrations.Up(ctx, db)
	if super {
		// A superuser may create any extension.
		if err != nil {
			t.Errorf("Up as a superuser: %v", err)
		}
		return
	}
	if err == nil || !strings.Contains(err.Error(), "may not create the extension(s) pg_trgm (for 00003_sources.sql)") ||
		!strings.Contains(err.Error(), "nothing was changed") {
		t.Fatalf("Up without the right to create pg_trgm: %v", err)
	}
	tables, err := migrations.Tables(ctx, db)
	if err != nil || len(tables) != 0 {
		t.Errorf("the refused migration changed the database: %v %v", tableNames(t, tables), err)
	}
	// Once an administrator created it, the same role migrates.
	if err := db.Exec(`GRANT CREATE ON DATABASE "` + name + `" TO CURRENT_USER`).Error; err != nil {
		t.Fatal(err)
	}
	if _, err := migrations.Up(ctx, db); err != nil {
		t.Errorf("Up after the grant: %v", err)
	}
}
