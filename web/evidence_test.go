package web_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/factdesk/factdesk/sources"
)

// evidence attaches real evidence through the sources service for tests
// whose subject is not evidence itself (verdicts, review).
type evidence struct {
	t      testing.TB
	src    *sources.Service
	userID int64
	n      atomic.Int64
}

// add attaches one piece of evidence (a new source) to the claim.
func (e *evidence) add(claimID int64) {
	e.t.Helper()
	n := e.n.Add(1)
	uid := e.userID
	if uid == 0 {
		uid = 1
	}
	_, _, err := e.src.AddEvidenceWithSource(context.Background(), uid, claimID,
		sources.Input{URL: fmt.Sprintf("https://example.org/evidence/%d/%d", claimID, n), Title: fmt.Sprintf("Evidence %d", n), Kind: "news"},
		sources.EvidenceInput{Stance: "supports"})
	if err != nil {
		e.t.Fatalf("attach evidence to claim %d: %v", claimID, err)
	}
}
