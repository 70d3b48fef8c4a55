package web_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/factdesk/factdesk/migrations/dbtest"
	"github.com/factdesk/factdesk/web"
	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/desk"
)

// /healthz reports the database and the schema; an instance whose database
// is behind its schema answers 503 so that a load balancer sends it nothing.
func TestHealthzReportsSchema(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	srv := web.New(web.Config{Desk: desk.New(db), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: "test"})
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)

	type health struct {
		Status, Database, Version string
		Schema                    struct{ Version, Latest, Pending int64 }
	}
	get := func() (int, health) {
		t.Helper()
		resp, err := http.Get(ts.URL + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var h health
		if err := json.NewDecoder(resp.Body).Decode(&h); err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, h
	}
	code, h := get()
	if code != http.StatusOK || h.Status != "ok" || h.Database != "ok" || h.Version != "test" ||
		h.Schema.Version == 0 || h.Schema.Version != h.Schema.Latest || h.Schema.Pending != 0 {
		t.Fatalf("healthz = %d %+v", code, h)
	}
	if err := db.Exec("DELETE FROM goose_db_version WHERE version_id = (SELECT MAX(version_id) FROM goose_db_version)").Error; err != nil {
		t.Fatal(err)
	}
	code, h = get()
	if code != http.StatusServiceUnavailable || h.Status != "unavailable" || h.Schema.Pending != 1 {
		t.Fatalf("healthz with a pending migration = %d %+v", code, h)
	}
}

// Every log line of a request carries its request id; the access line gives
// the status the client received.
func TestAccessLogLines(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	var buf syncBuffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv := web.New(web.Config{Desk: desk.New(db), Logger: logger})
	if _, err := srv.Users().CreateUser(context.Background(), auth.NewUser{Email: "a@example.org", Name: "A", Role: "admin", Password: testPassword}); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/signin", "/static/no-such-file.css", "/setup"} {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) < 3 {
		t.Fatalf("log lines = %d: %q", len(lines), buf.String())
	}
	statuses := map[string]float64{}
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("not a JSON line: %q", l)
		}
		if id, _ := m["request_id"].(string); id == "" {
			t.Errorf("a line without request_id: %q", l)
		}
		if m["msg"] == "request" {
			statuses[m["path"].(string)] = m["status"].(float64)
		}
	}
	if statuses["/static/no-such-file.css"] != 404 || statuses["/signin"] != 200 || statuses["/setup"] != 303 {
		t.Errorf("access statuses = %v", statuses)
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// A request whose client has gone is not logged as a server error.
func TestClientGoneIsNotAnError(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	var buf syncBuffer
	srv := web.New(web.Config{Desk: desk.New(db), Logger: slog.New(slog.NewJSONHandler(&buf, nil))})
	u, err := srv.Users().CreateUser(context.Background(), auth.NewUser{Email: "a@example.org", Name: "A", Role: "admin", Password: testPassword})
	if err != nil {
		t.Fatal(err)
	}
	token, err := srv.Users().CreateSession(context.Background(), u.ID, "test")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest(http.MethodGet, "/claims", nil).WithContext(ctx)
	req.AddCookie(&http.Cookie{Name: "factdesk_session", Value: token})
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	if strings.Contains(buf.String(), `"level":"ERROR"`) {
		t.Errorf("a cancelled request was logged as an error: %s", buf.String())
	}
	if !strings.Contains(buf.String(), `"status":499`) {
		t.Errorf("the access line does not record the client going away: %s", buf.String())
	}
}
