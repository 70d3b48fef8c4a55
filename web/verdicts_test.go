package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/i18n"
)

// vdesk is a desk with a reviewer, two editors and an admin signed in (in
// English), an article, and a market-figure claim logged by the reviewer.
type vdesk struct {
	a                 *app
	rev, ed, ed2, adm *client
	claimURL          string
	claimID           int64
	labels            map[string]string // English name → id
}

func newVDesk(t *testing.T) vdesk {
	t.Helper()
	a := newApp(t)
	a.user("admin@example.org", auth.Admin)
	a.user("rev@example.org", auth.Reviewer)
	a.user("ed@example.org", auth.Editor)
	a.user("ed2@example.org", auth.Editor)
	d := vdesk{a: a, rev: a.client("en"), ed: a.client("en"), ed2: a.client("en"), adm: a.client("en"), labels: map[string]string{}}
	d.rev.signIn("rev@example.org")
	d.ed.signIn("ed@example.org")
	d.ed2.signIn("ed2@example.org")
	d.adm.signIn("admin@example.org")
	art := createArticle(t, d.rev)
	d.rev.get(art + "/claims/new")
	p := d.rev.post(art+"/claims", url.Values{"quote": {"نحو 900 مليار دولار"}, "statement": {"نحو 900 مليار دولار"}, "type": {"market"},
		"amount": {"900 مليار"}, "currency": {"USD"}, "qualifier": {"about"}}, true)
	if !strings.HasPrefix(p.url, "/claims/") {
		t.Fatalf("log claim: %s %d %s", p.url, p.status, text(p, ".error"))
	}
	d.claimURL = p.url
	d.claimID, _ = strconv.ParseInt(strings.TrimPrefix(p.url, "/claims/"), 10, 64)
	ls, _ := a.svc.Labels(context.Background(), true)
	for _, l := range ls {
		d.labels[l.NameEN] = strconv.FormatInt(l.ID, 10)
	}
	return d
}

// verdictForm is a filled verdict form on the current version of the page.
func (d vdesk) verdictForm(c *client, label, action string) url.Values {
	p := c.get(d.claimURL)
	v, _ := p.doc.Find("[data-testid=v-form] input[name=version]").Attr("value")
	return url.Values{"label": {d.labels[label]}, "conclusion": {"Nvidia lost about $593 billion, not $900 billion"},
		"reasoning":       {"Reuters put the one-day loss at **$593 billion**. [Reuters](https://www.reuters.com/markets/)"},
		"verified_amount": {"593,000,000,000"}, "verified_currency": {"USD"}, "version": {v}, "action": {action}}
}

func (d vdesk) openVerdict(t *testing.T) claims.Verdict {
	t.Helper()
	vs, err := d.a.svc.Verdicts(context.Background(), d.claimID)
	if err != nil || len(vs) == 0 {
		t.Fatalf("verdicts: %v %d", err, len(vs))
	}
	return vs[0]
}

// decide posts a decision from the review screen as c.
func (d vdesk) decide(c *client, verdictID int64, what string, form url.Values) page {
	p := c.get("/review/" + itoa(verdictID))
	v, _ := p.doc.Find("[data-testid=decision] input[name=version]").First().Attr("value")
	form.Set("version", v)
	return c.post("/review/"+itoa(verdictID)+"/"+what, form, true)
}

