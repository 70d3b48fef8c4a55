package searchindex

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims/fold"
)

// Loader returns the indexed text of records of one kind (the Text their Doc
// carried), for ranking. Records it does not find are left out.
type Loader func(ctx context.Context, refs []int64) (map[int64]string, error)

// Index answers searches and "checked before" questions.
type Index struct {
	db      *gorm.DB
	loaders map[Kind]Loader
}

// New reads the index of db; each kind's texts come from its Loader.
func New(db *gorm.DB) *Index { return &Index{db: db, loaders: map[Kind]Loader{}} }

// SetLoader installs the loader of one kind (web/desk wires the domains in).
func (ix *Index) SetLoader(k Kind, l Loader) { ix.loaders[k] = l }

// Term is one word of a query: as typed (folded), its stem, and the
// canonical name it stands for, if it is one.
type Term struct {
	Word string
	Stem string
	Name string
}

// Short reports a word of one or two letters: it matches the start of words.
func (t Term) Short() bool { return utf8.RuneCountInString(t.Word) < 3 }

// maxTerms bounds the words of a query that are searched for.
const maxTerms = 12

// ParseTerms cuts a query into its words, folded and stemmed like the
// index; repeated words count once. Punctuation, FTS5 syntax and other
// symbols are not words and are dropped.
func ParseTerms(q string) []Term {
	seen := map[string]bool{}
	var out []Term
	for _, w := range fold.Words(q) {
		st := fold.Stem(w)
		if seen[st] {
			continue
		}
		seen[st] = true
		out = append(out, Term{Word: w, Stem: st, Name: aliasName(w)})
		if len(out) == maxTerms {
			break
		}
	}
	return out
}

// Query is a search with its filters.
type Query struct {
	Text string
	// Kinds limits the search; nil searches every kind.
	Kinds []Kind
	// Status is a claim status: claims, and verdicts through their claim.
	Status string
	// LabelID is a rating of the desk's scale (claims with that published
	// verdict, verdicts); LabelNames, its names, match prior checks rated so.
	LabelID    int64
	LabelNames []string
	Lang       string
	From, To   string // YYYY-MM-DD, inclusive; "" for open
	// PerKind is how many hits a group shows (default 5).
	PerKind int
	// After continues one kind's results (Group.Next).
	After string
}

// Hit is a record found, with its rank score.
type Hit struct {
	Kind  Kind
	Ref   int64
	Score float64
}

// Group is the hits of one kind, best first.
type Group struct {
	Kind Kind
	Hits []Hit
	// More tells that there are more hits than shown; Next continues them
	// (with the kind as the only kind of the query).
	More bool
	Next string
}

// Result is what a search found.
type Result struct {
	Terms  []Term
	Groups []Group // only kinds with hits, in the order of Kinds
	// SomeWords: no record holds every word, the hits hold some of them.
	SomeWords bool
	// Empty: the query had no word and no filter (nothing was searched).
	Empty bool
}

// Total is the number of hits shown.
func (r Result) Total() int {
	n := 0
	for _, g := range r.Groups {
		n += len(g.Hits)
	}
	return n
}

// Windows: how many of the newest matching records of a kind are ranked.
// When fewer match, every match is ranked; when more match (a common word),
// the newest window is, which bounds the work.
const (
	overviewWindow = 150
	kindWindow     = 400
	maxExpansions  = termsPerQuery
	wholeWord      = 500
	commonTerm     = 1000
)

