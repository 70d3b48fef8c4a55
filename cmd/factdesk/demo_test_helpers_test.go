package main

import (
	"context"
	"io"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/web/auth"
)

func seedDemoForTest(ctx context.Context, db *gorm.DB, out io.Writer) error {
	svc, src := services(db)
	return seedDemo(ctx, db, svc, src, auth.NewStore(db), out)
}
