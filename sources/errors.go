package sources

import "errors"

// Sentinel errors; the web layer maps them to statuses and messages.
var (
	ErrNotFound      = errors.New("not found")
	ErrInvalid       = errors.New("invalid input")
	ErrConflict      = errors.New("changed by someone else since you started editing")
	ErrDuplicate     = errors.New("a source with this URL is already in the library")
	ErrInUse         = errors.New("the source is evidence for a claim")
	ErrClaimNotFound = errors.New("no such claim")
	ErrLastEvidence  = errors.New("a claim in review or published keeps at least one piece of evidence")
)

// FieldErrors maps form fields to message keys.
type FieldErrors map[string]string

func (f FieldErrors) Error() string { return "invalid fields" }

func (f FieldErrors) Is(target error) bool { return target == ErrInvalid }

// DuplicateError carries the source already stored under the same URL.
type DuplicateError struct{ Existing Source }

func (e *DuplicateError) Error() string        { return ErrDuplicate.Error() }
func (e *DuplicateError) Is(target error) bool { return target == ErrDuplicate }

// ConflictError carries the newer version of a source that a stale edit ran
// into.
type ConflictError struct{ Current Source }

func (e *ConflictError) Error() string        { return ErrConflict.Error() }
func (e *ConflictError) Is(target error) bool { return target == ErrConflict }

// EvidenceConflictError carries the newer version of a piece of evidence; a
// zero Current.ID means it was removed meanwhile.
type EvidenceConflictError struct{ Current Evidence }

func (e *EvidenceConflictError) Error() string        { return ErrConflict.Error() }
func (e *EvidenceConflictError) Is(target error) bool { return target == ErrConflict }

// InUseError lists the claims a source is evidence for, when deleting it is
// refused.
type InUseError struct{ Claims []ClaimUse }

func (e *InUseError) Error() string        { return ErrInUse.Error() }
func (e *InUseError) Is(target error) bool { return target == ErrInUse }
