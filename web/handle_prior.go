package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/claimreview"
	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/i18n"
	"github.com/factdesk/factdesk/web/paths"
	"github.com/factdesk/factdesk/web/views"
)

func (s *Server) priorList(c echo.Context) error {
	ctx := c.Request().Context()
	l := lang(c)
	filter := parsePriorFilter(c)
	f := filter.form
	page, err := s.claims.PriorChecks(ctx, filter.Filter)
	status := http.StatusOK
	var fe claims.FieldErrors
	if errors.As(err, &fe) {
		f.Errors, status = fe, http.StatusUnprocessableEntity
	} else if err != nil {
		return err
	}
	facets, err := s.claims.PriorFacets(ctx)
	if err != nil {
		return err
	}
	m := views.PriorListPage{Filter: f, Total: facets.Total}
	m.Publishers = facetOptions(l, facets.Publishers, f.V("publisher"), nil)
	m.Langs = facetOptions(l, facets.Langs, f.V("lang"), func(v string) string { return langName(l, v) })
	m.Ratings = facetOptions(l, facets.Ratings, f.V("rating"), nil)
	for _, pc := range page.Checks {
		m.Items = append(m.Items, views.PriorItem{ID: pc.ID, ClaimText: pc.ClaimText, Claimant: pc.Claimant, Publisher: publisherOf(pc),
			Rating: pc.Rating, ReviewDate: firstNonEmpty(pc.ReviewDate, pc.ReviewDateText), Lang: pc.Lang})
	}
	if page.Next != "" {
		q := url.Values{}
		for _, k := range []string{"publisher", "lang", "rating"} {
			if v := f.V(k); v != "" {
				q.Set(k, v)
			}
		}
		q.Set("after", page.Next)
		m.Next = paths.PriorChecksWith(q)
	}
	return render(c, status, views.PriorListView(s.page(c, l.T("prior.title"), "prior"), m))
}

// facetOptions lists filter values with their counts; a value asked for but
// not among the most frequent is kept, so the form shows what is applied.
func facetOptions(l i18n.Lang, facets []claims.Facet, cur string, label func(string) string) []views.Option {
	out := make([]views.Option, 0, len(facets)+1)
	found := cur == ""
	for _, f := range facets {
		name := f.Value
		if label != nil {
			name = label(f.Value)
		}
		out = append(out, views.Option{Value: f.Value, Label: facetLabel(name) + " (" + l.Num(f.N) + ")"})
		found = found || f.Value == cur
	}
	if !found {
		out = append(out, views.Option{Value: cur, Label: facetLabel(cur)})
	}
	return out
}

func langName(l i18n.Lang, code string) string {
	if i18n.Has("lang." + code) {
		return l.T("lang." + code)
	}
	return code
}

