package sources

import (
	"errors"
	"net"
	"net/url"
	"sort"
	"strings"
)

// MaxURL is the longest URL the library stores (in bytes), the limit most
// browsers and servers share.
const MaxURL = 2048

// Reasons a URL is refused; each maps to its own message.
var (
	ErrURLEmpty    = errors.New("empty URL")
	ErrURLTooLong  = errors.New("URL longer than 2048 bytes")
	ErrURLScheme   = errors.New("only http and https URLs are accepted")
	ErrURLRelative = errors.New("not a full URL")
	ErrURLInvalid  = errors.New("malformed URL")
)

// trackingParams are query parameters that identify a campaign or a click,
// not the document: dropped before comparing URLs. Keys are compared in lower
// case; every utm_* parameter is dropped too.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gclsrc": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "yclid": true, "igshid": true, "twclid": true, "ttclid": true, "li_fat_id": true,
	"mc_cid": true, "mc_eid": true, "_hsenc": true, "_hsmi": true, "mkt_tok": true, "oly_anon_id": true, "oly_enc_id": true,
}

// CheckURL parses s as a link the desk may store and render: an absolute
// http or https URL with a host, no spaces or control characters, no user
// name or password, at most MaxURL bytes. It returns the parsed URL.
func CheckURL(s string) (*url.URL, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, ErrURLEmpty
	}
	if len(s) > MaxURL {
		return nil, ErrURLTooLong
	}
	// A scheme we refuse (javascript:, data:, file:, …) says so, whatever
	// follows it.
	if scheme, _, ok := strings.Cut(s, ":"); ok && isScheme(scheme) && !isHTTP(scheme) {
		return nil, ErrURLScheme
	}
	for _, r := range s {
		if r <= ' ' || r == 0x7f || r == '<' || r == '>' || r == '"' || r == '`' || r == '\\' {
			return nil, ErrURLInvalid
		}
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, ErrURLInvalid
	}
	if u.Scheme == "" {
		return nil, ErrURLRelative
	}
	if !isHTTP(u.Scheme) {
		return nil, ErrURLScheme
	}
	if u.Opaque != "" || u.Host == "" || strings.Trim(u.Hostname(), ".") == "" { // "http://." has no host either
		return nil, ErrURLRelative
	}
	if u.User != nil {
		return nil, ErrURLInvalid
	}
	if p := u.Port(); p != "" {
		if strings.TrimLeft(p, "0123456789") != "" || len(p) > 5 {
			return nil, ErrURLInvalid
		}
	}
	return u, nil
}

// isScheme reports whether s has the syntax of a URL scheme (RFC 3986).
func isScheme(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z':
		case i > 0 && ('0' <= r && r <= '9' || r == '+' || r == '-' || r == '.'):
		default:
			return false
		}
	}
	return true
}

func isHTTP(scheme string) bool {
	s := strings.ToLower(scheme)
	return s == "http" || s == "https"
}

// NormalizeURL reduces an http(s) URL to the one form the library compares:
// scheme and host in lower case, the default port dropped, no fragment, no
// trailing slash (the bare host keeps its "/"), tracking parameters (utm_*,
// fbclid, gclid, …) removed and the remaining parameters in a stable order.
// The path keeps its case: servers may treat it as significant.
func NormalizeURL(s string) (string, error) {
	u, err := CheckURL(s)
	if err != nil {
		return "", err
	}
	scheme := strings.ToLower(u.Scheme)
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	port := u.Port()
	if (scheme == "http" && port == "80") || (scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]" // IPv6 literal
	}
	if port != "" {
		host = net.JoinHostPort(strings.Trim(host, "[]"), port)
	}
	path := u.EscapedPath()
	for len(path) > 1 && strings.HasSuffix(path, "/") {
		path = strings.TrimSuffix(path, "/")
	}
	if path == "" {
		path = "/"
	}
	out := scheme + "://" + host + path
	if q := cleanQuery(u.RawQuery); q != "" {
		out += "?" + q
	}
	if len(out) > MaxURL {
		return "", ErrURLTooLong
	}
	return out, nil
}

// cleanQuery drops tracking parameters and empty pieces and sorts the rest by
// key (stable, so repeated keys keep their order), without re-encoding them.
func cleanQuery(raw string) string {
	if raw == "" {
		return ""
	}
	type param struct{ key, raw string }
	var keep []param
	for _, piece := range strings.FieldsFunc(raw, func(r rune) bool { return r == '&' || r == ';' }) {
		k, _, _ := strings.Cut(piece, "=")
		key, err := url.QueryUnescape(k)
		if err != nil {
			key = k
		}
		lk := strings.ToLower(key)
		if strings.HasPrefix(lk, "utm_") || trackingParams[lk] || key == "" {
			continue
		}
		keep = append(keep, param{key, piece})
	}
	sort.SliceStable(keep, func(i, j int) bool { return keep[i].key < keep[j].key })
	parts := make([]string, len(keep))
	for i, p := range keep {
		parts[i] = p.raw
	}
	return strings.Join(parts, "&")
}
