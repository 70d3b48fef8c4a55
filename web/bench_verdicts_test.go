package web_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/factdesk/factdesk/claims"
)

// The verdict pages on the generated desk (100,000 claims, about a quarter
// published and a quarter in review, each with its verdict).
func BenchmarkVerdictPages(b *testing.B) {
	benchSetup(b)
	items, err := benchSvc.ReviewQueue(context.Background(), 1, nil)
	if err != nil || len(items) == 0 {
		b.Fatalf("review queue: %v", err)
	}
	var published int64
	page, err := benchSvc.Claims(context.Background(), claims.Filter{Status: "published"})
	if err != nil || len(page.Claims) == 0 {
		b.Fatalf("published claims: %v", err)
	}
	published = page.Claims[0].ID
	for _, p := range []string{"/review", "/review/" + strconv.FormatInt(items[0].Verdict.ID, 10), "/overview", "/inbox",
		"/claims/" + strconv.FormatInt(published, 10), "/admin/labels"} {
		b.Run(p, func(b *testing.B) { reportLatency(b, func(int) { benchGet(b, p) }) })
	}
}
