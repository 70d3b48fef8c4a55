package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/paths"
	"github.com/factdesk/factdesk/web/views"
)

func (s *Server) userList(c echo.Context) error {
	return s.renderUsers(c, http.StatusOK, views.Form{Values: map[string]string{"role": "reviewer"}})
}

func (s *Server) renderUsers(c echo.Context, status int, newForm views.Form) error {
	users, err := s.users.Users(c.Request().Context())
	if err != nil {
		return err
	}
	me := currentUser(c)
	m := views.UsersPage{New: newForm}
	for _, r := range auth.Roles {
		m.Roles = append(m.Roles, string(r))
	}
	for _, u := range users {
		m.Users = append(m.Users, views.UserRow{ID: u.ID, Name: u.Name, Email: u.Email, Role: string(u.Role),
			Disabled: u.Disabled, Version: u.Version, CreatedAt: u.CreatedAt, IsSelf: u.ID == me.ID})
	}
	return render(c, status, views.UsersView(s.page(c, lang(c).T("users.title"), "users"), m))
}

func (s *Server) userCreate(c echo.Context) error {
	form := parseAccountForm(c, "name", "email", "role")
	f := views.Form{Values: form.values}
	_, err := s.users.CreateUser(c.Request().Context(), form.newUser(""))
	var fe auth.FieldErrors
	switch {
	case errors.As(err, &fe):
		f.Errors = fe
		return s.renderUsers(c, http.StatusUnprocessableEntity, f)
	case errors.Is(err, auth.ErrDuplicateEmail):
		f.Errors = map[string]string{"email": "err.duplicate_email"}
		return s.renderUsers(c, http.StatusConflict, f)
	case err != nil:
		return err
	}
	s.flash(c, "ok", "users.created")
	return redirect(c, paths.AdminUsers)
}

func (s *Server) userUpdate(c echo.Context) error {
	// Unchanged (follow-up): an id of 0 or below is not refused here; the
	// store finds no such user (404).
	id, err := pathInt64(c, "id")
	if err != nil {
		return err
	}
	form, err := parseUserUpdateForm(c)
	if err != nil {
		return err
	}
	_, err = s.users.UpdateUser(c.Request().Context(), auth.UserUpdate{ID: id, Role: form.Role, Disabled: form.Disabled, Version: form.Version})
	var fe auth.FieldErrors
	switch {
	case errors.As(err, &fe):
		return echo.NewHTTPError(http.StatusUnprocessableEntity, "err.role")
	case errors.Is(err, auth.ErrNotFound):
		return echo.NewHTTPError(http.StatusNotFound)
	case errors.Is(err, auth.ErrConflict):
		s.flash(c, "error", "err.conflict_user")
		return redirect(c, paths.AdminUsers)
	case errors.Is(err, auth.ErrLastAdmin):
		s.flash(c, "error", "users.last_admin")
		return redirect(c, paths.AdminUsers)
	case err != nil:
		return err
	}
	s.flash(c, "ok", "users.updated")
	return redirect(c, paths.AdminUsers)
}

func itoa(n int) string { return strconv.Itoa(n) }
