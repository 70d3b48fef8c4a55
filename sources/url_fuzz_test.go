package sources

import (
	"strings"
	"testing"
)

// FuzzNormalizeURL: a URL the library accepts normalises to an http(s) URL
// that is accepted again, normalises to itself (idempotent), fits MaxURL,
// and holds no space, control character or markup character.
func FuzzNormalizeURL(f *testing.F) {
	for _, s := range []string{
		"https://www.Reuters.com:443/markets/?utm_source=x&b=2&a=1#top",
		"http://example.org", "HTTP://EXAMPLE.ORG:80/A/B//", "https://[::1]:8080/x?y=1;z=2",
		"javascript:alert(1)", " https://example.org/ ", "https://user:pw@example.org/", "https://example.org:99999/",
		"https://example.org/%zz", "https://example.org/?fbclid=1&utm_medium=2", "//example.org/x", "https://xn--mgbh0fb.example/ar",
		"https://example.org/?a=%26&a=1&A=2", "https://example.org./", "https://example.org/path with space",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, err := NormalizeURL(s)
		if _, cerr := CheckURL(s); (cerr == nil) != (err == nil) && err != ErrURLTooLong {
			t.Fatalf("CheckURL(%q) = %v but NormalizeURL = %v", s, cerr, err)
		}
		if err != nil {
			return
		}
		if !strings.HasPrefix(out, "http://") && !strings.HasPrefix(out, "https://") {
			t.Fatalf("NormalizeURL(%q) = %q: not http(s)", s, out)
		}
		if len(out) > MaxURL {
			t.Fatalf("NormalizeURL(%q) is %d bytes", s, len(out))
		}
		if strings.ContainsAny(out, " \t\r\n<>\"`\\\x00") {
			t.Fatalf("NormalizeURL(%q) = %q holds a space or markup character", s, out)
		}
		if _, err := CheckURL(out); err != nil {
			t.Fatalf("NormalizeURL(%q) = %q, which CheckURL refuses: %v", s, out, err)
		}
		again, err := NormalizeURL(out)
		if err != nil || again != out {
			t.Fatalf("not idempotent: %q → %q → %q (%v)", s, out, again, err)
		}
	})
}
