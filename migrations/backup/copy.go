package backup

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"github.com/factdesk/factdesk/migrations"
	"strings"

	"gorm.io/gorm"
)

// TableCount is what a copy counted in one table.
type TableCount struct {
	Table          string
	Source, Target int64
}

// ErrTargetNotEmpty refuses a copy into a database that already holds rows.
var ErrTargetNotEmpty = errors.New("the target database is not empty")

// Copy moves a whole desk from src to dst, which may run on different
// engines: every row of every application table, tables in foreign-key
// order, all inside one transaction on dst (a failure leaves dst as it was).
// Both databases must be migrated to the same, latest schema, and dst must
// hold no rows but those the migrations wrote (see Seeded), which the
// source's replace. Identity sequences on PostgreSQL are moved past the copied
// ids. Before committing, the rows of each table are counted on both sides;
// any difference rolls the copy back.
//
// The source is read inside one transaction too, so the copy is one
// consistent snapshot; on SQLite that transaction holds the write lock, so
// servers writing to the source wait until the copy ends (stop them first).
func Copy(ctx context.Context, src, dst *gorm.DB) ([]TableCount, error) {
	srcVer, latest, err := migrations.Version(ctx, src)
	if err != nil {
		return nil, fmt.Errorf("copy: read the source's schema version: %w", err)
	}
	dstVer, _, err := migrations.Version(ctx, dst)
	if err != nil {
		return nil, fmt.Errorf("copy: read the target's schema version: %w", err)
	}
	if srcVer != latest || dstVer != latest {
		return nil, fmt.Errorf("copy: both databases must be at schema version %d (source %d, target %d); run factdesk migrate on each first", latest, srcVer, dstVer)
	}
	srcTables, err := migrations.Tables(ctx, src)
	if err != nil {
		return nil, fmt.Errorf("copy: source: %w", err)
	}
	dstTables, err := migrations.Tables(ctx, dst)
	if err != nil {
		return nil, fmt.Errorf("copy: target: %w", err)
	}
	plan, err := copyPlan(srcTables, dstTables)
	if err != nil {
		return nil, fmt.Errorf("copy: %w", err)
	}

	var counts []TableCount
	var srcOpts []*sql.TxOptions
	if migrations.EngineOf(src) == migrations.Postgres {
		// One snapshot for every table read.
		srcOpts = append(srcOpts, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	}
	err = src.WithContext(ctx).Transaction(func(stx *gorm.DB) error {
		return dst.WithContext(ctx).Transaction(func(dtx *gorm.DB) error {
			if err := migrations.Serialize(dtx, "copy"); err != nil {
				return err
			}
			for _, t := range plan {
				if migrations.Seeded(t.target.Name) {
					continue
				}
				var n int64
				if err := dtx.Raw("SELECT COUNT(*) FROM " + migrations.QuoteIdent(t.target.Name)).Scan(&n).Error; err != nil {
					return err
				}
				if n > 0 {
					return fmt.Errorf("%w: table %s holds %d row(s); copy only into a new, empty database", ErrTargetNotEmpty, t.target.Name, n)
				}
			}
			// Nothing else holds rows, so nothing refers to the rows the
			// migrations wrote: the source's own take their place.
			for i := len(plan) - 1; i >= 0; i-- {
				if name := plan[i].target.Name; migrations.Seeded(name) {
					if err := dtx.Exec("DELETE FROM " + migrations.QuoteIdent(name)).Error; err != nil {
						return fmt.Errorf("table %s: clear the rows the migrations wrote: %w", name, err)
					}
				}
			}
			counts = counts[:0]
			for _, t := range plan {
				c, err := copyTable(stx, dtx, t)
				if err != nil {
					return fmt.Errorf("table %s: %w", t.target.Name, err)
				}
				counts = append(counts, c)
			}
			if err := resetIdentities(dtx, plan); err != nil {
				return err
			}
			for _, c := range counts {
				if c.Source != c.Target {
					return fmt.Errorf("table %s: %d row(s) in the source but %d copied; nothing was committed", c.Table, c.Source, c.Target)
				}
			}
			return nil
		})
	}, srcOpts...)
	if err != nil {
		return nil, fmt.Errorf("copy: %w", err)
	}
	if err := migrations.Analyze(ctx, dst); err != nil {
		return counts, fmt.Errorf("copy: committed, but refreshing the planner's statistics failed (run ANALYZE): %w", err)
	}
	return counts, nil
}

type tablePlan struct {
	target  migrations.Table
	columns []migrations.Column // the target's columns, in the order they are read and written
	order   []string            // source primary key, for a stable read order
}

// copyPlan pairs the tables of both sides: the same tables, and every
// column the source has must be writable on the target.
func copyPlan(src, dst []migrations.Table) ([]tablePlan, error) {
	srcByName := map[string]migrations.Table{}
	for _, t := range src {
		srcByName[t.Name] = t
	}
	dstNames := map[string]bool{}
	var plan []tablePlan
	for _, d := range dst {
		dstNames[d.Name] = true
		s, ok := srcByName[d.Name]
		if !ok {
			return nil, fmt.Errorf("table %s exists on the target but not in the source: the schemas differ", d.Name)
		}
		dstCols := map[string]migrations.Column{}
		for _, c := range d.Columns {
			dstCols[c.Name] = c
		}
		p := tablePlan{target: d, order: s.PrimaryKey}
		for _, c := range s.Columns {
			dc, ok := dstCols[c.Name]
			if !ok {
				return nil, fmt.Errorf("column %s.%s exists in the source but cannot be written on the target: the schemas differ", d.Name, c.Name)
			}
			p.columns = append(p.columns, dc)
		}
		plan = append(plan, p)
	}
	for _, s := range src {
		if !dstNames[s.Name] {
			return nil, fmt.Errorf("table %s exists in the source but not on the target: the schemas differ", s.Name)
		}
	}
	return plan, nil
}

// copyTable streams one table in batches of multi-row INSERTs.
func copyTable(stx, dtx *gorm.DB, t tablePlan) (TableCount, error) {
	c := TableCount{Table: t.target.Name}
	if err := stx.Raw("SELECT COUNT(*) FROM " + migrations.QuoteIdent(t.target.Name)).Scan(&c.Source).Error; err != nil {
		return c, err
	}
	names := make([]string, len(t.columns))
	for i, col := range t.columns {
		names[i] = migrations.QuoteIdent(col.Name)
	}
	q := "SELECT " + strings.Join(names, ", ") + " FROM " + migrations.QuoteIdent(t.target.Name)
	if len(t.order) > 0 {
		order := make([]string, len(t.order))
		for i, o := range t.order {
			order[i] = migrations.QuoteIdent(o)
		}
		q += " ORDER BY " + strings.Join(order, ", ")
	}
	rows, err := stx.Raw(q).Rows()
	if err != nil {
		return c, err
	}
	defer rows.Close()
	// Stay far below PostgreSQL's 65,535 parameters per statement.
	perBatch := max(1, min(500, 30000/len(t.columns)))
	head := "INSERT INTO " + migrations.QuoteIdent(t.target.Name) + " (" + strings.Join(names, ", ") + ") VALUES "
	tuple := "(" + strings.TrimSuffix(strings.Repeat("?,", len(t.columns)), ",") + ")"
	var batch []any
	inBatch := 0
	flush := func() error {
		if inBatch == 0 {
			return nil
		}
		stmt := head + strings.TrimSuffix(strings.Repeat(tuple+",", inBatch), ",")
		if err := dtx.Exec(stmt, batch...).Error; err != nil {
			return err
		}
		batch, inBatch = batch[:0], 0
		return nil
	}
	vals := make([]any, len(t.columns))
	ptrs := make([]any, len(t.columns))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return c, err
		}
		for i, v := range vals {
			batch = append(batch, convertValue(v, t.columns[i]))
		}
		inBatch++
		if inBatch == perBatch {
			if err := flush(); err != nil {
				return c, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return c, err
	}
	if err := flush(); err != nil {
		return c, err
	}
	err = dtx.Raw("SELECT COUNT(*) FROM " + migrations.QuoteIdent(t.target.Name)).Scan(&c.Target).Error
	return c, err
}

// convertValue adapts a value read from one engine to the other's column:
// text read as bytes becomes a string unless the column holds bytes.
func convertValue(v any, col migrations.Column) any {
	if b, ok := v.([]byte); ok && col.Type != "bytea" && col.Type != "blob" {
		return string(b)
	}
	return v
}

// resetIdentities moves each PostgreSQL identity sequence past the highest
// copied id, so that the next row created gets a fresh one.
func resetIdentities(dtx *gorm.DB, plan []tablePlan) error {
	if migrations.EngineOf(dtx) != migrations.Postgres {
		return nil // SQLite's rowid continues from the highest id by itself
	}
	for _, t := range plan {
		for _, col := range t.target.Columns {
			if !col.Identity {
				continue
			}
			q := fmt.Sprintf("SELECT setval(pg_get_serial_sequence(?, ?), COALESCE(MAX(%s), 0) + 1, false) FROM %s",
				migrations.QuoteIdent(col.Name), migrations.QuoteIdent(t.target.Name))
			if err := dtx.Exec(q, migrations.QuoteIdent(t.target.Name), col.Name).Error; err != nil {
				return fmt.Errorf("reset the id sequence of %s: %w", t.target.Name, err)
			}
		}
	}
	return nil
}
