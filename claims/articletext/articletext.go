package articletext

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// MaxArticleBytes bounds an uploaded article. News articles are a few tens of
// kilobytes; 2 MB leaves room for long reports and saved web pages while
// keeping one upload from tying up memory and the HTML parser.
const MaxArticleBytes = 2 << 20 // 2 MB

var (
	// ErrTooLarge: the upload is over MaxArticleBytes.
	ErrTooLarge = errors.New("article is larger than 2 MB")
	// ErrNotText: the upload is binary, or not UTF-8 (legacy encodings such
	// as windows-1256 are refused rather than guessed at: a wrong guess would
	// freeze garbled text into the immutable snapshot).
	ErrNotText = errors.New("file is not UTF-8 text")
	// ErrEmptyText: the upload has no readable text once converted.
	ErrEmptyText = errors.New("article has no text")
)

// Format is the kind of article upload.
type Format string

// The upload formats an article can come in.
const (
	FormatText     Format = "txt"
	FormatMarkdown Format = "md"
	FormatHTML     Format = "html"
)

// FormatFromName maps a file name's extension (case-insensitive) to a Format.
// ok is false for anything else, so the caller can refuse unknown files
// before reading them.
func FormatFromName(filename string) (Format, bool) {
	switch strings.ToLower(filepath.Ext(filename)) {
	case ".txt", ".text":
		return FormatText, true
	case ".md", ".markdown":
		return FormatMarkdown, true
	case ".html", ".htm":
		return FormatHTML, true
	}
	return "", false
}

// TextFromUpload reads an uploaded article and returns its text: plain text
// and Markdown as written (Markdown markup is part of what the outlet
// published, and claims are anchored in that text), HTML reduced by
// ReadableText. The result is not yet normalised: pass it through
// NormalizeArticleText to get the snapshot.
//
// It reads at most MaxArticleBytes+1 bytes, so an oversized upload is refused
// with ErrTooLarge without reading it all. Binary or non-UTF-8 content is
// refused with ErrNotText; blank content with ErrEmptyText.
func TextFromUpload(r io.Reader, f Format) (string, error) {
	text, _, err := UploadText(r, f)
	return text, err
}

// UploadText is TextFromUpload that also returns what an HTML page says
// about itself (title, outlet, author, date, address), read in the same
// parse; the hints are empty for other formats.
func UploadText(r io.Reader, f Format) (string, HTMLHints, error) {
	switch f {
	case FormatText, FormatMarkdown, FormatHTML:
	default:
		return "", HTMLHints{}, fmt.Errorf("unknown article format %q", f)
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxArticleBytes+1))
	if err != nil {
		return "", HTMLHints{}, fmt.Errorf("reading article: %w", err)
	}
	if len(data) > MaxArticleBytes {
		return "", HTMLHints{}, ErrTooLarge
	}
	if err := checkText(data); err != nil {
		return "", HTMLHints{}, err
	}
	text := string(data)
	var hints HTMLHints
	if f == FormatHTML {
		text, hints, err = ReadableText(bytes.NewReader(data))
		if err != nil {
			return "", HTMLHints{}, err
		}
	}
	if strings.TrimSpace(strings.TrimPrefix(text, "\uFEFF")) == "" {
		return "", HTMLHints{}, ErrEmptyText
	}
	return text, hints, nil
}

// checkText refuses content that is not UTF-8 text. The sniffer only looks at
// the first 512 bytes, so NUL and other binary control bytes are also checked
// over the whole file: a text header glued onto binary data must not end up
// in the snapshot.
func checkText(data []byte) error {
	if !utf8.Valid(data) {
		return fmt.Errorf("%w: invalid UTF-8", ErrNotText)
	}
	for _, b := range data {
		if isBinaryByte(b) {
			return fmt.Errorf("%w: contains control byte 0x%02x", ErrNotText, b)
		}
	}
	if ct := http.DetectContentType(data); !strings.HasPrefix(ct, "text/") {
		return fmt.Errorf("%w: looks like %s", ErrNotText, ct)
	}
	return nil
}

