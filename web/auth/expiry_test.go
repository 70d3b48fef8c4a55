package auth_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/factdesk/factdesk/migrations/dbtest"
	"github.com/factdesk/factdesk/web/auth"
)

// TestSessionExpiry: a session lasts SessionLifetime from sign-in, however
// much it is used (an absolute expiry; there is no idle expiry), is refused
// from then on, and the hourly pruning deletes it; a session ended by sign-out
// is refused at once.
func TestSessionExpiry(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := auth.NewStore(db)
	ctx := context.Background()
	now := time.Date(2025, 1, 28, 9, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	newUser(t, s, "admin@example.org", auth.Admin)
	rev := newUser(t, s, "rev@example.org", auth.Reviewer)
	tok, err := s.CreateSession(ctx, rev.ID, "c")
	if err != nil {
		t.Fatal(err)
	}
	other, _ := s.CreateSession(ctx, rev.ID, "c")
	countSessions := func() int64 {
		var n int64
		if err := db.Table("sessions").Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	// Used every day, it still ends SessionLifetime after sign-in.
	for d := 0; d < 13; d++ {
		now = now.Add(24 * time.Hour)
		if _, err := s.SessionUser(ctx, tok); err != nil {
			t.Fatalf("day %d: session refused: %v", d+1, err)
		}
	}
	now = time.Date(2025, 1, 28, 9, 0, 0, 0, time.UTC).Add(auth.SessionLifetime - time.Second)
	if _, err := s.SessionUser(ctx, tok); err != nil {
		t.Fatalf("a second before expiry: %v", err)
	}
	if err := s.PruneExpired(ctx); err != nil || countSessions() != 2 {
		t.Fatalf("pruning before expiry removed sessions: %v, %d left", err, countSessions())
	}
	now = now.Add(time.Second)
	if _, err := s.SessionUser(ctx, tok); !errors.Is(err, auth.ErrSessionNotFound) {
		t.Fatalf("expired session accepted: %v", err)
	}
	if err := s.PruneExpired(ctx); err != nil {
		t.Fatal(err)
	}
	if n := countSessions(); n != 0 {
		t.Fatalf("%d expired sessions left after pruning", n)
	}
	// Signing out deletes the session at once.
	tok, _ = s.CreateSession(ctx, rev.ID, "c")
	if err := s.DeleteSession(ctx, tok); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SessionUser(ctx, tok); !errors.Is(err, auth.ErrSessionNotFound) {
		t.Fatalf("deleted session accepted: %v", err)
	}
	_ = other
}
