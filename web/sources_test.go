package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/sources"
	"github.com/factdesk/factdesk/web/auth"
)

// sourcesDesk is an app with a signed-in reviewer and editor (both browsers in
// lang) and an article with two claims the reviewer logged.
type sourcesDesk struct {
	*app
	rev, ed        *client
	claim1, claim2 string // claim page paths
}

func newDesk(t *testing.T, lang string) sourcesDesk {
	t.Helper()
	a := newApp(t)
	a.user("admin@example.org", auth.Admin)
	a.user("rev@example.org", auth.Reviewer)
	a.user("ed@example.org", auth.Editor)
	d := sourcesDesk{app: a, rev: a.client(lang), ed: a.client(lang)}
	d.rev.signIn("rev@example.org")
	d.ed.signIn("ed@example.org")
	art := createArticle(t, d.rev)
	for i, q := range []string{"نحو 900 مليار دولار", "بنحو 20 %"} {
		d.rev.get(art + "/claims/new")
		p := d.rev.post(art+"/claims", url.Values{"quote": {q}, "statement": {q}, "type": {"market"}}, true)
		if !strings.HasPrefix(p.url, "/claims/") {
			t.Fatalf("log claim %q: %s %d", q, p.url, p.status)
		}
		if i == 0 {
			d.claim1 = p.url
		} else {
			d.claim2 = p.url
		}
	}
	return d
}

// addSource adds a source through the form and returns its page path.
func (d sourcesDesk) addSource(t *testing.T, c *client, form url.Values) string {
	t.Helper()
	c.get("/sources/new")
	p := c.post("/sources", form, true)
	if !regexp.MustCompile(`^/sources/\d+$`).MatchString(p.url) {
		t.Fatalf("add source %v: at %s (%d) %q", form, p.url, p.status, text(p, ".error"))
	}
	return p.url
}

func countRows(t *testing.T, a *app, table string) int64 {
	t.Helper()
	var n int64
	if err := a.db.Table(table).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSourceFormAddListSearchAndDuplicate(t *testing.T) {
	t.Parallel()
	d := newDesk(t, "ar")
	c := d.rev
	p := c.get("/sources")
	if p.status != 200 || p.doc.Find("[data-testid=no-sources]").Length() != 1 {
		t.Fatalf("empty library: %d", p.status)
	}
	if p.doc.Find(`nav a[href="/sources"][aria-current=page]`).Length() != 1 {
		t.Errorf("no current Sources link in the navigation")
	}
	p = c.get("/sources/new")
	if v, _ := p.doc.Find("#f-accessed_on").Attr("value"); v != time.Now().UTC().Format("2006-01-02") {
		t.Errorf("accessed date proposed = %q; want today", v)
	}
	reuters := d.addSource(t, c, url.Values{"url": {"https://www.Reuters.com/markets/nvidia/?utm_source=tw#top"}, "title": {"إنفيديا تسجّل أكبر خسارة"},
		"publisher": {"رويترز"}, "kind": {"news"}, "lang": {"ar"}, "published_on": {"٢٠٢٥-٠١-٢٨"}, "accessed_on": {"2025-02-01"},
		"archive_url": {"https://web.archive.org/web/2025/https://www.reuters.com/markets/nvidia"}, "notes": {"رقم LSEG"}})
	p = c.get(reuters)
	if got := text(p, "[data-testid=source-title]"); got != "إنفيديا تسجّل أكبر خسارة" {
		t.Errorf("source title = %q", got)
	}
	if href, _ := p.doc.Find("[data-testid=source-link]").Attr("href"); href != "https://www.Reuters.com/markets/nvidia/?utm_source=tw#top" {
		t.Errorf("source link = %q", href)
	}
	if href, _ := p.doc.Find("[data-testid=archive-link]").Attr("href"); !strings.HasPrefix(href, "https://web.archive.org/") {
		t.Errorf("archive link = %q", href)
	}
	if meta := text(p, "[data-testid=source-meta]"); !strings.Contains(meta, "2025-01-28") || !strings.Contains(meta, "العربية") {
		t.Errorf("meta = %q; want the date in ASCII digits and the language", meta)
	}
	if !strings.Contains(text(p, "[data-testid=history]"), "أضاف المصدر") {
		t.Errorf("history = %q", text(p, "[data-testid=history]"))
	}
	// The same page again (another spelling): a message with a link to it, nothing added.
	c.get("/sources/new")
	p = c.post("/sources", url.Values{"url": {"https://www.reuters.com:443/markets/nvidia"}, "title": {"نسخة ثانية"}, "kind": {"news"}}, true)
	if p.status != http.StatusConflict {
		t.Fatalf("duplicate: %d; want 409", p.status)
	}
	if href, _ := p.doc.Find("[data-testid=duplicate-link]").Attr("href"); href != reuters {
		t.Errorf("duplicate link = %q; want %s", href, reuters)
	}
	if v, _ := p.doc.Find("#f-title").Attr("value"); v != "نسخة ثانية" {
		t.Errorf("typed title not kept: %q", v)
	}
	if n := countRows(t, d.app, "sources"); n != 1 {
		t.Errorf("%d sources after a duplicate; want 1", n)
	}
	paper := d.addSource(t, c, url.Values{"url": {"https://arxiv.org/abs/2412.19437"}, "title": {"DeepSeek-V3 Technical Report"},
		"publisher": {"DeepSeek-AI"}, "kind": {"primary"}, "lang": {"en"}})
	// Search and filters.
	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"?q=" + url.QueryEscape("انفيديا"), []string{reuters}},
		{"?q=" + url.QueryEscape("إِنْفِيدْيَا"), []string{reuters}},
		{"?q=technical+REPORT", []string{paper}},
		{"?q=" + url.QueryEscape("https://arxiv.org/abs/2412.19437/?fbclid=1"), []string{paper}},
		{"?kind=primary", []string{paper}},
		{"?lang=ar", []string{reuters}},
		{"", []string{paper, reuters}},
		{"?q=tesla", nil},
	} {
		p := c.get("/sources" + tt.query)
		var got []string
		p.doc.Find("[data-testid=source-row] td:first-child a").Each(func(_ int, s *goquerySel) {
			h, _ := s.Attr("href")
			got = append(got, h)
		})
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("/sources%s = %v; want %v", tt.query, got, tt.want)
		}
	}
	if p := c.get("/sources?q=tesla"); p.doc.Find("[data-testid=no-sources]").Length() != 1 {
		t.Errorf("no 'no match' message")
	}
	if p := c.get("/sources?kind=rumour"); p.status != http.StatusUnprocessableEntity {
		t.Errorf("unknown kind filter: %d; want 422", p.status)
	}
	if p := c.get("/sources?after=abc"); p.status != http.StatusUnprocessableEntity {
		t.Errorf("bad cursor: %d; want 422", p.status)
	}
	// Keyset pages of 50.
	for i := 0; i < 55; i++ {
		if _, err := d.src.CreateSource(context.Background(), 2, sources.Input{URL: "https://example.org/n/" + itoa(int64(i)), Title: "Bulk " + itoa(int64(i)), Kind: "dataset"}); err != nil {
			t.Fatal(err)
		}
	}
	p = c.get("/sources?kind=dataset")
	next, ok := p.doc.Find("[data-testid=next-page]").Attr("href")
	if !ok || !strings.Contains(next, "after=") || !strings.Contains(next, "kind=dataset") {
		t.Fatalf("next page link = %q", next)
	}
	p2 := c.get(next)
	if n := p.doc.Find("[data-testid=source-row]").Length() + p2.doc.Find("[data-testid=source-row]").Length(); n != 55 {
		t.Errorf("two pages hold %d sources; want 55", n)
	}
}

