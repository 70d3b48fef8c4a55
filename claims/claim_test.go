package claims_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/migrations/dbtest"
	"github.com/factdesk/factdesk/sources"
)

const sampleAR = `شهدت الأسواق أمس يوماً عصيباً، إذ خسرت إنفيديا نحو 900 مليار دولار من قيمتها السوقية بعدما هبط سهمها بنحو 20 %.

وفي 20 يناير 2025 حضر ليانغ اجتماعاً. وقالت الشركة إن بناء نموذجها كلّف ما لا يتجاوز 6 ملايين دولار.`

func setup(t *testing.T) (*claims.Service, claims.Actor, claims.Article) {
	t.Helper()
	svc, _, rev, a := setupWithSources(t)
	return svc, rev, a
}

// setupWithSources also wires the sources package in, as web/desk does, so that
// claims can be given evidence and go to review.
func setupWithSources(t *testing.T) (*claims.Service, *sources.Service, claims.Actor, claims.Article) {
	t.Helper()
	db := dbtest.New(t)
	if err := db.Exec(`INSERT INTO users (id,email,name,role,password_hash,created_at,updated_at) VALUES
		(1,'r@x.org','Rev','reviewer','x',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP),
		(2,'e@x.org','Ed','editor','x',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP)`).Error; err != nil {
		t.Fatal(err)
	}
	svc := claims.NewService(db)
	src := sources.NewService(db, svc)
	svc.SetEvidenceCounter(src)
	rev := claims.Actor{ID: 1, Role: claims.RoleReviewer}
	a, err := svc.CreateArticle(context.Background(), rev, claims.NewArticle{Title: "خسارة إنفيديا", Body: sampleAR, PublishedOn: "2025-01-28"})
	if err != nil {
		t.Fatal(err)
	}
	return svc, src, rev, a
}

func TestCreateArticleDetectsLanguageAndDuplicates(t *testing.T) {
	t.Parallel()
	svc, rev, a := setup(t)
	if a.Lang != "ar" || a.ID == 0 {
		t.Fatalf("article = %+v; want Arabic with an id", a)
	}
	// The same text again (with other line endings) leads to the existing one.
	dup, err := svc.CreateArticle(context.Background(), rev, claims.NewArticle{Title: "again", Body: strings.ReplaceAll(sampleAR, "\n", "\r\n")})
	if !errors.Is(err, claims.ErrDuplicateArticle) || dup.ID != a.ID {
		t.Fatalf("duplicate: %v, id %d; want ErrDuplicateArticle with id %d", err, dup.ID, a.ID)
	}
	_, err = svc.CreateArticle(context.Background(), rev, claims.NewArticle{Title: "", Body: "x", URL: "javascript:alert(1)", PublishedOn: "tomorrow"})
	var fe claims.FieldErrors
	if !errors.As(err, &fe) || fe["title"] == "" || fe["url"] == "" || fe["published_on"] == "" {
		t.Fatalf("bad article: %v %v", err, fe)
	}
}

