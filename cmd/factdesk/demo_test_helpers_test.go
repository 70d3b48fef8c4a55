package main

import (
	"context"
	"io"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/web/desk"
)

func seedDemoForTest(ctx context.Context, db *gorm.DB, out io.Writer) error {
	return seedDemo(ctx, db, desk.New(db).Users, out)
}