func TestSourceFormRefusesBadInput(t *testing.T) {
	t.Parallel()
	d := newDesk(t, "ar")
	c := d.rev
	good := url.Values{"url": {"https://example.org/a"}, "title": {"عنوان"}, "kind": {"news"}}
	with := func(k, v string) url.Values {
		f := url.Values{}
		for kk, vv := range good {
			f[kk] = vv
		}
		f.Set(k, v)
		return f
	}
	future := time.Now().UTC().AddDate(0, 0, 3).Format("2006-01-02")
	tests := []struct {
		name, field, value, errSel, want string
	}{
		{"javascript:", "url", "javascript:alert(document.cookie)", "#err-url", "javascript"},
		{"data:", "url", "data:text/html,<script>alert(1)</script>", "#err-url", "http"},
		{"file:", "url", "file:///etc/passwd", "#err-url", "http"},
		{"relative", "url", "/news/1", "#err-url", "عنوان"},
		{"malformed", "url", "https://exa mple.org/", "#err-url", "عنوان"},
		{"over-long", "url", "https://example.org/" + strings.Repeat("a", 2100), "#err-url", "2048"},
		{"archive not a URL", "archive_url", "نسخة في الأرشيف", "#err-archive_url", "web.archive.org"},
		{"archive javascript:", "archive_url", "javascript:alert(1)", "#err-archive_url", "web.archive.org"},
		{"future accessed", "accessed_on", future, "#err-accessed_on", "المستقبل"},
		{"future accessed, Arabic digits", "accessed_on", "٢٩٩٩-٠١-٠١", "#err-accessed_on", "المستقبل"},
		{"bad date", "published_on", "أمس", "#err-published_on", "YYYY-MM-DD"},
		{"unknown kind", "kind", "rumour", "#err-kind", "أنواع"},
		{"unknown language", "lang", "xx", "#err-lang", "غير صالحة"},
		{"no title", "title", " ", "#err-title", "مطلوب"},
	}
	for _, tt := range tests {
		c.get("/sources/new")
		p := c.post("/sources", with(tt.field, tt.value), true)
		if p.status != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d; want 422", tt.name, p.status)
			continue
		}
		if got := text(p, tt.errSel); !strings.Contains(got, tt.want) {
			t.Errorf("%s: %s = %q; want it to mention %q", tt.name, tt.errSel, got, tt.want)
		}
		if v, _ := p.doc.Find("#f-title").Attr("value"); v != with(tt.field, tt.value).Get("title") {
			t.Errorf("%s: title not kept (%q)", tt.name, v)
		}
	}
	if n := countRows(t, d.app, "sources"); n != 0 {
		t.Errorf("%d sources stored by refused forms", n)
	}
	// Without a CSRF token nothing is stored.
	p := c.post("/sources", good, false)
	if p.status != http.StatusForbidden || countRows(t, d.app, "sources") != 0 {
		t.Errorf("no CSRF token: %d", p.status)
	}
}

