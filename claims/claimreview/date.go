package claimreview

import (
	"strings"
	"time"

	"github.com/factdesk/factdesk/claims/extract"
)

// Date is a date as published, with its calendar day when it could be read.
type Date struct {
	Text string // as found, trimmed
	Day  string // YYYY-MM-DD, or "" when the text is not a full date
}

// layouts are the machine formats seen in the feeds, tried first.
var layouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006-1-2",
	"2006/01/02",
	"2006/1/2",
	"2006.01.02",
	time.RFC1123Z,
	time.RFC1123,
	time.RFC850,
	time.ANSIC,
}

// ParseDate reads a date in any of the forms publishers use: RFC 3339,
// ISO date-only, "2019-07-03T00:00:00" without a zone, "July 3, 2019",
// "3 July 2019", "Wednesday, 3rd July 2019", Arabic month names (Egyptian and
// Levantine) and Arabic-Indic digits ("٣ تموز ٢٠١٩"). The day is the calendar
// day as written (a time zone offset does not move it). Text that is not a
// full date keeps Day empty; the original text is always kept. Ambiguous
// numeric forms such as 03/07/2019 are not guessed.
func ParseDate(s string) Date {
	s = strings.Join(strings.Fields(s), " ")
	d := Date{Text: s}
	if s == "" || len(s) > 100 {
		return d
	}
	n := extract.NormalizeDigits(s)
	for _, l := range layouts {
		if t, err := time.Parse(l, n); err == nil {
			d.Day = t.Format(time.DateOnly)
			return d
		}
	}
	if strings.Count(n, "/") >= 2 {
		return d // 03/07/2019: day-month or month-day? Keep the text.
	}
	v, _, ok := extract.ParseValue(n, extract.Kind("date"), time.Time{})
	if ok && v.Precision == extract.Day && !v.Relative {
		if t, err := time.Parse(time.DateOnly, v.Date); err == nil {
			d.Day = t.Format(time.DateOnly)
		}
	}
	return d
}
