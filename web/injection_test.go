package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// injections are SQL, LIKE and full-text query syntax that would widen a
// search if it reached the database as syntax rather than as words.
var injections = []string{
	`' OR 1=1--`,
	`" OR ""="`,
	`') OR ('q'='q`,
	`1; DROP TABLE claims;--`,
	`UNION SELECT email, password_hash FROM users--`,
	`*`,
	`%`,
	`_`,
	`\`,
	`%%`,
	`NEAR(zz yy)`,
	`statement:zz`,
	`^zz`,
	`zz OR yy`,
	`zz* | yy*`,
	`"zz`,
	`(((`,
	`-- comment`,
	`/* c */`,
}

// Injection attempts find nothing more than their words do: on every search
// and list endpoint a query with SQL, LIKE or full-text syntax answers without
// a server error and lists only records that its plain words (the syntax
// replaced by spaces) list, and nothing when it has no word (a substring
// search, as in the sources library, may find fewer); a real
// word still finds its records (so "nothing" is not a broken search); and the
// tables are intact afterwards.
func TestInjectionFindsNothing(t *testing.T) {
	t.Parallel()
	d := newSearchDesk(t)
	c := d.a.client("en")
	c.signIn("rev@example.org")

	type endpoint struct {
		path string
		hits func(p page) []string
	}
	rows := func(sel string) func(p page) []string {
		return func(p page) []string {
			var out []string
			p.doc.Find(sel).Each(func(_ int, s *goquerySel) { out = append(out, strings.Join(strings.Fields(s.Text()), " ")) })
			return out
		}
	}
	endpoints := []endpoint{
		{"/claims?q=", rows("[data-testid=claim-row]")},
		{"/search?q=", rows("[data-testid=search-hit]")},
		{"/search/results?q=", rows("[data-testid=pop-hit], [data-testid=search-hit]")},
		{"/sources?q=", rows("[data-testid=source-row]")},
		{"/sources/search?q=", func(p page) []string {
			var body struct {
				Sources []json.RawMessage `json:"sources"`
			}
			if err := json.Unmarshal([]byte(p.body), &body); err != nil {
				t.Fatalf("/sources/search answered %q: %v", p.body, err)
			}
			var out []string
			for _, s := range body.Sources {
				out = append(out, string(s))
			}
			return out
		}},
	}

	// The control: real words find their records on each endpoint.
	for _, e := range endpoints {
		p := c.get(e.path + "nvidia")
		if p.status != http.StatusOK || len(e.hits(p)) == 0 {
			t.Fatalf("%snvidia: status %d, no result; want some", e.path, p.status)
		}
	}

	var before [3]int64
	d.a.db.Raw("SELECT (SELECT COUNT(*) FROM claims), (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM sources)").Row().Scan(&before[0], &before[1], &before[2])
	for _, e := range endpoints {
		for _, inj := range injections {
			p := c.get(e.path + url.QueryEscape(inj))
			if p.status >= 500 {
				t.Errorf("%s%q: status %d", e.path, inj, p.status)
				continue
			}
			got := e.hits(p)
			var want []string
			if words := strings.Join(strings.FieldsFunc(inj, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), " "); words != "" {
				want = e.hits(c.get(e.path + url.QueryEscape(words)))
			}
			for _, g := range got {
				if !slices.Contains(want, g) {
					t.Errorf("%s%q found %q, which its words alone (%q) do not find", e.path, inj, g, want)
				}
			}
		}
	}
	var after [3]int64
	d.a.db.Raw("SELECT (SELECT COUNT(*) FROM claims), (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM sources)").Row().Scan(&after[0], &after[1], &after[2])
	if after != before || before[0] == 0 {
		t.Errorf("claims, users, sources: %v before, %v after", before, after)
	}
}
