package main

import (
	"context"
	"log/slog"
	"time"
)

type pruner interface {
	PruneExpired(ctx context.Context) error
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
