// Package browsertest drives a headless Chromium (through chromedp) from Go
// tests, and checks pages with axe-core (accessibility) and the Nu HTML
// Checker (vnu.jar).
//
// Typical use in a _test.go file:
//
//	b := browsertest.New(t)          // one Chromium for the test (and its subtests)
//	p := b.NewContext(t, "ar")       // a separate user: own cookies, Accept-Language: ar
//	p.Navigate(t, srv.URL+"/claims")
//	if got := p.Text(t, "h1"); got != "…" { t.Errorf(…) }
//	p.CheckAxe(t)                    // serious/critical axe-core violations → t.Errorf
//	p.CheckHTML(t)                   // Nu HTML Checker errors → t.Errorf (one JVM start, ~1-2 s)
//
// To validate many pages, collect them in one HTMLChecker and run vnu once:
//
//	hc := browsertest.NewHTMLChecker(t)
//	hc.Add("home ar", p.Source(t))
//	…
//	hc.Check(t)
//
// Without Chromium, axe-core or vnu.jar the tests skip, unless the environment
// variable CI is set: then they fail. Install the tools with .ci/run, or:
// apt-get install chromium fonts-noto-core default-jre-headless, and
// npm ci --prefix .ci.
package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Default sizes and timeouts.
const (
	DefaultWidth   = 1280
	DefaultHeight  = 900
	DefaultTimeout = 30 * time.Second
)

// Browser is one headless Chromium process; use NewContext for separate users
// (separate cookie jars). It is safe to call NewContext from parallel
// subtests; each Page must be used by one goroutine at a time.
type Browser struct {
	Ctx       context.Context // the browser's first tab; Pages are children of it
	ExecPath  string
	UserAgent string

	output *syncBuffer // stdout+stderr of Chromium, for diagnostics
	closed atomic.Bool

	axeOnce sync.Once
	axeJS   string
	axeErr  error
}

// New starts a headless Chromium and closes it in t.Cleanup. It skips the test
// when Chromium is not found, unless CI is set (then it fails). See FindChrome.
// Start one per test (about 0.3 s) or share one between subtests.
//
// Under go test -short it always skips (make test-short runs no browser).
func New(t testing.TB) *Browser {
	t.Helper()
	if testing.Short() {
		t.Skip("browsertest: browser tests do not run with -short")
	}
	execPath := FindChrome(t)
	userDataDir := t.TempDir() // registered before the browser cleanup, so removed after it

	b := &Browser{ExecPath: execPath, output: &syncBuffer{}}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(execPath),
		chromedp.UserDataDir(userDataDir),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(DefaultWidth, DefaultHeight),
		chromedp.CombinedOutput(b.output),
	)
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), opts...)
	logf := func(format string, args ...any) {
		if !b.closed.Load() {
			t.Logf("chromedp: "+format, args...)
		}
	}
	ctx, cancel := chromedp.NewContext(allocCtx, chromedp.WithErrorf(logf))
	b.Ctx = ctx
	t.Cleanup(func() {
		b.closed.Store(true)
		cancel()
		allocCancel()
	})

	// The first Do starts the browser; it must use a context without a
	// timeout, because the browser lives as long as that context.
	start := make(chan error, 1)
	go func() { start <- chromedp.Do(ctx) }()
	select {
	case err := <-start:
		if err != nil {
			t.Fatalf("browsertest: starting %s: %v\nbrowser output:\n%s", execPath, err, b.output.Tail(4000))
		}
	case <-time.After(DefaultTimeout):
		t.Fatalf("browsertest: %s did not start within %v\nbrowser output:\n%s", execPath, DefaultTimeout, b.output.Tail(4000))
	}
	v, err := chromedp.CallBrowser(ctx, browser.GetVersion, cdp.Empty{})
	if err != nil {
		t.Fatalf("browsertest: Browser.getVersion: %v", err)
	}
	b.UserAgent = v.UserAgent
	return b
}

