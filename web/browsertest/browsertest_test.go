package browsertest_test

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/factdesk/factdesk/web/browsertest"
)

// goodPage is valid, accessible HTML in Arabic, right to left.
const goodPage = `<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>مكتب التحقق</title>
<style>
body { font-family: "Noto Naskh Arabic", "DejaVu Sans", sans-serif; color: #111; background: #fff; margin: 2rem; }
a { color: #0645ad; }
</style>
</head>
<body>
<header><p><a href="/good">الصفحة الرئيسية</a></p></header>
<main>
<h1>ادعاءات تم التحقق منها</h1>
<p>هذه صفحة اختبار صالحة.</p>
<img src="/logo.svg" alt="شعار مكتب التحقق" width="40" height="40">
<form action="/good" method="get">
<label for="q">بحث</label>
<input id="q" name="q" type="search">
<button type="submit">ابحث</button>
</form>
</main>
</body>
</html>
`

// badPage has an <img> without alt, an unclosed <div>, a button nested in a
// link, a form field without a label and no lang attribute.
const badPage = `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>broken</title>
</head>
<body>
<main>
<h1>Broken</h1>
<div class="card">
<img src="/logo.svg">
<a href="/good"><button type="button">go</button></a>
<input type="text" name="x">
</main>
</body>
</html>
`

const logoSVG = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><circle cx="20" cy="20" r="18" fill="#0645ad"/></svg>`

// server serves the test pages and records the Accept-Language headers.
type server struct {
	*httptest.Server
	mu    sync.Mutex
	langs []string
}

func newServer(t *testing.T) *server {
	s := &server{}
	mux := http.NewServeMux()
	page := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, body)
		}
	}
	mux.HandleFunc("/good", page(goodPage))
	mux.HandleFunc("/bad", page(badPage))
	mux.HandleFunc("/logo.svg", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/svg+xml")
		fmt.Fprint(w, logoSVG)
	})
	// /set?v=X sets the cookie user=X; /whoami shows the cookie and the
	// Accept-Language header.
	mux.HandleFunc("/set", func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "user", Value: r.URL.Query().Get("v"), Path: "/", HttpOnly: true})
		http.Redirect(w, r, "/whoami", http.StatusSeeOther)
	})
	mux.HandleFunc("/whoami", func(w http.ResponseWriter, r *http.Request) {
		lang := r.Header.Get("Accept-Language")
		s.mu.Lock()
		s.langs = append(s.langs, lang)
		s.mu.Unlock()
		user := "(none)"
		if c, err := r.Cookie("user"); err == nil {
			user = c.Value
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>whoami</title></head>`+
			`<body><main><p id="user">%s</p><p id="lang">%s</p></main></body></html>`,
			html.EscapeString(user), html.EscapeString(lang))
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func TestGoodPage(t *testing.T) {
	srv := newServer(t)
	b := browsertest.New(t)
	p := b.NewContext(t, "ar")
	p.Navigate(t, srv.URL+"/good")

	if got, want := p.Text(t, "h1"), "ادعاءات تم التحقق منها"; got != want {
		t.Errorf("h1 = %q, want %q", got, want)
	}
	if got := p.URL(t); got != srv.URL+"/good" {
		t.Errorf("URL = %q", got)
	}
	if got := browsertest.Eval[string](t, p, `getComputedStyle(document.body).direction`); got != "rtl" {
		t.Errorf("direction = %q, want rtl", got)
	}
	if h := p.HTML(t); !strings.HasPrefix(h, "<!DOCTYPE html>") || !strings.Contains(h, `dir="rtl"`) {
		t.Errorf("HTML() does not start with the doctype or lacks dir=rtl: %.120q", h)
	}
	if src := p.Source(t); src != goodPage {
		t.Errorf("Source() differs from the served page:\n%s", src)
	}

	p.CheckAxe(t)
	if vs := browsertest.SeriousViolations(p.AxeViolations(t)); len(vs) != 0 { // second run: axe already injected
		t.Errorf("second axe run: %v", vs)
	}
	p.CheckHTML(t)

	// Viewport and screenshot.
	if w := browsertest.Eval[int](t, p, `window.innerWidth`); w != browsertest.DefaultWidth {
		t.Errorf("innerWidth = %d, want %d", w, browsertest.DefaultWidth)
	}
	p.SetViewport(t, 390, 844)
	if w := browsertest.Eval[int](t, p, `window.innerWidth`); w != 390 {
		t.Errorf("innerWidth after SetViewport = %d, want 390", w)
	}
	shot := filepath.Join(t.TempDir(), "shots", "good.png")
	p.Screenshot(t, shot)
	data, err := os.ReadFile(shot)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) || len(data) < 1000 {
		t.Errorf("screenshot is not a PNG (%d bytes)", len(data))
	}
}

