// Package fold reduces text to the form the desk searches in, so that a
// search matches however a word was typed: Arabic diacritics (tashkeel) and
// tatweel dropped, the alef forms (أ إ آ ٱ) read as ا, ى as ي, ة as ه,
// Persian ی and ک as their Arabic letters, Arabic-Indic and Persian digits
// as 0–9, letters lower-cased, invisible direction and zero-width marks
// removed and runs of space collapsed to one.
//
// Folding loses information on purpose: stored folded text is for matching,
// never for display. The same function folds what is stored and what is
// searched for, so the two always agree. It has no dependency on the rest of
// the project and is shared by every search.
package fold

import (
	"strings"
	"unicode"
)

// String returns the folded form of s.
func String(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		r, keep := rune1(r)
		if !keep {
			continue
		}
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// rune1 folds one rune; keep is false for runes that are dropped.
func rune1(r rune) (rune, bool) {
	switch {
	case r < 0x80:
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A'), true
		}
		return r, true
	case isMark(r):
		return 0, false
	case r >= '٠' && r <= '٩':
		return '0' + (r - '٠'), true
	case r >= '۰' && r <= '۹':
		return '0' + (r - '۰'), true
	}
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ', 'ٲ', 'ٳ':
		return 'ا', true
	case 'ى', 'ی', 'ې':
		return 'ي', true
	case 'ة':
		return 'ه', true
	case 'ک':
		return 'ك', true
	case '\u00a0', '\u2007', '\u202f':
		return ' ', true
	}
	return unicode.ToLower(r), true
}

// isMark reports runes that carry no letter of their own: Arabic diacritics
// and Quranic annotation marks, tatweel, and invisible formatting characters
// (zero-width spaces and joiners, direction marks and embeddings, BOM).
func isMark(r rune) bool {
	switch {
	case r >= 0x064B && r <= 0x065F, // fathatan … wavy hamza below
		r == 0x0670,                // superscript alef
		r >= 0x0610 && r <= 0x061A, // honorifics and small marks
		r >= 0x06D6 && r <= 0x06DC, // Quranic small high marks
		r >= 0x06DF && r <= 0x06E8,
		r >= 0x06EA && r <= 0x06ED,
		r == 0x0640,                // tatweel
		r >= 0x200B && r <= 0x200F, // zero-width space, joiners, LRM, RLM
		r >= 0x202A && r <= 0x202E, // embeddings and overrides
		r >= 0x2066 && r <= 0x2069, // isolates
		r == 0x061C,                // Arabic letter mark
		r == 0xFEFF:                // BOM / zero-width no-break space
		return true
	}
	return false
}
