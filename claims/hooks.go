package claims

import (
	"context"

	"gorm.io/gorm"
)

// EvidenceCounter tells how many pieces of evidence a claim has. The claims
// package does not know where evidence lives (the sources package keeps it);
// web/desk wires the two together. tx is the transaction of the status change, so
// the count and the change see the same snapshot.
type EvidenceCounter interface {
	EvidenceCount(ctx context.Context, tx *gorm.DB, claimID int64) (int, error)
}

// SetEvidenceCounter installs the evidence counter. Without one, the rule
// "a claim goes to review only with evidence" cannot be checked and every
// move to review is refused with ErrNoEvidence.
func (s *Service) SetEvidenceCounter(c EvidenceCounter) { s.evidence = c }
