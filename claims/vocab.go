package claims

import (
	"fmt"

	"github.com/factdesk/factdesk/claims/role"
)

// Type is the kind of a claim. Closed vocabulary, stored as TEXT with a CHECK.
type Type string

const (
	TypeMoney       Type = "money"
	TypeMarket      Type = "market"
	TypePercent     Type = "percent"
	TypeDate        Type = "date"
	TypeQuantity    Type = "quantity"
	TypeQuote       Type = "quote"
	TypeAttribution Type = "attribution"
	TypeEvent       Type = "event"
	TypeOther       Type = "other"
)

// Types lists every claim type in the order forms show them.
var Types = []Type{TypeMoney, TypeMarket, TypePercent, TypeDate, TypeQuantity, TypeQuote, TypeAttribution, TypeEvent, TypeOther}

// ParseType accepts only known types.
func ParseType(s string) (Type, error) {
	for _, t := range Types {
		if string(t) == s {
			return t, nil
		}
	}
	return "", fmt.Errorf("%w: type %q", ErrInvalid, s)
}

// HasAmount reports whether the type's value is a figure with a unit.
func (t Type) HasAmount() bool { return t == TypeMoney || t == TypeMarket || t == TypeQuantity }

// Status is where a claim is in the workflow.
type Status string

const (
	StatusNew         Status = "new"
	StatusResearching Status = "researching"
	StatusInReview    Status = "in_review"
	StatusPublished   Status = "published"
)

// Statuses lists the workflow in order.
var Statuses = []Status{StatusNew, StatusResearching, StatusInReview, StatusPublished}

// ParseStatus accepts only known statuses.
func ParseStatus(s string) (Status, error) {
	for _, st := range Statuses {
		if string(st) == s {
			return st, nil
		}
	}
	return "", fmt.Errorf("%w: status %q", ErrInvalid, s)
}

// Priority orders the desk's work.
type Priority string

const (
	PriorityLow    Priority = "low"
	PriorityNormal Priority = "normal"
	PriorityHigh   Priority = "high"
	PriorityUrgent Priority = "urgent"
)

// Priorities lists priorities from least to most pressing.
var Priorities = []Priority{PriorityLow, PriorityNormal, PriorityHigh, PriorityUrgent}

// ParsePriority accepts only known priorities; empty means normal.
func ParsePriority(s string) (Priority, error) {
	if s == "" {
		return PriorityNormal, nil
	}
	for _, p := range Priorities {
		if string(p) == s {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w: priority %q", ErrInvalid, s)
}

// Role is the actor's role as far as the workflow cares: the desk's one
// role type (claims/role), shared with the accounts store.
type Role = role.Role

const (
	RoleReviewer = role.Reviewer
	RoleEditor   = role.Editor
	RoleAdmin    = role.Admin
)

// Actor is who does something: recorded in history, checked by the workflow.
type Actor struct {
	ID   int64
	Role Role
}