func TestVerdictProposeReviewReviseApprove(t *testing.T) {
	t.Parallel()
	d := newVDesk(t)
	// The reviewer saves a draft: the claim moves to research.
	p := d.rev.post(d.claimURL+"/verdict", d.verdictForm(d.rev, "Mostly false", "draft"), true)
	if p.url != d.claimURL || !strings.Contains(text(p, "[data-testid=flash]"), "draft") {
		t.Fatalf("save draft: %s %d %q", p.url, p.status, text(p, "[data-testid=flash]"))
	}
	if got := text(p, "[data-testid=verdict-open] [data-testid=verdict-state]"); got != "Draft" {
		t.Errorf("open version state = %q", got)
	}
	if got := text(p, "[data-testid=claim-status]"); got != "Researching" {
		t.Errorf("claim status after a draft = %q", got)
	}
	if got := text(p, "[data-testid=verdict-open] [data-testid=difference]"); got != "overstated by 51.8 %" {
		t.Errorf("difference = %q; want overstated by 51.8 %%", got)
	}
	// Submitting without evidence: refused, the form kept, nothing changed.
	form := d.verdictForm(d.rev, "Mostly false", "submit")
	form.Set("conclusion", "Changed wording that must not be saved")
	p = d.rev.post(d.claimURL+"/verdict", form, true)
	if p.status != http.StatusUnprocessableEntity || !strings.Contains(text(p, "[data-testid=verdict-error]"), "at least one piece of evidence") {
		t.Fatalf("submit without evidence: %d %q", p.status, text(p, "[data-testid=verdict-error]"))
	}
	if v, _ := p.doc.Find("#v-conclusion").Attr("value"); v != "Changed wording that must not be saved" {
		t.Errorf("typed conclusion not kept: %q", v)
	}
	if v := d.openVerdict(t); v.State != claims.VerdictDraft || strings.HasPrefix(v.Conclusion, "Changed") {
		t.Errorf("refused submission changed the verdict: %+v", v)
	}
	// With evidence it goes to review.
	d.a.ev.add(d.claimID)
	p = d.rev.post(d.claimURL+"/verdict", d.verdictForm(d.rev, "Mostly false", "submit"), true)
	if p.url != d.claimURL || text(p, "[data-testid=claim-status]") != "In review" || p.doc.Find("[data-testid=v-form]").Length() != 0 {
		t.Fatalf("submit: %s %d status %q", p.url, p.status, text(p, "[data-testid=claim-status]"))
	}
	// The reviewer has no review queue, and cannot decide.
	v := d.openVerdict(t)
	if p := d.rev.get("/review"); p.status != http.StatusForbidden {
		t.Errorf("reviewer on /review: %d", p.status)
	}
	if p := d.rev.post("/review/"+itoa(v.ID)+"/approve", url.Values{"version": {itoa(v.Version)}}, true); p.status != http.StatusForbidden {
		t.Errorf("reviewer approving: %d; want 403", p.status)
	}
	// The editor sees it in the queue, with a count in the navigation.
	p = d.ed.get("/review")
	if got := text(p, "[data-testid=review-count]"); !strings.HasPrefix(got, "1") {
		t.Errorf("navigation count = %q; want 1", got)
	}
	if n := p.doc.Find("[data-testid=queue-row]").Length(); n != 1 {
		t.Fatalf("queue rows = %d", n)
	}
	p = d.ed.get("/review/" + itoa(v.ID))
	if !strings.Contains(text(p, "[data-testid=review-context] mark"), "900 مليار دولار") || text(p, "[data-testid=review-version] [data-testid=difference]") != "overstated by 51.8 %" {
		t.Errorf("review screen lacks the claim in context or the difference")
	}
	if p.doc.Find("[data-testid=approve][disabled]").Length() != 0 {
		t.Error("approve is disabled for an editor who did not write the verdict")
	}
	// Request changes: a comment is required.
	p = d.decide(d.ed, v.ID, "changes", url.Values{"comment": {"  "}})
	if p.status != http.StatusUnprocessableEntity || text(p, "#review-comment-err") == "" {
		t.Fatalf("request changes without a comment: %d %q", p.status, text(p, "#review-comment-err"))
	}
	if d.openVerdict(t).State != claims.VerdictSubmitted {
		t.Fatal("refused request for changes changed the verdict")
	}
	p = d.decide(d.ed, v.ID, "changes", url.Values{"comment": {"Cite Bloomberg's $589 billion as well."}})
	if p.url != "/review" || !strings.Contains(text(p, "[data-testid=flash]"), "sent back") {
		t.Fatalf("request changes: %s %d", p.url, p.status)
	}
	// The reviewer sees the comment on the claim and in the inbox.
	p = d.rev.get(d.claimURL)
	if got := text(p, "[data-testid=sent-back]"); !strings.Contains(got, "Cite Bloomberg") {
		t.Errorf("sent-back comment on the claim page = %q", got)
	}
	if text(p, "[data-testid=claim-status]") != "Researching" {
		t.Errorf("claim status after changes requested = %q", text(p, "[data-testid=claim-status]"))
	}
	p = d.rev.get("/inbox")
	if !strings.Contains(text(p, "[data-testid=inbox-changes]"), "900 مليار") {
		t.Errorf("inbox changes requested = %q", text(p, "[data-testid=inbox-changes]"))
	}
	// Revise and submit again; the editor approves.
	form = d.verdictForm(d.rev, "Mostly false", "submit")
	form.Set("reasoning", form.Get("reasoning")+"\n\nBloomberg: $589 billion.")
	if p := d.rev.post(d.claimURL+"/verdict", form, true); p.url != d.claimURL {
		t.Fatalf("resubmit: %s %d %q", p.url, p.status, text(p, "[data-testid=verdict-error]"))
	}
	v = d.openVerdict(t)
	p = d.decide(d.ed, v.ID, "approve", url.Values{})
	if p.url != d.claimURL || text(p, "[data-testid=claim-status]") != "Published" {
		t.Fatalf("approve: %s %d %q", p.url, p.status, text(p, "[data-testid=review-error]"))
	}
	if got := text(p, "[data-testid=verdict-published] [data-testid=approved-by]"); !strings.Contains(got, "User ed@example.org") {
		t.Errorf("approved by = %q", got)
	}
	if got := text(p, "[data-testid=verdict-published] [data-testid=difference]"); got != "overstated by 51.8 %" {
		t.Errorf("published difference = %q", got)
	}
	if a, _ := p.doc.Find("[data-testid=verdict-published] [data-testid=verdict-reasoning] a").Attr("href"); a != "https://www.reuters.com/markets/" {
		t.Errorf("reasoning link = %q", a)
	}
	hist := text(p, "[data-testid=history]")
	for _, want := range []string{"approved and published the verdict", "sent the verdict back with a comment", "sent the verdict to review", "proposed a verdict"} {
		if !strings.Contains(hist, want) {
			t.Errorf("history lacks %q", want)
		}
	}
	// The second decision on the same version is refused.
	p = d.ed2.post("/review/"+itoa(v.ID)+"/approve", url.Values{"version": {itoa(v.Version)}}, true)
	if p.status != http.StatusConflict || !strings.Contains(text(p, "[data-testid=review-error]"), "decided") {
		t.Errorf("second approval: %d %q", p.status, text(p, "[data-testid=review-error]"))
	}
}

