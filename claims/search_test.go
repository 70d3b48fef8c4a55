package claims_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/claimreview"
	"github.com/factdesk/factdesk/claims/searchindex"
	"github.com/factdesk/factdesk/migrations"
	"github.com/factdesk/factdesk/sources"
)

func (d desk) index() *searchindex.Index {
	ix := searchindex.New(d.db)
	for _, k := range []searchindex.Kind{searchindex.KindClaim, searchindex.KindVerdict, searchindex.KindArticle, searchindex.KindPrior} {
		ix.SetLoader(k, d.svc.SearchTexts(k))
	}
	return ix
}

func (d desk) find(t *testing.T, q string, k searchindex.Kind) []int64 {
	t.Helper()
	res, err := d.index().Search(context.Background(), searchindex.Query{Text: q, Kinds: []searchindex.Kind{k}, PerKind: 50})
	if err != nil {
		t.Fatal(err)
	}
	var out []int64
	for _, g := range res.Groups {
		for _, h := range g.Hits {
			out = append(out, h.Ref)
		}
	}
	return out
}

func (d desk) docs(t *testing.T, kind string) int64 {
	t.Helper()
	var n int64
	if err := d.db.Raw("SELECT COUNT(*) FROM search_docs WHERE kind = ?", kind).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// Every write indexes in its own transaction: searchable at once when it
// commits, absent when it fails, current after edits and status changes.
func TestWritesKeepTheIndex(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	if got := d.find(t, "انفيديا", searchindex.KindArticle); !slices.Equal(got, []int64{d.art.ID}) {
		t.Errorf("the article is not searchable right after it was added: %v", got)
	}
	c := d.claim(t)
	if got := d.find(t, "مليار", searchindex.KindClaim); !slices.Equal(got, []int64{c.ID}) {
		t.Errorf("the claim is not searchable right after it was logged: %v", got)
	}
	// An edit replaces the indexed words.
	c, err := d.svc.UpdateClaim(ctx, d.rev, c.ID, claims.ClaimInput{Statement: "Nvidia shed 593 billion dollars", Type: "market",
		Amount: "593 billion", Value: claims.Value{Currency: "USD"}, Version: c.Version})
	if err != nil {
		t.Fatal(err)
	}
	if got := d.find(t, "مليار", searchindex.KindClaim); len(got) != 0 {
		t.Errorf("old words still find the edited claim: %v", got)
	}
	if got := d.find(t, "shed", searchindex.KindClaim); !slices.Equal(got, []int64{c.ID}) {
		t.Errorf("new words do not find it: %v", got)
	}
	// A verdict's conclusion is searchable, and the claim's status follows.
	d.ev.add(c.ID)
	v, err := d.svc.SaveVerdict(ctx, d.rev, c.ID, d.input("Mostly false", 0), true)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.find(t, "reuters", searchindex.KindVerdict); len(got) != 0 {
		t.Errorf("the reasoning is indexed as a conclusion: %v", got)
	}
	if got := d.find(t, "593 billion not 900", searchindex.KindVerdict); !slices.Equal(got, []int64{v.ID}) {
		t.Errorf("the conclusion is not searchable: %v", got)
	}
	res, err := d.index().Search(ctx, searchindex.Query{Text: "nvidia", Status: string(claims.StatusInReview)})
	if err != nil || res.Total() != 2 { // the claim and its verdict, both in review
		t.Errorf("status filter after submitting: %d hits, %v", res.Total(), err)
	}
	if _, err := d.svc.Approve(ctx, d.ed, v.ID, v.Version); err != nil {
		t.Fatal(err)
	}
	res, _ = d.index().Search(ctx, searchindex.Query{Text: "nvidia", LabelID: d.labels["Mostly false"]})
	if res.Total() != 2 {
		t.Errorf("label filter after publishing: %d hits; want the claim and its verdict", res.Total())
	}

	// A write that fails after its rows were written leaves no index row.
	failHistory := []string{`CREATE TRIGGER fail_history BEFORE INSERT ON claim_history
		WHEN new.action = 'claim.created' BEGIN SELECT RAISE(ABORT, 'history refused'); END`}
	if migrations.EngineOf(d.db) == migrations.Postgres {
		failHistory = []string{`CREATE FUNCTION fail_history() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN RAISE EXCEPTION 'history refused'; END; $$`,
			`CREATE TRIGGER fail_history BEFORE INSERT ON claim_history FOR EACH ROW
			WHEN (new.action = 'claim.created') EXECUTE FUNCTION fail_history()`}
	}
	for _, q := range failHistory {
		if err := d.db.Exec(q).Error; err != nil {
			t.Fatal(err)
		}
	}
	before := d.docs(t, "claim")
	_, err = d.svc.CreateClaim(ctx, d.rev, 0, claims.ClaimInput{Statement: "A claim whose write fails zanzibar", Type: "other", Start: -1, End: -1})
	if err == nil || !strings.Contains(err.Error(), "history refused") {
		t.Fatalf("the write did not fail: %v", err)
	}
	if after := d.docs(t, "claim"); after != before {
		t.Errorf("search_docs went from %d to %d claims after a failed write", before, after)
	}
	if got := d.find(t, "zanzibar", searchindex.KindClaim); len(got) != 0 {
		t.Errorf("the failed claim is searchable: %v", got)
	}
}

func TestImportsAreSearchableWithoutARebuild(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	imp, err := d.svc.ImportPriorChecks(ctx, d.ed, "x.json", claimreview.NewDecoder(strings.NewReader(`[
 {"@type":"ClaimReview","claimReviewed":"إنفيديا خسرت 593 مليار دولار في يوم","url":"https://example.com/a","author":{"name":"مسبار"},
  "reviewRating":{"alternateName":"مضلل"},"datePublished":"2025-01-29"},
 {"@type":"ClaimReview","claimReviewed":"The moon is made of cheese","url":"https://example.com/b","author":{"name":"Desk"},
  "reviewRating":{"alternateName":"False"},"datePublished":"2020-04-01"}]`)))
	if err != nil || imp.Added != 2 {
		t.Fatalf("import: %+v %v", imp, err)
	}
	if got := d.find(t, "انفيديا", searchindex.KindPrior); len(got) != 1 {
		t.Errorf("an imported prior check is not searchable: %v", got)
	}
	res, err := d.index().Search(ctx, searchindex.Query{Text: "cheese", LabelID: d.labels["False"], LabelNames: []string{"False", "زائف"}})
	if err != nil || res.Total() != 1 {
		t.Errorf("label filter on a prior check's rating: %d, %v", res.Total(), err)
	}
	var folded string
	d.db.Raw("SELECT search_text FROM prior_checks WHERE claim_text LIKE 'إنفيديا%'").Scan(&folded)
	if !strings.Contains(folded, "انفيديا") {
		t.Errorf("prior_checks.search_text is not folded: %q", folded)
	}
}

// The rebuild writes the same index as the writes did.
func TestReindexMatchesTheWrites(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	c := d.claim(t)
	d.ev.add(c.ID)
	if _, err := d.svc.SaveVerdict(ctx, d.rev, c.ID, d.input("False", 0), false); err != nil {
		t.Fatal(err)
	}
	type row struct {
		ID                            int64
		Kind, Lang, Status, Day, Feat string
		LabelID                       *int64
	}
	read := func() []row {
		var rows []row
		d.db.Raw("SELECT id, kind, lang, status, day, features AS feat, label_id FROM search_docs ORDER BY id").Scan(&rows)
		return rows
	}
	want := read()
	err := d.db.Transaction(func(tx *gorm.DB) error {
		if err := searchindex.Clear(ctx, tx); err != nil {
			return err
		}
		return d.svc.Reindex(ctx, tx)
	})
	if err != nil {
		t.Fatal(err)
	}
	// Sources are the sources package's to rebuild: the evidence source is gone here.
	got := append([]row(nil), read()...)
	var wantNoSources []row
	for _, r := range want {
		if r.Kind != "source" {
			wantNoSources = append(wantNoSources, r)
		}
	}
	if len(got) != len(wantNoSources) {
		t.Fatalf("rebuilt %d records; the writes had %d", len(got), len(wantNoSources))
	}
	for i := range got {
		if got[i].ID != wantNoSources[i].ID || got[i].Feat != wantNoSources[i].Feat || got[i].Status != wantNoSources[i].Status {
			t.Errorf("record %d: rebuilt %+v; written %+v", i, got[i], wantNoSources[i])
		}
	}
	if got := d.find(t, "مليار", searchindex.KindClaim); !slices.Equal(got, []int64{c.ID}) {
		t.Errorf("after the rebuild: %v", got)
	}
}

func TestLinksCarryAndReuse(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	a := d.claim(t)
	b, err := d.svc.CreateClaim(ctx, d.rev, 0, claims.ClaimInput{Statement: "Nvidia lost $900 billion in a day", Type: "market",
		Amount: "900 billion", Value: claims.Value{Currency: "USD"}, Start: -1, End: -1})
	if err != nil {
		t.Fatal(err)
	}
	// Linking: refused to itself, once only, recorded on both sides.
	if err := d.svc.LinkClaim(ctx, d.rev, a.ID, a.ID); !errors.Is(err, claims.ErrSelfLink) {
		t.Errorf("self link: %v", err)
	}
	if err := d.svc.LinkClaim(ctx, d.rev, b.ID, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := d.svc.LinkClaim(ctx, d.rev, a.ID, b.ID); !errors.Is(err, claims.ErrAlreadyLinked) {
		t.Errorf("second link: %v", err)
	}
	for _, id := range []int64{a.ID, b.ID} {
		if h := actions(t, d.svc, id); !slices.Contains(h, "link.added") {
			t.Errorf("claim %d history %v lacks link.added", id, h)
		}
	}
	twins, err := d.svc.Twins(ctx, b.ID)
	if err != nil || len(twins) != 1 || twins[0].Claim == nil || twins[0].Claim.ID != a.ID {
		t.Fatalf("twins of b = %+v, %v", twins, err)
	}
	// Carrying: a published verdict only, an editor only, to a linked twin only.
	if _, err := d.svc.CarryVerdict(ctx, d.ed, b.ID, a.ID); !errors.Is(err, claims.ErrNoPublished) {
		t.Errorf("carry without a published verdict: %v", err)
	}
	d.ev.add(a.ID)
	v, err := d.svc.SaveVerdict(ctx, d.rev, a.ID, d.input("Mostly false", 0), true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.svc.Approve(ctx, d.ed, v.ID, v.Version); err != nil {
		t.Fatal(err)
	}
	if _, err := d.svc.CarryVerdict(ctx, d.rev, b.ID, a.ID); !errors.Is(err, claims.ErrForbidden) {
		t.Errorf("a reviewer carried a verdict: %v", err)
	}
	other, _ := d.svc.CreateClaim(ctx, d.rev, 0, claims.ClaimInput{Statement: "Unrelated", Type: "other", Start: -1, End: -1})
	if _, err := d.svc.CarryVerdict(ctx, d.ed, other.ID, a.ID); !errors.Is(err, claims.ErrNotLinked) {
		t.Errorf("carry to a claim not linked: %v", err)
	}
	carried, err := d.svc.CarryVerdict(ctx, d.ed, b.ID, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if carried.ClaimID != b.ID || carried.State != claims.VerdictDraft || carried.Label.ID != d.labels["Mostly false"] ||
		carried.Conclusion != v.Conclusion || carried.Verified.Amount != 593e9 {
		t.Errorf("carried verdict = %+v", carried)
	}
	if h := actions(t, d.svc, b.ID); !slices.Contains(h, "verdict.carried") || !slices.Contains(h, "verdict.proposed") {
		t.Errorf("history of b = %v", h)
	}
	// It still goes through review: the carrying editor may not approve it.
	d.ev.add(b.ID)
	sub, err := d.svc.SaveVerdict(ctx, d.ed, b.ID, claims.VerdictInput{LabelID: carried.Label.ID, Conclusion: carried.Conclusion,
		Reasoning: carried.Reasoning, Amount: "593,000,000,000", Verified: claims.Value{Currency: "USD"}, Version: carried.Version}, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.svc.Approve(ctx, d.ed, sub.ID, sub.Version); !errors.Is(err, claims.ErrFourEyes) {
		t.Errorf("the carrying editor approved it: %v", err)
	}
	// Carrying again finds the verdict in review: a conflict, nothing written.
	if _, err := d.svc.CarryVerdict(ctx, d.ed, b.ID, a.ID); err == nil {
		t.Errorf("carried over a verdict in review")
	}
	// Unlinking is in both histories.
	if err := d.svc.Unlink(ctx, d.rev, a.ID, twins[0].LinkID); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{a.ID, b.ID} {
		if h := actions(t, d.svc, id); !slices.Contains(h, "link.removed") {
			t.Errorf("claim %d history %v lacks link.removed", id, h)
		}
	}
	if err := d.svc.Unlink(ctx, d.rev, a.ID, twins[0].LinkID); !errors.Is(err, claims.ErrNotFound) {
		t.Errorf("unlinking twice: %v", err)
	}
}

func TestCopyEvidenceFromATwin(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	a, b := d.claim(t), d.claim(t)
	d.ev.add(a.ID)
	d.ev.add(a.ID)
	src := sources.NewService(d.db, d.svc)
	n, err := src.CopyEvidence(ctx, d.rev.ID, a.ID, b.ID)
	if err != nil || n != 2 {
		t.Fatalf("copy: %d, %v", n, err)
	}
	// Again: the sources are already there.
	if n, err := src.CopyEvidence(ctx, d.rev.ID, a.ID, b.ID); err != nil || n != 0 {
		t.Errorf("second copy: %d, %v", n, err)
	}
	evs, err := src.ClaimEvidence(ctx, b.ID)
	if err != nil || len(evs) != 2 {
		t.Fatalf("evidence of b: %d, %v", len(evs), err)
	}
	if h := actions(t, d.svc, b.ID); !slices.Contains(h, "evidence.copied") {
		t.Errorf("history of b = %v", h)
	}
	if _, err := src.CopyEvidence(ctx, d.rev.ID, a.ID, 9999); !errors.Is(err, sources.ErrClaimNotFound) {
		t.Errorf("copy to a missing claim: %v", err)
	}
}

// Sources keep their search records in their own writes' transactions too.
func TestSourcesKeepTheIndex(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	src := sources.NewService(d.db, d.svc)
	ix := d.index()
	ix.SetLoader(searchindex.KindSource, src.SearchTexts)
	find := func(q string) int {
		t.Helper()
		res, err := ix.Search(ctx, searchindex.Query{Text: q, Kinds: []searchindex.Kind{searchindex.KindSource}})
		if err != nil {
			t.Fatal(err)
		}
		return res.Total()
	}
	s, err := src.CreateSource(ctx, d.rev.ID, sources.Input{URL: "https://example.org/tariffs", Title: "Customs revenue tables", Kind: "dataset"})
	if err != nil {
		t.Fatal(err)
	}
	if find("customs") != 1 {
		t.Errorf("a new source is not searchable")
	}
	if _, err := src.UpdateSource(ctx, d.rev.ID, s.ID, sources.Input{URL: "https://example.org/tariffs", Title: "Excise duty tables",
		Kind: "dataset", Version: s.Version}); err != nil {
		t.Fatal(err)
	}
	if find("customs") != 0 || find("excise") != 1 {
		t.Errorf("an edited source: old words %d, new words %d", find("customs"), find("excise"))
	}
	if err := src.DeleteSource(ctx, d.ed.ID, s.ID); err != nil {
		t.Fatal(err)
	}
	if find("excise") != 0 || d.docs(t, "source") != 0 {
		t.Errorf("a deleted source is still indexed")
	}
}
