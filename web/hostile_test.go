package web_test

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/cdproto/cdp"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/browsertest"
)

// loadHostile reads testdata/hostile/xss.txt (see its header for the format).
func loadHostile(t *testing.T) []string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "hostile", "xss.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	unescape := strings.NewReplacer(`\0`, "\x00", `\u202e`, "\u202e", `\n`, "\n")
	reRepeat := regexp.MustCompile(`^x(\d+) (.*)$`)
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if m := reRepeat.FindStringSubmatch(line); m != nil {
			n, _ := strconv.Atoi(m[1])
			line = strings.Repeat(m[2], n)
		}
		out = append(out, unescape.Replace(line))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) < 40 {
		t.Fatalf("hostile corpus has %d payloads; want at least 40", len(out))
	}
	return out
}

// checkNoInjection fails when a page carries markup that did not come from
// our templates: a script other than our own files, an event-handler or
// style attribute, a link or source with a javascript:, data: or vbscript:
// address, or an element that loads or runs something (iframe, object,
// embed, base, meta refresh, math, img from elsewhere). It parses the HTML as
// a browser does, so text inside <textarea> or <title> is text.
func checkNoInjection(t *testing.T, where string, p page) {
	t.Helper()
	if p.status >= 500 {
		t.Errorf("%s: status %d", where, p.status)
	}
	if !strings.HasPrefix(p.header.Get("Content-Type"), "text/html") {
		return
	}
	var bad []string
	p.doc.Find("script").Each(func(_ int, s *goquery.Selection) {
		if s.AttrOr("type", "") == "application/ld+json" {
			// Our structured data for search engines: data, never run, and
			// only whole JSON (a payload closing the element would cut it).
			var v any
			if err := json.Unmarshal([]byte(s.Text()), &v); err != nil {
				bad = append(bad, "JSON-LD that does not parse: "+err.Error())
			}
			return
		}
		if src := s.AttrOr("src", ""); !strings.HasPrefix(src, "/static/") || strings.TrimSpace(s.Text()) != "" {
			bad = append(bad, "script src="+src+" "+shorten(s.Text()))
		}
	})
	p.doc.Find("iframe, frame, object, embed, base, math, style, meta[http-equiv], img, link").Each(func(_ int, s *goquery.Selection) {
		if s.Is("link") && s.AttrOr("rel", "") == "stylesheet" && (strings.HasPrefix(s.AttrOr("href", ""), "/static/") || strings.HasPrefix(s.AttrOr("href", ""), "/labels.css")) {
			return
		}
		if s.Is("link") && (s.AttrOr("rel", "") == "icon" || s.AttrOr("rel", "") == "canonical") && !dangerousURL(s.AttrOr("href", "")) {
			return
		}
		bad = append(bad, "element <"+goquery.NodeName(s)+">")
	})
	p.doc.Find("*").Each(func(_ int, s *goquery.Selection) {
		for _, a := range s.Nodes[0].Attr {
			name := strings.ToLower(a.Key)
			switch {
			case strings.HasPrefix(name, "on"), name == "style", name == "srcdoc", name == "formaction":
				bad = append(bad, fmt.Sprintf("<%s %s=%q>", goquery.NodeName(s), name, shorten(a.Val)))
			case name == "href" || name == "src" || name == "action" || name == "xlink:href" || name == "poster" || name == "data":
				if dangerousURL(a.Val) {
					bad = append(bad, fmt.Sprintf("<%s %s=%q>", goquery.NodeName(s), name, shorten(a.Val)))
				}
			}
		}
	})
	if len(bad) > 0 {
		t.Errorf("%s: injected markup: %s", where, strings.Join(bad, "; "))
	}
}

// dangerousURL reports an address a browser would run or render as a page,
// after removing what browsers ignore (whitespace and control characters).
func dangerousURL(v string) bool {
	v = strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, strings.ToLower(v))
	return strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:") || strings.HasPrefix(v, "vbscript:")
}