// A URL that slipped into the database without the checks (an older
// version, a manual import) is still never rendered as a link.
func TestStoredUnsafeURLNeverALink(t *testing.T) {
	t.Parallel()
	d := newDesk(t, "en")
	s, err := d.src.CreateSource(context.Background(), 2, sources.Input{URL: "https://example.org/x", Title: "X", Kind: "news"})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.db.Exec("UPDATE sources SET url = 'javascript:alert(1)', archive_url = 'data:text/html,x' WHERE id = ?", s.ID).Error; err != nil {
		t.Fatal(err)
	}
	d.rev.get(d.claim1)
	d.rev.post(d.claim1+"/evidence", url.Values{"source_id": {itoa(s.ID)}, "stance": {"context"}}, true)
	for _, path := range []string{"/sources/" + itoa(s.ID), d.claim1} {
		p := d.rev.get(path)
		if strings.Contains(p.body, `href="javascript:`) || strings.Contains(p.body, `href="data:`) {
			t.Errorf("%s renders a script URL as a link", path)
		}
		if !strings.Contains(p.body, "javascript:alert(1)") {
			t.Errorf("%s does not show the stored URL as text", path)
		}
	}
}

func TestSourceEditConflictAndDuplicate(t *testing.T) {
	t.Parallel()
	d := newDesk(t, "en")
	a := d.addSource(t, d.rev, url.Values{"url": {"https://example.org/a"}, "title": {"First"}, "kind": {"news"}})
	b := d.addSource(t, d.rev, url.Values{"url": {"https://example.org/b"}, "title": {"Second"}, "kind": {"news"}})
	pRev := d.rev.get(a + "/edit")
	version, _ := pRev.doc.Find("input[name=version]").Attr("value")
	pEd := d.ed.get(a + "/edit")
	edVersion, _ := pEd.doc.Find("input[name=version]").Attr("value")
	p := d.ed.post(a, url.Values{"url": {"https://example.org/a"}, "title": {"Editor's title"}, "kind": {"official"}, "version": {edVersion}}, true)
	if p.url != a || !strings.Contains(text(p, "[data-testid=flash]"), "Source saved") {
		t.Fatalf("editor's save: %s %d", p.url, p.status)
	}
	p = d.rev.post(a, url.Values{"url": {"https://example.org/a"}, "title": {"Reviewer's title"}, "kind": {"news"}, "version": {version}}, true)
	if p.status != http.StatusConflict || p.doc.Find("[data-testid=conflict]").Length() != 1 {
		t.Fatalf("stale save: %d; want 409 with both versions", p.status)
	}
	if !strings.Contains(text(p, "[data-testid=conflict-theirs]"), "Editor's title") || !strings.Contains(text(p, "[data-testid=conflict-mine]"), "Reviewer's title") {
		t.Errorf("conflict view lacks a version")
	}
	if v, _ := p.doc.Find("#f-title").Attr("value"); v != "Reviewer's title" {
		t.Errorf("typed title lost: %q", v)
	}
	newVersion, _ := p.doc.Find("input[name=version]").Attr("value")
	if p := d.rev.get(a); text(p, "[data-testid=source-title]") != "Editor's title" {
		t.Errorf("the stale save overwrote: %q", text(p, "[data-testid=source-title]"))
	}
	// Moving it onto another source's address is refused with a link to that one.
	p = d.rev.post(a, url.Values{"url": {"https://EXAMPLE.org/b/"}, "title": {"x"}, "kind": {"news"}, "version": {newVersion}}, true)
	if href, _ := p.doc.Find("[data-testid=duplicate-link]").Attr("href"); p.status != http.StatusConflict || href != b || text(p, "#err-url") == "" {
		t.Errorf("edit onto another's URL: %d %q %q", p.status, href, text(p, "#err-url"))
	}
	// Saving again after the conflict is deliberate and works.
	p = d.rev.post(a, url.Values{"url": {"https://example.org/a"}, "title": {"Reviewer's title"}, "kind": {"news"}, "version": {newVersion}}, true)
	if p.url != a || text(p, "[data-testid=source-title]") != "Reviewer's title" {
		t.Errorf("saving again: %s %q", p.url, text(p, "[data-testid=source-title]"))
	}
	if n := p.doc.Find("[data-testid=history] > li").Length(); n != 3 {
		t.Errorf("history has %d entries; want 3 (added, two edits)", n)
	}
	if p := d.rev.get("/sources/99999"); p.status != http.StatusNotFound {
		t.Errorf("missing source: %d", p.status)
	}
	if p := d.rev.get("/sources/99999/edit"); p.status != http.StatusNotFound {
		t.Errorf("missing source edit: %d", p.status)
	}
}

