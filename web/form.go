package web

import (
	"errors"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
)

// The forms of the desk, one struct each in form_*.go, with the same shape:
// parseXForm reads the request into the struct (an error only when the
// request cannot be what the page sends: a 4xx, as before), validate finds
// what the user can correct in the web's own terms (field errors, shown on
// the form again with what was typed), and the domain checks its own rules
// (claims.FieldErrors and the like), which the handler shows the same way.
// Each form keeps the values as typed (values) for that re-rendering.

// formValues reads the named fields of a form (or of the query, for a GET).
func formValues(c echo.Context, fields []string) map[string]string {
	v := map[string]string{}
	for _, k := range fields {
		v[k] = c.FormValue(k)
	}
	return v
}

// atoiOr reads a whole number, or def when the text is not one.
func atoiOr(s string, def int) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return def
	}
	return n
}

// numberOr0 reads an optional whole number as the desk always has: a
// missing or unreadable number is 0, and one out of range is the nearest
// int64 (strconv's value). The domain then judges it: 0 is "none" for an
// id and a version no row has (a conflict). Kept on purpose, not dropped:
// issue 18 changes no behaviour, and each caller is a listed follow-up.
func numberOr0(raw string) int64 {
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0
	}
	return n
}