func TestFourEyesRefusedForAdminToo(t *testing.T) {
	t.Parallel()
	d := newVDesk(t)
	d.a.ev.add(d.claimID)
	if p := d.adm.post(d.claimURL+"/verdict", d.verdictForm(d.adm, "False", "submit"), true); p.url != d.claimURL {
		t.Fatalf("admin submits: %s %d", p.url, p.status)
	}
	v := d.openVerdict(t)
	p := d.adm.get("/review/" + itoa(v.ID))
	if p.doc.Find("[data-testid=approve][disabled]").Length() != 1 || text(p, "[data-testid=four-eyes]") == "" {
		t.Errorf("the author's review screen does not explain the four-eyes rule")
	}
	p = d.adm.post("/review/"+itoa(v.ID)+"/approve", url.Values{"version": {itoa(v.Version)}}, true)
	if p.status != http.StatusForbidden || !strings.Contains(text(p, "[data-testid=review-error]"), "another editor must approve it") {
		t.Fatalf("admin approving own verdict: %d %q", p.status, text(p, "[data-testid=review-error]"))
	}
	if got := d.openVerdict(t); got.State != claims.VerdictSubmitted || got.Version != v.Version {
		t.Fatalf("refused approval changed the verdict: %+v", got)
	}
	// An editor who edits a sent-back version becomes its last editor.
	d.decide(d.ed, v.ID, "changes", url.Values{"comment": {"Label too harsh?"}})
	if p := d.ed2.post(d.claimURL+"/verdict", d.verdictForm(d.ed2, "Mostly false", "submit"), true); p.url != d.claimURL {
		t.Fatalf("editor revises: %s %d", p.url, p.status)
	}
	v = d.openVerdict(t)
	if p := d.ed2.post("/review/"+itoa(v.ID)+"/approve", url.Values{"version": {itoa(v.Version)}}, true); p.status != http.StatusForbidden {
		t.Errorf("last editor approving: %d; want 403", p.status)
	}
	if p := d.decide(d.ed, v.ID, "approve", url.Values{}); p.url != d.claimURL {
		t.Errorf("an uninvolved editor approving: %s %d", p.url, p.status)
	}
}

