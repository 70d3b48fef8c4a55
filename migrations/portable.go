package migrations

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"gorm.io/gorm"
)

// Serialize makes check-then-write transactions that share a name run one
// at a time on every engine; call it first in the transaction. SQLite needs
// nothing: every transaction begins IMMEDIATE and holds the database's one
// write lock. PostgreSQL, at READ COMMITTED, would let two such transactions
// both see "no admin yet" and both insert one, so it takes an advisory lock
// released at commit or rollback.
func Serialize(tx *gorm.DB, name string) error {
	if EngineOf(tx) != Postgres {
		return nil
	}
	return tx.Exec("SELECT pg_advisory_xact_lock(hashtext('factdesk'), hashtext(?))", name).Error
}

// Table describes one application table.
type Table struct {
	Name       string
	Columns    []Column // the columns a copy writes (generated ones left out)
	PrimaryKey []string
	References []string // tables its foreign keys point at
}

// Column is one writable column of a table.
type Column struct {
	Name     string
	Type     string // as the engine declares it, lower case
	Identity bool   // a PostgreSQL identity column (its sequence must follow copies)
}

// Tables lists the application's tables (goose's version table and the
// engine's own tables left out, and on SQLite the shadow tables of full-text
// indexes too), each after the tables its foreign keys point at.
func Tables(ctx context.Context, db *gorm.DB) ([]Table, error) {
	db = db.WithContext(ctx)
	var names []string
	var err error
	if EngineOf(db) == Postgres {
		err = db.Raw(`SELECT table_name FROM information_schema.tables
			WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`).Scan(&names).Error
	} else {
		// pragma_table_list types shadow tables (an FTS5 index's storage)
		// and virtual tables apart from ordinary ones.
		err = db.Raw(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'
			AND name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY name`).Scan(&names).Error
	}
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	var out []Table
	for _, n := range names {
		// PostgreSQL's word index of search (search_fts and its
		// postings) is, like SQLite's FTS5 tables, derived from the
		// records: not copied or counted, but rebuilt (factdesk reindex).
		if n == "goose_db_version" || n == "search_fts" || n == "search_postings" {
			continue
		}
		t, err := describe(db, n)
		if err != nil {
			return nil, fmt.Errorf("describe table %s: %w", n, err)
		}
		out = append(out, t)
	}
	return orderByReferences(out)
}

func describe(db *gorm.DB, name string) (Table, error) {
	t := Table{Name: name}
	if EngineOf(db) == Postgres {
		var cols []struct {
			ColumnName  string
			DataType    string
			IsGenerated string
			IsIdentity  string
		}
		if err := db.Raw(`SELECT column_name, data_type, is_generated, is_identity FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position`, name).Scan(&cols).Error; err != nil {
			return t, err
		}
		for _, c := range cols {
			if c.IsGenerated == "ALWAYS" {
				continue
			}
			t.Columns = append(t.Columns, Column{Name: c.ColumnName, Type: strings.ToLower(c.DataType), Identity: c.IsIdentity == "YES"})
		}
		if err := db.Raw(`SELECT a.attname FROM pg_index i
			JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
			WHERE i.indrelid = to_regclass(quote_ident(?)) AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`, name).
			Scan(&t.PrimaryKey).Error; err != nil {
			return t, err
		}
		if err := db.Raw(`SELECT DISTINCT c2.relname FROM pg_constraint k JOIN pg_class c2 ON c2.oid = k.confrelid
			WHERE k.conrelid = to_regclass(quote_ident(?)) AND k.contype = 'f' ORDER BY 1`, name).Scan(&t.References).Error; err != nil {
			return t, err
		}
		return t, nil
	}
	var cols []struct {
		Name   string
		Type   string
		PK     int `gorm:"column:pk"`
		Hidden int
	}
	if err := db.Raw(`SELECT name, type, pk, hidden FROM pragma_table_xinfo(?) ORDER BY cid`, name).Scan(&cols).Error; err != nil {
		return t, err
	}
	pks := map[int]string{}
	for _, c := range cols {
		if c.Hidden != 0 { // generated (2, 3) or a virtual table's hidden column (1)
			continue
		}
		t.Columns = append(t.Columns, Column{Name: c.Name, Type: strings.ToLower(c.Type)})
		if c.PK > 0 {
			pks[c.PK] = c.Name
		}
	}
	for i := 1; i <= len(pks); i++ {
		t.PrimaryKey = append(t.PrimaryKey, pks[i])
	}
	if err := db.Raw(`SELECT DISTINCT "table" FROM pragma_foreign_key_list(?) ORDER BY 1`, name).Scan(&t.References).Error; err != nil {
		return t, err
	}
	return t, nil
}

// orderByReferences sorts tables so that each comes after the tables it
// references (ties by name); a table referring to itself is fine, a cycle is
// an error.
func orderByReferences(tables []Table) ([]Table, error) {
	byName := map[string]Table{}
	for _, t := range tables {
		byName[t.Name] = t
	}
	done := map[string]bool{}
	var out []Table
	for len(out) < len(tables) {
		var ready []string
		for _, t := range tables {
			if done[t.Name] {
				continue
			}
			ok := true
			for _, r := range t.References {
				if _, known := byName[r]; known && r != t.Name && !done[r] {
					ok = false
				}
			}
			if ok {
				ready = append(ready, t.Name)
			}
		}
		if len(ready) == 0 {
			return nil, fmt.Errorf("the foreign keys between tables form a cycle")
		}
		sort.Strings(ready)
		for _, n := range ready {
			done[n] = true
			out = append(out, byName[n])
		}
	}
	return out, nil
}

// Analyze refreshes the query planner's statistics after a bulk load
// (generate, copy). PostgreSQL plans the claim list and the search from them
// and would otherwise wait for autovacuum to notice the new rows; SQLite's
// planner does without (the figures in docs/PERFORMANCE.md were measured so),
// so there it does nothing. On PostgreSQL it also vacuums, as autovacuum
// would later: counts such as the review queue's in the navigation are then
// index-only scans instead of a visit to every row's page. Call it outside a
// transaction.
func Analyze(ctx context.Context, db *gorm.DB) error {
	if EngineOf(db) != Postgres {
		return nil
	}
	tables, err := Tables(ctx, db)
	if err != nil || len(tables) == 0 {
		return err
	}
	// The word index too: index-only scans of the postings need the
	// visibility map a VACUUM sets.
	names := []string{"search_fts", "search_postings"}
	for _, t := range tables {
		names = append(names, QuoteIdent(t.Name))
	}
	// Only our tables: a bare ANALYZE warns about every shared catalog a
	// non-superuser may not analyze.
	return db.WithContext(ctx).Exec("VACUUM (ANALYZE) " + strings.Join(names, ", ")).Error
}

// QuoteIdent quotes a table or column name the way both engines accept.
func QuoteIdent(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// seeded names the tables that the migrations themselves fill (00005 writes
// the default rating scale), so a new database holds rows there and nowhere
// else. A copy replaces those rows with the source's. TestMigrationsSeedOnly
// keeps this list in step with the migrations.
var seeded = map[string]bool{"rating_labels": true}

// Seeded reports whether the migrations write rows into table.
func Seeded(table string) bool { return seeded[table] }
