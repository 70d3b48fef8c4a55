package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/factdesk/factdesk/web/auth"
)

// TestSignOutEndsSessionServerSide: signing out clears the cookie and deletes
// the session, so a copy of the cookie taken before (a stolen cookie, another
// tab) is refused afterwards; other sessions of the same user live on.
func TestSignOutEndsSessionServerSide(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	a.user("admin@example.org", auth.Admin)
	a.user("rev@example.org", auth.Reviewer)
	c, laptop := a.client("en"), a.client("en")
	c.signIn("rev@example.org")
	laptop.signIn("rev@example.org")
	u, _ := url.Parse(c.base)
	var old string
	for _, ck := range c.hc.Jar.Cookies(u) {
		if ck.Name == "factdesk_session" {
			old = ck.Value
		}
	}
	if old == "" {
		t.Fatal("no session cookie after sign-in")
	}
	c.get("/")
	p := c.post("/signout", url.Values{}, true)
	if p.url != "/signin" {
		t.Fatalf("sign out landed on %s", p.url)
	}
	for _, ck := range c.hc.Jar.Cookies(u) {
		if ck.Name == "factdesk_session" {
			t.Errorf("session cookie still set after sign-out: %q", ck.Value)
		}
	}
	// The old cookie, replayed by another browser, is refused and cleared.
	replay, _ := http.NewRequest("GET", c.base+"/claims", nil)
	replay.AddCookie(&http.Cookie{Name: "factdesk_session", Value: old})
	resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(replay)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/signin?next=%2Fclaims" {
		t.Errorf("replayed cookie after sign-out: %d %s; want 303 to /signin", resp.StatusCode, resp.Header.Get("Location"))
	}
	cleared := false
	for _, ck := range resp.Cookies() {
		cleared = cleared || ck.Name == "factdesk_session" && ck.MaxAge < 0
	}
	if !cleared {
		t.Error("the unknown session cookie was not cleared")
	}
	// The same user's other session is untouched.
	if p := laptop.get("/claims"); p.url != "/claims" || p.status != http.StatusOK {
		t.Errorf("other session after sign-out elsewhere: %s %d", p.url, p.status)
	}
}
