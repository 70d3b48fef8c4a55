package claims

import (
	"math"
	"time"
)

// DiffKind says how a claimed figure or date compares with the verified one.
type DiffKind string

const (
	DiffNone         DiffKind = ""             // nothing to compare
	DiffMatch        DiffKind = "match"        // the same figure or day
	DiffConsistent   DiffKind = "consistent"   // within the claim's own hedge ("about", "at most", "late 2022")
	DiffOver         DiffKind = "over"         // an amount overstated by Percent %
	DiffUnder        DiffKind = "under"        // an amount understated by Percent %
	DiffPointsHigh   DiffKind = "points_high"  // a percentage Points points too high
	DiffPointsLow    DiffKind = "points_low"   // a percentage Points points too low
	DiffEarlier      DiffKind = "earlier"      // the claim places the event Days days too early
	DiffLater        DiffKind = "later"        // the claim places the event Days days too late
	DiffIncomparable DiffKind = "incomparable" // different currencies or units
)

// DiffKinds lists every kind that has a message (for the translation tests).
var DiffKinds = []DiffKind{DiffMatch, DiffConsistent, DiffOver, DiffUnder, DiffPointsHigh, DiffPointsLow, DiffEarlier, DiffLater, DiffIncomparable}

// Difference is the computed gap between a claimed and a verified value.
type Difference struct {
	Kind    DiffKind
	Percent float64 // relative difference of amounts, in % of the verified amount
	Points  float64 // difference of two percentages, in percentage points
	Days    int     // distance between a claimed date (or period) and the verified date
}

// Tolerances of a hedged claim: "about 900 billion" is consistent with a
// verified figure within 5 %, "about 20 %" with one within half a point.
const (
	aboutPercent = 5.0
	aboutPoints  = 0.5
)

// Compare computes the difference between the value a claim states and the
// verified value, for figures (money, market figures, quantities),
// percentages and dates. Other types, and values without the numbers to
// compare, give DiffNone.
func Compare(t Type, claimed, verified Value) Difference {
	switch {
	case t == TypePercent:
		return comparePoints(claimed, verified)
	case t.HasAmount():
		return compareAmounts(claimed, verified)
	case t == TypeDate:
		return compareDates(claimed, verified)
	}
	return Difference{}
}

func compareAmounts(c, v Value) Difference {
	if c.Amount <= 0 || v.Amount <= 0 {
		return Difference{}
	}
	if c.Currency != "" && v.Currency != "" && c.Currency != v.Currency ||
		c.Unit != "" && v.Unit != "" && c.Unit != v.Unit {
		return Difference{Kind: DiffIncomparable}
	}
	rel := (c.Amount - v.Amount) / v.Amount * 100
	if k, ok := bounded(c.Qualifier, c.Amount, v.Amount); ok {
		return Difference{Kind: k}
	}
	switch {
	case c.Qualifier == "about" && math.Abs(rel) <= aboutPercent:
		return Difference{Kind: DiffConsistent, Percent: math.Abs(rel)}
	case math.Abs(rel) < 0.05:
		return Difference{Kind: DiffMatch}
	case rel > 0:
		return Difference{Kind: DiffOver, Percent: rel}
	}
	return Difference{Kind: DiffUnder, Percent: -rel}
}

func comparePoints(c, v Value) Difference {
	if c.Amount <= 0 || v.Amount <= 0 {
		return Difference{}
	}
	pts := c.Amount - v.Amount
	if k, ok := bounded(c.Qualifier, c.Amount, v.Amount); ok {
		return Difference{Kind: k}
	}
	switch {
	case c.Qualifier == "about" && math.Abs(pts) <= aboutPoints:
		return Difference{Kind: DiffConsistent, Points: math.Abs(pts)}
	case math.Abs(pts) < 0.005:
		return Difference{Kind: DiffMatch}
	case pts > 0:
		return Difference{Kind: DiffPointsHigh, Points: pts}
	}
	return Difference{Kind: DiffPointsLow, Points: -pts}
}

// bounded handles "at most", "less than", "at least" and "more than": the
// claim holds when the verified figure is on the stated side of the bound.
// When it is not, the ordinary comparison says by how much.
func bounded(q string, claimed, verified float64) (DiffKind, bool) {
	switch q {
	case "at_most":
		return DiffConsistent, verified <= claimed
	case "less_than":
		return DiffConsistent, verified < claimed
	case "at_least":
		return DiffConsistent, verified >= claimed
	case "more_than":
		return DiffConsistent, verified > claimed
	}
	return "", false
}

func compareDates(c, v Value) Difference {
	cs, ce, ok := period(c)
	if !ok {
		return Difference{}
	}
	vs, ve, ok := period(v)
	if !ok {
		return Difference{}
	}
	const day = 24 * time.Hour
	switch {
	case cs.Equal(vs) && ce.Equal(ve) && ce.Sub(cs) == day:
		return Difference{Kind: DiffMatch}
	case vs.Before(ce) && cs.Before(ve):
		// The verified date lies in (or overlaps) the claimed period.
		return Difference{Kind: DiffConsistent}
	case !vs.Before(ce):
		// It happened after the claimed period: the claim is too early.
		return Difference{Kind: DiffEarlier, Days: int(vs.Sub(ce.Add(-day)) / day)}
	}
	return Difference{Kind: DiffLater, Days: int(cs.Sub(ve.Add(-day)) / day)}
}

// period turns a date value into the half-open interval of days it names:
// a day, a month, a year, a part of a year (early: January–April, mid:
// May–August, late: September–December) or a decade.
func period(v Value) (time.Time, time.Time, bool) {
	if v.Date == "" {
		return time.Time{}, time.Time{}, false
	}
	start, ok := parsePartialDate(v.Date)
	if !ok {
		return time.Time{}, time.Time{}, false
	}
	prec := v.Precision
	if prec == "" {
		prec = precisionOf(v.Date)
	}
	if v.Part != "" {
		prec = "part_of_year"
	}
	switch prec {
	case "day":
		return start, start.AddDate(0, 0, 1), true
	case "month":
		start = time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC)
		return start, start.AddDate(0, 1, 0), true
	case "part_of_year":
		y := start.Year()
		switch v.Part {
		case "early":
			return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y, 5, 1, 0, 0, 0, 0, time.UTC), true
		case "mid":
			return time.Date(y, 5, 1, 0, 0, 0, 0, time.UTC), time.Date(y, 9, 1, 0, 0, 0, 0, time.UTC), true
		case "late":
			return time.Date(y, 9, 1, 0, 0, 0, 0, time.UTC), time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC), true
		}
	case "decade":
		y := start.Year() / 10 * 10
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y+10, 1, 1, 0, 0, 0, 0, time.UTC), true
	}
	y := start.Year()
	return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC), true
}