func TestEvidenceAttachEditRemove(t *testing.T) {
	t.Parallel()
	d := newDesk(t, "en")
	c := d.rev
	cnbc := d.addSource(t, c, url.Values{"url": {"https://www.cnbc.com/nvidia-600b"}, "title": {"Nvidia sheds almost $600B"}, "publisher": {"CNBC"}, "kind": {"news"}, "lang": {"en"}})
	cnbcID := strings.TrimPrefix(cnbc, "/sources/")
	p := c.get(d.claim1)
	if p.doc.Find("[data-testid=no-evidence]").Length() != 1 {
		t.Errorf("a claim without evidence shows no warning")
	}
	if v, _ := p.doc.Find(`[data-testid=attach-form] input[name=source_id][value=new]`).Attr("checked"); v != "checked" && !p.doc.Find(`[data-testid=attach-form] input[name=source_id][value=new]`).Is("[checked]") {
		t.Errorf("without a search, 'a new source' is not preselected")
	}
	// No JavaScript: the search form re-renders the page with the matches as choices.
	p = c.get(d.claim1 + "?src_q=" + url.QueryEscape("sheds"))
	choice := p.doc.Find("[data-testid=choice-" + cnbcID + "]")
	if choice.Length() != 1 || !strings.Contains(text(p, "[data-testid=source-results]"), "Nvidia sheds") {
		t.Fatalf("no-JS search offers no choice: %q", text(p, "[data-testid=source-results]"))
	}
	if v, _ := p.doc.Find(`[data-testid=attach-form] input[name=src_q]`).Attr("value"); v != "sheds" {
		t.Errorf("the search is not carried in the attach form: %q", v)
	}
	if p := c.get(d.claim1 + "?src_q=nothinglikethis"); !strings.Contains(text(p, "[data-source-status]"), "No source in the library matches") {
		t.Errorf("no 'no match' message: %q", text(p, "[data-source-status]"))
	}
	// Each stance: an existing source, a new source, and a URL already in the library.
	p = c.post(d.claim1+"/evidence", url.Values{"source_id": {cnbcID}, "stance": {"refutes"}, "passage": {"Shares fell 17%."}, "location": {"paragraph 1"}, "note": {"CNBC"}}, true)
	if p.url != d.claim1 || !strings.Contains(text(p, "[data-testid=flash]"), "Evidence attached") {
		t.Fatalf("attach existing: %s %d %q", p.url, p.status, text(p, ".error"))
	}
	p = c.post(d.claim1+"/evidence", url.Values{"source_id": {"new"}, "src_url": {"https://example.org/reuters?utm_source=x"}, "src_title": {"Reuters: $593bn"},
		"src_kind": {"news"}, "src_lang": {"en"}, "src_published_on": {"2025-01-28"}, "stance": {"supports"}}, true)
	if !strings.Contains(text(p, "[data-testid=flash]"), "Evidence attached") {
		t.Fatalf("attach new: %d %q", p.status, text(p, "[data-testid=form-error]"))
	}
	p = c.post(d.claim1+"/evidence", url.Values{"src_url": {"https://www.CNBC.com/nvidia-600b/"}, "src_title": {"Typed again"}, "src_kind": {"other"}, "stance": {"context"}}, true)
	if !strings.Contains(text(p, "[data-testid=flash]"), "already in the library") {
		t.Fatalf("attach a known URL: %q", text(p, "[data-testid=flash]"))
	}
	if n := countRows(t, d.app, "sources"); n != 2 {
		t.Errorf("%d sources; want 2 (the known URL was reused)", n)
	}
	// Grouped by stance with counts; no warning any more.
	for stance, want := range map[string]string{"supports": "1", "refutes": "1", "context": "1"} {
		if got := text(p, "[data-testid=evidence-"+stance+"] [data-testid=evidence-count]"); got != want {
			t.Errorf("%s count = %q; want %s", stance, got, want)
		}
	}
	if got := text(p, "[data-testid=evidence-context] [data-testid=evidence-source]"); got != "Nvidia sheds almost $600B" {
		t.Errorf("context evidence source = %q; want the stored source", got)
	}
	if p.doc.Find("[data-testid=no-evidence]").Length() != 0 {
		t.Errorf("the no-evidence warning stays")
	}
	if got := text(p, "[data-testid=evidence-refutes] [data-testid=evidence-location]"); got != "paragraph 1" {
		t.Errorf("location = %q", got)
	}
	// The source page lists the claim.
	if sp := c.get(cnbc); sp.doc.Find("[data-testid=source-uses] li").Length() != 2 {
		t.Errorf("source page lists %d uses; want 2", sp.doc.Find("[data-testid=source-uses] li").Length())
	}
	// Edit: a stale save meets a conflict.
	editHref, _ := p.doc.Find("[data-testid=evidence-refutes] [data-testid=edit-evidence]").Attr("href")
	pe := c.get(editHref)
	if v := pe.doc.Find("#f-passage").Text(); v != "Shares fell 17%." {
		t.Fatalf("edit form passage = %q", v)
	}
	version, _ := pe.doc.Find("input[name=version]").Attr("value")
	action, _ := pe.doc.Find("[data-testid=evidence-form]").Attr("action")
	d.ed.get(editHref)
	p = d.ed.post(action, url.Values{"stance": {"refutes"}, "passage": {"Shares fell about 17%."}, "location": {"p. 1"}, "version": {version}}, true)
	if !strings.Contains(text(p, "[data-testid=flash]"), "Evidence saved") {
		t.Fatalf("editor's edit: %d %q", p.status, text(p, ".error"))
	}
	p = c.post(action, url.Values{"stance": {"supports"}, "passage": {"mine"}, "version": {version}}, true)
	if p.status != http.StatusConflict || !strings.Contains(text(p, "[data-testid=conflict-theirs]"), "Shares fell about 17%.") {
		t.Errorf("stale evidence edit: %d", p.status)
	}
	p = c.post(action, url.Values{"stance": {"maybe"}, "version": {version}}, true)
	if p.status != http.StatusUnprocessableEntity || text(p, "#err-stance") == "" {
		t.Errorf("unknown stance on edit: %d", p.status)
	}
	// Remove: a stale version is refused; the current one goes.
	p = c.get(d.claim1)
	sel := "[data-testid=evidence-supports] [data-testid=evidence-item]"
	removeAction, _ := p.doc.Find(sel + " form").Attr("action")
	removeVersion, _ := p.doc.Find(sel + " input[name=version]").Attr("value")
	p = c.post(removeAction, url.Values{"version": {"99"}}, true)
	if !strings.Contains(text(p, "[data-testid=flash]"), "changed meanwhile") {
		t.Errorf("stale remove: %q", text(p, "[data-testid=flash]"))
	}
	p = c.post(removeAction, url.Values{"version": {removeVersion}}, true)
	if !strings.Contains(text(p, "[data-testid=flash]"), "Evidence removed") || text(p, "[data-testid=evidence-supports] [data-testid=evidence-count]") != "0" {
		t.Errorf("remove: %q", text(p, "[data-testid=flash]"))
	}
	p = c.post(removeAction, url.Values{"version": {removeVersion}}, true)
	if p.status != http.StatusNotFound {
		t.Errorf("removing again: %d; want 404", p.status)
	}
	// Every change is in the claim's history.
	hist := text(c.get(d.claim1), "[data-testid=history]")
	for _, want := range []string{"attached evidence", "edited evidence", "removed evidence", "Reuters: $593bn"} {
		if !strings.Contains(hist, want) {
			t.Errorf("claim history lacks %q: %q", want, hist)
		}
	}
	// Evidence belongs to its claim: another claim's path is a 404.
	if p := c.get(strings.Replace(editHref, d.claim1, d.claim2, 1)); p.status != http.StatusNotFound {
		t.Errorf("evidence under another claim: %d", p.status)
	}
}