func TestCreateClaimAnchorsByQuoteAndBySelection(t *testing.T) {
	t.Parallel()
	svc, rev, a := setup(t)
	ctx := context.Background()
	c, err := svc.CreateClaim(ctx, rev, a.ID, claims.ClaimInput{Statement: "900 مليار دولار", Type: "market", Quote: "نحو 900  مليار دولار", Start: -1, End: -1, Amount: "900 مليار", Tags: "Nvidia, markets،nvidia"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Anchor == nil || c.Anchor.Exact != "نحو 900 مليار دولار" {
		t.Fatalf("anchor = %+v", c.Anchor)
	}
	runes := []rune(a.Body)
	if got := string(runes[c.Anchor.Start:c.Anchor.End]); got != c.Anchor.Exact {
		t.Fatalf("offsets point at %q, want %q", got, c.Anchor.Exact)
	}
	if c.Value.Amount != 9e11 {
		t.Errorf("amount = %v; want 9e11", c.Value.Amount)
	}
	if diff := cmp.Diff([]string{"markets", "nvidia"}, c.Tags); diff != "" {
		t.Errorf("tags (-want +got):\n%s", diff)
	}
	// By selection offsets.
	start := strings.Index(string(runes), "20 يناير 2025")
	start = len([]rune(string(runes)[:start]))
	sel := claims.ClaimInput{Statement: "20 يناير 2025", Type: "date", Quote: "20 يناير 2025", Start: start, End: start + len([]rune("20 يناير 2025"))}
	sel.Value.Date = "2025-01-20"
	c2, err := svc.CreateClaim(ctx, rev, a.ID, sel)
	if err != nil {
		t.Fatal(err)
	}
	if c2.Anchor.Start != start || c2.Value.Precision != "day" {
		t.Fatalf("selection anchor = %+v value %+v", c2.Anchor, c2.Value)
	}
	list, err := svc.ArticleClaims(ctx, a.ID)
	if err != nil || len(list) != 2 {
		t.Fatalf("article claims = %d, %v", len(list), err)
	}
}

func TestCreateClaimRefusesBadInput(t *testing.T) {
	t.Parallel()
	svc, rev, a := setup(t)
	ctx := context.Background()
	tests := []struct {
		name  string
		in    claims.ClaimInput
		field string
	}{
		{"quote not in text", claims.ClaimInput{Statement: "x", Type: "other", Quote: "لا يوجد هذا النص", Start: -1, End: -1}, "quote"},
		{"offsets outside", claims.ClaimInput{Statement: "x", Type: "other", Quote: "x", Start: 5, End: 99999}, "quote"},
		{"bad amount", claims.ClaimInput{Statement: "x", Type: "money", Quote: "أمس", Start: -1, End: -1, Amount: "lots"}, "amount"},
		{"unknown type", claims.ClaimInput{Statement: "x", Type: "rumour", Quote: "أمس", Start: -1, End: -1}, "type"},
		{"empty statement", claims.ClaimInput{Type: "other", Quote: "أمس", Start: -1, End: -1}, "statement"},
		{"bad currency", claims.ClaimInput{Statement: "x", Type: "money", Quote: "أمس", Start: -1, End: -1, Value: claims.Value{Currency: "dollars"}}, "currency"},
		{"unknown assignee", claims.ClaimInput{Statement: "x", Type: "other", Quote: "أمس", Start: -1, End: -1, AssigneeID: 99}, "assignee"},
	}
	for _, tt := range tests {
		_, err := svc.CreateClaim(ctx, rev, a.ID, tt.in)
		var fe claims.FieldErrors
		if !errors.As(err, &fe) || fe[tt.field] == "" {
			t.Errorf("%s: err = %v (%v); want a field error on %s", tt.name, err, fe, tt.field)
		}
	}
	list, _ := svc.ArticleClaims(ctx, a.ID)
	if len(list) != 0 {
		t.Errorf("%d claims stored by refused input", len(list))
	}
}

func TestUpdateConflictAndHistory(t *testing.T) {
	t.Parallel()
	svc, rev, a := setup(t)
	ctx := context.Background()
	c, err := svc.CreateClaim(ctx, rev, a.ID, claims.ClaimInput{Statement: "أمس", Type: "date", Quote: "أمس", Start: -1, End: -1})
	if err != nil {
		t.Fatal(err)
	}
	ed := claims.Actor{ID: 2, Role: claims.RoleEditor}
	first := claims.ClaimInput{Statement: "أمس (27 يناير)", Type: "date", Claimant: "الصحيفة", Version: c.Version}
	if _, err := svc.UpdateClaim(ctx, ed, c.ID, first); err != nil {
		t.Fatal(err)
	}
	stale := claims.ClaimInput{Statement: "نسخة قديمة", Type: "event", Version: c.Version}
	_, err = svc.UpdateClaim(ctx, rev, c.ID, stale)
	var ce *claims.ConflictError
	if !errors.As(err, &ce) || ce.Current.Statement != "أمس (27 يناير)" {
		t.Fatalf("stale save: %v; want a conflict carrying the newer version", err)
	}
	got, _ := svc.Claim(ctx, c.ID)
	if got.Statement != "أمس (27 يناير)" || got.Version != c.Version+1 {
		t.Fatalf("claim after refused save = %q v%d", got.Statement, got.Version)
	}
	hist, err := svc.History(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, h := range hist {
		actions = append(actions, h.Action)
	}
	if diff := cmp.Diff([]string{"claim.created", "claim.edited"}, actions); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
	if hist[1].UserName != "Ed" || len(hist[1].Changes) != 2 {
		t.Errorf("edit entry = %+v", hist[1])
	}
	// History is append-only in the database itself.
	if err := dbUpdateHistory(svc, hist[0].ID); err == nil {
		t.Error("updating history succeeded; want the trigger to refuse")
	}
}

func TestStatusWorkflowEnforced(t *testing.T) {
	t.Parallel()
	svc, _, rev, a := setupWithSources(t)
	ctx := context.Background()
	c, err := svc.CreateClaim(ctx, rev, a.ID, claims.ClaimInput{Statement: "أمس", Type: "date", Quote: "أمس", Start: -1, End: -1})
	if err != nil {
		t.Fatal(err)
	}
	c, err = svc.SetStatus(ctx, rev, c.ID, claims.StatusResearching, c.Version)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SetStatus(ctx, rev, c.ID, claims.StatusPublished, c.Version); !errors.Is(err, claims.ErrTransition) {
		t.Fatalf("reviewer publishing: %v; want ErrTransition", err)
	}
	if _, err := svc.SetStatus(ctx, rev, c.ID, claims.StatusNew, c.Version-1); !errors.Is(err, claims.ErrConflict) {
		t.Fatalf("stale status change: %v; want ErrConflict", err)
	}
	// Review is reached by submitting a verdict, never by a bare status change.
	if _, err := svc.SetStatus(ctx, rev, c.ID, claims.StatusInReview, c.Version); !errors.Is(err, claims.ErrVerdictStep) {
		t.Fatalf("bare move to review: %v; want ErrVerdictStep", err)
	}
	ed := claims.Actor{ID: 2, Role: claims.RoleEditor}
	c, err = svc.SetStatus(ctx, ed, c.ID, claims.StatusNew, c.Version)
	if err != nil || c.Status != claims.StatusNew {
		t.Fatalf("editor back to new: %v %v", c.Status, err)
	}
}

func dbUpdateHistory(s *claims.Service, id int64) error { return claims.DBUpdateHistoryFor(s, id) }
