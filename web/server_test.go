package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/migrations/dbtest"
	"github.com/factdesk/factdesk/sources"
	"github.com/factdesk/factdesk/web"
	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/desk"
)

const testPassword = "a long enough password"

type app struct {
	t   *testing.T
	srv *web.Server
	ts  *httptest.Server
	svc *claims.Service
	ev  *evidence
	src *sources.Service
	db  *gorm.DB
}

func newApp(t *testing.T) *app {
	t.Helper()
	db := dbtest.New(t) // SQLite, or PostgreSQL with FACTDESK_TEST_PG
	dk := desk.New(db)
	svc, src := dk.Claims, dk.Sources
	srv := web.New(web.Config{Desk: dk, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &app{t: t, srv: srv, ts: ts, svc: svc, src: src, db: db, ev: &evidence{t: t, src: src}}
}

func (a *app) user(email string, role auth.Role) auth.User {
	a.t.Helper()
	u, err := a.srv.Users().CreateUser(context.Background(), auth.NewUser{Email: email, Name: "User " + email, Role: string(role), Password: testPassword})
	if err != nil {
		a.t.Fatal(err)
	}
	return u
}

// client is a browser without JavaScript: cookies, no redirects followed
// unless asked, CSRF token taken from the last page.
type client struct {
	t    *testing.T
	base string
	hc   *http.Client
	csrf string
	lang string
}

func (a *app) client(lang string) *client {
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar}
	return &client{t: a.t, base: a.ts.URL, hc: hc, lang: lang}
}

type page struct {
	status int
	url    string
	body   string
	doc    *goquery.Document
	header http.Header
}

func (c *client) do(req *http.Request) page {
	c.t.Helper()
	if c.lang != "" {
		req.Header.Set("Accept-Language", c.lang)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(string(b)))
	if v, ok := doc.Find(`input[name="_csrf"]`).First().Attr("value"); ok {
		c.csrf = v
	}
	return page{status: resp.StatusCode, url: resp.Request.URL.Path, body: string(b), doc: doc, header: resp.Header}
}

func (c *client) get(path string) page {
	c.t.Helper()
	req, _ := http.NewRequest("GET", c.base+path, nil)
	return c.do(req)
}

// post submits a form with the current CSRF token (unless csrf is false).
func (c *client) post(path string, form url.Values, csrf bool) page {
	c.t.Helper()
	if csrf {
		form.Set("_csrf", c.csrf)
	}
	req, _ := http.NewRequest("POST", c.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

func (c *client) signIn(email string) page {
	c.t.Helper()
	c.get("/signin")
	p := c.post("/signin", url.Values{"email": {email}, "password": {testPassword}}, true)
	if p.url != "/" {
		c.t.Fatalf("sign in as %s landed on %s (%d)", email, p.url, p.status)
	}
	return p
}

func text(p page, sel string) string { return strings.TrimSpace(p.doc.Find(sel).First().Text()) }

func TestSetupFlowAndSecurityHeaders(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	c := a.client("ar-EG,ar;q=0.9")
	p := c.get("/")
	if p.url != "/setup" {
		t.Fatalf("first visit landed on %s; want /setup", p.url)
	}
	if lang, _ := p.doc.Find("html").Attr("lang"); lang != "ar" {
		t.Errorf("html lang = %q; want ar from Accept-Language", lang)
	}
	if dir, _ := p.doc.Find("html").Attr("dir"); dir != "rtl" {
		t.Errorf("html dir = %q; want rtl", dir)
	}
	csp := p.header.Get("Content-Security-Policy")
	for _, want := range []string{"script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP allows inline code: %q", csp)
	}
	if p.header.Get("X-Content-Type-Options") != "nosniff" || p.header.Get("Referrer-Policy") == "" {
		t.Errorf("missing headers: %v", p.header)
	}
	// Bad input keeps the form and stores nothing.
	p = c.post("/setup", url.Values{"name": {"Admin"}, "email": {"not-an-email"}, "password": {"short"}}, true)
	if p.status != http.StatusUnprocessableEntity || text(p, "#err-email") == "" || text(p, "#err-password") == "" {
		t.Fatalf("bad setup: status %d, errors %q %q", p.status, text(p, "#err-email"), text(p, "#err-password"))
	}
	if v, _ := p.doc.Find("#f-name").Attr("value"); v != "Admin" {
		t.Errorf("name not kept: %q", v)
	}
	if !strings.Contains(text(p, "#err-email"), "بريد") {
		t.Errorf("error not in Arabic: %q", text(p, "#err-email"))
	}
	// Without a CSRF token: refused with 403, nothing created.
	p = c.post("/setup", url.Values{"name": {"Admin"}, "email": {"admin@example.org"}, "password": {testPassword}}, false)
	if p.status != http.StatusForbidden {
		t.Fatalf("setup without CSRF token: %d; want 403", p.status)
	}
	if need, _ := a.srv.Users().NeedsSetup(context.Background()); !need {
		t.Fatal("an admin was created without a CSRF token")
	}
	p = c.post("/setup", url.Values{"name": {"Admin"}, "email": {"admin@example.org"}, "password": {testPassword}}, true)
	if p.url != "/" || p.status != 200 {
		t.Fatalf("setup landed on %s (%d)", p.url, p.status)
	}
	if !strings.Contains(text(p, "[data-testid=flash]"), "المسؤول") {
		t.Errorf("flash = %q", text(p, "[data-testid=flash]"))
	}
	// Setup is closed now.
	p = c.get("/setup")
	if p.url != "/" {
		t.Errorf("second /setup landed on %s", p.url)
	}
}

func TestSignInSignOutAndSessionRotation(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	a.user("admin@example.org", auth.Admin)
	a.user("rev@example.org", auth.Reviewer)
	c := a.client("en")
	c.get("/signin")
	p := c.post("/signin", url.Values{"email": {"rev@example.org"}, "password": {"wrong password!"}}, true)
	if p.status != http.StatusUnauthorized || !strings.Contains(text(p, "[data-testid=form-error]"), "Wrong email or password") {
		t.Fatalf("wrong password: %d %q", p.status, text(p, "[data-testid=form-error]"))
	}
	p = c.post("/signin", url.Values{"email": {"ghost@example.org"}, "password": {testPassword}}, true)
	if !strings.Contains(text(p, "[data-testid=form-error]"), "Wrong email or password") {
		t.Fatalf("unknown account message differs: %q", text(p, "[data-testid=form-error]"))
	}
	// A session id planted before sign-in is replaced.
	u, _ := url.Parse(c.base)
	c.hc.Jar.SetCookies(u, []*http.Cookie{{Name: "factdesk_session", Value: "planted-by-attacker"}})
	c.signIn("rev@example.org")
	for _, ck := range c.hc.Jar.Cookies(u) {
		if ck.Name == "factdesk_session" && ck.Value == "planted-by-attacker" {
			t.Fatal("session id not rotated at sign-in")
		}
	}
	// Reviewers may not open the admin page.
	if p := c.get("/admin/users"); p.status != http.StatusForbidden {
		t.Errorf("reviewer on /admin/users: %d; want 403", p.status)
	}
	c.get("/")
	p = c.post("/signout", url.Values{}, true)
	if p.url != "/signin" {
		t.Fatalf("sign out landed on %s", p.url)
	}
	if p := c.get("/claims"); p.url != "/signin" {
		t.Errorf("after sign out /claims landed on %s; want /signin", p.url)
	}
}

func TestAdminManagesUsersAndDisableEndsSessions(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	a.user("admin@example.org", auth.Admin)
	admin := a.client("en")
	admin.signIn("admin@example.org")
	admin.get("/admin/users")
	p := admin.post("/admin/users", url.Values{"name": {"Ed"}, "email": {"ed@example.org"}, "role": {"editor"}, "password": {testPassword}}, true)
	if p.url != "/admin/users" || p.doc.Find(`[data-testid="user-ed@example.org"]`).Length() != 1 {
		t.Fatalf("create user: %s %d", p.url, p.status)
	}
	p = admin.post("/admin/users", url.Values{"name": {"Ed 2"}, "email": {"ED@example.org"}, "role": {"editor"}, "password": {testPassword}}, true)
	if p.status != http.StatusConflict {
		t.Errorf("duplicate email: %d; want 409", p.status)
	}
	p = admin.post("/admin/users", url.Values{"name": {"X"}, "email": {"x@example.org"}, "role": {"owner"}, "password": {testPassword}}, true)
	if p.status != http.StatusUnprocessableEntity {
		t.Errorf("unknown role: %d; want 422", p.status)
	}
	ed := a.client("en")
	ed.signIn("ed@example.org")
	edUser, _ := a.srv.Users().UserByEmail(context.Background(), "ed@example.org")
	admin.get("/admin/users")
	p = admin.post("/admin/users/"+itoa(edUser.ID), url.Values{"role": {"editor"}, "disabled": {"1"}, "version": {itoa(edUser.Version)}}, true)
	if !strings.Contains(text(p, "[data-testid=flash]"), "updated") {
		t.Fatalf("disable: %q", text(p, "[data-testid=flash]"))
	}
	if p := ed.get("/claims"); p.url != "/signin" {
		t.Errorf("disabled user still signed in: landed on %s", p.url)
	}
	// A stale form does not overwrite the newer change.
	p = admin.post("/admin/users/"+itoa(edUser.ID), url.Values{"role": {"reviewer"}, "version": {itoa(edUser.Version)}}, true)
	if !strings.Contains(text(p, "[data-testid=flash]"), "changed by someone else") {
		t.Errorf("stale user update: %q", text(p, "[data-testid=flash]"))
	}
}

func TestErrorPagesTranslatedWithoutInternals(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	a.user("admin@example.org", auth.Admin)
	c := a.client("ar")
	c.signIn("admin@example.org")
	p := c.get("/claims/999999")
	if p.status != http.StatusNotFound || !strings.Contains(text(p, "[data-testid=error-message]"), "غير موجودة") {
		t.Fatalf("404: %d %q", p.status, text(p, "[data-testid=error-message]"))
	}
	p = c.get("/nope")
	if p.status != http.StatusNotFound {
		t.Errorf("unknown route: %d", p.status)
	}
	p = c.post("/claims/1/status", url.Values{"status": {"bogus"}, "version": {"1"}}, true)
	if p.status != http.StatusUnprocessableEntity || strings.Contains(p.body, "bogus") {
		t.Errorf("unknown status: %d", p.status)
	}
	resp, err := http.Get(a.ts.URL + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", resp, err)
	}
}

func TestLanguageSwitchRemembered(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	a.user("admin@example.org", auth.Admin)
	c := a.client("en")
	c.signIn("admin@example.org")
	c.get("/")
	p := c.post("/lang", url.Values{"lang": {"ar"}, "next": {"/claims"}}, true)
	if p.url != "/claims" {
		t.Fatalf("lang switch landed on %s", p.url)
	}
	if dir, _ := p.doc.Find("html").Attr("dir"); dir != "rtl" {
		t.Fatalf("dir = %q after switching to Arabic", dir)
	}
	// A new browser (no cookies, English Accept-Language) gets Arabic once signed in.
	c2 := a.client("en")
	p = c2.signIn("admin@example.org")
	if lang, _ := p.doc.Find("html").Attr("lang"); lang != "ar" {
		t.Errorf("saved language not applied: %q", lang)
	}
	// An off-site next is ignored.
	p = c2.post("/lang", url.Values{"lang": {"en"}, "next": {"//evil.example/x"}}, true)
	if p.url != "/" {
		t.Errorf("open redirect: landed on %s", p.url)
	}
}
