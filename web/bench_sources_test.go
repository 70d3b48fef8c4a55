package web_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/migrations"
	"github.com/factdesk/factdesk/sources"
)

// benchLibrary adds, once per benchmark binary, a library of 50,000 sources
// (FACTDESK_BENCH_SOURCES changes it) to the 100,000-claim desk of
// benchSetup, evidence on 20,000 of its claims (so the claim list counts
// real rows), and one claim with 30 pieces of evidence attached through the
// ordinary API (history included).
var (
	benchLibOnce  sync.Once
	benchClaim30  int64
	benchLibWords []string
)

func benchLibrary(b *testing.B) {
	benchSetup(b)
	benchLibOnce.Do(func() {
		ctx := context.Background()
		n := 50000
		if v, err := strconv.Atoi(os.Getenv("FACTDESK_BENCH_SOURCES")); err == nil {
			n = v
		}
		start := time.Now()
		ids, err := sources.Generate(ctx, benchDB, sources.GenerateOptions{Sources: n, Rand: rand.New(rand.NewPCG(3, 4))})
		if err != nil {
			b.Fatal(err)
		}
		var claimIDs []int64
		if err := benchDB.Raw("SELECT id FROM claims ORDER BY id LIMIT 20000").Scan(&claimIDs).Error; err != nil {
			b.Fatal(err)
		}
		r := rand.New(rand.NewPCG(5, 6))
		stances := []string{"supports", "refutes", "context"}
		for i := 0; i < len(claimIDs); i += 500 {
			var sb strings.Builder
			var args []any
			sb.WriteString("INSERT INTO evidence (claim_id, source_id, stance, passage, created_at, updated_at) VALUES ")
			for j, id := range claimIDs[i:min(i+500, len(claimIDs))] {
				if j > 0 {
					sb.WriteString(",")
				}
				sb.WriteString("(?,?,?,?,?,?)")
				now := time.Now().UTC()
				args = append(args, id, ids[r.IntN(len(ids))], stances[r.IntN(3)], "generated", now, now)
			}
			if err := benchDB.Exec(sb.String(), args...).Error; err != nil {
				b.Fatal(err)
			}
		}
		if err := migrations.Analyze(ctx, benchDB); err != nil {
			b.Fatal(err)
		}
		b.Logf("generated %d sources and evidence on %d claims in %s on %s", n, len(claimIDs), time.Since(start), migrations.EngineOf(benchDB))
		// A claim with 30 pieces of evidence, through the API.
		actor := claims.Actor{ID: 1, Role: claims.RoleAdmin}
		cl, err := benchSvc.CreateClaim(ctx, actor, benchArt, claims.ClaimInput{Statement: "30 pieces of evidence", Type: "other", Start: 5, End: 40})
		if err != nil {
			b.Fatal(err)
		}
		benchClaim30 = cl.ID
		for i := 0; i < 30; i++ {
			if _, err := benchSources.AddEvidence(ctx, 1, cl.ID, sources.EvidenceInput{SourceID: ids[r.IntN(len(ids))], Stance: stances[i%3],
				Passage: strings.Repeat("A passage quoted from the source, long enough to be realistic. ", 4), Location: "p. " + strconv.Itoa(i+1),
				Note: "note " + strconv.Itoa(i)}); err != nil {
				b.Fatal(err)
			}
		}
		// Queries a desk types: Arabic with and without hamza and diacritics,
		// English in any case, two words, part of an address, a publisher,
		// and words no source has.
		benchLibWords = []string{"إنفيديا", "انفيديا", "الصِّين", "خسارة قياسية", "Nvidia", "EXPORT BAN", "training cost", "reuters",
			"arxiv.org", "www.commerce.gov/2025", "الجزيرة", "Financial Times", "vaccine court", "zzqx", "غيرموجود", "nothing here at all"}
	})
}

// warm requests each path once, untimed: the figures are for a running desk,
// not for the first read of pages the bulk load just wrote.
func warm(b *testing.B, paths ...string) {
	for _, p := range paths {
		benchGet(b, p)
	}
}

func prefixed(prefix string, words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = prefix + url.QueryEscape(w)
	}
	return out
}

// BenchmarkSourceSearch measures the library search with 50,000 sources and
// 100,000 claims: the list page (/sources?q=) and the search as you type
// (/sources/search?q=, JSON), through the router. Goal: p99 < 20 ms.
func BenchmarkSourceSearch(b *testing.B) {
	benchLibrary(b)
	for _, ep := range []string{"/sources?q=", "/sources/search?q="} {
		paths := prefixed(ep, benchLibWords)
		warm(b, paths...)
		b.Run(strings.TrimSuffix(ep, "?q="), func(b *testing.B) {
			reportLatency(b, func(i int) { benchGet(b, paths[i%len(paths)]) })
		})
	}
	paths := []string{"/sources", "/sources?kind=primary", "/sources?lang=ar", "/sources?kind=news&lang=en&q=market"}
	warm(b, paths...)
	b.Run("filters", func(b *testing.B) {
		reportLatency(b, func(i int) { benchGet(b, paths[i%len(paths)]) })
	})
}

// BenchmarkSourceSearchShort measures one- and two-letter queries (typed
// while searching as you type), which a trigram index cannot answer.
func BenchmarkSourceSearchShort(b *testing.B) {
	benchLibrary(b)
	paths := prefixed("/sources/search?q=", []string{"n", "nv", "ا", "ان", "zq", "ظظ"})
	warm(b, paths...)
	reportLatency(b, func(i int) { benchGet(b, paths[i%len(paths)]) })
}

// BenchmarkClaimPage30Evidence renders a claim page with 30 pieces of
// evidence (grouped by stance) and its history. Goal: p99 < 15 ms.
func BenchmarkClaimPage30Evidence(b *testing.B) {
	benchLibrary(b)
	path := fmt.Sprintf("/claims/%d", benchClaim30)
	warm(b, path)
	reportLatency(b, func(int) { benchGet(b, path) })
}

// BenchmarkClaimListWithEvidence is the claim list (evidence column
// included, one query per page) once the desk has evidence.
func BenchmarkClaimListWithEvidence(b *testing.B) {
	benchLibrary(b)
	paths := []string{"/claims", "/claims?status=researching", "/claims?type=date&sort=updated", "/claims?sort=oldest"}
	warm(b, paths...)
	reportLatency(b, func(i int) { benchGet(b, paths[i%len(paths)]) })
}