func TestCorrectionShowsBothVersions(t *testing.T) {
	t.Parallel()
	d := newVDesk(t)
	d.a.ev.add(d.claimID)
	d.rev.post(d.claimURL+"/verdict", d.verdictForm(d.rev, "Mostly false", "submit"), true)
	v := d.openVerdict(t)
	d.decide(d.ed, v.ID, "approve", url.Values{})
	// Reviewers cannot reopen; the form is not offered to them either.
	p := d.rev.get(d.claimURL)
	if p.doc.Find("[data-testid=correction]").Length() != 0 {
		t.Error("the correction form is offered to a reviewer")
	}
	if p := d.rev.post(d.claimURL+"/correction", url.Values{"label": {d.labels["False"]}, "conclusion": {"x"}, "correction_note": {"x"}}, true); p.status != http.StatusForbidden {
		t.Errorf("reviewer correcting: %d", p.status)
	}
	// The editor opens a correction: the note is required.
	p = d.ed.get(d.claimURL)
	version, _ := p.doc.Find("[data-testid=c-form] input[name=version]").Attr("value")
	form := url.Values{"label": {d.labels["Misleading"]}, "conclusion": {"The loss was $593 billion; $900 billion was an Australian-dollar figure"},
		"reasoning": {"Bloomberg's Australian reprint gave A$955 billion."}, "verified_amount": {"593000000000"}, "verified_currency": {"USD"},
		"version": {version}, "action": {"submit"}}
	p = d.ed.post(d.claimURL+"/correction", form, true)
	if p.status != http.StatusUnprocessableEntity || text(p, "#c-err-correction_note") == "" {
		t.Fatalf("correction without note: %d", p.status)
	}
	if _, open := p.doc.Find("[data-testid=correction]").Attr("open"); !open {
		t.Error("the refused correction form is folded")
	}
	form.Set("correction_note", "The first version missed where the $900 billion figure came from.")
	p = d.ed.post(d.claimURL+"/correction", form, true)
	if p.url != d.claimURL || text(p, "[data-testid=claim-status]") != "In review" {
		t.Fatalf("open correction: %s %d", p.url, p.status)
	}
	// The published version is unchanged meanwhile.
	if got := text(p, "[data-testid=verdict-published] [data-testid=verdict-conclusion]"); got != "Nvidia lost about $593 billion, not $900 billion" {
		t.Errorf("published conclusion during the correction = %q", got)
	}
	v2 := d.openVerdict(t)
	if p := d.ed.post("/review/"+itoa(v2.ID)+"/approve", url.Values{"version": {itoa(v2.Version)}}, true); p.status != http.StatusForbidden {
		t.Errorf("correction's author approving: %d", p.status)
	}
	p = d.decide(d.ed2, v2.ID, "approve", url.Values{})
	if p.url != d.claimURL {
		t.Fatalf("approve correction: %s %d", p.url, p.status)
	}
	if got := text(p, "[data-testid=verdict-published] [data-testid=correction-note]"); !strings.Contains(got, "Correction of version 1") || !strings.Contains(got, "Australian") && !strings.Contains(got, "missed") {
		t.Errorf("correction note = %q", got)
	}
	old := p.doc.Find("[data-testid=earlier-versions] [data-testid=verdict-v1]")
	if old.Length() != 1 || !strings.Contains(old.Text(), "Nvidia lost about $593 billion, not $900 billion") || !strings.Contains(old.Text(), "corrected") {
		t.Errorf("earlier version = %q", old.Text())
	}
}

