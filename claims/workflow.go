package claims

// The workflow: new → researching → in review → published, with
// in review → researching when an editor requests changes and
// published → in review when an editor reopens a verdict for correction.
// Reviewers move their own work forward; sending back, publishing and
// reopening are editors' decisions. Admins can do what editors can.
//
// The moves into and out of review are made by the verdict steps, never by a
// bare status change: a claim goes to review when its verdict is submitted
// (with evidence), is published only when an editor approves that verdict,
// goes back to research only with the editor's comment, and leaves
// "published" only through a correction. SetStatus refuses them.
type transition struct{ from, to Status }

type rule struct {
	allowed func(Role) bool
	// via names the verdict step that makes the move ("" for a move made
	// with a plain status change).
	via string
}

var transitions = map[transition]rule{
	{StatusNew, StatusResearching}:      {Role.Valid, ""},
	{StatusResearching, StatusNew}:      {isEditor, ""},
	{StatusResearching, StatusInReview}: {Role.Valid, "submit"},
	{StatusInReview, StatusResearching}: {isEditor, "request_changes"},
	{StatusInReview, StatusPublished}:   {isEditor, "approve"},
	{StatusPublished, StatusInReview}:   {isEditor, "correct"},
}

// CanTransition reports whether role may move a claim from one status to
// another, by whichever step makes that move.
func CanTransition(from, to Status, role Role) bool {
	r, ok := transitions[transition{from, to}]
	return ok && r.allowed(role)
}

// ByVerdict reports whether the move from one status to another is made by a
// verdict step (submit, approve, request changes, correct) rather than by a
// plain status change.
func ByVerdict(from, to Status) bool {
	return transitions[transition{from, to}].via != ""
}

// NextStatuses lists the statuses role may move a claim to from status with a
// plain status change (the verdict steps have their own buttons).
func NextStatuses(from Status, role Role) []Status {
	var out []Status
	for _, to := range Statuses {
		if CanTransition(from, to, role) && !ByVerdict(from, to) {
			out = append(out, to)
		}
	}
	return out
}

// isEditor is the workflow's check for the editors' transitions (admins too).
func isEditor(r Role) bool { return r.AtLeast(RoleEditor) }
