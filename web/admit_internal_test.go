package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/factdesk/factdesk/migrations/dbtest"
	"github.com/factdesk/factdesk/web/desk"
)

// With --max-inflight, a request waits while the slots are taken, goes on
// when one frees, and gives up when its client does; static files and the
// health check never wait.
func TestAdmitBoundsRequestsInFlight(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := New(Config{Desk: desk.New(db), MaxInFlight: 2, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	get := func(ctx context.Context, path string) (int, error) {
		req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+path, nil)
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			return 0, err
		}
		resp.Body.Close()
		return resp.StatusCode, nil
	}
	if code, err := get(context.Background(), "/signin"); err != nil || code != http.StatusSeeOther && code != http.StatusOK {
		t.Fatalf("a free server: %d %v", code, err)
	}
	// Both slots taken, as by two long requests.
	s.slots <- struct{}{}
	s.slots <- struct{}{}
	for _, p := range []string{"/healthz", "/static/css/app.css"} {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		code, err := get(ctx, p)
		cancel()
		if err != nil || code != http.StatusOK {
			t.Errorf("%s while the slots are taken: %d %v; want 200 at once", p, code, err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	if code, err := get(ctx, "/signin"); err == nil {
		t.Errorf("/signin while the slots are taken answered %d; want it to wait", code)
	}
	cancel()
	done := make(chan int, 1)
	go func() {
		code, _ := get(context.Background(), "/signin")
		done <- code
	}()
	select {
	case code := <-done:
		t.Fatalf("a waiting request answered %d before a slot freed", code)
	case <-time.After(300 * time.Millisecond):
	}
	<-s.slots // one request ends
	select {
	case code := <-done:
		if code != http.StatusSeeOther && code != http.StatusOK {
			t.Errorf("after a slot freed: %d", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a waiting request did not go on when a slot freed")
	}
	// The client that gave up left no slot taken: one is still free.
	if n := len(s.slots); n != 1 {
		t.Errorf("slots taken at the end: %d; want 1 (ours)", n)
	}
}