func publisherOf(pc claims.PriorCheck) string {
	if pc.PublisherName != "" {
		return pc.PublisherName
	}
	return pc.PublisherSite
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

func (s *Server) priorShow(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	pc, err := s.claims.PriorCheck(c.Request().Context(), id)
	if err != nil {
		return domainError(err)
	}
	l := lang(c)
	m := views.PriorPage{ID: pc.ID, ClaimText: pc.ClaimText, Claimant: pc.Claimant, ClaimDate: pc.ClaimDate, ClaimDateText: pc.ClaimDateText,
		PublisherName: pc.PublisherName, PublisherSite: pc.PublisherSite, ReviewTitle: pc.ReviewTitle, Rating: pc.Rating,
		RatingNumbers: ratingNumbers(l, pc), Lang: pc.Lang, LangName: langName(l, pc.Lang), ReviewDate: pc.ReviewDate,
		ReviewDateText: pc.ReviewDateText, Raw: prettyJSON(pc.Raw), ImportID: pc.ImportID}
	if claims.CheckURL(pc.ReviewURL) == "" {
		m.ReviewURL, m.ReviewURLText = pc.ReviewURL, readableURL(pc.ReviewURL)
	}
	if u := currentUser(c); u != nil {
		m.ShowImport = u.Role.AtLeast(auth.Editor)
	}
	return render(c, http.StatusOK, views.PriorView(s.page(c, l.T("prior.check"), "prior"), m))
}

// readableURL decodes percent-encoding for display (Arabic slugs become
// Arabic again); the link itself keeps the URL as stored.
func readableURL(u string) string {
	d, err := url.PathUnescape(u)
	if err != nil || !utf8.ValidString(d) || strings.ContainsAny(d, "\x00\n\r") {
		return u
	}
	return d
}

// facetLabel keeps option labels short: some desks paste whole paragraphs
// into the rating field.
func facetLabel(s string) string {
	const max = 60
	if r := []rune(s); len(r) > max {
		return string(r[:max]) + "…"
	}
	return s
}

func ratingNumbers(l i18n.Lang, pc claims.PriorCheck) string {
	if pc.RatingValue == nil {
		return ""
	}
	num := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
	s := num(*pc.RatingValue)
	if pc.BestRating != nil {
		s += " / " + num(*pc.BestRating)
	}
	if pc.WorstRating != nil {
		s += " (" + l.F("prior.worst", num(*pc.WorstRating)) + ")"
	}
	return s
}

func prettyJSON(raw string) string {
	var v any
	if json.Unmarshal([]byte(raw), &v) != nil {
		return raw
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return raw
	}
	return string(b)
}

func (s *Server) priorImportForm(c echo.Context) error {
	return s.renderPriorImportForm(c, http.StatusOK, views.Form{})
}

func (s *Server) renderPriorImportForm(c echo.Context, status int, f views.Form) error {
	l := lang(c)
	recent, err := s.claims.PriorImports(c.Request().Context(), 10)
	if err != nil {
		return err
	}
	m := views.PriorImportFormPage{Form: f, LimitMB: claimreview.MaxBytes >> 20}
	for _, r := range recent {
		m.Recent = append(m.Recent, importSummary(r))
	}
	return render(c, status, views.PriorImportFormView(s.page(c, l.T("prior.import_title"), "prior"), m))
}

func importSummary(r claims.PriorImport) views.ImportSummary {
	return views.ImportSummary{ID: r.ID, Source: r.Source, UserName: r.UserName, At: r.CreatedAt.Format("2006-01-02 15:04"),
		Added: int64(r.Added), Duplicates: int64(r.Duplicates), Failed: int64(r.Failed)}
}

// priorImport reads an uploaded ClaimReview file and stores its records.
func (s *Server) priorImport(c echo.Context) error {
	l := lang(c)
	f := views.Form{Values: map[string]string{}, Errors: map[string]string{}}
	form, err := parsePriorFileForm(c)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return echo.NewHTTPError(http.StatusRequestEntityTooLarge, "prior.err_too_large")
		}
		f.Errors["file"] = "prior.err_no_file"
		return s.renderPriorImportForm(c, http.StatusUnprocessableEntity, f)
	}
	fh := form.File
	file, err := fh.Open()
	if err != nil {
		return err
	}
	defer file.Close()
	imp, err := s.claims.ImportPriorChecks(c.Request().Context(), actor(c), fh.Filename, claimreview.NewDecoder(file))
	var p *claimreview.Problem
	if errors.As(err, &p) {
		f.Errors["file"] = "prior.reason." + string(p.Reason)
		f.Values["file_detail"] = problemDetail(l, p.Pos, p.Detail)
		status := http.StatusUnprocessableEntity
		if p.Reason == claimreview.ReasonTooLarge {
			status = http.StatusRequestEntityTooLarge
		}
		return s.renderPriorImportForm(c, status, f)
	}
	if err != nil {
		return err
	}
	if imp.Added == 0 && imp.Records > 0 {
		s.flash(c, "warn", "prior.flash_nothing_new", l.Num(int64(imp.Records)))
	} else {
		s.flash(c, "ok", "prior.flash_imported", l.Num(int64(imp.Added)), l.Num(int64(imp.Duplicates)), l.Num(int64(imp.Failed)))
	}
	return redirect(c, paths.PriorCheckImport(imp.ID))
}

// problemDetail is where a problem is and its technical detail, for the
// upload form.
func problemDetail(l i18n.Lang, pos claimreview.Position, detail string) string {
	where := positionText(l, pos)
	if detail == "" {
		return where
	}
	return where + " — " + detail
}

// positionText writes a position in the interface language.
func positionText(l i18n.Lang, p claimreview.Position) string {
	var parts []string
	add := func(key string, n int64) {
		if n > 0 {
			parts = append(parts, l.F(key, l.Num(n)))
		}
	}
	add("prior.pos.line", int64(p.Line))
	add("prior.pos.block", int64(p.Block))
	add("prior.pos.item", int64(p.Item))
	add("prior.pos.offset", p.Offset)
	add("prior.pos.graph", int64(p.Graph))
	add("prior.pos.review", int64(p.Review))
	if len(parts) == 0 {
		return l.T("prior.pos.file")
	}
	sep := ", "
	if l == i18n.AR {
		sep = "، "
	}
	return strings.Join(parts, sep)
}

func (s *Server) priorImportShow(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	imp, err := s.claims.PriorImport(c.Request().Context(), id)
	if err != nil {
		return domainError(err)
	}
	l := lang(c)
	m := views.PriorImportPage{Summary: importSummary(imp), Format: imp.Format, Records: int64(imp.Records), Noted: int64(imp.Noted),
		Truncated: imp.Truncated > 0}
	for _, p := range imp.Problems {
		vp := views.ImportProblem{Where: positionText(l, p.Pos), Reason: l.T("prior.reason." + string(p.Reason)), Detail: p.Detail}
		if p.Kept {
			m.Remarks = append(m.Remarks, vp)
		} else {
			m.Refused = append(m.Refused, vp)
		}
	}
	return render(c, http.StatusOK, views.PriorImportView(s.page(c, l.F("prior.import_number", strconv.FormatInt(imp.ID, 10)), "prior"), m))
}
