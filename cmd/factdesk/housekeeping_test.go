package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/factdesk/factdesk/migrations/dbtest"
	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/desk"
)

func TestHousekeepingPrunesExpiredSessions(t *testing.T) {
	db := dbtest.New(t)
	store := desk.New(db).Users
	ctx := context.Background()
	u, err := store.CreateUser(ctx, auth.NewUser{Email: "a@example.org", Name: "A", Role: "reviewer", Password: "a long passphrase"})
	if err != nil {
		t.Fatal(err)
	}
	expired, _ := store.CreateSession(ctx, u.ID, "test")
	live, _ := store.CreateSession(ctx, u.ID, "test")
	// Age one session past its expiry (sessions are stored by the SHA-256
	// of their token).
	sum := sha256.Sum256([]byte(expired))
	if err := db.Exec("UPDATE sessions SET expires_at = ? WHERE token_hash = ?", time.Now().Add(-time.Hour), hex.EncodeToString(sum[:])).Error; err != nil {
		t.Fatal(err)
	}
	var before int64
	db.Raw("SELECT COUNT(*) FROM sessions").Scan(&before)
	if before != 2 {
		t.Fatalf("sessions = %d", before)
	}
	hctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		housekeeping(hctx, store, 5*time.Millisecond, slog.New(slog.NewTextHandler(io.Discard, nil)))
		close(done)
	}()
	deadline := time.Now().Add(10 * time.Second)
	var n int64
	for time.Now().Before(deadline) {
		db.Raw("SELECT COUNT(*) FROM sessions").Scan(&n)
		if n == 1 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	<-done
	if n != 1 {
		t.Fatalf("sessions after housekeeping = %d, want 1", n)
	}
	if _, err := store.SessionUser(ctx, live); err != nil {
		t.Errorf("the live session was pruned: %v", err)
	}
	if _, err := store.SessionUser(ctx, expired); err == nil {
		t.Error("the expired session still signs in")
	}
}
