package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/fold"
	"github.com/factdesk/factdesk/claims/searchindex"
	"github.com/factdesk/factdesk/web/i18n"
	"github.com/factdesk/factdesk/web/paths"
	"github.com/factdesk/factdesk/web/views"
)

// maxQueryRunes bounds what is read of a query (the words searched for are
// bounded again by the index).
const maxQueryRunes = 500

var searchFields = []string{"q", "kind", "status", "label", "lang", "from", "to", "after"}

// searchRequest reads the search form: the query, its filters (a filter
// that cannot be read is a field error and is left out), the page.
func (s *Server) searchRequest(c echo.Context) (searchindex.Query, views.SearchPage, error) {
	ctx := c.Request().Context()
	l := lang(c)
	f := views.Form{Values: map[string]string{}, Errors: map[string]string{}}
	for _, k := range searchFields {
		f.Values[k] = strings.TrimSpace(c.QueryParam(k))
	}
	if rs := []rune(f.Values["q"]); len(rs) > maxQueryRunes {
		f.Values["q"] = string(rs[:maxQueryRunes])
	}
	q := searchindex.Query{Text: f.V("q"), After: f.V("after")}
	m := views.SearchPage{}
	for _, k := range searchindex.Kinds {
		m.Kinds = append(m.Kinds, views.Option{Value: string(k), Label: l.T("search.group." + string(k))})
	}
	if v := f.V("kind"); v != "" {
		if k, err := searchindex.ParseKind(v); err == nil {
			q.Kinds = []searchindex.Kind{k}
		} else {
			f.Errors["kind"] = "err.invalid"
		}
	} else {
		for _, o := range m.Kinds {
			q.Kinds = append(q.Kinds, searchindex.Kind(o.Value))
		}
	}
	for _, st := range claims.Statuses {
		m.Statuses = append(m.Statuses, views.Option{Value: string(st), Label: l.T("status." + string(st))})
	}
	if v := f.V("status"); v != "" {
		if st, err := claims.ParseStatus(v); err == nil {
			q.Status = string(st)
		} else {
			f.Errors["status"] = "err.invalid"
		}
	}
	labels, err := s.claims.LabelNames(ctx)
	if err != nil {
		return q, m, err
	}
	for _, lab := range labels {
		m.Labels = append(m.Labels, views.Option{Value: strconv.FormatInt(lab.ID, 10), Label: lab.Name(string(l))})
	}
	if v := f.V("label"); v != "" {
		// An unreadable label is 0, which is no label: the field error below.
		id := numberOr0(v)
		for _, lab := range labels {
			if lab.ID == id {
				q.LabelID, q.LabelNames = id, []string{lab.NameEN, lab.NameAR}
			}
		}
		if q.LabelID == 0 {
			f.Errors["label"] = "err.invalid"
		}
	}
	m.Langs = []views.Option{{Value: "ar", Label: l.T("srclang.ar")}, {Value: "en", Label: l.T("srclang.en")}}
	if v := f.V("lang"); v != "" {
		if v == "ar" || v == "en" {
			q.Lang = v
		} else {
			f.Errors["lang"] = "err.invalid"
		}
	}
	for _, k := range []string{"from", "to"} {
		if v := f.V(k); v != "" {
			day, ok := readDay(v)
			if !ok {
				f.Errors[k] = "err.date"
				continue
			}
			f.Values[k] = day
			if k == "from" {
				q.From = day
			} else {
				q.To = day
			}
		}
	}
	m.Form = f
	m.OneKind = f.V("kind") != "" && len(q.Kinds) == 1
	return q, m, nil
}

// readDay accepts YYYY-MM-DD in any digits ("٢٠٢٥-٠١-٢٨") and with "/".
func readDay(s string) (string, bool) {
	s = strings.ReplaceAll(fold.String(s), "/", "-")
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		return "", false
	}
	return d.Format("2006-01-02"), true
}

// search is the search page: one box over claims, prior checks, verdict
// conclusions, articles and sources, with filters; without JavaScript it is
// a plain GET form.
func (s *Server) searchPage(c echo.Context) error {
	m, status, err := s.runSearch(c, 5, 20)
	if err != nil {
		return err
	}
	title := lang(c).T("search.title")
	if q := m.Form.V("q"); q != "" {
		title = q + " · " + title
	}
	return render(c, status, views.SearchView(s.page(c, title, "search"), m))
}

// searchResults is the results part of the search, for the box that shows
// results as you type (the navigation box asks for the compact form).
func (s *Server) searchResults(c echo.Context) error {
	perKind, oneKind := 5, 20
	if c.QueryParam("mode") == "pop" {
		perKind = 3
	}
	m, status, err := s.runSearch(c, perKind, oneKind)
	if err != nil {
		return err
	}
	if c.QueryParam("mode") == "pop" {
		return render(c, status, views.SearchPopup(s.part(c, "search"), m))
	}
	return render(c, status, views.SearchResults(s.part(c, "search"), m))
}

func (s *Server) runSearch(c echo.Context, perKind, oneKind int) (views.SearchPage, int, error) {
	ctx := c.Request().Context()
	l := lang(c)
	q, m, err := s.searchRequest(c)
	if err != nil {
		return m, 0, err
	}
	q.PerKind = perKind
	if m.OneKind {
		q.PerKind = oneKind
	}
	res, err := s.index.Search(ctx, q)
	if err != nil {
		return m, 0, err
	}
	m.Searched, m.SomeWords = !res.Empty, res.SomeWords
	for _, g := range res.Groups {
		hits, err := s.searchHits(ctx, l, g, res.Terms)
		if err != nil {
			return m, 0, err
		}
		if len(hits) == 0 {
			continue
		}
		sg := views.SearchGroup{Kind: string(g.Kind), Hits: hits}
		switch {
		case g.More && m.OneKind:
			sg.MoreHref = searchHref(m.Form, map[string]string{"after": g.Next})
		case g.More:
			// From the overview, "more" opens the kind's own list from its start.
			sg.MoreHref = searchHref(m.Form, map[string]string{"kind": string(g.Kind), "after": ""})
		}
		m.Groups = append(m.Groups, sg)
		m.Total += len(hits)
	}
	if m.OneKind {
		m.AllHref = searchHref(m.Form, map[string]string{"kind": "", "after": ""})
	}
	status := http.StatusOK
	if m.Form.HasErrors() {
		status = http.StatusUnprocessableEntity
	}
	return m, status, nil
}

