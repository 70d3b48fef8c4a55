package views

import (
	"bytes"
	"context"
	"io"
	"net/url"
	"strings"

	"github.com/a-h/templ"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// md renders the reasoning of verdicts. It is goldmark's CommonMark without
// the "unsafe" option, so raw HTML never passes (it becomes an HTML comment),
// plus a transformer that keeps only http(s) links, turns images into links
// (the page loads nothing from elsewhere) and moves headings below the
// page's own.
var md = goldmark.New(goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(safeLinks{}, 100))))

// MarkdownHTML renders Markdown to sanitised HTML.
func MarkdownHTML(src string) string {
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf); err != nil {
		// goldmark only fails on a failing writer; a bytes.Buffer never does.
		return ""
	}
	return buf.String()
}

// Markdown is a component that writes the sanitised rendering of src.
func Markdown(src string) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		_, err := io.WriteString(w, MarkdownHTML(src))
		return err
	})
}

func httpURL(dest []byte) bool {
	u, err := url.Parse(strings.TrimSpace(string(dest)))
	if err != nil || u.Host == "" {
		return false
	}
	s := strings.ToLower(u.Scheme)
	return s == "http" || s == "https"
}

type safeLinks struct{}

func (safeLinks) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	source := reader.Source()
	var unwrap, images []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch v := n.(type) {
		case *ast.Heading:
			v.Level = min(v.Level+2, 6)
		case *ast.Link:
			if httpURL(v.Destination) {
				v.SetAttributeString("rel", []byte("nofollow noopener noreferrer"))
			} else {
				unwrap = append(unwrap, v)
			}
		case *ast.AutoLink:
			if v.AutoLinkType == ast.AutoLinkURL && httpURL(v.URL(source)) {
				v.SetAttributeString("rel", []byte("nofollow noopener noreferrer"))
			} else {
				unwrap = append(unwrap, v)
			}
		case *ast.Image:
			images = append(images, v)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, n := range images {
		img := n.(*ast.Image)
		if httpURL(img.Destination) {
			link := ast.NewLink()
			link.Destination = img.Destination
			link.SetAttributeString("rel", []byte("nofollow noopener noreferrer"))
			moveChildren(img, link)
			img.Parent().ReplaceChild(img.Parent(), img, link)
		} else {
			unwrap = append(unwrap, img)
		}
	}
	for _, n := range unwrap {
		parent := n.Parent()
		if parent == nil {
			continue
		}
		if al, ok := n.(*ast.AutoLink); ok {
			// The address stays, as plain text.
			parent.ReplaceChild(parent, n, ast.NewString(al.URL(source)))
			continue
		}
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
}

func moveChildren(from, to ast.Node) {
	for c := from.FirstChild(); c != nil; {
		next := c.NextSibling()
		to.AppendChild(to, c)
		c = next
	}
}
