package web_test

import (
	"context"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/sources"
	"github.com/factdesk/factdesk/web/auth"
)

// access is who may use a route.
type access int

const (
	public   access = iota // anyone, signed in or not
	signedIn               // any active account (reviewer and up)
	editor                 // editors and admins
	admin                  // admins only
)

// routeAccess is the authorization matrix: every route of the app with who
// may use it. A route missing here fails TestAuthorizationMatrix, so a new
// route cannot ship without a decision about who may call it.
var routeAccess = map[string]access{
	"GET /healthz":  public,
	"GET /static/*": public,
	"GET /setup":    public,
	"POST /setup":   public,
	"GET /signin":   public,
	"POST /signin":  public,
	"POST /signout": public,
	"POST /lang":    public,

	"GET /":                                  signedIn,
	"GET /articles":                          signedIn,
	"GET /articles/new":                      signedIn,
	"POST /articles":                         signedIn,
	"GET /articles/:id":                      signedIn,
	"GET /articles/:id/claims/new":           signedIn,
	"POST /articles/:id/claims":              signedIn,
	"GET /claims":                            signedIn,
	"GET /articles/:id/suggestions/edit":     signedIn,
	"POST /articles/:id/suggestions/log":     signedIn,
	"POST /articles/:id/suggestions/dismiss": signedIn,
	"POST /articles/:id/suggestions/restore": signedIn,
	"GET /board":                             signedIn,
	"GET /claims/:id":                        signedIn,
	"GET /claims/:id/edit":                   signedIn,
	"POST /claims/:id":                       signedIn,
	"POST /claims/:id/status":                signedIn,

	"GET /prior-checks":             signedIn,
	"GET /prior-checks/:id":         signedIn,
	"GET /prior-checks/import":      editor,
	"POST /prior-checks/import":     editor,
	"GET /prior-checks/imports/:id": editor,
	"GET /imports/csv":              signedIn,
	"POST /imports/csv":             signedIn,
	"GET /imports/csv/:id":          signedIn,
	"POST /imports/csv/:id":         signedIn,

	// Sources and evidence: reviewers add and edit, editors delete sources.
	"POST /claims/:id/evidence":             signedIn,
	"GET /claims/:id/evidence/:eid/edit":    signedIn,
	"POST /claims/:id/evidence/:eid":        signedIn,
	"POST /claims/:id/evidence/:eid/delete": signedIn,
	"GET /sources":                          signedIn,
	"GET /sources/search":                   signedIn,
	"GET /sources/new":                      signedIn,
	"POST /sources":                         signedIn,
	"GET /sources/:id":                      signedIn,
	"GET /sources/:id/edit":                 signedIn,
	"POST /sources/:id":                     signedIn,
	"POST /sources/:id/delete":              editor,

	// Verdicts, review and discussion.
	"POST /claims/:id/verdict":    signedIn,
	"POST /claims/:id/comments":   signedIn,
	"GET /inbox":                  signedIn,
	"GET /overview":               signedIn,
	"POST /claims/:id/correction": editor,
	"GET /review":                 editor,
	"GET /review/:id":             editor,
	"POST /review/:id/approve":    editor,
	"POST /review/:id/changes":    editor,

	// Search and "checked before".
	"GET /search":                        signedIn,
	"GET /search/results":                signedIn,
	"GET /checked-before":                signedIn,
	"POST /claims/:id/links":             signedIn,
	"POST /claims/:id/links/:lid/delete": signedIn,
	"POST /claims/:id/reuse":             signedIn,
	"POST /claims/:id/carry":             editor,
	// Reports and exports: the public report and the label colours are
	// public; editors publish and withdraw; admins set the organisation.
	"GET /r/:token":                      public,
	"GET /labels.css":                    public,
	"GET /articles/:id/report":           signedIn,
	"GET /articles/:id/report.pdf":       signedIn,
	"POST /articles/:id/report/publish":  editor,
	"POST /articles/:id/report/withdraw": editor,
	"GET /exports":                       signedIn,
	"GET /exports/download":              signedIn,
	"GET /admin/settings":                admin,
	"POST /admin/settings":               admin,

	"GET /admin/labels":             admin,
	"POST /admin/labels":            admin,
	"POST /admin/labels/:id":        admin,
	"POST /admin/labels/:id/move":   admin,
	"POST /admin/labels/:id/retire": admin,
	"POST /admin/labels/:id/delete": admin,
	"GET /admin/users":              admin,
	"POST /admin/users":             admin,
	"POST /admin/users/:id":         admin,
}

type persona struct {
	name string
	role auth.Role // "" for signed out
	// disabled: signed in, then the account was disabled.
	disabled bool
	level    access
}

var personas = []persona{
	{name: "signed-out", level: public},
	{name: "disabled", role: auth.Editor, disabled: true, level: public},
	{name: "reviewer", role: auth.Reviewer, level: signedIn},
	{name: "editor", role: auth.Editor, level: editor},
	{name: "admin", role: auth.Admin, level: admin},
}