func TestEvidenceAttachRefusals(t *testing.T) {
	t.Parallel()
	d := newDesk(t, "ar")
	c := d.rev
	src, err := d.src.CreateSource(context.Background(), 2, sources.Input{URL: "https://example.org/s", Title: "S", Kind: "news"})
	if err != nil {
		t.Fatal(err)
	}
	gone, err := d.src.CreateSource(context.Background(), 2, sources.Input{URL: "https://example.org/gone", Title: "Gone", Kind: "news"})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.src.DeleteSource(context.Background(), 2, gone.ID); err != nil {
		t.Fatal(err)
	}
	c.get(d.claim1)
	tests := []struct {
		name   string
		form   url.Values
		errSel string
		want   string
	}{
		{"no stance", url.Values{"source_id": {itoa(src.ID)}}, "#err-stance", "يؤيد"},
		{"unknown stance", url.Values{"source_id": {itoa(src.ID)}, "stance": {"likes"}}, "#err-stance", "يدحض"},
		{"no source", url.Values{"stance": {"supports"}}, "#err-source_id", "اختر مصدرًا"},
		{"new source without address", url.Values{"source_id": {"new"}, "src_title": {"x"}, "src_kind": {"news"}, "stance": {"supports"}}, "#err-src_url", "مطلوب"},
		{"source deleted meanwhile", url.Values{"source_id": {itoa(gone.ID)}, "stance": {"supports"}}, "#err-source_id", "حُذف"},
		{"javascript: on the spot", url.Values{"source_id": {"new"}, "src_url": {"javascript:alert(1)"}, "src_title": {"x"}, "src_kind": {"news"}, "stance": {"refutes"}}, "#err-src_url", "javascript"},
		{"future accessed on the spot", url.Values{"source_id": {"new"}, "src_url": {"https://example.org/f"}, "src_title": {"x"}, "src_kind": {"news"},
			"src_accessed_on": {"2999-01-01"}, "stance": {"refutes"}}, "#err-src_accessed_on", "المستقبل"},
		{"unknown kind on the spot", url.Values{"source_id": {"new"}, "src_url": {"https://example.org/k"}, "src_title": {"x"}, "src_kind": {"blog"}, "stance": {"refutes"}}, "#err-src_kind", "أنواع"},
		{"good source, bad stance", url.Values{"source_id": {"new"}, "src_url": {"https://example.org/half"}, "src_title": {"Half"}, "src_kind": {"news"}, "stance": {""}}, "#err-stance", "يؤيد"},
	}
	for _, tt := range tests {
		tt.form.Set("passage", "يبقى كما كُتب")
		p := c.post(d.claim1+"/evidence", tt.form, true)
		if p.status != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d; want 422", tt.name, p.status)
			continue
		}
		if got := text(p, tt.errSel); !strings.Contains(got, tt.want) {
			t.Errorf("%s: %s = %q; want %q in it", tt.name, tt.errSel, got, tt.want)
		}
		if !strings.Contains(p.doc.Find("#f-passage").Text(), "يبقى كما كُتب") {
			t.Errorf("%s: the passage typed is lost", tt.name)
		}
	}
	list, _ := d.src.ClaimEvidence(context.Background(), 1)
	if len(list) != 0 || countRows(t, d.app, "sources") != 1 {
		t.Errorf("refused attaches stored %d pieces of evidence and %d sources", len(list), countRows(t, d.app, "sources"))
	}
	// A claim that does not exist: 404, nothing stored.
	if p := c.post("/claims/99999/evidence", url.Values{"source_id": {itoa(src.ID)}, "stance": {"supports"}}, true); p.status != http.StatusNotFound {
		t.Errorf("evidence for a missing claim: %d", p.status)
	}
	if p := c.post("/claims/99999/evidence", url.Values{"source_id": {"new"}, "src_url": {"https://example.org/orphan"}, "src_title": {"O"}, "src_kind": {"news"}, "stance": {"supports"}}, true); p.status != http.StatusNotFound || countRows(t, d.app, "sources") != 1 {
		t.Errorf("new source for a missing claim: %d, %d sources", p.status, countRows(t, d.app, "sources"))
	}
	// No CSRF token: refused.
	if p := c.post(d.claim1+"/evidence", url.Values{"source_id": {itoa(src.ID)}, "stance": {"supports"}}, false); p.status != http.StatusForbidden {
		t.Errorf("attach without CSRF token: %d", p.status)
	}
}

