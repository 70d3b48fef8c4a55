package claimreview

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"

	"github.com/factdesk/factdesk/claims/extract"
)

// HTTPURL returns s when it is an absolute http(s) URL that is safe to show as
// a link, and "" otherwise.
func HTTPURL(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 2000 || strings.ContainsAny(s, " \t\r\n<>\"") {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	return s
}

// NormalizeURL is the form of a review URL used to recognise the same review
// again: no scheme (http and https are one page), host in lower case without
// "www." and default ports, percent-encoding in one canonical form, no
// trailing slash, no fragment, query parameters sorted and tracking
// parameters (utm_*) dropped.
func NormalizeURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return strings.ToLower(strings.TrimSpace(raw))
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		host += ":" + p
	}
	path := strings.TrimRight(u.Path, "/")
	path = (&url.URL{Path: path}).EscapedPath()
	q := u.Query()
	for k := range q {
		if strings.HasPrefix(strings.ToLower(k), "utm_") {
			q.Del(k)
		}
	}
	out := host + path
	if enc := q.Encode(); enc != "" {
		out += "?" + enc
	}
	return out
}

// NormalizeText is the form of a claim text used in the natural key: digits in
// ASCII, lower case, white space collapsed. It is deliberately simple and
// stable, so that keys stored today still match tomorrow.
func NormalizeText(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(extract.NormalizeDigits(s))), " ")
}

// Key is the natural key of a prior check: the normalised review URL and the
// normalised claim text (one review page may check several claims, and one
// claim may be checked by several pages). Without a URL, the reviewing desk
// stands in for it.
func (r Record) Key() string {
	h := sha256.New()
	if r.ReviewURL != "" {
		h.Write([]byte("url\x00" + NormalizeURL(r.ReviewURL)))
	} else {
		h.Write([]byte("desk\x00" + strings.ToLower(r.PublisherSite) + "\x00" + NormalizeText(r.PublisherName)))
	}
	h.Write([]byte("\x00" + NormalizeText(r.ClaimText)))
	return hex.EncodeToString(h.Sum(nil))
}