// Search runs q. Bad input (only punctuation, FTS5 syntax, marks alone,
// thousands of words) is never an error: it finds what its words find, or
// nothing.
func (ix *Index) Search(ctx context.Context, q Query) (Result, error) {
	res := Result{Terms: ParseTerms(q.Text)}
	if q.PerKind <= 0 {
		q.PerKind = 5
	}
	kinds := q.Kinds
	if len(kinds) == 0 {
		kinds = Kinds
	}
	filters, dayFrom, dayTo := q.filters()
	if len(res.Terms) == 0 && len(filters) == 0 && dayFrom == "" && dayTo == "" {
		res.Empty = true
		return res, nil
	}
	window := overviewWindow
	if len(kinds) == 1 {
		window = kindWindow
	}
	before, offset := parseCursor(q.After)
	exact := exactGroups(res.Terms)
	df, err := ix.docFreq(ctx, termKeys(res.Terms))
	if err != nil {
		return res, err
	}
	required := requiredTerms(res.Terms, df)
	counts := df // the vocabulary's counts, for estimate; expand adds its terms
	with := func(groups [][]string) [][]string {
		out := append([][]string(nil), filters...)
		for i, g := range groups {
			if required[i] {
				out = append(out, g)
			}
		}
		return out
	}
	applicable := 0
	for _, k := range kinds {
		if q.applies(k) {
			applicable++
		}
	}
	reads := newSharedReads(applicable) // the kinds may share their reads
	var expanded [][]string             // computed once, when a kind needs it
	widened := false                    // some word was expanded
	run := func(some bool) error {
		for _, k := range kinds {
			if !q.applies(k) {
				continue
			}
			lo, hi := kindRange(k)
			sq := indexQuery{Before: before, MinID: lo, MaxID: hi, Kind: string(k), DayFrom: dayFrom, DayTo: dayTo, Limit: window, Reads: reads}
			var ids []int64
			if some {
				var any []string
				for _, g := range exact {
					any = append(any, g...)
				}
				sq.Groups = append(append([][]string(nil), filters...), any)
				if err := ix.estimate(ctx, &sq, k, counts); err != nil {
					return err
				}
				if ids, err = indexIDs(ctx, ix.db, sq); err != nil {
					return err
				}
			} else {
				sq.Groups = with(exact)
				if err := ix.estimate(ctx, &sq, k, counts); err != nil {
					return err
				}
				if ids, err = indexIDs(ctx, ix.db, sq); err != nil {
					return err
				}
				if len(ids) < window && len(res.Terms) > 0 {
					if expanded == nil {
						if expanded, _, err = ix.expand(ctx, res.Terms, exact, df, true); err != nil {
							return err
						}
						for i := range expanded {
							widened = widened || len(expanded[i]) > len(exact[i])
						}
					}
					if widened {
						sq.Groups = with(expanded)
						if err := ix.estimate(ctx, &sq, k, counts); err != nil {
							return err
						}
						more, err := indexIDs(ctx, ix.db, sq)
						if err != nil {
							return err
						}
						ids = unionIDs(ids, more)
					}
				}
			}
			if len(ids) == 0 {
				continue
			}
			hits, err := ix.rank(ctx, k, ids, res.Terms, df, some, required)
			if err != nil {
				return err
			}
			g := Group{Kind: k}
			if offset < len(hits) {
				g.Hits = hits[offset:min(offset+q.PerKind, len(hits))]
			}
			switch {
			case offset+q.PerKind < len(hits):
				g.More, g.Next = true, cursor(before, offset+q.PerKind)
			case len(ids) >= window:
				g.More, g.Next = true, cursor(ids[len(ids)-1], 0)
			}
			if len(g.Hits) > 0 || g.More {
				res.Groups = append(res.Groups, g)
			}
		}
		return nil
	}
	if err := run(false); err != nil {
		return res, err
	}
	if len(res.Groups) == 0 && len(res.Terms) > 1 && q.After == "" {
		res.SomeWords = true
		if err := run(true); err != nil {
			return res, err
		}
	}
	return res, nil
}

// requiredTerms tells which words of a query the index must find in a
// record. A very common word (in a tenth of the records or more: "the",
// "في") narrows nothing and costs the most to intersect, so it is ranked but
// not required — unless every word is that common.
func requiredTerms(terms []Term, df map[string]int64) []bool {
	var n int64
	for _, k := range Kinds {
		n += df[kindMarker(k)]
	}
	common := max(commonTerm, n/10)
	out := make([]bool, len(terms))
	any := false
	for i, t := range terms {
		out[i] = df[t.Stem] < common
		any = any || out[i]
	}
	if !any {
		for i := range out {
			out[i] = true
		}
	}
	return out
}

// applies reports whether records of kind k can pass q's filters at all.
func (q Query) applies(k Kind) bool {
	if q.Status != "" && k != KindClaim && k != KindVerdict {
		return false
	}
	if q.LabelID != 0 && k != KindClaim && k != KindVerdict && k != KindPrior {
		return false
	}
	return true
}

// filters turns q's filters into groups of markers, and the day bounds.
func (q Query) filters() (groups [][]string, from, to string) {
	if q.Status != "" {
		groups = append(groups, []string{markStatus + q.Status})
	}
	if q.LabelID != 0 {
		g := []string{markLabel + strconv.FormatInt(q.LabelID, 10)}
		for _, n := range q.LabelNames {
			if strings.TrimSpace(n) != "" {
				g = append(g, ratingMarker(n))
			}
		}
		groups = append(groups, g)
	}
	if q.Lang != "" {
		groups = append(groups, []string{markLang + q.Lang})
	}
	from, to = validDay(q.From), validDay(q.To)
	if from != "" || to != "" {
		groups = append(groups, periodMarkers(from, to))
	}
	return groups, from, to
}