func TestSourceDeleteRolesAndInUse(t *testing.T) {
	t.Parallel()
	d := newDesk(t, "en")
	s := d.addSource(t, d.rev, url.Values{"url": {"https://example.org/used"}, "title": {"Used"}, "kind": {"news"}})
	id := strings.TrimPrefix(s, "/sources/")
	d.rev.get(d.claim1)
	d.rev.post(d.claim1+"/evidence", url.Values{"source_id": {id}, "stance": {"refutes"}}, true)
	d.rev.post(d.claim2+"/evidence", url.Values{"source_id": {id}, "stance": {"supports"}}, true)
	// Reviewers add and edit; they do not delete (and are not offered to).
	p := d.rev.get(s)
	if p.doc.Find("[data-testid=delete-source]").Length() != 0 {
		t.Errorf("a reviewer is offered to delete")
	}
	if p := d.rev.post(s+"/delete", url.Values{}, true); p.status != http.StatusForbidden {
		t.Errorf("reviewer deleting: %d; want 403", p.status)
	}
	// An editor is refused while the source is evidence, with the claims listed.
	p = d.ed.get(s)
	if p.doc.Find("[data-testid=delete-source]").Length() != 1 {
		t.Fatalf("an editor is not offered to delete")
	}
	if p := d.ed.post(s+"/delete", url.Values{}, false); p.status != http.StatusForbidden {
		t.Errorf("delete without CSRF token: %d", p.status)
	}
	p = d.ed.post(s+"/delete", url.Values{}, true)
	if p.status != http.StatusConflict || p.doc.Find("[data-testid=delete-refused] li a").Length() != 2 {
		t.Fatalf("delete in use: %d, %d claims listed", p.status, p.doc.Find("[data-testid=delete-refused] li a").Length())
	}
	if href, _ := p.doc.Find("[data-testid=delete-refused] li a").First().Attr("href"); href != d.claim1 {
		t.Errorf("first claim listed = %q; want %s", href, d.claim1)
	}
	// Once the evidence is gone, the editor deletes it.
	for _, cl := range []string{d.claim1, d.claim2} {
		p := d.rev.get(cl)
		action, _ := p.doc.Find("[data-testid=evidence-item] form").Attr("action")
		version, _ := p.doc.Find("[data-testid=evidence-item] input[name=version]").Attr("value")
		d.rev.post(action, url.Values{"version": {version}}, true)
	}
	d.ed.get(s)
	p = d.ed.post(s+"/delete", url.Values{}, true)
	if p.url != "/sources" || !strings.Contains(text(p, "[data-testid=flash]"), "deleted") {
		t.Fatalf("delete unused: %s %q", p.url, text(p, "[data-testid=flash]"))
	}
	if p := d.ed.get(s); p.status != http.StatusNotFound {
		t.Errorf("deleted source page: %d", p.status)
	}
	if p := d.ed.post("/sources/99999/delete", url.Values{}, true); p.status != http.StatusNotFound {
		t.Errorf("deleting a missing source: %d", p.status)
	}
}

