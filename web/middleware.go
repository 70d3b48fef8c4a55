package web

import (
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"log/slog"
	"mime/multipart"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/i18n"
	"github.com/factdesk/factdesk/web/paths"
)

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

const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

// middleware installs the whole stack in one place, outermost first.
func (s *Server) middleware(e *echo.Echo) {
	e.Pre(middleware.RemoveTrailingSlashWithConfig(middleware.TrailingSlashConfig{RedirectCode: http.StatusMovedPermanently}))
	e.Use(middleware.RequestID())
	e.Use(s.recoverPanics)
	e.Use(s.securityHeaders)
	e.Use(s.requestLog)
	e.Use(s.admit) // after the log: a request's logged duration includes its wait
	e.Use(s.loadSession)
	e.Use(s.bodyLimit()) // after the session: only editors may send large ClaimReview files
	e.Use(readForm)
	e.Use(s.csrf)
	e.Use(s.setupGate)
}

// recoverPanics turns a panic into a 500 that the error handler logs once.
func (s *Server) recoverPanics(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = echo.NewHTTPError(http.StatusInternalServerError).SetInternal(errors.New("panic: " + toString(r)))
			}
		}()
		return next(c)
	}
}

func toString(v any) string {
	if e, ok := v.(error); ok {
		return e.Error()
	}
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func (s *Server) securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
		if s.cfg.Secure {
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		return next(c)
	}
}

// requestLog writes one access-log line per request, with its request id,
// status, duration and the signed-in user; static files and health checks go
// to debug. Server errors are logged once more, with their cause, by the
// error handler, under the same request id.
func (s *Server) requestLog(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			// Let the error handler write the response first, so the line
			// carries the status the client received.
			c.Error(err)
			err = nil
		}
		req := c.Request()
		level := slog.LevelInfo
		if strings.HasPrefix(req.URL.Path, "/static/") || req.URL.Path == "/healthz" {
			level = slog.LevelDebug
		}
		var uid int64
		if u, ok := c.Get(ctxUser).(*auth.User); ok && u != nil {
			uid = u.ID
		}
		s.log.LogAttrs(req.Context(), level, "request",
			slog.String("request_id", c.Response().Header().Get(echo.HeaderXRequestID)),
			slog.String("method", req.Method), slog.String("path", req.URL.Path),
			slog.Int("status", c.Response().Status), slog.Int64("bytes", c.Response().Size),
			slog.Float64("dur_ms", float64(time.Since(start).Microseconds())/1000),
			slog.Int64("user_id", uid))
		return err
	}
}

// admit lets at most cfg.MaxInFlight requests work at once; the others wait
// their turn in arrival order (static files and health checks pass). Off by
// default (serve --max-inflight). On a saturated machine every busy thread
// shares the cores, so the request holding SQLite's write lock advances at a
// fraction of a core and the writers queued behind it wait: with 200 clients
// pausing between actions, new claims took 2.5 s at the median while reads
// took 65–320 ms. A bound of 8 cut that run's p99 from 5.4 s to 1.0 s, but
// cost a third of the throughput of clients firing back to back, because
// requests waiting for the write lock hold their slot (docs/RESILIENCE.md).
func (s *Server) admit(next echo.HandlerFunc) echo.HandlerFunc {
	if s.slots == nil {
		return next
	}
	return func(c echo.Context) error {
		p := c.Request().URL.Path
		if strings.HasPrefix(p, "/static/") || p == "/healthz" {
			return next(c)
		}
		select {
		case s.slots <- struct{}{}:
		case <-c.Request().Context().Done():
			return c.Request().Context().Err()
		}
		defer func() { <-s.slots }()
		return next(c)
	}
}

func (s *Server) secureCookie(name, value string, maxAge int) *http.Cookie {
	return &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge, HttpOnly: true,
		Secure: s.cfg.Secure, SameSite: http.SameSiteLaxMode}
}

// loadSession finds the signed-in user (if any) and the interface language.
func (s *Server) loadSession(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if strings.HasPrefix(c.Request().URL.Path, "/static/") {
			return next(c)
		}
		if ck, err := c.Cookie(sessionCookie); err == nil && ck.Value != "" {
			u, err := s.users.SessionUser(c.Request().Context(), ck.Value)
			switch {
			case err == nil:
				c.Set(ctxUser, &u)
			case errors.Is(err, auth.ErrSessionNotFound):
				c.SetCookie(s.secureCookie(sessionCookie, "", -1))
			default:
				return err
			}
		}
		c.Set(ctxLang, s.resolveLang(c))
		return next(c)
	}
}

// resolveLang: the user's saved choice, then the cookie chosen before
// sign-in, then the browser's Accept-Language.
func (s *Server) resolveLang(c echo.Context) i18n.Lang {
	if u := currentUser(c); u != nil {
		if l, ok := i18n.Parse(u.Lang); ok {
			return l
		}
	}
	if ck, err := c.Cookie(langCookie); err == nil {
		if l, ok := i18n.Parse(ck.Value); ok {
			return l
		}
	}
	return i18n.FromAcceptLanguage(c.Request().Header.Get("Accept-Language"))
}

