// Package role is the desk's one vocabulary of roles: what the accounts store
// keeps for each user (web/auth) and what the workflow checks before each
// action (claims). It is a leaf both use, so neither imports the other.
package role

import (
	"errors"
	"fmt"
)

// Role is a closed vocabulary: the zero value is not a valid role.
type Role string

const (
	Reviewer Role = "reviewer"
	Editor   Role = "editor"
	Admin    Role = "admin"
)

// All lists every role, least to most powerful.
var All = []Role{Reviewer, Editor, Admin}

// ErrUnknown refuses a name that is not a role.
var ErrUnknown = errors.New("unknown role")

// Parse accepts only the three known roles.
func Parse(s string) (Role, error) {
	switch Role(s) {
	case Reviewer, Editor, Admin:
		return Role(s), nil
	}
	return "", fmt.Errorf("%w: %q", ErrUnknown, s)
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

// Valid reports whether r is one of the known roles.
func (r Role) Valid() bool { return r.rank() > 0 }

// AtLeast reports whether r carries the powers of min (an admin can do what
// an editor can, an editor what a reviewer can).
func (r Role) AtLeast(min Role) bool { return r.rank() >= min.rank() && r.rank() > 0 }
