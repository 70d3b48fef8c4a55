package migrations_test

import (
	"testing"

	"github.com/factdesk/factdesk/migrations/dbtest"
)

// The schema holds the report links' rules.
func TestReportSchema(t *testing.T) {
	db := dbtest.New(t)
	must := func(sql string) {
		t.Helper()
		if err := db.Exec(sql).Error; err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	must(`INSERT INTO articles (id,title,lang,body,text_hash,created_at,updated_at) VALUES (1,'t','en','b','h',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP)`)
	const ins = `INSERT INTO report_links (article_id,token,lang,created_at) VALUES `
	must(ins + `(1,'abcdefghijklmnopqrstuvwxyz012345','ar',CURRENT_TIMESTAMP)`)
	for what, sql := range map[string]string{
		"a short token":          ins + `(1,'short','ar',CURRENT_TIMESTAMP)`,
		"the same token twice":   ins + `(1,'abcdefghijklmnopqrstuvwxyz012345','en',CURRENT_TIMESTAMP)`,
		"an unknown language":    ins + `(1,'abcdefghijklmnopqrstuvwxyz0123456','fr',CURRENT_TIMESTAMP)`,
		"an article that is not": ins + `(2,'abcdefghijklmnopqrstuvwxyz0123457','en',CURRENT_TIMESTAMP)`,
	} {
		if err := db.Exec(sql).Error; err == nil {
			t.Errorf("the schema accepted %s", what)
		}
	}
	must(`DELETE FROM articles WHERE id = 1`)
	var n int64
	db.Raw("SELECT COUNT(*) FROM report_links").Scan(&n)
	if n != 0 {
		t.Errorf("a deleted article's links stayed: %d", n)
	}
}