func TestStaleVerdictFormShowsBothVersions(t *testing.T) {
	t.Parallel()
	d := newVDesk(t)
	d.rev.post(d.claimURL+"/verdict", d.verdictForm(d.rev, "Mostly false", "draft"), true)
	revForm := d.verdictForm(d.rev, "True", "draft")
	revForm.Set("conclusion", "The reviewer's stale wording")
	edForm := d.verdictForm(d.ed, "False", "draft")
	if p := d.ed.post(d.claimURL+"/verdict", edForm, true); p.url != d.claimURL {
		t.Fatalf("editor's save: %d", p.status)
	}
	p := d.rev.post(d.claimURL+"/verdict", revForm, true)
	if p.status != http.StatusConflict || p.doc.Find("[data-testid=verdict-conflict]").Length() != 1 {
		t.Fatalf("stale save: %d", p.status)
	}
	if got := text(p, "[data-testid=verdict-theirs] [data-testid=label-badge]"); !strings.Contains(got, "False") {
		t.Errorf("their version's label = %q", got)
	}
	if v, _ := p.doc.Find("#v-conclusion").Attr("value"); v != "The reviewer's stale wording" {
		t.Errorf("typed text lost: %q", v)
	}
	if got := d.openVerdict(t); got.Label.NameEN != "False" {
		t.Errorf("stale save overwrote the label: %s", got.Label.NameEN)
	}
	// Saving again (the form now carries the newer version) is deliberate and works.
	form := url.Values{}
	p.doc.Find("[data-testid=v-form] input[type=hidden], [data-testid=v-form] input[type=text]").Each(func(_ int, s *goquerySel) {
		n, _ := s.Attr("name")
		v, _ := s.Attr("value")
		form.Set(n, v)
	})
	form.Set("label", d.labels["True"])
	form.Set("reasoning", p.doc.Find("#v-reasoning").Text())
	form.Set("action", "draft")
	if p := d.rev.post(d.claimURL+"/verdict", form, true); p.url != d.claimURL {
		t.Errorf("saving again after the conflict: %d", p.status)
	}
	if got := d.openVerdict(t); got.Conclusion != "The reviewer's stale wording" {
		t.Errorf("after saving again: %q", got.Conclusion)
	}
}

