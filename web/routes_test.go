package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/web/auth"
)

// minRole is the least role each route needs: routes are public, for any
// signed-in member, for editors, or for admins. A new route must be listed.
var minRole = map[string]string{
	"GET /healthz": "public", "GET /static/*": "public", "GET /setup": "public", "POST /setup": "public",
	"GET /signin": "public", "POST /signin": "public", "POST /signout": "public", "POST /lang": "public",

	"GET /": "reviewer", "GET /articles": "reviewer", "GET /articles/new": "reviewer", "POST /articles": "reviewer",
	"GET /articles/:id": "reviewer", "GET /articles/:id/claims/new": "reviewer", "POST /articles/:id/claims": "reviewer",
	"GET /claims": "reviewer", "GET /board": "reviewer", "GET /claims/:id": "reviewer", "GET /claims/:id/edit": "reviewer",
	"POST /claims/:id": "reviewer", "POST /claims/:id/status": "reviewer",
	"POST /claims/:id/verdict": "reviewer", "POST /claims/:id/comments": "reviewer", "GET /inbox": "reviewer", "GET /overview": "reviewer",

	"POST /claims/:id/correction": "editor", "GET /review": "editor", "GET /review/:id": "editor",
	"POST /review/:id/approve": "editor", "POST /review/:id/changes": "editor",

	"GET /admin/users": "admin", "POST /admin/users": "admin", "POST /admin/users/:id": "admin",
	"GET /admin/labels": "admin", "POST /admin/labels": "admin", "POST /admin/labels/:id": "admin",
	"POST /admin/labels/:id/move": "admin", "POST /admin/labels/:id/retire": "admin", "POST /admin/labels/:id/delete": "admin",
}

// Every route, for every role: refused with 403 below its role, never
// refused for the role itself; every POST refused without a CSRF token;
// signed-out visitors sent to sign in.
func TestRouteAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	a.user("admin@example.org", auth.Admin)
	a.user("rev@example.org", auth.Reviewer)
	a.user("ed@example.org", auth.Editor)
	clients := map[string]*client{"reviewer": a.client("en"), "editor": a.client("en"), "admin": a.client("en")}
	clients["reviewer"].signIn("rev@example.org")
	clients["editor"].signIn("ed@example.org")
	clients["admin"].signIn("admin@example.org")
	rank := map[string]int{"public": 0, "reviewer": 1, "editor": 2, "admin": 3}
	seen := map[string]bool{}
	for _, r := range a.srv.Echo().Routes() {
		if r.Method != http.MethodGet && r.Method != http.MethodPost {
			continue
		}
		key := r.Method + " " + r.Path
		if seen[key] {
			continue
		}
		seen[key] = true
		need, ok := minRole[key]
		if !ok {
			t.Errorf("route %s is not in the authorization matrix", key)
			continue
		}
		path := strings.ReplaceAll(strings.ReplaceAll(r.Path, ":id", "999999"), "*", "css/app.css")
		if need == "public" {
			continue
		}
		for role, c := range clients {
			var p page
			if r.Method == http.MethodGet {
				p = c.get(path)
			} else {
				c.get("/")
				p = c.post(path, url.Values{"version": {"1"}}, true)
			}
			denied := p.status == http.StatusForbidden
			if want := rank[role] < rank[need]; denied != want {
				t.Errorf("%s as %s: status %d; want denied=%v", key, role, p.status, want)
			}
		}
		anon := a.client("en")
		if r.Method == http.MethodGet {
			if p := anon.get(path); p.url != "/signin" {
				t.Errorf("%s signed out: landed on %s", key, p.url)
			}
		} else {
			if p := clients["admin"].post(path, url.Values{}, false); p.status != http.StatusForbidden || !strings.Contains(p.body, "expired") {
				t.Errorf("%s without a CSRF token: %d", key, p.status)
			}
			anon.get("/signin")
			if p := anon.post(path, url.Values{}, true); p.url != "/signin" {
				t.Errorf("%s signed out: landed on %s", key, p.url)
			}
		}
	}
	for key := range minRole {
		if !seen[key] {
			t.Errorf("matrix lists %s, which is not a route", key)
		}
	}
}