func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	// Every route is in the matrix, and the matrix names no route that is gone.
	a := newApp(t)
	seen := map[string]bool{}
	for _, r := range a.srv.Echo().Routes() {
		if strings.HasPrefix(r.Name, "github.com/labstack/echo") || r.Method == "echo_route_not_found" {
			continue
		}
		key := r.Method + " " + r.Path
		seen[key] = true
		if _, ok := routeAccess[key]; !ok {
			t.Errorf("route %s is not in the authorization matrix (web/authz_test.go): decide who may use it", key)
		}
	}
	for key := range routeAccess {
		if !seen[key] {
			t.Errorf("the matrix lists %s, which is no longer a route", key)
		}
	}
	if t.Failed() {
		return
	}
	keys := make([]string, 0, len(routeAccess))
	for k := range routeAccess {
		keys = append(keys, k)
	}
	sort.Strings(keys)

	for _, p := range personas {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			a := newApp(t)
			ctx := context.Background()
			a.user("owner@example.org", auth.Admin)
			target := a.user("target@example.org", auth.Reviewer)
			author := a.user("author@example.org", auth.Reviewer)
			art, err := a.svc.CreateArticle(ctx, claims.Actor{ID: author.ID, Role: claims.RoleReviewer},
				claims.NewArticle{Title: "Matrix", Body: "The company said it spent 6 million dollars in 2024."})
			if err != nil {
				t.Fatal(err)
			}
			cl, err := a.svc.CreateClaim(ctx, claims.Actor{ID: author.ID, Role: claims.RoleReviewer}, art.ID,
				claims.ClaimInput{Statement: "It spent 6 million dollars", Type: "other", Quote: "6 million dollars", Start: -1, End: -1})
			if err != nil {
				t.Fatal(err)
			}
			ev, _, err := a.src.AddEvidenceWithSource(ctx, author.ID, cl.ID, sources.Input{URL: "https://example.org/report", Title: "Report", Kind: "news"},
				sources.EvidenceInput{Stance: "supports"})
			if err != nil {
				t.Fatal(err)
			}
			ids := map[string]int64{"articles": art.ID, "claims": cl.ID, "users": target.ID, "review": cl.ID, "labels": 1,
				"sources": ev.Source.ID, "evidence": ev.ID}

			c := a.client("en")
			if p.role != "" {
				u := a.user(p.name+"@example.org", p.role)
				c.signIn(p.name + "@example.org")
				if p.disabled {
					if _, err := a.srv.Users().UpdateUser(ctx, auth.UserUpdate{ID: u.ID, Role: string(u.Role), Disabled: true, Version: u.Version}); err != nil {
						t.Fatal(err)
					}
				}
			} else {
				c.get("/signin") // a CSRF token, so refusals are about identity, not forgery
			}
			c.hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

			for _, key := range keys {
				need := routeAccess[key]
				method, path, _ := strings.Cut(key, " ")
				path = fill(path, ids)
				if method == "POST" && (path == "/signout" || path == "/lang") {
					continue // they end or change the session used by the next requests; covered elsewhere
				}
				var pg page
				if method == "GET" {
					pg = c.get(path)
				} else {
					pg = c.post(path, url.Values{}, true)
				}
				loc := pg.header.Get("Location")
				toSignin := pg.status == http.StatusSeeOther && strings.HasPrefix(loc, "/signin")
				switch {
				case pg.status >= 500:
					t.Errorf("%s %s: %d", method, path, pg.status)
				case p.level >= need:
					if need != public && (pg.status == http.StatusForbidden || pg.status == http.StatusUnauthorized || toSignin) {
						t.Errorf("%s %s: %s was refused (%d %s)", method, path, p.name, pg.status, loc)
					}
				case p.role == "" || p.disabled:
					if !toSignin {
						t.Errorf("%s %s: %s got %d %s; want a redirect to sign in", method, path, p.name, pg.status, loc)
					}
				default:
					if pg.status != http.StatusForbidden {
						t.Errorf("%s %s: %s got %d %s; want 403", method, path, p.name, pg.status, loc)
					}
				}
			}
		})
	}
}

// Every state-changing route refuses a request without the CSRF token, even
// from a signed-in admin, and changes nothing.
func TestEveryPostNeedsCSRF(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	a.user("admin@example.org", auth.Admin)
	c := a.client("en")
	c.signIn("admin@example.org")
	c.hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	n := 0
	for _, r := range a.srv.Echo().Routes() {
		if r.Method != http.MethodPost || strings.HasPrefix(r.Name, "github.com/labstack/echo") {
			continue
		}
		n++
		path := fill(r.Path, map[string]int64{"articles": 1, "claims": 1, "users": 1, "labels": 1, "review": 1, "imports": 1, "csv": 1})
		if p := c.post(path, url.Values{"version": {"1"}}, false); p.status != http.StatusForbidden || !strings.Contains(p.body, "expired") {
			t.Errorf("POST %s without a CSRF token: %d", r.Path, p.status)
		}
	}
	if n < 10 {
		t.Fatalf("only %d POST routes found", n)
	}
}

// fill replaces :id by a fixture's id, chosen by the path segment before it.
func fill(path string, ids map[string]int64) string {
	parts := strings.Split(path, "/")
	for i, s := range parts {
		if strings.HasPrefix(s, ":") && i > 0 {
			parts[i] = strconv.FormatInt(ids[parts[i-1]], 10)
		}
		if s == "*" {
			parts[i] = "css/app.css"
		}
	}
	return strings.Join(parts, "/")
}
