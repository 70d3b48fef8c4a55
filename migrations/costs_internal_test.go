package migrations

import (
	"math"
	"testing"
)

// TestPGCostsChooseTheCheaperWay: with the vocabulary's counts of a desk
// of a million claims (1.55 million records), several words seldom used
// together are read from GIN, and words often used together ("would be",
// "في عالم") walk the rarest word's postings, as measured there (the
// read cost 13–22 ms, the walk 1–3 ms). One word always walks.
func TestPGCostsChooseTheCheaperWay(t *testing.T) {
	const all, claims = 1_550_000, 1_000_000
	query := func(counts ...int64) SearchQuery {
		q := SearchQuery{Limit: 150, Records: claims, AllRecords: all}
		share := 1.0
		for _, n := range counts {
			q.Groups = append(q.Groups, []string{"w"})
			q.GroupDocs = append(q.GroupDocs, n*claims/all)
			share *= float64(n) / all
		}
		q.Docs = int64(math.Ceil(share * claims))
		return q
	}
	for _, c := range []struct {
		name   string
		counts []int64
		walk   bool
	}{
		{"four Arabic words seldom together (93 claims hold them all)", []int64{17717, 49588, 6701, 17806}, false},
		{"would be", []int64{72103, 77767}, true},
		{"في عالم", []int64{154584, 63671}, true},
		{"one word", []int64{6285}, true},
		{"one common word", []int64{154584}, true},
	} {
		q := query(c.counts...)
		if got := q.usePostings(); got != c.walk {
			read, walk := q.pgCosts()
			t.Errorf("%s: walks the postings %v; want %v (read %.1f ms, walk %.1f ms)", c.name, got, c.walk, read/1e6, walk/1e6)
		}
	}
	// Without each group's count there is no walk to weigh.
	q := query(100, 100)
	q.GroupDocs = nil
	if _, walk := q.pgCosts(); !math.IsInf(walk, 1) || q.usePostings() {
		t.Errorf("no counts: walk cost %v, walks %v; want +Inf, false", walk, q.usePostings())
	}
}
