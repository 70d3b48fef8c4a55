package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/i18n"
)

// accountForm is the first admin's form (setup) and an admin's new-user
// form: the rules are the accounts store's (auth.FieldErrors).
type accountForm struct {
	values   map[string]string // as typed, the password left out
	Password string
}

func parseAccountForm(c echo.Context, fields ...string) accountForm {
	return accountForm{values: formValues(c, fields), Password: c.FormValue("password")}
}

func (f accountForm) newUser(lang string) auth.NewUser {
	return auth.NewUser{Name: f.values["name"], Email: f.values["email"], Role: f.values["role"], Password: f.Password, Lang: lang}
}

// credentialsForm is the sign-in form; next is where to go after, kept
// only when it is a local path (safeNext).
type credentialsForm struct {
	values   map[string]string // email and next, for the form shown again
	Password string
}

func parseCredentialsForm(c echo.Context) credentialsForm {
	return credentialsForm{values: map[string]string{"email": c.FormValue("email"), "next": safeNext(c.FormValue("next"))},
		Password: c.FormValue("password")}
}

// langForm is the language switch.
type langForm struct {
	Lang i18n.Lang
	Next string // a local path, or "" for the home page
}

func parseLangForm(c echo.Context) (langForm, error) {
	l, ok := i18n.Parse(c.FormValue("lang"))
	if !ok {
		return langForm{}, echo.NewHTTPError(http.StatusBadRequest, "err.invalid")
	}
	return langForm{Lang: l, Next: safeNext(c.FormValue("next"))}, nil
}

// userUpdateForm is an admin's change of a user's role or access.
type userUpdateForm struct {
	Role     string
	Disabled bool
	Version  int64
}

func parseUserUpdateForm(c echo.Context) (userUpdateForm, error) {
	version, err := strconv.ParseInt(c.FormValue("version"), 10, 64)
	if err != nil {
		return userUpdateForm{}, echo.NewHTTPError(http.StatusBadRequest)
	}
	return userUpdateForm{Role: c.FormValue("role"), Disabled: c.FormValue("disabled") == "1", Version: version}, nil
}
