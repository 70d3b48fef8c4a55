package fold

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is one word of a text in its folded form, with the byte offsets of
// the original text it was read from, so that a match found on folded text
// can be marked in the text as written.
type Token struct {
	Text       string // folded (see String)
	Start, End int    // byte offsets in the original text
}

// MaxTokenRunes bounds a word: anything longer (a run of letters without a
// space, a pasted hash) is cut, the same way for what is stored and what is
// searched for.
const MaxTokenRunes = 40

// Tokens splits s into words and folds each one. A word is a run of letters
// and digits; marks and invisible characters inside a word are dropped without
// splitting it; digit groups keep their separators ("1,234" is 1234 and
// "٣٫٥" is 3.5). Private-use characters are never part of a word: the search
// index keeps its own markers there.
func Tokens(s string) []Token {
	out := make([]Token, 0, len(s)/6+1)
	buf := make([]byte, 0, 64)
	start, n := -1, 0
	flush := func(end int) {
		if start >= 0 && len(buf) > 0 {
			out = append(out, Token{Text: string(buf), Start: start, End: end})
		}
		buf = buf[:0]
		start, n = -1, 0
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			// ASCII, the common case, without tables.
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9', 'A' <= c && c <= 'Z':
				if start < 0 {
					start = i
				}
				if n < MaxTokenRunes {
					if 'A' <= c && c <= 'Z' {
						c += 'a' - 'A'
					}
					buf = append(buf, c)
					n++
				}
			case start >= 0 && (c == ',' || c == '.') && lastIsDigit(buf) && nextIsDigit(s[i+1:]):
				if c == '.' && n < MaxTokenRunes {
					buf = append(buf, '.')
					n++
				}
			default:
				flush(i)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= 0x0621 && r <= 0x064A {
			// Arabic letters, the other common case: no table lookups.
			if start < 0 {
				start = i
			}
			if n < MaxTokenRunes {
				switch r {
				case 'أ', 'إ', 'آ':
					r = 'ا'
				case 'ى':
					r = 'ي'
				case 'ة':
					r = 'ه'
				case 'ـ':
					i += size
					continue
				}
				buf = utf8.AppendRune(buf, r)
				n++
			}
			i += size
			continue
		}
		f, keep := rune1(r)
		switch {
		case !keep || (start >= 0 && unicode.Is(unicode.M, f)):
			// A mark or invisible character: part of the word around it.
		case isWordRune(f):
			if start < 0 {
				start = i
			}
			if n < MaxTokenRunes {
				buf = utf8.AppendRune(buf, f)
				n++
			}
		case start >= 0 && isDigitGroupSep(f) && lastIsDigit(buf) && nextIsDigit(s[i+size:]):
			if f == '٫' && n < MaxTokenRunes {
				buf = append(buf, '.')
				n++
			}
		default:
			flush(i)
		}
		i += size
	}
	flush(len(s))
	return out
}

func isWordRune(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsNumber(r)) && !unicode.Is(unicode.Co, r)
}

func isDigitGroupSep(r rune) bool { return r == ',' || r == '.' || r == '٬' || r == '٫' }

func lastIsDigit(b []byte) bool {
	return len(b) > 0 && b[len(b)-1] >= '0' && b[len(b)-1] <= '9'
}

func nextIsDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	f, _ := rune1(r)
	return f >= '0' && f <= '9'
}

// Words returns the folded words of s (Tokens without the offsets).
func Words(s string) []string {
	toks := Tokens(s)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

// Terms returns the distinct stems of the words of s, in order of first
// appearance: what the search index stores for a text.
func Terms(s string) []string {
	toks := Tokens(s)
	seen := make(map[string]bool, len(toks))
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		st := Stem(t.Text)
		if !seen[st] {
			seen[st] = true
			out = append(out, st)
		}
	}
	return out
}

// Stem reduces a folded word to the form that its other forms share, so
// that "loss" finds "losses" and "الشركة" finds "شركة". It is deliberately
// light (plural and verb endings in English, the article and common endings
// in Arabic): a search must still find what was typed. Words of other scripts
// and numbers are returned as they are.
func Stem(w string) string {
	ascii, arabic := true, true
	for _, r := range w {
		if r >= utf8.RuneSelf {
			ascii = false
		}
		if !(r >= 0x0621 && r <= 0x064A) {
			arabic = false
		}
	}
	switch {
	case ascii:
		return stemEnglish(w)
	case arabic:
		return stemArabic(w)
	}
	return w
}

func stemEnglish(w string) string {
	if len(w) <= 3 || strings.IndexFunc(w, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 {
		return w
	}
	n := len(w)
	switch {
	case strings.HasSuffix(w, "ies") && n > 4:
		w = w[:n-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "ches"),
		strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "zzes"):
		w = w[:n-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
	case strings.HasSuffix(w, "s"):
		w = w[:n-1]
	}
	switch {
	case strings.HasSuffix(w, "ing") && len(w) >= 6 && hasVowel(w[:len(w)-3]):
		w = undouble(w[:len(w)-3])
	case strings.HasSuffix(w, "ed") && len(w) >= 5 && hasVowel(w[:len(w)-2]):
		w = undouble(w[:len(w)-2])
	}
	if len(w) > 3 && strings.HasSuffix(w, "e") {
		w = w[:len(w)-1]
	}
	return w
}

func hasVowel(s string) bool { return strings.ContainsAny(s, "aeiouy") }

// undouble turns "runn" (from "running") into "run"; "add" stays.
func undouble(w string) string {
	n := len(w)
	if n >= 4 && w[n-1] == w[n-2] && strings.IndexByte("bdgmnprt", w[n-1]) >= 0 {
		return w[:n-1]
	}
	return w
}

var (
	arabicPrefixes = []string{"وال", "بال", "كال", "فال", "لل", "ال"}
	arabicSuffixes = []string{"ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"}
)

// stemArabic strips the article (with a joined preposition) and one common
// ending from a folded Arabic word (light stemming), leaving at least three
// letters of stem.
func stemArabic(w string) string {
	n := utf8.RuneCountInString(w)
	for _, p := range arabicPrefixes {
		if strings.HasPrefix(w, p) && n-utf8.RuneCountInString(p) >= 2 {
			w = w[len(p):]
			n -= utf8.RuneCountInString(p)
			break
		}
	}
	for _, s := range arabicSuffixes {
		if strings.HasSuffix(w, s) && n-utf8.RuneCountInString(s) >= 3 {
			return w[:len(w)-len(s)]
		}
	}
	return w
}
