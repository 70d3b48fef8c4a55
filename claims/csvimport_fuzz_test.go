package claims

import (
	"math"
	"testing"
	"unicode/utf8"
)

// FuzzReadCSV: any file is read or refused with a message key, never a
// panic; a table read has a header, at least one and at most MaxCSVRows
// rows, each either cells of valid UTF-8 or a message, with line numbers
// that never go back; the column guesses cover the header.
func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"claim,claimant,tags\nNvidia lost $900 billion,A poster,\"economy, tech\"\n",
		"\xef\xbb\xbfstatement;quote\nx;y\n",
		"claim\n\"multi\nline\"\n\n  \n",
		"claim,\"unbalanced\nrow\n",
		"\xc7\xe1\xc7\xcf\n\xe3\xcb\n",
		"a\x00b\nc\n",
		"الادعاء,القائل\nخسرت إنفيديا ٩٠٠ مليار,منشور\n",
		"=HYPERLINK(\"x\"),+1\n-2,@3\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := ReadCSV(data)
		if err != nil {
			fe, ok := err.(FieldErrors)
			if !ok || fe["file"] == "" {
				t.Fatalf("ReadCSV error %T %v: want a FieldErrors{\"file\": key}", err, err)
			}
			return
		}
		if len(tab.Header) == 0 || len(tab.Rows) == 0 || len(tab.Rows) > MaxCSVRows {
			t.Fatalf("table with %d header cells and %d rows", len(tab.Header), len(tab.Rows))
		}
		if tab.Delimiter != ',' && tab.Delimiter != ';' {
			t.Fatalf("delimiter %q", tab.Delimiter)
		}
		last := 0
		for _, r := range tab.Rows {
			if r.Line < last {
				t.Fatalf("line numbers go back: %d after %d", r.Line, last)
			}
			last = r.Line
			if r.Err != "" && r.Cells != nil {
				t.Fatalf("row %d has both cells and an error", r.Line)
			}
			for _, c := range r.Cells {
				if !utf8.ValidString(c) {
					t.Fatalf("cell %q is not UTF-8", c)
				}
			}
		}
		if cols := GuessColumns(tab.Header); len(cols) != len(tab.Header) {
			t.Fatalf("GuessColumns gave %d columns for %d headers", len(cols), len(tab.Header))
		}
	})
}

// FuzzParseAmount: an amount typed by a reviewer is read or refused, never a
// panic; one read is a finite number, not negative.
func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"900000000000", "900,000,000,000", "900 مليار", "٣٫٥", "1.2 trillion", "-5", "1e400", "NaN", "Inf", "", "٩٠٠ billion dollars"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, _, ok := ParseAmount(s)
		if !ok {
			return
		}
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("ParseAmount(%q) = %v", s, v)
		}
		_ = FormatAmount(v)
	})
}
