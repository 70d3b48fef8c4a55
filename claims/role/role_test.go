package role_test

import (
	"errors"
	"testing"

	"github.com/factdesk/factdesk/claims/role"
)

func TestParse(t *testing.T) {
	for _, r := range role.All {
		got, err := role.Parse(r.String())
		if err != nil || got != r {
			t.Errorf("Parse(%q) = %q, %v", r, got, err)
		}
	}
	for _, s := range []string{"", "owner", "Admin", " admin"} {
		if got, err := role.Parse(s); !errors.Is(err, role.ErrUnknown) || got != "" {
			t.Errorf("Parse(%q) = %q, %v; want ErrUnknown", s, got, err)
		}
	}
}

func TestAtLeast(t *testing.T) {
	for i, r := range role.All {
		for j, min := range role.All {
			if got := r.AtLeast(min); got != (i >= j) {
				t.Errorf("%s.AtLeast(%s) = %v", r, min, got)
			}
		}
		if role.Role("").AtLeast(r) || role.Role("owner").AtLeast(r) {
			t.Errorf("an unknown role is at least %s", r)
		}
	}
}

func TestValid(t *testing.T) {
	for _, r := range role.All {
		if !r.Valid() {
			t.Errorf("%s is not valid", r)
		}
	}
	for _, r := range []role.Role{"", "owner", "Editor"} {
		if r.Valid() {
			t.Errorf("%q is valid", r)
		}
	}
}
