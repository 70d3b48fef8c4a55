package main

import (
	"context"
	"log/slog"
	"time"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims/searchindex"
)

type pruner interface {
	PruneExpired(ctx context.Context) error
}

// searchUpkeep compacts the search index a little every interval: each
// write adds a small segment to it, and a search reads them all until they
// are merged. The work per run is bounded.
func searchUpkeep(ctx context.Context, db *gorm.DB, every time.Duration, logger *slog.Logger) {
	periodically(ctx, every, false, logger, "merge the search index", func(ctx context.Context) error {
		return searchindex.Merge(ctx, db)
	})
}

// housekeeping removes expired sessions and old sign-in failures at start
// and then every interval until ctx ends. It is safe to run in every
// instance that shares one database: a prune is an idempotent DELETE.
func housekeeping(ctx context.Context, p pruner, every time.Duration, logger *slog.Logger) {
	periodically(ctx, every, true, logger, "prune expired sessions", p.PruneExpired)
}

// periodically runs job every interval (and once at start when atStart)
// until ctx ends, logging a failure as a warning and carrying on.
func periodically(ctx context.Context, every time.Duration, atStart bool, logger *slog.Logger, what string, job func(context.Context) error) {
	t := time.NewTicker(every)
	defer t.Stop()
	if !atStart {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
	for {
		if err := job(ctx); err != nil && ctx.Err() == nil {
			logger.Warn(what, "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
