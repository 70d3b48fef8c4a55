package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/migrations"
	"github.com/factdesk/factdesk/migrations/dbtest"
)

func runCmd(t *testing.T, env map[string]string, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), err
}

func TestUserAddAndFlags(t *testing.T) {
	db := dbtest.URL(t)
	out, _, err := runCmd(t, nil, "a long passphrase\n", "user", "add", "--db", db, "--email", "Ana@Example.org", "--name", "Ana", "--role", "admin", "--password-stdin")
	if err != nil || !strings.Contains(out, "created admin Ana <ana@example.org>") {
		t.Fatalf("user add: %q %v", out, err)
	}
	// The environment supplies --db when the flag is absent.
	_, _, err = runCmd(t, map[string]string{"FACTDESK_DB": db}, "a long passphrase\n", "user", "add", "--email", "ana@example.org", "--name", "Ana", "--role", "editor", "--password-stdin")
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("duplicate via env db: %v", err)
	}
	_, _, err = runCmd(t, nil, "pw\n", "user", "add", "--db", db, "--email", "b@example.org", "--name", "B", "--role", "owner", "--password-stdin")
	var ue usageError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "--role") {
		t.Errorf("unknown role: %v", err)
	}
	_, _, err = runCmd(t, nil, "short\n", "user", "add", "--db", db, "--email", "b@example.org", "--name", "B", "--role", "editor", "--password-stdin")
	if err == nil || !strings.Contains(err.Error(), "10 to 200") {
		t.Errorf("short password: %v", err)
	}
	_, _, err = runCmd(t, nil, "", "user", "add", "--db", db, "--email", "b@example.org", "--name", "B", "--role", "editor")
	if err == nil || !strings.Contains(err.Error(), "--password-stdin") {
		t.Errorf("no --password-stdin: %v", err)
	}
	_, stderr, err := runCmd(t, nil, "", "serve", "--help")
	if !errors.Is(err, flag.ErrHelp) || !strings.Contains(stderr, "-addr") {
		t.Errorf("serve --help: %v %q", err, stderr)
	}
	_, _, err = runCmd(t, nil, "", "serve", "--addr", "nonsense", "--db", db)
	if !errors.As(err, &ue) {
		t.Errorf("bad --addr: %v", err)
	}
	if _, _, err := runCmd(t, nil, "", "frobnicate"); !errors.As(err, &ue) {
		t.Errorf("unknown command: %v", err)
	}
	out, _, err = runCmd(t, nil, "", "migrate", "--db", db)
	if err != nil || !strings.Contains(out, "schema version") {
		t.Errorf("migrate: %q %v", out, err)
	}
}

func TestExtractCommand(t *testing.T) {
	out, _, err := runCmd(t, nil, "وفي 20 يناير 2025 خسرت الشركة 6 ملايين دولار.", "extract", "--lang", "ar")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `"date":"2025-01-20"`) || !strings.Contains(out, `"amount":6000000`) {
		t.Errorf("extract output: %s", out)
	}
	if _, _, err := runCmd(t, nil, "\xff\xfe", "extract"); err == nil || !strings.Contains(err.Error(), "UTF-8") {
		t.Errorf("invalid UTF-8: %v", err)
	}
	if _, _, err := runCmd(t, nil, "", "extract", "--lang", "fr"); err == nil {
		t.Error("--lang fr accepted")
	}
	out, _, err = runCmd(t, nil, "No claims here", "extract", "--sentences")
	if err != nil || !strings.Contains(out, `"checkworthy":false`) {
		t.Errorf("sentences: %q %v", out, err)
	}
}

func TestDemoWorkspace(t *testing.T) {
	ctx := context.Background()
	db, err := openMigrated(ctx, dbtest.URL(t), &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	defer migrations.Close(db)
	var out bytes.Buffer
	if err := seedDemoForTest(ctx, db, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "reviewer@demo.factdesk") || !strings.Contains(out.String(), "18 claims") {
		t.Errorf("demo output: %s", out.String())
	}
	var anchored int64
	db.Raw("SELECT COUNT(*) FROM claims WHERE anchor_start IS NOT NULL").Scan(&anchored)
	if anchored != 18 {
		t.Errorf("anchored claims = %d; want 18", anchored)
	}
	// A second run never adds to a database that has data.
	out.Reset()
	if err := seedDemoForTest(ctx, db, &out); err != nil || !strings.Contains(out.String(), "not empty") {
		t.Errorf("second seed: %v %q", err, out.String())
	}
}
