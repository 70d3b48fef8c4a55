package web_test

import (
	"math/rand/v2"
	"net/url"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/factdesk/factdesk/claims/fold"
)

// BenchmarkClaimList1M is the claim list on the search benchmarks' desk
// (1,000,000 claims of real texts, see searchBenchSetup): the seven
// filter/sort mixes of BenchmarkClaimListFiltered, and the free text ?q=
// answered by the search index, by kind of query (words drawn from the
// claims' own texts, by how many claims hold them), alone and with the
// other filters and orders.
func BenchmarkClaimList1M(b *testing.B) {
	searchBenchSetup(b)
	// The floor: a signed-in page that reads nothing but the session
	// (the form for a new article), one round trip on PostgreSQL against a
	// call in SQLite's process. A list of a word no record holds (q=no-hit)
	// adds one statement to it.
	b.Run("session-only", func(b *testing.B) { latencies(b, []string{"/articles/new"}, func(p string) { sbGet(b, p) }) })
	b.Run("filters", func(b *testing.B) {
		latencies(b, []string{"/claims", "/claims?status=researching", "/claims?type=date&sort=updated", "/claims?status=in_review&type=money",
			"/claims?tag=nvidia", "/claims?lang=en&sort=priority", "/claims?assignee=2&status=new"}, func(p string) { sbGet(b, p) })
	})
	mixes := listTextMixes(b, 60)
	for _, m := range []struct{ name, extra string }{
		{"common", ""}, {"rare", ""}, {"arabic", ""}, {"multi-word", ""}, {"no-hit", ""},
		{"common", "&status=researching"}, {"common", "&sort=updated"}, {"common", "&assignee=2&sort=priority"},
		{"rare", "&sort=updated"}, {"arabic", "&type=money&sort=oldest"},
	} {
		qs := mixes[m.name]
		paths := make([]string, len(qs))
		for i, q := range qs {
			paths[i] = "/claims?q=" + url.QueryEscape(q) + m.extra
		}
		b.Run("q="+m.name+m.extra, func(b *testing.B) { latencies(b, paths, func(p string) { sbGet(b, p) }) })
	}
}

// listTextMixes draws n queries of each kind from the words of the desk's
// texts, by the number of claims that hold them (the vocabulary's counts):
// common (10,000 claims or more: "the", "says", "في"), rare (1–100 claims),
// Arabic (any, by frequency in the texts), 2–4 consecutive words of a text,
// and words no claim holds.
func listTextMixes(b *testing.B, n int) map[string][]string {
	r := rand.New(rand.NewPCG(41, 42))
	var words []string // every word of the texts, as often as it occurs
	for _, t := range sbTexts {
		for _, w := range strings.Fields(t) {
			if ws := fold.Words(w); len(ws) == 1 && len([]rune(ws[0])) >= 2 {
				words = append(words, w)
			}
		}
	}
	distinct := map[string]string{} // stem → a word as typed
	for _, w := range words {
		distinct[fold.Stem(fold.Words(w)[0])] = w
	}
	stems := make([]string, 0, len(distinct))
	for s := range distinct {
		stems = append(stems, s)
	}
	sort.Strings(stems)
	docs := map[string]int64{}
	for i := 0; i < len(stems); i += 500 {
		var rows []struct {
			Term string
			Docs int64
		}
		if err := sbDB.Raw("SELECT term, docs FROM search_terms WHERE term IN ?", stems[i:min(i+500, len(stems))]).Scan(&rows).Error; err != nil {
			b.Fatal(err)
		}
		for _, row := range rows {
			docs[row.Term] = row.Docs
		}
	}
	pick := func(keep func(w string, docs int64) bool, byFrequency bool) []string {
		var pool []string
		if byFrequency {
			for _, w := range words {
				if keep(w, docs[fold.Stem(fold.Words(w)[0])]) {
					pool = append(pool, w)
				}
			}
		} else {
			for _, s := range stems {
				if keep(distinct[s], docs[s]) {
					pool = append(pool, distinct[s])
				}
			}
		}
		if len(pool) == 0 {
			b.Fatal("no word for a query mix")
		}
		out := make([]string, n)
		for i := range out {
			out[i] = pool[r.IntN(len(pool))]
		}
		return out
	}
	arabic := func(w string) bool {
		for _, c := range w {
			if unicode.Is(unicode.Arabic, c) {
				return true
			}
		}
		return false
	}
	multi, _ := queryMixes(n)
	return map[string][]string{
		"common":     pick(func(_ string, d int64) bool { return d >= 10000 }, true),
		"rare":       pick(func(_ string, d int64) bool { return d >= 1 && d <= 100 }, false),
		"arabic":     pick(func(w string, d int64) bool { return d > 0 && arabic(w) }, true),
		"multi-word": multi,
		"no-hit":     {"zzyzx", "qwxvbn", "ضظغثقف", "xylophonist", "blorft quux", "ثخظذ", "kwyjibo", "قثغضظ"},
	}
}
