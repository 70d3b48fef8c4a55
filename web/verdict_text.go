package web

import (
	"math"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/report"
	"github.com/factdesk/factdesk/web/i18n"
	"github.com/factdesk/factdesk/web/views"
)

// valueText writes the comparable part of a value in the user's language:
// "900,000,000,000 USD (about)", "20 %", "late 2022".
func valueText(l i18n.Lang, t claims.Type, v claims.Value) string {
	return report.ValueText(l, string(l), t, v)
}

// diffText puts a computed difference into words.
func diffText(l i18n.Lang, d claims.Difference) string { return report.DiffText(l, string(l), d) }

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
