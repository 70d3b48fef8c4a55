package web

import (
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/sources"
	"github.com/factdesk/factdesk/web/views"
)

var sourceFormFields = []string{"url", "title", "publisher", "author", "kind", "lang", "published_on", "accessed_on", "archive_url", "notes", "version"}

// sourceForm is the library's new-source and edit-source form; the rules
// are the domain's (sources.FieldErrors).
type sourceForm struct {
	values map[string]string // as typed, for the form shown again
	Input  sources.Input
}

func parseSourceForm(c echo.Context) sourceForm {
	v := formValues(c, sourceFormFields)
	return sourceForm{values: v, Input: sourceInput(v, "")}
}

// sourceInput reads a source from form values whose names start with prefix.
func sourceInput(v map[string]string, prefix string) sources.Input {
	// Unchanged (follow-up): a missing or unreadable version is 0, which
	// the store refuses as a conflict on edit and ignores on create.
	return sources.Input{URL: v[prefix+"url"], Title: v[prefix+"title"], Publisher: v[prefix+"publisher"], Author: v[prefix+"author"],
		Kind: v[prefix+"kind"], Lang: v[prefix+"lang"], PublishedOn: v[prefix+"published_on"], AccessedOn: v[prefix+"accessed_on"],
		ArchiveURL: v[prefix+"archive_url"], Notes: v[prefix+"notes"], Version: numberOr0(v["version"])}
}

// sourceFilterForm is the library list's filter; its rules are the
// domain's (sources.FieldErrors).
type sourceFilterForm struct {
	form   views.Form // the filter as asked for, for the filter form
	Filter sources.Filter
}

func parseSourceFilter(c echo.Context) sourceFilterForm {
	q := c.QueryParams()
	f := views.Form{Values: map[string]string{}}
	for _, k := range []string{"q", "kind", "lang", "after"} {
		f.Values[k] = q.Get(k)
	}
	return sourceFilterForm{form: f, Filter: sources.Filter{Text: f.V("q"), Kind: f.V("kind"), Lang: f.V("lang"), After: f.V("after")}}
}

// sourceSearchQuery is the attach form's search as you type.
type sourceSearchQuery struct {
	Text string // trimmed; "" asks nothing
}

func parseSourceSearch(c echo.Context) sourceSearchQuery {
	return sourceSearchQuery{Text: strings.TrimSpace(c.QueryParam("q"))}
}

func sourceValues(src sources.Source) map[string]string {
	return map[string]string{"url": src.URL, "title": src.Title, "publisher": src.Publisher, "author": src.Author,
		"kind": string(src.Kind), "lang": src.Lang, "published_on": src.PublishedOn, "accessed_on": src.AccessedOn,
		"archive_url": src.ArchiveURL, "notes": src.Notes, "version": strconv.FormatInt(src.Version, 10)}
}
