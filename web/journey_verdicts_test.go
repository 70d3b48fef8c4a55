package web_test

import (
	"context"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/web/browsertest"
	"github.com/factdesk/factdesk/web/i18n"
)

// verdictTexts is the content of one language's verdict journey.
type verdictTexts struct {
	title, body, quote              string // the article and the claim's quote in it
	conclusion, reasoning, revision string
	comment                         string
	correction, correctionNote      string
	difference, corrected           string // the computed differences shown
}

var verdictContent = map[string]verdictTexts{
	"ar": {
		title:      "خسائر إنفيديا بعد ديب سيك",
		body:       "خسرت شركة إنفيديا نحو 900 مليار دولار من قيمتها السوقية في يوم واحد، بعدما تراجعت أسهمها بنحو 20 %.",
		quote:      "نحو 900 مليار دولار",
		conclusion: "خسرت إنفيديا نحو 593 مليار دولار، لا 900 مليار",
		reasoning:  "بحسب بيانات LSEG التي نقلتها [رويترز](https://www.reuters.com/) بلغت الخسارة **593 مليار دولار**.",
		revision:   "\n\nوقدّرتها بلومبرغ بـ589 مليار دولار.",
		comment:    "أضيفي تقدير بلومبرغ أيضًا.",
		correction: "خسرت إنفيديا 589 مليار دولار بحسب بلومبرغ", correctionNote: "اعتمدنا رقم بلومبرغ بدل رويترز.",
		difference: "مبالغ فيه بنسبة ٥١٫٨ %", corrected: "مبالغ فيه بنسبة ٥٢٫٨ %",
	},
	"en": {
		title:      "Nvidia's losses after DeepSeek",
		body:       "Nvidia lost about $900 billion of its market value in a single session, as its shares dropped by about 20%.",
		quote:      "about $900 billion",
		conclusion: "Nvidia lost about $593 billion, not $900 billion",
		reasoning:  "LSEG data reported by [Reuters](https://www.reuters.com/) put the loss at **$593 billion**.",
		revision:   "\n\nBloomberg put it at $589 billion.",
		comment:    "Add Bloomberg's estimate as well.",
		correction: "Nvidia lost $589 billion according to Bloomberg", correctionNote: "We now use Bloomberg's figure instead of Reuters'.",
		difference: "overstated by 51.8 %", corrected: "overstated by 52.8 %",
	},
}

func TestJourneyVerdicts(t *testing.T) {
	inBothLanguages(t, func(t *testing.T, b *browsertest.Browser, hc *browsertest.HTMLChecker, lang string) {
		journeyVerdicts(t, b, hc, lang, verdictContent[lang])
	})
}

var reReview = regexp.MustCompile(`^/review/(\d+)$`)