// isBinaryByte matches the bytes net/http's sniffer treats as binary data
// (C0 controls other than tab, LF, FF, CR and ESC).
func isBinaryByte(b byte) bool {
	return b <= 0x08 || b == 0x0B || (0x0E <= b && b <= 0x1A) || (0x1C <= b && b <= 0x1F)
}

// HTMLHints are metadata found in an HTML page, offered to the reviewer to
// pre-fill the article form. Empty when absent; never trusted blindly.
type HTMLHints struct {
	Title     string // <title>, else the first <h1>
	Author    string // <meta name="author">
	Published string // <meta property="article:published_time">, as written
	URL       string // <meta property="og:url">, else <link rel="canonical">
	Lang      string // <html lang>
}

// ReadableText reduces an HTML page to the text a reader of the article sees:
// block elements (p, h1–h6, li, blockquote, pre, div, br, tr, ...) become
// paragraphs separated by a blank line, inline text is joined with single
// spaces, and entities are decoded. Page furniture is dropped: script, style,
// noscript, template, nav, header, footer, aside, form, button, iframe, svg,
// and anything hidden (hidden attribute, aria-hidden="true", display:none,
// navigation/banner/contentinfo/complementary roles). When the page has an
// <article> (else a <main>), only its text is kept.
//
// A <header> inside the article or main is kept: that is where news pages put
// the headline, and headlines carry claims ("900 مليار دولار خسائر يوم واحد").
// Only page-level headers (the site banner) are dropped.
//
// The text returned is already normalised (NormalizeArticleText).
func ReadableText(doc io.Reader) (string, HTMLHints, error) {
	root, err := html.Parse(doc)
	if err != nil {
		return "", HTMLHints{}, fmt.Errorf("parsing html: %w", err)
	}
	hints := findHints(root)

	// Prefer the largest <article>, then the largest <main>: pages often
	// carry small <article> teaser cards beside the story, and the story
	// holds the most text.
	var articles, mains []*html.Node
	collectContainers(root, &articles, &mains)
	text := ""
	for _, cands := range [][]*html.Node{articles, mains} {
		for _, n := range cands {
			if t := extractText(n); len(t) > len(text) {
				text = t
			}
		}
		if text != "" {
			break
		}
	}
	if text == "" {
		text = extractText(root)
	}
	return text, hints, nil
}

// collectContainers finds the <article> and <main> elements that are not
// inside dropped furniture (an <article> inside an <aside> is a "related
// stories" card, not the story). It does not look inside an <article> (nor a
// <main> inside a <main>): the outer one holds all the inner one's text and
// so wins anyway, and skipping them keeps deeply nested pages linear.
func collectContainers(n *html.Node, articles, mains *[]*html.Node) {
	if n.Type == html.ElementNode {
		if dropped(n) {
			return
		}
		switch n.DataAtom {
		case atom.Article:
			*articles = append(*articles, n)
			return
		case atom.Main:
			if !inMain(n) {
				*mains = append(*mains, n)
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		collectContainers(c, articles, mains)
	}
}

func inMain(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.DataAtom == atom.Main {
			return true
		}
	}
	return false
}

// droppedElements never hold the article's own text.
var droppedElements = map[atom.Atom]bool{
	atom.Head: true, atom.Script: true, atom.Style: true, atom.Noscript: true,
	atom.Template: true, atom.Nav: true, atom.Footer: true, atom.Aside: true,
	atom.Form: true, atom.Button: true, atom.Iframe: true, atom.Svg: true,
	atom.Select: true, atom.Textarea: true, atom.Input: true, atom.Object: true,
	atom.Embed: true, atom.Canvas: true, atom.Audio: true, atom.Video: true,
	atom.Dialog: true, atom.Title: true, atom.Math: true,
}

// blockElements end the current paragraph before and after their content.
var blockElements = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Blockquote: true, atom.Body: true,
	atom.Caption: true, atom.Center: true, atom.Dd: true, atom.Details: true,
	atom.Dir: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Header: true, atom.Hgroup: true, atom.Hr: true,
	atom.Html: true, atom.Legend: true, atom.Li: true, atom.Main: true,
	atom.Menu: true, atom.Ol: true, atom.P: true, atom.Pre: true,
	atom.Section: true, atom.Summary: true, atom.Table: true, atom.Tbody: true,
	atom.Tfoot: true, atom.Thead: true, atom.Tr: true, atom.Ul: true,
	atom.Br: true,
}