// Page is one tab in its own browser context (an incognito-like profile with
// its own cookies, storage and cache).
type Page struct {
	Ctx     context.Context // chromedp context of the tab; use it with chromedp.Do / chromedp.Run directly if needed
	Browser *Browser
	Lang    string
	Timeout time.Duration // per Run; DefaultTimeout unless changed

	mu        sync.Mutex
	documents map[cdp.FrameID]network.RequestID // last document response per frame
}

// NewContext opens a tab in a new browser context (separate cookie jar) with
// Accept-Language (and navigator.language) set to lang, e.g. "ar" or "en"
// (any Accept-Language value works, e.g. "ar,en;q=0.8"; "" keeps Chromium's
// default), and a 1280x900 viewport. The tab closes in t.Cleanup.
func (b *Browser) NewContext(t testing.TB, lang string) *Page {
	t.Helper()
	p := &Page{Browser: b, Lang: lang, Timeout: DefaultTimeout, documents: map[cdp.FrameID]network.RequestID{}}
	ctx, cancel := chromedp.NewContext(b.Ctx,
		chromedp.WithNewBrowserContext(),
		chromedp.WithListener(p.listen),
	)
	p.Ctx = ctx
	t.Cleanup(cancel)

	// First Do attaches the tab, without a timeout (see chromedp docs/API.md #21).
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("browsertest: opening a tab: %v\nbrowser output:\n%s", err, b.output.Tail(4000))
	}
	setup := []chromedp.Action[chromedp.Void]{
		chromedp.EmulateViewport(DefaultWidth, DefaultHeight),
	}
	if lang != "" {
		setup = append(setup, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{
				UserAgent:      b.UserAgent,
				AcceptLanguage: lang,
			})
			return err
		}))
	}
	p.Run(t, setup...)
	return p
}

// listen runs in the tab's event loop: it must return fast and run no command.
func (p *Page) listen(ev any) {
	if e, ok := ev.(*network.EventResponseReceived); ok && e.Type == network.ResourceTypeDocument {
		p.mu.Lock()
		p.documents[e.FrameID] = e.RequestID
		p.mu.Unlock()
	}
}

// Run runs the actions in order with the page's timeout (30 s by default); on
// error it fails the test with the page URL and the start of the body text.
func (p *Page) Run(t testing.TB, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.Ctx, p.timeout())
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		p.fail(t, err)
	}
}

// Get runs one action that returns a value, with the page's timeout, and
// fails the test on error (like Page.Run). Go has no generic methods, hence a
// function: title := browsertest.Get(t, p, chromedp.Title()).
func Get[T any](t testing.TB, p *Page, action chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.Ctx, p.timeout())
	defer cancel()
	v, err := chromedp.Run(ctx, action)
	if err != nil {
		p.fail(t, err)
	}
	return v
}

// Eval evaluates a JavaScript expression in the page and decodes its value
// into T. Promises are awaited.
func Eval[T any](t testing.TB, p *Page, js string) T {
	t.Helper()
	return Get(t, p, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
}

func (p *Page) timeout() time.Duration {
	if p.Timeout > 0 {
		return p.Timeout
	}
	return DefaultTimeout
}

// fail reports err with the page URL and a snippet of the body text.
func (p *Page) fail(t testing.TB, err error) {
	t.Helper()
	t.Fatalf("browsertest: %v\n%s", err, p.describe())
}

// describe returns the URL and the first 600 characters of the body text,
// read with a short timeout of its own.
func (p *Page) describe() string {
	ctx, cancel := context.WithTimeout(p.Ctx, 5*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`JSON.stringify({url: location.href, text: document.body ? document.body.innerText.slice(0, 600) : "(no body)"})`))
	if err != nil {
		return fmt.Sprintf("page: (could not read the URL and body text: %v)", err)
	}
	var d struct{ URL, Text string }
	_ = json.Unmarshal([]byte(s), &d)
	return fmt.Sprintf("page URL: %s\nbody text: %q", d.URL, d.Text)
}

