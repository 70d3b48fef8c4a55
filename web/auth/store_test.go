package auth_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/factdesk/factdesk/migrations/dbtest"
	"github.com/factdesk/factdesk/web/auth"
)

const pw = "correct horse battery"

func newUser(t *testing.T, s *auth.Store, email string, role auth.Role) auth.User {
	t.Helper()
	u, err := s.CreateUser(context.Background(), auth.NewUser{Email: email, Name: "N " + email, Role: string(role), Password: pw})
	if err != nil {
		t.Fatalf("create %s: %v", email, err)
	}
	return u
}

func TestCreateUserValidation(t *testing.T) {
	t.Parallel()
	s := auth.NewStore(dbtest.New(t))
	ctx := context.Background()
	tests := []struct {
		name  string
		in    auth.NewUser
		field string
	}{
		{"empty email", auth.NewUser{Name: "A", Role: "admin", Password: pw}, "email"},
		{"bad email", auth.NewUser{Email: "nope", Name: "A", Role: "admin", Password: pw}, "email"},
		{"empty name", auth.NewUser{Email: "a@b.org", Role: "admin", Password: pw}, "name"},
		{"unknown role", auth.NewUser{Email: "a@b.org", Name: "A", Role: "owner", Password: pw}, "role"},
		{"short password", auth.NewUser{Email: "a@b.org", Name: "A", Role: "admin", Password: "short"}, "password"},
	}
	for _, tt := range tests {
		_, err := s.CreateUser(ctx, tt.in)
		var fe auth.FieldErrors
		if !errors.As(err, &fe) || fe[tt.field] == "" {
			t.Errorf("%s: err = %v; want a field error on %s", tt.name, err, tt.field)
		}
	}
	newUser(t, s, "Dup@Example.org", auth.Editor)
	if _, err := s.CreateUser(ctx, auth.NewUser{Email: "dup@example.org", Name: "B", Role: "reviewer", Password: pw}); !errors.Is(err, auth.ErrDuplicateEmail) {
		t.Errorf("duplicate email: err = %v; want ErrDuplicateEmail", err)
	}
	users, _ := s.Users(ctx)
	if len(users) != 1 {
		t.Errorf("users = %d; want 1 (nothing stored by failed creates)", len(users))
	}
}

func TestAuthenticateAndThrottle(t *testing.T) {
	t.Parallel()
	s := auth.NewStore(dbtest.New(t))
	ctx := context.Background()
	u := newUser(t, s, "r@example.org", auth.Reviewer)
	if _, err := s.Authenticate(ctx, "R@example.org ", pw, "1.2.3.4"); err != nil {
		t.Fatalf("good password refused: %v", err)
	}
	if _, err := s.Authenticate(ctx, "r@example.org", "wrong password!", "1.2.3.4"); !errors.Is(err, auth.ErrBadCredentials) {
		t.Fatalf("wrong password: %v", err)
	}
	if _, err := s.Authenticate(ctx, "ghost@example.org", pw, "1.2.3.4"); !errors.Is(err, auth.ErrBadCredentials) {
		t.Fatalf("unknown account: %v; want the same error as a wrong password", err)
	}
	for i := 0; i < auth.MaxAccountFailure; i++ {
		s.Authenticate(ctx, "r@example.org", "wrong password!", "5.6.7.8")
	}
	if _, err := s.Authenticate(ctx, "r@example.org", pw, "9.9.9.9"); !errors.Is(err, auth.ErrThrottled) {
		t.Fatalf("after %d failures: %v; want ErrThrottled even with the right password", auth.MaxAccountFailure, err)
	}
	_ = u
}

