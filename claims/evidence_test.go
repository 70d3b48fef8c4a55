package claims_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/factdesk/factdesk/sources"
)

// evidence attaches real evidence through the sources service, wired to the
// claims service as web/desk wires it, so the review rule is checked against the
// evidence table in the same transaction.
type evidence struct {
	t   *testing.T
	src *sources.Service
	n   atomic.Int64
}

// add attaches one piece of evidence (a new source) to the claim.
func (e *evidence) add(claimID int64) {
	e.t.Helper()
	n := e.n.Add(1)
	_, _, err := e.src.AddEvidenceWithSource(context.Background(), 1, claimID,
		sources.Input{URL: fmt.Sprintf("https://example.org/evidence/%d", n), Title: fmt.Sprintf("Evidence %d", n), Kind: "news"},
		sources.EvidenceInput{Stance: "supports"})
	if err != nil {
		e.t.Fatalf("attach evidence to claim %d: %v", claimID, err)
	}
}
