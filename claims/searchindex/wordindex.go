package searchindex

import (
	"context"
	"strings"

	"gorm.io/gorm"
)

// The word index (migration 00008) says which records hold which terms;
// it is written and read through indexIDs, insertRows, deleteRows and
// lookupTerms (vocabulary.go), and each engine's SQL for it lives in its own
// files (sqlite.go; postgres.go, postgres_costs.go, postings.go,
// vocabulary_pg.go) behind the engine interface (engine.go). What is here
// is the same on both: the query, the reads the kinds of one search share,
// and the bounds every statement ends with.

// kindTerm is the term that every word-index row of a kind's records holds
// on PostgreSQL, added by insertRows from the row's kind
// (migration 00011 added it to the rows written before): GIN intersects a
// kind's records with a query's words through it. It is not in the
// postings, which read a kind by its id range. It is also the name of the
// kind's count in the vocabulary (kindMarker).
func kindTerm(kind string) string { return kindTermMark + kind }

// kindTermMark starts every kindTerm: a private-use character, never part
// of a word; in SQL, chr(57345).
const kindTermMark = "\ue001"

// cleanTerms keeps the terms that can be matched whole: not empty, no space.
func cleanTerms(g []string) []string {
	var out []string
	for _, t := range g {
		if t = strings.TrimSpace(t); t != "" && !strings.ContainsAny(t, " \t\n") {
			out = append(out, t)
		}
	}
	return out
}

// indexQuery asks the word index for the records holding, for each group,
// at least one of its terms, newest first.
type indexQuery struct {
	Groups [][]string // AND of groups, OR within a group; terms are matched whole
	// AnyOf, when set, also requires one of its sets of terms in full (an OR
	// of ANDs): "two of these words, or this figure".
	AnyOf  [][]string
	Before int64 // only records with a smaller id (a cursor); 0 for none
	// MinID and MaxID bound the ids (inclusive) when MaxID > 0: a kind's
	// records are one range.
	MinID, MaxID int64
	DayFrom      string // YYYY-MM-DD bounds on search_docs.day; "" for none
	DayTo        string
	Limit        int
	// Docs and Records are what the caller knows from the vocabulary's
	// counts: about how many of the kind's records match, and how many
	// records the kind (the id range) has. PostgreSQL chooses its plan from
	// them (see pgFew); Records 0 (unknown) leaves the choice to its
	// planner. SQLite ignores them. A wrong estimate costs time, never a
	// wrong answer.
	Docs, Records int64
	// GroupDocs is, for each of Groups, about how many records hold one of
	// its terms (the vocabulary's counts). With it PostgreSQL walks the
	// rarest group's postings (see usePostings); without it, GIN answers.
	GroupDocs []int64
	// Kind is the kind of the records in [MinID, MaxID] (search_docs.kind),
	// when known: on PostgreSQL a read of few matches asks GIN for the
	// kind's term (kindTerm) with the words, so that it never reads another
	// kind's matches. SQLite reads the id range alone.
	Kind string
	// AllRecords is how many records every kind has together (the
	// vocabulary's counts), for Reads.
	AllRecords int64
	// Reads, when set, lets the queries of one search that differ only in
	// their kind (id range) share their reads of few matches: on
	// PostgreSQL a GIN read costs the same whatever the range (see
	// pgFewRead). SQLite ignores it.
	Reads   *sharedReads
	readMax int64 // the most a read of few matches reads, when not 0 (for the tests)
	walkMin int64 // what a walk reads, when not 0 (for the tests)
	window  int   // the size of every window of postings, when not 0 (for the tests)
}

// indexIDs returns the search_docs ids matching q, newest (largest) first,
// at most q.Limit of them. The index hands them out in that order, so the
// work is bounded by the limit, not by how many records match.
func indexIDs(ctx context.Context, db *gorm.DB, q indexQuery) ([]int64, error) {
	return engineOf(db).ids(ctx, db, q)
}

