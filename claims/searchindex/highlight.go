package searchindex

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/factdesk/factdesk/claims/fold"
)

// Segment is a piece of a snippet; Mark is set on the words that matched.
// Segments are plain text, for the templates to escape like any other.
type Segment struct {
	Text string
	Mark bool
}

// Highlight marks the words of text that match the query words, the same
// way the ranking matches them (folded, by stem, by part or start of a word,
// or as the same name), on the text as written. With maxRunes > 0 a long
// text is cut to about that many characters around its first match, at
// spaces, with "…" where it was cut.
func Highlight(text string, terms []Term, maxRunes int) []Segment {
	toks := fold.Tokens(text)
	var marks [][2]int
	for _, tk := range toks {
		stem := fold.Stem(tk.Text)
		name := ""
		for _, t := range terms {
			if wordMatch(tk.Text, stem, t, &name) > 0 {
				marks = append(marks, [2]int{tk.Start, tk.End})
				break
			}
		}
	}
	start, end := 0, len(text)
	if maxRunes > 0 && utf8.RuneCountInString(text) > maxRunes {
		focus := 0
		if len(marks) > 0 {
			focus = marks[0][0]
		}
		start = backRunes(text, focus, maxRunes/4)
		end = forwardRunes(text, start, maxRunes)
		start, end = snapStart(text, start), snapEnd(text, end)
	}
	var out []Segment
	if start > 0 {
		out = append(out, Segment{Text: "…"})
	}
	pos := start
	for _, m := range marks {
		if m[1] <= start || m[0] >= end {
			continue
		}
		s, e := max(m[0], start), min(m[1], end)
		if s > pos {
			out = appendPlain(out, text[pos:s])
		}
		out = append(out, Segment{Text: text[s:e], Mark: true})
		pos = e
	}
	if pos < end {
		out = appendPlain(out, text[pos:end])
	}
	if end < len(text) {
		out = appendPlain(out, "…")
	}
	return out
}

func appendPlain(out []Segment, s string) []Segment {
	if n := len(out); n > 0 && !out[n-1].Mark {
		out[n-1].Text += s
		return out
	}
	return append(out, Segment{Text: s})
}

func backRunes(s string, at, n int) int {
	for ; n > 0 && at > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:at])
		at -= size
	}
	return at
}

func forwardRunes(s string, at, n int) int {
	for ; n > 0 && at < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[at:])
		at += size
	}
	return at
}

// snapStart moves a cut forward to the start of a word (never past 20
// characters), so a snippet does not open on half a word.
func snapStart(s string, at int) int {
	if at == 0 {
		return 0
	}
	limit := forwardRunes(s, at, 20)
	if i := strings.IndexFunc(s[at:limit], unicode.IsSpace); i >= 0 {
		return at + i + 1
	}
	return at
}

// snapEnd moves a cut back to the end of a word (at most 20 characters).
func snapEnd(s string, at int) int {
	if at >= len(s) {
		return len(s)
	}
	limit := backRunes(s, at, 20)
	if i := strings.LastIndexFunc(s[limit:at], unicode.IsSpace); i >= 0 {
		return limit + i
	}
	return at
}
