package web

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/i18n"
)

// Request helpers: what a handler reads from the request or its context
// (the signed-in user, the interface language, ids from the path, a safe
// return address) and the flash messages that travel in a cookie. One file,
// so a handler's reading of the request is never hidden in a feature file.

const (
	sessionCookie = "factdesk_session"
	csrfCookie    = "factdesk_csrf"
	flashCookie   = "factdesk_flash"
	langCookie    = "factdesk_lang"
	csrfField     = "_csrf"
	csrfHeader    = "X-CSRF-Token"

	ctxUser = "fd.user"
	ctxLang = "fd.lang"
	ctxCSRF = "fd.csrf"
)

func (s *Server) secureCookie(name, value string, maxAge int) *http.Cookie {
	return &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge, HttpOnly: true,
		Secure: s.cfg.Secure, SameSite: http.SameSiteLaxMode}
}

func currentUser(c echo.Context) *auth.User {
	u, _ := c.Get(ctxUser).(*auth.User)
	return u
}

func lang(c echo.Context) i18n.Lang {
	if l, ok := c.Get(ctxLang).(i18n.Lang); ok {
		return l
	}
	return i18n.EN
}

type flashMsg struct {
	Kind string   `json:"k"`
	Key  string   `json:"m"`
	Args []string `json:"a,omitempty"`
}

// flash queues a message (a catalog key, translated when shown) for the next
// page. It travels in a short-lived cookie, not in server memory.
func (s *Server) flash(c echo.Context, kind, key string, args ...string) {
	// The messages set earlier in this request, or else those the request
	// brought (not yet shown).
	msgs, ok := c.Get(ctxFlashes).([]flashMsg)
	if ck, err := c.Cookie(flashCookie); err == nil && !ok {
		msgs = decodeFlash(ck.Value)
	}
	msgs = append(msgs, flashMsg{Kind: kind, Key: key, Args: args})
	c.Set(ctxFlashes, msgs)
	b, _ := json.Marshal(msgs)
	c.SetCookie(s.secureCookie(flashCookie, base64.RawURLEncoding.EncodeToString(b), 60))
}

func decodeFlash(v string) []flashMsg {
	b, err := base64.RawURLEncoding.DecodeString(v)
	if err != nil || len(b) > 3000 {
		return nil
	}
	var msgs []flashMsg
	if json.Unmarshal(b, &msgs) != nil {
		return nil
	}
	out := msgs[:0]
	for _, m := range msgs {
		if i18n.Has(m.Key) && (m.Kind == "ok" || m.Kind == "error" || m.Kind == "warn" || m.Kind == flashIfChecked) {
			out = append(out, m)
		}
	}
	return out
}

// takeFlashes reads and clears the queued messages.
// flashIfChecked is a flash the claim page shows only when the claim looks
// like claims checked before (with their number), which it alone knows; it
// sets ctxIfChecked for that page.
const (
	ctxFlashes     = "flash.pending"
	flashIfChecked = "if-checked"
	ctxIfChecked   = "flash.if-checked"
)

func (s *Server) takeFlashes(c echo.Context) []flashMsg {
	ck, err := c.Cookie(flashCookie)
	if err != nil {
		return nil
	}
	c.SetCookie(s.secureCookie(flashCookie, "", -1))
	return decodeFlash(ck.Value)
}

func actor(c echo.Context) claims.Actor {
	u := currentUser(c)
	if u == nil {
		return claims.Actor{}
	}
	return claims.Actor{ID: u.ID, Role: u.Role}
}

// pathID is the id in the path (":id"); anything but a positive number
// is 404.
func pathID(c echo.Context) (int64, error) { return pathParamID(c, "id") }

// pathParamID is the positive id in the named path parameter, else 404.
func pathParamID(c echo.Context, name string) (int64, error) {
	id, err := pathInt64(c, name)
	if err != nil || id <= 0 {
		return 0, echo.NewHTTPError(http.StatusNotFound)
	}
	return id, nil
}

// pathInt64 is the number in the named path parameter, whatever its sign;
// one that is not a number is 404.
func pathInt64(c echo.Context, name string) (int64, error) {
	n, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil {
		return 0, echo.NewHTTPError(http.StatusNotFound)
	}
	return n, nil
}

// safeNext keeps only local paths, so a crafted link cannot redirect a user
// off-site after sign-in.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return ""
	}
	u, err := url.Parse(next)
	if err != nil || u.Host != "" || u.Scheme != "" {
		return ""
	}
	return next
}

// baseURL is the public address of this factdesk (scheme and host) for the
// links it hands out: the configured one, or the address of the request.
func (s *Server) baseURL(c echo.Context) string {
	if s.cfg.BaseURL != "" {
		return strings.TrimRight(s.cfg.BaseURL, "/")
	}
	req := c.Request()
	scheme := "http"
	if req.TLS != nil || s.cfg.Secure {
		scheme = "https"
	}
	if s.cfg.TrustProxy {
		if p := req.Header.Get("X-Forwarded-Proto"); p == "http" || p == "https" {
			scheme = p
		}
	}
	host := req.Host
	if u, err := url.Parse(scheme + "://" + host); err != nil || u.Host != host || strings.ContainsAny(host, "/?#@\\") {
		host = "localhost"
	}
	return scheme + "://" + host
}
