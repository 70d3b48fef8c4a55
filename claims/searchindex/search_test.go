package searchindex_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims/searchindex"
	"github.com/factdesk/factdesk/migrations/dbtest"
)

// desk is an index over records kept in memory: the loaders read them back
// as a domain's loader would.
type desk struct {
	t    *testing.T
	db   *gorm.DB
	ix   *searchindex.Index
	docs map[searchindex.Kind]map[int64]string
}

func newDesk(t *testing.T) *desk {
	t.Helper()
	db := dbtest.New(t)
	d := &desk{t: t, db: db, ix: searchindex.New(db), docs: map[searchindex.Kind]map[int64]string{}}
	for _, k := range searchindex.Kinds {
		d.docs[k] = map[int64]string{}
		d.ix.SetLoader(k, func(_ context.Context, refs []int64) (map[int64]string, error) {
			out := map[int64]string{}
			for _, r := range refs {
				if s, ok := d.docs[k][r]; ok {
					out[r] = s
				}
			}
			return out, nil
		})
	}
	return d
}

func (d *desk) put(docs ...searchindex.Doc) {
	d.t.Helper()
	err := d.db.Transaction(func(tx *gorm.DB) error { return searchindex.Put(context.Background(), tx, docs...) })
	if err != nil {
		d.t.Fatal(err)
	}
	for _, doc := range docs {
		d.docs[doc.Kind][doc.Ref] = doc.Text
	}
}

func (d *desk) search(q searchindex.Query) searchindex.Result {
	d.t.Helper()
	res, err := d.ix.Search(context.Background(), q)
	if err != nil {
		d.t.Fatalf("Search(%+v): %v", q, err)
	}
	return res
}

// refs lists the hits of one kind, best first.
func refs(res searchindex.Result, k searchindex.Kind) []int64 {
	var out []int64
	for _, g := range res.Groups {
		if g.Kind == k {
			for _, h := range g.Hits {
				out = append(out, h.Ref)
			}
		}
	}
	return out
}

func claim(ref int64, lang, text string) searchindex.Doc {
	return searchindex.Doc{Kind: searchindex.KindClaim, Ref: ref, Lang: lang, Status: "new", Day: "2025-01-28", Text: text}
}

func TestSearchMatchesWhateverTheSpelling(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	d.put(
		claim(1, "ar", "خسرت إنفيديا نحو 593 مليار دولار من قيمتها السوقية في يناير ٢٠٢٥"),
		claim(2, "ar", "قالت الشركة الصينية إن تكلفة التدريب لم تتجاوز 6 ملايين دولار"),
		claim(3, "en", "Nvidia reported record losses after the DeepSeek release"),
		claim(4, "en", "The company said the loss was temporary"),
		claim(5, "ar", "ارتفع مستوى الأسهم في آلاف الصفقات"),
		claim(6, "en", "Investors were investing in chips"),
	)
	tests := []struct {
		q    string
		want []int64
	}{
		{"انفيديا", []int64{1}},               // hamza form
		{"إِنْفِيدْيَا", []int64{1}},          // diacritics
		{"إنفيـــديا", []int64{1}},            // tatweel
		{"2025", []int64{1}},                  // Arabic-Indic digits in the text
		{"٥٩٣", []int64{1}},                   // Arabic-Indic digits in the query
		{"الشركه الصينيه", []int64{2}},        // ta marbuta written as ha
		{"شركة", []int64{2}},                  // without the article
		{"مستوي", []int64{5}},                 // ya for alef maqsura
		{"اسهم", []int64{5}},                  // hamza above
		{"الاف", []int64{5}},                  // madda
		{"loss", []int64{4, 3}},               // word forms: loss, losses
		{"LOSSES", []int64{4, 3}},             // case
		{"invest", []int64{6}},                // investors? no: investing
		{"vidi", []int64{3}},                  // part of a word (Latin)
		{"فيدي", []int64{1}},                  // part of a word (Arabic)
		{"nv", []int64{3}},                    // two letters: start of a word
		{"ن", []int64{1}},                     // one letter: نحو
		{"deepseek nvidia", []int64{3}},       // every word
		{"nvidia deepseek zzzz", []int64{}},   // not every word, and no partial: some words
		{"the company said", []int64{4}},      // common words ranked
		{"«نحو 593 مليار دولار»", []int64{1}}, // quotes and Arabic punctuation
	}
	for _, tt := range tests {
		res := d.search(searchindex.Query{Text: tt.q, PerKind: 10})
		got := refs(res, searchindex.KindClaim)
		if tt.q == "nvidia deepseek zzzz" {
			if !res.SomeWords || !slices.Contains(got, 3) {
				t.Errorf("%q: SomeWords=%v hits %v; want claim 3 with some of the words", tt.q, res.SomeWords, got)
			}
			continue
		}
		if tt.q == "ن" || tt.q == "loss" || tt.q == "LOSSES" {
			slices.Sort(got)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%q: hits %v; want %v (any order)", tt.q, got, want)
			}
			continue
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: hits %v; want %v", tt.q, got, tt.want)
		}
	}
}