func TestSourceSearchJSON(t *testing.T) {
	t.Parallel()
	d := newDesk(t, "en")
	for i, title := range []string{`<script>alert("x")</script> Nvidia`, "إنفيديا تخسر", "Other"} {
		if _, err := d.src.CreateSource(context.Background(), 2, sources.Input{URL: "https://example.org/j/" + itoa(int64(i)), Title: title, Kind: "news", Lang: "en"}); err != nil {
			t.Fatal(err)
		}
	}
	get := func(c *http.Client, q string) (int, string, map[string][]map[string]any) {
		req, _ := http.NewRequest("GET", d.ts.URL+"/sources/search?q="+url.QueryEscape(q), nil)
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		var out map[string][]map[string]any
		_ = json.Unmarshal(b, &out)
		return resp.StatusCode, resp.Header.Get("Content-Type"), out
	}
	status, ctype, out := get(d.rev.hc, "nvidia")
	if status != 200 || !strings.HasPrefix(ctype, "application/json") || len(out["sources"]) != 1 {
		t.Fatalf("search: %d %s %v", status, ctype, out)
	}
	if out["sources"][0]["title"] != `<script>alert("x")</script> Nvidia` || out["sources"][0]["lang"] != "en" {
		t.Errorf("hit = %v", out["sources"][0])
	}
	if _, _, out := get(d.rev.hc, "انفيديا"); len(out["sources"]) != 1 {
		t.Errorf("folded Arabic search: %v", out)
	}
	if _, _, out := get(d.rev.hc, ""); out["sources"] == nil || len(out["sources"]) != 0 {
		t.Errorf("empty query: %v", out)
	}
	if status, _, _ := get(d.rev.hc, strings.Repeat("a", 300)); status != http.StatusUnprocessableEntity {
		t.Errorf("over-long query: %d", status)
	}
	// Signed out: sent to sign in, nothing listed.
	anon := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if status, _, _ := get(anon, "nvidia"); status != http.StatusSeeOther {
		t.Errorf("anonymous search: %d; want 303 to sign in", status)
	}
}

func TestClaimListEvidenceColumn(t *testing.T) {
	t.Parallel()
	d := newDesk(t, "ar")
	c := d.rev
	c.get(d.claim1)
	for _, stance := range []string{"supports", "refutes", "refutes"} {
		c.post(d.claim1+"/evidence", url.Values{"source_id": {"new"}, "src_url": {"https://example.org/" + stance + itoa(int64(len(stance)))}, "src_title": {"t"}, "src_kind": {"news"}, "stance": {stance}}, true)
	}
	p := c.get("/claims")
	rows := map[string]string{}
	marks := map[string]int{}
	p.doc.Find("[data-testid=claim-row]").Each(func(_ int, s *goquerySel) {
		href, _ := s.Find("a").First().Attr("href")
		rows[href] = strings.Join(strings.Fields(s.Find("[data-testid=evidence-counts] [aria-hidden=true].ev-counts").Text()), " ")
		marks[href] = s.Find("[data-testid=no-evidence-mark]").Length()
	})
	if got := rows[d.claim1]; got != "مؤيد ١ معارض ٢ سياق ٠" {
		t.Errorf("claim 1 counts = %q", got)
	}
	if marks[d.claim1] != 0 || marks[d.claim2] != 1 {
		t.Errorf("no-evidence marks = %v; want only on claim 2", marks)
	}
	if sr := text(p, "[data-testid=evidence-counts] .sr-only"); !strings.Contains(sr, "الأدلة") {
		t.Errorf("screen-reader summary = %q", sr)
	}
}

