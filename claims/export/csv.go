package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"strconv"
	"strings"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/report"
)

// csvColumns are the message keys of the CSV header, in column order.
var csvColumns = []string{"csv.claim_id", "csv.article_id", "csv.article_title", "csv.statement", "csv.claimant", "csv.claim_date",
	"csv.type", "csv.status", "csv.verdict", "csv.rating", "csv.conclusion", "csv.claimed", "csv.claimed_amount", "csv.verified",
	"csv.verified_amount", "csv.difference", "csv.published", "csv.corrections", "csv.sources", "csv.public_url"}

// Neutralise keeps a spreadsheet from reading a cell as a formula: a cell
// that starts with =, +, -, @, a tab or a carriage return gets a leading
// apostrophe, which Excel, LibreOffice and Google Sheets show as text.
func Neutralise(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}

// writeCSV writes one row per claim: UTF-8 with a byte order mark (so Excel
// reads Arabic correctly), CRLF line ends, the verdict columns from the
// published verdict only (empty while none is).
func writeCSV(ctx context.Context, w *bufio.Writer, d Desk, o Options) (Result, error) {
	var res Result
	if _, err := w.WriteString("\ufeff"); err != nil {
		return res, err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	row := make([]string, len(csvColumns))
	for i, k := range csvColumns {
		row[i] = o.Words.T(k)
	}
	if err := cw.Write(row); err != nil {
		return res, err
	}
	ls := newLinks(d, o)
	err := scan(ctx, d, o, false, func(b batch) error {
		if err := ls.load(ctx, b.claims); err != nil {
			return err
		}
		for _, c := range b.claims {
			for i := range row {
				row[i] = ""
			}
			row[0] = strconv.FormatInt(c.ID, 10)
			if c.ArticleID != 0 {
				row[1] = strconv.FormatInt(c.ArticleID, 10)
			}
			row[2], row[3], row[4], row[5] = c.ArticleTitle, c.Statement, c.Claimant, c.ClaimDate
			row[6], row[7] = o.Words.T("type."+string(c.Type)), o.Words.T("status."+string(c.Status))
			if cur, earlier, ok := claims.Published(b.versions[c.ID]); ok {
				row[8] = cur.Label.Name(o.Lang)
				if !cur.Label.OffScale() {
					row[9] = strconv.Itoa(cur.Label.Truth)
				}
				row[10] = cur.Conclusion
				row[11], row[13], row[15] = report.Values(o.Words, o.Lang, c, cur)
				if row[13] != "" {
					row[12], row[14] = plainAmount(c.Value.Amount), plainAmount(cur.Verified.Amount)
				}
				row[16] = cur.PublishedAt.Format("2006-01-02")
				row[17] = strconv.Itoa(len(earlier))
				row[19] = ls.url(c)
			}
			row[18] = strconv.Itoa(report.SourceCount(b.evidence[c.ID]))
			for i := range row {
				row[i] = Neutralise(row[i])
			}
			if err := cw.Write(row); err != nil {
				return err
			}
			res.Claims++
		}
		cw.Flush()
		return cw.Error()
	})
	if err != nil {
		return res, err
	}
	cw.Flush()
	return res, cw.Error()
}

// plainAmount writes a number a spreadsheet reads as one: Western digits,
// no separators ("" for zero, which means not stated).
func plainAmount(f float64) string {
	if f == 0 {
		return ""
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}
