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
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if err := searchindex.Merge(ctx, db); err != nil && ctx.Err() == nil {
			logger.Warn("merge the search index", "err", err)
		}
	}
}

// housekeeping removes expired sessions and old sign-in failures at start
// and then every interval until ctx ends. It is safe to run in every
// instance that shares one database: a prune is an idempotent DELETE.
func housekeeping(ctx context.Context, p pruner, every time.Duration, logger *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if err := p.PruneExpired(ctx); err != nil && ctx.Err() == nil {
			logger.Warn("prune expired sessions", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
