package web_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/migrations"
	"github.com/factdesk/factdesk/web"
)

// /healthz reports the database and the schema; an instance whose database
// is behind its schema answers 503 so that a load balancer sends it nothing.
func TestHealthzReportsSchema(t *testing.T) {
	t.Parallel()
	db, err := migrations.Open(filepath.Join(t.TempDir(), "h.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { migrations.Close(db) })
	if _, err := migrations.Up(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	srv := web.New(web.Config{DB: db, Claims: claims.NewService(db), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: "test"})
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