// Words a fact-checker expects first come first: an exact word before a
// part of a word, the words side by side before words apart, a short record
// before a long one that only mentions them.
func TestSearchRanking(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	d.put(
		claim(1, "en", "Nvidia shares fell while the wider market of chip makers, banks, retailers and energy companies rose on Monday"),
		claim(2, "en", "Nvidia shares fell"),
		claim(3, "en", "Shares in Nvidiana, a made-up firm, fell"),
		claim(4, "en", "Nvidia lost market value as shares of other firms fell"),
	)
	got := refs(d.search(searchindex.Query{Text: "nvidia shares fell", PerKind: 10}), searchindex.KindClaim)
	if len(got) < 3 || got[0] != 2 {
		t.Fatalf("nvidia shares fell: %v; want 2 (exact, together, short) first", got)
	}
	if i, j := slices.Index(got, 3), slices.Index(got, 1); i >= 0 && j >= 0 && i < j {
		t.Errorf("the part-of-a-word hit (3) ranks above the exact one (1): %v", got)
	}
}

// Hostile queries find what their words find, or nothing; never an error.
func TestSearchHostileQueries(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	d.put(claim(1, "en", "Nvidia lost 593 billion dollars"), claim(2, "ar", "خسرت إنفيديا 593 مليار دولار"))
	for _, q := range []string{
		`"`, `""`, `"nvidia`, `nvidia"`, `*`, `nvid*`, `NEAR(nvidia lost)`, `nvidia NEAR lost`, `-nvidia`, `nvidia -lost`,
		`terms:nvidia`, `text:nvidia`, `{terms}: nvidia`, `(`, `)`, `((nvidia)`, `nvidia AND`, `OR`, `NOT nvidia`, `^nvidia`,
		`'; DROP TABLE search_docs; --`, `nvidia + lost`, `\`, `\x00`, "\u064e\u0650\u0651", "...!!!???", "\u202eailivdn",
		"Nvidia خسرت", strings.Repeat("nvidia ", 2000), strings.Repeat("ب", 10000), "\ue001claim", "\xff\xfe",
	} {
		res, err := d.ix.Search(context.Background(), searchindex.Query{Text: q})
		if err != nil {
			t.Errorf("Search(%.40q): %v", q, err)
			continue
		}
		if strings.Contains(q, "nvidia") && !strings.HasPrefix(q, "'") && res.Total() == 0 {
			t.Errorf("Search(%.40q) found nothing; want the Nvidia claim", q)
		}
		if q == "\ue001claim" && res.Total() != 0 {
			t.Errorf("a marker typed by a user matched %d records", res.Total())
		}
	}
	var n int64
	d.db.Raw("SELECT COUNT(*) FROM search_docs").Scan(&n)
	if n != 2 {
		t.Errorf("search_docs has %d rows after the hostile queries; want 2", n)
	}
	if res := d.search(searchindex.Query{Text: "...!!!"}); !res.Empty {
		t.Errorf("only punctuation: Empty = false")
	}
}

func TestSearchFilters(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	d.put(
		searchindex.Doc{Kind: searchindex.KindClaim, Ref: 1, Lang: "en", Status: "published", LabelID: 5, Day: "2024-03-10", Text: "tariff revenue record"},
		searchindex.Doc{Kind: searchindex.KindClaim, Ref: 2, Lang: "en", Status: "new", Day: "2025-01-05", Text: "tariff revenue fell"},
		searchindex.Doc{Kind: searchindex.KindClaim, Ref: 3, Lang: "ar", Status: "published", LabelID: 1, Day: "2025-02-01", Text: "tariff عائدات"},
		searchindex.Doc{Kind: searchindex.KindVerdict, Ref: 7, Lang: "en", Status: "published", LabelID: 5, Day: "2024-04-01", Text: "Tariff revenue did not rise"},
		searchindex.Doc{Kind: searchindex.KindPrior, Ref: 9, Lang: "en", Rating: "False", Day: "2023-12-31", Text: "tariff revenue doubled"},
		searchindex.Doc{Kind: searchindex.KindSource, Ref: 4, Lang: "en", Day: "2025-01-20", Text: "Tariff revenue data"},
	)
	tests := []struct {
		name string
		q    searchindex.Query
		want map[searchindex.Kind][]int64
	}{
		{"all kinds", searchindex.Query{Text: "tariff"}, map[searchindex.Kind][]int64{
			searchindex.KindClaim: {3, 2, 1}, searchindex.KindVerdict: {7}, searchindex.KindPrior: {9}, searchindex.KindSource: {4}}},
		{"kind", searchindex.Query{Text: "tariff", Kinds: []searchindex.Kind{searchindex.KindSource}},
			map[searchindex.Kind][]int64{searchindex.KindSource: {4}}},
		{"status", searchindex.Query{Text: "tariff", Status: "published"},
			map[searchindex.Kind][]int64{searchindex.KindClaim: {3, 1}, searchindex.KindVerdict: {7}}},
		{"label with names", searchindex.Query{Text: "tariff", LabelID: 1, LabelNames: []string{"FALSE", "زائف"}},
			map[searchindex.Kind][]int64{searchindex.KindClaim: {3}, searchindex.KindPrior: {9}}},
		{"lang", searchindex.Query{Text: "tariff", Lang: "ar"}, map[searchindex.Kind][]int64{searchindex.KindClaim: {3}}},
		{"from", searchindex.Query{Text: "tariff", From: "2025-01-06"},
			map[searchindex.Kind][]int64{searchindex.KindClaim: {3}, searchindex.KindSource: {4}}},
		{"range", searchindex.Query{Text: "tariff", From: "2024-01-01", To: "2024-12-31"},
			map[searchindex.Kind][]int64{searchindex.KindClaim: {1}, searchindex.KindVerdict: {7}}},
		{"a day", searchindex.Query{Text: "tariff", From: "2023-12-31", To: "2023-12-31"},
			map[searchindex.Kind][]int64{searchindex.KindPrior: {9}}},
		{"reversed range", searchindex.Query{Text: "tariff", From: "2025-01-01", To: "2024-01-01"}, map[searchindex.Kind][]int64{}},
		{"filters without words", searchindex.Query{Status: "new"}, map[searchindex.Kind][]int64{searchindex.KindClaim: {2}}},
	}
	for _, tt := range tests {
		res := d.search(tt.q)
		got := map[searchindex.Kind][]int64{}
		for _, g := range res.Groups {
			got[g.Kind] = refs(res, g.Kind)
		}
		for k := range got {
			slices.Sort(got[k])
		}
		for k := range tt.want {
			slices.Sort(tt.want[k])
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%s: %v; want %v", tt.name, got, tt.want)
		}
	}
}

// A common word matching more records than a window ranks the newest
// window and pages on with a cursor, without repeating or skipping a record.
func TestSearchPagesThroughWindows(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	var docs []searchindex.Doc
	for i := int64(1); i <= 1000; i++ {
		docs = append(docs, claim(i, "en", fmt.Sprintf("the budget item %d of the year", i)))
	}
	d.put(docs...)
	seen := map[int64]bool{}
	q := searchindex.Query{Text: "budget", Kinds: []searchindex.Kind{searchindex.KindClaim}, PerKind: 100}
	for page := 0; page < 20; page++ {
		res := d.search(q)
		if len(res.Groups) != 1 {
			t.Fatalf("page %d: %d groups", page, len(res.Groups))
		}
		g := res.Groups[0]
		for _, h := range g.Hits {
			if seen[h.Ref] {
				t.Fatalf("page %d repeats %d", page, h.Ref)
			}
			seen[h.Ref] = true
		}
		if !g.More {
			break
		}
		q.After = g.Next
	}
	if len(seen) != 1000 {
		t.Errorf("paged through %d records; want 1000", len(seen))
	}
	// The first page of an overview is the newest window's best.
	res := d.search(searchindex.Query{Text: "budget"})
	if g := res.Groups[0]; !g.More || len(g.Hits) != 5 || g.Hits[0].Ref < 850 {
		t.Errorf("overview: more=%v hits=%v", g.More, g.Hits)
	}
}

// The index is written in the writer's transaction: rolled back with it,
// visible at once when it commits, replaced on an edit, gone on a delete.
func TestIndexFollowsTheTransaction(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	boom := errors.New("the write failed after indexing")
	err := d.db.Transaction(func(tx *gorm.DB) error {
		if err := searchindex.Put(ctx, tx, claim(1, "en", "a rolled back claim")); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	d.docs[searchindex.KindClaim][1] = "a rolled back claim"
	if res := d.search(searchindex.Query{Text: "rolled"}); res.Total() != 0 {
		t.Errorf("a rolled back write is searchable: %v", res.Groups)
	}
	var n int64
	d.db.Raw("SELECT COUNT(*) FROM search_docs").Scan(&n)
	if n != 0 {
		t.Errorf("search_docs has %d rows after a rollback", n)
	}
	d.put(claim(1, "en", "the first wording"))
	if got := refs(d.search(searchindex.Query{Text: "wording"}), searchindex.KindClaim); !slices.Equal(got, []int64{1}) {
		t.Errorf("committed: %v", got)
	}
	d.put(claim(1, "en", "the second phrasing"))
	if got := refs(d.search(searchindex.Query{Text: "wording"}), searchindex.KindClaim); len(got) != 0 {
		t.Errorf("old words still find the edited record: %v", got)
	}
	if got := refs(d.search(searchindex.Query{Text: "phrasing"}), searchindex.KindClaim); !slices.Equal(got, []int64{1}) {
		t.Errorf("new words: %v", got)
	}
	if err := d.db.Transaction(func(tx *gorm.DB) error { return searchindex.Delete(ctx, tx, searchindex.KindClaim, 1) }); err != nil {
		t.Fatal(err)
	}
	if res := d.search(searchindex.Query{Text: "phrasing"}); res.Total() != 0 {
		t.Errorf("a deleted record is found")
	}
	c, err := searchindex.Count(ctx, d.db)
	if err != nil || c.Kinds[searchindex.KindClaim] != 0 || c.Terms == 0 {
		t.Errorf("counts = %+v, %v", c, err)
	}
}

func TestHighlight(t *testing.T) {
	terms := searchindex.ParseTerms("انفيديا loss ٢٠٢٥")
	segs := searchindex.Highlight("خسرت «إنفيديا» losses في 2025، not lost", terms, 0)
	var marked []string
	var all strings.Builder
	for _, s := range segs {
		all.WriteString(s.Text)
		if s.Mark {
			marked = append(marked, s.Text)
		}
	}
	if want := []string{"إنفيديا", "losses", "2025"}; !slices.Equal(marked, want) {
		t.Errorf("marked %q; want %q", marked, want)
	}
	if all.String() != "خسرت «إنفيديا» losses في 2025، not lost" {
		t.Errorf("segments do not rebuild the text: %q", all.String())
	}
	long := strings.Repeat("word ", 200) + "the Nvidia claim " + strings.Repeat("tail ", 200)
	segs = searchindex.Highlight(long, searchindex.ParseTerms("nvidia"), 120)
	var b strings.Builder
	for _, s := range segs {
		b.WriteString(s.Text)
	}
	got := b.String()
	if !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") || !strings.Contains(got, "Nvidia") || len([]rune(got)) > 130 {
		t.Errorf("snippet = %q", got)
	}
	// Markup in the text stays text: segments are for escaping templates.
	segs = searchindex.Highlight(`<script>alert("nvidia")</script>`, searchindex.ParseTerms("nvidia"), 0)
	if len(segs) != 3 || segs[1].Text != "nvidia" || !segs[1].Mark || segs[0].Text != `<script>alert("` {
		t.Errorf("segments = %+v", segs)
	}
}
