package web

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// FindChromium returns the Chromium (or Chrome) binary to render PDFs
// with: path when given (an error if it is not an executable), else the
// first of chromium, chromium-browser, google-chrome, google-chrome-stable
// on PATH, else "" (PDFs are then unavailable, and the report page says how
// to enable them).
func FindChromium(path string) (string, error) {
	if path != "" {
		p, err := exec.LookPath(path)
		if err != nil {
			return "", err
		}
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", nil
}

// pdfRenderer prints HTML documents to PDF with headless Chromium: one
// short-lived browser per document, at most two at a time.
type pdfRenderer struct {
	exec    string
	slots   chan struct{}
	timeout time.Duration
}

func newPDFRenderer(execPath string) *pdfRenderer {
	if execPath == "" {
		return nil
	}
	return &pdfRenderer{exec: execPath, slots: make(chan struct{}, 2), timeout: 60 * time.Second}
}

// A4 in inches, as the DevTools protocol wants it.
const a4Width, a4Height = 8.27, 11.69

// render prints html, a complete document that needs nothing from the
// network (its stylesheet inline), on A4 with its backgrounds (the verdict
// colours). The page's own @page rule sets the margins.
func (r *pdfRenderer) render(ctx context.Context, html string) ([]byte, error) {
	select {
	case r.slots <- struct{}{}:
		defer func() { <-r.slots }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	dir, err := os.MkdirTemp("", "factdesk-pdf-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(r.exec),
		chromedp.UserDataDir(dir),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	// Failures come back as errors; chromedp's own chatter about the
	// protocol would only fill the server's log.
	bctx, cancelBrowser := chromedp.NewContext(allocCtx, chromedp.WithErrorf(func(string, ...any) {}))
	defer cancelBrowser()
	var pdf []byte
	err = chromedp.Do(bctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		tree, err := cdp.Call(ctx, t, page.GetFrameTree, cdp.Empty{})
		if err != nil {
			return err
		}
		if tree.FrameTree == nil || tree.FrameTree.Frame == nil {
			return errors.New("pdf: the browser has no page")
		}
		if _, err := cdp.Call(ctx, t, page.SetDocumentContent, page.SetDocumentContentParams{FrameID: tree.FrameTree.Frame.ID, HTML: html}); err != nil {
			return err
		}
		return nil
	}), chromedp.Evaluate[chromedp.Void]("document.fonts.ready.then(() => undefined)", chromedp.EvalAwaitPromise),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			res, err := cdp.Call(ctx, t, page.PrintToPDF, page.PrintToPDFParams{PrintBackground: new(true), PreferCSSPageSize: new(true),
				PaperWidth: a4Width, PaperHeight: a4Height, GenerateDocumentOutline: new(true)})
			if err != nil {
				return err
			}
			pdf = res.Data
			return nil
		}))
	if err != nil {
		return nil, err
	}
	if len(pdf) < 5 || string(pdf[:5]) != "%PDF-" {
		return nil, errors.New("pdf: the browser did not return a PDF")
	}
	return pdf, nil
}
