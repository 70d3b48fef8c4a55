package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// NormalizeDigits maps Arabic-Indic and Persian digits to ASCII and the
// Arabic decimal, thousands and percent signs to their ASCII forms. Every
// replacement is one rune for one rune, so rune offsets computed on the
// result are valid on the input too.
func NormalizeDigits(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(normDigit(r))
	}
	return b.String()
}

func normDigit(r rune) rune {
	switch {
	case r >= '٠' && r <= '٩':
		return '0' + (r - '٠')
	case r >= '۰' && r <= '۹':
		return '0' + (r - '۰')
	case r == '٫':
		return '.'
	case r == '٬':
		return ','
	case r == '٪':
		return '%'
	}
	return r
}

// DetectLang reports "ar" when Arabic letters make up at least a third of the
// letters, else "en". A third, not a half, because Arabic news text is full
// of Latin product names and URLs and is still Arabic.
func DetectLang(text string) string {
	var ar, lat int
	for _, r := range text {
		switch {
		case isArabicLetter(r):
			ar++
		case r < 128 && unicode.IsLetter(r):
			lat++
		}
	}
	if ar > 0 && ar*2 >= lat {
		return "ar"
	}
	return "en"
}

func isArabicLetter(r rune) bool {
	return (r >= 0x0621 && r <= 0x064A) || (r >= 0x0671 && r <= 0x06D3) || (r >= 0xFB50 && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFC)
}

// isMark reports Arabic diacritics (tashkeel) and tatweel, which sit inside
// words and must neither split them nor take part in matching.
func isMark(r rune) bool {
	if r < 0x0300 {
		return false
	}
	return (r >= 0x064B && r <= 0x065F) || r == 0x0670 || r == 0x0640 || unicode.Is(unicode.Mn, r)
}

// fold maps the spelling variants the desk treats as one letter (alef forms,
// alef maqsura, ta marbuta, hamza seats) and lower-cases Latin, so lexicon
// keys can be written once.
func fold(r rune) rune {
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ':
		return 'ا'
	case 'ى':
		return 'ي'
	case 'ة':
		return 'ه'
	case 'ؤ':
		return 'و'
	case 'ئ':
		return 'ي'
	}
	if r < 128 {
		if r >= 'A' && r <= 'Z' {
			return r + 32
		}
		return r
	}
	if r >= 0x0600 && r <= 0x06FF {
		return r
	}
	return unicode.ToLower(r)
}

// foldString folds a lexicon entry the same way the scanner folds words.
func foldString(s string) string {
	var b strings.Builder
	for _, r := range s {
		if isMark(r) {
			continue
		}
		b.WriteRune(fold(r))
	}
	return b.String()
}

// decodeRunes turns text into runes with invalid bytes as U+FFFD, the same
// way []rune(text) does, so offsets agree with callers that slice []rune.
func decodeRunes(text string) []rune {
	rs := make([]rune, 0, utf8.RuneCountInString(text))
	for _, r := range text {
		rs = append(rs, r)
	}
	return rs
}
