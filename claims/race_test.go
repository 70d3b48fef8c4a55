package claims_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/sources"
)

// A verdict sent to review while someone removes the claim's last piece of
// evidence: one of the two wins, never both, whatever the engine (PostgreSQL
// at READ COMMITTED would let both pass their checks without the claim's
// lock). Repeated so that the two really overlap (without the lock,
// PostgreSQL let both pass within about 15 rounds).
func TestSubmitRacesLastEvidenceRemoval(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	src := d.ev.src
	for i := range 60 {
		c := d.claim(t)
		d.ev.add(c.ID)
		v, err := d.svc.SaveVerdict(ctx, d.rev, c.ID, d.input("Mostly false", 0), false)
		if err != nil {
			t.Fatal(err)
		}
		evs, err := src.ClaimEvidence(ctx, c.ID)
		if err != nil || len(evs) != 1 {
			t.Fatalf("evidence: %d %v", len(evs), err)
		}
		var wg sync.WaitGroup
		var submitErr, removeErr error
		wg.Add(2)
		go func() {
			defer wg.Done()
			_, submitErr = d.svc.SaveVerdict(ctx, d.rev, c.ID, d.input("Mostly false", v.Version), true)
		}()
		go func() {
			defer wg.Done()
			removeErr = src.RemoveEvidence(ctx, 1, evs[0].ID, evs[0].Version)
		}()
		wg.Wait()
		switch {
		case submitErr == nil && removeErr == nil:
			t.Fatalf("round %d: the verdict went to review and its last evidence was removed", i)
		case submitErr == nil && !errors.Is(removeErr, sources.ErrLastEvidence):
			t.Errorf("round %d: removal after the submission: %v; want ErrLastEvidence", i, removeErr)
		case removeErr == nil && !errors.Is(submitErr, claims.ErrNoEvidence):
			t.Errorf("round %d: submission after the removal: %v; want ErrNoEvidence", i, submitErr)
		}
		got, err := d.svc.Claim(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		counts, err := src.EvidenceCounts(ctx, []int64{c.ID})
		if err != nil {
			t.Fatal(err)
		}
		if got.Status == claims.StatusInReview && counts[c.ID].Total() == 0 {
			t.Fatalf("round %d: a claim in review without evidence", i)
		}
	}
}

// Two first verdicts proposed on one claim at once: one is created, the
// other is told someone was first; never two open versions or a database
// error.
func TestConcurrentFirstVerdicts(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	for i := range 10 {
		c := d.claim(t)
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for j := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[j] = d.svc.SaveVerdict(ctx, d.rev, c.ID, d.input("False", 0), false)
			}()
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			var vc *claims.VerdictConflictError
			switch {
			case err == nil:
				ok++
			case errors.As(err, &vc), errors.Is(err, claims.ErrConflict):
			default:
				t.Errorf("round %d: %v; want success or a conflict", i, err)
			}
		}
		vs, err := d.svc.Verdicts(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if ok != 1 || len(vs) != 1 {
			t.Errorf("round %d: %d proposals succeeded, %d verdicts stored; want 1 and 1", i, ok, len(vs))
		}
	}
}
