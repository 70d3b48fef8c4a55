package web

import (
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/claims"
)

var settingsFields = []string{"name", "url", "methodology_en", "methodology_ar", "corrections_en", "corrections_ar", "version"}

// orgForm is the organisation settings form (admins); the rules are the
// domain's (claims.FieldErrors).
type orgForm struct {
	values map[string]string // as typed, for the form shown again
	Input  claims.Organisation
}

func parseOrgForm(c echo.Context) orgForm {
	v := formValues(c, settingsFields)
	// Unchanged (follow-up): a missing or unreadable version is 0, which
	// the store refuses as a conflict.
	return orgForm{values: v, Input: claims.Organisation{Name: v["name"], URL: v["url"], MethodologyEN: v["methodology_en"],
		MethodologyAR: v["methodology_ar"], CorrectionsEN: v["corrections_en"], CorrectionsAR: v["corrections_ar"], Version: numberOr0(v["version"])}}
}

func orgValues(o claims.Organisation) map[string]string {
	return map[string]string{"name": o.Name, "url": o.URL, "methodology_en": o.MethodologyEN, "methodology_ar": o.MethodologyAR,
		"corrections_en": o.CorrectionsEN, "corrections_ar": o.CorrectionsAR, "version": strconv.FormatInt(o.Version, 10)}
}
