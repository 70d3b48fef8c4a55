package searchindex

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/migrations"
	"github.com/factdesk/factdesk/migrations/dbtest"
)

// The vocabulary's lookup (lookupTerms) gives PostgreSQL no value to
// plan with: after its first five executions it keeps one generic plan,
// whatever words are asked. Asked more terms and queries than one
// statement carries, it answers each as if asked alone.
func TestVocabularyLookupPlannedOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	dbtest.OneConnection(t, db)
	var terms []string
	for i := range 80 {
		term := fmt.Sprintf("word%02dx", i)
		terms = append(terms, term)
		if err := db.Exec("INSERT INTO search_terms (term, docs) VALUES (?, ?)", term, i+1).Error; err != nil {
			t.Fatal(err)
		}
	}
	if migrations.EngineOf(db) == migrations.Postgres {
		// A vocabulary large enough for the planner's estimates to differ
		// with the values it is given, if it is given any.
		if err := db.Exec("INSERT INTO search_terms (term, docs) SELECT 'filler' || g, 1 + g % 50 FROM generate_series(1, 20000) g").Error; err != nil {
			t.Fatal(err)
		}
		if err := db.Exec("ANALYZE search_terms").Error; err != nil {
			t.Fatal(err)
		}
	}
	for i, part := range []string{"word", "d0", "rd1", "zzz", "wor", "ord", "d7x"} {
		qs := []termsQuery{{Part: part}, {Part: part[:2], Prefix: true, Unless: terms[i], UnlessDocs: 3}}
		counts, got, err := lookupTerms(ctx, db, terms[i:i+2], qs)
		if err != nil {
			t.Fatal(err)
		}
		if counts[terms[i]] != int64(i+1) {
			t.Errorf("count of %s: %d; want %d", terms[i], counts[terms[i]], i+1)
		}
		if prefixed := len(got[1]) > 0; prefixed != (i+1 < 3 && part[:2] == "wo") {
			t.Errorf("%q: prefix %q answered with %v", part, part[:2], got[1])
		}
	}
	// 70 counts and 40 queries: more than one statement carries.
	var qs []termsQuery
	for i := range 40 {
		qs = append(qs, termsQuery{Part: fmt.Sprintf("d%02d", i)})
	}
	counts, got, err := lookupTerms(ctx, db, terms[:70], qs)
	if err != nil {
		t.Fatal(err)
	}
	for i, term := range terms[:70] {
		if counts[term] != int64(i+1) {
			t.Errorf("count of %s: %d; want %d", term, counts[term], i+1)
		}
	}
	for i, ts := range got {
		if len(ts) != 1 || ts[0].Term != terms[i] {
			t.Errorf("%+v: %v; want [%s]", qs[i], ts, terms[i])
		}
	}
	if migrations.EngineOf(db) != migrations.Postgres {
		return
	}
	var plans []struct{ GenericPlans, CustomPlans int64 }
	if err := db.Raw("SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%jsonb_to_recordset%' AND statement NOT LIKE '%pg_prepared_statements%'").Scan(&plans).Error; err != nil {
		t.Fatal(err)
	}
	if len(plans) != 1 || plans[0].GenericPlans < 2 || plans[0].CustomPlans > 5 {
		t.Errorf("the lookup's plans: %+v; want one statement, planned generically after at most five custom plans", plans)
	}
	var idx int64
	db.Raw("SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'search_terms' AND indexdef LIKE '%COLLATE \"C\"%'").Scan(&idx)
	if idx != 1 {
		t.Errorf("byte-order indexes of the vocabulary: %d; want 1 (migration 00012)", idx)
	}
}

// A list walked in its own order on PostgreSQL checks its rows against a
// hash table of the word's matches, read once from the postings, when that
// costs less than looking each row up (Filter.Where): the plan holds a
// hashed SubPlan, not a join the planner could turn into a read of every
// match, and the rows kept are the matches.
func TestPGListWalkAgainstASet(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	if migrations.EngineOf(db) != migrations.Postgres {
		return
	}
	const minID = int64(1) << 40
	for _, q := range []string{
		`INSERT INTO claims (statement, type, lang, created_at, updated_at)
			SELECT 'claim ' || g, 'other', 'en', now(), now() - g * interval '1 minute' FROM generate_series(1, 20000) g`,
		`INSERT INTO search_postings (term, id) SELECT 'rare', ` + fmt.Sprint(minID) + ` + id FROM claims WHERE id % 67 = 0`,
		`INSERT INTO search_postings (term, id) SELECT 'other', ` + fmt.Sprint(minID) + ` + id FROM claims WHERE id % 2 = 0`,
		`INSERT INTO search_fts (id, terms) SELECT id, array_agg(term) FROM search_postings GROUP BY id`,
		`ANALYZE`,
	} {
		if err := db.Exec(q).Error; err != nil {
			t.Fatal(err)
		}
	}
	f := Filter{Groups: [][]string{{"rare", "missing"}, {"other"}}, MinID: minID, MaxID: 2 * minID,
		Docs: 298, Records: 1_000_000, GroupDocs: []int64{298, 10000}}
	cond, args := f.where(db, "c")
	query := "SELECT c.id FROM claims c WHERE " + cond + " ORDER BY c.updated_at DESC, c.id DESC LIMIT 51"
	var lines []string
	if err := db.Raw("EXPLAIN "+query, args...).Scan(&lines).Error; err != nil {
		t.Fatal(err)
	}
	if plan := strings.Join(lines, "\n"); !strings.Contains(plan, "hashed SubPlan") || !strings.Contains(plan, "search_postings") {
		t.Errorf("the walk is not checked against a hash table of the postings:\n%s", plan)
	}
	var got, want []int64
	if err := db.Raw(query, args...).Scan(&got).Error; err != nil {
		t.Fatal(err)
	}
	db.Raw("SELECT id FROM claims WHERE id % 134 = 0 ORDER BY updated_at DESC, id DESC LIMIT 51").Scan(&want)
	if len(want) != 51 || !slices.Equal(got, want) {
		t.Errorf("walked against the set: %v; want %v", got, want)
	}
}
