package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/claims"
)

var verdictFields = []string{"label", "conclusion", "reasoning", "verified_amount", "verified_currency", "verified_unit",
	"verified_date", "verified_precision", "verified_part", "correction_note", "version"}

// verdictSaveForm proposes or revises a verdict, or opens a correction:
// "draft" saves it, "submit" sends it to review; the rules are the
// domain's (claims.FieldErrors).
type verdictSaveForm struct {
	values map[string]string // as typed, for the claim page shown again
	Input  claims.VerdictInput
	Submit bool // action=submit; anything else saves a draft
}

func parseVerdictSaveForm(c echo.Context) verdictSaveForm {
	v := formValues(c, verdictFields)
	return verdictSaveForm{values: v, Input: verdictInput(v), Submit: c.FormValue("action") == "submit"}
}

func verdictInput(v map[string]string) claims.VerdictInput {
	// Unchanged (follow-up): a missing or unreadable label is 0, which the
	// domain refuses as a field error ("label"); a missing or unreadable
	// version is 0, a first proposal, or a conflict with an open one.
	label, version := numberOr0(v["label"]), numberOr0(v["version"])
	return claims.VerdictInput{LabelID: label, Conclusion: v["conclusion"], Reasoning: v["reasoning"], Amount: v["verified_amount"],
		Verified: claims.Value{Currency: v["verified_currency"], Unit: v["verified_unit"], Date: v["verified_date"],
			Precision: v["verified_precision"], Part: v["verified_part"]},
		CorrectionNote: v["correction_note"], Version: version}
}

// commentForm adds to a claim's discussion; the rules are the domain's.
type commentForm struct {
	Body string
}

func parseCommentForm(c echo.Context) commentForm { return commentForm{Body: c.FormValue("body")} }

// sendBackForm sends a verdict back to its author with a comment.
type sendBackForm struct {
	Version int64
	Comment string
}

func parseSendBackForm(c echo.Context) sendBackForm {
	// Unchanged (follow-up): a missing or unreadable version is 0, which
	// the store refuses as already decided.
	return sendBackForm{Version: numberOr0(c.FormValue("version")), Comment: c.FormValue("comment")}
}

// reviewQueueQuery is the review queue's page: after the version a cursor
// names, or from the start.
type reviewQueueQuery struct {
	After *claims.QueueCursor
}

func parseReviewQueueQuery(c echo.Context) (reviewQueueQuery, error) {
	v := c.QueryParam("after")
	if v == "" {
		return reviewQueueQuery{}, nil
	}
	cur, ok := parseQueueCursor(v)
	if !ok {
		return reviewQueueQuery{}, echo.NewHTTPError(http.StatusBadRequest, "error.400")
	}
	return reviewQueueQuery{After: &cur}, nil
}

// parseQueueCursor reads "<RFC 3339 time>_<id>".
func parseQueueCursor(v string) (claims.QueueCursor, bool) {
	ts, id, ok := strings.Cut(v, "_")
	if !ok {
		return claims.QueueCursor{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, ts)
	n, err2 := strconv.ParseInt(id, 10, 64)
	if err != nil || err2 != nil || n <= 0 {
		return claims.QueueCursor{}, false
	}
	return claims.QueueCursor{SubmittedAt: t, ID: n}, true
}

// verdictValues fills a verdict form from a stored version.
func verdictValues(v claims.Verdict, version int64) map[string]string {
	f := map[string]string{"label": strconv.FormatInt(v.Label.ID, 10), "conclusion": v.Conclusion, "reasoning": v.Reasoning,
		"verified_currency": v.Verified.Currency, "verified_unit": v.Verified.Unit, "verified_date": v.Verified.Date,
		"verified_precision": v.Verified.Precision, "verified_part": v.Verified.Part, "correction_note": v.CorrectionNote,
		"version": strconv.FormatInt(version, 10)}
	if v.Verified.Amount != 0 {
		f["verified_amount"] = claims.FormatAmount(v.Verified.Amount)
	}
	if f["verified_unit"] == "percent" {
		f["verified_unit"] = ""
	}
	return f
}
