package claims_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/migrations/dbtest"
	"github.com/factdesk/factdesk/sources"
)

// desk is a migrated database with a reviewer (1), two editors (2, 3), an
// admin (4), an Arabic article, and the sources service counting evidence.
type desk struct {
	svc               *claims.Service
	ev                *evidence
	rev, ed, ed2, adm claims.Actor
	art               claims.Article
	labels            map[string]int64 // English name → id
}

func newDesk(t *testing.T) desk {
	t.Helper()
	db := dbtest.New(t)
	if err := db.Exec(`INSERT INTO users (id,email,name,role,password_hash,created_at,updated_at) VALUES
		(1,'r@x.org','Rev','reviewer','x',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP),
		(2,'e@x.org','Ed','editor','x',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP),
		(3,'e2@x.org','Eve','editor','x',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP),
		(4,'a@x.org','Ada','admin','x',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP)`).Error; err != nil {
		t.Fatal(err)
	}
	svc := claims.NewService(db)
	src := sources.NewService(db, svc)
	svc.SetEvidenceCounter(src)
	ev := &evidence{t: t, src: src}
	d := desk{svc: svc, ev: ev, rev: claims.Actor{ID: 1, Role: claims.RoleReviewer}, ed: claims.Actor{ID: 2, Role: claims.RoleEditor},
		ed2: claims.Actor{ID: 3, Role: claims.RoleEditor}, adm: claims.Actor{ID: 4, Role: claims.RoleAdmin}, labels: map[string]int64{}}
	a, err := svc.CreateArticle(context.Background(), d.rev, claims.NewArticle{Title: "خسارة إنفيديا", Body: sampleAR, PublishedOn: "2025-01-28"})
	if err != nil {
		t.Fatal(err)
	}
	d.art = a
	ls, err := svc.Labels(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		d.labels[l.NameEN] = l.ID
	}
	return d
}

