package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/web/paths"
	"github.com/factdesk/factdesk/web/views"
)

// Bar colours of the status chart (fill attributes of the SVG).
var statusColours = map[claims.Status]string{
	claims.StatusNew: "#57606a", claims.StatusResearching: "#0b5cad", claims.StatusInReview: "#b7791f", claims.StatusPublished: "#1a7f37",
}

// overviewWeeks is how many weeks the publication chart covers.
const overviewWeeks = 12

func scaleBars(bars []views.Bar) []views.Bar {
	var top int64
	for _, b := range bars {
		top = max(top, b.N)
	}
	for i := range bars {
		if top > 0 {
			bars[i].Width = float64(bars[i].N) / float64(top) * 100
		}
	}
	return bars
}

// overview is the desk's dashboard: claims per status, published verdicts
// per label and per week, and the median time to publication.
func (s *Server) overview(c echo.Context) error {
	l := lang(c)
	o, err := s.claims.Overview(c.Request().Context(), overviewWeeks)
	if err != nil {
		return err
	}
	m := views.OverviewPage{Published: int64(o.Published), Median: "—"}
	if o.Published > 0 {
		m.Median = durationText(l, o.MedianToPublish.Hours())
	}
	for _, st := range claims.Statuses {
		m.Statuses = append(m.Statuses, views.Bar{Label: l.T("status." + string(st)), Href: paths.ClaimsByStatus(string(st)), N: o.StatusCounts[st], Colour: statusColours[st]})
	}
	for _, lc := range o.LabelCounts {
		m.Labels = append(m.Labels, views.Bar{Label: lc.Label.Name(string(l)), N: lc.N, Colour: lc.Label.Colour})
	}
	for _, w := range o.Weeks {
		m.Weeks = append(m.Weeks, views.Bar{Label: l.F("overview.week_of", w.Start.Format("2006-01-02")), N: w.N, Colour: "#0b5cad"})
	}
	m.Statuses, m.Labels, m.Weeks = scaleBars(m.Statuses), scaleBars(m.Labels), scaleBars(m.Weeks)
	return render(c, http.StatusOK, views.OverviewView(s.page(c, l.T("overview.title"), "overview"), m))
}
