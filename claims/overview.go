package claims

import (
	"context"
	"sort"
	"time"
)

// LabelCount is how many published verdicts carry a label.
type LabelCount struct {
	Label Label
	N     int64
}

// WeekCount is how many verdict versions were published in the week that
// starts (Monday, UTC) at Start.
type WeekCount struct {
	Start time.Time
	N     int64
}

// Overview is the desk's dashboard.
type Overview struct {
	StatusCounts map[Status]int64
	LabelCounts  []LabelCount // every label in scale order, retired ones only when in use
	Weeks        []WeekCount  // oldest first, ending with the current week
	// MedianToPublish is the median time from a claim being logged to its
	// first verdict being published, over the Published claims whose first
	// verdict was published in the weeks covered.
	MedianToPublish time.Duration
	Published       int
}

// Overview counts claims per status, published verdicts per label and per
// week (the last weeks weeks), and the median time to publication over those
// weeks.
func (s *Service) Overview(ctx context.Context, weeks int) (Overview, error) {
	var o Overview
	var err error
	if o.StatusCounts, err = s.StatusCounts(ctx, 0); err != nil {
		return o, err
	}
	labels, err := s.Labels(ctx, true)
	if err != nil {
		return o, err
	}
	var perLabel []struct {
		LabelID int64
		N       int64
	}
	db := s.db.WithContext(ctx)
	if err := db.Table("verdicts").Select("label_id, COUNT(*) AS n").Where("state = ?", string(VerdictApproved)).
		Group("label_id").Scan(&perLabel).Error; err != nil {
		return o, err
	}
	counts := map[int64]int64{}
	for _, r := range perLabel {
		counts[r.LabelID] = r.N
	}
	for _, l := range labels {
		if l.Retired && counts[l.ID] == 0 {
			continue
		}
		o.LabelCounts = append(o.LabelCounts, LabelCount{Label: l, N: counts[l.ID]})
	}

	thisWeek := weekStart(s.now())
	first := thisWeek.AddDate(0, 0, -7*(weeks-1))
	var published []time.Time
	if err := db.Table("verdicts").Where("published_at >= ?", first).Pluck("published_at", &published).Error; err != nil {
		return o, err
	}
	o.Weeks = make([]WeekCount, weeks)
	for i := range o.Weeks {
		o.Weeks[i].Start = first.AddDate(0, 0, 7*i)
	}
	for _, t := range published {
		i := int(weekStart(t).Sub(first).Hours() / (24 * 7))
		if i >= 0 && i < weeks {
			o.Weeks[i].N++
		}
	}

	// A claim's first publication is its version that corrects nothing
	// (after it, only corrections are published). Only the window's are read,
	// so the dashboard costs the same on a desk with years of work.
	var spans []struct {
		Logged    time.Time
		Published time.Time
	}
	if err := db.Table("verdicts v").Select("c.created_at AS logged, v.published_at AS published").
		Joins("JOIN claims c ON c.id = v.claim_id").
		Where("v.published_at >= ? AND v.corrects_id IS NULL", first).Scan(&spans).Error; err != nil {
		return o, err
	}
	durs := make([]time.Duration, 0, len(spans))
	for _, sp := range spans {
		if d := sp.Published.Sub(sp.Logged); d >= 0 {
			durs = append(durs, d)
		}
	}
	o.Published = len(durs)
	o.MedianToPublish = median(durs)
	return o, nil
}

func median(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	if n := len(d); n%2 == 1 {
		return d[n/2]
	} else {
		return (d[n/2-1] + d[n/2]) / 2
	}
}

// weekStart is the Monday 00:00 UTC that starts t's week.
func weekStart(t time.Time) time.Time {
	t = t.UTC()
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}
