package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/claimreview"
	"github.com/factdesk/factdesk/claims/searchindex"
	"github.com/factdesk/factdesk/sources"
	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/i18n"
)

// searchDesk is a desk with a reviewer and an editor, an Arabic article, two
// claims about Nvidia's loss (one Arabic with a published verdict, one
// English), an unrelated claim, a prior check, and a source.
type searchDesk struct {
	a                 *app
	rev, ed           auth.User
	art               claims.Article
	arClaim, enClaim  claims.Claim
	other             claims.Claim
	verdict           claims.Verdict
	priorID, sourceID int64
}

func newSearchDesk(t *testing.T) searchDesk {
	t.Helper()
	ctx := context.Background()
	a := newApp(t)
	d := searchDesk{a: a}
	a.user("admin@example.org", auth.Admin)
	d.rev = a.user("rev@example.org", auth.Reviewer)
	d.ed = a.user("ed@example.org", auth.Editor)
	a.ev.userID = d.rev.ID
	rev := claims.Actor{ID: d.rev.ID, Role: claims.RoleReviewer}
	ed := claims.Actor{ID: d.ed.ID, Role: claims.RoleEditor}
	var err error
	if d.art, err = a.svc.CreateArticle(ctx, rev, claims.NewArticle{Title: "خسارة إنفيديا", Body: articleAR, PublishedOn: "2025-01-28"}); err != nil {
		t.Fatal(err)
	}
	if d.arClaim, err = a.svc.CreateClaim(ctx, rev, d.art.ID, claims.ClaimInput{Statement: "خسرت إنفيديا نحو 900 مليار دولار من قيمتها السوقية",
		Type: "market", Quote: "نحو 900 مليار دولار", Start: -1, End: -1, Amount: "900 مليار", Value: claims.Value{Currency: "USD", Qualifier: "about"}}); err != nil {
		t.Fatal(err)
	}
	if d.enClaim, err = a.svc.CreateClaim(ctx, rev, 0, claims.ClaimInput{Statement: "Nvidia lost $900 billion of market value in a day",
		Type: "market", Start: -1, End: -1, Amount: "900 billion", Value: claims.Value{Currency: "USD"}, Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	if d.other, err = a.svc.CreateClaim(ctx, rev, 0, claims.ClaimInput{Statement: `The school <script>alert("x")</script> budget doubled`,
		Type: "other", Start: -1, End: -1, Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	a.ev.add(d.arClaim.ID)
	labels, _ := a.svc.Labels(ctx, false)
	var mostlyFalse int64
	for _, l := range labels {
		if l.NameEN == "Mostly false" {
			mostlyFalse = l.ID
		}
	}
	v, err := a.svc.SaveVerdict(ctx, rev, d.arClaim.ID, claims.VerdictInput{LabelID: mostlyFalse, Conclusion: "Nvidia lost about $593 billion, not $900 billion",
		Reasoning: "Exchange data put the loss at 593 billion dollars.", Amount: "593,000,000,000", Verified: claims.Value{Currency: "USD"}}, true)
	if err != nil {
		t.Fatal(err)
	}
	if d.verdict, err = a.svc.Approve(ctx, ed, v.ID, v.Version); err != nil {
		t.Fatal(err)
	}
	imp, err := a.svc.ImportPriorChecks(ctx, ed, "x.json", claimreview.NewDecoder(strings.NewReader(`[
 {"@type":"ClaimReview","claimReviewed":"إنفيديا خسرت 900 مليار دولار في يوم واحد","url":"https://checks.example/nvidia",
  "author":{"name":"مسبار"},"reviewRating":{"alternateName":"مضلل"},"datePublished":"2025-01-29","headline":"هل خسرت إنفيديا 900 مليار؟"}]`)))
	if err != nil || imp.Added != 1 {
		t.Fatalf("import: %+v %v", imp, err)
	}
	a.db.Raw("SELECT id FROM prior_checks LIMIT 1").Scan(&d.priorID)
	src, err := a.src.CreateSource(ctx, d.rev.ID, sources.Input{URL: "https://www.example.org/nvidia-market-data", Title: "Nvidia market value data",
		Publisher: "Exchange", Kind: "dataset", Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	d.sourceID = src.ID
	return d
}

func marks(p page, sel string) []string {
	var out []string
	p.doc.Find(sel + " mark").Each(func(_ int, s *goquerySel) { out = append(out, s.Text()) })
	return out
}

func TestSearchGroupsHighlightsAndEscapes(t *testing.T) {
	t.Parallel()
	d := newSearchDesk(t)
	c := d.a.client("ar")
	c.signIn("rev@example.org")
	// The navigation has the box on every page: a plain GET form.
	p := c.get("/claims")
	if act, _ := p.doc.Find("[data-testid=nav-search]").Attr("action"); act != "/search" {
		t.Fatalf("navigation search form action = %q", act)
	}
	if m, _ := p.doc.Find("[data-testid=nav-search]").Attr("method"); m != "get" {
		t.Errorf("navigation search method = %q", m)
	}
	if p.doc.Find("[data-testid=nav-search] input[name=q]").Length() != 1 {
		t.Errorf("no q field in the navigation box")
	}
	// Without JavaScript: the whole page, grouped by kind.
	p = c.get("/search?q=" + url.QueryEscape("انفيديا"))
	if p.status != http.StatusOK {
		t.Fatalf("search: %d", p.status)
	}
	for _, k := range []string{"claim", "prior", "article"} {
		if p.doc.Find("[data-testid=search-group-"+k+"]").Length() != 1 {
			t.Errorf("no %s group: %s", k, text(p, "[data-testid=search-results]"))
		}
	}
	if got := marks(p, "[data-testid=search-group-claim]"); len(got) == 0 || got[0] != "إنفيديا" {
		t.Errorf("claim marks = %q; want the word as written (إنفيديا)", got)
	}
	if h, _ := p.doc.Find("[data-testid=search-group-claim] [data-testid=search-hit-link]").First().Attr("href"); h != "/claims/"+itoa(d.arClaim.ID) {
		t.Errorf("first claim hit links to %q", h)
	}
	if got := text(p, "[data-testid=search-group-claim] [data-testid=label-badge]"); !strings.Contains(got, "زائف في معظمه") {
		t.Errorf("the published verdict's rating is not shown: %q", got)
	}
	if got := text(p, "[data-testid=search-group-prior] [data-testid=search-hit-rating]"); got != "مضلل" {
		t.Errorf("prior check rating = %q", got)
	}
	// Verdict conclusions, in English words, with word forms.
	p = c.get("/search?q=" + url.QueryEscape("LOSSES 593"))
	if p.doc.Find("[data-testid=search-group-verdict]").Length() != 1 {
		t.Errorf("the conclusion is not found by other word forms: %s", text(p, "main"))
	}
	// User text is escaped, never markup.
	p = c.get("/search?q=script+budget")
	if p.doc.Find("[data-testid=search-results] script").Length() != 0 || !strings.Contains(text(p, "[data-testid=search-group-claim]"), `<script>alert("x")</script>`) {
		t.Errorf("a claim's markup was not shown as text: %s", p.body)
	}
	// Sources, by part of a word.
	p = c.get("/search?q=arket+dat")
	if got := text(p, "[data-testid=search-group-source] [data-testid=search-hit-link]"); got != "Nvidia market value data" {
		t.Errorf("source by parts of words: %q", got)
	}
}

func TestSearchFiltersAndPaging(t *testing.T) {
	t.Parallel()
	d := newSearchDesk(t)
	c := d.a.client("en")
	c.signIn("rev@example.org")
	count := func(p page, kind string) int {
		return p.doc.Find("[data-testid=search-group-" + kind + "] [data-testid=search-hit]").Length()
	}
	p := c.get("/search?q=nvidia&kind=claim")
	if count(p, "claim") != 2 || p.doc.Find("[data-testid^=search-group-]").Length() != 1 {
		t.Errorf("kind=claim: %d claims, %d groups", count(p, "claim"), p.doc.Find("[data-testid^=search-group-]").Length())
	}
	if p.doc.Find("[data-testid=search-all-kinds]").Length() != 1 {
		t.Errorf("one kind without a way back to all kinds")
	}
	p = c.get("/search?q=nvidia&status=published")
	if count(p, "claim") != 1 || count(p, "verdict") != 1 || count(p, "prior") != 0 {
		t.Errorf("status=published: claims %d verdicts %d priors %d", count(p, "claim"), count(p, "verdict"), count(p, "prior"))
	}
	p = c.get("/search?q=nvidia&lang=en")
	if count(p, "claim") != 1 || count(p, "article") != 0 {
		t.Errorf("lang=en: claims %d articles %d", count(p, "claim"), count(p, "article"))
	}
	label := itoa(d.verdict.Label.ID)
	p = c.get("/search?q=nvidia&label=" + label)
	if count(p, "claim") != 1 || count(p, "verdict") != 1 {
		t.Errorf("label: claims %d verdicts %d", count(p, "claim"), count(p, "verdict"))
	}
	// Dates in Arabic-Indic digits; the prior check was reviewed on 2025-01-29.
	p = c.get("/search?q=nvidia&kind=prior&from=" + url.QueryEscape("٢٠٢٥-٠١-٢٩") + "&to=2025-01-29")
	if count(p, "prior") != 1 {
		t.Errorf("date range: %d prior checks; %s", count(p, "prior"), text(p, "main"))
	}
	if v, _ := p.doc.Find("#f-from").Attr("value"); v != "2025-01-29" {
		t.Errorf("from kept as %q", v)
	}
	p = c.get("/search?q=nvidia&kind=prior&from=2025-02-01")
	if count(p, "prior") != 0 || p.doc.Find("[data-testid=search-none]").Length() != 1 {
		t.Errorf("after the review date: %d, empty state %d", count(p, "prior"), p.doc.Find("[data-testid=search-none]").Length())
	}
	// Filters that cannot be read: shown next to their field, the search runs without them.
	p = c.get("/search?q=nvidia&kind=everything&status=lost&label=abc&lang=xx&from=yesterday")
	if p.status != http.StatusUnprocessableEntity {
		t.Errorf("bad filters: status %d", p.status)
	}
	for _, f := range []string{"kind", "status", "label", "lang", "from"} {
		if text(p, "#err-"+f) == "" {
			t.Errorf("no message for the bad %s", f)
		}
	}
	if count(p, "claim") != 2 {
		t.Errorf("the search did not run without the bad filters: %d claims", count(p, "claim"))
	}
	// Filters without words list the newest records.
	p = c.get("/search?kind=claim&status=new")
	if count(p, "claim") != 2 {
		t.Errorf("status=new without words: %d claims", count(p, "claim"))
	}
	// Many matches page on with "more results", nothing twice.
	ctx := context.Background()
	for i := 0; i < 30; i++ {
		if _, err := d.a.svc.CreateClaim(ctx, claims.Actor{ID: d.rev.ID, Role: claims.RoleReviewer}, 0, claims.ClaimInput{
			Statement: "Tariff revenue claim number " + itoa(int64(i)), Type: "other", Start: -1, End: -1}); err != nil {
			t.Fatal(err)
		}
	}
	p = c.get("/search?q=tariff")
	more, ok := p.doc.Find("[data-testid=search-more-claim]").Attr("href")
	if count(p, "claim") != 5 || !ok {
		t.Fatalf("overview: %d claims, more %q", count(p, "claim"), more)
	}
	seen := map[string]bool{}
	for page := 0; page < 5 && more != ""; page++ {
		p = c.get(more)
		p.doc.Find("[data-testid=search-hit-link]").Each(func(_ int, s *goquerySel) {
			h, _ := s.Attr("href")
			if seen[h] {
				t.Errorf("%s shown twice", h)
			}
			seen[h] = true
		})
		more, _ = p.doc.Find("[data-testid=search-more-claim]").Attr("href")
	}
	if len(seen) != 30 {
		t.Errorf("paged through %d claims; want 30", len(seen))
	}
}

// Hostile or odd input gives results or an empty state, never an error page.
func TestSearchBadInput(t *testing.T) {
	t.Parallel()
	d := newSearchDesk(t)
	c := d.a.client("en")
	c.signIn("rev@example.org")
	for _, q := range []string{`"`, `nvidia"`, `*`, `NEAR(nvidia lost)`, `-nvidia`, `terms:nvidia`, `text:nvidia`, `(`, `)`, `nvidia AND`,
		`' OR 1=1 --`, "\u064e\u0650\u0651\u0652", "...!!!", "\u202eailivdn\u202c", "Nvidia خسرت", strings.Repeat("nvidia ", 400),
		strings.Repeat("ب", 3000), "\ue001claim", "%", "<b>nvidia</b>", "ن", "nv"} {
		p := c.get("/search?q=" + url.QueryEscape(q))
		if p.status != http.StatusOK {
			t.Errorf("q=%.30q: status %d", q, p.status)
			continue
		}
		if p.doc.Find("[data-testid=search-results]").Length() != 1 {
			t.Errorf("q=%.30q: no results region", q)
		}
		if strings.Contains(strings.ToLower(q), "nvidia") && !strings.HasPrefix(q, "'") && p.doc.Find("[data-testid=search-hit]").Length() == 0 {
			t.Errorf("q=%.30q found nothing", q)
		}
		fr := c.get("/search/results?mode=pop&q=" + url.QueryEscape(q))
		if fr.status != http.StatusOK || strings.Contains(fr.body, "<html") {
			t.Errorf("fragment q=%.30q: status %d, full page %v", q, fr.status, strings.Contains(fr.body, "<html"))
		}
	}
}

// The fragments that JavaScript swaps in: the results of the search page,
// the navigation's compact panel.
func TestSearchFragments(t *testing.T) {
	t.Parallel()
	d := newSearchDesk(t)
	c := d.a.client("en")
	c.signIn("rev@example.org")
	p := c.get("/search/results?q=" + url.QueryEscape("انفيد"))
	if p.status != http.StatusOK || strings.Contains(p.body, "<html") || strings.Contains(p.body, "<nav") {
		t.Fatalf("results fragment: %d %.200s", p.status, p.body)
	}
	if p.doc.Find("[data-testid=search-group-claim] mark").Length() == 0 {
		t.Errorf("results fragment without highlighted claims: %s", p.body)
	}
	p = c.get("/search/results?mode=pop&q=nvid")
	if n := p.doc.Find("[data-testid=pop-hit]").Length(); n == 0 || n > 3*len(searchindex.Kinds) {
		t.Errorf("popup: %d hits", n)
	}
	if h, _ := p.doc.Find("[data-testid=pop-all]").Attr("href"); h != "/search?q=nvid" {
		t.Errorf("popup's link to the full page = %q", h)
	}
	p = c.get("/search/results?mode=pop&q=zzzzqqq")
	if p.doc.Find("[data-testid=pop-none]").Length() != 1 {
		t.Errorf("popup without results has no message: %s", p.body)
	}
}

var reClaimPath = regexp.MustCompile(`^/claims/(\d+)$`)

func TestCheckedBeforeLinkReuseCarry(t *testing.T) {
	t.Parallel()
	d := newSearchDesk(t)
	rev := d.a.client("en")
	rev.signIn("rev@example.org")
	ed := d.a.client("en")
	ed.signIn("ed@example.org")
	en := "/claims/" + itoa(d.enClaim.ID)
	p := rev.get(en)
	items := p.doc.Find("[data-testid=checked-before] [data-testid=similar-item]")
	if items.Length() == 0 {
		t.Fatalf("no look-alikes on the English claim's page: %s", text(p, "[data-testid=checked-before]"))
	}
	var arItem *goquerySel
	items.Each(func(_ int, s *goquerySel) {
		if h, _ := s.Find("[data-testid=similar-text]").Attr("href"); h == "/claims/"+itoa(d.arClaim.ID) {
			arItem = s
		}
	})
	if arItem == nil {
		t.Fatalf("the Arabic claim with the same figure is not offered: %s", text(p, "[data-testid=checked-before]"))
	}
	reasons := arItem.Find("[data-testid=similar-reason]").Text()
	if !strings.Contains(reasons, "same figure") || !strings.Contains(reasons, "shared names") {
		t.Errorf("reasons = %q", reasons)
	}
	if !strings.Contains(arItem.Find("[data-testid=label-badge]").Text(), "Mostly false") {
		t.Errorf("the twin's verdict is not shown: %q", arItem.Text())
	}
	// Link it: recorded in both claims' histories; it moves to the twins.
	p = rev.post(en+"/links", url.Values{"twin": {itoa(d.arClaim.ID)}}, true)
	if p.url != en || !strings.Contains(text(p, "[data-testid=flash]"), "Linked") {
		t.Fatalf("link: %s %q", p.url, text(p, "[data-testid=flash]"))
	}
	if p.doc.Find("[data-testid=twin]").Length() != 1 {
		t.Errorf("twins after linking: %d", p.doc.Find("[data-testid=twin]").Length())
	}
	for _, path := range []string{en, "/claims/" + itoa(d.arClaim.ID)} {
		if h := text(rev.get(path), "[data-testid=history]"); !strings.Contains(h, "linked it as the same claim") {
			t.Errorf("%s history lacks the link: %q", path, h)
		}
	}
	// A reviewer sees no carry button and cannot carry.
	if p.doc.Find("[data-testid=carry-here]").Length() != 0 {
		t.Errorf("a reviewer is offered to carry a verdict")
	}
	if p := rev.post(en+"/carry", url.Values{"from": {itoa(d.arClaim.ID)}}, true); p.status != http.StatusForbidden {
		t.Errorf("a reviewer carrying: %d", p.status)
	}
	// Reuse its sources: its one piece of evidence is attached here.
	p = rev.post(en+"/reuse", url.Values{"from": {itoa(d.arClaim.ID)}}, true)
	if !strings.Contains(text(p, "[data-testid=flash]"), "1 piece") || p.doc.Find("[data-testid=evidence] [data-testid=evidence-source]").Length() != 1 {
		t.Errorf("reuse: flash %q, evidence %d", text(p, "[data-testid=flash]"), p.doc.Find("[data-testid=evidence] [data-testid=evidence-source]").Length())
	}
	// An editor carries the published verdict: a draft here, still to review.
	p = ed.get(en)
	if p.doc.Find("[data-testid=carry-here]").Length() != 1 {
		t.Fatalf("the editor is not offered to carry the twin's verdict")
	}
	p = ed.post(en+"/carry", url.Values{"from": {itoa(d.arClaim.ID)}}, true)
	if !strings.Contains(text(p, "[data-testid=flash]"), "draft") {
		t.Errorf("carry flash = %q", text(p, "[data-testid=flash]"))
	}
	vs, err := d.a.svc.Verdicts(context.Background(), d.enClaim.ID)
	if err != nil || len(vs) != 1 || vs[0].State != claims.VerdictDraft || vs[0].Conclusion != d.verdict.Conclusion {
		t.Fatalf("verdicts of the English claim = %+v, %v", vs, err)
	}
	// A prior check: linked, and its check added as a source.
	p = rev.get(en)
	var priorLink bool
	p.doc.Find("[data-testid=similar-item]").Each(func(_ int, s *goquerySel) {
		if h, _ := s.Find("[data-testid=similar-text]").Attr("href"); h == "/prior-checks/"+itoa(d.priorID) {
			priorLink = true
		}
	})
	if !priorLink {
		t.Errorf("the prior check is not offered: %s", text(p, "[data-testid=checked-before]"))
	}
	p = rev.post(en+"/links", url.Values{"prior": {itoa(d.priorID)}}, true)
	if p.doc.Find("[data-testid=twin]").Length() != 2 {
		t.Errorf("twins after linking the prior check: %d", p.doc.Find("[data-testid=twin]").Length())
	}
	p = rev.post(en+"/reuse", url.Values{"prior": {itoa(d.priorID)}}, true)
	if !strings.Contains(text(p, "[data-testid=evidence]"), "هل خسرت إنفيديا 900 مليار؟") {
		t.Errorf("the prior check's review is not a source: %s", text(p, "[data-testid=evidence]"))
	}
	// Unlink.
	lid, _ := p.doc.Find("[data-testid=twin] form[action$='/delete']").First().Attr("action")
	p = rev.post(lid, url.Values{}, true)
	if p.doc.Find("[data-testid=twin]").Length() != 1 || !strings.Contains(text(p, "[data-testid=flash]"), "removed") {
		t.Errorf("after unlinking: %d twins, flash %q", p.doc.Find("[data-testid=twin]").Length(), text(p, "[data-testid=flash]"))
	}
	// Bad requests are refused, not errors.
	for _, f := range []url.Values{{}, {"twin": {itoa(d.enClaim.ID)}}, {"twin": {"99999"}}, {"prior": {"99999"}}} {
		if p := rev.post(en+"/links", f, true); p.status >= 500 || p.status == http.StatusOK && p.url != en {
			t.Errorf("link %v: %d %s", f, p.status, p.url)
		}
	}
}

func TestCheckedBeforeOnTheClaimForm(t *testing.T) {
	t.Parallel()
	d := newSearchDesk(t)
	c := d.a.client("ar")
	c.signIn("rev@example.org")
	art := "/articles/" + itoa(d.art.ID)
	quote := "نحو 900 مليار دولار"
	p := c.get(art + "/claims/new?quote=" + url.QueryEscape(quote))
	if p.doc.Find("[data-testid=checked-before] [data-testid=similar-item]").Length() == 0 {
		t.Fatalf("the prefilled form shows no look-alikes: %s", text(p, "[data-testid=checked-before]"))
	}
	if p.doc.Find("[data-testid=checked-before] [data-testid=link-twin]").Length() != 0 || p.doc.Find("[data-testid=checked-after-save]").Length() != 1 {
		t.Errorf("the form offers links before the claim exists")
	}
	// The fragment that follows the statement as it is typed.
	fr := c.get("/checked-before?statement=" + url.QueryEscape("Nvidia lost 900 billion dollars") + "&type=market&amount=900+billion&currency=USD")
	if fr.status != http.StatusOK || fr.doc.Find("[data-testid=similar-item]").Length() == 0 || strings.Contains(fr.body, "<html") {
		t.Errorf("checked-before fragment: %d %s", fr.status, fr.body)
	}
	fr = c.get("/checked-before")
	if fr.doc.Find("[data-testid=checked-none]").Length() != 1 {
		t.Errorf("empty fragment: %s", fr.body)
	}
	// Logging it: the claim page says it was checked before.
	form := url.Values{"quote": {quote}, "statement": {"خسرت الشركة نحو 900 مليار دولار"}, "type": {"market"}, "amount": {"900 مليار"},
		"currency": {"USD"}, "priority": {"normal"}}
	c.get(art + "/claims/new")
	p = c.post(art+"/claims", form, true)
	if !reClaimPath.MatchString(p.url) {
		t.Fatalf("create: %s %d %s", p.url, p.status, text(p, "[data-testid=form-error]"))
	}
	found := i18n.AR.F("checked.found", "")[:20]
	if fl := p.doc.Find("[data-testid=flash]").Text(); !strings.Contains(fl, found) || !strings.Contains(fl, i18n.AR.T("claims.created")) {
		t.Errorf("flashes after logging = %q", fl)
	}
	// The warning is for the page right after logging: not on the next visit,
	// and not for a claim unlike any other.
	if again := c.get(p.url); strings.Contains(again.doc.Find("[data-testid=flash]").Text(), found) {
		t.Errorf("the claim page warns again on the next visit")
	}
	form = url.Values{"quote": {quote}, "statement": {"افتتحت البلدية حديقة عامة جديدة للأطفال"}, "type": {"other"}, "priority": {"normal"}}
	c.get(art + "/claims/new")
	p = c.post(art+"/claims", form, true)
	if fl := p.doc.Find("[data-testid=flash]").Text(); !reClaimPath.MatchString(p.url) || fl != i18n.AR.T("claims.created") {
		t.Errorf("logging an unrelated claim: %s, flashes %q", p.url, fl)
	}
}

// Every value of the dynamic key families of search has its strings.
func TestSearchStringsExist(t *testing.T) {
	var keys []string
	for _, k := range searchindex.Kinds {
		keys = append(keys, "search.group."+string(k))
	}
	for _, r := range searchindex.Reasons {
		keys = append(keys, "checked.reason."+string(r))
	}
	keys = append(keys, "checked.kind.claim", "checked.kind.prior", "history.link.added", "history.link.removed",
		"history.verdict.carried", "history.evidence.copied", "field.twin_claim", "field.prior_check")
	for _, k := range keys {
		if !i18n.Has(k) {
			t.Errorf("missing key %s", k)
		}
	}
}
