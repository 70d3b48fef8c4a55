// Package migrations owns the database: the numbered SQL files that define its
// schema, the runner that applies them with goose, and the seams where
// engine-specific code lives: Open (SQLite pragmas, the FTS5 build tag) and
// TextMatch (text search through FTS5 indexes).
//
// Every other package receives a *gorm.DB that is already open and migrated;
// none of them knows which engine is underneath. The schema is only ever
// changed by adding a numbered file here, never by GORM's AutoMigrate, so the
// SQL that tests run is the SQL that production runs.
package migrations
