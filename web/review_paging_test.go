package web_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/web/auth"
)

// The review queue pages through a long queue with a cursor: every waiting
// version appears exactly once, oldest first, 50 to a page.
func TestReviewQueuePages(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	a.user("admin@example.org", auth.Admin)
	a.user("rev@example.org", auth.Reviewer)
	a.user("ed@example.org", auth.Editor)
	ctx := context.Background()
	if _, err := claims.Generate(ctx, a.db, claims.GenerateOptions{Articles: 10, Claims: 600, Texts: []string{articleAR}, Rand: rand.New(rand.NewPCG(5, 6))}); err != nil {
		t.Fatal(err)
	}
	if _, err := claims.GenerateVerdicts(ctx, a.db, rand.New(rand.NewPCG(7, 8))); err != nil {
		t.Fatal(err)
	}
	var waiting int64
	a.db.Raw("SELECT COUNT(*) FROM verdicts WHERE state = 'submitted'").Scan(&waiting)
	if waiting <= 100 {
		t.Fatalf("only %d versions waiting; the test needs more than two pages", waiting)
	}
	ed := a.client("en")
	ed.signIn("ed@example.org")
	seen := map[string]bool{}
	path, pages := "/review", 0
	for path != "" {
		p := ed.get(path)
		if p.status != 200 {
			t.Fatalf("%s: %d", path, p.status)
		}
		pages++
		rows := p.doc.Find("[data-testid=queue-row]")
		if rows.Length() > 50 {
			t.Fatalf("page %d has %d rows", pages, rows.Length())
		}
		rows.Each(func(_ int, r *goquery.Selection) {
			href, _ := r.Find("a").First().Attr("href")
			if seen[href] {
				t.Errorf("%s listed twice", href)
			}
			seen[href] = true
		})
		path, _ = p.doc.Find("[data-testid=queue-next]").Attr("href")
		if pages > 100 {
			t.Fatal("the pager does not end")
		}
	}
	if int64(len(seen)) != waiting {
		t.Errorf("the pages listed %d versions; %d are waiting", len(seen), waiting)
	}
	if p := ed.get("/review?after=nonsense"); p.status != 400 {
		t.Errorf("a broken cursor: %d; want 400", p.status)
	}
}
