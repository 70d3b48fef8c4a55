package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/migrations"
	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/paths"
	"github.com/factdesk/factdesk/web/views"
)

func (s *Server) healthz(c echo.Context) error {
	ctx := c.Request().Context()
	if err := s.ping(ctx); err != nil {
		s.log.Error("healthz: database does not answer", "err", err)
		return c.JSON(http.StatusServiceUnavailable, map[string]any{"status": "unavailable", "database": "down"})
	}
	cur, latest, err := migrations.Version(ctx, s.desk.DB)
	if err != nil {
		s.log.Error("healthz: schema version unreadable", "err", err)
		return c.JSON(http.StatusServiceUnavailable, map[string]any{"status": "unavailable", "database": "ok", "schema": "unknown"})
	}
	pending, err := migrations.Pending(ctx, s.desk.DB)
	if err != nil {
		s.log.Error("healthz: pending migrations unknown", "err", err)
		return c.JSON(http.StatusServiceUnavailable, map[string]any{"status": "unavailable", "database": "ok", "schema": "unknown"})
	}
	body := map[string]any{"status": "ok", "database": "ok", "version": s.cfg.Version,
		"schema": map[string]any{"version": cur, "latest": latest, "pending": pending}}
	if cur != latest {
		// An instance whose database is not at its schema must not take traffic.
		body["status"] = "unavailable"
		return c.JSON(http.StatusServiceUnavailable, body)
	}
	return c.JSON(http.StatusOK, body)
}

func (s *Server) setupForm(c echo.Context) error {
	need, err := s.users.NeedsSetup(c.Request().Context())
	if err != nil {
		return err
	}
	if !need {
		s.flash(c, "ok", "setup.already")
		return redirect(c, paths.SignIn)
	}
	return render(c, http.StatusOK, views.SetupPage(s.page(c, lang(c).T("setup.title"), ""), views.Form{}))
}

func (s *Server) setupSubmit(c echo.Context) error {
	ctx := c.Request().Context()
	form := parseAccountForm(c, "name", "email")
	f := views.Form{Values: form.values}
	u, err := s.users.CreateFirstAdmin(ctx, form.newUser(string(lang(c))))
	var fe auth.FieldErrors
	switch {
	case errors.As(err, &fe):
		f.Errors = fe
		return render(c, http.StatusUnprocessableEntity, views.SetupPage(s.page(c, lang(c).T("setup.title"), ""), f))
	case errors.Is(err, auth.ErrSetupDone):
		s.flash(c, "error", "setup.already")
		return redirect(c, paths.SignIn)
	case errors.Is(err, auth.ErrDuplicateEmail):
		f.Errors = map[string]string{"email": "err.duplicate_email"}
		return render(c, http.StatusConflict, views.SetupPage(s.page(c, lang(c).T("setup.title"), ""), f))
	case err != nil:
		return err
	}
	if err := s.startSession(c, u); err != nil {
		return err
	}
	s.flash(c, "ok", "setup.done")
	return redirect(c, "/")
}

func (s *Server) signinForm(c echo.Context) error {
	if currentUser(c) != nil {
		return redirect(c, "/")
	}
	f := views.Form{Values: map[string]string{"next": safeNext(c.QueryParam("next"))}}
	return render(c, http.StatusOK, views.SignInPage(s.page(c, lang(c).T("signin.title"), ""), f))
}

func (s *Server) signinSubmit(c echo.Context) error {
	ctx := c.Request().Context()
	form := parseCredentialsForm(c)
	f := views.Form{Values: form.values}
	u, err := s.users.Authenticate(ctx, f.V("email"), form.Password, c.RealIP())
	switch {
	case errors.Is(err, auth.ErrBadCredentials):
		f.Error = "signin.failed"
		return render(c, http.StatusUnauthorized, views.SignInPage(s.page(c, lang(c).T("signin.title"), ""), f))
	case errors.Is(err, auth.ErrThrottled):
		f.Error = "signin.throttled"
		return render(c, http.StatusTooManyRequests, views.SignInPage(s.page(c, lang(c).T("signin.title"), ""), f))
	case err != nil:
		return err
	}
	if err := s.startSession(c, u); err != nil {
		return err
	}
	s.flash(c, "ok", "signin.welcome", u.Name)
	next := f.V("next")
	if next == "" {
		next = "/"
	}
	return redirect(c, next)
}

// startSession issues a fresh session id (never reusing one sent by the
// browser) and ends the one it replaces.
func (s *Server) startSession(c echo.Context, u auth.User) error {
	ctx := c.Request().Context()
	if ck, err := c.Cookie(sessionCookie); err == nil && ck.Value != "" {
		_ = s.users.DeleteSession(ctx, ck.Value)
	}
	token, err := s.users.CreateSession(ctx, u.ID, c.RealIP())
	if err != nil {
		return err
	}
	c.SetCookie(s.secureCookie(sessionCookie, token, int(auth.SessionLifetime.Seconds())))
	// A pre-sign-in language choice becomes the user's saved choice.
	if u.Lang == "" {
		_ = s.users.SetLang(ctx, u.ID, string(lang(c)))
	}
	return nil
}

func (s *Server) signout(c echo.Context) error {
	if ck, err := c.Cookie(sessionCookie); err == nil && ck.Value != "" {
		if err := s.users.DeleteSession(c.Request().Context(), ck.Value); err != nil {
			return err
		}
	}
	c.SetCookie(s.secureCookie(sessionCookie, "", -1))
	s.flash(c, "ok", "signout.done")
	return redirect(c, paths.SignIn)
}

func (s *Server) setLang(c echo.Context) error {
	form, err := parseLangForm(c)
	if err != nil {
		return err
	}
	l := form.Lang
	if u := currentUser(c); u != nil {
		if err := s.users.SetLang(c.Request().Context(), u.ID, string(l)); err != nil {
			return err
		}
	}
	c.SetCookie(&http.Cookie{Name: langCookie, Value: string(l), Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, Secure: s.cfg.Secure, SameSite: http.SameSiteLaxMode})
	next := form.Next
	if next == "" {
		next = "/"
	}
	return redirect(c, next)
}