func shorten(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

// visible is how a payload reads as page text: NUL bytes dropped (the
// server removes them), whitespace collapsed.
func visible(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\x00", "")), " ")
}

// hostileDesk submits hostile text through the real forms.
type hostileDesk struct {
	t       *testing.T
	a       *app
	adm, ed *client
	// Pages holding the payloads, for the browser.
	claims, articles, public []string
	seen                     map[string]string // form key → a page that shows it
	sent                     map[string]bool   // form keys submitted
}

// send opens pagePath as c, fills the form sel with text in every typed field
// (set overrides fields; files are uploaded), and submits it. A field the
// server refuses gets the text wrapped in a sentence, then good[name] (or
// the form's own value): so the text is stored wherever the server accepts
// it. Every page on the way must be free of injected markup.
func (h *hostileDesk) send(c *client, pagePath, sel, text string, set, good map[string]string, files map[string][2]string) page {
	h.t.Helper()
	p := c.get(pagePath)
	h.look(pagePath, p)
	s := p.doc.Find(sel)
	if s.Length() == 0 {
		h.t.Fatalf("no form %s on %s (%d)", sel, pagePath, p.status)
	}
	f := readForm(s.First(), pagePath)
	h.sent[f.key()] = true
	values := f.fill(text, set)
	stage := map[string]int{}
	var resp page
	for try := 0; try < 5; try++ {
		resp = c.submit(f, values, files)
		checkNoInjection(h.t, fmt.Sprintf("%s %s with %q", f.method, f.action, shorten(text)), resp)
		if resp.status < 400 {
			break
		}
		bad := invalidFields(resp)
		if len(bad) == 0 {
			break
		}
		for _, name := range bad {
			stage[name]++
			switch stage[name] {
			case 1:
				values.Set(name, "Nvidia lost 593 billion dollars "+text+" in one day")
			default:
				v, ok := good[name]
				if !ok {
					for _, ff := range f.fields {
						if ff.name == name {
							v = ff.value
						}
					}
				}
				if v == "" && stage[name] == 3 {
					v = "Plain text " + strconv.Itoa(len(text))
				}
				values.Set(name, v)
			}
		}
	}
	return resp
}

// look checks a page and notes its forms with typed fields.
func (h *hostileDesk) look(path string, p page) {
	h.t.Helper()
	checkNoInjection(h.t, "GET "+path, p)
	p.doc.Find("form").Each(func(_ int, s *goquery.Selection) {
		f := readForm(s, path)
		if len(f.textFields()) > 0 {
			if _, ok := h.seen[f.key()]; !ok {
				h.seen[f.key()] = path
			}
		}
	})
}

var (
	reArticlePath = regexp.MustCompile(`^/articles/\d+$`)
	reSourcePath  = regexp.MustCompile(`^/sources/\d+$`)
)

// TestHostileInputNeverRuns puts every payload of the hostile corpus into
// every typed field of every form (and into uploaded HTML, CSV and
// ClaimReview files), then reads every page of the app that shows it: no
// page may carry markup, attribute or link that did not come from our
// templates, no request may fail with a 5xx, and the text reads back as
// text. Forms seen on the way but never submitted fail the test, so a new
// form must be added here.
func TestHostileInputNeverRuns(t *testing.T) {
	t.Parallel()
	payloads := loadHostile(t)
	start := time.Now()
	h := seedHostile(t, payloads)
	t.Logf("%d payloads through every form in %v", len(payloads), time.Since(start).Round(time.Millisecond))
	start = time.Now()
	crawlHostile(t, h, payloads)
	t.Logf("crawl in %v", time.Since(start).Round(time.Millisecond))
	start = time.Now()
	hostileInBrowser(t, h, payloads)
	t.Logf("browser in %v", time.Since(start).Round(time.Millisecond))
}

func seedHostile(t *testing.T, payloads []string) *hostileDesk {
	t.Helper()
	a := newApp(t)
	h := &hostileDesk{t: t, a: a, adm: a.client("en"), ed: a.client("ar"), seen: map[string]string{}, sent: map[string]bool{}}
	// The first admin, named by the first payload, through /setup.
	h.send(h.adm, "/setup", "form[action='/setup']", payloads[0], map[string]string{"email": "admin@example.org", "password": testPassword}, nil, nil)
	if need, _ := a.srv.Users().NeedsSetup(context.Background()); need {
		t.Fatal("setup with a hostile name created no admin")
	}
	h.adm.signIn("admin@example.org")
	a.user("ed@example.org", auth.Editor)
	h.ed.signIn("ed@example.org")
	for i, p := range payloads {
		h.round(i, p)
	}
	// Signing in with hostile credentials is refused, never a 5xx.
	anon := a.client("en")
	for _, p := range payloads[:8] {
		resp := h.send(anon, "/signin", "form[action='/signin']", p, nil, nil, nil)
		if resp.status != http.StatusUnauthorized && resp.status != http.StatusUnprocessableEntity {
			t.Errorf("sign-in with %q: %d", shorten(p), resp.status)
		}
	}
	// Every form with typed fields seen on the way was submitted.
	var missed []string
	for k, where := range h.seen {
		if !h.sent[k] {
			missed = append(missed, k+" (on "+where+")")
		}
	}
	sort.Strings(missed)
	if len(missed) > 0 {
		t.Errorf("forms never given hostile input (add them to hostileDesk.round):\n  %s", strings.Join(missed, "\n  "))
	}
	return h
}

// round stores one payload everywhere a user can type it.
func (h *hostileDesk) round(i int, p string) {
	t := h.t
	t.Helper()
	n := strconv.Itoa(i)
	body := "Nvidia lost 593 billion dollars of market value in round " + n + ". Shares fell 17 percent."
	good := map[string]string{
		"url": "https://example.org/hostile/" + n, "src_url": "https://example.org/src/" + n, "published_on": "2025-01-28",
		"body": body, "quote": "593 billion dollars", "statement": "Nvidia lost 593 billion dollars, round " + n,
		"amount": "593 billion", "currency": "USD", "unit": "", "value_date": "2025-01-28", "percent": "17",
		"verified_amount": "593,000,000,000", "verified_currency": "USD", "verified_date": "2025-01-28", "verified_unit": "",
		"email": "user" + n + "@example.org", "password": testPassword, "colour": "#336699", "color": "#336699",
		"src_title": "Source " + n, "title": "Source " + n, "published": "2025-01-28", "src_published": "2025-01-28",
		"name_en": "Label " + n, "name_ar": "تسمية " + n, "name": "Name " + n, "base_url": "https://desk.example.org",
	}
	adm, ed := h.adm, h.ed

	// Articles: pasted, then uploaded as an HTML page.
	resp := h.send(adm, "/articles/new", "[data-testid=article-form]", p, nil, good, nil)
	if !reArticlePath.MatchString(resp.url) {
		t.Fatalf("round %d: pasting an article landed on %s (%d)", i, resp.url, resp.status)
	}
	art := resp.url
	htmlPage := fmt.Sprintf("<html><head><title>%s</title></head><body><article><h1>%s</h1><p>Nvidia lost 593 billion dollars, upload %s. %s</p>"+
		"<p><a href=%q>%s</a> <img src=x onerror=\"window.__xss=1\"></p></article></body></html>", p, p, n, p, p, p)
	h.send(adm, "/articles/new", "[data-testid=article-form]", p, map[string]string{"body": "", "url": ""}, good,
		map[string][2]string{"file": {"page" + n + ".html", htmlPage}})

	// A claim in the article, then edited.
	resp = h.send(adm, art+"/claims/new", "[data-testid=claim-form]", p, nil, good, nil)
	if !reClaimPath.MatchString(resp.url) {
		t.Fatalf("round %d: logging a claim landed on %s (%d): %v", i, resp.url, resp.status, invalidFields(resp))
	}
	claim := resp.url
	claimID := strings.TrimPrefix(claim, "/claims/")
	h.claims, h.articles = append(h.claims, claim), append(h.articles, art)
	h.send(adm, claim+"/edit", "[data-testid=claim-form]", p, nil, good, nil)

	// Sources: new and edited; evidence from it and from a new source typed
	// in the attach form; the evidence edited.
	resp = h.send(adm, "/sources/new", "[data-testid=source-form]", p, nil, good, nil)
	if !reSourcePath.MatchString(resp.url) {
		t.Fatalf("round %d: new source landed on %s (%d): %v", i, resp.url, resp.status, invalidFields(resp))
	}
	src := resp.url
	h.send(adm, src+"/edit", "[data-testid=source-form]", p, nil, good, nil)
	h.send(adm, claim, "[data-testid=attach-form]", p, map[string]string{"source_id": strings.TrimPrefix(src, "/sources/")}, good, nil)
	h.send(adm, claim, "[data-testid=attach-form]", p, map[string]string{"source_id": "new"}, good, nil)
	if href, ok := adm.get(claim).doc.Find("[data-testid=edit-evidence]").First().Attr("href"); ok {
		h.send(adm, href, "[data-testid=evidence-form]", p, nil, good, nil)
	} else {
		t.Errorf("round %d: no evidence to edit on %s", i, claim)
	}

	// Discussion, a verdict sent back with a comment, sent again, approved,
	// and its report published.
	h.send(adm, claim, "[data-testid=comment-form]", p, nil, good, nil)
	h.send(adm, claim, "[data-testid=v-form]", p, map[string]string{"action": "submit"}, good, nil)
	vs, err := h.a.svc.Verdicts(context.Background(), mustID(t, claimID))
	if err != nil || len(vs) == 0 {
		t.Fatalf("round %d: no verdict stored (%v)", i, err)
	}
	review := "/review/" + itoa(vs[0].ID)
	h.send(ed, review, "[data-testid=changes-form]", p, nil, good, nil)
	h.send(adm, claim, "[data-testid=v-form]", p, map[string]string{"action": "submit"}, good, nil)
	h.send(ed, review, "form[action$='/approve']", p, nil, good, nil)
	h.send(ed, art+"/report", "[data-testid=publish-form]", p, nil, good, nil)
	h.send(ed, claim, "[data-testid=c-form]", p, nil, good, nil)
	h.send(ed, claim, "[data-testid=v-form]", p, map[string]string{"action": "submit"}, good, nil)

	// The admin pages: a label (new, then renamed), a user, the settings.
	h.send(adm, "/admin/labels", "[data-testid=label-new]", p, nil, good, nil)
	h.send(adm, "/admin/labels", "[data-testid=label-edit]", p, nil, good, nil)
	h.send(adm, "/admin/users", "[data-testid=new-user]", p, map[string]string{"email": good["email"]}, good, nil)
	h.send(adm, "/admin/settings", "[data-testid=settings-form]", p, nil, good, nil)

	// Imports: a CSV file mapped and imported, a ClaimReview file.
	csv := "claim,claimant,quote,tags,url\n" + csvField(p) + "," + csvField(p) + "," + csvField(p) + "," + csvField(p) + "," + csvField(p) + "\n" +
		csvField("Nvidia lost 593 billion dollars "+p) + ",x,y,z,https://example.org/csv/" + n + "\n"
	resp = h.send(adm, "/imports/csv", "[data-testid=csv-upload-page-form]", p, nil, good, map[string][2]string{"file": {"hostile" + n + ".csv", csv}})
	if strings.HasPrefix(resp.url, "/imports/csv/") {
		h.send(adm, resp.url, "[data-testid=csv-mapping-form]", p, nil, good, nil)
	} else if !strings.Contains(p, "\x00") { // a file with NUL bytes is refused as not text
		t.Errorf("round %d: CSV upload landed on %s (%d)", i, resp.url, resp.status)
	}
	h.send(adm, art, "[data-testid=csv-upload-form]", p, nil, good, map[string][2]string{"file": {"again" + n + ".csv", csv}})
	js, _ := json.Marshal(p)
	review1 := fmt.Sprintf(`[{"@type":"ClaimReview","claimReviewed":%s,"url":%s,"author":{"name":%s,"url":%s},"datePublished":"2025-01-29",`+
		`"reviewRating":{"alternateName":%s,"ratingValue":1},"itemReviewed":{"@type":"Claim","author":{"name":%s},"appearance":[{"url":%s}]}},`+
		`{"@type":"ClaimReview","claimReviewed":"Nvidia lost 593 billion, prior %s","url":"https://checks.example.org/%s","author":{"name":%s},"reviewRating":{"alternateName":%s}}]`,
		js, js, js, js, js, js, js, n, n, js, js)
	h.send(adm, "/prior-checks/import", "[data-testid=prior-import-form]", p, nil, good, map[string][2]string{"file": {"hostile" + n + ".json", review1}})

	// Search boxes and list filters.
	h.send(adm, "/", "[data-testid=nav-search]", p, nil, good, nil)
	h.send(adm, "/search", "[data-testid=search-form]", p, nil, good, nil)
	h.send(adm, "/claims", "[data-testid=claim-filters]", p, nil, good, nil)
	h.send(adm, "/sources", "[data-testid=source-filters]", p, nil, good, nil)
	h.send(adm, "/prior-checks", "[data-testid=prior-filters]", p, nil, good, nil)
	h.send(adm, claim, "[data-testid=source-search]", p, nil, good, nil)
	h.send(adm, "/exports", "[data-testid=export-form]", p, nil, good, nil)

	// The text reads back as text on the claim page (long payloads may be
	// refused by length limits, which send then replaces).
	if len(p) < 500 {
		if got := visible(adm.get(claim).doc.Find("main").Text()); !strings.Contains(got, visible(p)) {
			t.Errorf("round %d: %q does not read back on the claim page", i, p)
		}
	}
}

func csvField(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func mustID(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// crawlHostile follows every link of the app from the home page, as the
// admin, the editor and a signed-out visitor (published reports), and checks
// each page and download: no injected markup, no 5xx, downloads never served
// as HTML, JSON that parses, CSV cells that no spreadsheet reads as formulas.
func crawlHostile(t *testing.T, h *hostileDesk, payloads []string) {
	t.Helper()
	anon := h.a.client("en")
	visited := map[string]bool{}
	perPattern := map[string]int{}
	reNum := regexp.MustCompile(`\d+`)
	var public []string
	visit := func(c *client, start []string, limit int) int {
		queue := append([]string(nil), start...)
		n := 0
		for len(queue) > 0 && n < limit {
			path := queue[0]
			queue = queue[1:]
			if visited[path] {
				continue
			}
			visited[path] = true
			u, _ := url.Parse(path)
			keys := make([]string, 0, len(u.Query()))
			for k := range u.Query() {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			pattern := reNum.ReplaceAllString(u.Path, ":id") + "?" + strings.Join(keys, "&")
			// Every page of a kind with ids (each holds another payload),
			// a few of each filtered list.
			max := 6
			if len(keys) == 0 {
				max = 120
			}
			if perPattern[pattern] >= max {
				continue
			}
			perPattern[pattern]++
			n++
			p := c.get(path)
			checkDownload(t, path, p)
			h.look(path, p)
			p.doc.Find("a[href]").Each(func(_ int, s *goquery.Selection) {
				href := strings.TrimPrefix(s.AttrOr("href", ""), c.base)
				if i := strings.IndexByte(href, '#'); i >= 0 {
					href = href[:i]
				}
				switch {
				case strings.HasPrefix(href, "/r/"):
					public = append(public, href)
				case strings.HasPrefix(href, "/") && !strings.HasPrefix(href, "//") && !strings.HasPrefix(href, "/static/") &&
					!strings.HasSuffix(href, ".pdf"):
					queue = append(queue, href)
				}
			})
		}
		return n
	}
	n := visit(h.adm, []string{"/", "/articles", "/claims", "/board", "/inbox", "/overview", "/review", "/sources", "/prior-checks",
		"/imports/csv", "/exports", "/admin/users", "/admin/labels", "/admin/settings", "/labels.css",
		"/search?q=" + url.QueryEscape("script"), "/search/results?q=" + url.QueryEscape("xss")}, 4000)
	n += visit(h.ed, []string{"/", "/review", "/inbox"}, 300)
	if len(public) == 0 {
		t.Error("no published report link found")
	}
	n += visit(anon, public, 200)
	for i, p := range public {
		if i < 6 {
			h.public = append(h.public, p)
		}
	}
	t.Logf("crawled %d pages and downloads", n)
	if n < 300 {
		t.Errorf("crawled only %d pages", n)
	}
	// The label stylesheet holds colours only.
	css := h.adm.get("/labels.css").body
	for _, p := range payloads {
		if len(p) > 3 && strings.Contains(css, p) {
			t.Errorf("labels.css carries %q", p)
		}
	}
	if strings.ContainsAny(css, "<\\") || strings.Contains(strings.ToLower(css), "javascript") || strings.Contains(css, "@import") {
		t.Errorf("labels.css carries markup or script: %s", shorten(css))
	}
}

// checkDownload checks a response that is not an HTML page.
func checkDownload(t *testing.T, path string, p page) {
	t.Helper()
	ct := p.header.Get("Content-Type")
	if p.status >= 500 {
		t.Errorf("GET %s: %d", path, p.status)
	}
	if strings.HasPrefix(ct, "text/html") || p.status >= 300 {
		return
	}
	if p.header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("GET %s (%s) without nosniff", path, ct)
	}
	switch {
	case strings.Contains(ct, "json"):
		if strings.Contains(path, "jsonl") {
			return
		}
		var v any
		if err := json.Unmarshal([]byte(p.body), &v); err != nil {
			t.Errorf("GET %s: JSON does not parse: %v", path, err)
		}
	case strings.Contains(ct, "csv"):
		r := csv.NewReader(strings.NewReader(strings.TrimPrefix(p.body, "\ufeff")))
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		if err != nil {
			t.Errorf("GET %s: CSV does not parse: %v", path, err)
		}
		for _, row := range rows {
			for _, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("GET %s: CSV cell a spreadsheet reads as a formula: %q", path, shorten(cell))
				}
			}
		}
	}
}

// hostileInBrowser opens the pages holding the payloads in Chromium and
// checks that none ran: no dialog opened, window.__xss never set.
func hostileInBrowser(t *testing.T, h *hostileDesk, payloads []string) {
	t.Helper()
	b := browsertest.New(t)
	journeyUser(t, h.a.srv, "browser@example.org", "Browser", "admin")
	jp := openJourneyPage(t, b, h.a.ts.URL, "en")
	var dialogs atomic.Int64
	var lastDialog atomic.Value
	err := chromedp.Listen(jp.Ctx, func(ev any) {
		if e, ok := ev.(*cdppage.EventJavascriptDialogOpening); ok {
			dialogs.Add(1)
			lastDialog.Store(e.Message)
			go func() { // dismissed, so the page goes on loading
				_ = chromedp.Do(jp.Ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					_, err := cdp.Call(ctx, tg, cdppage.HandleJavaScriptDialog, cdppage.HandleJavaScriptDialogParams{})
					return err
				}))
			}()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	jp.signIn(t, "browser@example.org")
	paths := []string{"/", "/claims", "/board", "/search?q=window", "/search?q=xss", "/sources", "/prior-checks", "/inbox", "/review", "/admin/users"}
	for i := range h.claims {
		if i < 24 {
			paths = append(paths, h.claims[i])
		}
		if i < 8 {
			paths = append(paths, h.articles[i]+"/report")
		}
	}
	paths = append(paths, h.public...)
	for _, path := range paths {
		if st := jp.open(t, path); st != http.StatusOK {
			t.Errorf("browser: %s answered %d", path, st)
		}
		if got := browsertest.Eval[string](t, jp.Page, `typeof window.__xss`); got != "undefined" {
			t.Errorf("browser: a payload ran on %s (window.__xss is %s)", path, got)
		}
		if n := dialogs.Load(); n > 0 {
			t.Fatalf("browser: %d dialog(s) opened by %s, last %q", n, path, lastDialog.Load())
		}
	}
	t.Logf("browser: %d pages holding payloads, no script ran", len(paths))
}