func TestBrokenPage(t *testing.T) {
	srv := newServer(t)
	b := browsertest.New(t)
	p := b.NewContext(t, "en")

	p.Navigate(t, srv.URL+"/bad")
	vs := p.AxeViolations(t)
	ids := map[string]browsertest.Violation{}
	for _, v := range vs {
		ids[v.ID] = v
	}
	for _, want := range []string{"image-alt", "html-has-lang", "label"} {
		if _, ok := ids[want]; !ok {
			t.Errorf("axe did not report %q; got %v", want, vs)
		}
	}
	if v := ids["image-alt"]; len(v.Nodes) == 0 || v.Nodes[0].Target != "img" || v.Impact != "critical" {
		t.Errorf("image-alt = %+v", v)
	}
	if len(browsertest.SeriousViolations(vs)) == 0 {
		t.Error("no serious/critical violations on the broken page")
	}
	t.Logf("axe on the broken page: %d violation(s), e.g. %s", len(vs), ids["image-alt"])
	badSource, badDOM := p.Source(t), p.HTML(t)

	p.Navigate(t, srv.URL+"/good")
	goodSource := p.Source(t)

	// One vnu run over three documents.
	hc := browsertest.NewHTMLChecker(t)
	hc.Add("good", goodSource)
	hc.Add("bad", badSource)
	hc.Add("bad DOM", badDOM)
	errs := hc.Errors()
	if len(errs["good"]) != 0 {
		t.Errorf("errors in the good page: %v", errs["good"])
	}
	bad := strings.Join(errs["bad"], "\n")
	for _, want := range []string{`must have an “alt” attribute`, `Unclosed element “div”`, `“button” must not appear as a descendant of the “a” element`} {
		if !strings.Contains(bad, want) {
			t.Errorf("vnu errors for the bad page lack %q:\n%s", want, bad)
		}
	}
	// The DOM is repaired by the parser: the unclosed div is gone, the
	// missing alt is not. This is why CheckHTML validates Source.
	dom := strings.Join(errs["bad DOM"], "\n")
	if strings.Contains(dom, "Unclosed element") || !strings.Contains(dom, "alt") {
		t.Errorf("unexpected vnu errors for the DOM of the bad page:\n%s", dom)
	}
	t.Logf("vnu on the broken page:\n%s", bad)

	// Ignore filters messages without a new vnu run.
	hc.Ignore(`alt`)
	if e := strings.Join(hc.Errors()["bad"], "\n"); strings.Contains(e, "alt") || e == "" {
		t.Errorf("after Ignore(alt): %s", e)
	}
}

func TestSeparateCookies(t *testing.T) {
	srv := newServer(t)
	b := browsertest.New(t)
	alice := b.NewContext(t, "en")
	bob := b.NewContext(t, "en")

	alice.Navigate(t, srv.URL+"/set?v=alice")
	if got := alice.Text(t, "#user"); got != "alice" {
		t.Errorf("alice sees user %q", got)
	}
	if got := alice.URL(t); got != srv.URL+"/whoami" {
		t.Errorf("alice URL after the redirect = %q", got)
	}
	bob.Navigate(t, srv.URL+"/whoami")
	if got := bob.Text(t, "#user"); got != "(none)" {
		t.Errorf("bob sees user %q, want no cookie", got)
	}
	bob.Navigate(t, srv.URL+"/set?v=bob")
	alice.Navigate(t, srv.URL+"/whoami")
	if got := alice.Text(t, "#user"); got != "alice" {
		t.Errorf("alice sees user %q after bob logged in", got)
	}
	// Source works after a redirect: it is the body of the final response.
	if src := alice.Source(t); !strings.Contains(src, `<p id="user">alice</p>`) {
		t.Errorf("Source after redirect: %s", src)
	}
}

func TestAcceptLanguage(t *testing.T) {
	srv := newServer(t)
	b := browsertest.New(t)
	for _, lang := range []string{"ar", "en"} {
		p := b.NewContext(t, lang)
		p.Navigate(t, srv.URL+"/whoami")
		if got := p.Text(t, "#lang"); got != lang {
			t.Errorf("server saw Accept-Language %q, want %q", got, lang)
		}
		if got := browsertest.Eval[string](t, p, `navigator.language`); got != lang {
			t.Errorf("navigator.language = %q, want %q", got, lang)
		}
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if strings.Join(srv.langs, ",") != "ar,en" {
		t.Errorf("Accept-Language headers seen: %q", srv.langs)
	}
}

// fakeTB records a Fatalf and ends the goroutine, like testing.T does.
type fakeTB struct {
	testing.TB
	msg string
}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func TestFailureMessage(t *testing.T) {
	srv := newServer(t)
	b := browsertest.New(t)
	p := b.NewContext(t, "en")
	p.Navigate(t, srv.URL+"/good")

	p.Timeout = 500 * time.Millisecond
	f := &fakeTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		p.Text(f, "#does-not-exist")
	}()
	<-done
	for _, want := range []string{"deadline exceeded", srv.URL + "/good", "ادعاءات تم التحقق منها"} {
		if !strings.Contains(f.msg, want) {
			t.Errorf("failure message lacks %q:\n%s", want, f.msg)
		}
	}
	t.Logf("failure message of Page.Text:\n%s", f.msg)
}

func TestParallelPages(t *testing.T) {
	srv := newServer(t)
	b := browsertest.New(t)
	for i := range 4 {
		t.Run(fmt.Sprint("user", i), func(t *testing.T) {
			t.Parallel()
			p := b.NewContext(t, "ar")
			name := fmt.Sprint("u", i)
			p.Navigate(t, srv.URL+"/set?v="+name)
			if got := p.Text(t, "#user"); got != name {
				t.Errorf("user = %q, want %q", got, name)
			}
		})
	}
}
