package searchindex

import (
	"math"
)

// kindNs is what a kind's own search costs at least beyond its work: two
// statements (a window and its check, or a read), each a round trip.
const kindNs = 500_000

// whole is q over every kind: the records of all of them, and the matches
// and groups' records scaled from q's kind to them.
func (q indexQuery) whole() indexQuery {
	scale := float64(q.AllRecords) / float64(max(q.Records, 1))
	w := q
	w.MinID, w.MaxID, w.Kind = 0, 0, ""
	w.Records = q.AllRecords
	w.Docs = int64(math.Ceil(float64(q.Docs) * scale))
	w.GroupDocs = make([]int64, len(q.GroupDocs))
	for i, n := range q.GroupDocs {
		w.GroupDocs[i] = int64(math.Ceil(float64(n) * scale))
	}
	return w
}

// ownCost is what q's kind's own search costs, as estimated: the cheaper
// of reading and walking its matches.
func (q indexQuery) ownCost() float64 {
	read, walk := q.pgCosts()
	return min(read, walk)
}

// fewest is the most matches pgFew calls few for q's Limit and Records.
func (q indexQuery) fewest() int64 {
	return max(int64(q.Limit), int64(math.Sqrt(float64(q.Limit)*float64(q.Records)/7)))
}

// pgWalk is how many records a walk reads at most: four times what the
// estimate says it takes to meet Limit matches, and at least 20,000 (30 ms).
func (q indexQuery) pgWalk() int64 {
	if q.walkMin > 0 {
		return q.walkMin
	}
	return max(20000, 4*int64(q.Limit)*q.Records/max(q.Docs, 1))
}

// pgFew reports that few enough records match q for PostgreSQL to read
// them all from the GIN index and sort them rather than walk the kind's
// records newest first: reading costs about 11 µs a match (a heap page
// each), walking about 1.5 µs a record, and a walk meets about
// Limit·Records/Docs records (every record when fewer than Limit match).
// Measured at a million claims, 400 wanted: a word in 8,200 claims, 90 ms
// read against 81 ms walked; in 56,000, 908 ms against 9 ms; in 27, 0.5 ms
// against 2,970 ms.
func (q indexQuery) pgFew() bool {
	return q.Docs <= int64(q.Limit) || 7*q.Docs*q.Docs <= int64(q.Limit)*q.Records
}

// together reports that the groups' counts, taken as independent, put more
// than twice fewMatches records in all of them. (The counts are over every
// kind, which overstates each group's share of the kind's records.)
func (f Filter) together() bool {
	if len(f.GroupDocs) != len(f.Groups) || f.Records <= 0 {
		return false
	}
	n := float64(f.Records)
	for _, d := range f.GroupDocs {
		n *= min(1, float64(d)/float64(f.Records))
	}
	return n > 2*fewMatches
}

// Measured at a million claims, for a page walked in the list's order
// (PostgreSQL): a row looked up in the word index costs about 10 µs (its
// record's terms by primary key, compared); a posting read into a hash
// table about 0.45 µs, and a row then checked against it about 0.15 µs
// (from the order's index alone, see listWay.idsFirst).
const (
	walkLookupNs = 10000
	setPostingNs = 450
	setCheckNs   = 150
	walkPage     = 51 // the list's page, and the row that tells there is a next
)

// pgSetWalk reports whether a walk checks its rows against a hash table of
// the rarest group's matches (read from its postings) rather than looking
// each up, and which group that is: when the matches cost less to read
// than the lookups they save. A page meets about walkPage·Records/Docs
// rows: "سال" widened to 25 terms, 5,000 claims of a million, walked by
// last update, took 107 ms looked up and 4 ms against the set; a word in
// 400,000 claims costs a few lookups and would cost 180 ms to read.
func (f Filter) pgSetWalk() (int, bool) {
	if len(f.GroupDocs) != len(f.Groups) || f.Records <= 0 || !f.usable() {
		return 0, false
	}
	r := driver(f.GroupDocs)
	rows := float64(walkPage) * float64(f.Records) / float64(max(f.Docs, 1))
	rows = min(rows, float64(f.Records))
	set := float64(f.GroupDocs[r])*setPostingNs + rows*setCheckNs
	return r, set < rows*walkLookupNs
}

// usePostings reports that q is answered by walking its rarest group's
// postings newest first: always for one group (the walk is the answer),
// and for several when that costs less, as estimated, than reading every
// match from GIN (see pgCosts). It needs each group's count (GroupDocs);
// AnyOf stays with GIN.
func (q indexQuery) usePostings() bool {
	if !q.postingsKnown() {
		return false
	}
	read, walk := q.pgCosts()
	return len(q.Groups) == 1 || walk < read
}

// postingsKnown reports that q can walk its rarest group's postings.
func (q indexQuery) postingsKnown() bool {
	return len(q.AnyOf) == 0 && len(q.Groups) > 0 && len(q.GroupDocs) == len(q.Groups) && q.Records > 0
}

// What PostgreSQL's ways of finding several groups' matches cost, measured
// at a million claims (PostgreSQL 15, 2 cores, in memory), in ns.
const (
	ginPostingNs = 13   // GIN builds its bitmap: a posting of one of the terms, in any kind
	ginMatchNs   = 2500 // GIN: a match read from the table
	postingNs    = 250  // the postings: a record of a term, newest first, from the index alone
	checkNs      = 2000 // the postings walk: a record of the rarest group checked for the others (a probe of the postings a group)
)

// pgCosts estimates reading q's matches from GIN (the bitmap of every
// group's postings, in every kind, then each match of the kind) against
// walking the rarest group's postings newest first and checking each
// record until Limit match (or all of them). The first is right when the
// words are seldom used together, the second when they often are: an
// estimate that takes them as independent ("would be": 5,000 claims
// estimated, far more found) makes the read cost 20 ms and more where the
// walk costs 2.
func (q indexQuery) pgCosts() (read, walk float64) {
	scale := float64(max(q.AllRecords, q.Records)) / float64(max(q.Records, 1))
	var postings float64
	for _, n := range q.GroupDocs {
		postings += float64(n) * scale
	}
	read = postings*ginPostingNs + float64(q.Docs)*ginMatchNs
	if !q.postingsKnown() {
		return read, math.Inf(1)
	}
	g := float64(q.GroupDocs[driver(q.GroupDocs)])
	if len(q.Groups) == 1 && q.DayFrom == "" && q.DayTo == "" {
		return read, min(g, float64(q.Limit)) * postingNs // the window is the answer
	}
	walk = min(g, float64(q.Limit)*g/float64(max(q.Docs, 1))) * checkNs
	return read, walk
}

// driver is the index of the group with the fewest records.
func driver(groupDocs []int64) int {
	best := 0
	for i, n := range groupDocs {
		if n < groupDocs[best] {
			best = i
		}
	}
	return best
}
