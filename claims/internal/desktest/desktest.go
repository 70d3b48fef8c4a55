// Package desktest builds, for the report and export tests, a real migrated
// desk with articles, claims, evidence and verdicts that went through the
// whole review (proposed, submitted, approved by another editor, corrected).
package desktest

import (
	"context"
	"fmt"
	"testing"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/report"
	"github.com/factdesk/factdesk/migrations/dbtest"
	"github.com/factdesk/factdesk/sources"
	"github.com/factdesk/factdesk/web/desk"
)

// Desk is a migrated database with a reviewer (1), two editors (2, 3) and
// an admin (4), the claims and sources services wired as web/desk wires them.
type Desk struct {
	DB                *gorm.DB
	Svc               *claims.Service
	Src               *sources.Service
	Rev, Ed, Ed2, Adm claims.Actor
	Labels            map[string]claims.Label // by English name
	wired             *desk.Desk
}

// New builds an empty desk.
func New(t testing.TB) *Desk {
	t.Helper()
	db := dbtest.New(t)
	if err := db.Exec(`INSERT INTO users (id,email,name,role,password_hash,created_at,updated_at) VALUES
		(1,'r@x.org','Rana Reviewer','reviewer','x',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP),
		(2,'e@x.org','Elias Editor','editor','x',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP),
		(3,'e2@x.org','Eve Editor','editor','x',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP),
		(4,'a@x.org','Ada Admin','admin','x',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP)`).Error; err != nil {
		t.Fatal(err)
	}
	wired := desk.New(db)
	svc, src := wired.Claims, wired.Sources
	d := &Desk{DB: db, Svc: svc, Src: src, wired: wired, Rev: claims.Actor{ID: 1, Role: claims.RoleReviewer}, Ed: claims.Actor{ID: 2, Role: claims.RoleEditor},
		Ed2: claims.Actor{ID: 3, Role: claims.RoleEditor}, Adm: claims.Actor{ID: 4, Role: claims.RoleAdmin}, Labels: map[string]claims.Label{}}
	ls, err := svc.Labels(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		d.Labels[l.NameEN] = l
	}
	return d
}

// Article stores an article.
func (d *Desk) Article(t testing.TB, a claims.NewArticle) claims.Article {
	t.Helper()
	art, err := d.Svc.CreateArticle(context.Background(), d.Rev, a)
	if err != nil {
		t.Fatal(err)
	}
	return art
}

// Claim logs a claim, anchored in the article when articleID is not 0.
func (d *Desk) Claim(t testing.TB, articleID int64, in claims.ClaimInput) claims.Claim {
	t.Helper()
	if in.Quote == "" && articleID != 0 {
		in.Quote = in.Statement
	}
	in.Start, in.End = -1, -1
	if in.Type == "" {
		in.Type = "other"
	}
	c, err := d.Svc.CreateClaim(context.Background(), d.Rev, articleID, in)
	if err != nil {
		t.Fatalf("claim %q: %v", in.Statement, err)
	}
	return c
}

// Evidence attaches a source (created, or found by its URL) to the claim.
func (d *Desk) Evidence(t testing.TB, claimID int64, src sources.Input, ev sources.EvidenceInput) sources.Evidence {
	t.Helper()
	if src.Kind == "" {
		src.Kind = "news"
	}
	if ev.Stance == "" {
		ev.Stance = "supports"
	}
	e, _, err := d.Src.AddEvidenceWithSource(context.Background(), d.Rev.ID, claimID, src, ev)
	if err != nil {
		t.Fatalf("evidence on claim %d: %v", claimID, err)
	}
	return e
}

// Verdict is what a test publishes.
type Verdict struct {
	Label      string // English name
	Conclusion string
	Reasoning  string
	Amount     string // verified amount
	Verified   claims.Value
}

func (d *Desk) input(v Verdict) claims.VerdictInput {
	if v.Reasoning == "" {
		v.Reasoning = "Checked against the sources."
	}
	return claims.VerdictInput{LabelID: d.Labels[v.Label].ID, Conclusion: v.Conclusion, Reasoning: v.Reasoning, Amount: v.Amount, Verified: v.Verified}
}

// Submit has the reviewer propose and submit a verdict (the claim needs
// evidence); it waits for review.
func (d *Desk) Submit(t testing.TB, claimID int64, v Verdict) claims.Verdict {
	t.Helper()
	out, err := d.Svc.SaveVerdict(context.Background(), d.Rev, claimID, d.input(v), true)
	if err != nil {
		t.Fatalf("submit verdict on claim %d: %v", claimID, err)
	}
	return out
}

// Publish submits a verdict and has an editor approve it.
func (d *Desk) Publish(t testing.TB, claimID int64, v Verdict) claims.Verdict {
	t.Helper()
	sub := d.Submit(t, claimID, v)
	out, err := d.Svc.Approve(context.Background(), d.Ed, sub.ID, sub.Version)
	if err != nil {
		t.Fatalf("approve verdict on claim %d: %v", claimID, err)
	}
	return out
}

// Correct has an editor open a correction of the published verdict and
// another editor approve it.
func (d *Desk) Correct(t testing.TB, claimID int64, v Verdict, note string) claims.Verdict {
	t.Helper()
	ctx := context.Background()
	vs, err := d.Svc.Verdicts(ctx, claimID)
	if err != nil || len(vs) == 0 {
		t.Fatalf("verdicts of claim %d: %v", claimID, err)
	}
	in := d.input(v)
	in.CorrectionNote, in.Version = note, vs[0].Version
	c, err := d.Svc.OpenCorrection(ctx, d.Ed, claimID, in, true)
	if err != nil {
		t.Fatalf("correction of claim %d: %v", claimID, err)
	}
	out, err := d.Svc.Approve(ctx, d.Ed2, c.ID, c.Version)
	if err != nil {
		t.Fatalf("approve correction of claim %d: %v", claimID, err)
	}
	return out
}

// Organisation sets the organisation settings.
func (d *Desk) Organisation(t testing.TB, o claims.Organisation) {
	t.Helper()
	cur, err := d.Svc.Organisation(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	o.Version = cur.Version
	if _, err := d.Svc.SaveOrganisation(context.Background(), d.Adm, o); err != nil {
		t.Fatal(err)
	}
}

// EvidenceFunc returns the evidence of claims, through web/desk's adapter.
func (d *Desk) EvidenceFunc() report.EvidenceFunc { return d.wired.ReportEvidence() }

// SourcesFunc returns sources by id, through web/desk's adapter.
func (d *Desk) SourcesFunc() func(ctx context.Context, ids []int64) ([]report.Source, error) {
	return d.wired.ReportSources()
}

// Words are translations for tests: each key comes back in brackets, with
// its arguments, so a test sees which message was used without the catalog.
type Words struct{}

func (Words) T(key string) string              { return "[" + key + "]" }
func (Words) F(key string, args ...any) string { return fmt.Sprintf("[%s %v]", key, args) }
func (Words) Num(n int64) string               { return fmt.Sprint(n) }