// dropped reports whether an element and its content are left out of the
// readable text.
func dropped(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if n.Namespace == "svg" || n.Namespace == "math" || droppedElements[n.DataAtom] {
		return true
	}
	if n.DataAtom == atom.Header && !inContent(n) {
		return true
	}
	for _, a := range n.Attr {
		v := strings.ToLower(strings.TrimSpace(a.Val))
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if v == "true" {
				return true
			}
		case "role":
			// The ARIA landmarks equivalent to nav, header, footer and aside.
			switch v {
			case "navigation", "banner", "contentinfo", "complementary", "search":
				return true
			}
		case "style":
			s := strings.ReplaceAll(v, " ", "")
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// inContent reports whether n sits inside an <article> or <main>: a header
// there is the story's own header (headline, standfirst), not the site's.
func inContent(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && (p.DataAtom == atom.Article || p.DataAtom == atom.Main) {
			return true
		}
	}
	return false
}

// textBuilder accumulates paragraphs, collapsing whitespace the way a
// browser does for inline text.
type textBuilder struct {
	paras        []string
	cur          strings.Builder
	pendingSpace bool
}

func (b *textBuilder) text(s string) {
	for _, r := range s {
		if unicode.IsSpace(r) {
			b.pendingSpace = true
			continue
		}
		if b.pendingSpace && b.cur.Len() > 0 {
			b.cur.WriteByte(' ')
		}
		b.pendingSpace = false
		b.cur.WriteRune(r)
	}
}

func (b *textBuilder) space() { b.pendingSpace = true }

func (b *textBuilder) breakPara() {
	if b.cur.Len() > 0 {
		b.paras = append(b.paras, b.cur.String())
		b.cur.Reset()
	}
	b.pendingSpace = false
}

func (b *textBuilder) addPara(s string) {
	b.breakPara()
	if s != "" {
		b.paras = append(b.paras, s)
	}
}

// extractText returns the readable text under n, normalised.
func extractText(n *html.Node) string {
	var b textBuilder
	walkText(n, &b)
	b.breakPara()
	return NormalizeArticleText(strings.Join(b.paras, "\n\n"))
}

func walkText(n *html.Node, b *textBuilder) {
	switch n.Type {
	case html.TextNode:
		b.text(n.Data)
		return
	case html.ElementNode:
		if dropped(n) {
			return
		}
		switch n.DataAtom {
		case atom.Pre:
			// Preformatted text keeps its line breaks: it is code, a
			// table of figures, or a poem, and its lines matter.
			var raw strings.Builder
			preText(n, &raw)
			b.addPara(NormalizeArticleText(raw.String()))
			return
		case atom.Td, atom.Th, atom.Img, atom.Wbr:
			// Table cells sit side by side: keep their words apart.
			b.space()
		}
	case html.DocumentNode:
	default:
		return // comments, doctype
	}
	block := n.Type == html.ElementNode && blockElements[n.DataAtom]
	if block {
		b.breakPara()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkText(c, b)
	}
	if block {
		b.breakPara()
	}
	if n.Type == html.ElementNode && (n.DataAtom == atom.Td || n.DataAtom == atom.Th) {
		b.space()
	}
}

// preText collects the raw text of a <pre>, with <br> as a line break.
func preText(n *html.Node, w *strings.Builder) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			w.WriteString(c.Data)
		case c.Type == html.ElementNode && c.DataAtom == atom.Br:
			w.WriteByte('\n')
		case c.Type == html.ElementNode && !dropped(c):
			preText(c, w)
		}
	}
}

