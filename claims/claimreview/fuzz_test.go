package claimreview

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDecode: any input ends (EOF, a fatal problem or a read error) within
// a bounded number of steps, never panics, and every record it keeps is
// usable: claim text within MaxClaim characters and valid UTF-8, review URL
// empty or an http(s) link safe to show, dates either empty or YYYY-MM-DD.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		`{"@type":"ClaimReview","claimReviewed":"Nvidia lost $900 billion","url":"https://checks.example.org/a","author":{"name":"Desk"},"datePublished":"2025-01-29","reviewRating":{"alternateName":"False","ratingValue":1}}`,
		`[{"@type":"ClaimReview","claimReviewed":"x","url":"javascript:alert(1)"},{"@type":"ClaimReview"}]`,
		"{\"@type\":\"ClaimReview\",\"claimReviewed\":\"a\"}\n{\"@type\":\"ClaimReview\",\"claimReviewed\":\"b\"}\n",
		`{"@context":"https://schema.org","@graph":[{"@id":"#r","@type":"ClaimReview","claimReviewed":"c","itemReviewed":{"@id":"#c"}},{"@id":"#c","@type":"Claim","author":{"name":"P"}}]}`,
		`{"claims":[{"text":"t","claimant":"c","claimReview":[{"publisher":{"name":"p","site":"p.org"},"url":"https://p.org/x","textualRating":"False","languageCode":"ar"}]}]}`,
		`<html><script type="application/ld+json">{"@type":"ClaimReview","claimReviewed":"خسرت إنفيديا ٩٠٠ مليار"}</script></html>`,
		`[`, `{"a":`, "\x89PNG\r\n\x1a\n", `[[[[[]]]]]`, `{"@type":["ClaimReview","Review"],"datePublished":"٣ تموز ٢٠١٩"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d := NewDecoderLimit(bytes.NewReader(data), 1<<20)
		for i := 0; ; i++ {
			if i > len(data)+10 {
				t.Fatalf("more than %d results from %d bytes", i, len(data))
			}
			r, err := d.Next()
			if err == io.EOF {
				return
			}
			var p *Problem
			if errors.As(err, &p) {
				if p.Fatal {
					return
				}
				continue
			}
			if err != nil {
				return
			}
			if utf8.RuneCountInString(r.ClaimText) > MaxClaim || !utf8.ValidString(r.ClaimText) {
				t.Fatalf("claim text of %d characters (valid UTF-8: %v)", utf8.RuneCountInString(r.ClaimText), utf8.ValidString(r.ClaimText))
			}
			if r.ReviewURL != "" && HTTPURL(r.ReviewURL) != r.ReviewURL {
				t.Fatalf("review URL %q is not a safe http(s) link", r.ReviewURL)
			}
			for _, day := range []string{r.ReviewDate.Day, r.ClaimDate.Day} {
				if day != "" && (len(day) != 10 || day[4] != '-' || day[7] != '-') {
					t.Fatalf("date %q is not YYYY-MM-DD", day)
				}
			}
			if strings.ContainsRune(r.Lang, ' ') {
				t.Fatalf("language %q", r.Lang)
			}
		}
	})
}

// FuzzParseDate: a date is read without panicking; a full date comes out as
// YYYY-MM-DD and reads the same again.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-01-29", "2025-01-29T10:00:00Z", "29 January 2025", "٣ تموز ٢٠١٩", "Jan 2, 2006", "2025", "", "9999-99-99", "0001-01-01T00:00:00+14:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := ParseDate(s)
		if d.Day == "" {
			return
		}
		if len(d.Day) != 10 || d.Day[4] != '-' || d.Day[7] != '-' {
			t.Fatalf("ParseDate(%q).Day = %q", s, d.Day)
		}
		if again := ParseDate(d.Day); again.Day != d.Day {
			t.Fatalf("ParseDate(%q) = %q, which reads as %q", s, d.Day, again.Day)
		}
	})
}

// FuzzHTTPURL: what HTTPURL keeps is an http(s) link with a host and no
// character that could leave an attribute.
func FuzzHTTPURL(f *testing.F) {
	for _, s := range []string{"https://example.org/a", "javascript:alert(1)", "http://x", " https://e.org/\"><script>", "HTTPS://E.ORG"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u := HTTPURL(s)
		if u == "" {
			return
		}
		if l := strings.ToLower(u); !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") || strings.ContainsAny(u, " \t\r\n<>\"\x00") {
			t.Fatalf("HTTPURL(%q) = %q", s, u)
		}
	})
}
