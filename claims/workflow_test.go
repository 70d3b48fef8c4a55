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
