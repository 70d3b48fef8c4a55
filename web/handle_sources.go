package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/sources"
	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/i18n"
	"github.com/factdesk/factdesk/web/paths"
	"github.com/factdesk/factdesk/web/views"
)

// safeLink returns u when it may be rendered as a link (an http or https
// URL, checked again at render time), else "" and the URL is shown as text.
func safeLink(u string) string {
	if _, err := sources.CheckURL(u); err != nil {
		return ""
	}
	return u
}

// langTag is a source language as a lang attribute ("" when unstated).
func langTag(code string) string {
	if code == "other" {
		return ""
	}
	return code
}

func langLabel(l i18n.Lang, code string) string {
	if code == "" {
		return l.T("sources.lang_unstated")
	}
	return l.T("srclang." + code)
}

func kindOptions(l i18n.Lang) []views.Option {
	out := make([]views.Option, len(sources.Kinds))
	for i, k := range sources.Kinds {
		out[i] = views.Option{Value: string(k), Label: l.T("kind." + string(k))}
	}
	return out
}

// langOptions lists source languages; withUnstated adds "not stated" (for
// forms; filters have "any").
func langOptions(l i18n.Lang, withUnstated bool) []views.Option {
	var out []views.Option
	if withUnstated {
		out = append(out, views.Option{Value: "", Label: l.T("sources.lang_unstated")})
	}
	for _, code := range sources.Languages {
		out = append(out, views.Option{Value: code, Label: l.T("srclang." + code)})
	}
	return out
}

func stanceOptions(l i18n.Lang) []views.Option {
	out := make([]views.Option, len(sources.Stances))
	for i, st := range sources.Stances {
		out[i] = views.Option{Value: string(st), Label: l.T("stance." + string(st))}
	}
	return out
}

// today is the date the forms propose for "accessed".
func today() string { return time.Now().UTC().Format("2006-01-02") }

func (s *Server) sourceList(c echo.Context) error {
	l := lang(c)
	q := c.QueryParams()
	filter := parseSourceFilter(c)
	f := filter.form
	page, err := s.sources.Sources(c.Request().Context(), filter.Filter)
	status := http.StatusOK
	var fe sources.FieldErrors
	if errors.As(err, &fe) {
		f.Errors, status = fe, http.StatusUnprocessableEntity
	} else if err != nil {
		return err
	}
	m := views.SourceListPage{Filter: f, Kinds: kindOptions(l), Langs: langOptions(l, false),
		Empty: f.V("q") == "" && f.V("kind") == "" && f.V("lang") == "" && f.V("after") == ""}
	for _, it := range page.Sources {
		m.Sources = append(m.Sources, views.SourceItem{ID: it.ID, Title: it.Title, Publisher: it.Publisher, Kind: string(it.Kind),
			Lang: langTag(it.Lang), LangLabel: langLabel(l, it.Lang), PublishedOn: it.PublishedOn, Claims: it.Claims})
	}
	if page.Next != "" {
		nq := url.Values{}
		for k, vs := range q {
			nq[k] = vs
		}
		nq.Set("after", page.Next)
		m.Next = paths.SourcesWith(nq)
	}
	return render(c, status, views.SourceListView(s.page(c, l.T("sources.title"), "sources"), m))
}

// sourceHit is one answer of the search as you type.
type sourceHit struct {
	ID        int64  `json:"id"`
	Title     string `json:"title"`
	Publisher string `json:"publisher"`
	URL       string `json:"url"`
	Lang      string `json:"lang"`
}

// sourceSearch answers the attach form's search as you type with JSON; the
// script builds the choices with textContent, never as HTML.
func (s *Server) sourceSearch(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "no-store")
	q := parseSourceSearch(c).Text
	hits := []sourceHit{}
	if q == "" {
		return c.JSON(http.StatusOK, map[string]any{"sources": hits})
	}
	page, err := s.sources.Sources(c.Request().Context(), sources.Filter{Text: q, Limit: 10})
	var fe sources.FieldErrors
	if errors.As(err, &fe) {
		return c.JSON(http.StatusUnprocessableEntity, map[string]any{"sources": hits, "error": lang(c).T(fe["q"])})
	} else if err != nil {
		return err
	}
	for _, it := range page.Sources {
		hits = append(hits, sourceHit{ID: it.ID, Title: it.Title, Publisher: it.Publisher, URL: it.URL, Lang: langTag(it.Lang)})
	}
	return c.JSON(http.StatusOK, map[string]any{"sources": hits})
}

