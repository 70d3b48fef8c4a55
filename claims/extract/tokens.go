package extract

import (
	"strings"
	"unicode"
)

type tkind uint8

const (
	tWord tkind = iota + 1
	tNum
	tPunct
)

// tok is one scanned unit. Scanning once into tokens, instead of running
// regular expressions over the text, keeps the extractor linear and lets
// every rule look a few tokens left or right cheaply.
type tok struct {
	kind  tkind
	s, e  int       // rune offsets into the original text
	key   string    // folded word, normalised numeral, or the punctuation rune
	info  *wordInfo // what the lexicon knows about a word, nil if nothing
	latin bool      // a word in Latin letters
	upper bool      // a Latin word starting with a capital
	space bool      // whitespace between the previous token and this one
	nl    bool      // a line break between the previous token and this one
}

// scan splits digit-normalised runes into words, numbers and single
// punctuation runes. Arabic and Latin letters never share a word, and
// letters never share a token with digits, so "بنحو20" and "H800" come out
// as two tokens that touch; the rules decide what touching means.
func scan(norm []rune) []tok {
	toks := make([]tok, 0, len(norm)/4)
	space, nl := true, true
	var kb strings.Builder
	for i := 0; i < len(norm); {
		r := norm[i]
		switch {
		case r == '\n' || r == '\r' || r == '\u2029':
			space, nl = true, true
			i++
		case unicode.IsSpace(r) || r == '\u200f' || r == '\u200e' || r == '\u200b' || r == '\ufeff':
			space = true
			i++
		case r >= '0' && r <= '9':
			j := i + 1
			for j < len(norm) {
				c := norm[j]
				if c >= '0' && c <= '9' {
					j++
					continue
				}
				if (c == '.' || c == ',') && j+1 < len(norm) && norm[j+1] >= '0' && norm[j+1] <= '9' {
					j += 2
					continue
				}
				break
			}
			toks = append(toks, tok{kind: tNum, s: i, e: j, key: string(norm[i:j]), space: space, nl: nl})
			space, nl = false, false
			i = j
		case unicode.IsLetter(r) || (isMark(r) && len(toks) > 0 && !space):
			arab := isArabicLetter(r) || isMark(r)
			kb.Reset()
			j := i
			for j < len(norm) {
				c := norm[j]
				if isMark(c) {
					j++
					continue
				}
				if !unicode.IsLetter(c) || (isArabicLetter(c) != arab) {
					break
				}
				kb.WriteRune(fold(c))
				j++
			}
			if j == i { // a lone mark with nothing to attach to
				j = i + 1
			}
			t := tok{kind: tWord, s: i, e: j, key: kb.String(), space: space, nl: nl}
			t.info = lookupInfo(t.key)
			if !arab {
				t.latin = r < 0x250
				t.upper = unicode.IsUpper(r)
			}
			toks = append(toks, t)
			space, nl = false, false
			i = j
		default:
			toks = append(toks, tok{kind: tPunct, s: i, e: i + 1, key: string(r), space: space, nl: nl})
			space, nl = false, false
			i++
		}
	}
	return toks
}

// Arabic attaches conjunctions, prepositions and the article to the word.
// stems lists the ways to read a word, the bare word first, so lexicon
// lookups find "بنحو" as "نحو" and "وأعلن" as "اعلن".
func stems(key string) []string {
	out := []string{key}
	if key == "" || key[0] < 0x80 {
		return out
	}
	rs := []rune(key)
	add := func(r []rune) {
		if len(r) >= 2 {
			out = append(out, string(r))
		}
	}
	for _, conj := range [][]rune{nil, {'و'}, {'ف'}} {
		r1 := rs
		if conj != nil {
			if len(r1) < 3 || r1[0] != conj[0] {
				continue
			}
			r1 = r1[1:]
			add(r1)
		}
		for _, prep := range []rune{0, 'ب', 'ل', 'ك'} {
			r2 := r1
			if prep != 0 {
				if len(r2) < 3 || r2[0] != prep {
					continue
				}
				r2 = r2[1:]
				add(r2)
				if prep == 'ل' && len(r2) > 2 && r2[0] == 'ل' { // لل = ل + ال
					add(r2[1:])
				}
			}
			if len(r2) > 3 && r2[0] == 'ا' && r2[1] == 'ل' {
				add(r2[2:])
			}
		}
	}
	return out
}

// lookupInfo finds what the lexicon knows about a word, allowing attached
// Arabic prefixes; the bare word wins over a stripped reading.
func lookupInfo(key string) *wordInfo {
	if w, ok := lex[key]; ok {
		return w
	}
	if key == "" || key[0] < 0x80 {
		return nil
	}
	for _, s := range stems(key)[1:] {
		if w, ok := lex[s]; ok && !w.noPrefix {
			return w
		}
	}
	return nil
}

func foldSet(words ...string) map[string]bool {
	out := make(map[string]bool, len(words))
	for _, w := range words {
		out[foldString(w)] = true
	}
	return out
}
