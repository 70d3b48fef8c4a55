package web

import (
	"mime/multipart"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/web/views"
)

// csvFileForm uploads a CSV file of claims, for an article or none.
type csvFileForm struct {
	Article int64
	File    *multipart.FileHeader // nil: none could be read
}

func parseCSVFileForm(c echo.Context) csvFileForm {
	// Unchanged (follow-up): an unreadable article is 0, no article.
	f := csvFileForm{Article: numberOr0(c.FormValue("article"))}
	if fh, err := c.FormFile("file"); err == nil {
		f.File = fh
	} // else no file, or one that cannot be read: validate says so
	return f
}

// values is the form shown again: the article as read.
func (f csvFileForm) values() map[string]string {
	return map[string]string{"article": idOrEmpty(f.Article)}
}

// validate: the web checks the file is there and not too large; what is
// in it is the domain's (claims.FieldErrors).
func (f csvFileForm) validate() map[string]string {
	switch {
	case f.File == nil:
		return map[string]string{"file": "csvimport.err_no_file"}
	case f.File.Size > claims.MaxCSVBytes:
		return map[string]string{"file": "err.csv_too_large"}
	}
	return nil
}

// csvUploadQuery opens the upload form for an article.
func parseCSVUploadQuery(c echo.Context) int64 {
	// Unchanged (follow-up): an unreadable article is 0, no article.
	return numberOr0(c.QueryParam("article"))
}

// csvMappingForm is the mapping step: a column choice per header of the
// file, and the article; the rules are the domain's (claims.FieldErrors).
type csvMappingForm struct {
	form  views.Form // as chosen, for the form shown again
	Input claims.CSVImport
}

func parseCSVMappingForm(c echo.Context, columns int) csvMappingForm {
	f := views.Form{Values: map[string]string{"article": c.FormValue("article")}}
	in := claims.CSVImport{TypeNames: typeNames()}
	// Unchanged (follow-up): an unreadable article is 0, no article.
	in.ArticleID = numberOr0(f.V("article"))
	for i := 0; i < columns; i++ {
		k := "col-" + strconv.Itoa(i)
		f.Values[k] = c.FormValue(k)
		in.Mapping = append(in.Mapping, claims.Column(f.V(k)))
	}
	return csvMappingForm{form: f, Input: in}
}

// priorFileForm uploads a ClaimReview file.
type priorFileForm struct {
	File *multipart.FileHeader
}

func parsePriorFileForm(c echo.Context) (priorFileForm, error) {
	fh, err := c.FormFile("file")
	return priorFileForm{File: fh}, err
}

// priorFilterForm is the prior checks list's filter; its rules are the
// domain's (claims.FieldErrors).
type priorFilterForm struct {
	form   views.Form // as asked for, for the filter form
	Filter claims.PriorFilter
}

func parsePriorFilter(c echo.Context) priorFilterForm {
	f := views.Form{Values: map[string]string{}}
	for _, k := range []string{"publisher", "lang", "rating", "after"} {
		f.Values[k] = c.QueryParam(k)
	}
	return priorFilterForm{form: f, Filter: claims.PriorFilter{Publisher: f.V("publisher"), Lang: f.V("lang"), Rating: f.V("rating"), After: f.V("after")}}
}
