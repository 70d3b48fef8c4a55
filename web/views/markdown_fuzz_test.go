package views

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// FuzzMarkdown: whatever a reviewer writes as reasoning, the rendering
// parsed as a browser parses it has no script, style, iframe, object, embed,
// form or image element, no event-handler or style attribute, and links only
// to http(s) addresses.
func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{
		"Reuters put the loss at **$593 billion**. [Reuters](https://www.reuters.com/markets/)",
		"<script>alert(1)</script>", "[x](javascript:alert(1))", "[x](JAVASCRIPT:alert(1))", "[x]( javascript:alert(1) )",
		"![i](https://example.org/i.png)", "![i](javascript:alert(1))", "<https://example.org>", "<javascript:alert(1)>",
		"[x](data:text/html;base64,PHNjcmlwdD4=)", "[x][r]\n\n[r]: vbscript:msgbox(1)", "<img src=x onerror=alert(1)>",
		"# h1\n## h2\n", "`<script>`", "```\n<script>\n```", "[x](https://e.org/ \"t\\\" onmouseover=\\\"alert(1)\")",
		"<a href=\"javascript:alert(1)\">x</a>", "[x](&#106;avascript:alert(1))", "[x](java\nscript:alert(1))",
		"www.example.org", "<!-- x --><svg onload=alert(1)>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		out := MarkdownHTML(src)
		doc, err := html.Parse(strings.NewReader("<!doctype html><body>" + out))
		if err != nil {
			t.Fatal(err)
		}
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				switch n.Data {
				case "script", "style", "iframe", "object", "embed", "form", "img", "svg", "math", "base", "meta", "link", "frame", "input", "textarea", "button":
					t.Fatalf("Markdown %q renders a <%s>: %s", src, n.Data, out)
				}
				for _, a := range n.Attr {
					k := strings.ToLower(a.Key)
					if strings.HasPrefix(k, "on") || k == "style" || k == "src" || k == "srcdoc" {
						t.Fatalf("Markdown %q renders attribute %s=%q: %s", src, a.Key, a.Val, out)
					}
					if k == "href" {
						v := strings.ToLower(strings.TrimSpace(a.Val))
						if !strings.HasPrefix(v, "http://") && !strings.HasPrefix(v, "https://") {
							t.Fatalf("Markdown %q links to %q: %s", src, a.Val, out)
						}
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
	})
}
