package desk_test

import (
	"context"
	"testing"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/searchindex"
	"github.com/factdesk/factdesk/migrations/dbtest"
	"github.com/factdesk/factdesk/sources"
	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/desk"
)

// A desk built by New finds a claim and a source by their words (each kind's
// loader is set), and its export adapters read the sources domain.
func TestNewWiresEveryDomain(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := desk.New(dbtest.New(t)) // SQLite, or PostgreSQL with FACTDESK_TEST_PG
	u, err := d.Users.CreateUser(ctx, auth.NewUser{Email: "r@example.org", Name: "Rana", Role: "reviewer", Password: "a long enough password"})
	if err != nil {
		t.Fatal(err)
	}
	actor := claims.Actor{ID: u.ID, Role: claims.RoleReviewer}
	if _, err := d.Claims.CreateArticle(ctx, actor, claims.NewArticle{Title: "Nvidia", Body: "Nvidia lost about $900 billion yesterday.", Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	src, err := d.Sources.CreateSource(ctx, u.ID, sources.Input{URL: "https://example.org/nvidia", Title: "Nvidia market value", Kind: "news", Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := d.Index.Search(ctx, searchindex.Query{Text: "nvidia"})
	if err != nil {
		t.Fatal(err)
	}
	found := map[searchindex.Kind]bool{}
	for _, g := range res.Groups {
		found[g.Kind] = len(g.Hits) > 0
	}
	if !found[searchindex.KindArticle] || !found[searchindex.KindSource] {
		t.Errorf("search for nvidia found %v; want the article and the source", found)
	}
	ss, err := d.Export().Sources(ctx, []int64{src.ID})
	if err != nil || len(ss) != 1 || ss[0].Title != "Nvidia market value" {
		t.Errorf("export sources = %+v, %v", ss, err)
	}
}
