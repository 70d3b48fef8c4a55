package claims_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/factdesk/factdesk/claims"
)

// plans are the estimates that make the claim list ask the search index each
// way it can (see searchindex.ListPlan): as they are (few matches, read
// and sorted), as if a word were in 10,000 of a million claims (the matches
// read into a set), and in half of them (each claim looked up; on
// PostgreSQL, newest or oldest first, read through windows of postings, of
// the size the counts give or of two records each).
var plans = []struct {
	name          string
	docs, records int64
	window        int
}{{"few matches", -1, 0, 0}, {"a set of matches", 10000, 1000000, 0}, {"common words", 500000, 1000000, 0},
	{"common words, windows of two", 500000, 1000000, 2}, {"several words counted", claims.Counted, 0, 0},
	{"several words counted, windows of two", claims.Counted, 0, 2}}

// listText lists the statements of the claims the list shows for f, every
// page of limit claims followed through its cursor.
func listText(t *testing.T, svc *claims.Service, f claims.Filter, limit int) []string {
	t.Helper()
	var out []string
	f.Limit = limit
	for range 100 {
		page, err := svc.Claims(context.Background(), f)
		if err != nil {
			t.Fatalf("Claims(%+v): %v", f, err)
		}
		for _, c := range page.Claims {
			out = append(out, c.Statement)
		}
		if page.Next == "" {
			return out
		}
		f.After = page.Next
	}
	t.Fatalf("Claims(%+v): more than 100 pages", f)
	return nil
}