// sharedReads holds what the GIN reads of one search found, for the other kinds
// of that search (see indexQuery.Reads). One per search: it is not safe
// for concurrent use, and it never sees a write made after it.
type sharedReads struct {
	kinds int             // how many kinds the search asks for
	found map[string]read // by the read's conditions
	made  int             // reads made (for the tests)
}

// read is what a read of every kind found: every match, newest first, or
// many (more than the read was worth: not kept).
type read struct {
	ids  []int64
	many bool
}

// newSharedReads makes an empty sharedReads for one search of kinds kinds.
func newSharedReads(kinds int) *sharedReads {
	return &sharedReads{kinds: kinds, found: map[string]read{}}
}

func scanIDs(ctx context.Context, db *gorm.DB, query string, args []any) ([]int64, error) {
	var ids []int64
	err := db.WithContext(ctx).Raw(query, args...).Scan(&ids).Error
	return ids, err
}

// searchIDsBounded finishes either engine's query: the cursor, the kind's id
// range and the date bounds, newest first, at most q.Limit ids. idCol is the
// word index's id column (an identifier of ours, never user input).
func searchIDsBounded(ctx context.Context, db *gorm.DB, sb *strings.Builder, args []any, idCol string, q indexQuery) ([]int64, error) {
	bounded(sb, &args, idCol, q)
	sb.WriteString(" ORDER BY " + idCol + " DESC LIMIT ?")
	return scanIDs(ctx, db, sb.String(), append(args, q.Limit))
}

// bounded writes q's cursor, id range and date bounds.
func bounded(sb *strings.Builder, argp *[]any, idCol string, q indexQuery) {
	args := *argp
	defer func() { *argp = args }()
	if q.Before > 0 {
		sb.WriteString(" AND " + idCol + " < ?")
		args = append(args, q.Before)
	}
	if q.MaxID > 0 {
		sb.WriteString(" AND " + idCol + " BETWEEN ? AND ?")
		args = append(args, q.MinID, q.MaxID)
	}
	if q.DayFrom != "" {
		sb.WriteString(" AND d.day >= ?")
		args = append(args, q.DayFrom)
	}
	if q.DayTo != "" {
		sb.WriteString(" AND d.day <> '' AND d.day <= ?")
		args = append(args, q.DayTo)
	}
}

// deleteRows removes the word-index rows of ids (on PostgreSQL, with
// their postings).
func deleteRows(tx *gorm.DB, ids []int64) error { return engineOf(tx).delete(tx, ids) }

// insertRows adds word-index rows: terms[i] (space separated) for ids[i],
// a record of kind kinds[i] (search_docs.kind; on PostgreSQL the row also
// holds its kindTerm, and the postings are written). The rows must not
// exist (delete them first).
func insertRows(tx *gorm.DB, ids []int64, kinds, terms []string) error {
	return engineOf(tx).insert(tx, ids, kinds, terms)
}

// clearRows empties the word index, and on SQLite the trigram index of the
// vocabulary (on PostgreSQL that index follows search_terms itself), before
// a rebuild.
func clearRows(tx *gorm.DB) error { return engineOf(tx).clear(tx) }

// optimizeRows merges the word index into one segment: after a bulk load
// or a rebuild, which leave many small segments that every query would
// otherwise read one by one. It rewrites the index (seconds for a million
// records): for bulk work, not for every write. PostgreSQL's GIN indexes
// need no such step (bulk loads end with migrations.Analyze).
func optimizeRows(db *gorm.DB) error { return engineOf(db).compact(db, 0) }

// mergeRows does a bounded amount of merging (about pages pages of work)
// on the segments that everyday writes add, one per transaction. Nothing to
// do on PostgreSQL (autovacuum cleans GIN's pending list).
func mergeRows(db *gorm.DB, pages int) error { return engineOf(db).compact(db, pages) }
