package migrations_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/factdesk/factdesk/migrations"
)

func TestUpOnEmptyDatabase(t *testing.T) {
	ctx := context.Background()
	db, err := migrations.Open(filepath.Join(t.TempDir(), "sub", "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer migrations.Close(db)

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

	var tables []string
	if err := db.Raw(`SELECT name FROM sqlite_master WHERE type IN ('table') AND name NOT LIKE 'sqlite_%' ORDER BY name`).Scan(&tables).Error; err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"users", "sessions", "login_failures", "settings", "articles", "claims", "claim_history",
		"sources", "evidence", "source_history", "sources_fts", "sources_words"} {
		if !slices.Contains(tables, want) {
			t.Errorf("table %q missing; have %v", want, tables)
		}
	}

	var fk, journal string
	db.Raw("PRAGMA foreign_keys").Scan(&fk)
	db.Raw("PRAGMA journal_mode").Scan(&journal)
	if fk != "1" || journal != "wal" {
		t.Errorf("foreign_keys=%q journal_mode=%q; want 1, wal", fk, journal)
	}
	// The CHECK constraints hold closed vocabularies.
	err = db.Exec(`INSERT INTO users (email,name,role,password_hash,created_at,updated_at) VALUES ('a@b.c','A','owner','x',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP)`).Error
	if err == nil {
		t.Error("an unknown role was accepted by the schema")
	}
}

func TestFTS5Available(t *testing.T) {
	db, err := migrations.Open(filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer migrations.Close(db)
	if err := db.Exec(`CREATE VIRTUAL TABLE t USING fts5(body, tokenize='trigram')`).Error; err != nil {
		t.Fatalf("FTS5 missing (build with -tags sqlite_fts5, as the Makefile does): %v", err)
	}
}

func TestRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	db, err := migrations.Open(filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer migrations.Close(db)
	if _, err := migrations.Up(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := db.Exec(`INSERT INTO goose_db_version (version_id, is_applied) VALUES (99999, 1)`).Error; err != nil {
		t.Fatal(err)
	}
	if _, err := migrations.Up(ctx, db); err == nil {
		t.Fatal("Up on a newer schema succeeded; want a refusal")
	}
}
