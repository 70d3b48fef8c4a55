package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/sources"
	"github.com/factdesk/factdesk/web/i18n"
	"github.com/factdesk/factdesk/web/paths"
	"github.com/factdesk/factdesk/web/views"
)

// evidenceSection builds the claim page's evidence part: the claim's
// evidence grouped by stance, the attach form (attach holds its values and
// errors), and the library sources matching query.
func (s *Server) evidenceSection(c echo.Context, claimID int64, attach views.Form, query string) (views.EvidenceSection, error) {
	ctx := c.Request().Context()
	if attach.Values == nil {
		attach = views.Form{Values: attachDefaults()} // a fresh form
	}
	l := lang(c)
	list, err := s.sources.ClaimEvidence(ctx, claimID)
	if err != nil {
		return views.EvidenceSection{}, err
	}
	m := views.EvidenceSection{ClaimID: claimID, Total: len(list), Attach: attach, Query: strings.TrimSpace(query),
		Stances: stanceOptions(l), Kinds: kindOptions(l), Langs: langOptions(l, true)}
	groups := map[sources.Stance]*views.EvidenceGroup{}
	for _, st := range sources.Stances {
		m.Groups = append(m.Groups, views.EvidenceGroup{Stance: string(st)})
	}
	for i := range m.Groups {
		groups[sources.Stance(m.Groups[i].Stance)] = &m.Groups[i]
	}
	for _, e := range list {
		g := groups[e.Stance]
		if g == nil {
			continue
		}
		g.Items = append(g.Items, views.EvidenceItem{ID: e.ID, SourceID: e.Source.ID, SourceTitle: e.Source.Title, SourceLang: langTag(e.Source.Lang),
			Publisher: e.Source.Publisher, PublishedOn: e.Source.PublishedOn, Kind: string(e.Source.Kind), URL: e.Source.URL,
			LinkURL: safeLink(e.Source.URL), ArchiveLink: safeLink(e.Source.ArchiveURL), Passage: e.Passage, Location: e.Location,
			Note: e.Note, By: e.CreatedByName, Version: e.Version})
	}
	if m.Query != "" {
		page, err := s.sources.Sources(ctx, sources.Filter{Text: m.Query, Limit: 10})
		var fe sources.FieldErrors
		if errors.As(err, &fe) {
			page = sources.Page{}
		} else if err != nil {
			return m, err
		}
		m.Searched = true
		for _, it := range page.Sources {
			m.Results = append(m.Results, views.SourceChoice{ID: it.ID, Title: it.Title, Publisher: it.Publisher, Lang: langTag(it.Lang)})
		}
	}
	// A source chosen before a refused submit stays on offer, chosen.
	if id, err := strconv.ParseInt(attach.V("source_id"), 10, 64); err == nil && id > 0 && !hasChoice(m.Results, id) {
		if src, err := s.sources.Source(ctx, id); err == nil {
			m.Results = append([]views.SourceChoice{{ID: src.ID, Title: src.Title, Publisher: src.Publisher, Lang: langTag(src.Lang)}}, m.Results...)
		}
	}
	if len(m.Results) == 0 && attach.V("source_id") == "" {
		m.Attach.Values["source_id"] = "new"
	}
	return m, nil
}

func hasChoice(list []views.SourceChoice, id int64) bool {
	for _, c := range list {
		if c.ID == id {
			return true
		}
	}
	return false
}

// evidenceAttach attaches a library source, or a source entered on the
// spot, to a claim. Without a choice, a filled-in address means a new source.
func (s *Server) evidenceAttach(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	form := parseAttachForm(c)
	v := form.values
	userID := currentUser(c).ID
	reused := false
	if form.NewSource {
		_, reused, err = s.sources.AddEvidenceWithSource(ctx, userID, id, form.Source, form.Evidence)
	} else {
		_, err = s.sources.AddEvidence(ctx, userID, id, form.Evidence)
	}
	var fe sources.FieldErrors
	switch {
	case errors.As(err, &fe):
		errs := map[string]string{}
		for k, msg := range fe {
			errs[strings.Replace(k, "source.", "src_", 1)] = msg
		}
		return s.renderClaim(c, id, claimPageState{status: http.StatusUnprocessableEntity, attach: views.Form{Values: v, Errors: errs}, query: v["src_q"]})
	case err != nil:
		return domainError(err)
	}
	if reused {
		s.flash(c, "warn", "evidence.added_reused")
	} else {
		s.flash(c, "ok", "evidence.added")
	}
	return redirect(c, paths.Claim(id)+"#evidence")
}

// claimEvidence loads the evidence named in the path and checks that it
// belongs to the claim in the path.
func (s *Server) claimEvidence(c echo.Context) (int64, sources.Evidence, error) {
	claimID, err := pathID(c)
	if err != nil {
		return 0, sources.Evidence{}, err
	}
	eid, err := pathParamID(c, "eid")
	if err != nil {
		return 0, sources.Evidence{}, err
	}
	ev, err := s.sources.EvidenceByID(c.Request().Context(), eid)
	if err != nil {
		return 0, sources.Evidence{}, domainError(err)
	}
	if ev.ClaimID != claimID {
		return 0, sources.Evidence{}, echo.NewHTTPError(http.StatusNotFound)
	}
	return claimID, ev, nil
}

