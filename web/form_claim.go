package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/web/views"
)

var claimFormFields = []string{"statement", "restatement", "type", "claimant", "claim_date", "priority", "assignee", "tags",
	"amount", "currency", "unit", "qualifier", "value_date", "precision", "part", "speaker", "occasion", "quote", "start", "end", "version"}

// claimForm is the claim form as sent (new claim, edit, a logged
// suggestion); the claim rules are the domain's (claims.FieldErrors).
type claimForm struct {
	values map[string]string // as typed, for the form shown again
	Input  claims.ClaimInput
}

func parseClaimForm(c echo.Context) claimForm {
	v := formValues(c, claimFormFields)
	return claimForm{values: v, Input: claimInput(v)}
}

// claimInput turns the form into the domain's input.
func claimInput(v map[string]string) claims.ClaimInput {
	// Unchanged (follow-up): a missing or unreadable assignee is 0, no one;
	// a missing or unreadable version is 0, which the store takes as a
	// conflict on edit and ignores on create.
	assignee, version := numberOr0(v["assignee"]), numberOr0(v["version"])
	in := claims.ClaimInput{Statement: v["statement"], Restatement: v["restatement"], Type: v["type"], Claimant: v["claimant"],
		ClaimDate: v["claim_date"], Priority: v["priority"], AssigneeID: assignee, Tags: v["tags"], Amount: v["amount"],
		Quote: v["quote"], Start: -1, End: -1, Version: version,
		Value: claims.Value{Currency: v["currency"], Unit: v["unit"], Qualifier: v["qualifier"], Date: v["value_date"],
			Precision: v["precision"], Part: v["part"], Speaker: v["speaker"], Occasion: v["occasion"]}}
	if v["start"] != "" || v["end"] != "" {
		// An unreadable offset is -2, which the anchoring refuses as a
		// field error (no selection is -1).
		in.Start, in.End = atoiOr(v["start"], -2), atoiOr(v["end"], -2)
	}
	return in
}

// formClaim reads the submitted form as a claim, for the conflict view.
func formClaim(v map[string]string) claims.Claim {
	in := claimInput(v)
	cl := claims.Claim{Statement: in.Statement, Restatement: in.Restatement, Type: claims.Type(in.Type), Claimant: in.Claimant,
		ClaimDate: in.ClaimDate, Priority: claims.Priority(in.Priority), Tags: claims.ParseTags(in.Tags), Value: in.Value}
	// An amount that does not parse is shown as none in the conflict view;
	// the domain refuses it when saved.
	if f, _, ok := claims.ParseAmount(in.Amount); ok {
		cl.Value.Amount = f
	}
	return cl
}

// claimSelection is the new-claim form's query: the text chosen in the
// article (start, end) or a quote to find in it.
type claimSelection struct {
	Quote      string
	Start, End int // -1: none, also for an unreadable offset
}

func parseClaimSelection(c echo.Context) claimSelection {
	return claimSelection{Quote: c.QueryParam("quote"), Start: atoiOr(c.QueryParam("start"), -1), End: atoiOr(c.QueryParam("end"), -1)}
}

// claimStatusForm moves a claim in the workflow.
type claimStatusForm struct {
	To      claims.Status
	Version int64
}

func parseClaimStatusForm(c echo.Context) (claimStatusForm, error) {
	to, err := claims.ParseStatus(c.FormValue("status"))
	if err != nil {
		return claimStatusForm{}, echo.NewHTTPError(http.StatusUnprocessableEntity, "err.status")
	}
	// Unchanged (follow-up): a missing or unreadable version is 0, which
	// the store refuses as a conflict ("claims.status_conflict").
	return claimStatusForm{To: to, Version: numberOr0(c.FormValue("version"))}, nil
}

// claimFilterForm is the claim list's filter (also the board's and the
// export's): the query as asked for, shown in the filter form, and the
// domain's filter, whose rules are the domain's (claims.FieldErrors).
type claimFilterForm struct {
	form   views.Form
	Filter claims.Filter
}

var claimFilterFields = []string{"q", "status", "type", "assignee", "tag", "lang", "sort", "mine", "article", "after"}

func parseClaimFilter(c echo.Context) claimFilterForm {
	q := c.QueryParams()
	f := views.Form{Values: map[string]string{}}
	for _, k := range claimFilterFields {
		f.Values[k] = q.Get(k)
	}
	flt := claims.Filter{Status: f.V("status"), Type: f.V("type"), Tag: f.V("tag"), Lang: f.V("lang"), Text: f.V("q"), Sort: f.V("sort"), After: f.V("after")}
	// Unchanged (follow-up): an unreadable assignee or article is 0, no
	// filter, and the list shows every claim with no field error.
	flt.AssigneeID, flt.ArticleID = numberOr0(f.V("assignee")), numberOr0(f.V("article"))
	if f.V("mine") != "" {
		flt.AssigneeID = currentUser(c).ID
		f.Values["assignee"] = strconv.FormatInt(flt.AssigneeID, 10)
	}
	return claimFilterForm{form: f, Filter: flt}
}

// valueForm writes a claim's value into form fields.
func valueForm(f map[string]string, t claims.Type, v claims.Value) {
	f["type"] = string(t)
	if v.Amount != 0 {
		f["amount"] = claims.FormatAmount(v.Amount)
	}
	f["currency"], f["unit"], f["qualifier"] = v.Currency, v.Unit, v.Qualifier
	f["value_date"], f["precision"], f["part"] = v.Date, v.Precision, v.Part
	if v.Speaker != "" {
		f["speaker"] = v.Speaker
	}
	f["occasion"] = v.Occasion
}

func claimFormValues(cl claims.Claim) map[string]string {
	f := map[string]string{"statement": cl.Statement, "restatement": cl.Restatement, "claimant": cl.Claimant,
		"claim_date": cl.ClaimDate, "priority": string(cl.Priority), "tags": strings.Join(cl.Tags, ", "),
		"version": strconv.FormatInt(cl.Version, 10)}
	if cl.AssigneeID != 0 {
		f["assignee"] = strconv.FormatInt(cl.AssigneeID, 10)
	}
	valueForm(f, cl.Type, cl.Value)
	f["speaker"] = cl.Value.Speaker
	return f
}