// The claim list's free text goes through the search index: every word,
// folded (Arabic diacritics and letter forms ignored) and stemmed, in the
// statement, restatement, claimant or tags, combined with every other filter.
func TestClaimListText(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc, rev, a := setup(t)
	ed := claims.Actor{ID: 2, Role: claims.RoleEditor}
	logs := []struct {
		article bool
		in      claims.ClaimInput
	}{
		{false, claims.ClaimInput{Statement: "Nvidia lost 593 billion dollars in one day", Claimant: "Reuters", Type: "money", Tags: "markets", AssigneeID: 2, Lang: "en"}},
		{false, claims.ClaimInput{Statement: "The company's losses reached 20 percent", Type: "percent", Lang: "en"}},
		{false, claims.ClaimInput{Statement: "خسرت إنفيديا نحو 900 مليار دولار", Type: "money", Lang: "ar"}},
		{false, claims.ClaimInput{Statement: "الشركة أعلنت أرباحا قياسية", Restatement: "Record profits announced", Type: "other", Lang: "ar"}},
		{false, claims.ClaimInput{Statement: "Unemployment fell to 4 percent", Claimant: "Ministry of Labour", Type: "percent", Tags: "jobs", Lang: "en"}},
		{false, claims.ClaimInput{Statement: "Percent of voters fell", Type: "other", Lang: "en"}},
		{true, claims.ClaimInput{Statement: "بناء النموذج كلّف 6 ملايين دولار", Type: "money", Quote: "6 ملايين دولار", Start: -1, End: -1}},
	}
	for _, l := range logs {
		art := int64(0)
		if l.article {
			art = a.ID
		} else {
			l.in.Start, l.in.End = -1, -1
		}
		if _, err := svc.CreateClaim(ctx, rev, art, l.in); err != nil {
			t.Fatalf("log %q: %v", l.in.Statement, err)
		}
	}
	// One claim moves on, so that the status filter has something to tell.
	page, _ := svc.Claims(ctx, claims.Filter{Sort: "oldest"})
	if _, err := svc.SetStatus(ctx, ed, page.Claims[0].ID, claims.StatusResearching, page.Claims[0].Version); err != nil {
		t.Fatal(err)
	}
	const (
		nvidiaEN = "Nvidia lost 593 billion dollars in one day"
		losses   = "The company's losses reached 20 percent"
		nvidiaAR = "خسرت إنفيديا نحو 900 مليار دولار"
		profits  = "الشركة أعلنت أرباحا قياسية"
		jobs     = "Unemployment fell to 4 percent"
		voters   = "Percent of voters fell"
		model    = "بناء النموذج كلّف 6 ملايين دولار"
	)
	tests := []struct {
		name string
		f    claims.Filter
		want []string // newest first
	}{
		{"a word", claims.Filter{Text: "Reuters"}, []string{nvidiaEN}},
		{"any case", claims.Filter{Text: "NVIDIA"}, []string{nvidiaAR, nvidiaEN}},
		{"stemmed", claims.Filter{Text: "loss"}, []string{losses}},
		{"stemmed plural", claims.Filter{Text: "losses"}, []string{losses}},
		{"the restatement", claims.Filter{Text: "record profits"}, []string{profits}},
		{"the claimant", claims.Filter{Text: "labour ministry"}, []string{jobs}},
		{"a tag", claims.Filter{Text: "jobs"}, []string{jobs}},
		{"every word, anywhere", claims.Filter{Text: "fell percent"}, []string{voters, jobs}},
		{"a word missing", claims.Filter{Text: "percent rose"}, nil},
		{"part of a word", claims.Filter{Text: "employ"}, []string{jobs}},
		{"start of a word", claims.Filter{Text: "un"}, []string{jobs}},
		{"Arabic without hamza", claims.Filter{Text: "انفيديا"}, []string{nvidiaAR, nvidiaEN}},
		{"Arabic with diacritics", claims.Filter{Text: "إِنْفِيدْيَا"}, []string{nvidiaAR, nvidiaEN}},
		{"Arabic ta marbuta and article", claims.Filter{Text: "شركه"}, []string{profits}},
		{"Arabic-Indic digits", claims.Filter{Text: "٩٠٠ مليار"}, []string{nvidiaAR}},
		{"only punctuation", claims.Filter{Text: "?! …"}, nil},
		{"FTS syntax is text", claims.Filter{Text: `nvidia" OR "percent`}, nil}, // three words, "or" among them
		{"no hit", claims.Filter{Text: "zzyzx"}, nil},
		{"with a type", claims.Filter{Text: "percent", Type: "percent"}, []string{jobs, losses}},
		{"with a language", claims.Filter{Text: "nvidia", Lang: "ar"}, []string{nvidiaAR}},
		{"with a tag", claims.Filter{Text: "nvidia", Tag: "Markets"}, []string{nvidiaEN}},
		{"with an assignee", claims.Filter{Text: "dollars", AssigneeID: 2}, []string{nvidiaEN}},
		{"with an article", claims.Filter{Text: "دولار", ArticleID: a.ID}, []string{model}},
		{"with a status", claims.Filter{Text: "nvidia", Status: "researching"}, []string{nvidiaEN}},
		{"with a status that has none", claims.Filter{Text: "percent", Status: "researching"}, nil},
		{"oldest first", claims.Filter{Text: "nvidia", Sort: "oldest"}, []string{nvidiaEN, nvidiaAR}},
	}
	for _, plan := range plans {
		claims.SetPlan(svc, plan.docs, plan.records, plan.window)
		for _, tt := range tests {
			for _, sort := range []string{"", "updated"} {
				f := tt.f
				want := tt.want
				if f.Sort == "" && sort != "" {
					// Nothing was edited after the status change but the
					// first claim: by update it comes first.
					f.Sort = sort
					want = slices.Clone(want)
					slices.SortStableFunc(want, func(x, y string) int {
						if x == nvidiaEN {
							return -1
						}
						if y == nvidiaEN {
							return 1
						}
						return 0
					})
				}
				got := listText(t, svc, f, 2)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s, %s, sort %q: (-want +got)\n%s", plan.name, tt.name, f.Sort, diff)
				}
			}
		}
	}
}

