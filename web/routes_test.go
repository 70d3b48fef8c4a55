package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/web/auth"
)

// Every route but the public ones sends a signed-out visitor to sign in,
// whatever the method: the authorization matrix starts from e.Routes(), so a
// new route is covered the day it is added.
func TestEveryRouteNeedsSignIn(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	a.user("admin@example.org", auth.Admin)
	public := map[string]bool{"/healthz": true, "/static/*": true, "/setup": true, "/signin": true, "/signout": true, "/lang": true}
	c := a.client("en")
	c.hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	c.get("/signin") // a CSRF token, so POSTs reach the sign-in check
	n := 0
	for _, r := range a.srv.Echo().Routes() {
		if public[r.Path] || (r.Method != http.MethodGet && r.Method != http.MethodPost) {
			continue
		}
		path := strings.NewReplacer(":id", "1", ":eid", "1").Replace(r.Path)
		var p page
		if r.Method == http.MethodGet {
			p = c.get(path)
		} else {
			p = c.post(path, url.Values{}, true)
		}
		n++
		if loc := p.header.Get("Location"); p.status != http.StatusSeeOther || !strings.HasPrefix(loc, "/signin") {
			t.Errorf("%s %s signed out: %d to %q; want 303 to /signin", r.Method, r.Path, p.status, loc)
		}
	}
	if n < 25 {
		t.Errorf("only %d routes checked; the route listing is broken", n)
	}
}