// claim logs a market-figure claim (900 billion dollars, about).
func (d desk) claim(t *testing.T) claims.Claim {
	t.Helper()
	c, err := d.svc.CreateClaim(context.Background(), d.rev, d.art.ID, claims.ClaimInput{Statement: "نحو 900 مليار دولار", Type: "market",
		Quote: "نحو 900 مليار دولار", Start: -1, End: -1, Amount: "900 مليار", Value: claims.Value{Currency: "USD", Qualifier: "about"}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (d desk) input(label string, version int64) claims.VerdictInput {
	return claims.VerdictInput{LabelID: d.labels[label], Conclusion: "Nvidia lost about $593 billion, not $900 billion",
		Reasoning: "Reuters put the loss at **$593 billion**.", Amount: "593,000,000,000", Verified: claims.Value{Currency: "USD"}, Version: version}
}

// submitted proposes and submits a verdict as author on a claim with evidence.
func (d desk) submitted(t *testing.T, author claims.Actor) (claims.Claim, claims.Verdict) {
	t.Helper()
	c := d.claim(t)
	d.ev.add(c.ID)
	v, err := d.svc.SaveVerdict(context.Background(), author, c.ID, d.input("Mostly false", 0), true)
	if err != nil {
		t.Fatal(err)
	}
	return c, v
}

func (d desk) status(t *testing.T, id int64) claims.Status {
	t.Helper()
	c, err := d.svc.Claim(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c.Status
}

func actions(t *testing.T, svc *claims.Service, claimID int64) []string {
	t.Helper()
	hist, err := svc.History(context.Background(), claimID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range hist {
		out = append(out, h.Action)
	}
	return out
}

func TestDefaultScaleSeeded(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ls, err := d.svc.Labels(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		EN, AR string
		Truth  int
	}
	var got []row
	for _, l := range ls {
		got = append(got, row{l.NameEN, l.NameAR, l.Truth})
		if !claims.ValidColour(l.Colour) || l.DescriptionEN == "" || l.DescriptionAR == "" {
			t.Errorf("label %s: colour %q, descriptions %q / %q", l.NameEN, l.Colour, l.DescriptionEN, l.DescriptionAR)
		}
	}
	want := []row{{"True", "صحيح", 5}, {"Mostly true", "صحيح في معظمه", 4}, {"Misleading", "مضلل", 3}, {"Mostly false", "زائف في معظمه", 2},
		{"False", "زائف", 1}, {"Unverifiable", "غير قابل للتحقق", 0}, {"Satire", "ساخر", 0}, {"Opinion", "رأي", 0}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("default scale (-want +got):\n%s", diff)
	}
}

func TestScaleAdminEdits(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	// Only admins change the scale.
	for _, a := range []claims.Actor{d.rev, d.ed} {
		if _, err := d.svc.CreateLabel(ctx, a, claims.LabelInput{NameEN: "X", NameAR: "س", Colour: "#000000"}); !errors.Is(err, claims.ErrForbidden) {
			t.Errorf("%s adding a label: %v; want ErrForbidden", a.Role, err)
		}
	}
	// Bad input is refused field by field.
	_, err := d.svc.CreateLabel(ctx, d.adm, claims.LabelInput{NameEN: "False", NameAR: "", Colour: "red", Truth: "6"})
	var fe claims.FieldErrors
	if !errors.As(err, &fe) || fe["name_en"] != "err.label_name_taken" || fe["name_ar"] != "err.required" || fe["colour"] != "err.colour" || fe["truth"] != "err.truth" {
		t.Fatalf("bad label: %v %v", err, fe)
	}
	// Add (truth typed in Arabic-Indic digits), then it sits at the end.
	l, err := d.svc.CreateLabel(ctx, d.adm, claims.LabelInput{NameEN: "Missing context", NameAR: "محتوى ناقص", Colour: "#A0522D", Truth: "٣", DescriptionEN: "Needs context."})
	if err != nil {
		t.Fatal(err)
	}
	if l.Truth != 3 || l.Colour != "#a0522d" {
		t.Errorf("new label = %+v", l)
	}
	ls, _ := d.svc.Labels(ctx, false)
	if ls[len(ls)-1].ID != l.ID {
		t.Errorf("new label not last: %v", ls[len(ls)-1].NameEN)
	}
	// Rename and translate with its version; a stale form is refused.
	l2, err := d.svc.UpdateLabel(ctx, d.adm, l.ID, claims.LabelInput{NameEN: "Lacks context", NameAR: "يفتقر إلى السياق", Colour: "#a0522d", Version: l.Version})
	if err != nil || l2.NameEN != "Lacks context" || l2.Truth != 0 || l2.Version != l.Version+1 {
		t.Fatalf("rename: %+v %v", l2, err)
	}
	if _, err := d.svc.UpdateLabel(ctx, d.adm, l.ID, claims.LabelInput{NameEN: "Old form", NameAR: "قديم", Colour: "#a0522d", Version: l.Version}); !errors.Is(err, claims.ErrConflict) {
		t.Errorf("stale label edit: %v; want ErrConflict", err)
	}
	// Reorder: move it up twice, past Opinion and Satire.
	for range 2 {
		cur, _ := d.svc.Label(ctx, l.ID)
		if err := d.svc.MoveLabel(ctx, d.adm, l.ID, true, cur.Version); err != nil {
			t.Fatal(err)
		}
	}
	ls, _ = d.svc.Labels(ctx, false)
	var order []string
	for _, x := range ls {
		order = append(order, x.NameEN)
	}
	if diff := cmp.Diff([]string{"True", "Mostly true", "Misleading", "Mostly false", "False", "Unverifiable", "Lacks context", "Satire", "Opinion"}, order); diff != "" {
		t.Errorf("order after moving up twice (-want +got):\n%s", diff)
	}
	// Retire: gone from the list for new verdicts, refused on a verdict.
	cur, _ := d.svc.Label(ctx, l.ID)
	if err := d.svc.RetireLabel(ctx, d.adm, l.ID, true, cur.Version); err != nil {
		t.Fatal(err)
	}
	ls, _ = d.svc.Labels(ctx, false)
	for _, x := range ls {
		if x.ID == l.ID {
			t.Error("a retired label is offered")
		}
	}
	c := d.claim(t)
	in := d.input("Mostly false", 0)
	in.LabelID = l.ID
	_, err = d.svc.SaveVerdict(ctx, d.rev, c.ID, in, false)
	if !errors.As(err, &fe) || fe["label"] != "err.label_retired" {
		t.Fatalf("verdict on a retired label: %v; want a label field error", err)
	}
	if vs, _ := d.svc.Verdicts(ctx, c.ID); len(vs) != 0 {
		t.Errorf("%d verdicts stored on a retired label", len(vs))
	}
	if d.status(t, c.ID) != claims.StatusNew {
		t.Errorf("a refused verdict changed the claim's status")
	}
}

func TestDeleteLabelInUseMovesItsVerdicts(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	c, v := d.submitted(t, d.rev)
	l, _ := d.svc.Label(ctx, v.Label.ID)
	if l.InUse != 1 {
		t.Fatalf("in use = %d; want 1", l.InUse)
	}
	if _, err := d.svc.DeleteLabel(ctx, d.adm, l.ID, 0, l.Version); !errors.Is(err, claims.ErrLabelInUse) {
		t.Fatalf("deleting a label in use without a target: %v; want ErrLabelInUse", err)
	}
	sat, _ := d.svc.Label(ctx, d.labels["Satire"])
	if err := d.svc.RetireLabel(ctx, d.adm, sat.ID, true, sat.Version); err != nil {
		t.Fatal(err)
	}
	var fe claims.FieldErrors
	if _, err := d.svc.DeleteLabel(ctx, d.adm, l.ID, sat.ID, l.Version); !errors.As(err, &fe) || fe["move_to"] == "" {
		t.Fatalf("moving to a retired label: %v", err)
	}
	if _, err := d.svc.DeleteLabel(ctx, d.ed, l.ID, d.labels["False"], l.Version); !errors.Is(err, claims.ErrForbidden) {
		t.Fatalf("editor deleting a label: %v", err)
	}
	n, err := d.svc.DeleteLabel(ctx, d.adm, l.ID, d.labels["False"], l.Version)
	if err != nil || n != 1 {
		t.Fatalf("delete with move: %d %v", n, err)
	}
	got, _ := d.svc.Verdict(ctx, v.ID)
	if got.Label.NameEN != "False" {
		t.Errorf("moved verdict label = %q; want False", got.Label.NameEN)
	}
	if _, err := d.svc.Label(ctx, l.ID); !errors.Is(err, claims.ErrNotFound) {
		t.Errorf("deleted label still there: %v", err)
	}
	if a := actions(t, d.svc, c.ID); a[len(a)-1] != "verdict.relabelled" {
		t.Errorf("history = %v; want the relabelling last", a)
	}
	// A label nobody uses goes without a target.
	op, _ := d.svc.Label(ctx, d.labels["Opinion"])
	if _, err := d.svc.DeleteLabel(ctx, d.adm, op.ID, 0, op.Version); err != nil {
		t.Errorf("deleting an unused label: %v", err)
	}
}

func TestProposeReviewRevisePublish(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	c := d.claim(t)

	// A draft on a new claim starts its research.
	v, err := d.svc.SaveVerdict(ctx, d.rev, c.ID, d.input("Mostly false", 0), false)
	if err != nil {
		t.Fatal(err)
	}
	if v.State != claims.VerdictDraft || v.Number != 1 || v.AuthorID != 1 || v.Verified.Amount != 593e9 || d.status(t, c.ID) != claims.StatusResearching {
		t.Fatalf("draft = %+v, claim %s", v, d.status(t, c.ID))
	}
	// Submitting without evidence is refused and changes nothing.
	if _, err := d.svc.SaveVerdict(ctx, d.rev, c.ID, d.input("Mostly false", v.Version), true); !errors.Is(err, claims.ErrNoEvidence) {
		t.Fatalf("submit without evidence: %v; want ErrNoEvidence", err)
	}
	if got, _ := d.svc.Verdict(ctx, v.ID); got.State != claims.VerdictDraft || got.Version != v.Version || d.status(t, c.ID) != claims.StatusResearching {
		t.Fatalf("after the refused submission: %s v%d, claim %s", got.State, got.Version, d.status(t, c.ID))
	}
	// A submission needs its reasoning.
	d.ev.add(c.ID)
	noReason := d.input("Mostly false", v.Version)
	noReason.Reasoning = "  "
	var fe claims.FieldErrors
	if _, err := d.svc.SaveVerdict(ctx, d.rev, c.ID, noReason, true); !errors.As(err, &fe) || fe["reasoning"] == "" {
		t.Fatalf("submit without reasoning: %v", err)
	}
	v, err = d.svc.SaveVerdict(ctx, d.rev, c.ID, d.input("Mostly false", v.Version), true)
	if err != nil || v.State != claims.VerdictSubmitted || d.status(t, c.ID) != claims.StatusInReview {
		t.Fatalf("submit: %+v %v, claim %s", v.State, err, d.status(t, c.ID))
	}
	// A submitted version is not edited.
	if _, err := d.svc.SaveVerdict(ctx, d.rev, c.ID, d.input("False", v.Version), false); !errors.Is(err, claims.ErrNotEditable) {
		t.Errorf("editing a submitted version: %v; want ErrNotEditable", err)
	}
	if n, _ := d.svc.ReviewCount(ctx); n != 1 {
		t.Errorf("review count = %d; want 1", n)
	}
	// A reviewer cannot decide.
	if _, err := d.svc.Approve(ctx, d.rev, v.ID, v.Version); !errors.Is(err, claims.ErrForbidden) {
		t.Errorf("reviewer approving: %v; want ErrForbidden", err)
	}
	// Sending back needs a comment.
	if _, err := d.svc.RequestChanges(ctx, d.ed, v.ID, v.Version, " \n "); !errors.As(err, &fe) || fe["comment"] != "err.comment_required" {
		t.Fatalf("request changes without comment: %v", err)
	}
	if got, _ := d.svc.Verdict(ctx, v.ID); got.State != claims.VerdictSubmitted {
		t.Fatalf("a refused request for changes changed the state to %s", got.State)
	}
	v, err = d.svc.RequestChanges(ctx, d.ed, v.ID, v.Version, "Add Bloomberg's figure too.")
	if err != nil || v.State != claims.VerdictChangesRequested || d.status(t, c.ID) != claims.StatusResearching {
		t.Fatalf("request changes: %v %v, claim %s", v.State, err, d.status(t, c.ID))
	}
	thread, _ := d.svc.Comments(ctx, c.ID)
	if len(thread) != 1 || !thread[0].ChangesRequested || thread[0].AuthorName != "Ed" || thread[0].VerdictNumber != 1 {
		t.Fatalf("thread = %+v", thread)
	}
	// The reviewer sees it in the inbox, revises and submits again.
	box, _ := d.svc.Inbox(ctx, d.rev, 20)
	if len(box.ChangesRequested) != 1 || box.ChangesRequested[0].Verdict.ID != v.ID {
		t.Errorf("reviewer's inbox: %+v", box.ChangesRequested)
	}
	rev := d.input("Mostly false", v.Version)
	rev.Reasoning += "\n\nBloomberg: $589 billion."
	v, err = d.svc.SaveVerdict(ctx, d.rev, c.ID, rev, true)
	if err != nil || v.State != claims.VerdictSubmitted || v.Number != 1 {
		t.Fatalf("resubmit: %+v %v", v, err)
	}
	box, _ = d.svc.Inbox(ctx, d.ed, 20)
	if len(box.AwaitingReview) != 1 {
		t.Errorf("editor's inbox awaiting review = %d; want 1", len(box.AwaitingReview))
	}
	v, err = d.svc.Approve(ctx, d.ed, v.ID, v.Version)
	if err != nil || v.State != claims.VerdictApproved || v.PublishedAt.IsZero() || v.ApproverName != "Ed" || d.status(t, c.ID) != claims.StatusPublished {
		t.Fatalf("approve: %+v %v, claim %s", v, err, d.status(t, c.ID))
	}
	want := []string{"claim.created", "verdict.proposed", "claim.status", "evidence.added", "claim.status", "verdict.submitted",
		"claim.status", "verdict.changes_requested", "verdict.edited", "claim.status", "verdict.submitted", "claim.status", "verdict.approved"}
	if diff := cmp.Diff(want, actions(t, d.svc, c.ID)); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
	hist, _ := d.svc.History(ctx, c.ID)
	if last := hist[len(hist)-1]; last.UserName != "Ed" || last.At.IsZero() {
		t.Errorf("approval entry = %+v; want who and when", last)
	}
	// A published claim takes no fresh verdict: it is corrected instead.
	if _, err := d.svc.SaveVerdict(ctx, d.rev, c.ID, d.input("False", 0), false); !errors.Is(err, claims.ErrPublished) {
		t.Errorf("new verdict on a published claim: %v; want ErrPublished", err)
	}
}

// Saving a draft unchanged writes nothing: no new version, no history entry.
func TestSaveWithoutChangesWritesNoEdit(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	c := d.claim(t)
	v, _ := d.svc.SaveVerdict(ctx, d.rev, c.ID, d.input("True", 0), false)
	v2, err := d.svc.SaveVerdict(ctx, d.rev, c.ID, d.input("True", v.Version), false)
	if err != nil || v2.Version != v.Version {
		t.Fatalf("unchanged save: v%d → v%d, %v", v.Version, v2.Version, err)
	}
	if a := actions(t, d.svc, c.ID); strings.Contains(strings.Join(a, " "), "verdict.edited") {
		t.Errorf("history = %v; want no edit", a)
	}
}

func TestFourEyesForEveryRole(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	// The admin wrote it: the admin may not approve it.
	_, v := d.submitted(t, d.adm)
	if _, err := d.svc.Approve(ctx, d.adm, v.ID, v.Version); !errors.Is(err, claims.ErrFourEyes) {
		t.Fatalf("admin approving own verdict: %v; want ErrFourEyes", err)
	}
	if got, _ := d.svc.Verdict(ctx, v.ID); got.State != claims.VerdictSubmitted {
		t.Fatalf("refused approval changed the state to %s", got.State)
	}
	if _, err := d.svc.Approve(ctx, d.ed, v.ID, v.Version); err != nil {
		t.Fatalf("another editor approving: %v", err)
	}
	// An editor who last edited a reviewer's version may not approve it.
	c, v := d.submitted(t, d.rev)
	v, _ = d.svc.RequestChanges(ctx, d.ed2, v.ID, v.Version, "Tighten the conclusion.")
	in := d.input("Mostly false", v.Version)
	in.Conclusion = "Nvidia lost $593 billion in a day, not $900 billion"
	v, err := d.svc.SaveVerdict(ctx, d.ed, c.ID, in, true)
	if err != nil || v.LastEditorID != d.ed.ID || v.AuthorID != d.rev.ID {
		t.Fatalf("editor's edit: %+v %v", v, err)
	}
	if _, err := d.svc.Approve(ctx, d.ed, v.ID, v.Version); !errors.Is(err, claims.ErrFourEyes) {
		t.Fatalf("last editor approving: %v; want ErrFourEyes", err)
	}
	if _, err := d.svc.Approve(ctx, d.adm, v.ID, v.Version); err != nil {
		t.Fatalf("admin approving someone else's verdict: %v", err)
	}
}

func TestTwoEditorsDecideAtOnce(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	for round := 0; round < 5; round++ {
		c, v := d.submitted(t, d.rev)
		var wg sync.WaitGroup
		errs := make([]error, 2)
		start := make(chan struct{})
		wg.Add(2)
		go func() {
			defer wg.Done()
			<-start
			_, errs[0] = d.svc.Approve(ctx, d.ed, v.ID, v.Version)
		}()
		go func() {
			defer wg.Done()
			<-start
			_, errs[1] = d.svc.RequestChanges(ctx, d.ed2, v.ID, v.Version, "Wait: check the share count.")
		}()
		close(start)
		wg.Wait()
		won := 0
		for _, err := range errs {
			switch {
			case err == nil:
				won++
			case !errors.Is(err, claims.ErrDecided):
				t.Fatalf("round %d: loser got %v; want ErrDecided", round, err)
			}
		}
		if won != 1 {
			t.Fatalf("round %d: %d decisions won (%v); want exactly 1", round, won, errs)
		}
		got, _ := d.svc.Verdict(ctx, v.ID)
		st := d.status(t, c.ID)
		thread, _ := d.svc.Comments(ctx, c.ID)
		switch {
		case errs[0] == nil && (got.State != claims.VerdictApproved || st != claims.StatusPublished || len(thread) != 0):
			t.Errorf("round %d: approval won but verdict %s, claim %s, %d comments", round, got.State, st, len(thread))
		case errs[1] == nil && (got.State != claims.VerdictChangesRequested || st != claims.StatusResearching || len(thread) != 1):
			t.Errorf("round %d: sending back won but verdict %s, claim %s, %d comments", round, got.State, st, len(thread))
		}
	}
}

func TestStaleVerdictForms(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	c := d.claim(t)
	v, _ := d.svc.SaveVerdict(ctx, d.rev, c.ID, d.input("Mostly false", 0), false)
	// Two people open the same draft; the editor saves first.
	first := d.input("False", v.Version)
	if _, err := d.svc.SaveVerdict(ctx, d.ed, c.ID, first, false); err != nil {
		t.Fatal(err)
	}
	stale := d.input("True", v.Version)
	stale.Conclusion = "My stale wording"
	_, err := d.svc.SaveVerdict(ctx, d.rev, c.ID, stale, false)
	var ce *claims.VerdictConflictError
	if !errors.As(err, &ce) || ce.Current.Label.NameEN != "False" {
		t.Fatalf("stale save: %v; want a conflict carrying the newer version", err)
	}
	got, _ := d.svc.Verdict(ctx, v.ID)
	if got.Label.NameEN != "False" || got.Conclusion == "My stale wording" {
		t.Errorf("stale save overwrote: %+v", got)
	}
	// Two people propose a first verdict at once: the second meets the first.
	c2 := d.claim(t)
	if _, err := d.svc.SaveVerdict(ctx, d.rev, c2.ID, d.input("True", 0), false); err != nil {
		t.Fatal(err)
	}
	if _, err := d.svc.SaveVerdict(ctx, d.ed, c2.ID, d.input("False", 0), false); !errors.As(err, &ce) || ce.Current.Label.NameEN != "True" {
		t.Errorf("second first verdict: %v; want a conflict", err)
	}
	// An approval from a page opened before a resubmission is refused.
	c3, v3 := d.submitted(t, d.rev)
	old := v3.Version
	v3, _ = d.svc.RequestChanges(ctx, d.ed, v3.ID, v3.Version, "Source?")
	v3, _ = d.svc.SaveVerdict(ctx, d.rev, c3.ID, d.input("Mostly false", v3.Version), true)
	if _, err := d.svc.Approve(ctx, d.ed2, v3.ID, old); !errors.Is(err, claims.ErrDecided) {
		t.Errorf("approval with a stale version: %v; want ErrDecided", err)
	}
	if _, err := d.svc.Approve(ctx, d.ed2, v3.ID, v3.Version); err != nil {
		t.Errorf("approval with the current version: %v", err)
	}
}

func TestCorrectionKeepsBothVersions(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	c, v1 := d.submitted(t, d.rev)
	v1, err := d.svc.Approve(ctx, d.ed, v1.ID, v1.Version)
	if err != nil {
		t.Fatal(err)
	}
	fix := d.input("Misleading", v1.Version)
	fix.Conclusion = "The loss was $593 billion; the $900 billion figure is in Australian dollars"
	if _, err := d.svc.OpenCorrection(ctx, d.rev, c.ID, fix, false); !errors.Is(err, claims.ErrForbidden) {
		t.Fatalf("reviewer reopening: %v; want ErrForbidden", err)
	}
	var fe claims.FieldErrors
	if _, err := d.svc.OpenCorrection(ctx, d.ed, c.ID, fix, true); !errors.As(err, &fe) || fe["correction_note"] == "" {
		t.Fatalf("correction without a note: %v", err)
	}
	fix.CorrectionNote = "We first missed that the $900 billion figure came from an Australian-dollar reprint."
	v2, err := d.svc.OpenCorrection(ctx, d.ed, c.ID, fix, true)
	if err != nil || v2.Number != 2 || v2.CorrectsID != v1.ID || v2.State != claims.VerdictSubmitted || d.status(t, c.ID) != claims.StatusInReview {
		t.Fatalf("open correction: %+v %v, claim %s", v2, err, d.status(t, c.ID))
	}
	// Until it is approved, the published version is unchanged.
	if got, _ := d.svc.Verdict(ctx, v1.ID); got.State != claims.VerdictApproved || got.Label.NameEN != "Mostly false" {
		t.Fatalf("published version during the correction: %+v", got)
	}
	// The editor who wrote the correction may not approve it.
	if _, err := d.svc.Approve(ctx, d.ed, v2.ID, v2.Version); !errors.Is(err, claims.ErrFourEyes) {
		t.Fatalf("correction's author approving: %v; want ErrFourEyes", err)
	}
	v2, err = d.svc.Approve(ctx, d.ed2, v2.ID, v2.Version)
	if err != nil || v2.State != claims.VerdictApproved || d.status(t, c.ID) != claims.StatusPublished {
		t.Fatalf("approve correction: %+v %v", v2, err)
	}
	vs, _ := d.svc.Verdicts(ctx, c.ID)
	if len(vs) != 2 || vs[0].ID != v2.ID || vs[1].State != claims.VerdictSuperseded || vs[1].SupersededAt.IsZero() || vs[1].PublishedAt.IsZero() {
		t.Fatalf("versions after the correction: %+v", vs)
	}
	if vs[1].Conclusion != v1.Conclusion || vs[1].Label.NameEN != "Mostly false" {
		t.Errorf("the corrected version changed: %+v", vs[1])
	}
	if a := actions(t, d.svc, c.ID); !strings.Contains(strings.Join(a, " "), "verdict.correction_opened claim.status verdict.submitted claim.status verdict.approved") {
		t.Errorf("history = %v", a)
	}
	// A second correction while none is open works from the new version.
	if _, err := d.svc.OpenCorrection(ctx, d.ed2, c.ID, d.input("Misleading", v1.Version), false); err == nil {
		t.Errorf("correction from a superseded version's form was accepted")
	}
}

func TestCommentsThread(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	c := d.claim(t)
	var fe claims.FieldErrors
	if _, err := d.svc.AddComment(ctx, d.rev, c.ID, "   "); !errors.As(err, &fe) {
		t.Fatalf("empty comment: %v", err)
	}
	if _, err := d.svc.AddComment(ctx, d.rev, 99999, "x"); !errors.Is(err, claims.ErrNotFound) {
		t.Fatalf("comment on a missing claim: %v", err)
	}
	for _, x := range []struct {
		a    claims.Actor
		body string
	}{{d.rev, "هل نعتمد رقم رويترز؟"}, {d.ed, "Yes, and cite Bloomberg too."}} {
		if _, err := d.svc.AddComment(ctx, x.a, c.ID, x.body); err != nil {
			t.Fatal(err)
		}
	}
	thread, _ := d.svc.Comments(ctx, c.ID)
	if len(thread) != 2 || thread[0].AuthorName != "Rev" || thread[1].Body != "Yes, and cite Bloomberg too." || thread[0].ChangesRequested {
		t.Errorf("thread = %+v", thread)
	}
}