// Every value of the dynamic key families (kinds, languages, stances, history
// actions) renders as translated text in both languages.
func TestSourceVocabularyTranslated(t *testing.T) {
	t.Parallel()
	missing := regexp.MustCompile(`![a-z_]+\.[a-z_.]+`)
	for _, lang := range []string{"en", "ar"} {
		d := newDesk(t, lang)
		c := d.rev
		var pages []string
		for _, k := range sources.Kinds {
			s := d.addSource(t, c, url.Values{"url": {"https://example.org/kind/" + string(k)}, "title": {string(k)}, "kind": {string(k)}})
			pages = append(pages, s)
		}
		for _, l := range sources.Languages {
			d.addSource(t, c, url.Values{"url": {"https://example.org/lang/" + l}, "title": {l}, "kind": {"news"}, "lang": {l}})
		}
		first := pages[0]
		c.get(first + "/edit")
		p := c.get(first + "/edit")
		v, _ := p.doc.Find("input[name=version]").Attr("value")
		c.post(first, url.Values{"url": {"https://example.org/kind/primary"}, "title": {"edited"}, "kind": {"dataset"}, "lang": {"fa"}, "version": {v}}, true)
		c.get(d.claim1)
		for _, st := range sources.Stances {
			c.post(d.claim1+"/evidence", url.Values{"source_id": {strings.TrimPrefix(first, "/sources/")}, "stance": {string(st)}}, true)
		}
		p = c.get(d.claim1)
		edit, _ := p.doc.Find("[data-testid=edit-evidence]").First().Attr("href")
		pe := c.get(edit)
		if m := missing.FindString(pe.body); pe.status != 200 || m != "" {
			t.Errorf("%s %s: %d, untranslated %q", lang, edit, pe.status, m)
		}
		ev, _ := pe.doc.Find("input[name=version]").Attr("value")
		action, _ := pe.doc.Find("[data-testid=evidence-form]").Attr("action")
		c.post(action, url.Values{"stance": {"refutes"}, "version": {ev}}, true)
		c.post(action+"/delete", url.Values{"version": {itoa(2)}}, true)
		pages = append(pages, "/sources", "/sources/new", first, first+"/edit", d.claim1, "/claims", d.claim2)
		for _, path := range pages {
			p := c.get(path)
			if p.status != 200 {
				t.Errorf("%s %s: %d", lang, path, p.status)
			}
			if m := missing.FindString(p.body); m != "" {
				t.Errorf("%s %s: untranslated key %s", lang, path, m)
			}
		}
		hist := text(c.get(d.claim1), "[data-testid=history]")
		for _, action := range []string{"evidence.added", "evidence.updated", "evidence.removed"} {
			if strings.Contains(hist, action) {
				t.Errorf("%s: history shows the raw action %s", lang, action)
			}
		}
	}
}

// The claim list's evidence column costs one query whatever the page size:
// a page of 40 claims runs as many queries as a page of 2.
func TestClaimListEvidenceNoNPlusOne(t *testing.T) {
	t.Parallel()
	d := newDesk(t, "en")
	var queries atomic.Int64
	count := func(*gorm.DB) { queries.Add(1) }
	if err := d.db.Callback().Query().After("gorm:query").Register("test:count", count); err != nil {
		t.Fatal(err)
	}
	if err := d.db.Callback().Row().After("gorm:row").Register("test:count_row", count); err != nil {
		t.Fatal(err)
	}
	d.rev.get(d.claim1)
	d.rev.post(d.claim1+"/evidence", url.Values{"source_id": {"new"}, "src_url": {"https://example.org/q"}, "src_title": {"Q"}, "src_kind": {"news"}, "stance": {"supports"}}, true)
	listQueries := func() (int64, int) {
		queries.Store(0)
		p := d.rev.get("/claims")
		return queries.Load(), p.doc.Find("[data-testid=claim-row]").Length()
	}
	small, rows := listQueries()
	if rows != 2 || small < 3 {
		t.Fatalf("%d rows and %d queries counted; want 2 rows and a working counter", rows, small)
	}
	for i := 0; i < 38; i++ {
		if _, err := d.svc.CreateClaim(context.Background(), claims.Actor{ID: 2, Role: claims.RoleReviewer}, 0,
			claims.ClaimInput{Statement: "claim " + itoa(int64(i)), Type: "other", Start: -1, End: -1}); err != nil {
			t.Fatal(err)
		}
	}
	large, rows := listQueries()
	if rows != 40 {
		t.Fatalf("%d rows; want 40", rows)
	}
	if large != small {
		t.Errorf("the claim list ran %d queries for 40 claims and %d for 2; want the same", large, small)
	}
}