// Paging through the matches of a word gives, in every order, what the list
// without the word gives for the claims that hold it, whichever way the
// query is planned.
func TestClaimListTextPages(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc, rev, _ := setup(t)
	ed := claims.Actor{ID: 2, Role: claims.RoleEditor}
	priorities := []string{"low", "normal", "high", "urgent"}
	for i := range 23 {
		st := "Prices rose in the capital"
		if i%3 == 0 {
			st = "Inflation reached a record in the capital"
		}
		if _, err := svc.CreateClaim(ctx, rev, 0, claims.ClaimInput{Statement: st, Type: "other", Priority: priorities[i%4], Start: -1, End: -1, Lang: "en"}); err != nil {
			t.Fatal(err)
		}
	}
	// Some claims are updated out of id order.
	all, err := svc.Claims(ctx, claims.Filter{Sort: "oldest", Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{12, 3, 20, 0, 9} {
		c := all.Claims[i]
		if _, err := svc.SetStatus(ctx, ed, c.ID, claims.StatusResearching, c.Version); err != nil {
			t.Fatal(err)
		}
	}
	ids := func(f claims.Filter, limit int, keep func(claims.Claim) bool) []int64 {
		var out []int64
		f.Limit = limit
		for {
			page, err := svc.Claims(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range page.Claims {
				if keep(c) {
					out = append(out, c.ID)
				}
			}
			if page.Next == "" {
				return out
			}
			f.After = page.Next
		}
	}
	inflation := func(c claims.Claim) bool { return strings.Contains(c.Statement, "Inflation") }
	every := func(claims.Claim) bool { return true }
	for _, plan := range plans {
		claims.SetPlan(svc, plan.docs, plan.records, plan.window)
		for _, sort := range claims.Sorts {
			for _, status := range []string{"", "researching"} {
				want := ids(claims.Filter{Sort: sort, Status: status}, 200, inflation)
				if len(want) == 0 {
					t.Fatalf("sort %s, status %q: no claim to compare with", sort, status)
				}
				// One word, and two (every inflation claim is in the capital).
				for _, text := range []string{"inflation", "capital inflation"} {
					got := ids(claims.Filter{Sort: sort, Status: status, Text: text}, 3, every)
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("%s, %q, sort %s, status %q: pages of 3 (-want +got)\n%s", plan.name, text, sort, status, diff)
					}
				}
			}
		}
	}
}

// A claim is found by its text as it is now, never by what it said before,
// and a claim that is gone is not listed even if its index entry stayed.
func TestClaimListTextFollowsEdits(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc, rev, _ := setup(t)
	bread, err := svc.CreateClaim(ctx, rev, 0, claims.ClaimInput{Statement: "Bread prices doubled this year", Type: "other", Start: -1, End: -1, Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	fuel, err := svc.CreateClaim(ctx, rev, 0, claims.ClaimInput{Statement: "Fuel prices doubled this year", Type: "other", Start: -1, End: -1, Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.UpdateClaim(ctx, rev, bread.ID, claims.ClaimInput{Statement: "Rice prices doubled this year", Type: "other", Lang: "en", Version: bread.Version}); err != nil {
		t.Fatal(err)
	}
	if err := claims.DBOf(svc).Exec("DELETE FROM claims WHERE id = ?", fuel.ID).Error; err != nil {
		t.Fatal(err)
	}
	for _, plan := range plans {
		claims.SetPlan(svc, plan.docs, plan.records, plan.window)
		for _, sort := range claims.Sorts {
			for q, want := range map[string][]string{
				"bread":   nil,
				"rice":    {"Rice prices doubled this year"},
				"fuel":    nil,
				"doubled": {"Rice prices doubled this year"},
			} {
				if got := listText(t, svc, claims.Filter{Text: q, Sort: sort}, 50); !cmp.Equal(want, got) {
					t.Errorf("%s, sort %s, q=%s: %q; want %q", plan.name, sort, q, got, want)
				}
			}
		}
	}
}

// Exports of a filtered list select what the list shows.
func TestScanClaimsText(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc, rev, _ := setup(t)
	var want []int64
	for i := range 7 {
		st := "Wheat harvest fell"
		if i%2 == 0 {
			st = "Exports of wheat rose"
		}
		c, err := svc.CreateClaim(ctx, rev, 0, claims.ClaimInput{Statement: st, Type: "other", Start: -1, End: -1, Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		if i%2 == 0 {
			want = append(want, c.ID)
		}
	}
	var got []int64
	if err := svc.ScanClaims(ctx, claims.Filter{Text: "exports wheat"}, func(cs []claims.Claim) error {
		for _, c := range cs {
			got = append(got, c.ID)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ScanClaims(exports wheat): (-want +got)\n%s", diff)
	}
}