func TestSessionsSharedAndDisable(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s1, s2 := auth.NewStore(db), auth.NewStore(db) // two servers, one database
	ctx := context.Background()
	newUser(t, s1, "admin@example.org", auth.Admin)
	ed := newUser(t, s1, "ed@example.org", auth.Editor)
	tok, err := s1.CreateSession(ctx, ed.ID, "c")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s2.SessionUser(ctx, tok); err != nil || got.ID != ed.ID {
		t.Fatalf("other server: %v %v", got, err)
	}
	if _, err := s2.UpdateUser(ctx, auth.UserUpdate{ID: ed.ID, Role: "editor", Disabled: true, Version: ed.Version}); err != nil {
		t.Fatal(err)
	}
	if _, err := s1.SessionUser(ctx, tok); !errors.Is(err, auth.ErrSessionNotFound) {
		t.Fatalf("disabled user's session still valid: %v", err)
	}
	if _, err := s1.Authenticate(ctx, "ed@example.org", pw, "c"); !errors.Is(err, auth.ErrBadCredentials) {
		t.Fatalf("disabled user signed in: %v", err)
	}
	// A stale version is refused.
	if _, err := s1.UpdateUser(ctx, auth.UserUpdate{ID: ed.ID, Role: "reviewer", Version: ed.Version}); !errors.Is(err, auth.ErrConflict) {
		t.Fatalf("stale update: %v; want ErrConflict", err)
	}
}

func TestLastAdminProtected(t *testing.T) {
	t.Parallel()
	s := auth.NewStore(dbtest.New(t))
	ctx := context.Background()
	a := newUser(t, s, "a@example.org", auth.Admin)
	if _, err := s.UpdateUser(ctx, auth.UserUpdate{ID: a.ID, Role: "editor", Version: a.Version}); !errors.Is(err, auth.ErrLastAdmin) {
		t.Fatalf("demoting last admin: %v", err)
	}
	if _, err := s.CreateFirstAdmin(ctx, auth.NewUser{Email: "b@example.org", Name: "B", Password: pw}); !errors.Is(err, auth.ErrSetupDone) {
		t.Fatalf("second setup: %v", err)
	}
}

func TestPasswordHash(t *testing.T) {
	t.Parallel()
	h, err := auth.HashPassword("s3cret-password")
	if err != nil {
		t.Fatal(err)
	}
	if !auth.CheckPassword(h, "s3cret-password") || auth.CheckPassword(h, "s3cret-passwore") {
		t.Fatal("CheckPassword disagrees with HashPassword")
	}
	if h2, _ := auth.HashPassword("s3cret-password"); h2 == h {
		t.Fatal("two hashes of one password are equal: salt missing")
	}
}

// Setup requests racing each other create exactly one first admin, and two
// admins demoting each other at once leave one admin: the check and the
// write are serialized on both engines.
func TestAdminChecksAreSerialized(t *testing.T) {
	t.Parallel()
	s := auth.NewStore(dbtest.New(t))
	ctx := context.Background()
	const racers = 8
	var wg sync.WaitGroup
	errs := make(chan error, racers)
	for i := range racers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.CreateFirstAdmin(ctx, auth.NewUser{Email: fmt.Sprintf("admin%d@example.org", i), Name: "A", Password: pw})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	created := 0
	for err := range errs {
		switch {
		case err == nil:
			created++
		case !errors.Is(err, auth.ErrSetupDone):
			t.Errorf("setup: %v", err)
		}
	}
	if created != 1 {
		t.Fatalf("%d racing setups created an admin; want exactly 1", created)
	}
	users, _ := s.Users(ctx)
	second := newUser(t, s, "second@example.org", auth.Admin)
	first := users[0]
	for range 2 {
		wg.Add(2)
		var err1, err2 error
		go func() {
			defer wg.Done()
			_, err1 = s.UpdateUser(ctx, auth.UserUpdate{ID: first.ID, Role: "editor", Version: first.Version})
		}()
		go func() {
			defer wg.Done()
			_, err2 = s.UpdateUser(ctx, auth.UserUpdate{ID: second.ID, Role: "editor", Version: second.Version})
		}()
		wg.Wait()
		if (err1 == nil) == (err2 == nil) || !(errors.Is(err1, auth.ErrLastAdmin) || errors.Is(err2, auth.ErrLastAdmin)) {
			t.Fatalf("mutual demotion: %v, %v; want one success and one ErrLastAdmin", err1, err2)
		}
		// Put the demoted one back for the second round.
		for _, u := range []auth.User{first, second} {
			cur, _ := s.User(ctx, u.ID)
			if cur.Role != auth.Admin {
				if _, err := s.UpdateUser(ctx, auth.UserUpdate{ID: cur.ID, Role: "admin", Version: cur.Version}); err != nil {
					t.Fatal(err)
				}
			}
		}
		first, _ = s.User(ctx, first.ID)
		second, _ = s.User(ctx, second.ID)
	}
}
