package claims

import "testing"

// Every pair of states, for every role: the whole transition table.
func TestTransitionsEveryPair(t *testing.T) {
	want := map[[2]Status][]Role{
		{StatusNew, StatusResearching}:      {RoleReviewer, RoleEditor, RoleAdmin},
		{StatusResearching, StatusNew}:      {RoleEditor, RoleAdmin},
		{StatusResearching, StatusInReview}: {RoleReviewer, RoleEditor, RoleAdmin},
		{StatusInReview, StatusResearching}: {RoleEditor, RoleAdmin},
		{StatusInReview, StatusPublished}:   {RoleEditor, RoleAdmin},
		{StatusPublished, StatusInReview}:   {RoleEditor, RoleAdmin},
	}
	roles := []Role{RoleReviewer, RoleEditor, RoleAdmin, Role("guest"), Role("")}
	for _, from := range Statuses {
		for _, to := range Statuses {
			allowed := map[Role]bool{}
			for _, r := range want[[2]Status{from, to}] {
				allowed[r] = true
			}
			for _, r := range roles {
				if got := CanTransition(from, to, r); got != allowed[r] {
					t.Errorf("CanTransition(%s → %s, %q) = %v; want %v", from, to, r, got, allowed[r])
				}
			}
		}
	}
}

// The moves into and out of review are verdict steps: no plain status
// button offers them, to any role.
func TestNextStatusesLeaveVerdictStepsOut(t *testing.T) {
	want := map[Status][]Status{
		StatusNew:         {StatusResearching},
		StatusResearching: {StatusNew},
		StatusInReview:    nil,
		StatusPublished:   nil,
	}
	for from, to := range want {
		got := NextStatuses(from, RoleAdmin)
		if len(got) != len(to) || (len(to) > 0 && got[0] != to[0]) {
			t.Errorf("NextStatuses(%s, admin) = %v; want %v", from, got, to)
		}
	}
	for _, tr := range [][2]Status{{StatusResearching, StatusInReview}, {StatusInReview, StatusResearching}, {StatusInReview, StatusPublished}, {StatusPublished, StatusInReview}} {
		if !ByVerdict(tr[0], tr[1]) {
			t.Errorf("%s → %s is not a verdict step", tr[0], tr[1])
		}
	}
	if got := NextStatuses(StatusNew, RoleReviewer); len(got) != 1 || got[0] != StatusResearching {
		t.Errorf("NextStatuses(new, reviewer) = %v", got)
	}
}
