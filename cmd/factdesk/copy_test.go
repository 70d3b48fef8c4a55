package main

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/claimreview"
	"github.com/factdesk/factdesk/migrations"
	"github.com/factdesk/factdesk/migrations/dbtest"
	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/desk"
)

// populatedDesk writes a SQLite desk with rows in every table: the demo
// workspace, generated articles and claims, a session, a sign-in failure
// and a setting. It returns the file and a live session token.
func populatedDesk(t *testing.T) (path, token string) {
	t.Helper()
	ctx := context.Background()
	path = filepath.Join(t.TempDir(), "desk.db")
	db, err := openMigrated(ctx, path, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer migrations.Close(db)
	if err := seedDemoForTest(ctx, db, io.Discard); err != nil {
		t.Fatal(err)
	}
	if _, err := claims.Generate(ctx, db, claims.GenerateOptions{Articles: 30, Claims: 3000, Seed: 3,
		Texts: []string{demoArticleAR, demoArticleEN}, Rand: rand.New(rand.NewPCG(3, 4))}); err != nil {
		t.Fatal(err)
	}
	users := desk.New(db).Users
	rev, err := users.UserByEmail(ctx, "reviewer@demo.factdesk")
	if err != nil {
		t.Fatal(err)
	}
	if token, err = users.CreateSession(ctx, rev.ID, "copy test"); err != nil {
		t.Fatal(err)
	}
	if _, err := users.Authenticate(ctx, "reviewer@demo.factdesk", "not the password", "10.0.0.1"); !errors.Is(err, auth.ErrBadCredentials) {
		t.Fatal(err)
	}
	if err := db.Exec("INSERT INTO settings (key, value, updated_at) VALUES ('desk.name', 'مكتب التحقق', ?)", time.Now()).Error; err != nil {
		t.Fatal(err)
	}
	// The tables the demo leaves empty: a dismissed suggestion, an import of
	// other desks' checks (with its per-record report) and a CSV upload.
	svc := desk.New(db).Claims
	actor := claims.Actor{ID: rev.ID, Role: claims.RoleReviewer}
	var artID int64
	if err := db.Raw("SELECT MIN(id) FROM articles").Scan(&artID).Error; err != nil {
		t.Fatal(err)
	}
	art, err := svc.Article(ctx, artID)
	if err != nil {
		t.Fatal(err)
	}
	sugg, err := svc.Suggestions(ctx, art, nil, claims.InTextOrder)
	if err != nil || len(sugg.Open) == 0 {
		t.Fatalf("suggestions: %d, %v", len(sugg.Open), err)
	}
	if err := svc.DismissSuggestion(ctx, actor, art.ID, sugg.Open[len(sugg.Open)-1].Key); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.ImportPriorChecks(ctx, actor, "reviews.json", claimreview.NewDecoder(strings.NewReader(cliReviews))); err != nil {
		t.Fatal(err)
	}
	var twins []int64
	if err := db.Raw("SELECT id FROM claims ORDER BY id LIMIT 2").Scan(&twins).Error; err != nil || len(twins) != 2 {
		t.Fatalf("claims to link: %v %v", twins, err)
	}
	if err := svc.LinkClaim(ctx, actor, twins[0], twins[1]); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreateCSVUpload(ctx, actor, art.ID, "claims.csv", []byte("claim,claimant\nالبطالة 7%,الوزارة\n")); err != nil {
		t.Fatal(err)
	}
	return path, token
}

func rowCounts(t *testing.T, db *gorm.DB) map[string]int64 {
	t.Helper()
	tables, err := migrations.Tables(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, tb := range tables {
		var n int64
		if err := db.Raw(`SELECT COUNT(*) FROM "` + tb.Name + `"`).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		out[tb.Name] = n
	}
	return out
}

func openDB(t *testing.T, dsn string) *gorm.DB {
	t.Helper()
	db, err := migrations.Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { migrations.Close(db) })
	return db
}

// A populated SQLite desk moves to the engine under test (PostgreSQL in the
// PostgreSQL pass) with every row: the counts match table by table, sampled
// claims, histories and accounts read back the same, sessions still sign in,
// new rows get fresh ids, and a second copy into the now non-empty target is
// refused without changing it.
func TestCopyMovesEveryRow(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	from, token := populatedDesk(t)
	to := dbtest.URL(t)

	out, _, err := runCmd(t, nil, "", "copy", "--from", from, "--to", to)
	if err != nil {
		t.Fatalf("copy: %v\n%s", err, out)
	}
	if !strings.Contains(out, "every table's count matches") || !strings.Contains(out, "claim_history") {
		t.Errorf("copy output:\n%s", out)
	}
	src, dst := openDB(t, from), openDB(t, to)
	want := rowCounts(t, src)
	for table, n := range want {
		if n == 0 {
			t.Errorf("the source's %s is empty: the test does not cover it", table)
		}
	}
	if diff := cmp.Diff(want, rowCounts(t, dst)); diff != "" {
		t.Fatalf("row counts differ (-source +target):\n%s", diff)
	}

	// PostgreSQL keeps microseconds, SQLite nanoseconds.
	sameTime := cmpopts.EquateApproxTime(time.Microsecond)
	srcClaims, dstClaims := desk.New(src).Claims, desk.New(dst).Claims
	var ids []int64
	if err := src.Raw("SELECT id FROM claims ORDER BY id").Scan(&ids).Error; err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(ids); i += 97 {
		a, err1 := srcClaims.Claim(ctx, ids[i])
		b, err2 := dstClaims.Claim(ctx, ids[i])
		if err1 != nil || err2 != nil {
			t.Fatalf("claim %d: %v %v", ids[i], err1, err2)
		}
		if diff := cmp.Diff(a, b, sameTime); diff != "" {
			t.Errorf("claim %d differs (-source +target):\n%s", ids[i], diff)
		}
		ha, _ := srcClaims.History(ctx, ids[i])
		hb, _ := dstClaims.History(ctx, ids[i])
		if diff := cmp.Diff(ha, hb, sameTime); diff != "" {
			t.Errorf("history of claim %d differs (-source +target):\n%s", ids[i], diff)
		}
	}
	ua, _ := desk.New(src).Users.Users(ctx)
	ub, _ := desk.New(dst).Users.Users(ctx)
	if diff := cmp.Diff(ua, ub, sameTime); diff != "" || len(ua) == 0 {
		t.Errorf("users differ (-source +target):\n%s", diff)
	}
	if u, err := desk.New(dst).Users.SessionUser(ctx, token); err != nil || u.Email != "reviewer@demo.factdesk" {
		t.Errorf("a session from the source does not sign in on the target: %v %v", u, err)
	}

	// New rows continue after the copied ids.
	users := desk.New(dst).Users
	nu, err := users.CreateUser(ctx, auth.NewUser{Email: "new@example.org", Name: "New", Role: "editor", Password: "a long passphrase"})
	if err != nil {
		t.Fatalf("a new user on the target: %v", err)
	}
	art, err := dstClaims.CreateArticle(ctx, claims.Actor{ID: nu.ID, Role: claims.RoleEditor}, claims.NewArticle{Title: "After the move", Body: "Shares fell 20 percent on Monday, the company said."})
	if err != nil {
		t.Fatalf("a new article on the target: %v", err)
	}
	c, err := dstClaims.CreateClaim(ctx, claims.Actor{ID: nu.ID, Role: claims.RoleEditor}, art.ID, claims.ClaimInput{Statement: "Shares fell 20 percent", Type: "percent", Quote: "fell 20 percent", Start: -1, End: -1, Amount: "20"})
	if err != nil {
		t.Fatalf("a new claim on the target: %v", err)
	}
	if c.ID <= ids[len(ids)-1] {
		t.Errorf("new claim id %d does not follow the copied ids (last %d)", c.ID, ids[len(ids)-1])
	}

	// And back again: the target copied into a new SQLite file holds the
	// same rows (PostgreSQL to SQLite in the PostgreSQL pass).
	back := filepath.Join(t.TempDir(), "back.db")
	if out, _, err := runCmd(t, nil, "", "copy", "--from", to, "--to", back); err != nil {
		t.Fatalf("copy back: %v\n%s", err, out)
	}
	if diff := cmp.Diff(rowCounts(t, dst), rowCounts(t, openDB(t, back))); diff != "" {
		t.Errorf("row counts after the copy back differ (-target +back):\n%s", diff)
	}
	cb, err := desk.New(openDB(t, back)).Claims.Claim(ctx, ids[len(ids)/2])
	if a, _ := srcClaims.Claim(ctx, ids[len(ids)/2]); err != nil || !cmp.Equal(a, cb, sameTime) {
		t.Errorf("a claim copied there and back differs: %v\n%s", err, cmp.Diff(a, cb, sameTime))
	}

	// A second copy finds rows and changes nothing.
	before := rowCounts(t, dst)
	if _, _, err := runCmd(t, nil, "", "copy", "--from", from, "--to", to); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("copy into a non-empty target: %v", err)
	}
	if diff := cmp.Diff(before, rowCounts(t, dst)); diff != "" {
		t.Errorf("a refused copy changed the target:\n%s", diff)
	}
}

