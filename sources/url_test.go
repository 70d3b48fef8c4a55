package sources_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/sources"
)

func TestNormalizeURL(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"already normal", "https://example.org/a/b", "https://example.org/a/b"},
		{"scheme and host case", "HTTPS://WWW.Reuters.COM/Markets/Story", "https://www.reuters.com/Markets/Story"},
		{"http default port", "http://example.org:80/x", "http://example.org/x"},
		{"https default port", "https://example.org:443/x", "https://example.org/x"},
		{"other port kept", "https://example.org:8443/x", "https://example.org:8443/x"},
		{"https on port 80 kept", "https://example.org:80/x", "https://example.org:80/x"},
		{"trailing slash", "https://example.org/a/b/", "https://example.org/a/b"},
		{"several trailing slashes", "https://example.org/a//", "https://example.org/a"},
		{"bare host gets a slash", "https://example.org", "https://example.org/"},
		{"bare host slash kept", "https://example.org/", "https://example.org/"},
		{"fragment dropped", "https://example.org/a#section-2", "https://example.org/a"},
		{"utm dropped", "https://example.org/a?utm_source=x&utm_medium=y&UTM_Campaign=z", "https://example.org/a"},
		{"fbclid and gclid dropped", "https://example.org/a?fbclid=IwAR0&gclid=Cj0K", "https://example.org/a"},
		{"other params kept", "https://example.org/a?id=7&utm_source=tw&page=2", "https://example.org/a?id=7&page=2"},
		{"params sorted", "https://example.org/a?page=2&id=7", "https://example.org/a?id=7&page=2"},
		{"repeated keys keep order", "https://example.org/s?t=b&t=a", "https://example.org/s?t=b&t=a"},
		{"encoding kept", "https://example.org/s?q=a%20b&x=%D8%A7", "https://example.org/s?q=a%20b&x=%D8%A7"},
		{"empty query dropped", "https://example.org/a?", "https://example.org/a"},
		{"only tracking then fragment", "https://example.org/a/?utm_source=x#top", "https://example.org/a"},
		{"trailing dot of host", "https://example.org./a", "https://example.org/a"},
		{"spaces around", "  https://example.org/a  ", "https://example.org/a"},
		{"arabic path", "https://ar.example.org/أخبار/", "https://ar.example.org/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1"},
		{"ipv6 default port", "http://[::1]:80/x", "http://[::1]/x"},
		{"ipv6 other port", "http://[::1]:8080/x", "http://[::1]:8080/x"},
	}
	for _, tt := range tests {
		got, err := sources.NormalizeURL(tt.in)
		if err != nil {
			t.Errorf("%s: NormalizeURL(%q): %v", tt.name, tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("%s: NormalizeURL(%q) = %q; want %q", tt.name, tt.in, got, tt.want)
		}
		// Normal forms are fixed points.
		if again, err := sources.NormalizeURL(got); err != nil || again != got {
			t.Errorf("%s: NormalizeURL(%q) = %q, %v; want it unchanged", tt.name, got, again, err)
		}
	}
}

func TestNormalizeURLSamePage(t *testing.T) {
	a, _ := sources.NormalizeURL("https://www.reuters.com/technology/nvidia/?utm_source=twitter&fbclid=x#comments")
	b, _ := sources.NormalizeURL("HTTPS://www.REUTERS.com:443/technology/nvidia")
	if a != b {
		t.Errorf("the same page normalised to %q and %q", a, b)
	}
}

func TestNormalizeURLRefuses(t *testing.T) {
	long := "https://example.org/" + strings.Repeat("a", sources.MaxURL)
	tests := []struct {
		name, in string
		want     error
	}{
		{"empty", "  ", sources.ErrURLEmpty},
		{"javascript", "javascript:alert(1)", sources.ErrURLScheme},
		{"javascript upper", "JavaScript:alert(document.cookie)", sources.ErrURLScheme},
		{"javascript with slashes", "javascript://example.org/%0Aalert(1)", sources.ErrURLScheme},
		{"data", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", sources.ErrURLScheme},
		{"file", "file:///etc/passwd", sources.ErrURLScheme},
		{"ftp", "ftp://example.org/x", sources.ErrURLScheme},
		{"mailto", "mailto:desk@example.org", sources.ErrURLScheme},
		{"relative path", "/news/story", sources.ErrURLRelative},
		{"no scheme", "example.org/news", sources.ErrURLRelative},
		{"protocol-relative", "//example.org/news", sources.ErrURLRelative},
		{"no host", "https:///path", sources.ErrURLRelative},
		{"opaque http", "http:example.org", sources.ErrURLRelative},
		{"too long", long, sources.ErrURLTooLong},
		{"space inside", "https://example.org/a b", sources.ErrURLInvalid},
		{"newline inside", "https://example.org/a\nb", sources.ErrURLInvalid},
		{"quote inside", `https://example.org/"onmouseover="x`, sources.ErrURLInvalid},
		{"bad escape", "https://example.org/%zz", sources.ErrURLInvalid},
		{"bad port", "https://example.org:99999999/", sources.ErrURLInvalid},
		{"credentials", "https://user:pass@example.org/", sources.ErrURLInvalid},
	}
	for _, tt := range tests {
		got, err := sources.NormalizeURL(tt.in)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: NormalizeURL(%.60q) = %q, %v; want %v", tt.name, tt.in, got, err, tt.want)
		}
	}
}
