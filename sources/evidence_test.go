package sources_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/sources"
)

func historyActions(t *testing.T, d desk, claimID int64) []string {
	t.Helper()
	hist, err := d.claims.History(context.Background(), claimID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range hist {
		out = append(out, h.Action)
	}
	return out
}

func TestEvidenceCRUDAndHistory(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	c := d.claim(t, "about $900 billion")
	s := d.source(t, "https://example.org/reuters", "Nvidia posts record loss")
	ev, err := d.src.AddEvidence(ctx, revID, c.ID, sources.EvidenceInput{SourceID: s.ID, Stance: "refutes",
		Passage: "The loss was $593 billion.", Location: "paragraph 2", Note: "Reuters/LSEG figure"})
	if err != nil {
		t.Fatal(err)
	}
	if ev.Source.Title != s.Title || ev.Stance != sources.StanceRefutes || ev.CreatedByName != "Rev" || ev.Version != 1 {
		t.Errorf("evidence = %+v", ev)
	}
	// Edit, then a stale edit.
	ev2, err := d.src.UpdateEvidence(ctx, edID, ev.ID, sources.EvidenceInput{Stance: "context", Passage: ev.Passage, Location: "p. 2", Version: ev.Version})
	if err != nil || ev2.Stance != sources.StanceContext || ev2.Location != "p. 2" || ev2.Note != "" || ev2.Version != 2 {
		t.Fatalf("update: %+v %v", ev2, err)
	}
	_, err = d.src.UpdateEvidence(ctx, revID, ev.ID, sources.EvidenceInput{Stance: "supports", Version: ev.Version})
	var ce *sources.EvidenceConflictError
	if !errors.As(err, &ce) || ce.Current.Version != 2 || ce.Current.Stance != sources.StanceContext {
		t.Fatalf("stale update: %v", err)
	}
	if err := d.src.RemoveEvidence(ctx, revID, ev.ID, ev.Version); !errors.As(err, &ce) {
		t.Fatalf("stale remove: %v; want a conflict", err)
	}
	list, _ := d.src.ClaimEvidence(ctx, c.ID)
	if len(list) != 1 {
		t.Fatalf("evidence after stale remove = %d", len(list))
	}
	if err := d.src.RemoveEvidence(ctx, revID, ev.ID, ev2.Version); err != nil {
		t.Fatal(err)
	}
	if list, _ := d.src.ClaimEvidence(ctx, c.ID); len(list) != 0 {
		t.Errorf("evidence after remove = %d", len(list))
	}
	// Removing it again: it is gone.
	if err := d.src.RemoveEvidence(ctx, revID, ev.ID, ev2.Version); !errors.Is(err, sources.ErrNotFound) {
		t.Errorf("second remove: %v; want ErrNotFound", err)
	}
	if diff := cmp.Diff([]string{"claim.created", "evidence.added", "evidence.updated", "evidence.removed"}, historyActions(t, d, c.ID)); diff != "" {
		t.Errorf("claim history (-want +got):\n%s", diff)
	}
	hist, _ := d.claims.History(ctx, c.ID)
	added := hist[1]
	if added.UserName != "Rev" || added.Changes[0] != (claims.Change{Field: "source", New: s.Title}) {
		t.Errorf("evidence.added entry = %+v", added)
	}
	if updated := hist[2]; updated.UserName != "Ed" || len(updated.Changes) != 4 {
		t.Errorf("evidence.updated entry = %+v; want source, stance, location and note", updated)
	}
}

func TestEvidenceRefusals(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	c := d.claim(t, "about 20%")
	s := d.source(t, "https://example.org/cnbc", "Shares fell 17%")
	tests := []struct {
		name    string
		claimID int64
		in      sources.EvidenceInput
		want    error
		field   string
	}{
		{"unknown stance", c.ID, sources.EvidenceInput{SourceID: s.ID, Stance: "maybe"}, sources.ErrInvalid, "stance"},
		{"no source", c.ID, sources.EvidenceInput{Stance: "supports"}, sources.ErrInvalid, "source_id"},
		{"missing source", c.ID, sources.EvidenceInput{SourceID: 9999, Stance: "supports"}, sources.ErrInvalid, "source_id"},
		{"missing claim", 9999, sources.EvidenceInput{SourceID: s.ID, Stance: "supports"}, sources.ErrClaimNotFound, ""},
	}
	for _, tt := range tests {
		_, err := d.src.AddEvidence(ctx, revID, tt.claimID, tt.in)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: %v; want %v", tt.name, err, tt.want)
			continue
		}
		var fe sources.FieldErrors
		if tt.field != "" && (!errors.As(err, &fe) || fe[tt.field] == "") {
			t.Errorf("%s: %v; want a field error on %s", tt.name, err, tt.field)
		}
	}
	// A source deleted meanwhile.
	gone := d.source(t, "https://example.org/gone", "Gone")
	if err := d.src.DeleteSource(ctx, edID, gone.ID); err != nil {
		t.Fatal(err)
	}
	_, err := d.src.AddEvidence(ctx, revID, c.ID, sources.EvidenceInput{SourceID: gone.ID, Stance: "supports"})
	var fe sources.FieldErrors
	if !errors.As(err, &fe) || fe["source_id"] != "err.source_gone" {
		t.Errorf("deleted source: %v %v", err, fe)
	}
	// The schema refuses evidence for a claim that does not exist, too.
	if err := d.db.Exec(`INSERT INTO evidence (claim_id, source_id, stance, created_at, updated_at) VALUES (9999, ?, 'supports', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`, s.ID).Error; err == nil {
		t.Error("evidence for a missing claim accepted by the schema")
	}
	if err := d.db.Exec(`INSERT INTO evidence (claim_id, source_id, stance, created_at, updated_at) VALUES (?, ?, 'likes', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`, c.ID, s.ID).Error; err == nil {
		t.Error("an unknown stance accepted by the schema")
	}
	if n := d.count(t, "evidence"); n != 0 {
		t.Errorf("%d pieces of evidence stored by refused input", n)
	}
	if diff := cmp.Diff([]string{"claim.created"}, historyActions(t, d, c.ID)); diff != "" {
		t.Errorf("history after refusals (-want +got):\n%s", diff)
	}
}

