package migrations_test

import (
	"context"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/migrations"
	"github.com/factdesk/factdesk/migrations/dbtest"
)

// On PostgreSQL, a statement marked to be planned with its values runs
// unprepared (planned at each execution); the others are prepared once per
// connection, in transactions too. SQLite runs both alike.
func TestStatementsPlannedWithTheirValues(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	dbtest.OneConnection(t, db)
	marked := migrations.WithValues("SELECT COUNT(*) FROM claims WHERE statement = ?")
	plain := "SELECT COUNT(*) FROM claims WHERE claimant = ?"
	run := func(db *gorm.DB) {
		t.Helper()
		for _, q := range []string{marked, plain} {
			var n int64
			if err := db.WithContext(ctx).Raw(q, "x").Scan(&n).Error; err != nil || n != 0 {
				t.Fatalf("%s: %d %v", q, n, err)
			}
		}
	}
	run(db)
	if err := db.Transaction(func(tx *gorm.DB) error { run(tx); return nil }); err != nil {
		t.Fatal(err)
	}
	if migrations.EngineOf(db) != migrations.Postgres {
		return
	}
	var prepared []string
	if err := db.Raw("SELECT statement FROM pg_prepared_statements").Scan(&prepared).Error; err != nil {
		t.Fatal(err)
	}
	// As sent: GORM numbers the placeholders.
	marked, plain = strings.ReplaceAll(marked, "?", "$1"), strings.ReplaceAll(plain, "?", "$1")
	var sawPlain bool
	for _, s := range prepared {
		if s == marked {
			t.Errorf("the marked statement was prepared: %q", s)
		}
		sawPlain = sawPlain || s == plain
	}
	if !sawPlain {
		t.Errorf("the plain statement was not prepared (prepared: %q)", prepared)
	}
}