func TestVerdictBadInput(t *testing.T) {
	t.Parallel()
	d := newVDesk(t)
	form := d.verdictForm(d.rev, "True", "draft")
	form.Set("label", "")
	form.Set("conclusion", "")
	form.Set("verified_amount", "lots")
	p := d.rev.post(d.claimURL+"/verdict", form, true)
	if p.status != http.StatusUnprocessableEntity || text(p, "#v-err-label") == "" || text(p, "#v-err-conclusion") == "" || text(p, "#v-err-verified_amount") == "" {
		t.Fatalf("bad verdict: %d label %q conclusion %q amount %q", p.status, text(p, "#v-err-label"), text(p, "#v-err-conclusion"), text(p, "#v-err-verified_amount"))
	}
	// A retired label is refused (a page opened before it was retired).
	ctx := context.Background()
	adm := claims.Actor{ID: 1, Role: claims.RoleAdmin}
	id, _ := strconv.ParseInt(d.labels["Satire"], 10, 64)
	l, _ := d.a.svc.Label(ctx, id)
	if err := d.a.svc.RetireLabel(ctx, adm, id, true, l.Version); err != nil {
		t.Fatal(err)
	}
	form = d.verdictForm(d.rev, "Satire", "draft")
	p = d.rev.post(d.claimURL+"/verdict", form, true)
	if p.status != http.StatusUnprocessableEntity || !strings.Contains(text(p, "#v-err-label"), "retired") {
		t.Errorf("retired label: %d %q", p.status, text(p, "#v-err-label"))
	}
	if p.doc.Find(`[data-testid=v-form] input[name=label][value="`+d.labels["Satire"]+`"]`).Length() != 0 {
		t.Error("a retired label is offered")
	}
	if vs, _ := d.a.svc.Verdicts(ctx, d.claimID); len(vs) != 0 {
		t.Errorf("%d verdicts stored by refused input", len(vs))
	}
	// Markdown: raw HTML and javascript: links never reach the page.
	form = d.verdictForm(d.rev, "True", "draft")
	form.Set("reasoning", "<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) **ok**")
	p = d.rev.post(d.claimURL+"/verdict", form, true)
	reasoning, _ := p.doc.Find("[data-testid=verdict-open] [data-testid=verdict-reasoning]").Html()
	if !strings.Contains(reasoning, "<strong>ok</strong>") || strings.Contains(reasoning, "<script") || strings.Contains(reasoning, "<img") ||
		strings.Contains(reasoning, "javascript:") || strings.Contains(reasoning, "onerror") {
		t.Errorf("rendered reasoning = %q", reasoning)
	}
	if strings.Contains(p.body, "<script>alert") {
		t.Error("the raw script appears in the page outside the form")
	}
}

func TestCommentThread(t *testing.T) {
	t.Parallel()
	d := newVDesk(t)
	d.rev.get(d.claimURL)
	p := d.rev.post(d.claimURL+"/comments", url.Values{"body": {"  "}}, true)
	if p.status != http.StatusUnprocessableEntity || text(p, "#comment-err") == "" {
		t.Fatalf("empty comment: %d", p.status)
	}
	p = d.rev.post(d.claimURL+"/comments", url.Values{"body": {"هل نعتمد رقم رويترز؟ <b>x</b>"}}, true)
	if p.url != d.claimURL {
		t.Fatalf("comment: %s %d", p.url, p.status)
	}
	d.ed.get(d.claimURL)
	p = d.ed.post(d.claimURL+"/comments", url.Values{"body": {"Yes."}}, true)
	items := p.doc.Find("[data-testid=thread] > li")
	if items.Length() != 2 || !strings.Contains(items.First().Text(), "هل نعتمد رقم رويترز؟ <b>x</b>") {
		t.Errorf("thread = %q", text(p, "[data-testid=thread]"))
	}
	if d, _ := items.First().Find(".comment-body").Attr("dir"); d != "auto" {
		t.Errorf("comment dir = %q", d)
	}
	if p := d.rev.post(d.claimURL+"/comments", url.Values{"body": {"no token"}}, false); p.status != http.StatusForbidden {
		t.Errorf("comment without CSRF: %d", p.status)
	}
}

