package web

import (
	"errors"
	"mime/multipart"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/factdesk/factdesk/claims/claimreview"
	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/paths"
)

// Middleware that reads the request body: its size limit (larger for the
// ClaimReview upload) and the one parse of a posted form.

// priorUploadPath is the one route whose body may exceed --max-body: a
// ClaimReview file may be up to claimreview.MaxBytes.
const priorUploadPath = paths.PriorImport

// priorUploadLimit leaves room for the multipart envelope around the file;
// the decoder enforces the exact file limit and says so.
const priorUploadLimit = claimreview.MaxBytes + 1<<20

// bodyLimit limits request bodies to --max-body, except for an editor's
// ClaimReview upload, which takes files up to claimreview.MaxBytes. It runs
// after the session is loaded and before the CSRF check, which reads the form.
func (s *Server) bodyLimit() echo.MiddlewareFunc {
	general := middleware.BodyLimit(s.cfg.MaxBody)
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		limited := general(next)
		return func(c echo.Context) error {
			r := c.Request()
			u := currentUser(c)
			if r.Method != http.MethodPost || c.Path() != priorUploadPath || u == nil || !u.Role.AtLeast(auth.Editor) {
				return limited(c)
			}
			if r.ContentLength > priorUploadLimit {
				return echo.NewHTTPError(http.StatusRequestEntityTooLarge, "prior.err_too_large")
			}
			r.Body = http.MaxBytesReader(c.Response(), r.Body, priorUploadLimit)
			return next(c)
		}
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
