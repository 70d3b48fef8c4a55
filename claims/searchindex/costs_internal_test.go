package searchindex

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
	query := func(counts ...int64) indexQuery {
		q := indexQuery{Limit: 150, Records: claims, AllRecords: all}
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

// TestPGSetWalkWhenMatchesCostLess: a list walked in its own order (by last
// update) checks its rows against a hash table of the rarest word's
// matches when reading them costs less than looking each row up, as
// measured at a million claims: "سال" widened to 25 terms (5,000 claims)
// and "dow" to 30 (25,000) against a set; a word in 400,000 claims, or in
// most of them, looked up.
func TestPGSetWalkWhenMatchesCostLess(t *testing.T) {
	const claims = 1_000_000
	for _, c := range []struct {
		name      string
		groupDocs []int64
		docs      int64
		set       bool
		rarest    int
	}{
		{"سال, 25 terms", []int64{4996}, 4996, true, 0},
		{"dow, 30 terms", []int64{25270}, 25270, true, 0},
		{"a word in 400,000 claims", []int64{400000}, 400000, false, 0},
		{"a word in every claim", []int64{claims}, claims, false, 0},
		{"a common word and a rarer one", []int64{300000, 8000}, 3000, true, 1},
		{"two common words often together", []int64{300000, 200000}, 150000, false, 1},
	} {
		f := Filter{Records: claims, Docs: c.docs, GroupDocs: c.groupDocs}
		for range c.groupDocs {
			f.Groups = append(f.Groups, []string{"w"})
		}
		if r, got := f.pgSetWalk(); got != c.set || got && r != c.rarest {
			t.Errorf("%s: against a set %v (group %d); want %v (group %d)", c.name, got, r, c.set, c.rarest)
		}
	}
	// Without each group's count, or with a group of no term, there is no
	// set to read.
	if _, ok := (Filter{Records: claims, Docs: 5000, Groups: [][]string{{"w"}}}).pgSetWalk(); ok {
		t.Error("no counts: walked against a set")
	}
	if _, ok := (Filter{Records: claims, Docs: 5000, Groups: [][]string{{" "}}, GroupDocs: []int64{5000}}).pgSetWalk(); ok {
		t.Error("a group of no term: walked against a set")
	}
}