func (s *Server) sourceFormPage(c echo.Context, f views.Form, isNew bool, id int64) views.SourceFormPage {
	l := lang(c)
	m := views.SourceFormPage{Form: f, IsNew: isNew, Kinds: kindOptions(l), Langs: langOptions(l, true), Action: paths.Sources}
	if !isNew {
		m.Action = paths.Source(id)
	}
	return m
}

func (s *Server) sourceNewForm(c echo.Context) error {
	f := views.Form{Values: map[string]string{"kind": string(sources.KindNews), "accessed_on": today()}}
	return render(c, http.StatusOK, views.SourceFormView(s.page(c, lang(c).T("sources.add"), "sources"), s.sourceFormPage(c, f, true, 0)))
}

func (s *Server) sourceCreate(c echo.Context) error {
	l := lang(c)
	form := parseSourceForm(c)
	v := form.values
	src, err := s.sources.CreateSource(c.Request().Context(), currentUser(c).ID, form.Input)
	var fe sources.FieldErrors
	var dup *sources.DuplicateError
	switch {
	case errors.As(err, &fe):
		m := s.sourceFormPage(c, views.Form{Values: v, Errors: fe}, true, 0)
		return render(c, http.StatusUnprocessableEntity, views.SourceFormView(s.page(c, l.T("sources.add"), "sources"), m))
	case errors.As(err, &dup):
		m := s.sourceFormPage(c, views.Form{Values: v}, true, 0)
		m.Duplicate = &views.SourceRef{ID: dup.Existing.ID, Title: dup.Existing.Title}
		return render(c, http.StatusConflict, views.SourceFormView(s.page(c, l.T("sources.add"), "sources"), m))
	case err != nil:
		return err
	}
	s.flash(c, "ok", "sources.created")
	return redirect(c, paths.Source(src.ID))
}

func (s *Server) sourceShow(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return s.renderSource(c, id, http.StatusOK, nil)
}

// renderSource shows a source; refused lists the claims that kept a delete
// from happening.
func (s *Server) renderSource(c echo.Context, id int64, status int, refused []sources.ClaimUse) error {
	ctx := c.Request().Context()
	l := lang(c)
	src, err := s.sources.Source(ctx, id)
	if err != nil {
		return domainError(err)
	}
	uses := refused
	if uses == nil {
		if uses, err = s.sources.ClaimUses(ctx, id); err != nil {
			return err
		}
	}
	hist, err := s.sources.History(ctx, id)
	if err != nil {
		return err
	}
	u := currentUser(c)
	m := views.SourcePage{ID: src.ID, Title: src.Title, URL: src.URL, LinkURL: safeLink(src.URL), ArchiveURL: src.ArchiveURL,
		ArchiveLink: safeLink(src.ArchiveURL), Publisher: src.Publisher, Author: src.Author, PublishedOn: src.PublishedOn,
		AccessedOn: src.AccessedOn, Kind: string(src.Kind), Lang: langTag(src.Lang), LangLabel: langLabel(l, src.Lang), Notes: src.Notes,
		CanDelete: u != nil && u.Role.AtLeast(auth.Editor), DeleteRefused: refused != nil}
	for _, cu := range uses {
		m.Uses = append(m.Uses, views.SourceUse{ClaimID: cu.ClaimID, Statement: cu.Statement, Stance: string(cu.Stance)})
	}
	for i := len(hist) - 1; i >= 0; i-- {
		h := hist[i]
		item := views.HistoryItem{At: h.At, Who: h.UserName, Action: h.Action}
		for _, ch := range h.Changes {
			item.Changes = append(item.Changes, changeLabel(l, ch.Field, ch.Old, ch.New))
		}
		m.History = append(m.History, item)
	}
	return render(c, status, views.SourceView(s.page(c, src.Title, "sources"), m))
}