func TestAddEvidenceWithNewSource(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	c := d.claim(t, "about $900 billion")
	ev, reused, err := d.src.AddEvidenceWithSource(ctx, revID, c.ID,
		sources.Input{URL: "https://example.org/new?utm_medium=x", Title: "New source", Kind: "news"},
		sources.EvidenceInput{Stance: "supports", Passage: "p"})
	if err != nil || reused || ev.Source.Title != "New source" {
		t.Fatalf("new source: %+v %v %v", ev, reused, err)
	}
	// The same URL again reuses the stored source.
	ev2, reused, err := d.src.AddEvidenceWithSource(ctx, revID, c.ID,
		sources.Input{URL: "https://EXAMPLE.org/new/", Title: "Typed again", Kind: "other"},
		sources.EvidenceInput{Stance: "context"})
	if err != nil || !reused || ev2.Source.ID != ev.Source.ID || ev2.Source.Title != "New source" {
		t.Fatalf("same URL: %+v %v %v", ev2, reused, err)
	}
	// Bad source and bad evidence fields come back together; nothing is stored.
	_, _, err = d.src.AddEvidenceWithSource(ctx, revID, c.ID,
		sources.Input{URL: "javascript:alert(1)", Title: "", Kind: "news"}, sources.EvidenceInput{Stance: "nope"})
	var fe sources.FieldErrors
	if !errors.As(err, &fe) || fe["source.url"] != "err.url_scheme" || fe["source.title"] != "err.required" || fe["stance"] != "err.stance" {
		t.Fatalf("bad input: %v %v", err, fe)
	}
	// A good source with bad evidence: the source is not kept either.
	_, _, err = d.src.AddEvidenceWithSource(ctx, revID, c.ID,
		sources.Input{URL: "https://example.org/half", Title: "Half", Kind: "news"}, sources.EvidenceInput{Stance: ""})
	if !errors.Is(err, sources.ErrInvalid) {
		t.Fatalf("bad stance with a good source: %v", err)
	}
	if n := d.count(t, "sources"); n != 1 {
		t.Errorf("%d sources stored; want 1 (nothing half-stored)", n)
	}
	// A claim that does not exist: neither source nor evidence.
	_, _, err = d.src.AddEvidenceWithSource(ctx, revID, 9999,
		sources.Input{URL: "https://example.org/orphan", Title: "Orphan", Kind: "news"}, sources.EvidenceInput{Stance: "supports"})
	if !errors.Is(err, sources.ErrClaimNotFound) {
		t.Errorf("missing claim: %v", err)
	}
	if n := d.count(t, "sources"); n != 1 {
		t.Errorf("%d sources after a refused attach to a missing claim; want 1", n)
	}
}

