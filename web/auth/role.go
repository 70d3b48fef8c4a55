package auth

import "fmt"

// Role is a closed vocabulary: the zero value is not a valid role.
type Role string

const (
	Reviewer Role = "reviewer"
	Editor   Role = "editor"
	Admin    Role = "admin"
)

// Roles lists every role, least to most powerful.
var Roles = []Role{Reviewer, Editor, Admin}

// ParseRole accepts only the three known roles.
func ParseRole(s string) (Role, error) {
	switch Role(s) {
	case Reviewer, Editor, Admin:
		return Role(s), nil
	}
	return "", fmt.Errorf("%w: %q", ErrUnknownRole, s)
}

func (r Role) String() string { return string(r) }

func (r Role) rank() int {
	switch r {
	case Reviewer:
		return 1
	case Editor:
		return 2
	case Admin:
		return 3
	}
	return 0
}

// AtLeast reports whether r carries the powers of min (an admin can do what
// an editor can, an editor what a reviewer can).
func (r Role) AtLeast(min Role) bool { return r.rank() >= min.rank() && r.rank() > 0 }