// csrf implements the synchroniser-token pattern with a per-browser random
// token kept in an HttpOnly cookie and echoed in every form: a state-changing
// request without the matching token is refused. The token lives only in the
// cookie, so any server can check it.
func (s *Server) csrf(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if strings.HasPrefix(c.Request().URL.Path, "/static/") {
			return next(c)
		}
		token := ""
		if ck, err := c.Cookie(csrfCookie); err == nil && len(ck.Value) >= 32 && len(ck.Value) <= 64 {
			token = ck.Value
			// Set before checking, so that even the refusal page carries the
			// token the user needs to try again.
			c.Set(ctxCSRF, token)
		}
		switch c.Request().Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
		default:
			sent := c.Request().Header.Get(csrfHeader)
			if sent == "" {
				sent = c.FormValue(csrfField)
			}
			if token == "" || subtle.ConstantTimeCompare([]byte(token), []byte(sent)) != 1 {
				return errCSRF
			}
		}
		if token == "" {
			token = auth.NewToken()
			c.SetCookie(s.secureCookie(csrfCookie, token, 0))
		}
		c.Set(ctxCSRF, token)
		return next(c)
	}
}

// readForm parses a posted form once, before the CSRF check reads it, and
// refuses one that cannot be read whole with 413 and a message, instead of
// letting handlers see it as empty: a body over the limit, or more fields
// than Go's parsers take (10,000 in a URL-encoded body, 1,000 parts in a
// multipart one), which also bounds the memory a form can take. It then
// removes NUL bytes from the query and the form: no one types them, SQLite's
// FTS5 reads a query only up to the first one ("unterminated string"), and
// PostgreSQL refuses text that holds one. Uploaded files are checked by
// their readers.
func readForm(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if strings.Contains(r.URL.RawQuery, "%00") {
			q := r.URL.Query()
			cleanNUL(q)
			r.URL.RawQuery = q.Encode()
		}
		if r.Method == http.MethodPost && !strings.HasPrefix(r.URL.Path, "/static/") {
			var err error
			switch ct := r.Header.Get(echo.HeaderContentType); {
			case strings.HasPrefix(ct, echo.MIMEMultipartForm):
				err = r.ParseMultipartForm(32 << 20) // the size echo's FormFile uses; larger files go to disk
			case strings.HasPrefix(ct, echo.MIMEApplicationForm):
				err = r.ParseForm()
			}
			var tooLarge *http.MaxBytesError
			var he *echo.HTTPError
			switch {
			case errors.As(err, &tooLarge), errors.As(err, &he) && he.Code == http.StatusRequestEntityTooLarge:
				return echo.NewHTTPError(http.StatusRequestEntityTooLarge, "error.413")
			case errors.Is(err, multipart.ErrMessageTooLarge), err != nil && strings.Contains(err.Error(), "exceeded limit"):
				return echo.NewHTTPError(http.StatusRequestEntityTooLarge, "error.413_fields")
			case err != nil:
				return echo.NewHTTPError(http.StatusBadRequest, "error.400").SetInternal(err)
			}
		}
		cleanNUL(r.Form)
		cleanNUL(r.PostForm)
		if r.MultipartForm != nil {
			cleanNUL(r.MultipartForm.Value)
		}
		return next(c)
	}
}

func cleanNUL(v map[string][]string) {
	for k, xs := range v {
		for i, x := range xs {
			if strings.IndexByte(x, 0) >= 0 {
				xs[i] = strings.ReplaceAll(x, "\x00", "")
			}
		}
		if strings.IndexByte(k, 0) >= 0 {
			delete(v, k)
			v[strings.ReplaceAll(k, "\x00", "")] = xs
		}
	}
}

var errCSRF = echo.NewHTTPError(http.StatusForbidden, "error.403_csrf")

// setupGate sends every visitor to /setup until the first admin exists.
func (s *Server) setupGate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		p := c.Request().URL.Path
		if currentUser(c) != nil || p == "/setup" || p == "/healthz" || p == "/lang" || strings.HasPrefix(p, "/static/") ||
			strings.HasPrefix(p, "/r/") || p == "/labels.css" { // published reports answer whatever the desk's state
			return next(c)
		}
		need, err := s.users.NeedsSetup(c.Request().Context())
		if err != nil {
			return err
		}
		if need {
			return c.Redirect(http.StatusSeeOther, paths.Setup)
		}
		return next(c)
	}
}

// requireUser guards every non-public page.
func (s *Server) requireUser(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if currentUser(c) == nil {
			if c.Request().Method != http.MethodGet {
				return echo.NewHTTPError(http.StatusUnauthorized, "signin.required")
			}
			s.flash(c, "error", "signin.required")
			return c.Redirect(http.StatusSeeOther, paths.SignInNext(c.Request().URL.RequestURI()))
		}
		return next(c)
	}
}

// requireRole guards actions that need at least the given role.
func (s *Server) requireRole(min auth.Role) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			u := currentUser(c)
			if u == nil || !u.Role.AtLeast(min) {
				return echo.NewHTTPError(http.StatusForbidden, "error.403")
			}
			return next(c)
		}
	}
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
