package claims_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/claims"
)

func TestPublishAndWithdrawReport(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	if _, err := d.svc.PublishReport(ctx, d.rev, d.art.ID, "ar"); !errors.Is(err, claims.ErrForbidden) {
		t.Fatalf("a reviewer publishing: %v; want ErrForbidden", err)
	}
	if _, err := d.svc.PublishReport(ctx, d.ed, d.art.ID, "fr"); !errors.Is(err, claims.ErrInvalid) {
		t.Errorf("publishing in French: %v", err)
	}
	if _, err := d.svc.PublishReport(ctx, d.ed, 9999, "ar"); !errors.Is(err, claims.ErrNotFound) {
		t.Errorf("publishing a missing article: %v", err)
	}
	l, err := d.svc.PublishReport(ctx, d.ed, d.art.ID, "ar")
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Token) != 32 || strings.ContainsAny(l.Token, "+/=") || !l.Active() || l.CreatedByName != "Ed" || l.Lang != "ar" {
		t.Errorf("link = %+v", l)
	}
	// Publishing again in the same language gives the same link; another
	// language gets its own, with another token.
	again, err := d.svc.PublishReport(ctx, d.ed2, d.art.ID, "ar")
	if err != nil || again.ID != l.ID || again.Token != l.Token {
		t.Errorf("second publication in Arabic: %+v %v", again, err)
	}
	en, err := d.svc.PublishReport(ctx, d.ed, d.art.ID, "en")
	if err != nil || en.ID == l.ID || en.Token == l.Token {
		t.Errorf("English link: %+v %v", en, err)
	}
	if got, err := d.svc.ReportLinkByToken(ctx, l.Token); err != nil || got.ArticleID != d.art.ID {
		t.Errorf("by token: %+v %v", got, err)
	}
	for _, bad := range []string{"", "short", strings.Repeat("x", 32), l.Token + "x"} {
		if _, err := d.svc.ReportLinkByToken(ctx, bad); !errors.Is(err, claims.ErrNotFound) {
			t.Errorf("token %q: %v; want ErrNotFound", bad, err)
		}
	}
	// Withdrawal: at once, recorded, idempotent; editors only.
	if _, err := d.svc.WithdrawReport(ctx, d.rev, l.ID); !errors.Is(err, claims.ErrForbidden) {
		t.Errorf("a reviewer withdrawing: %v", err)
	}
	w, err := d.svc.WithdrawReport(ctx, d.ed2, l.ID)
	if err != nil || w.Active() {
		t.Fatalf("withdraw: %+v %v", w, err)
	}
	if _, err := d.svc.ReportLinkByToken(ctx, l.Token); !errors.Is(err, claims.ErrWithdrawn) {
		t.Errorf("a withdrawn token: %v; want ErrWithdrawn", err)
	}
	if _, err := d.svc.WithdrawReport(ctx, d.ed, l.ID); err != nil {
		t.Errorf("withdrawing twice: %v", err)
	}
	if _, err := d.svc.WithdrawReport(ctx, d.ed, 9999); !errors.Is(err, claims.ErrNotFound) {
		t.Errorf("withdrawing a missing link: %v", err)
	}
	// Publishing again after a withdrawal makes a new address: the old one
	// stays dead.
	fresh, err := d.svc.PublishReport(ctx, d.ed, d.art.ID, "ar")
	if err != nil || fresh.Token == l.Token {
		t.Errorf("republished: %+v %v", fresh, err)
	}
	links, err := d.svc.ReportLinks(ctx, d.art.ID)
	if err != nil || len(links) != 3 || !links[0].Active() || !links[1].Active() || links[2].Active() {
		t.Errorf("links: %+v %v", links, err)
	}
	active, err := d.svc.ActiveReportLinks(ctx, []int64{d.art.ID, 9999})
	if err != nil || len(active[d.art.ID]) != 2 || len(active[9999]) != 0 {
		t.Errorf("active links: %+v %v", active, err)
	}
	var n int64
	claims.DBOf(d.svc).Table("claim_history").Where("article_id = ? AND action IN ?", d.art.ID, []string{"report.published", "report.withdrawn"}).Count(&n)
	if n != 4 {
		t.Errorf("%d history entries for 3 publications and 1 withdrawal", n)
	}
}

func TestOrganisationSettings(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	o, err := d.svc.Organisation(ctx)
	if err != nil || o.Version != 0 || o.Name != "" {
		t.Fatalf("initial settings: %+v %v", o, err)
	}
	in := claims.Organisation{Name: "  Example   Desk ", URL: "https://desk.example.org", MethodologyEN: "We read the filings.\r\n",
		CorrectionsAR: "نصحّح علنًا.", Version: o.Version}
	for _, a := range []claims.Actor{d.rev, d.ed} {
		if _, err := d.svc.SaveOrganisation(ctx, a, in); !errors.Is(err, claims.ErrForbidden) {
			t.Errorf("%s saving: %v; want ErrForbidden", a.Role, err)
		}
	}
	saved, err := d.svc.SaveOrganisation(ctx, d.adm, in)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Name != "Example Desk" || saved.MethodologyEN != "We read the filings." || saved.Version != 1 {
		t.Errorf("saved = %+v", saved)
	}
	// A stale form is refused and changes nothing, the very first one too.
	stale := in
	stale.Name = "Stale"
	if _, err := d.svc.SaveOrganisation(ctx, d.adm, stale); !errors.Is(err, claims.ErrConflict) {
		t.Errorf("stale first save: %v; want ErrConflict", err)
	}
	stale.Version = saved.Version
	if again, err := d.svc.SaveOrganisation(ctx, d.adm, stale); err != nil || again.Version != 2 {
		t.Fatalf("second save: %+v %v", again, err)
	}
	if _, err := d.svc.SaveOrganisation(ctx, d.adm, stale); !errors.Is(err, claims.ErrConflict) {
		t.Errorf("stale save: %v; want ErrConflict", err)
	}
	saved.Name, saved.Version = "Example Desk", 2
	// Bad fields are refused, each with its message.
	bad := saved
	bad.URL, bad.Name, bad.CorrectionsEN = "javascript:alert(1)", strings.Repeat("n", claims.MaxOrgName+1), strings.Repeat("c", claims.MaxOrgPolicy+1)
	var fe claims.FieldErrors
	if _, err := d.svc.SaveOrganisation(ctx, d.adm, bad); !errors.As(err, &fe) || fe["url"] != "err.url" || fe["name"] != "err.too_long" ||
		fe["corrections_en"] != "err.too_long" {
		t.Errorf("bad fields: %v", err)
	}
	got, _ := d.svc.Organisation(ctx)
	if got.Name != "Stale" || got.Version != 2 {
		t.Errorf("after refusals: %+v", got)
	}
}
