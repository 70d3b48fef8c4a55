package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/web/paths"
	"github.com/factdesk/factdesk/web/views"
)

// labelsState carries a refused form back to the labels page.
type labelsState struct {
	status   int
	err      string
	newForm  *views.Form
	id       int64 // the label whose form is refused
	form     *views.Form
	delError string
}

func (s *Server) labelList(c echo.Context) error {
	return s.renderLabels(c, labelsState{status: http.StatusOK})
}

func (s *Server) renderLabels(c echo.Context, st labelsState) error {
	l := lang(c)
	labels, err := s.claims.Labels(c.Request().Context(), true)
	if err != nil {
		return err
	}
	m := views.LabelsPage{Error: st.err, New: views.Form{Values: map[string]string{"colour": "#57606a"}}}
	if st.newForm != nil {
		m.New = *st.newForm
	}
	m.Truths = append(m.Truths, views.Option{Value: "", Label: l.T("labels.off_scale")})
	for i := 5; i >= 1; i-- {
		m.Truths = append(m.Truths, views.Option{Value: strconv.Itoa(i), Label: l.F("labels.truth_n", l.Num(int64(i)))})
	}
	for i, lab := range labels {
		row := views.LabelAdminRow{ID: lab.ID, Badge: badge(l, lab), NameEN: lab.NameEN, NameAR: lab.NameAR, InUse: lab.InUse,
			Version: lab.Version, Retired: lab.Retired, First: i == 0, Last: i == len(labels)-1, Form: views.Form{Values: labelValues(lab)}}
		if st.id == lab.ID {
			if st.form != nil {
				row.Form = *st.form
			}
			row.DelError = st.delError
		}
		for _, t := range labels {
			if t.ID != lab.ID && !t.Retired {
				row.Targets = append(row.Targets, views.Option{Value: strconv.FormatInt(t.ID, 10), Label: t.Name(string(l))})
			}
		}
		m.Labels = append(m.Labels, row)
	}
	return render(c, st.status, views.LabelsView(s.page(c, l.T("labels.title"), "labels"), m))
}

// labelError shows the labels page again for a refused change.
func (s *Server) labelError(c echo.Context, st labelsState, err error) error {
	var fe claims.FieldErrors
	switch {
	case errors.As(err, &fe):
		st.status = http.StatusUnprocessableEntity
		if st.form != nil {
			st.form.Errors = fe
		}
		if st.newForm != nil {
			st.newForm.Errors = fe
		}
		if fe["move_to"] != "" {
			st.delError = fe["move_to"]
		}
	case errors.Is(err, claims.ErrConflict):
		st.status, st.err = http.StatusConflict, "labels.conflict"
		st.form = nil
	case errors.Is(err, claims.ErrLabelInUse):
		st.status, st.delError = http.StatusUnprocessableEntity, "err.label_in_use"
	case errors.Is(err, claims.ErrForbidden):
		return echo.NewHTTPError(http.StatusForbidden, "error.403")
	default:
		return domainError(err)
	}
	return s.renderLabels(c, st)
}

func (s *Server) labelCreate(c echo.Context) error {
	form := parseLabelForm(c)
	if _, err := s.claims.CreateLabel(c.Request().Context(), actor(c), form.Input); err != nil {
		return s.labelError(c, labelsState{newForm: &views.Form{Values: form.values}}, err)
	}
	s.flash(c, "ok", "labels.created")
	return redirect(c, paths.AdminLabels)
}

func (s *Server) labelUpdate(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	form := parseLabelForm(c)
	if _, err := s.claims.UpdateLabel(c.Request().Context(), actor(c), id, form.Input); err != nil {
		return s.labelError(c, labelsState{id: id, form: &views.Form{Values: form.values}}, err)
	}
	s.flash(c, "ok", "labels.saved")
	return redirect(c, paths.AdminLabels)
}

func (s *Server) labelMove(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	form := parseLabelActionForm(c)
	if err := s.claims.MoveLabel(c.Request().Context(), actor(c), id, form.Up, form.Version); err != nil {
		return s.labelError(c, labelsState{id: id}, err)
	}
	s.flash(c, "ok", "labels.moved")
	return redirect(c, paths.AdminLabels)
}

func (s *Server) labelRetire(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	form := parseLabelActionForm(c)
	retire := form.Retire
	if err := s.claims.RetireLabel(c.Request().Context(), actor(c), id, retire, form.Version); err != nil {
		return s.labelError(c, labelsState{id: id}, err)
	}
	if retire {
		s.flash(c, "ok", "labels.retired_done")
	} else {
		s.flash(c, "ok", "labels.restored")
	}
	return redirect(c, paths.AdminLabels)
}

func (s *Server) labelDelete(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	form := parseLabelActionForm(c)
	moved, err := s.claims.DeleteLabel(c.Request().Context(), actor(c), id, form.MoveTo, form.Version)
	if err != nil {
		return s.labelError(c, labelsState{id: id}, err)
	}
	s.flash(c, "ok", "labels.deleted", strconv.FormatInt(moved, 10))
	return redirect(c, paths.AdminLabels)
}
