package claims_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/migrations/dbtest"
)

// The navigation's review count stops at the cap: a long queue costs no more
// than a short one.
func TestReviewCountIsCapped(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	ctx := context.Background()
	if err := db.Exec(`INSERT INTO users (id,email,name,role,password_hash,created_at,updated_at) VALUES
		(1,'r@x.org','Rev','reviewer','x',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP),
		(2,'e@x.org','Ed','editor','x',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP)`).Error; err != nil {
		t.Fatal(err)
	}
	if _, err := claims.Generate(ctx, db, claims.GenerateOptions{Articles: 20, Claims: 2000, Texts: []string{sampleAR}, Rand: rand.New(rand.NewPCG(1, 2))}); err != nil {
		t.Fatal(err)
	}
	if _, err := claims.GenerateVerdicts(ctx, db, rand.New(rand.NewPCG(3, 4))); err != nil {
		t.Fatal(err)
	}
	var waiting int64
	db.Raw("SELECT COUNT(*) FROM verdicts WHERE state = 'submitted'").Scan(&waiting)
	if waiting <= claims.ReviewCountCap+1 {
		t.Fatalf("only %d verdicts waiting; the test needs more than the cap", waiting)
	}
	n, err := claims.NewService(db).ReviewCount(ctx)
	if err != nil || n != claims.ReviewCountCap+1 {
		t.Fatalf("ReviewCount = %d, %v; want %d", n, err, claims.ReviewCountCap+1)
	}
}