// Navigate loads url and waits for the load event. It fails the test when the
// page cannot load (network error), not on an HTTP error status: see
// NavigateStatus.
func (p *Page) Navigate(t testing.TB, url string) {
	t.Helper()
	p.Run(t, chromedp.Navigate(url))
}

// NavigateStatus loads url like Navigate and returns the HTTP status code.
func (p *Page) NavigateStatus(t testing.TB, url string) int {
	t.Helper()
	resp := Get(t, p, chromedp.NavigateResponse(url))
	if resp == nil {
		return 0
	}
	return int(resp.Status)
}

// Text returns the visible text (innerText) of the first element matching the
// CSS selector, waiting for it to be present (up to the page timeout).
func (p *Page) Text(t testing.TB, sel string) string {
	t.Helper()
	return Get(t, p, chromedp.Text(chromedp.CSS(sel)))
}

// HTML returns the current DOM serialized as HTML, with its doctype. This is
// the DOM after parsing and scripts, not the bytes the server sent: see Source.
func (p *Page) HTML(t testing.TB) string {
	t.Helper()
	return Get(t, p, chromedp.Evaluate[string](
		`(document.doctype ? new XMLSerializer().serializeToString(document.doctype) + "\n" : "") + document.documentElement.outerHTML`))
}

// Source returns the body of the HTTP response of the current top-level
// document, byte for byte as the server sent it (after redirects). Use it to
// validate server-rendered HTML: the DOM (HTML) hides parse errors such as
// unclosed elements, because the parser repairs them.
func (p *Page) Source(t testing.TB) string {
	t.Helper()
	s, err := p.source()
	if err != nil {
		p.fail(t, fmt.Errorf("reading the response body of the document: %w", err))
	}
	return s
}

func (p *Page) source() (string, error) {
	ctx, cancel := context.WithTimeout(p.Ctx, p.timeout())
	defer cancel()
	tree, err := chromedp.Call(ctx, page.GetFrameTree, cdp.Empty{})
	if err != nil {
		return "", err
	}
	if tree.FrameTree == nil || tree.FrameTree.Frame == nil {
		return "", errors.New("no main frame")
	}
	p.mu.Lock()
	id, ok := p.documents[tree.FrameTree.Frame.ID]
	p.mu.Unlock()
	if !ok {
		return "", fmt.Errorf("no HTTP response recorded for the document at %s", tree.FrameTree.Frame.URL)
	}
	body, err := chromedp.Call(ctx, network.GetResponseBody, network.GetResponseBodyParams{RequestID: id})
	if err != nil {
		return "", err
	}
	return string(body.Body), nil
}

// URL returns the current location of the page.
func (p *Page) URL(t testing.TB) string {
	t.Helper()
	return Get(t, p, chromedp.Location())
}

// SetViewport changes the viewport size (device scale factor 1).
func (p *Page) SetViewport(t testing.TB, w, h int) {
	t.Helper()
	p.Run(t, chromedp.EmulateViewport(int64(w), int64(h)))
}

// Screenshot saves a PNG of the viewport to path (directories are created).
// It uses Page.captureScreenshot, not FullScreenshot, which cuts ~90 px off
// the right of dir="rtl" pages.
func (p *Page) Screenshot(t testing.TB, path string) {
	t.Helper()
	buf := Get(t, p, chromedp.CaptureScreenshot())
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Fatalf("browsertest: %v", err)
	}
}

// syncBuffer is a goroutine-safe bytes.Buffer that keeps the browser output.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *syncBuffer) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.buf.Len() > 1<<20 { // keep at most ~1 MiB
		s.buf.Reset()
	}
	return s.buf.Write(b)
}

// Tail returns the last n bytes of the output.
func (s *syncBuffer) Tail(n int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	b := s.buf.Bytes()
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return strings.TrimSpace(string(b))
}

func contextWithTimeout(p *Page) (context.Context, context.CancelFunc) {
	return context.WithTimeout(p.Ctx, 5*time.Second)
}
