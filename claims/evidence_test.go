package claims_test

import (
	"context"
	"sync"

	"gorm.io/gorm"
)

// evidenceStandIn counts the evidence of claims for these tests: a claim has
// what add gave it. Replaced by the sources service at merge (the real
// counter reads the evidence table in the same transaction).
type evidenceStandIn struct {
	mu sync.Mutex
	n  map[int64]int
}

func (e *evidenceStandIn) EvidenceCount(_ context.Context, _ *gorm.DB, claimID int64) (int, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.n[claimID], nil
}

// add attaches one piece of evidence to the claim.
func (e *evidenceStandIn) add(claimID int64) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.n == nil {
		e.n = map[int64]int{}
	}
	e.n[claimID]++
}
