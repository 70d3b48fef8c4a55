package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// /claims?q= finds claims through the search index: Arabic typed with or
// without diacritics and hamza, with the other filters, paged by the next
// link (50 a page), the query kept in the filter form.
func TestClaimListFreeText(t *testing.T) {
	t.Parallel()
	rev, _, art := reviewerAndEditor(t)
	logClaim := func(statement, typ string) {
		t.Helper()
		rev.get(art + "/claims/new")
		p := rev.post(art+"/claims", url.Values{"quote": {"نحو 900 مليار دولار"}, "statement": {statement}, "type": {typ}}, true)
		if !strings.HasPrefix(p.url, "/claims/") {
			t.Fatalf("log %q: %d %s", statement, p.status, text(p, ".error"))
		}
	}
	for i := range 53 {
		typ := "other"
		if i%2 == 0 {
			typ = "money"
		}
		logClaim("خسرت إنفيديا "+strconv.Itoa(i+1)+" مليار دولار", typ)
	}
	logClaim("كلّف بناء النموذج 6 ملايين دولار", "money")
	logClaim("Nvidia shares fell 20 percent", "percent")

	rows := func(p page) int { return p.doc.Find("[data-testid=claim-row]").Length() }
	// Without hamza, with diacritics: the same 53 claims, and the English one
	// through the name Nvidia stands for.
	for _, q := range []string{"انفيديا", "إِنْفِيدْيَا", "نفيديا"} {
		p := rev.get("/claims?q=" + url.QueryEscape(q))
		if p.status != http.StatusOK || rows(p) != 50 {
			t.Fatalf("q=%s: %d, %d rows; want 200 and a full page of 50", q, p.status, rows(p))
		}
		if v, _ := p.doc.Find("[data-testid=claim-filters] input[name=q]").Attr("value"); v != q {
			t.Errorf("q=%s: the filter form shows %q", q, v)
		}
		next, ok := p.doc.Find("[data-testid=next-page]").Attr("href")
		if !ok {
			t.Fatalf("q=%s: no next page", q)
		}
		seen := map[string]bool{}
		p.doc.Find("[data-testid=claim-row] a[href^='/claims/']").Each(func(_ int, s *goquery.Selection) { seen[s.AttrOr("href", "")] = true })
		p = rev.get(next)
		if rows(p) != 4 || p.doc.Find("[data-testid=next-page]").Length() != 0 {
			t.Errorf("q=%s, second page: %d rows; want the last 4 and no next link", q, rows(p))
		}
		p.doc.Find("[data-testid=claim-row] a[href^='/claims/']").Each(func(_ int, s *goquery.Selection) {
			if seen[s.AttrOr("href", "")] {
				t.Errorf("q=%s: %s on both pages", q, s.AttrOr("href", ""))
			}
		})
	}
	for _, tt := range []struct {
		query string
		want  int
	}{
		{"q=" + url.QueryEscape("إنفيديا") + "&type=money", 27},
		{"q=" + url.QueryEscape("انفيديا 17") + "&sort=updated", 1},
		{"q=" + url.QueryEscape("ملايين") + "&type=money&sort=priority", 1},
		{"q=nvidia&type=percent", 1},
		{"q=nvidia&status=published", 0},
		{"q=" + url.QueryEscape("؟!"), 0},
		{"q=zzyzx", 0},
	} {
		p := rev.get("/claims?" + tt.query)
		if p.status != http.StatusOK || rows(p) != tt.want {
			t.Errorf("/claims?%s: %d, %d rows; want 200, %d", tt.query, p.status, rows(p), tt.want)
		}
		if tt.want == 0 && p.doc.Find("[data-testid=no-claims]").Length() != 1 {
			t.Errorf("/claims?%s: no 'no claims' message", tt.query)
		}
	}
}
