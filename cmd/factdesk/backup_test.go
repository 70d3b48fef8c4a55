package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBackupAndRestoreCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "desk.db")
	if _, _, err := runCmd(t, nil, "a long passphrase\n", "user", "add", "--db", db, "--email", "ana@example.org", "--name", "Ana", "--role", "admin", "--password-stdin"); err != nil {
		t.Fatal(err)
	}
	bak := filepath.Join(dir, "backups", "one.db")
	out, _, err := runCmd(t, nil, "", "backup", "--db", db, "--out", bak)
	if err != nil || !strings.Contains(out, "1 users") {
		t.Fatalf("backup: %q %v", out, err)
	}
	var ue usageError
	if _, _, err := runCmd(t, nil, "", "backup", "--db", db); !errors.As(err, &ue) {
		t.Errorf("backup without --out: %v", err)
	}
	if _, _, err := runCmd(t, nil, "", "backup", "--db", filepath.Join(dir, "none.db"), "--out", filepath.Join(dir, "x.db")); err == nil || !strings.Contains(err.Error(), "no database") {
		t.Errorf("backup of a missing database: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "none.db")); !os.IsNotExist(err) {
		t.Error("backup of a missing database created it")
	}

	// A second user arrives after the backup; restoring brings back one user
	// and keeps the replaced database beside the file.
	if _, _, err := runCmd(t, nil, "a long passphrase\n", "user", "add", "--db", db, "--email", "bo@example.org", "--name", "Bo", "--role", "editor", "--password-stdin"); err != nil {
		t.Fatal(err)
	}
	garbage := filepath.Join(dir, "garbage.db")
	os.WriteFile(garbage, []byte("this is not a database at all"), 0o600)
	if _, _, err := runCmd(t, nil, "", "restore", "--db", db, garbage); err == nil {
		t.Fatal("restore from garbage succeeded")
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "desk.before-restore-*.db")); len(m) != 0 {
		t.Errorf("a refused restore still made a safety copy: %v", m)
	}
	out, _, err = runCmd(t, nil, "", "restore", "--db", db, bak)
	if err != nil || !strings.Contains(out, "1 users") || !strings.Contains(out, "kept the current database") {
		t.Fatalf("restore: %q %v", out, err)
	}
	kept, _ := filepath.Glob(filepath.Join(dir, "desk.before-restore-*.db"))
	if len(kept) != 1 {
		t.Fatalf("safety copies = %v", kept)
	}
	out, _, err = runCmd(t, nil, "", "backup", "--db", kept[0], "--out", filepath.Join(dir, "check.db"))
	if err != nil || !strings.Contains(out, "2 users") {
		t.Errorf("the safety copy should hold both users: %q %v", out, err)
	}
	if _, _, err := runCmd(t, nil, "", "restore", "--db", db); !errors.As(err, &ue) {
		t.Errorf("restore without a file: %v", err)
	}
}

func TestServeLimitFlags(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	var ue usageError
	for _, args := range [][]string{
		{"serve", "--db", db, "--read-timeout", "0s"},
		{"serve", "--db", db, "--write-timeout", "10ms"},
		{"serve", "--db", db, "--read-timeout", "soon"},
	} {
		if _, _, err := runCmd(t, nil, "", args...); !errors.As(err, &ue) {
			t.Errorf("%v: err = %v, want a usage error", args, err)
		}
	}
}