func TestLabelsAdmin(t *testing.T) {
	t.Parallel()
	d := newVDesk(t)
	if p := d.ed.get("/admin/labels"); p.status != http.StatusForbidden {
		t.Errorf("editor on /admin/labels: %d", p.status)
	}
	p := d.adm.get("/admin/labels")
	if n := p.doc.Find("[data-testid=labels] > li").Length(); n != 8 {
		t.Fatalf("labels listed = %d", n)
	}
	// Add: a bad colour is refused with the values kept.
	p = d.adm.post("/admin/labels", url.Values{"name_en": {"Missing context"}, "name_ar": {"محتوى ناقص"}, "colour": {"url(javascript:x)"}, "truth": {"3"}}, true)
	if p.status != http.StatusUnprocessableEntity || text(p, "#new-err-colour") == "" {
		t.Fatalf("bad colour: %d", p.status)
	}
	if v, _ := p.doc.Find("#new-name_ar").Attr("value"); v != "محتوى ناقص" {
		t.Errorf("name not kept: %q", v)
	}
	p = d.adm.post("/admin/labels", url.Values{"name_en": {"Missing context"}, "name_ar": {"محتوى ناقص"}, "colour": {"#8a5a00"}, "truth": {"3"}}, true)
	if p.url != "/admin/labels" || p.doc.Find("[data-testid=labels] > li").Length() != 9 {
		t.Fatalf("add label: %s %d", p.url, p.status)
	}
	ctx := context.Background()
	ls, _ := d.a.svc.Labels(ctx, true)
	added := ls[len(ls)-1]
	lid := itoa(added.ID)
	// Rename and translate.
	p = d.adm.post("/admin/labels/"+lid, url.Values{"name_en": {"Lacks context"}, "name_ar": {"يفتقر إلى السياق"}, "colour": {"#8a5a00"}, "truth": {""}, "version": {itoa(added.Version)}}, true)
	if !strings.Contains(text(p, "[data-testid=labels-error], [data-testid=flash]"), "saved") {
		t.Errorf("rename: %d %q", p.status, text(p, "[data-testid=flash]"))
	}
	// A stale form is refused.
	p = d.adm.post("/admin/labels/"+lid, url.Values{"name_en": {"Old"}, "name_ar": {"قديم"}, "colour": {"#8a5a00"}, "version": {itoa(added.Version)}}, true)
	if p.status != http.StatusConflict {
		t.Errorf("stale label edit: %d", p.status)
	}
	// Move up.
	cur, _ := d.a.svc.Label(ctx, added.ID)
	d.adm.post("/admin/labels/"+lid+"/move", url.Values{"dir": {"up"}, "version": {itoa(cur.Version)}}, true)
	ls, _ = d.a.svc.Labels(ctx, true)
	if ls[len(ls)-2].ID != added.ID {
		t.Errorf("after move up, the label is at %v", ls[len(ls)-2].NameEN)
	}
	// Retire: no longer offered in the verdict form.
	cur, _ = d.a.svc.Label(ctx, added.ID)
	d.adm.post("/admin/labels/"+lid+"/retire", url.Values{"retire": {"1"}, "version": {itoa(cur.Version)}}, true)
	p = d.rev.get(d.claimURL)
	if p.doc.Find(`[data-testid=v-form] input[name=label][value="`+lid+`"]`).Length() != 0 {
		t.Error("a retired label is offered in the verdict form")
	}
	// Deleting a label in use needs a target.
	d.rev.post(d.claimURL+"/verdict", d.verdictForm(d.rev, "Opinion", "draft"), true)
	op, _ := strconv.ParseInt(d.labels["Opinion"], 10, 64)
	opl, _ := d.a.svc.Label(ctx, op)
	d.adm.get("/admin/labels")
	p = d.adm.post("/admin/labels/"+itoa(op)+"/delete", url.Values{"version": {itoa(opl.Version)}}, true)
	if p.status != http.StatusUnprocessableEntity || !strings.Contains(text(p, "[data-testid=label-delete-error]"), "move them to") {
		t.Fatalf("delete in use: %d %q", p.status, text(p, "[data-testid=label-delete-error]"))
	}
	p = d.adm.post("/admin/labels/"+itoa(op)+"/delete", url.Values{"version": {itoa(opl.Version)}, "move_to": {d.labels["Unverifiable"]}}, true)
	if !strings.Contains(text(p, "[data-testid=flash]"), "1 verdict versions moved") {
		t.Errorf("delete with move: %d %q", p.status, text(p, "[data-testid=flash]"))
	}
	if got := d.openVerdict(t); got.Label.NameEN != "Unverifiable" {
		t.Errorf("moved verdict's label = %s", got.Label.NameEN)
	}
	// Colours reach the page only as SVG fill attributes, never as styles.
	p = d.adm.get("/admin/labels")
	if p.doc.Find("[style]").Length() != 0 || p.doc.Find(`rect[fill="#8a5a00"]`).Length() == 0 {
		t.Error("label colours are not drawn as SVG fills")
	}
}

