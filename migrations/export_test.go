package migrations

import (
	"context"

	"gorm.io/gorm"
)

// Internals the external tests reach.
var (
	CheckExtensions  = checkExtensions
	ExtensionsNeeded = extensionsNeeded
	Render           = render
	WordBreaks       = wordBreaks
)

// WithWalkMin sets how many records a PostgreSQL walk of SearchIDs reads
// before it reads the rest from the index.
func WithWalkMin(q SearchQuery, n int64) SearchQuery {
	q.walkMin = n
	return q
}

// WithWindow sets the size of every window of postings a PostgreSQL walk of
// SearchIDs reads.
func WithWindow(q SearchQuery, n int) SearchQuery {
	q.window = n
	return q
}

// WithReadMax sets the most matches a PostgreSQL read of few matches
// reads before it leaves them to a walk.
func WithReadMax(q SearchQuery, n int64) SearchQuery {
	q.readMax = n
	return q
}

// ReadsMade is how many reads r made (the others were shared).
func ReadsMade(r *Reads) int { return r.made }

// UpTo migrates db to version v only (an older schema for upgrade tests).
func UpTo(ctx context.Context, db *gorm.DB, v int64) error {
	p, err := provider(db, true)
	if err != nil {
		return err
	}
	_, err = p.UpTo(ctx, v)
	return err
}

// WithValues marks a statement to be planned with its values.
var WithValues = withValues