func TestDeleteSourceInUseAndCounts(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	c1, c2, c3 := d.claim(t, "about $900 billion"), d.claim(t, "about 20%"), d.claim(t, "yesterday")
	s := d.source(t, "https://example.org/s", "S")
	other := d.source(t, "https://example.org/o", "O")
	add := func(claimID, sourceID int64, stance string) sources.Evidence {
		ev, err := d.src.AddEvidence(ctx, revID, claimID, sources.EvidenceInput{SourceID: sourceID, Stance: stance})
		if err != nil {
			t.Fatal(err)
		}
		return ev
	}
	add(c1.ID, s.ID, "refutes")
	add(c1.ID, other.ID, "supports")
	add(c1.ID, other.ID, "context")
	e2 := add(c2.ID, s.ID, "supports")
	err := d.src.DeleteSource(ctx, edID, s.ID)
	var inUse *sources.InUseError
	if !errors.As(err, &inUse) || len(inUse.Claims) != 2 {
		t.Fatalf("delete in use: %v", err)
	}
	if inUse.Claims[0].ClaimID != c1.ID || inUse.Claims[0].Statement != c1.Statement || inUse.Claims[1].ClaimID != c2.ID {
		t.Errorf("claims using the source = %+v", inUse.Claims)
	}
	if _, err := d.src.Source(ctx, s.ID); err != nil {
		t.Errorf("source gone after a refused delete: %v", err)
	}
	// The schema refuses too.
	if err := d.db.Exec("DELETE FROM sources WHERE id = ?", s.ID).Error; err == nil {
		t.Error("the schema let a source in use be deleted")
	}
	counts, err := d.src.EvidenceCounts(ctx, []int64{c1.ID, c2.ID, c3.ID})
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]sources.Counts{c1.ID: {Supports: 1, Refutes: 1, Context: 1}, c2.ID: {Supports: 1}}
	if diff := cmp.Diff(want, counts); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	page, _ := d.src.Sources(ctx, sources.Filter{})
	uses := map[int64]int{}
	for _, it := range page.Sources {
		uses[it.ID] = it.Claims
	}
	if uses[s.ID] != 2 || uses[other.ID] != 1 {
		t.Errorf("use counts = %v", uses)
	}
	// Grouped by stance.
	list, _ := d.src.ClaimEvidence(ctx, c1.ID)
	var stances []sources.Stance
	for _, e := range list {
		stances = append(stances, e.Stance)
	}
	if diff := cmp.Diff([]sources.Stance{"supports", "refutes", "context"}, stances); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	// Once unused, it can go; its history stays.
	if err := d.src.RemoveEvidence(ctx, revID, list[1].ID, list[1].Version); err != nil {
		t.Fatal(err)
	}
	if err := d.src.RemoveEvidence(ctx, revID, e2.ID, e2.Version); err != nil {
		t.Fatal(err)
	}
	if err := d.src.DeleteSource(ctx, edID, s.ID); err != nil {
		t.Fatalf("delete unused: %v", err)
	}
	if _, err := d.src.Source(ctx, s.ID); !errors.Is(err, sources.ErrNotFound) {
		t.Errorf("deleted source: %v", err)
	}
	hist, _ := d.src.History(ctx, s.ID)
	if len(hist) != 2 || hist[1].Action != "source.deleted" || hist[1].UserName != "Ed" {
		t.Errorf("history of the deleted source = %+v", hist)
	}
	if err := d.src.DeleteSource(ctx, edID, s.ID); !errors.Is(err, sources.ErrNotFound) {
		t.Errorf("deleting again: %v", err)
	}
}