// changeLabel shows one field of a history entry: its name and its values,
// translated where they are vocabulary.
func changeLabel(l i18n.Lang, field, old, new string) views.Option {
	tr := func(v string) string {
		if v == "" {
			return ""
		}
		switch field {
		case "stance":
			return l.T("stance." + v)
		case "kind":
			return l.T("kind." + v)
		case "source_lang":
			return langLabel(l, v)
		}
		return v
	}
	old, new = tr(old), tr(new)
	label := new
	switch {
	case old != "" && new != "" && old != new:
		label = old + " → " + new
	case new == "":
		label = old
	}
	return views.Option{Value: historyField(l, field), Label: label}
}

func (s *Server) sourceEditForm(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	src, err := s.sources.Source(c.Request().Context(), id)
	if err != nil {
		return domainError(err)
	}
	m := s.sourceFormPage(c, views.Form{Values: sourceValues(src)}, false, id)
	return render(c, http.StatusOK, views.SourceFormView(s.page(c, lang(c).T("sources.edit_title"), "sources"), m))
}

func (s *Server) sourceUpdate(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	l := lang(c)
	title := l.T("sources.edit_title")
	form := parseSourceForm(c)
	v := form.values
	_, err = s.sources.UpdateSource(c.Request().Context(), currentUser(c).ID, id, form.Input)
	var fe sources.FieldErrors
	var dup *sources.DuplicateError
	var conflict *sources.ConflictError
	switch {
	case errors.As(err, &fe):
		return render(c, http.StatusUnprocessableEntity, views.SourceFormView(s.page(c, title, "sources"), s.sourceFormPage(c, views.Form{Values: v, Errors: fe}, false, id)))
	case errors.As(err, &dup):
		m := s.sourceFormPage(c, views.Form{Values: v, Errors: map[string]string{"url": "err.url_taken"}}, false, id)
		m.Duplicate = &views.SourceRef{ID: dup.Existing.ID, Title: dup.Existing.Title}
		return render(c, http.StatusConflict, views.SourceFormView(s.page(c, title, "sources"), m))
	case errors.As(err, &conflict):
		// Both versions side by side; the form keeps what the user typed,
		// now based on the newer version, so saving again is deliberate.
		in := form.Input
		mine := sourceSnapshot(l, sources.Source{URL: in.URL, Title: in.Title, Publisher: in.Publisher, Author: in.Author,
			PublishedOn: in.PublishedOn, AccessedOn: in.AccessedOn, ArchiveURL: in.ArchiveURL, Kind: sources.Kind(in.Kind), Lang: in.Lang, Notes: in.Notes}, in.Version)
		theirs := sourceSnapshot(l, conflict.Current, conflict.Current.Version)
		v["version"] = strconv.FormatInt(conflict.Current.Version, 10)
		m := s.sourceFormPage(c, views.Form{Values: v}, false, id)
		m.Conflict, m.Mine = &theirs, &mine
		return render(c, http.StatusConflict, views.SourceFormView(s.page(c, title, "sources"), m))
	case err != nil:
		return domainError(err)
	}
	s.flash(c, "ok", "sources.saved")
	return redirect(c, paths.Source(id))
}

func sourceSnapshot(l i18n.Lang, src sources.Source, version int64) views.ClaimSnapshot {
	kind := ""
	if _, err := sources.ParseKind(string(src.Kind)); err == nil {
		kind = l.T("kind." + string(src.Kind))
	}
	return views.ClaimSnapshot{Version: version, Fields: []views.Option{
		{Value: l.T("field.title"), Label: src.Title},
		{Value: l.T("field.url"), Label: src.URL},
		{Value: l.T("field.publisher"), Label: src.Publisher},
		{Value: l.T("field.author"), Label: src.Author},
		{Value: l.T("field.kind"), Label: kind},
		{Value: l.T("field.published_on"), Label: src.PublishedOn},
		{Value: l.T("field.accessed_on"), Label: src.AccessedOn},
		{Value: l.T("field.archive_url"), Label: src.ArchiveURL},
		{Value: l.T("field.notes"), Label: src.Notes},
	}}
}

func (s *Server) sourceDelete(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	err = s.sources.DeleteSource(c.Request().Context(), currentUser(c).ID, id)
	var inUse *sources.InUseError
	switch {
	case errors.As(err, &inUse):
		return s.renderSource(c, id, http.StatusConflict, inUse.Claims)
	case err != nil:
		return domainError(err)
	}
	s.flash(c, "ok", "sources.deleted")
	return redirect(c, paths.Sources)
}