func journeyVerdicts(t *testing.T, b *browsertest.Browser, hc *browsertest.HTMLChecker, lang string, c verdictTexts) {
	L := i18n.Lang(lang)
	d := startJourneyDesk(t)
	ctx := context.Background()
	journeyUser(t, d.srv, "admin@example.org", "Ada Admin", "admin")
	reviewer := journeyUser(t, d.srv, "reviewer@example.org", "Rana Reviewer", "reviewer")
	journeyUser(t, d.srv, "editor@example.org", "Elias Editor", "editor")
	name := func(s string) string { return s + " (" + lang + ")" }

	// The claim to check, logged by the reviewer (the claim journeys cover
	// logging through the pages).
	who := claims.Actor{ID: reviewer.ID, Role: claims.RoleReviewer}
	art, err := d.svc.CreateArticle(ctx, who, claims.NewArticle{Title: c.title, Body: c.body, Lang: lang, PublishedOn: "2025-01-28"})
	if err != nil {
		t.Fatal(err)
	}
	cl, err := d.svc.CreateClaim(ctx, who, art.ID, claims.ClaimInput{Statement: c.quote, Quote: c.quote,
		Type: "market", Amount: "900000000000", Value: claims.Value{Currency: "USD", Qualifier: "about"}, Start: -1, End: -1})
	if err != nil {
		t.Fatal(err)
	}
	claimPath := "/claims/" + strconv.FormatInt(cl.ID, 10)
	labelID := map[string]string{}
	ls, _ := d.svc.Labels(ctx, false)
	for _, l := range ls {
		labelID[l.NameEN] = strconv.FormatInt(l.ID, 10)
	}

	// 1. The reviewer proposes a verdict; without evidence it cannot go to review.
	rev := openJourneyPage(t, b, d.base, lang)
	rev.signIn(t, "reviewer@example.org")
	rev.open(t, claimPath)
	if rev.count(t, "[data-testid=v-form]") != 1 {
		t.Fatalf("no verdict form on the claim page for the reviewer")
	}
	rev.audit(t, hc, name("claim page with the verdict form"))
	rev.check(t, "#v-label-"+labelID["Mostly false"])
	rev.fill(t, map[string]string{"#v-conclusion": c.conclusion, "#v-reasoning": c.reasoning, "#v-verified_amount": "593,000,000,000", "#v-verified_currency": "USD"})
	rev.click(t, "[data-testid=v-submit]")
	if st := rev.status.Load(); st != http.StatusUnprocessableEntity {
		t.Errorf("submitting without evidence: status %d, want 422", st)
	}
	if got, want := rev.textOf(t, "[data-testid=verdict-error]"), L.T("err.no_evidence"); got != want {
		t.Errorf("no-evidence message = %q, want %q", got, want)
	}
	if got := rev.value(t, "#v-conclusion"); got != c.conclusion {
		t.Errorf("after the refusal the conclusion = %q, want what was typed", got)
	}
	rev.audit(t, hc, name("verdict refused without evidence"))
	// The evidence arrives (through the sources pages, after the merge).
	d.ev.add(cl.ID)
	rev.click(t, "[data-testid=v-submit]")
	rev.wantPath(t, "after submitting", regexp.MustCompile("^"+claimPath+"(#verdict)?$"))
	rev.wantFlash(t, "after submitting", L.T("verdicts.submitted"))
	if got, want := rev.textOf(t, "[data-testid=claim-status]"), L.T("status.in_review"); got != want {
		t.Errorf("claim status after submitting = %q, want %q", got, want)
	}
	if got := rev.textOf(t, "[data-testid=verdict-open] [data-testid=difference]"); got != c.difference {
		t.Errorf("difference = %q, want %q", got, c.difference)
	}
	if rev.count(t, "[data-testid=v-form]") != 0 {
		t.Errorf("the submitted verdict can still be edited")
	}
	rev.audit(t, hc, name("claim page, verdict submitted"))
	rev.screenshot(t, name("1-claim-submitted"), screenshotWide)

	// 2. The editor, in another browser, finds it in the review queue and
	// sends it back; a comment is required.
	ed := openJourneyPage(t, b, d.base, lang)
	ed.signIn(t, "editor@example.org")
	if got := ed.textOf(t, "[data-testid=review-count]"); !strings.HasPrefix(got, L.Num(1)) {
		t.Errorf("review count in the navigation = %q, want %s", got, L.Num(1))
	}
	ed.click(t, "[data-testid=nav-review]")
	if n := ed.count(t, "[data-testid=queue-row]"); n != 1 {
		t.Fatalf("review queue rows = %d, want 1", n)
	}
	ed.audit(t, hc, name("review queue"))
	ed.click(t, "[data-testid=queue-row] a")
	reviewPath := ed.wantPath(t, "review screen", reReview)[0]
	if got := ed.textOf(t, "[data-testid=review-context] mark"); got != c.quote {
		t.Errorf("review screen context = %q, want the claim in its article", got)
	}
	if got := ed.textOf(t, "[data-testid=review-version] [data-testid=verdict-conclusion]"); got != c.conclusion {
		t.Errorf("review screen conclusion = %q", got)
	}
	ed.audit(t, hc, name("review screen"))
	ed.screenshot(t, name("2-review"), screenshotWide)
	ed.click(t, "[data-testid=request-changes]")
	if st := ed.status.Load(); st != http.StatusUnprocessableEntity {
		t.Errorf("sending back without a comment: status %d, want 422", st)
	}
	if got, want := ed.textOf(t, "#review-comment-err"), L.T("err.comment_required"); got != want {
		t.Errorf("comment error = %q, want %q", got, want)
	}
	ed.audit(t, hc, name("review screen, comment missing"))
	ed.fill(t, map[string]string{"#review-comment": c.comment})
	ed.click(t, "[data-testid=request-changes]")
	ed.wantFlash(t, "after sending back", L.T("review.sent_back"))
	if ed.count(t, "[data-testid=queue-empty]") != 1 {
		t.Errorf("the queue is not empty after the decision")
	}

	// 3. The reviewer sees the comment in the inbox and on the claim, revises
	// and submits again.
	rev.open(t, "/inbox")
	if got := rev.textOf(t, "[data-testid=inbox-changes]"); !strings.Contains(got, c.quote) {
		t.Errorf("inbox changes requested = %q", got)
	}
	rev.audit(t, hc, name("inbox"))
	rev.click(t, "[data-testid=inbox-changes] a")
	if got := rev.textOf(t, "[data-testid=sent-back]"); !strings.Contains(got, c.comment) || !strings.Contains(got, "Elias Editor") {
		t.Errorf("sent-back note = %q, want the editor's comment", got)
	}
	if got, want := rev.textOf(t, "[data-testid=claim-status]"), L.T("status.researching"); got != want {
		t.Errorf("claim status after changes requested = %q, want %q", got, want)
	}
	if got := rev.value(t, "#v-conclusion"); got != c.conclusion {
		t.Errorf("the form does not start from the sent-back version: %q", got)
	}
	rev.audit(t, hc, name("claim page, changes requested"))
	rev.fill(t, map[string]string{"#v-reasoning": c.reasoning + c.revision})
	rev.click(t, "[data-testid=v-submit]")
	rev.wantFlash(t, "after resubmitting", L.T("verdicts.submitted"))

	// 4. The editor approves: the claim is published.
	ed.open(t, reviewPath)
	if ed.count(t, "[data-testid=approve]:disabled") != 0 {
		t.Errorf("approve is disabled for the editor who did not write the verdict")
	}
	ed.click(t, "[data-testid=approve]")
	ed.wantPath(t, "after approving", regexp.MustCompile("^"+claimPath+"(#verdict)?$"))
	ed.wantFlash(t, "after approving", L.T("review.approved"))
	if got, want := ed.textOf(t, "[data-testid=claim-status]"), L.T("status.published"); got != want {
		t.Errorf("claim status after approval = %q, want %q", got, want)
	}
	if got := ed.textOf(t, "[data-testid=verdict-published] [data-testid=approved-by]"); !strings.Contains(got, "Elias Editor") {
		t.Errorf("approved by = %q", got)
	}
	if got := ed.textOf(t, "[data-testid=verdict-published] [data-testid=verdict-reasoning] strong"); got == "" {
		t.Errorf("the reasoning's Markdown is not rendered")
	}
	ed.audit(t, hc, name("claim page, published"))

	// 5. Later the editor corrects it; the published version stays until the
	// correction is approved.
	ed.Run(t, chromedp.Click(chromedp.CSS("[data-testid=correction] summary")))
	ed.check(t, "#c-label-"+labelID["Mostly false"])
	ed.fill(t, map[string]string{"#c-conclusion": c.correction, "#c-verified_amount": "589000000000"})
	ed.click(t, "[data-testid=c-submit]")
	if st := ed.status.Load(); st != http.StatusUnprocessableEntity {
		t.Errorf("correction without a note: status %d, want 422", st)
	}
	if got, want := ed.textOf(t, "#c-err-correction_note"), L.T("err.correction_note"); got != want {
		t.Errorf("correction note error = %q, want %q", got, want)
	}
	ed.audit(t, hc, name("correction refused without a note"))
	ed.fill(t, map[string]string{"#c-correction_note": c.correctionNote})
	ed.click(t, "[data-testid=c-submit]")
	ed.wantFlash(t, "after opening the correction", L.T("verdicts.submitted"))
	if got := ed.textOf(t, "[data-testid=verdict-published] [data-testid=verdict-conclusion]"); got != c.conclusion {
		t.Errorf("published conclusion during the correction = %q, want the approved %q", got, c.conclusion)
	}

	// 6. Four eyes: the editor who wrote the correction may not approve it,
	// not even by forcing the button.
	ed.click(t, "[data-testid=open-review]")
	if ed.count(t, "[data-testid=approve]:disabled") != 1 {
		t.Errorf("approve is enabled for the correction's author")
	}
	if got, want := ed.textOf(t, "[data-testid=four-eyes]"), L.T("err.four_eyes"); got != want {
		t.Errorf("four-eyes note = %q, want %q", got, want)
	}
	ed.audit(t, hc, name("review screen, own correction"))
	ed.Run(t, chromedp.Evaluate[chromedp.Void](`void document.querySelector("[data-testid=approve]").removeAttribute("disabled")`))
	ed.click(t, "[data-testid=approve]")
	if st := ed.status.Load(); st != http.StatusForbidden {
		t.Errorf("forced approval of one's own correction: status %d, want 403", st)
	}
	if got, want := ed.textOf(t, "[data-testid=review-error]"), L.T("err.four_eyes"); got != want {
		t.Errorf("four-eyes refusal = %q, want %q", got, want)
	}
	ed.audit(t, hc, name("four-eyes refusal"))

	// 7. The admin, a third account, approves the correction: both versions
	// stay visible, with the date and the note.
	adm := openJourneyPage(t, b, d.base, lang)
	adm.signIn(t, "admin@example.org")
	adm.open(t, "/review")
	adm.click(t, "[data-testid=queue-row] a")
	adm.click(t, "[data-testid=approve]")
	adm.wantFlash(t, "after approving the correction", L.T("review.approved"))
	if got := adm.textOf(t, "[data-testid=verdict-published] [data-testid=verdict-conclusion]"); got != c.correction {
		t.Errorf("published conclusion after the correction = %q, want %q", got, c.correction)
	}
	if got := adm.textOf(t, "[data-testid=verdict-published] [data-testid=correction-note]"); !strings.Contains(got, c.correctionNote) {
		t.Errorf("correction note = %q", got)
	}
	if got := adm.textOf(t, "[data-testid=verdict-published] [data-testid=difference]"); got != c.corrected {
		t.Errorf("difference after the correction = %q, want %q", got, c.corrected)
	}
	if got := adm.textOf(t, "[data-testid=verdict-v1]"); !strings.Contains(got, c.conclusion) || !strings.Contains(got, L.T("verdicts.superseded_at")) {
		t.Errorf("earlier version = %q, want the first conclusion and its correction date", got)
	}
	if got := adm.textOf(t, "[data-testid=history]"); !strings.Contains(got, L.T("history.verdict.correction_opened")) || !strings.Contains(got, L.T("history.verdict.changes_requested")) {
		t.Errorf("history lacks the decisions: %q", got)
	}
	adm.audit(t, hc, name("claim page, corrected"))
	adm.screenshot(t, name("3-corrected"), screenshotWide)

	// 8. The dashboard and the rating scale.
	rev.open(t, "/overview")
	if got := rev.textOf(t, "[data-testid=published-claims] strong"); got != L.Num(1) {
		t.Errorf("overview published claims = %q", got)
	}
	rev.audit(t, hc, name("overview"))
	rev.screenshot(t, name("4-overview"), screenshotWide)
	if st := rev.open(t, "/admin/labels"); st != http.StatusForbidden {
		t.Errorf("reviewer on /admin/labels: status %d", st)
	}
	adm.open(t, "/admin/labels")
	adm.audit(t, hc, name("rating scale"))
	adm.screenshot(t, name("5-labels"), screenshotWide)
	adm.fill(t, map[string]string{"#new-name_en": "Missing context", "#new-name_ar": "محتوى ناقص", "#new-colour": "#8a5a00", "#new-truth": "3"})
	adm.click(t, "[data-testid=label-create]")
	adm.wantFlash(t, "after adding a label", L.T("labels.created"))
	if n := adm.count(t, "[data-testid=labels] > li"); n != 9 {
		t.Errorf("labels after adding = %d, want 9", n)
	}
}