func (s *Server) evidenceFormPage(c echo.Context, claimID int64, ev sources.Evidence, f views.Form) (views.EvidenceFormPage, error) {
	cl, err := s.claims.Claim(c.Request().Context(), claimID)
	if err != nil {
		return views.EvidenceFormPage{}, domainError(err)
	}
	return views.EvidenceFormPage{ClaimID: claimID, Statement: cl.Statement, ClaimLang: cl.Lang, ID: ev.ID, SourceID: ev.Source.ID,
		SourceTitle: ev.Source.Title, SourceLang: langTag(ev.Source.Lang), Form: f, Stances: stanceOptions(lang(c))}, nil
}

func (s *Server) evidenceEditForm(c echo.Context) error {
	claimID, ev, err := s.claimEvidence(c)
	if err != nil {
		return err
	}
	f := views.Form{Values: map[string]string{"stance": string(ev.Stance), "passage": ev.Passage, "location": ev.Location,
		"note": ev.Note, "version": strconv.FormatInt(ev.Version, 10)}}
	m, err := s.evidenceFormPage(c, claimID, ev, f)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.EvidenceFormView(s.page(c, lang(c).T("evidence.edit_title"), "claims"), m))
}

func (s *Server) evidenceUpdate(c echo.Context) error {
	claimID, ev, err := s.claimEvidence(c)
	if err != nil {
		return err
	}
	l := lang(c)
	form := parseEvidenceForm(c)
	v := form.values
	_, err = s.sources.UpdateEvidence(c.Request().Context(), currentUser(c).ID, ev.ID, form.Input)
	var fe sources.FieldErrors
	var conflict *sources.EvidenceConflictError
	switch {
	case errors.As(err, &fe):
		m, merr := s.evidenceFormPage(c, claimID, ev, views.Form{Values: v, Errors: fe})
		if merr != nil {
			return merr
		}
		return render(c, http.StatusUnprocessableEntity, views.EvidenceFormView(s.page(c, l.T("evidence.edit_title"), "claims"), m))
	case errors.As(err, &conflict) && conflict.Current.ID == 0, errors.Is(err, sources.ErrNotFound):
		s.flash(c, "error", "evidence.gone")
		return redirect(c, paths.Claim(claimID)+"#evidence")
	case errors.As(err, &conflict):
		mine := evidenceSnapshot(l, ev.Source.Title, form.Input, form.Input.Version)
		cur := conflict.Current
		theirs := evidenceSnapshot(l, cur.Source.Title, sources.EvidenceInput{Stance: string(cur.Stance), Passage: cur.Passage,
			Location: cur.Location, Note: cur.Note}, cur.Version)
		v["version"] = strconv.FormatInt(cur.Version, 10)
		m, merr := s.evidenceFormPage(c, claimID, cur, views.Form{Values: v})
		if merr != nil {
			return merr
		}
		m.Conflict, m.Mine = &theirs, &mine
		return render(c, http.StatusConflict, views.EvidenceFormView(s.page(c, l.T("evidence.edit_title"), "claims"), m))
	case err != nil:
		return domainError(err)
	}
	s.flash(c, "ok", "evidence.saved")
	return redirect(c, paths.Claim(claimID)+"#evidence")
}

func evidenceSnapshot(l i18n.Lang, source string, in sources.EvidenceInput, version int64) views.ClaimSnapshot {
	stance := ""
	if _, err := sources.ParseStance(in.Stance); err == nil {
		stance = l.T("stance." + in.Stance)
	}
	return views.ClaimSnapshot{Version: version, Fields: []views.Option{
		{Value: l.T("field.source"), Label: source},
		{Value: l.T("field.stance"), Label: stance},
		{Value: l.T("field.passage"), Label: in.Passage},
		{Value: l.T("field.location"), Label: in.Location},
		{Value: l.T("field.note"), Label: in.Note},
	}}
}

func (s *Server) evidenceRemove(c echo.Context) error {
	claimID, ev, err := s.claimEvidence(c)
	if err != nil {
		return err
	}
	err = s.sources.RemoveEvidence(c.Request().Context(), currentUser(c).ID, ev.ID, parseVersionForm(c).Version)
	var conflict *sources.EvidenceConflictError
	switch {
	case errors.Is(err, sources.ErrLastEvidence):
		s.flash(c, "error", "evidence.last")
	case errors.As(err, &conflict) && conflict.Current.ID == 0, errors.Is(err, sources.ErrNotFound):
		s.flash(c, "error", "evidence.gone")
	case errors.As(err, &conflict):
		s.flash(c, "error", "evidence.changed")
	case err != nil:
		return domainError(err)
	default:
		s.flash(c, "ok", "evidence.removed")
	}
	return redirect(c, paths.Claim(claimID)+"#evidence")
}

// evidenceCounts fills the claim list's evidence column, in one query for
// the whole page.
func (s *Server) evidenceCounts(c echo.Context, items []views.ClaimItem) error {
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	counts, err := s.sources.EvidenceCounts(c.Request().Context(), ids)
	if err != nil {
		return err
	}
	for i := range items {
		n := counts[items[i].ID]
		items[i].Supports, items[i].Refutes, items[i].Context = n.Supports, n.Refutes, n.Context
		items[i].NoEvidence = n.Total() == 0
	}
	return nil
}
