package web

import (
	"math"
	"strconv"
	"strings"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/web/i18n"
	"github.com/factdesk/factdesk/web/views"
)

var arabicDecimal = strings.NewReplacer("0", "٠", "1", "١", "2", "٢", "3", "٣", "4", "٤", "5", "٥", "6", "٦", "7", "٧", "8", "٨", "9", "٩", ".", "٫", ",", "٬")

// decimal formats f with prec decimals, in the language's digits.
func decimal(l i18n.Lang, f float64, prec int) string {
	s := strconv.FormatFloat(f, 'f', prec, 64)
	if l == i18n.AR {
		return arabicDecimal.Replace(s)
	}
	return s
}

// amountText writes an amount in full with separators, in the language's
// digits.
func amountText(l i18n.Lang, f float64) string {
	s := claims.FormatAmount(f)
	if l == i18n.AR {
		return arabicDecimal.Replace(s)
	}
	return s
}

// valueText writes the comparable part of a value in the user's language:
// "900,000,000,000 USD (about)", "20 %", "late 2022".
func valueText(l i18n.Lang, t claims.Type, v claims.Value) string {
	var parts []string
	switch {
	case t == claims.TypePercent && v.Amount != 0:
		parts = append(parts, amountText(l, v.Amount)+" %")
	case t.HasAmount() && v.Amount != 0:
		s := amountText(l, v.Amount)
		if v.Currency != "" {
			s += " " + v.Currency
		}
		if v.Unit != "" {
			s += " " + v.Unit
		}
		parts = append(parts, s)
	case t == claims.TypeDate && v.Date != "":
		d := v.Date
		if v.Part != "" {
			d = l.T("part."+v.Part) + " " + d
		}
		parts = append(parts, d)
	}
	if len(parts) > 0 && v.Qualifier != "" {
		parts = append(parts, "("+l.T("qualifier."+v.Qualifier)+")")
	}
	return strings.Join(parts, " ")
}

// diffText puts a computed difference into words.
func diffText(l i18n.Lang, d claims.Difference) string {
	switch d.Kind {
	case claims.DiffNone:
		return ""
	case claims.DiffOver, claims.DiffUnder:
		return l.F("diff."+string(d.Kind), decimal(l, d.Percent, 1))
	case claims.DiffPointsHigh, claims.DiffPointsLow:
		return l.F("diff."+string(d.Kind), decimal(l, d.Points, 2))
	case claims.DiffEarlier, claims.DiffLater:
		return l.F("diff."+string(d.Kind), l.Num(int64(d.Days)))
	}
	return l.T("diff." + string(d.Kind))
}

// durationText writes a duration in days and hours.
func durationText(l i18n.Lang, d float64) string {
	hours := int64(math.Round(d))
	if hours < 24 {
		return l.F("overview.hours", l.Num(hours))
	}
	return l.F("overview.days_hours", l.Num(hours/24), l.Num(hours%24))
}

func badge(l i18n.Lang, lab claims.Label) views.LabelBadge {
	return views.LabelBadge{Name: lab.Name(string(l)), Colour: lab.Colour, Description: lab.Description(string(l)), Truth: lab.Truth, Retired: lab.Retired}
}

// verdictCard turns a verdict version into its card, comparing its verified
// value with the claim's.
func verdictCard(l i18n.Lang, cl claims.Claim, v claims.Verdict, numbers map[int64]int) views.VerdictCard {
	card := views.VerdictCard{ID: v.ID, Number: v.Number, State: string(v.State), Label: badge(l, v.Label), Conclusion: v.Conclusion,
		Reasoning: v.Reasoning, AuthorName: v.AuthorName, LastEditorName: v.LastEditorName, ApproverName: v.ApproverName,
		CorrectionNote: v.CorrectionNote, Corrects: numbers[v.CorrectsID], SubmittedAt: v.SubmittedAt, PublishedAt: v.PublishedAt,
		SupersededAt: v.SupersededAt, Version: v.Version}
	if verified := valueText(l, cl.Type, v.Verified); verified != "" {
		card.Claimed = valueText(l, cl.Type, cl.Value)
		card.Verified = verified
		card.Difference = diffText(l, claims.Compare(cl.Type, cl.Value, v.Verified))
	}
	return card
}
