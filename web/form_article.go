package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/articletext"
)

var articleFields = []string{"title", "outlet", "url", "author", "published_on", "lang", "body"}

// articleForm is the new-article form: the fields, and the text of an
// uploaded file, which replaces the pasted body and fills the title, the
// author and the address left empty.
type articleForm struct {
	values  map[string]string // as typed (and filled from the file), for the form shown again
	Body    string
	fileErr string // a message key: the file could not be read
}

func parseArticleForm(c echo.Context) articleForm {
	f := articleForm{values: formValues(c, articleFields)}
	f.Body = f.values["body"]
	isMultipart := strings.HasPrefix(c.Request().Header.Get(echo.HeaderContentType), echo.MIMEMultipartForm)
	fh, err := c.FormFile("file")
	switch {
	case !isMultipart:
		// A URL-encoded form has no file (FormFile's error says so).
	case err != nil && errors.Is(err, http.ErrMissingFile):
		// No file chosen: the pasted body stands.
	case err != nil:
		f.fileErr = "err.not_text"
	case fh.Size == 0:
		// An empty file input: the pasted body stands.
	default:
		f.readFile(fh.Filename, fh.Size, fh.Open)
	}
	return f
}

func (f *articleForm) readFile(name string, size int64, open func() (multipartFile, error)) {
	format, ok := articletext.FormatFromName(name)
	if !ok {
		f.fileErr = "err.file_type"
		return
	}
	if size > articletext.MaxArticleBytes {
		f.fileErr = "err.article_too_large"
		return
	}
	text, hints, err := readUpload(open, format)
	switch {
	case errors.Is(err, articletext.ErrTooLarge):
		f.fileErr = "err.article_too_large"
	case errors.Is(err, articletext.ErrNotText), errors.Is(err, articletext.ErrEmptyText):
		f.fileErr = "err.not_text"
	case err != nil:
		f.fileErr = "err.not_text"
	default:
		f.Body = text
		if f.values["title"] == "" && hints.Title != "" {
			f.values["title"] = hints.Title
		}
		if f.values["author"] == "" {
			f.values["author"] = hints.Author
		}
		if f.values["url"] == "" && claims.CheckURL(hints.URL) == "" {
			f.values["url"] = hints.URL
		}
	}
}

// validate: the web checks the file; the article's rules are the domain's.
func (f articleForm) validate() map[string]string {
	errs := map[string]string{}
	if f.fileErr != "" {
		errs["file"] = f.fileErr
	}
	return errs
}

// newArticle is the domain's input.
func (f articleForm) newArticle() claims.NewArticle {
	v := f.values
	return claims.NewArticle{Title: v["title"], Outlet: v["outlet"], URL: v["url"], Author: v["author"],
		PublishedOn: v["published_on"], Lang: v["lang"], Body: f.Body}
}

// articleListQuery is the article list's page.
type articleListQuery struct {
	Before int64
}

func parseArticleListQuery(c echo.Context) articleListQuery {
	// Unchanged (follow-up): an unreadable "before" is 0, the first page.
	return articleListQuery{Before: numberOr0(c.QueryParam("before"))}
}

func readUpload(open func() (multipartFile, error), format articletext.Format) (string, articletext.HTMLHints, error) {
	file, err := open()
	if err != nil {
		return "", articletext.HTMLHints{}, err
	}
	defer file.Close()
	return articletext.UploadText(file, format)
}
