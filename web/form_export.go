package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/claims/export"
	"github.com/factdesk/factdesk/web/i18n"
)

// exportQuery is an export's format and the language of its words (the
// interface language unless report_lang names another); the claims are the
// claim list's filter (parseClaimFilter).
type exportQuery struct {
	Format export.Format
	Lang   i18n.Lang
}

func parseExportQuery(c echo.Context) (exportQuery, error) {
	format, err := export.ParseFormat(c.QueryParam("format"))
	if err != nil {
		return exportQuery{}, echo.NewHTTPError(http.StatusUnprocessableEntity, "err.export_format")
	}
	q := exportQuery{Format: format, Lang: lang(c)}
	if v := c.QueryParam("report_lang"); v != "" {
		if q.Lang, err = parseLang(v); err != nil {
			return exportQuery{}, echo.NewHTTPError(http.StatusUnprocessableEntity, "err.invalid")
		}
	}
	return q, nil
}

// reportPublishForm publishes an article's report in a language; the
// domain checks the language (claims.FieldErrors).
type reportPublishForm struct {
	Lang string
}

func parseReportPublishForm(c echo.Context) reportPublishForm {
	return reportPublishForm{Lang: c.FormValue("lang")}
}

// reportWithdrawForm withdraws one public link of an article's report.
type reportWithdrawForm struct {
	Link int64
}

func parseReportWithdrawForm(c echo.Context) reportWithdrawForm {
	// Unchanged (follow-up): an unreadable link is 0, which is no link of
	// the article (404).
	return reportWithdrawForm{Link: numberOr0(c.FormValue("link"))}
}

func parseLang(s string) (i18n.Lang, error) {
	if l, ok := i18n.Parse(s); ok {
		return l, nil
	}
	return "", errors.New("unknown language " + strconv.Quote(s))
}
