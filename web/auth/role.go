package auth

import "github.com/factdesk/factdesk/claims/role"

// Role is the desk's one role type (claims/role), under the names the
// accounts code has always used.
type Role = role.Role

const (
	Reviewer = role.Reviewer
	Editor   = role.Editor
	Admin    = role.Admin
)

// Roles lists every role, least to most powerful.
var Roles = role.All

// ParseRole accepts only the three known roles.
func ParseRole(s string) (Role, error) { return role.Parse(s) }