func validDay(s string) string {
	if _, err := time.Parse("2006-01-02", s); err != nil {
		return ""
	}
	return s
}

// periodMarkers lists the year markers of the whole years between from and
// to and the month markers of the months at either end, so that the index
// itself keeps only records of the period (the exact days are checked after).
func periodMarkers(from, to string) []string {
	lo, hi := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2199, 12, 31, 0, 0, 0, 0, time.UTC)
	if t, err := time.Parse("2006-01-02", from); err == nil && t.After(lo) {
		lo = t
	}
	if t, err := time.Parse("2006-01-02", to); err == nil && t.Before(hi) {
		hi = t
	}
	if hi.Before(lo) {
		return []string{markYear + "none"}
	}
	var out []string
	month := func(y int, m time.Month) { out = append(out, fmt.Sprintf("%s%04d%02d", markMonth, y, int(m))) }
	for y := lo.Year(); y <= hi.Year(); y++ {
		first, last := time.January, time.December
		if y == lo.Year() {
			first = lo.Month()
		}
		if y == hi.Year() {
			last = hi.Month()
		}
		if first == time.January && last == time.December {
			out = append(out, fmt.Sprintf("%s%04d", markYear, y))
			continue
		}
		for m := first; m <= last; m++ {
			month(y, m)
		}
	}
	return out
}

// expand adds to each word the vocabulary terms it is part of (three
// letters or more) or the start of (one or two), the most frequent first;
// with stemParts, also those its stem is part of ("loss" of "losses" in
// "glossy"), which a ranked search can afford and a filtered list cannot. A
// word that is itself a common term (in wholeWord records or more) was typed
// in full: it is not expanded, which keeps the query small. The counts of
// the terms it reads go into df, so callers have them without asking again.
//
// df holds the counts read before (termKeys). When it is nil they are read
// with the expansions, in the same statement (lookupTerms:
// a word's expansions are then asked unless its count says it is common),
// and the counts come back with the groups.
func (ix *Index) expand(ctx context.Context, terms []Term, exact [][]string, df map[string]int64, stemParts bool) ([][]string, map[string]int64, error) {
	// What to ask the vocabulary, for every word at once.
	var qs []termsQuery
	owner := []int{}
	for i, t := range terms {
		if df != nil && df[t.Stem] >= wholeWord {
			continue
		}
		ask := func(part string, prefix bool) {
			q := termsQuery{Part: part, Prefix: prefix}
			if df == nil {
				q.Unless, q.UnlessDocs = t.Stem, wholeWord
			}
			qs = append(qs, q)
			owner = append(owner, i)
		}
		if t.Short() {
			ask(t.Word, true)
			continue
		}
		ask(t.Word, false)
		if stemParts && t.Stem != t.Word {
			ask(t.Stem, utf8.RuneCountInString(t.Stem) < 3)
		}
	}
	var keys []string
	if df == nil {
		keys = termKeys(terms)
	}
	counts, answers, err := lookupTerms(ctx, ix.db, keys, qs)
	if err != nil {
		return nil, nil, err
	}
	if df == nil {
		df = counts
	}
	found := make([][]vocabTerm, len(terms))
	for n, ts := range answers {
		found[owner[n]] = append(found[owner[n]], ts...)
	}
	out := make([][]string, len(terms))
	for i := range terms {
		g := append([]string(nil), exact[i]...)
		seen := map[string]bool{}
		for _, s := range g {
			seen[s] = true
		}
		f := found[i]
		sort.SliceStable(f, func(a, b int) bool { return f[a].Docs > f[b].Docs })
		for _, t := range f {
			df[t.Term] = t.Docs // read with the term: callers need not ask again
		}
		for _, t := range f {
			if len(g) >= maxExpansions {
				break
			}
			if !seen[t.Term] {
				seen[t.Term] = true
				g = append(g, t.Term)
			}
		}
		out[i] = g
	}
	return out, df, nil
}

// docFreq reads how many records each term was indexed for; every key
// asked is in the result, 0 when the vocabulary lacks it.
func (ix *Index) docFreq(ctx context.Context, keys []string) (map[string]int64, error) {
	df, _, err := lookupTerms(ctx, ix.db, keys, nil)
	return df, err
}

