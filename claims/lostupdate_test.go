package claims_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/factdesk/factdesk/claims"
)

func editInput(c claims.Claim, restatement string) claims.ClaimInput {
	return claims.ClaimInput{Statement: c.Statement, Restatement: restatement, Type: string(c.Type), Claimant: c.Claimant,
		ClaimDate: c.ClaimDate, Priority: string(c.Priority), Lang: c.Lang, Value: c.Value, Version: c.Version}
}

// Fifty editors save the same claim at once from the same version: exactly
// one save wins, every other is told it conflicted, and the history holds
// exactly the winning change.
func TestNoLostUpdateSameVersion(t *testing.T) {
	t.Parallel()
	svc, rev, a := setup(t)
	ctx := context.Background()
	c, err := svc.CreateClaim(ctx, rev, a.ID, claims.ClaimInput{Statement: "خسرت إنفيديا 900 مليار دولار", Type: "other", Quote: "900 مليار دولار", Start: -1, End: -1})
	if err != nil {
		t.Fatalf("%v %v", err, map[string]string(fieldErrs(err)))
	}
	const editors = 50
	var wg sync.WaitGroup
	wins := make(chan string, editors)
	conflicts := make(chan int, editors)
	other := make(chan error, editors)
	for i := range editors {
		wg.Add(1)
		go func() {
			defer wg.Done()
			text := fmt.Sprintf("edit by editor %d", i)
			_, err := svc.UpdateClaim(ctx, rev, c.ID, editInput(c, text))
			var ce *claims.ConflictError
			switch {
			case err == nil:
				wins <- text
			case errors.As(err, &ce):
				conflicts <- i
			default:
				other <- err
			}
		}()
	}
	wg.Wait()
	close(wins)
	close(conflicts)
	close(other)
	for err := range other {
		t.Errorf("a save failed with neither success nor conflict: %v", err)
	}
	var won []string
	for w := range wins {
		won = append(won, w)
	}
	if len(won) != 1 || len(conflicts) != editors-1 {
		t.Fatalf("wins = %d, conflicts = %d; want 1 and %d", len(won), len(conflicts), editors-1)
	}
	final, _ := svc.Claim(ctx, c.ID)
	if final.Restatement != won[0] || final.Version != c.Version+1 {
		t.Errorf("final restatement %q version %d; want the winner %q at version %d", final.Restatement, final.Version, won[0], c.Version+1)
	}
	edits := editsOf(t, svc, c.ID)
	if len(edits) != 1 || edits[0].New != won[0] || edits[0].Old != "" {
		t.Errorf("history edits = %+v; want exactly the winning change", edits)
	}
}

// Fifty editors who each retry after a conflict (reload, reapply) all land
// eventually; the history is one unbroken chain: each change starts from the
// value the previous one left, so no save overwrote another unseen.
func TestNoLostUpdateWithRetries(t *testing.T) {
	t.Parallel()
	svc, rev, a := setup(t)
	ctx := context.Background()
	c, err := svc.CreateClaim(ctx, rev, a.ID, claims.ClaimInput{Statement: "هبط السهم 20 %", Type: "other", Quote: "20 %", Start: -1, End: -1})
	if err != nil {
		t.Fatalf("%v %v", err, map[string]string(fieldErrs(err)))
	}
	const editors = 50
	var wg sync.WaitGroup
	var mu sync.Mutex
	var conflicts int
	errs := make(chan error, editors)
	for i := range editors {
		wg.Add(1)
		go func() {
			defer wg.Done()
			text := fmt.Sprintf("revision %d", i)
			for attempt := 0; attempt < 1000; attempt++ {
				cur, err := svc.Claim(ctx, c.ID)
				if err != nil {
					errs <- err
					return
				}
				_, err = svc.UpdateClaim(ctx, rev, c.ID, editInput(cur, text))
				var ce *claims.ConflictError
				if errors.As(err, &ce) {
					mu.Lock()
					conflicts++
					mu.Unlock()
					continue
				}
				if err != nil {
					errs <- err
				}
				return
			}
			errs <- fmt.Errorf("editor %d never landed", i)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	final, _ := svc.Claim(ctx, c.ID)
	if final.Version != c.Version+editors {
		t.Errorf("final version %d; want %d (one per editor)", final.Version, c.Version+editors)
	}
	edits := editsOf(t, svc, c.ID)
	if len(edits) != editors {
		t.Fatalf("history holds %d edits; want %d", len(edits), editors)
	}
	seen := map[string]bool{}
	prev := ""
	for _, e := range edits {
		if e.Old != prev {
			t.Errorf("broken chain: an edit from %q followed %q", e.Old, prev)
		}
		if seen[e.New] {
			t.Errorf("%q saved twice", e.New)
		}
		seen[e.New] = true
		prev = e.New
	}
	if final.Restatement != prev {
		t.Errorf("final %q, last history entry %q", final.Restatement, prev)
	}
	t.Logf("%d editors, %d conflicts told and retried", editors, conflicts)
}

func editsOf(t *testing.T, svc *claims.Service, id int64) []claims.Change {
	t.Helper()
	h, err := svc.History(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var out []claims.Change
	for _, e := range h {
		if e.Action != "claim.edited" {
			continue
		}
		for _, ch := range e.Changes {
			if ch.Field == "restatement" {
				out = append(out, ch)
			}
		}
	}
	return out
}

func fieldErrs(err error) claims.FieldErrors {
	var fe claims.FieldErrors
	errors.As(err, &fe)
	return fe
}