func TestReviewNeedsEvidence(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	rev := claims.Actor{ID: revID, Role: claims.RoleReviewer}
	ed := claims.Actor{ID: edID, Role: claims.RoleEditor}
	c := d.claim(t, "about 20%")
	c, err := d.claims.SetStatus(ctx, rev, c.ID, claims.StatusResearching, c.Version)
	if err != nil {
		t.Fatal(err)
	}
	labels, err := d.claims.Labels(ctx, false)
	if err != nil || len(labels) == 0 {
		t.Fatalf("labels: %v", err)
	}
	verdict := claims.VerdictInput{LabelID: labels[0].ID, Conclusion: "Shares fell about 17%, not 20%.", Reasoning: "Exchange data show a 16.97% fall."}
	// Submitting a verdict sends the claim to review, and only with evidence.
	if _, err := d.claims.SaveVerdict(ctx, rev, c.ID, verdict, true); !errors.Is(err, claims.ErrNoEvidence) {
		t.Fatalf("to review without evidence: %v; want ErrNoEvidence", err)
	}
	if got, _ := d.claims.Claim(ctx, c.ID); got.Status != claims.StatusResearching || got.Version != c.Version {
		t.Fatalf("after the refusal: %s v%d; want unchanged", got.Status, got.Version)
	}
	s := d.source(t, "https://example.org/cnbc", "Shares fell 17%")
	ev, err := d.src.AddEvidence(ctx, revID, c.ID, sources.EvidenceInput{SourceID: s.ID, Stance: "refutes"})
	if err != nil {
		t.Fatal(err)
	}
	v, err := d.claims.SaveVerdict(ctx, rev, c.ID, verdict, true)
	if err != nil {
		t.Fatalf("to review with evidence: %v", err)
	}
	if c, _ = d.claims.Claim(ctx, c.ID); c.Status != claims.StatusInReview {
		t.Fatalf("after submitting: %s", c.Status)
	}
	// In review, the last piece of evidence stays; a second one lets the first go.
	if err := d.src.RemoveEvidence(ctx, revID, ev.ID, ev.Version); !errors.Is(err, sources.ErrLastEvidence) {
		t.Fatalf("removing the only evidence of a claim in review: %v; want ErrLastEvidence", err)
	}
	other := d.source(t, "https://example.org/reuters", "Reuters")
	if _, err := d.src.AddEvidence(ctx, revID, c.ID, sources.EvidenceInput{SourceID: other.ID, Stance: "refutes"}); err != nil {
		t.Fatal(err)
	}
	if err := d.src.RemoveEvidence(ctx, revID, ev.ID, ev.Version); err != nil {
		t.Fatalf("removing one of two: %v", err)
	}
	// Back in research (sent back by an editor), the last one may go.
	if _, err := d.claims.RequestChanges(ctx, ed, v.ID, v.Version, "Cite the exchange data."); err != nil {
		t.Fatal(err)
	}
	list, _ := d.src.ClaimEvidence(ctx, c.ID)
	if err := d.src.RemoveEvidence(ctx, revID, list[0].ID, list[0].Version); err != nil {
		t.Errorf("removing the last evidence of a claim in research: %v", err)
	}
}