// findHints collects the page metadata in one pass over the document.
func findHints(root *html.Node) HTMLHints {
	var h HTMLHints
	var title, h1, canonical string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				if h.Lang == "" {
					h.Lang = strings.TrimSpace(attr(n, "lang"))
				}
			case atom.Title:
				if title == "" && n.Namespace == "" {
					title = collapsedText(n)
				}
			case atom.H1:
				if h1 == "" {
					h1 = collapsedText(n)
				}
			case atom.Link:
				if canonical == "" && hasToken(attr(n, "rel"), "canonical") {
					canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Meta:
				// Open Graph uses property=, others name=; accept either.
				key := strings.ToLower(strings.TrimSpace(attr(n, "property")))
				if key == "" {
					key = strings.ToLower(strings.TrimSpace(attr(n, "name")))
				}
				content := strings.TrimSpace(attr(n, "content"))
				switch key {
				case "author":
					setOnce(&h.Author, content)
				case "article:published_time":
					setOnce(&h.Published, content)
				case "og:url":
					setOnce(&h.URL, content)
				}
			case atom.Script, atom.Style, atom.Template:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	h.Title = title
	if h.Title == "" {
		h.Title = h1
	}
	if h.URL == "" {
		h.URL = canonical
	}
	return h
}

func setOnce(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// collapsedText is the text under n on one line, whitespace collapsed.
func collapsedText(n *html.Node) string {
	var w strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			w.WriteString(n.Data)
			w.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.DataAtom == atom.Script || c.DataAtom == atom.Style) {
				continue
			}
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(w.String()), " ")
}

// NormalizeArticleText produces the immutable snapshot of an article's text:
// line endings become LF, byte-order marks go, trailing spaces on each line
// go, three or more line breaks collapse to one blank line, and the whole is
// trimmed. Claim anchors' offsets are counted in this text, so the function
// must never change once snapshots exist; it is idempotent.
//
// It does not apply Unicode NFC (the standard library has no tables for it):
// text is kept as the outlet wrote it, and quote matching (AnchorQuote)
// tolerates the variants that matter instead.
func NormalizeArticleText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	// U+FEFF is only ever an encoding artefact (its zero-width-no-break
	// role is deprecated); drop it anywhere, e.g. where files were glued.
	s = strings.ReplaceAll(s, "\uFEFF", "")
	var b strings.Builder
	b.Grow(len(s))
	blank := 0
	for line := range strings.SplitSeq(s, "\n") {
		line = strings.TrimRightFunc(line, unicode.IsSpace)
		if line == "" {
			blank++
			continue
		}
		if b.Len() > 0 {
			if blank > 0 {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		blank = 0
		b.WriteString(line)
	}
	return strings.TrimSpace(b.String())
}

// TextHash is the hex SHA-256 of a normalised text: two uploads of the same
// article hash the same, so the desk can say it has seen the text before.
func TextHash(normalised string) string {
	sum := sha256.Sum256([]byte(normalised))
	return hex.EncodeToString(sum[:])
}

// DetectLanguage returns "ar" when Arabic letters are at least 30% of the
// letters in s, else "en". The threshold is low because Arabic news is full
// of Latin names, tickers and URLs and is still Arabic.
func DetectLanguage(s string) string {
	letters, arabic := 0, 0
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if isArabicScript(r) {
			arabic++
		}
	}
	if letters > 0 && arabic*10 >= letters*3 {
		return "ar"
	}
	return "en"
}

// isArabicScript covers the Arabic blocks: Arabic, Supplement, Extended-A and
// both presentation-form blocks.
func isArabicScript(r rune) bool {
	return (r >= 0x0600 && r <= 0x06FF) || (r >= 0x0750 && r <= 0x077F) ||
		(r >= 0x08A0 && r <= 0x08FF) || (r >= 0xFB50 && r <= 0xFDFF) ||
		(r >= 0xFE70 && r <= 0xFEFF)
}
