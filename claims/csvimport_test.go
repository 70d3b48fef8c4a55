package claims_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/migrations/dbtest"
)

func csvSetup(t *testing.T) (*claims.Service, *gorm.DB, claims.Actor, claims.Article) {
	t.Helper()
	db := dbtest.New(t)
	if err := db.Exec(`INSERT INTO users (id,email,name,role,password_hash,created_at,updated_at) VALUES
		(1,'r@x.org','Rev','reviewer','x',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP),
		(2,'o@x.org','Other','reviewer','x',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP)`).Error; err != nil {
		t.Fatal(err)
	}
	svc := claims.NewService(db)
	rev := claims.Actor{ID: 1, Role: claims.RoleReviewer}
	a, err := svc.CreateArticle(context.Background(), rev, claims.NewArticle{Title: "خسارة إنفيديا", Body: sampleAR, PublishedOn: "2025-01-28"})
	if err != nil {
		t.Fatal(err)
	}
	return svc, db, rev, a
}

func TestReadCSV(t *testing.T) {
	t.Parallel()
	in := "\ufeffالادعاء;القائل;التاريخ\r\n" +
		"\"خسرت إنفيديا نحو 900 مليار دولار\";وكالة;2025-01-27\r\n" +
		"\"سطر\nعلى سطرين\";x;\r\n" +
		";;\r\n" +
		"ثالث;y;z\r\n"
	tb, err := claims.ReadCSV([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if tb.Delimiter != ';' || !cmp.Equal(tb.Header, []string{"الادعاء", "القائل", "التاريخ"}) {
		t.Errorf("delimiter %q, header %q", tb.Delimiter, tb.Header)
	}
	var lines []int
	for _, r := range tb.Rows {
		lines = append(lines, r.Line)
	}
	// The blank row is skipped; the row after a two-line cell starts on line 6.
	if d := cmp.Diff(lines, []int{2, 3, 6}); d != "" {
		t.Errorf("row lines (-got +want):\n%s", d)
	}
	if tb.Rows[1].Cells[0] != "سطر\nعلى سطرين" {
		t.Errorf("multi-line cell = %q", tb.Rows[1].Cells[0])
	}
	for name, tt := range map[string]struct {
		in   string
		want string
	}{
		"windows-1256": {"\xc7\xe1\xc7\xcf\xda\xc7\xc1,x\n\xe3\xcb\xc7\xe1,y\n", "err.csv_not_utf8"},
		"empty":        {"", "err.csv_empty"},
		"header only":  {"statement,claimant\n", "err.csv_empty"},
		"too large":    {"statement\n" + strings.Repeat("x\n", claims.MaxCSVBytes/2+1), "err.csv_too_large"},
		"too many":     {"statement\n" + strings.Repeat("x\n", claims.MaxCSVRows+1), "err.csv_too_many_rows"},
	} {
		_, err := claims.ReadCSV([]byte(tt.in))
		var fe claims.FieldErrors
		if !errors.As(err, &fe) || fe["file"] != tt.want {
			t.Errorf("%s: %v; want %s", name, err, tt.want)
		}
	}
}

func TestGuessColumns(t *testing.T) {
	t.Parallel()
	tests := []struct {
		header []string
		want   []claims.Column
	}{
		{[]string{"Claim", "Speaker", "Date", "Type", "Tags", "Notes"},
			[]claims.Column{claims.ColStatement, claims.ColClaimant, claims.ColClaimDate, claims.ColType, claims.ColTags, claims.ColIgnore}},
		{[]string{"الإدعاء", "صاحب_الادعاء", "تاريخ الادعاء", "النوع", "الوسوم"},
			[]claims.Column{claims.ColStatement, claims.ColClaimant, claims.ColClaimDate, claims.ColType, claims.ColTags}},
		{[]string{"text", "quote", "claim_date"}, // the second statement-like column is not proposed twice
			[]claims.Column{claims.ColStatement, claims.ColIgnore, claims.ColClaimDate}},
	}
	for _, tt := range tests {
		if d := cmp.Diff(claims.GuessColumns(tt.header), tt.want); d != "" {
			t.Errorf("GuessColumns(%q) (-got +want):\n%s", tt.header, d)
		}
	}
}

func TestImportCSVIntoArticle(t *testing.T) {
	t.Parallel()
	svc, _, rev, art := csvSetup(t)
	ctx := context.Background()
	file := "statement,who,when,kind,tags,notes\n" +
		"خسرت إنفيديا نحو 900 مليار دولار من قيمتها السوقية,وكالة,٢٧ يناير ٢٠٢٥,سوقي,\"nvidia, markets\",x\n" + // line 2: in the text
		"Nvidia lost about $593 billion,Reuters,2025-01-27,market,nvidia,\n" + // line 3: a paraphrase
		",nobody,2025-01-01,other,,\n" + // line 4: no statement
		"A date that is not one,Someone,the day before,other,,\n" + // line 5: bad date
		"Too few cells,x\n" + // line 6
		"A claim of an unknown kind,x,,astrology,,\n" // line 7
	up, err := svc.CreateCSVUpload(ctx, rev, art.ID, "claims.csv", []byte(file))
	if err != nil {
		t.Fatal(err)
	}
	if up.ArticleID != art.ID || up.Done {
		t.Fatalf("upload = %+v", up)
	}
	if _, err := svc.CSVUpload(ctx, claims.Actor{ID: 2, Role: claims.RoleReviewer}, up.ID); !errors.Is(err, claims.ErrNotFound) {
		t.Errorf("another user sees the upload: %v", err)
	}
	mapping := []claims.Column{claims.ColStatement, claims.ColClaimant, claims.ColClaimDate, claims.ColType, claims.ColTags, claims.ColIgnore}
	// A mapping without a statement column, or with a column kind twice, imports nothing.
	_, err = svc.ImportCSV(ctx, rev, up.ID, claims.CSVImport{ArticleID: art.ID, Mapping: []claims.Column{"ignore", "claimant", "claimant", "type", "tags", "ignore"}})
	var fe claims.FieldErrors
	if !errors.As(err, &fe) || fe["mapping"] != "err.mapping_statement" || fe["col-2"] != "err.mapping_twice" {
		t.Fatalf("bad mapping: %v %v", err, fe)
	}
	done, err := svc.ImportCSV(ctx, rev, up.ID, claims.CSVImport{ArticleID: art.ID, Mapping: mapping,
		TypeNames: map[string]claims.Type{claims.FoldTypeName("سوقي"): claims.TypeMarket}})
	if err != nil {
		t.Fatal(err)
	}
	if !done.Done || done.Added != 2 || done.Content != "" {
		t.Fatalf("import = %+v", done)
	}
	want := []claims.RowProblem{{Line: 4, Field: "statement", Key: "err.required"}, {Line: 5, Field: "claim_date", Key: "err.date"},
		{Line: 6, Key: "csvimport.row_cells"}, {Line: 7, Field: "type", Key: "err.type"}}
	if d := cmp.Diff(done.Problems, want); d != "" {
		t.Errorf("problems (-got +want):\n%s", d)
	}
	list, err := svc.ArticleClaims(ctx, art.ID)
	if err != nil || len(list) != 2 {
		t.Fatalf("article claims: %d %v", len(list), err)
	}
	var anchored, loose claims.Claim
	for _, c := range list {
		if c.Anchor != nil {
			anchored = c
		} else {
			loose = c
		}
	}
	if anchored.Type != claims.TypeMarket || anchored.ClaimDate != "2025-01-27" || anchored.Claimant != "وكالة" ||
		!cmp.Equal(anchored.Tags, []string{"markets", "nvidia"}) || anchored.Lang != "ar" || anchored.Status != claims.StatusNew {
		t.Errorf("anchored claim = %+v", anchored)
	}
	if loose.Statement != "Nvidia lost about $593 billion" || loose.Lang != "ar" || loose.ArticleID != art.ID {
		t.Errorf("claim not found in the text = %+v", loose)
	}
	hist, err := svc.History(ctx, anchored.ID)
	if err != nil || len(hist) != 1 || hist[0].Action != "claim.imported" || hist[0].UserID != rev.ID {
		t.Fatalf("history = %+v %v", hist, err)
	}
	if ch := hist[0].Changes[len(hist[0].Changes)-1]; ch.Field != "csv_line" || ch.New != "claims.csv:2" {
		t.Errorf("history source = %+v", ch)
	}
	// The same form sent again imports nothing.
	again, err := svc.ImportCSV(ctx, rev, up.ID, claims.CSVImport{ArticleID: art.ID, Mapping: mapping})
	if !errors.Is(err, claims.ErrAlreadyImported) || again.Added != 2 {
		t.Errorf("second import: %v %+v", err, again)
	}
	if list, _ := svc.ArticleClaims(ctx, art.ID); len(list) != 2 {
		t.Errorf("claims after importing twice: %d", len(list))
	}
}

// The rows go in one transaction: when the database refuses one, none of
// them stays and the upload can be imported again.
func TestImportCSVAllOrNothing(t *testing.T) {
	t.Parallel()
	svc, db, rev, _ := csvSetup(t)
	ctx := context.Background()
	lift := dbtest.RefuseInsert(t, db, "claims", "statement", "boom")
	up, err := svc.CreateCSVUpload(ctx, rev, 0, "x.csv", []byte("claim\nfirst\nsecond\nboom\nlast\n"))
	if err != nil {
		t.Fatal(err)
	}
	m := claims.CSVImport{Mapping: []claims.Column{claims.ColStatement}}
	if _, err := svc.ImportCSV(ctx, rev, up.ID, m); err == nil {
		t.Fatal("import passed a refusing database")
	}
	if n := count(t, db, "claims"); n != 0 {
		t.Errorf("%d claims stayed after a failed import", n)
	}
	lift()
	done, err := svc.ImportCSV(ctx, rev, up.ID, m)
	if err != nil || done.Added != 4 {
		t.Fatalf("retry: %+v %v", done, err)
	}
	page, _ := svc.Claims(ctx, claims.Filter{Sort: "oldest"})
	if len(page.Claims) != 4 || page.Claims[0].ArticleID != 0 || page.Claims[0].Lang != "en" || page.Claims[0].Type != claims.TypeOther {
		t.Errorf("stand-alone claims = %+v", page.Claims)
	}
}

func TestCSVUploadChecksFileAndArticle(t *testing.T) {
	t.Parallel()
	svc, db, rev, _ := csvSetup(t)
	ctx := context.Background()
	var fe claims.FieldErrors
	if _, err := svc.CreateCSVUpload(ctx, rev, 0, "x.csv", []byte("\x89PNG\r\n\x1a\n\x00")); !errors.As(err, &fe) || fe["file"] != "err.csv_not_utf8" {
		t.Errorf("binary upload: %v", err)
	}
	if _, err := svc.CreateCSVUpload(ctx, rev, 9999, "x.csv", []byte("claim\nx\n")); !errors.As(err, &fe) || fe["article"] != "err.article_missing" {
		t.Errorf("unknown article: %v", err)
	}
	// An upload nobody mapped for a day is removed when the next one comes.
	old, err := svc.CreateCSVUpload(ctx, rev, 0, "old.csv", []byte("claim\nx\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Exec("UPDATE claim_imports SET created_at = ? WHERE id = ?", time.Now().UTC().Add(-48*time.Hour), old.ID).Error; err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreateCSVUpload(ctx, rev, 0, "new.csv", []byte("claim\ny\n")); err != nil {
		t.Fatal(err)
	}
	var names []string
	db.Raw("SELECT file_name FROM claim_imports").Scan(&names)
	if !cmp.Equal(names, []string{"new.csv"}) {
		t.Errorf("uploads kept: %q; want only the new one", names)
	}
}
