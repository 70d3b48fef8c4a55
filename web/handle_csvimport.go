package web

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/web/i18n"
	"github.com/factdesk/factdesk/web/paths"
	"github.com/factdesk/factdesk/web/views"
)

// csvPreviewRows is how many rows the mapping step shows.
const csvPreviewRows = 5

// articleOptions lists the most recent articles for the import target, with
// the chosen one kept even when it is older, and "no article" first.
func (s *Server) articleOptions(c echo.Context, chosen int64) ([]views.Option, error) {
	ctx := c.Request().Context()
	page, err := s.claims.Articles(ctx, 0, 200)
	if err != nil {
		return nil, err
	}
	opts := []views.Option{{Value: "", Label: lang(c).T("csvimport.no_article")}}
	found := chosen == 0
	for _, a := range page.Articles {
		opts = append(opts, views.Option{Value: strconv.FormatInt(a.ID, 10), Label: a.Title})
		found = found || a.ID == chosen
	}
	if !found {
		if a, err := s.claims.Article(ctx, chosen); err == nil {
			opts = append(opts, views.Option{Value: strconv.FormatInt(a.ID, 10), Label: a.Title})
		}
	}
	return opts, nil
}

func (s *Server) csvUploadForm(c echo.Context) error {
	article := parseCSVUploadQuery(c)
	f := views.Form{Values: map[string]string{"article": idOrEmpty(article)}}
	return s.renderCSVUpload(c, http.StatusOK, f, article)
}

func idOrEmpty(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

func (s *Server) renderCSVUpload(c echo.Context, status int, f views.Form, article int64) error {
	opts, err := s.articleOptions(c, article)
	if err != nil {
		return err
	}
	m := views.CSVUploadPage{Form: f, Articles: opts}
	return render(c, status, views.CSVUploadView(s.page(c, lang(c).T("csvimport.title"), "claims"), m))
}

// csvUpload keeps the uploaded file in the database and sends the user to
// the mapping step.
func (s *Server) csvUpload(c echo.Context) error {
	form := parseCSVFileForm(c)
	article := form.Article
	f := views.Form{Values: form.values(), Errors: map[string]string{}}
	if errs := form.validate(); errs != nil {
		f.Errors = errs
		return s.renderCSVUpload(c, http.StatusUnprocessableEntity, f, article)
	}
	fh := form.File
	file, err := fh.Open()
	if err != nil {
		return err
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, claims.MaxCSVBytes+1))
	if err != nil {
		return err
	}
	up, err := s.claims.CreateCSVUpload(c.Request().Context(), actor(c), article, fh.Filename, data)
	var fe claims.FieldErrors
	if errors.As(err, &fe) {
		if fe["article"] != "" {
			f.Values["article"] = ""
		}
		f.Errors = fe
		return s.renderCSVUpload(c, http.StatusUnprocessableEntity, f, 0)
	}
	if err != nil {
		return err
	}
	return redirect(c, paths.CSVImport(up.ID))
}

// csvMapping shows the mapping step, or the outcome once imported.
func (s *Server) csvMapping(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	up, err := s.claims.CSVUpload(c.Request().Context(), actor(c), id)
	if err != nil {
		return domainError(err)
	}
	if up.Done {
		return s.renderCSVResult(c, up)
	}
	table, err := claims.ReadCSV([]byte(up.Content))
	if err != nil {
		return err // it was checked at upload
	}
	f := views.Form{Values: map[string]string{"article": idOrEmpty(up.ArticleID)}}
	guess := claims.GuessColumns(table.Header)
	for i, g := range guess {
		f.Values["col-"+strconv.Itoa(i)] = string(g)
	}
	return s.renderCSVMapping(c, http.StatusOK, up, table, f)
}

func (s *Server) renderCSVMapping(c echo.Context, status int, up claims.CSVUpload, table claims.CSVTable, f views.Form) error {
	l := lang(c)
	// Unchanged (follow-up): an unreadable article is 0, none chosen.
	chosen := numberOr0(f.V("article"))
	opts, err := s.articleOptions(c, chosen)
	if err != nil {
		return err
	}
	m := views.CSVMappingPage{ID: up.ID, FileName: up.FileName, Form: f, Articles: opts, RowCount: int64(len(table.Rows))}
	for _, col := range claims.Columns {
		m.Choices = append(m.Choices, views.Option{Value: string(col), Label: l.T("csvimport.col." + string(col))})
	}
	for i, h := range table.Header {
		m.Columns = append(m.Columns, views.CSVColumn{Index: i, Header: h, Choice: f.V("col-" + strconv.Itoa(i))})
	}
	for _, r := range table.Rows {
		if len(m.Preview) == csvPreviewRows {
			break
		}
		row := make([]string, len(table.Header))
		copy(row, r.Cells)
		m.Preview = append(m.Preview, row)
	}
	return render(c, status, views.CSVMappingView(s.page(c, l.T("csvimport.mapping_title"), "claims"), m))
}

// csvImport imports the rows with the chosen mapping.
func (s *Server) csvImport(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	up, err := s.claims.CSVUpload(ctx, actor(c), id)
	if err != nil {
		return domainError(err)
	}
	if up.Done {
		s.flash(c, "warn", "csvimport.already")
		return redirect(c, paths.CSVImport(id))
	}
	table, err := claims.ReadCSV([]byte(up.Content))
	if err != nil {
		return err
	}
	form := parseCSVMappingForm(c, len(table.Header))
	f := form.form
	done, err := s.claims.ImportCSV(ctx, actor(c), id, form.Input)
	var fe claims.FieldErrors
	switch {
	case errors.As(err, &fe):
		f.Errors = fe
		if fe["article"] != "" {
			f.Values["article"] = ""
		}
		return s.renderCSVMapping(c, http.StatusUnprocessableEntity, up, table, f)
	case errors.Is(err, claims.ErrAlreadyImported):
		s.flash(c, "warn", "csvimport.already")
	case err != nil:
		return err
	default:
		l := lang(c)
		s.flash(c, "ok", "csvimport.flash_done", l.Num(int64(done.Added)), l.Num(int64(len(done.Problems))))
	}
	return redirect(c, paths.CSVImport(id))
}

// typeNames maps the type names of both interface languages to types, so a
// file may say "Market figure" or "رقم سوقي" (or part of a name: "مال").
func typeNames() map[string]claims.Type {
	out := map[string]claims.Type{}
	for _, t := range claims.Types {
		for _, l := range []i18n.Lang{i18n.EN, i18n.AR} {
			name := l.T("type." + string(t))
			out[claims.FoldTypeName(name)] = t
			for _, part := range strings.Split(name, "/") {
				if p := claims.FoldTypeName(part); p != "" {
					out[p] = t
				}
			}
		}
	}
	return out
}

func (s *Server) renderCSVResult(c echo.Context, up claims.CSVUpload) error {
	l := lang(c)
	m := views.CSVResultPage{ID: up.ID, FileName: up.FileName, Added: int64(up.Added), ArticleID: up.ArticleID}
	if up.ArticleID != 0 {
		if a, err := s.claims.Article(c.Request().Context(), up.ArticleID); err == nil {
			m.ArticleTitle = a.Title
		}
	}
	for _, p := range up.Problems {
		rp := views.RowProblem{Line: int64(p.Line), Reason: l.T(p.Key)}
		if p.Field != "" {
			rp.Field = historyField(l, p.Field)
		}
		m.Problems = append(m.Problems, rp)
	}
	return render(c, http.StatusOK, views.CSVResultView(s.page(c, l.T("csvimport.result_title"), "claims"), m))
}
