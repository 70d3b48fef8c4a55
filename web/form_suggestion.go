package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/claims"
)

var scales = map[string]bool{"thousand": true, "million": true, "billion": true, "trillion": true}

// suggestionLogForm logs a suggestion as a claim: the claim form's fields,
// with the parts of the value the claim form has no field for.
type suggestionLogForm struct {
	claimForm
}

func parseSuggestionLogForm(c echo.Context) suggestionLogForm {
	f := suggestionLogForm{parseClaimForm(c)}
	// A scale the desk does not know is left out, as before.
	if sc := c.FormValue("scale"); scales[sc] {
		f.Input.Value.Scale = sc
	}
	f.Input.Value.Approximate = c.FormValue("approximate") == "1"
	f.Input.Value.Relative = c.FormValue("relative") == "1"
	return f
}

// parseSuggestionKey reads the key of the suggestion a form acts on; one
// that cannot be a suggestion's is gone (404).
func parseSuggestionKey(c echo.Context) (claims.SuggestionKey, error) {
	start, err1 := strconv.Atoi(c.FormValue("start"))
	end, err2 := strconv.Atoi(c.FormValue("end"))
	t, err3 := claims.ParseType(c.FormValue("type"))
	if err := errors.Join(err1, err2, err3); err != nil || start < 0 || end <= start || !t.Suggestible() {
		return claims.SuggestionKey{}, echo.NewHTTPError(http.StatusNotFound, "suggest.gone")
	}
	return claims.SuggestionKey{Start: start, End: end, Type: t}, nil
}
