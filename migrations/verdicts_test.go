package migrations_test

import (
	"testing"

	"github.com/factdesk/factdesk/migrations/dbtest"
)

// The schema itself holds the verdict rules the application relies on.
func TestVerdictSchemaConstraints(t *testing.T) {
	db := dbtest.New(t)
	var labels int64
	db.Raw("SELECT COUNT(*) FROM rating_labels WHERE retired_at IS NULL").Scan(&labels)
	if labels != 8 {
		t.Fatalf("seeded labels = %d; want 8", labels)
	}
	must := func(sql string) {
		t.Helper()
		if err := db.Exec(sql).Error; err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	must(`INSERT INTO users (id,email,name,role,password_hash,created_at,updated_at) VALUES (1,'a@b.c','A','reviewer','x',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP)`)
	must(`INSERT INTO claims (id,statement,type,lang,created_at,updated_at) VALUES (1,'x','other','en',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP)`)
	const ins = `INSERT INTO verdicts (claim_id,number,label_id,conclusion,state,author_id,last_editor_id,corrects_id,correction_note,published_at,created_at,updated_at) VALUES `
	must(ins + `(1,1,1,'c','draft',1,1,NULL,'',NULL,CURRENT_TIMESTAMP,CURRENT_TIMESTAMP)`)
	refused := map[string]string{
		"a second version in the works":    ins + `(1,2,1,'c','submitted',1,1,NULL,'',NULL,CURRENT_TIMESTAMP,CURRENT_TIMESTAMP)`,
		"the same version number":          ins + `(1,1,1,'c','approved',1,1,NULL,'',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP,CURRENT_TIMESTAMP)`,
		"an unknown state":                 ins + `(1,3,1,'c','published',1,1,NULL,'',NULL,CURRENT_TIMESTAMP,CURRENT_TIMESTAMP)`,
		"a correction without a note":      ins + `(1,4,1,'c','approved',1,1,1,'',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP,CURRENT_TIMESTAMP)`,
		"a published version without date": ins + `(1,5,1,'c','approved',1,1,NULL,'',NULL,CURRENT_TIMESTAMP,CURRENT_TIMESTAMP)`,
		"an empty conclusion":              ins + `(1,6,1,'','approved',1,1,NULL,'',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP,CURRENT_TIMESTAMP)`,
		"a label that does not exist":      ins + `(1,7,999,'c','approved',1,1,NULL,'',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP,CURRENT_TIMESTAMP)`,
		"a truth position off the scale":   `INSERT INTO rating_labels (name_en,name_ar,colour,truth,sort_order,created_at,updated_at) VALUES ('X','س','#000000',6,90,CURRENT_TIMESTAMP,CURRENT_TIMESTAMP)`,
		"a label in use deleted":           `DELETE FROM rating_labels WHERE id = 1`,
		"sending back without a comment":   `INSERT INTO review_decisions (verdict_id,decided_by,decision,created_at) VALUES (1,1,'changes_requested',CURRENT_TIMESTAMP)`,
	}
	for what, sql := range refused {
		if err := db.Exec(sql).Error; err == nil {
			t.Errorf("the schema accepted %s", what)
		}
	}
	// Two published versions of one claim are refused too.
	must(ins + `(1,8,1,'c','approved',1,1,NULL,'',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP,CURRENT_TIMESTAMP)`)
	if err := db.Exec(ins + `(1,9,1,'c','approved',1,1,NULL,'',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP,CURRENT_TIMESTAMP)`).Error; err == nil {
		t.Error("the schema accepted two published versions of one claim")
	}
}
