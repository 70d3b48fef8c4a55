// Package views holds the templ templates: pure functions of the view models
// defined here, shaped like the screens. Views never see the database.
package views

import (
	"strconv"

	"github.com/factdesk/factdesk/web/i18n"
	"github.com/factdesk/factdesk/web/paths"
)

// Viewer is the signed-in user as the views need it.
type Viewer struct {
	ID       int64
	Name     string
	Role     string
	IsEditor bool
	IsAdmin  bool
}

// Flash is a one-time message shown after a redirect.
type Flash struct {
	Kind string // "ok" or "error"
	Text string
}

// Page carries what every page needs: language, viewer, CSRF token, flashes.
type Page struct {
	L           i18n.Lang
	Title       string
	Viewer      *Viewer
	CSRF        string
	Flashes     []Flash
	Path        string
	Nav         string // the active navigation item
	RequestID   string
	AssetV      string
	ReviewCount int64
	Styles      []string // stylesheets of the page besides app.css (e.g. the label colours of a report)
}

// Asset returns a cache-busted URL of a static file.
func (p Page) Asset(name string) string { return paths.Asset(name, p.AssetV) }

// Form keeps what the user typed and the errors found, so a refused form is
// shown again exactly as typed.
type Form struct {
	Values map[string]string
	Errors map[string]string // field -> message key
	Error  string            // a message key for the whole form
}

// V returns a field's value.
func (f Form) V(name string) string { return f.Values[name] }

// Err returns a field's error key, or "".
func (f Form) Err(name string) string { return f.Errors[name] }

// HasErrors reports whether anything is wrong.
func (f Form) HasErrors() bool { return len(f.Errors) > 0 || f.Error != "" }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func errID(name string) string { return "err-" + name }

func roleKey(r string) string { return "role." + r }

// reviewCountCap mirrors claims.ReviewCountCap: the navigation shows "99+"
// past it (views do not import the domain).
const reviewCountCap = 99
