package web_test

import (
	"context"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/migrations"
	"github.com/factdesk/factdesk/migrations/dbtest"
	"github.com/factdesk/factdesk/sources"
	"github.com/factdesk/factdesk/web"
	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/desk"
)

// benchDesk builds a workspace of 2,000 articles and 100,000 claims once per
// benchmark binary (set FACTDESK_BENCH_CLAIMS to change the size), on the
// engine under test: a SQLite file, or with FACTDESK_TEST_PG a PostgreSQL
// database dropped when the benchmarks end (see TestMain).
var (
	benchOnce sync.Once
	benchSrv  *web.Server
	benchSvc  *claims.Service
	// benchSources is the library of the same desk (see bench_sources_test.go).
	benchSources *sources.Service
	benchDB      *gorm.DB
	benchDesk    *desk.Desk
	benchTok     string
	benchArt     int64
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, f := range benchCleanups {
		f()
	}
	os.Exit(code)
}

// benchCleanups remove the benchmarks' databases when the binary ends: they
// are shared by every benchmark of the run, so no b.Cleanup can.
var benchCleanups []func()

// benchDatabase returns the --db value of a new database for a benchmark
// workspace on the engine under test (a SQLite file, or with
// FACTDESK_TEST_PG a PostgreSQL database), removed when the binary ends.
func benchDatabase(b *testing.B, name string) string {
	dir, err := os.MkdirTemp("", "factdesk-bench-"+name)
	if err != nil {
		b.Fatal(err)
	}
	benchCleanups = append(benchCleanups, func() { os.RemoveAll(dir) })
	if dbtest.Engine() != migrations.Postgres {
		return filepath.Join(dir, "bench.db")
	}
	d, err := dbtest.Create(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	benchCleanups = append(benchCleanups, func() { _ = d.Drop(context.Background()) })
	return d.URL
}

func benchSetup(b *testing.B) {
	benchOnce.Do(func() {
		ctx := context.Background()
		db, err := migrations.Open(benchDatabase(b, "claims"))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := migrations.Up(ctx, db); err != nil {
			b.Fatal(err)
		}
		benchDB = db
		st := auth.NewStore(db)
		u, _ := st.CreateUser(ctx, auth.NewUser{Email: "admin@example.org", Name: "Admin", Role: "admin", Password: testPassword})
		st.CreateUser(ctx, auth.NewUser{Email: "rev@example.org", Name: "Rev", Role: "reviewer", Password: testPassword})
		n := 100000
		if v, err := strconv.Atoi(os.Getenv("FACTDESK_BENCH_CLAIMS")); err == nil {
			n = v
		}
		text, _ := os.ReadFile("../cmd/factdesk/demo/article-ar.txt")
		textEN, _ := os.ReadFile("../cmd/factdesk/demo/article-en.txt")
		start := time.Now()
		if _, err := claims.Generate(ctx, db, claims.GenerateOptions{Articles: 2000, Claims: n, Seed: 1, Texts: []string{string(text), string(textEN)}, Rand: rand.New(rand.NewPCG(1, 2))}); err != nil {
			b.Fatal(err)
		}
		nv, err := claims.GenerateVerdicts(ctx, db, rand.New(rand.NewPCG(3, 4)))
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("generated 2000 articles, %d claims, %d verdicts in %s on %s", n, nv, time.Since(start), migrations.EngineOf(db))
		benchDesk = desk.New(db)
		benchSvc, benchSources = benchDesk.Claims, benchDesk.Sources
		benchSrv = web.New(web.Config{Desk: benchDesk, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		benchTok, _ = st.CreateSession(ctx, u.ID, "bench")
		// One article with 200 anchored claims.
		art, err := benchSvc.CreateArticle(ctx, claims.Actor{ID: u.ID, Role: "admin"}, claims.NewArticle{Title: "200 claims", Body: string(text) + "\n\n" + string(text), Lang: "ar"})
		if err != nil {
			b.Fatal(err)
		}
		benchArt = art.ID
		runes := []rune(art.Body)
		for i := 0; i < 200; i++ {
			s := (i * 37) % (len(runes) - 40)
			if _, err := benchSvc.CreateClaim(ctx, claims.Actor{ID: u.ID, Role: "admin"}, art.ID, claims.ClaimInput{Statement: "claim " + strconv.Itoa(i), Type: "other", Start: s, End: s + 20 + i%15}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func benchGet(b *testing.B, path string) {
	req := httptest.NewRequest("GET", path, nil)
	req.AddCookie(&http.Cookie{Name: "factdesk_session", Value: benchTok})
	rec := httptest.NewRecorder()
	benchSrv.ServeHTTP(rec, req)
	if rec.Code != 200 {
		b.Fatalf("%s: %d", path, rec.Code)
	}
}

// reportLatency runs fn b.N times and reports the median and p99.
func reportLatency(b *testing.B, fn func(i int)) {
	durs := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		fn(i)
		durs = append(durs, time.Since(t0))
	}
	b.StopTimer()
	sort.Slice(durs, func(i, j int) bool { return durs[i] < durs[j] })
	b.ReportMetric(float64(durs[len(durs)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(durs[len(durs)*99/100].Microseconds())/1000, "p99-ms")
}

func BenchmarkClaimListFiltered(b *testing.B) {
	benchSetup(b)
	paths := []string{"/claims", "/claims?status=researching", "/claims?type=date&sort=updated", "/claims?status=in_review&type=money",
		"/claims?tag=nvidia", "/claims?lang=en&sort=priority", "/claims?assignee=2&status=new"}
	reportLatency(b, func(i int) { benchGet(b, paths[i%len(paths)]) })
}

func BenchmarkArticlePage200Claims(b *testing.B) {
	benchSetup(b)
	path := "/articles/" + strconv.FormatInt(benchArt, 10)
	reportLatency(b, func(int) { benchGet(b, path) })
}

// BenchmarkCreateClaimConcurrent logs claims from 20 concurrent writers and
// reports claims/s and the number of failures ("database is locked" included).
func BenchmarkCreateClaimConcurrent(b *testing.B) {
	benchSetup(b)
	ctx := context.Background()
	var failed atomic.Int64
	var next atomic.Int64
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < 20; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(b.N) {
				_, err := benchSvc.CreateClaim(ctx, claims.Actor{ID: 1, Role: "admin"}, benchArt, claims.ClaimInput{Statement: "concurrent", Type: "other", Start: 10, End: 30, Tags: "load"})
				if err != nil {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "claims/s")
	b.ReportMetric(float64(failed.Load()), "failures")
	if failed.Load() > 0 {
		b.Errorf("%d of %d creates failed", failed.Load(), b.N)
	}
}

func BenchmarkClaimListEach(b *testing.B) {
	benchSetup(b)
	for _, p := range []string{"/claims", "/claims?status=researching", "/claims?type=date&sort=updated", "/claims?status=in_review&type=money",
		"/claims?tag=nvidia", "/claims?lang=en&sort=priority", "/claims?assignee=2&status=new", "/claims?q=abc"} {
		b.Run(p, func(b *testing.B) { reportLatency(b, func(int) { benchGet(b, p) }) })
	}
}
