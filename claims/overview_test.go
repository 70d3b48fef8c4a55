package claims_test

import (
	"context"
	"testing"
	"time"

	"github.com/factdesk/factdesk/claims"
)

// clock is a settable time for the service.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func TestOverviewCountsWeeksAndMedian(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	clk := &clock{t: time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)} // a Monday
	d.svc.SetClock(clk.now)
	// Three claims logged at once, published after 2 h, 10 h and (in the
	// next week) 9 days; one more stays in review.
	var published []int64
	for _, after := range []time.Duration{2 * time.Hour, 10 * time.Hour, 9 * 24 * time.Hour} {
		clk.t = time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
		c, v := d.submitted(t, d.rev)
		clk.t = clk.t.Add(after)
		if _, err := d.svc.Approve(ctx, d.ed, v.ID, v.Version); err != nil {
			t.Fatal(err)
		}
		published = append(published, c.ID)
	}
	d.submitted(t, d.rev)
	// A correction published a week later counts as a publication that week
	// but does not change the claim's time to its first verdict.
	clk.t = time.Date(2025, 3, 12, 12, 0, 0, 0, time.UTC)
	vs, _ := d.svc.Verdicts(ctx, published[0])
	fix := d.input("False", vs[0].Version)
	fix.CorrectionNote = "Label changed."
	v2, err := d.svc.OpenCorrection(ctx, d.ed, published[0], fix, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.svc.Approve(ctx, d.ed2, v2.ID, v2.Version); err != nil {
		t.Fatal(err)
	}

	o, err := d.svc.Overview(ctx, 4)
	if err != nil {
		t.Fatal(err)
	}
	if o.StatusCounts[claims.StatusPublished] != 3 || o.StatusCounts[claims.StatusInReview] != 1 {
		t.Errorf("status counts = %v", o.StatusCounts)
	}
	if o.Published != 3 || o.MedianToPublish != 10*time.Hour {
		t.Errorf("median over %d claims = %s; want 10h over 3", o.Published, o.MedianToPublish)
	}
	var weeks []int64
	for _, w := range o.Weeks {
		weeks = append(weeks, w.N)
	}
	if len(o.Weeks) != 4 || o.Weeks[3].Start != time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC) || weeks[2] != 2 || weeks[3] != 2 {
		t.Errorf("weeks = %v starting %v; want [0 0 2 2] ending with the week of 10 March", weeks, o.Weeks[0].Start)
	}
	byLabel := map[string]int64{}
	for _, lc := range o.LabelCounts {
		byLabel[lc.Label.NameEN] = lc.N
	}
	if byLabel["Mostly false"] != 2 || byLabel["False"] != 1 || len(o.LabelCounts) != 8 {
		t.Errorf("label counts = %v (%d labels)", byLabel, len(o.LabelCounts))
	}
}
