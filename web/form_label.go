package web

import (
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/claims"
)

var labelFields = []string{"name_en", "name_ar", "colour", "truth", "description_en", "description_ar", "version"}

// labelForm is the new-label and edit-label form (admins); the rules are
// the domain's (claims.FieldErrors).
type labelForm struct {
	values map[string]string // as typed, for the form shown again
	Input  claims.LabelInput
}

func parseLabelForm(c echo.Context) labelForm {
	v := formValues(c, labelFields)
	return labelForm{values: v, Input: labelInput(v)}
}

func labelInput(v map[string]string) claims.LabelInput {
	// Unchanged (follow-up): a missing or unreadable version is 0, which
	// the store refuses as a conflict on edit and ignores on create.
	return claims.LabelInput{NameEN: v["name_en"], NameAR: v["name_ar"], Colour: v["colour"], Truth: v["truth"],
		DescriptionEN: v["description_en"], DescriptionAR: v["description_ar"], Version: numberOr0(v["version"])}
}

// labelActionForm is a change of a label's place, use or existence: move
// up or down, retire or restore, delete moving its verdicts to another.
type labelActionForm struct {
	Version int64
	Up      bool  // move: "dir" is "up"; anything else is down
	Retire  bool  // retire: "retire" is "1"; anything else restores
	MoveTo  int64 // delete: the label its verdicts move to
}

func parseLabelActionForm(c echo.Context) labelActionForm {
	// Unchanged (follow-up): a missing or unreadable version is 0, which
	// the store refuses as a conflict; an unreadable move_to is 0, no
	// label, which the store refuses as a field error when the label is
	// in use.
	return labelActionForm{Version: numberOr0(c.FormValue("version")), Up: c.FormValue("dir") == "up",
		Retire: c.FormValue("retire") == "1", MoveTo: numberOr0(c.FormValue("move_to"))}
}

func labelValues(l claims.Label) map[string]string {
	v := map[string]string{"name_en": l.NameEN, "name_ar": l.NameAR, "colour": l.Colour, "description_en": l.DescriptionEN,
		"description_ar": l.DescriptionAR, "version": strconv.FormatInt(l.Version, 10)}
	if l.Truth > 0 {
		v["truth"] = strconv.Itoa(l.Truth)
	}
	return v
}
