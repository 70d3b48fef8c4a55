package claims_test

import (
	"fmt"
	"testing"

	"github.com/factdesk/factdesk/claims"
)

func TestCompare(t *testing.T) {
	tests := []struct {
		name              string
		typ               claims.Type
		claimed, verified claims.Value
		want              string // kind and rounded figure
	}{
		// The three examples.
		{"900 bn vs 593 bn USD", claims.TypeMarket, claims.Value{Amount: 900e9, Currency: "USD", Qualifier: "about"}, claims.Value{Amount: 593e9, Currency: "USD"}, "over 51.8"},
		{"20 % vs 16.97 %", claims.TypePercent, claims.Value{Amount: 20, Qualifier: "about"}, claims.Value{Amount: 16.97}, "points_high 3.03"},
		{"late 2022 vs 2022-11-30", claims.TypeDate, claims.Value{Date: "2022", Precision: "part_of_year", Part: "late"}, claims.Value{Date: "2022-11-30"}, "consistent"},
		// Amounts.
		{"understated", claims.TypeMoney, claims.Value{Amount: 5e9, Currency: "USD"}, claims.Value{Amount: 6e9, Currency: "USD"}, "under 16.7"},
		{"exact match", claims.TypeQuantity, claims.Value{Amount: 1100, Unit: "GPU"}, claims.Value{Amount: 1100, Unit: "GPU"}, "match"},
		{"about, within 5 %", claims.TypeMarket, claims.Value{Amount: 600e9, Currency: "USD", Qualifier: "about"}, claims.Value{Amount: 593e9, Currency: "USD"}, "consistent"},
		{"at most, holds", claims.TypeMoney, claims.Value{Amount: 6e6, Currency: "USD", Qualifier: "at_most"}, claims.Value{Amount: 5.576e6, Currency: "USD"}, "consistent"},
		{"at most, broken", claims.TypeMoney, claims.Value{Amount: 6e6, Currency: "USD", Qualifier: "at_most"}, claims.Value{Amount: 8e6, Currency: "USD"}, "under 25.0"},
		{"more than, holds", claims.TypeQuantity, claims.Value{Amount: 1000, Qualifier: "more_than"}, claims.Value{Amount: 1100}, "consistent"},
		{"other currency", claims.TypeMoney, claims.Value{Amount: 955e9, Currency: "AUD"}, claims.Value{Amount: 593e9, Currency: "USD"}, "incomparable"},
		{"no verified amount", claims.TypeMoney, claims.Value{Amount: 6e6, Currency: "USD"}, claims.Value{Currency: "USD"}, "none"},
		// Percentages.
		{"points too low", claims.TypePercent, claims.Value{Amount: 10}, claims.Value{Amount: 12.5}, "points_low 2.50"},
		{"about 17 %", claims.TypePercent, claims.Value{Amount: 17, Qualifier: "about"}, claims.Value{Amount: 16.97}, "consistent"},
		{"exact 17 %", claims.TypePercent, claims.Value{Amount: 17}, claims.Value{Amount: 16.97}, "points_high 0.03"},
		// Dates.
		{"same day", claims.TypeDate, claims.Value{Date: "2025-01-20", Precision: "day"}, claims.Value{Date: "2025-01-20"}, "match"},
		{"a week too early", claims.TypeDate, claims.Value{Date: "2025-01-20"}, claims.Value{Date: "2025-01-27"}, "earlier 7"},
		{"too late", claims.TypeDate, claims.Value{Date: "2023", Precision: "year"}, claims.Value{Date: "2022-11-30"}, "later 32"},
		{"early 2022 vs November", claims.TypeDate, claims.Value{Date: "2022", Part: "early"}, claims.Value{Date: "2022-11-30"}, "earlier 214"},
		{"month", claims.TypeDate, claims.Value{Date: "2023-05", Precision: "month"}, claims.Value{Date: "2023-05-17"}, "consistent"},
		{"decade", claims.TypeDate, claims.Value{Date: "2020", Precision: "decade"}, claims.Value{Date: "2023-05-17"}, "consistent"},
		// Nothing to compare.
		{"quote", claims.TypeQuote, claims.Value{Speaker: "Trump"}, claims.Value{}, "none"},
		{"no verified date", claims.TypeDate, claims.Value{Date: "2022"}, claims.Value{}, "none"},
	}
	for _, tt := range tests {
		d := claims.Compare(tt.typ, tt.claimed, tt.verified)
		got := string(d.Kind)
		switch d.Kind {
		case claims.DiffNone:
			got = "none"
		case claims.DiffOver, claims.DiffUnder:
			got += fmt.Sprintf(" %.1f", d.Percent)
		case claims.DiffPointsHigh, claims.DiffPointsLow:
			got += fmt.Sprintf(" %.2f", d.Points)
		case claims.DiffEarlier, claims.DiffLater:
			got += fmt.Sprintf(" %d", d.Days)
		}
		if got != tt.want {
			t.Errorf("%s: Compare = %q (%+v); want %q", tt.name, got, d, tt.want)
		}
	}
}
