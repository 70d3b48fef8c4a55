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

// settingsForm shows the organisation settings (admins).
func (s *Server) settingsForm(c echo.Context) error {
	o, err := s.claims.Organisation(c.Request().Context())
	if err != nil {
		return err
	}
	m := views.SettingsPage{Form: views.Form{Values: orgValues(o)}}
	return render(c, http.StatusOK, views.SettingsView(s.page(c, lang(c).T("settings.title"), "settings"), m))
}

// settingsSave writes them: refused fields come back with the values typed;
// a form older than the stored settings is refused, showing what is stored
// now while keeping what was typed, so saving again is a deliberate choice.
func (s *Server) settingsSave(c echo.Context) error {
	form := parseOrgForm(c)
	v := form.values
	_, err := s.claims.SaveOrganisation(c.Request().Context(), actor(c), form.Input)
	title := lang(c).T("settings.title")
	var fe claims.FieldErrors
	switch {
	case errors.As(err, &fe):
		return render(c, http.StatusUnprocessableEntity, views.SettingsView(s.page(c, title, "settings"), views.SettingsPage{Form: views.Form{Values: v, Errors: fe}}))
	case errors.Is(err, claims.ErrConflict):
		cur, err := s.claims.Organisation(c.Request().Context())
		if err != nil {
			return err
		}
		v["version"] = strconv.FormatInt(cur.Version, 10)
		l := lang(c)
		m := views.SettingsPage{Form: views.Form{Values: v}, Conflict: true}
		for _, f := range settingsFields[:6] {
			m.Stored = append(m.Stored, views.Option{Value: l.T("settings." + f), Label: orgValues(cur)[f]})
		}
		return render(c, http.StatusConflict, views.SettingsView(s.page(c, title, "settings"), m))
	case errors.Is(err, claims.ErrForbidden):
		return echo.NewHTTPError(http.StatusForbidden, "error.403")
	case err != nil:
		return err
	}
	s.flash(c, "ok", "settings.saved")
	return redirect(c, paths.AdminSettings)
}
