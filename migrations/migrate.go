package migrations

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	"gorm.io/gorm"
)

//go:embed sql/*.sql
var files embed.FS

func provider(db *gorm.DB) (*goose.Provider, error) {
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	sub, err := fs.Sub(files, "sql")
	if err != nil {
		return nil, err
	}
	return goose.NewProvider(goose.DialectSQLite3, sqlDB, sub, goose.WithDisableGlobalRegistry(true))
}

// Up applies every pending migration, each in its own transaction, and
// returns how many were applied.
func Up(ctx context.Context, db *gorm.DB) (int, error) {
	p, err := provider(db)
	if err != nil {
		return 0, fmt.Errorf("migrations: %w", err)
	}
	if err := checkNotNewer(ctx, p); err != nil {
		return 0, err
	}
	res, err := p.Up(ctx)
	if err != nil {
		return len(res), fmt.Errorf("migrations: %w", err)
	}
	return len(res), nil
}

// Version reports the schema version of the database and the newest version
// this binary knows.
func Version(ctx context.Context, db *gorm.DB) (current, latest int64, err error) {
	p, err := provider(db)
	if err != nil {
		return 0, 0, err
	}
	current, err = p.GetDBVersion(ctx)
	if err != nil {
		return 0, 0, err
	}
	srcs := p.ListSources()
	if len(srcs) > 0 {
		latest = srcs[len(srcs)-1].Version
	}
	return current, latest, nil
}

// Pending counts the migrations this binary knows and the database has not
// applied. Version numbers may have gaps, so this is not latest - current.
func Pending(ctx context.Context, db *gorm.DB) (int, error) {
	p, err := provider(db)
	if err != nil {
		return 0, err
	}
	current, err := p.GetDBVersion(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, src := range p.ListSources() {
		if src.Version > current {
			n++
		}
	}
	return n, nil
}

// checkNotNewer refuses to touch a database whose schema was written by a
// newer factdesk: running old code on it would silently misread data.
func checkNotNewer(ctx context.Context, p *goose.Provider) error {
	current, err := p.GetDBVersion(ctx)
	if err != nil {
		return nil // a fresh database has no version table yet
	}
	srcs := p.ListSources()
	if len(srcs) == 0 {
		return nil
	}
	if latest := srcs[len(srcs)-1].Version; current > latest {
		return fmt.Errorf("migrations: database schema version %d is newer than this binary knows (%d); upgrade factdesk", current, latest)
	}
	return nil
}