// A copy that fails halfway (a source row the target's foreign keys refuse,
// after several tables went in) leaves the target without a single row.
func TestCopyIsAllOrNothing(t *testing.T) {
	t.Parallel()
	from, _ := populatedDesk(t)
	// A tag of a claim that does not exist, written with foreign keys off.
	raw, err := sql.Open("sqlite3", "file:"+from+"?_foreign_keys=0")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("INSERT INTO claim_tags (claim_id, tag) VALUES (999999, 'ghost')"); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	to := dbtest.URL(t)
	if _, _, err := runCmd(t, nil, "", "copy", "--from", from, "--to", to); err == nil || !strings.Contains(err.Error(), "claim_tags") {
		t.Fatalf("copy of a source with a broken row: %v", err)
	}
	if dbtest.Engine() == migrations.SQLite {
		if _, err := os.Stat(to); !os.IsNotExist(err) {
			t.Errorf("the failed copy left the new file %s behind", to)
		}
		return
	}
	for table, n := range rowCounts(t, openDB(t, to)) {
		if n != 0 && !migrations.Seeded(table) {
			t.Errorf("the failed copy left %d row(s) in %s", n, table)
		}
	}
}

func TestCopyRefusesBadArguments(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var ue usageError
	for _, args := range [][]string{
		{"copy"},
		{"copy", "--from", filepath.Join(dir, "a.db")},
		{"copy", "--from", filepath.Join(dir, "a.db"), "--to", filepath.Join(dir, "a.db")},
		{"copy", "--from", filepath.Join(dir, "a.db"), "--to", "mysql://u@h/d"},
		{"copy", "--from", filepath.Join(dir, "a.db"), "--to", filepath.Join(dir, "b.db"), "extra"},
	} {
		if _, _, err := runCmd(t, nil, "", args...); !errors.As(err, &ue) {
			t.Errorf("%v: err = %v, want a usage error", args, err)
		}
	}
	missing := filepath.Join(dir, "missing.db")
	if _, _, err := runCmd(t, nil, "", "copy", "--from", missing, "--to", filepath.Join(dir, "b.db")); err == nil || !strings.Contains(err.Error(), "no database at") {
		t.Errorf("copy from a missing file: %v", err)
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Error("copy from a missing file created it")
	}
	// A database URL that cannot be used stops a command with a clear
	// message, exit status 1, and without printing the password.
	for _, dsn := range []string{"mysql://u:s3cret@127.0.0.1/desk", "postgres://u:s3cret@127.0.0.1:1/desk?sslmode=disable"} {
		_, _, err := runCmd(t, nil, "", "migrate", "--db", dsn)
		if err == nil || exitCode(err) != 1 || strings.Contains(err.Error(), "s3cret") || !strings.Contains(err.Error(), "open database") {
			t.Errorf("migrate --db %s: %v", migrations.Redact(dsn), err)
		}
	}
	// Backups and restores are for SQLite files; a URL is refused before
	// any connection is tried.
	for _, args := range [][]string{
		{"backup", "--db", "postgres://u:p@127.0.0.1:1/desk", "--out", filepath.Join(dir, "x.db")},
		{"restore", "--db", "postgres://u:p@127.0.0.1:1/desk", filepath.Join(dir, "x.db")},
	} {
		if _, _, err := runCmd(t, nil, "", args...); !errors.Is(err, migrations.ErrNotSQLite) || !strings.Contains(err.Error(), "pg_dump") {
			t.Errorf("%v: %v", args[0], err)
		}
	}
}
