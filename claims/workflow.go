package claims

// The workflow: new → researching → in review → published, with
// in review → researching when an editor requests changes and
// published → in review when an editor reopens a verdict for correction.
// Reviewers move their own work forward; sending back, publishing and
// reopening are editors' decisions. Admins can do what editors can.
type transition struct{ from, to Status }

var transitions = map[transition]func(Role) bool{
	{StatusNew, StatusResearching}:      Role.valid,
	{StatusResearching, StatusNew}:      Role.isEditor,
	{StatusResearching, StatusInReview}: Role.valid,
	{StatusInReview, StatusResearching}: Role.isEditor,
	{StatusInReview, StatusPublished}:   Role.isEditor,
	{StatusPublished, StatusInReview}:   Role.isEditor,
}

// CanTransition reports whether role may move a claim from one status to
// another.
func CanTransition(from, to Status, role Role) bool {
	allowed, ok := transitions[transition{from, to}]
	return ok && allowed(role)
}

// NextStatuses lists the statuses role may move a claim to from status.
func NextStatuses(from Status, role Role) []Status {
	var out []Status
	for _, to := range Statuses {
		if CanTransition(from, to, role) {
			out = append(out, to)
		}
	}
	return out
}
