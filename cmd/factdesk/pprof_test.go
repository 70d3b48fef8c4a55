package main

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// Profiles are served on loopback only; serve refuses any other address
// before it opens the database.
func TestPprofLoopbackOnly(t *testing.T) {
	for addr, ok := range map[string]bool{
		"127.0.0.1:6060": true, "[::1]:6060": true, "localhost:6060": true, "127.0.0.2:0": true,
		":6060": false, "0.0.0.0:6060": false, "[::]:6060": false, "192.168.1.5:6060": false,
		"example.org:6060": false, "6060": false,
	} {
		if err := checkLoopback(addr); (err == nil) != ok {
			t.Errorf("checkLoopback(%q) = %v, want ok=%v", addr, err, ok)
		}
	}
	db := filepath.Join(t.TempDir(), "never.db")
	_, _, err := runCmd(t, nil, "", "serve", "--db", db, "--addr", "127.0.0.1:0", "--pprof", "0.0.0.0:6060")
	var ue usageError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "loopback") {
		t.Errorf("serve --pprof 0.0.0.0:6060: %v, want a usage error about loopback", err)
	}
	_, _, err = runCmd(t, nil, "", "serve", "--db", db, "--addr", "127.0.0.1:0", "--max-inflight", "-1")
	if !errors.As(err, &ue) {
		t.Errorf("serve --max-inflight -1: %v, want a usage error", err)
	}
}