func TestOverviewAndInbox(t *testing.T) {
	t.Parallel()
	d := newVDesk(t)
	d.a.ev.add(d.claimID)
	d.rev.post(d.claimURL+"/verdict", d.verdictForm(d.rev, "Mostly false", "submit"), true)
	v := d.openVerdict(t)
	p := d.ed.get("/inbox")
	if !strings.Contains(text(p, "[data-testid=inbox-review]"), "900 مليار") {
		t.Errorf("editor inbox to review = %q", text(p, "[data-testid=inbox-review]"))
	}
	p = d.rev.get("/inbox")
	if !strings.Contains(text(p, "[data-testid=inbox-review]"), "900 مليار") {
		t.Errorf("reviewer inbox waiting = %q", text(p, "[data-testid=inbox-review]"))
	}
	d.decide(d.ed, v.ID, "approve", url.Values{})
	for _, lang := range []string{"en", "ar"} {
		c := d.a.client(lang)
		c.signIn("rev@example.org")
		c.post("/lang", url.Values{"lang": {lang}, "next": {"/overview"}}, true)
		p = c.get("/overview")
		if p.status != 200 || p.doc.Find("[style]").Length() != 0 {
			t.Fatalf("overview (%s): %d", lang, p.status)
		}
		labels := p.doc.Find("[data-testid=chart-labels] tr")
		if labels.Length() != 8 {
			t.Errorf("label chart rows = %d", labels.Length())
		}
		mf := labels.FilterFunction(func(_ int, s *goquerySel) bool {
			return strings.Contains(s.Text(), i18n.Lang(lang).T("labels.title")) || strings.Contains(s.Text(), map[string]string{"en": "Mostly false", "ar": "زائف في معظمه"}[lang])
		})
		if w, _ := mf.Find("rect").Attr("width"); w != "100.0" {
			t.Errorf("%s: the only used label's bar width = %q", lang, w)
		}
		want := map[string]string{"en": "1", "ar": "١"}[lang]
		if got := text(p, "[data-testid=published-claims] strong"); got != want {
			t.Errorf("%s: published claims = %q", lang, got)
		}
		if got := text(p, "[data-testid=median] strong"); !regexp.MustCompile(`^(0 h|٠ ساعة)$`).MatchString(got) {
			t.Errorf("%s: median = %q", lang, got)
		}
		if n := p.doc.Find("[data-testid=chart-weeks] tr").Length(); n != 12 {
			t.Errorf("%s: week rows = %d", lang, n)
		}
	}
}

// Every value of the dynamic key families the verdict pages use has both
// translations.
func TestVerdictKeyFamiliesTranslated(t *testing.T) {
	var keys []string
	for _, s := range claims.VerdictStates {
		keys = append(keys, "vstate."+string(s))
	}
	for _, k := range claims.DiffKinds {
		keys = append(keys, "diff."+string(k))
	}
	for _, a := range []string{"verdict.proposed", "verdict.edited", "verdict.submitted", "verdict.approved", "verdict.changes_requested",
		"verdict.correction_opened", "verdict.relabelled", "comment.added"} {
		keys = append(keys, "history."+a)
	}
	for _, k := range []string{"amount", "percent", "date"} {
		keys = append(keys, "verdicts.verified_hint."+k)
	}
	for _, f := range []string{"label", "conclusion", "reasoning", "verified", "correction_note", "verdict", "comment"} {
		keys = append(keys, "field."+f)
	}
	for _, k := range keys {
		en, ar := i18n.Entry(k)
		if !i18n.Has(k) || en == "" || ar == "" {
			t.Errorf("key %s: en %q ar %q", k, en, ar)
		}
	}
}
