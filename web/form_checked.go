package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/claims"
)

// checkedProbeQuery is the claim form as typed, sent by the script that
// recomputes the "checked before" panel, and the article's language.
type checkedProbeQuery struct {
	values map[string]string // the claim form's fields, each cut to claims.MaxStatement
	Lang   string
}

func parseCheckedProbe(c echo.Context) checkedProbeQuery {
	v := map[string]string{}
	for _, k := range claimFormFields {
		v[k] = shorten(c.QueryParam(k), claims.MaxStatement)
	}
	return checkedProbeQuery{values: v, Lang: c.QueryParam("lang")}
}

// linkForm links a claim to a twin claim or to a prior check (the first of
// the two given).
type linkForm struct {
	Twin, Prior int64
}

func parseLinkForm(c echo.Context) (linkForm, error) {
	// Unchanged (follow-up): an unreadable twin or prior is 0, not given;
	// with neither given the request is refused below, as before.
	f := linkForm{Twin: numberOr0(c.FormValue("twin")), Prior: numberOr0(c.FormValue("prior"))}
	if f.Twin <= 0 && f.Prior <= 0 {
		return f, echo.NewHTTPError(http.StatusUnprocessableEntity, "err.invalid")
	}
	return f, nil
}

// reuseForm reuses the evidence of a twin claim (from) or the published
// check of a prior check (prior) on a claim.
type reuseForm struct {
	From, Prior int64
}

func parseReuseForm(c echo.Context) (reuseForm, error) {
	// Unchanged (follow-up): an unreadable from or prior is 0, not given;
	// with neither given the request is refused, as before.
	f := reuseForm{From: numberOr0(c.FormValue("from")), Prior: numberOr0(c.FormValue("prior"))}
	if f.From <= 0 && f.Prior <= 0 {
		return f, echo.NewHTTPError(http.StatusUnprocessableEntity, "err.invalid")
	}
	return f, nil
}

// carryForm carries the published verdict of a linked twin (from).
type carryForm struct {
	From int64
}

func parseCarryForm(c echo.Context) (carryForm, error) {
	// Unchanged (follow-up): an unreadable from is 0, refused as before.
	f := carryForm{From: numberOr0(c.FormValue("from"))}
	if f.From <= 0 {
		return f, echo.NewHTTPError(http.StatusUnprocessableEntity, "err.invalid")
	}
	return f, nil
}
