package web_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/articletext"
	"github.com/factdesk/factdesk/migrations"
	"github.com/factdesk/factdesk/web"
	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/desk"
)

// The article page with its suggested claims, for a 5,000-word Arabic
// article: the demo article repeated with its figures, dates and years varied
// in each copy (so no two copies are alike). Two desks' states: 30 of its
// suggestions logged as claims and 20 dismissed (mid-way through), and 170
// logged (nearly done: every claim is located in the text and highlighted).
var (
	sgBenchOnce  sync.Once
	sgBenchSrv   *web.Server
	sgBenchSvc   *claims.Service
	sgBenchTok   string
	sgBenchArts  = map[int]claims.Article{} // by number of claims logged
	sgBenchSpans []articletext.Span         // of the 30-claim article
)

// variedArabicArticle builds an article of at least words words from the
// demo text.
func variedArabicArticle(tb testing.TB, words int) string {
	tb.Helper()
	demo, err := os.ReadFile("../cmd/factdesk/demo/article-ar.txt")
	if err != nil {
		tb.Fatal(err)
	}
	text := strings.TrimSpace(string(demo))
	var b strings.Builder
	for i := 0; len(strings.Fields(b.String())) < words; i++ {
		n := strconv.Itoa
		r := strings.NewReplacer(
			"900 مليار", n(900+i*7)+" مليار", "بنحو 20 %", "بنحو "+n(11+i%80)+" %", "6 ملايين", n(6+i)+" ملايين",
			"عام 2021", "عام "+n(1990+i), "عام 2023", "عام "+n(2024-i), "أواخر عام 2022", "أواخر عام "+n(1980+i),
			"20 يناير 2025", n(1+i%28)+" يناير "+n(2000+i))
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(r.Replace(text))
	}
	return b.String()
}

func sgBenchSetup(b *testing.B) {
	sgBenchOnce.Do(func() {
		db, err := migrations.Open(benchDatabase(b, "suggest"))
		if err != nil {
			b.Fatal(err)
		}
		ctx := context.Background()
		if _, err := migrations.Up(ctx, db); err != nil {
			b.Fatal(err)
		}
		st := auth.NewStore(db)
		u, err := st.CreateUser(ctx, auth.NewUser{Email: "rev@example.org", Name: "Rev", Role: "reviewer", Password: testPassword, Lang: "ar"})
		if err != nil {
			b.Fatal(err)
		}
		dk := desk.New(db)
		sgBenchSvc = dk.Claims
		sgBenchSrv = web.New(web.Config{Desk: dk, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		sgBenchTok, _ = st.CreateSession(ctx, u.ID, "bench")
		rev := claims.Actor{ID: u.ID, Role: claims.RoleReviewer}
		body := variedArabicArticle(b, 5000)
		for _, n := range []int{30, 170} {
			art, err := sgBenchSvc.CreateArticle(ctx, rev, claims.NewArticle{Title: "5,000 كلمة", Outlet: "صحيفة المثال",
				PublishedOn: "2025-01-28", Lang: "ar", Body: strconv.Itoa(n) + "\n\n" + body})
			if err != nil {
				b.Fatal(err)
			}
			list, err := sgBenchSvc.Suggestions(ctx, art, nil, claims.InTextOrder)
			if err != nil {
				b.Fatal(err)
			}
			logged, dismissed := 0, 0
			for i, g := range list.Open {
				switch {
				case (n == 30 && i%6 == 0 || n == 170 && i%6 != 3) && logged < n:
					cl, err := sgBenchSvc.LogSuggestion(ctx, rev, art.ID, g.Input(art))
					if err != nil {
						b.Fatal(err)
					}
					if n == 30 {
						sgBenchSpans = append(sgBenchSpans, articletext.Span{Start: cl.Anchor.Start, End: cl.Anchor.End, ID: cl.ID})
					}
					logged++
				case i%6 == 3 && dismissed < 20:
					if err := sgBenchSvc.DismissSuggestion(ctx, rev, art.ID, g.Key); err != nil {
						b.Fatal(err)
					}
					dismissed++
				}
			}
			sgBenchArts[n] = art
			b.Logf("article: %d words, %d KB, %d suggestions; %d logged, %d dismissed",
				len(strings.Fields(art.Body)), len(art.Body)/1024, len(list.Open), logged, dismissed)
		}
	})
}

func sgGet(b *testing.B, path string) int {
	req := httptest.NewRequest("GET", path, nil)
	req.AddCookie(&http.Cookie{Name: "factdesk_session", Value: sgBenchTok})
	rec := httptest.NewRecorder()
	sgBenchSrv.ServeHTTP(rec, req)
	if rec.Code != 200 || !bytes.Contains(rec.Body.Bytes(), []byte(`data-testid="suggestion"`)) {
		b.Fatalf("%s: %d", path, rec.Code)
	}
	return rec.Body.Len()
}

// BenchmarkArticlePageSuggestions5000Words is the page as a reviewer opens it
// (goal: under 50 ms). Run with -benchtime=200x for stable percentiles.
func BenchmarkArticlePageSuggestions5000Words(b *testing.B) {
	sgBenchSetup(b)
	for _, bc := range []struct {
		name   string
		claims int
		query  string
	}{{"30-claims/text-order", 30, ""}, {"30-claims/ranked", 30, "?order=rank"}, {"170-claims/text-order", 170, ""}} {
		b.Run(bc.name, func(b *testing.B) {
			p := "/articles/" + strconv.FormatInt(sgBenchArts[bc.claims].ID, 10) + bc.query
			size := 0
			reportLatency(b, func(int) { size = sgGet(b, p) })
			b.ReportMetric(float64(size)/1024, "page-KB")
		})
	}
}

// BenchmarkSuggestions5000Words is the panel's domain part alone: the spotter
// over the article, the dismissals query and the overlap with logged claims.
func BenchmarkSuggestions5000Words(b *testing.B) {
	sgBenchSetup(b)
	ctx := context.Background()
	reportLatency(b, func(int) {
		if _, err := sgBenchSvc.Suggestions(ctx, sgBenchArts[30], sgBenchSpans, claims.InTextOrder); err != nil {
			b.Fatal(err)
		}
	})
}