// searchHref is the search URL of the form's values, with some replaced.
func searchHref(f views.Form, set map[string]string) string {
	v := url.Values{}
	for _, k := range searchFields {
		val := f.V(k)
		if x, ok := set[k]; ok {
			val = x
		}
		if val != "" && f.Err(k) == "" {
			v.Set(k, val)
		}
	}
	return paths.SearchWith(v)
}

// snippetRunes is the length of a snippet of a long text.
const snippetRunes = 220

func segments(text string, terms []searchindex.Term, max int) []views.Piece {
	segs := searchindex.Highlight(text, terms, max)
	out := make([]views.Piece, len(segs))
	for i, s := range segs {
		out[i] = views.Piece{Text: s.Text, Mark: s.Mark}
	}
	return out
}

func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// searchHits reads the records of a group from their domain and shows
// each with its matching words marked.
func (s *Server) searchHits(ctx context.Context, l i18n.Lang, g searchindex.Group, terms []searchindex.Term) ([]views.SearchHit, error) {
	ids := make([]int64, len(g.Hits))
	for i, h := range g.Hits {
		ids[i] = h.Ref
	}
	var out []views.SearchHit
	switch g.Kind {
	case searchindex.KindClaim:
		cs, err := s.claims.ClaimsByID(ctx, ids)
		if err != nil {
			return nil, err
		}
		pub, err := s.claims.PublishedVerdicts(ctx, ids)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			c, ok := cs[id]
			if !ok {
				continue
			}
			h := views.SearchHit{Href: paths.Claim(id), Title: segments(c.Statement, terms, snippetRunes), Lang: c.Lang,
				Meta: []string{l.T("status." + string(c.Status)), l.T("type." + string(c.Type))}}
			if c.Restatement != "" {
				h.Snippet = segments(c.Restatement, terms, snippetRunes)
			}
			if c.Claimant != "" {
				h.Meta = append(h.Meta, c.Claimant)
			}
			if c.ArticleTitle != "" {
				h.Context = c.ArticleTitle
			}
			if v, ok := pub[id]; ok {
				b := badge(l, v.Label)
				h.Label = &b
			}
			out = append(out, h)
		}
	case searchindex.KindVerdict:
		vs, err := s.claims.VerdictsByID(ctx, ids)
		if err != nil {
			return nil, err
		}
		var claimIDs []int64
		for _, v := range vs {
			claimIDs = append(claimIDs, v.ClaimID)
		}
		cs, err := s.claims.ClaimsByID(ctx, claimIDs)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			v, ok := vs[id]
			if !ok {
				continue
			}
			c := cs[v.ClaimID]
			b := badge(l, v.Label)
			out = append(out, views.SearchHit{Href: paths.Claim(v.ClaimID) + "#verdict", Title: segments(v.Conclusion, terms, snippetRunes),
				Lang: c.Lang, Label: &b, Meta: []string{l.T("vstate." + string(v.State))},
				Context: l.F("search.on_claim", shorten(c.Statement, 120))})
		}
	case searchindex.KindArticle:
		as, err := s.claims.ArticleMap(ctx, ids)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			a, ok := as[id]
			if !ok {
				continue
			}
			h := views.SearchHit{Href: paths.Article(id), Title: segments(a.Title, terms, 0), Lang: a.Lang,
				Snippet: segments(a.Body, terms, snippetRunes)}
			for _, x := range []string{a.Outlet, a.Author, a.PublishedOn} {
				if x != "" {
					h.Meta = append(h.Meta, x)
				}
			}
			out = append(out, h)
		}
	case searchindex.KindSource:
		ss, err := s.sources.SourceMap(ctx, ids)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			src, ok := ss[id]
			if !ok {
				continue
			}
			h := views.SearchHit{Href: paths.Source(id), Title: segments(src.Title, terms, 0), Lang: src.Lang,
				Meta: []string{l.T("kind." + string(src.Kind))}}
			for _, x := range []string{src.Publisher, src.Author, src.PublishedOn} {
				if x != "" {
					h.Meta = append(h.Meta, x)
				}
			}
			if src.Notes != "" {
				h.Snippet = segments(src.Notes, terms, snippetRunes)
			}
			h.Context = src.URL
			out = append(out, h)
		}
	case searchindex.KindPrior:
		ps, err := s.claims.PriorChecksByID(ctx, ids)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			p, ok := ps[id]
			if !ok {
				continue
			}
			h := views.SearchHit{Href: paths.PriorCheck(id), Title: segments(p.ClaimText, terms, snippetRunes), Lang: p.Lang,
				Rating: p.Rating}
			for _, x := range []string{p.PublisherName, p.Claimant, p.ReviewDate} {
				if x != "" {
					h.Meta = append(h.Meta, x)
				}
			}
			if p.ReviewTitle != "" {
				h.Snippet = segments(p.ReviewTitle, terms, snippetRunes)
			}
			out = append(out, h)
		}
	}
	return out, nil
}

func idStr(n int64) string { return strconv.FormatInt(n, 10) }