// estimate sets sq's Docs and Records, the figures its plan is chosen by
// (see indexQuery), from the vocabulary's counts: Records is
// kind k's records, Docs about how many of them match. The counts are over
// every kind, so a group's (the records holding one of its terms) is
// scaled to k's share of all records; groups are taken as independent (the
// share of records holding them all is the product of their shares), since
// the fewest of them can be far more than the records holding them all
// (words seldom used together) and walking for those costs the most. AnyOf
// adds up its sets, each estimated the same way. counts caches the counts
// (kind markers included); terms not in it are looked up.
func (ix *Index) estimate(ctx context.Context, sq *indexQuery, k Kind, counts map[string]int64) error {
	var missing []string
	for _, kk := range Kinds {
		if _, ok := counts[kindMarker(kk)]; !ok {
			missing = append(missing, kindMarker(kk))
		}
	}
	for _, gs := range [][][]string{sq.Groups, sq.AnyOf} {
		for _, g := range gs {
			for _, t := range g {
				if _, ok := counts[t]; !ok {
					missing = append(missing, t)
				}
			}
		}
	}
	if len(missing) > 0 {
		found, err := ix.docFreq(ctx, missing)
		if err != nil {
			return err
		}
		for _, t := range missing {
			counts[t] = found[t]
		}
	}
	var total int64
	for _, kk := range Kinds {
		total += counts[kindMarker(kk)]
	}
	sq.Records, sq.AllRecords = counts[kindMarker(k)], total
	if total <= 0 || sq.Records <= 0 {
		return nil
	}
	// share is the share of records holding all of groups.
	share := func(groups [][]string) float64 {
		p := 1.0
		for _, g := range groups {
			p *= min(1, float64(groupCount(g, counts))/float64(total))
		}
		return p
	}
	p := 1.0
	if len(sq.Groups) > 0 {
		p = share(sq.Groups)
	}
	// Each group's records, scaled the same way: PostgreSQL walks the
	// rarest group's postings.
	sq.GroupDocs = make([]int64, len(sq.Groups))
	for i, g := range sq.Groups {
		sq.GroupDocs[i] = min(sq.Records, int64(math.Ceil(float64(groupCount(g, counts))*float64(sq.Records)/float64(total))))
	}
	if len(sq.AnyOf) > 0 {
		var any float64
		for _, set := range sq.AnyOf {
			groups := make([][]string, len(set))
			for i, t := range set {
				groups[i] = []string{t}
			}
			any += share(groups)
		}
		p *= min(1, any)
	}
	docs := int64(math.Ceil(p * float64(sq.Records)))
	sq.Docs = min(max(docs, 0), sq.Records)
	return nil
}

// groupCount is how many records hold one of the group's terms, at most:
// the sum of their counts.
func groupCount(g []string, counts map[string]int64) int64 {
	var n int64
	for _, t := range g {
		n += counts[t]
	}
	return n
}

// exactGroups is each word's terms as typed: its stem, and the name it
// stands for.
func exactGroups(terms []Term) [][]string {
	out := make([][]string, len(terms))
	for i, t := range terms {
		out[i] = []string{t.Stem}
		if t.Name != "" {
			out[i] = append(out[i], nameMarker(t.Name))
		}
	}
	return out
}

func termKeys(terms []Term) []string {
	var out []string
	for _, t := range terms {
		out = append(out, t.Stem)
		if t.Name != "" {
			out = append(out, nameMarker(t.Name))
		}
	}
	for _, k := range Kinds {
		out = append(out, kindMarker(k))
	}
	return out
}

func unionIDs(a, b []int64) []int64 {
	seen := make(map[int64]bool, len(a))
	for _, id := range a {
		seen[id] = true
	}
	out := append([]int64(nil), a...)
	for _, id := range b {
		if !seen[id] {
			out = append(out, id)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] > out[j] })
	return out
}

// cursor continues a kind's results: the window below id "before", from
// the offset-th ranked hit.
func cursor(before int64, offset int) string {
	return strconv.FormatInt(before, 10) + "." + strconv.Itoa(offset)
}

func parseCursor(s string) (before int64, offset int) {
	b, o, ok := strings.Cut(s, ".")
	if !ok {
		return 0, 0
	}
	before, err1 := strconv.ParseInt(b, 10, 64)
	offset, err2 := strconv.Atoi(o)
	if err1 != nil || err2 != nil || before < 0 || offset < 0 || offset > kindWindow {
		return 0, 0
	}
	return before, offset
}
