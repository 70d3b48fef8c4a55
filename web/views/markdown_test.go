package views_test

import (
	"strings"
	"testing"

	"github.com/factdesk/factdesk/web/views"
)

func TestMarkdownSanitises(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // substrings of the output
		notWant   []string
	}{
		{"formatting", "Reuters: **$593 billion**.\n\n- one\n- two", []string{"<strong>$593 billion</strong>", "<li>one</li>"}, nil},
		{"script block", "<script>alert(1)</script>\n\ntext", []string{"text"}, []string{"<script", "alert(1)</script>"}},
		{"inline script", "before <script>alert(1)</script> after", []string{"before", "after"}, []string{"<script"}},
		{"img onerror", `<img src=x onerror="alert(1)">`, nil, []string{"<img", "onerror"}},
		{"markdown image", "![chart](https://example.org/c.png) and ![x](javascript:alert(1))",
			[]string{`<a href="https://example.org/c.png" rel="nofollow noopener noreferrer">chart</a>`, "x"}, []string{"<img", "javascript:"}},
		{"javascript link", "[click](javascript:alert(1))", []string{"click"}, []string{"<a", "javascript:"}},
		{"encoded javascript link", "[click](jav&#x61;script:alert(1))", []string{"click"}, []string{"<a", "script:alert"}},
		{"upper-case scheme", "[click](JAVASCRIPT:alert(1))", []string{"click"}, []string{"<a"}},
		{"data link", "[d](data:text/html;base64,PHNjcmlwdD4=)", []string{"d"}, []string{"<a", "data:"}},
		{"relative link", "[home](/admin/users)", []string{"home"}, []string{"<a"}},
		{"http link", "[Reuters](https://www.reuters.com/x \"t\")", []string{`<a href="https://www.reuters.com/x" title="t" rel="nofollow noopener noreferrer">Reuters</a>`}, nil},
		{"autolink", "<https://example.org/a> and <mailto:a@b.c>", []string{`href="https://example.org/a"`, "mailto:a@b.c"}, []string{`href="mailto`}},
		{"attribute injection", `[x](https://e.org/"onmouseover="alert(1))`, nil, []string{`" onmouseover`, `"onmouseover="`}},
		{"headings go below the page's", "# Title\n\n## Sub", []string{"<h3>Title</h3>", "<h4>Sub</h4>"}, []string{"<h1", "<h2"}},
		{"arabic", "خسرت إنفيديا **593 مليار دولار**", []string{"<strong>593 مليار دولار</strong>"}, nil},
	}
	for _, tt := range tests {
		got := views.MarkdownHTML(tt.src)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", tt.name, got, w)
			}
		}
		for _, nw := range tt.notWant {
			if strings.Contains(got, nw) {
				t.Errorf("%s: %q contains %q", tt.name, got, nw)
			}
		}
	}
}
