package views

import (
	"context"
	"io"
	"strings"
	"time"

	"github.com/a-h/templ"
)

// jsonLD writes a <script type="application/ld+json"> data block. The bytes
// must be JSON with <, > and & escaped (export.ScriptJSON does it), so that
// nothing inside can end the element. Browsers never execute a data block,
// so the Content-Security-Policy's script-src does not apply to it.
func jsonLD(b []byte) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		_, err := io.WriteString(w, "<script type=\"application/ld+json\">\n"+string(b)+"\n</script>")
		return err
	})
}

// inlineStyle writes a <style> element, only for documents that no browser
// loads from the server (the PDF rendering), where no stylesheet URL could
// be fetched; css is the application's own stylesheet.
func inlineStyle(css string) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		_, err := io.WriteString(w, "<style>"+css+"</style>")
		return err
	})
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}

// reportText writes the article text of a report with its published claims
// highlighted and numbered. It is written in Go rather than in the template
// because the text is shown with white-space: pre-wrap, where the spaces a
// template puts between elements would show; every piece of text and every
// attribute is escaped.
func reportText(p Page, lang string, segs []ReportSegment) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		var b strings.Builder
		b.WriteString(`<div class="article-text report-text" lang="` + templ.EscapeString(lang) + `" dir="` + dirOf(lang) +
			`" data-testid="report-text">`)
		for _, s := range segs {
			for _, ref := range s.Starts {
				b.WriteString(`<span class="text-anchor" id="t-` + itoa(ref.ClaimID) + `"></span>`)
			}
			if s.Class == "" {
				b.WriteString(templ.EscapeString(s.Text))
			} else {
				b.WriteString(`<mark class="hl ` + templ.EscapeString(s.Class) + `" title="` + templ.EscapeString(s.Title) + `">` +
					templ.EscapeString(s.Text) + `</mark>`)
			}
			for _, ref := range s.Ends {
				b.WriteString(`<a class="hl-num" href="#claim-` + itoa(ref.ClaimID) + `" data-testid="hl-num">` +
					templ.EscapeString(p.L.Num(int64(ref.Number))) + `</a>`)
			}
		}
		b.WriteString(`</div>`)
		_, err := io.WriteString(w, b.String())
		return err
	})
}
