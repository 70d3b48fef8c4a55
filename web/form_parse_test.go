package web

import (
	"bytes"
	"errors"
	"math"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/web/auth"
)

// postContext is a context for a URL-encoded POST of form (and a GET
// query, when form is nil).
func postContext(form url.Values, query string) echo.Context {
	var req *http.Request
	if form == nil {
		req = httptest.NewRequest(http.MethodGet, "/?"+query, nil)
	} else {
		req = httptest.NewRequest(http.MethodPost, "/?"+query, strings.NewReader(form.Encode()))
		req.Header.Set(echo.HeaderContentType, echo.MIMEApplicationForm)
	}
	return echo.New().NewContext(req, httptest.NewRecorder())
}

func statusOf(err error) int {
	var he *echo.HTTPError
	if errors.As(err, &he) {
		return he.Code
	}
	return 0
}

func TestNumberOr0(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
	}{
		{"", 0}, {"12", 12}, {"-3", -3}, {"x", 0}, {" 7", 0}, {"1.5", 0},
		{"99999999999999999999", math.MaxInt64}, {"-99999999999999999999", math.MinInt64},
	} {
		if got := numberOr0(tc.in); got != tc.want {
			t.Errorf("numberOr0(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestParseClaimForm(t *testing.T) {
	for _, tc := range []struct {
		name              string
		form              url.Values
		assignee, version int64
		start, end        int
	}{
		{"empty", url.Values{}, 0, 0, -1, -1},
		{"numbers", url.Values{"assignee": {"4"}, "version": {"9"}, "start": {"3"}, "end": {"8"}}, 4, 9, 3, 8},
		{"bad numbers", url.Values{"assignee": {"me"}, "version": {"v2"}, "start": {"a"}, "end": {"8"}}, 0, 0, -2, 8},
		{"one offset", url.Values{"start": {"5"}}, 0, 0, 5, -2},
	} {
		f := parseClaimForm(postContext(tc.form, ""))
		in := f.Input
		if in.AssigneeID != tc.assignee || in.Version != tc.version || in.Start != tc.start || in.End != tc.end {
			t.Errorf("%s: got assignee %d version %d start %d end %d", tc.name, in.AssigneeID, in.Version, in.Start, in.End)
		}
		for k, vs := range tc.form {
			if f.values[k] != vs[0] {
				t.Errorf("%s: value %s = %q, want it as typed", tc.name, k, f.values[k])
			}
		}
	}
}

func TestParseClaimStatusForm(t *testing.T) {
	for _, tc := range []struct {
		form    url.Values
		status  int
		version int64
	}{
		{url.Values{"status": {"researching"}, "version": {"2"}}, 0, 2},
		{url.Values{"status": {"researching"}, "version": {"two"}}, 0, 0},
		{url.Values{"status": {"bogus"}, "version": {"2"}}, http.StatusUnprocessableEntity, 0},
		{url.Values{}, http.StatusUnprocessableEntity, 0},
	} {
		f, err := parseClaimStatusForm(postContext(tc.form, ""))
		if statusOf(err) != tc.status || f.Version != tc.version {
			t.Errorf("%v: status %d version %d, want %d %d", tc.form, statusOf(err), f.Version, tc.status, tc.version)
		}
	}
}

func TestParseClaimFilter(t *testing.T) {
	for _, tc := range []struct {
		query             string
		assignee, article int64
	}{
		{"", 0, 0},
		{"assignee=3&article=5", 3, 5},
		{"assignee=three&article=%2B", 0, 0},
		{"assignee=3&mine=1", 42, 0},
	} {
		c := postContext(nil, tc.query)
		c.Set(ctxUser, &auth.User{ID: 42})
		f := parseClaimFilter(c)
		if f.Filter.AssigneeID != tc.assignee || f.Filter.ArticleID != tc.article {
			t.Errorf("%q: assignee %d article %d, want %d %d", tc.query, f.Filter.AssigneeID, f.Filter.ArticleID, tc.assignee, tc.article)
		}
	}
}

func TestParseLinkForms(t *testing.T) {
	for _, tc := range []struct {
		name   string
		parse  func(echo.Context) error
		form   url.Values
		status int
	}{
		{"link twin", func(c echo.Context) error { _, err := parseLinkForm(c); return err }, url.Values{"twin": {"2"}}, 0},
		{"link prior", func(c echo.Context) error { _, err := parseLinkForm(c); return err }, url.Values{"prior": {"2"}}, 0},
		{"link bad", func(c echo.Context) error { _, err := parseLinkForm(c); return err }, url.Values{"twin": {"x"}, "prior": {"-1"}}, 422},
		{"reuse from", func(c echo.Context) error { _, err := parseReuseForm(c); return err }, url.Values{"from": {"2"}}, 0},
		{"reuse bad", func(c echo.Context) error { _, err := parseReuseForm(c); return err }, url.Values{"from": {"x"}}, 422},
		{"carry", func(c echo.Context) error { _, err := parseCarryForm(c); return err }, url.Values{"from": {"2"}}, 0},
		{"carry bad", func(c echo.Context) error { _, err := parseCarryForm(c); return err }, url.Values{"from": {"0"}}, 422},
	} {
		if got := statusOf(tc.parse(postContext(tc.form, ""))); got != tc.status {
			t.Errorf("%s: status %d, want %d", tc.name, got, tc.status)
		}
	}
}

func TestParseRefusals(t *testing.T) {
	for _, tc := range []struct {
		name   string
		parse  func(echo.Context) error
		form   url.Values // nil: a GET with query
		query  string
		status int
	}{
		{"user version", func(c echo.Context) error { _, err := parseUserUpdateForm(c); return err }, url.Values{"version": {"1"}}, "", 0},
		{"user bad version", func(c echo.Context) error { _, err := parseUserUpdateForm(c); return err }, url.Values{"version": {"x"}}, "", 400},
		{"lang", func(c echo.Context) error { _, err := parseLangForm(c); return err }, url.Values{"lang": {"ar"}}, "", 0},
		{"bad lang", func(c echo.Context) error { _, err := parseLangForm(c); return err }, url.Values{"lang": {"xx"}}, "", 400},
		{"queue start", func(c echo.Context) error { _, err := parseReviewQueueQuery(c); return err }, nil, "", 0},
		{"queue cursor", func(c echo.Context) error { _, err := parseReviewQueueQuery(c); return err }, nil, "after=2025-01-02T03:04:05Z_7", 0},
		{"queue bad cursor", func(c echo.Context) error { _, err := parseReviewQueueQuery(c); return err }, nil, "after=2025-01-02_x", 400},
		{"suggestion key", func(c echo.Context) error { _, err := parseSuggestionKey(c); return err }, url.Values{"start": {"1"}, "end": {"5"}, "type": {"quote"}}, "", 0},
		{"suggestion bad key", func(c echo.Context) error { _, err := parseSuggestionKey(c); return err }, url.Values{"start": {"5"}, "end": {"1"}, "type": {"quote"}}, "", 404},
		{"export", func(c echo.Context) error { _, err := parseExportQuery(c); return err }, nil, "format=csv&report_lang=ar", 0},
		{"export bad format", func(c echo.Context) error { _, err := parseExportQuery(c); return err }, nil, "format=doc", 422},
		{"export bad lang", func(c echo.Context) error { _, err := parseExportQuery(c); return err }, nil, "format=csv&report_lang=xx", 422},
	} {
		if got := statusOf(tc.parse(postContext(tc.form, tc.query))); got != tc.status {
			t.Errorf("%s: status %d, want %d", tc.name, got, tc.status)
		}
	}
}

func TestParseAttachForm(t *testing.T) {
	for _, tc := range []struct {
		form     url.Values
		newSrc   bool
		sourceID int64
	}{
		{url.Values{"source_id": {"7"}}, false, 7},
		{url.Values{"source_id": {" 7 "}}, false, 7},
		{url.Values{"source_id": {"seven"}}, false, 0},
		{url.Values{"source_id": {"new"}}, true, 0},
		{url.Values{"src_url": {"https://example.org"}}, true, 0},
	} {
		f := parseAttachForm(postContext(tc.form, ""))
		if f.NewSource != tc.newSrc || f.Evidence.SourceID != tc.sourceID {
			t.Errorf("%v: new %v source %d", tc.form, f.NewSource, f.Evidence.SourceID)
		}
		if tc.newSrc && f.values["source_id"] != "new" {
			t.Errorf("%v: source_id shown as %q, want new", tc.form, f.values["source_id"])
		}
	}
}

func TestParseLabelActionForm(t *testing.T) {
	f := parseLabelActionForm(postContext(url.Values{"version": {"x"}, "move_to": {"y"}, "dir": {"up"}, "retire": {"1"}}, ""))
	if f.Version != 0 || f.MoveTo != 0 || !f.Up || !f.Retire {
		t.Errorf("got %+v", f)
	}
}

// multipartContext posts a file (name, content) with the fields.
func multipartContext(t *testing.T, fields map[string]string, name, content string) echo.Context {
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if name != "" {
		fw, err := w.CreateFormFile("file", name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write([]byte(content))
	}
	w.Close()
	req := httptest.NewRequest(http.MethodPost, "/", &body)
	req.Header.Set(echo.HeaderContentType, w.FormDataContentType())
	return echo.New().NewContext(req, httptest.NewRecorder())
}

func TestArticleFormValidate(t *testing.T) {
	for _, tc := range []struct {
		name, file, content string
		want                string
		body                string
	}{
		{"no file", "", "", "", "pasted"},
		{"empty file", "a.txt", "", "", "pasted"},
		{"text", "a.txt", "from the file", "", "from the file"},
		{"unknown type", "a.exe", "MZ", "err.file_type", "pasted"},
	} {
		f := parseArticleForm(multipartContext(t, map[string]string{"body": "pasted", "title": "T"}, tc.file, tc.content))
		if got := f.validate()["file"]; got != tc.want {
			t.Errorf("%s: file error %q, want %q", tc.name, got, tc.want)
		}
		if f.Body != tc.body || f.values["body"] != "pasted" {
			t.Errorf("%s: body %q, shown %q", tc.name, f.Body, f.values["body"])
		}
	}
}

func TestCSVFileFormValidate(t *testing.T) {
	f := parseCSVFileForm(multipartContext(t, map[string]string{"article": "x"}, "", ""))
	if f.Article != 0 || f.validate()["file"] != "csvimport.err_no_file" || f.values()["article"] != "" {
		t.Errorf("no file: %+v %v", f, f.validate())
	}
	f = parseCSVFileForm(multipartContext(t, map[string]string{"article": "3"}, "c.csv", "a,b\n1,2\n"))
	if f.Article != 3 || f.validate() != nil {
		t.Errorf("a file: %+v %v", f, f.validate())
	}
	if claims.MaxCSVBytes <= 0 {
		t.Fatal("MaxCSVBytes")
	}
}
