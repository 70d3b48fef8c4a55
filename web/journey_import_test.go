package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/migrations/dbtest"
	"github.com/factdesk/factdesk/web"
	"github.com/factdesk/factdesk/web/browsertest"
	"github.com/factdesk/factdesk/web/desk"
	"github.com/factdesk/factdesk/web/i18n"
)

// startImportJourney is startJourneyApp that also returns the claims
// service, to add an article directly.
func startImportJourney(t *testing.T) (string, *web.Server, *claims.Service) {
	t.Helper()
	db := dbtest.New(t) // SQLite, or PostgreSQL with FACTDESK_TEST_PG
	dk := desk.New(db)
	svc := dk.Claims
	srv := web.New(web.Config{Desk: dk, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts.URL, srv, svc
}

// importCSV is the small CSV file of each language's journey: a statement
// taken word for word from the article, a paraphrase, a row without its
// claim (line 4) and a row with a date that is not one (line 5).
var importCSV = map[string]string{
	"ar": "\ufeffالادعاء;القائل;التاريخ;النوع;وسوم\r\n" +
		"خسرت شركة إنفيديا 900 مليار دولار من قيمتها السوقية في يوم واحد;الصحيفة;٢٨ يناير ٢٠٢٥;رقم سوقي;إنفيديا\r\n" +
		"كلفة تدريب نموذج ديب سيك ستة ملايين دولار;ديب سيك;2025-01-20;مال;ديب سيك\r\n" +
		";مجهول;;;\r\n" +
		"ادعاء بتاريخ غير مفهوم;مصدر;يوم ما;أخرى;\r\n",
	"en": "Claim,Speaker,Date,Type,Tags\n" +
		"Nvidia lost $593 billion in market value in a single day,The Test Gazette,\"January 28, 2025\",Market figure,nvidia\n" +
		"Training DeepSeek's model cost six million dollars,DeepSeek,2025-01-20,money,deepseek\n" +
		",nobody,,,\n" +
		"A claim with a date nobody can read,source,some day,other,\n",
}

var reCSVJourney = regexp.MustCompile(`^/imports/csv/(\d+)$`)

func TestJourneyImports(t *testing.T) {
	inBothLanguages(t, func(t *testing.T, b *browsertest.Browser, hc *browsertest.HTMLChecker, lang string) {
		journeyImports(t, b, hc, lang)
	})
}

func journeyImports(t *testing.T, b *browsertest.Browser, hc *browsertest.HTMLChecker, lang string) {
	L := i18n.Lang(lang)
	c := journeyContent[lang]
	base, srv, svc := startImportJourney(t)
	journeyUser(t, srv, "admin@example.org", "Admin", "admin")
	editor := journeyUser(t, srv, "editor@example.org", "Elias Editor", "editor")
	journeyUser(t, srv, "reviewer@example.org", "Rana Reviewer", "reviewer")
	name := func(s string) string { return s + " (" + lang + ")" }

	// Part 1: an editor imports the 1,274 Arabic fact-checks (1,285 reviews).
	if path := realFile(arabicFactChecksFile); path == "" {
		t.Logf("shared/data/%s not found above the package directory: the ClaimReview part of the journey is skipped", arabicFactChecksFile)
	} else {
		ed := openJourneyPage(t, b, base, lang)
		ed.signIn(t, "editor@example.org")
		ed.open(t, "/prior-checks")
		if got := ed.Text(t, "h1"); got != L.T("prior.title") {
			t.Errorf("prior checks h1 = %q", got)
		}
		if ed.count(t, "[data-testid=no-prior]") != 1 {
			t.Errorf("an empty desk lists prior checks")
		}
		ed.audit(t, hc, name("prior checks, empty"))
		ed.click(t, "[data-testid=prior-import-link]")
		if got := ed.path(t); got != "/prior-checks/import" {
			t.Fatalf("import link: at %s", got)
		}
		ed.audit(t, hc, name("prior check import form"))
		ed.Run(t, chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{path}))
		ed.click(t, "[data-testid=prior-import-submit]")
		ed.wantPath(t, "after importing the Arabic fact-checks", reImport)
		if got, want := ed.textOf(t, "[data-testid=count-added]"), L.Num(1285); got != want {
			t.Errorf("added = %q, want %q", got, want)
		}
		if got, want := ed.textOf(t, "[data-testid=count-records]"), L.Num(1285); got != want {
			t.Errorf("reviews read = %q, want %q", got, want)
		}
		if got := ed.textOf(t, "[data-testid=count-failed]"); got != L.Num(0) {
			t.Errorf("refused = %q", got)
		}
		ed.wantFlash(t, "after the import", L.Num(1285))
		ed.audit(t, hc, name("prior check import report"))

		// The list, filtered by desk; then one prior check.
		ed.click(t, "[data-testid=to-prior-list]")
		if n := ed.count(t, "[data-testid=prior-row]"); n != 50 {
			t.Errorf("first page holds %d prior checks, want 50", n)
		}
		if ed.count(t, "[data-testid=next-page]") != 1 {
			t.Errorf("no next page after 50 of 1,285")
		}
		ed.fill(t, map[string]string{"#f-publisher": "مسبار", "#f-rating": "misleading"})
		ed.click(t, "[data-testid=prior-filters] button[type=submit]")
		if got := ed.path(t); !strings.Contains(got, "publisher=") || !strings.Contains(got, "rating=misleading") {
			t.Errorf("filtered list at %s", got)
		}
		rows := browsertest.Eval[[]string](t, ed.Page, `Array.from(document.querySelectorAll("[data-testid=prior-row]"), r => r.innerText)`)
		if len(rows) == 0 {
			t.Fatalf("no prior checks of مسبار rated misleading")
		}
		for _, r := range rows {
			if !strings.Contains(r, "مسبار") || !strings.Contains(r, "misleading") {
				t.Errorf("filtered row %q", r)
			}
		}
		ed.audit(t, hc, name("prior checks, filtered"))
		ed.click(t, "[data-testid=prior-row] a")
		ed.wantPath(t, "prior check", regexp.MustCompile(`^/prior-checks/(\d+)$`))
		if got := browsertest.Eval[string](t, ed.Page, `document.querySelector("[data-testid=prior-url]").href`); !strings.HasPrefix(got, "https://") {
			t.Errorf("review link = %q", got)
		}
		if got := ed.textOf(t, "[data-testid=prior-rating]"); got != "misleading" {
			t.Errorf("rating = %q", got)
		}
		ed.audit(t, hc, name("prior check"))

		// The same file again: nothing new, and the report says so.
		ed.open(t, "/prior-checks/import")
		if ed.count(t, "[data-testid=prior-imports] tbody tr") != 1 {
			t.Errorf("the first import is not listed among recent imports")
		}
		ed.Run(t, chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{path}))
		ed.click(t, "[data-testid=prior-import-submit]")
		if got := ed.textOf(t, "[data-testid=count-added]"); got != L.Num(0) {
			t.Errorf("second import added %q", got)
		}
		if got, want := ed.textOf(t, "[data-testid=import-summary]"), L.F("prior.summary_nothing_new", L.Num(1285)); got != want {
			t.Errorf("second import summary = %q, want %q", got, want)
		}
		ed.signOut(t)
	}

	// Part 2: a reviewer imports claims from a CSV file into an article.
	art, err := svc.CreateArticle(context.Background(), claims.Actor{ID: editor.ID, Role: claims.RoleEditor},
		claims.NewArticle{Title: c.title, Outlet: c.outlet, Body: c.body, Lang: lang, PublishedOn: "2025-01-28"})
	if err != nil {
		t.Fatal(err)
	}
	csvPath := filepath.Join(t.TempDir(), "claims-"+lang+".csv")
	if err := os.WriteFile(csvPath, []byte(importCSV[lang]), 0o644); err != nil {
		t.Fatal(err)
	}
	rev := openJourneyPage(t, b, base, lang)
	rev.signIn(t, "reviewer@example.org")
	articlePath := "/articles/" + strconv.FormatInt(art.ID, 10)
	rev.open(t, articlePath)
	rev.audit(t, hc, name("article page with the CSV form"))
	rev.Run(t, chromedp.SetUploadFiles(chromedp.CSS("#f-csv"), []string{csvPath}))
	rev.click(t, "[data-testid=csv-upload-form] [data-testid=csv-upload-submit]")
	mapping := rev.wantPath(t, "after uploading the CSV file", reCSVJourney)[0]
	if got, want := rev.Text(t, "h1"), L.T("csvimport.mapping_title"); got != want {
		t.Errorf("mapping h1 = %q, want %q", got, want)
	}
	for i, want := range []string{"statement", "claimant", "claim_date", "type", "tags"} {
		if got := rev.value(t, "#f-col-"+strconv.Itoa(i)); got != want {
			t.Errorf("column %d guessed %q, want %q", i+1, got, want)
		}
	}
	if got := rev.value(t, "#f-article"); got != strconv.FormatInt(art.ID, 10) {
		t.Errorf("target article = %q", got)
	}
	if n := rev.count(t, "[data-testid=preview-row]"); n != 4 {
		t.Errorf("preview rows = %d", n)
	}
	rev.audit(t, hc, name("CSV mapping"))
	// The reviewer decides the tags column is not wanted.
	rev.fill(t, map[string]string{"#f-col-4": "ignore"})
	rev.click(t, "[data-testid=csv-import-submit]")
	if got := rev.path(t); got != mapping {
		t.Fatalf("after importing: at %s, want %s", got, mapping)
	}
	rev.wantFlash(t, "after the CSV import", L.F("csvimport.flash_done", L.Num(2), L.Num(2)))
	problems := browsertest.Eval[[]string](t, rev.Page, `Array.from(document.querySelectorAll("[data-testid=csv-problem]"), r => r.innerText)`)
	if len(problems) != 2 || !strings.Contains(problems[0], L.Num(4)) || !strings.Contains(problems[0], L.T("err.required")) ||
		!strings.Contains(problems[1], L.Num(5)) || !strings.Contains(problems[1], L.T("err.date")) {
		t.Errorf("refused rows = %q", problems)
	}
	rev.audit(t, hc, name("CSV import result"))
	rev.click(t, "[data-testid=to-article]")
	if got := rev.path(t); got != articlePath {
		t.Fatalf("back to the article: at %s", got)
	}
	if n := rev.count(t, "[data-testid=article-claims] li"); n != 2 {
		t.Errorf("the article lists %d claims, want 2", n)
	}
	if n := rev.count(t, "[data-testid=article-text] mark"); n != 1 {
		t.Errorf("%d highlights, want 1 (the statement found word for word)", n)
	}
	rev.audit(t, hc, name("article page after the CSV import"))
	// The reviewer cannot import prior checks.
	if st := rev.open(t, "/prior-checks/import"); st != 403 {
		t.Errorf("reviewer on the ClaimReview import: %d", st)
	}
}

const arabicFactChecksFile = "arabic-claimreviews-factcheck-api/unique_claim_reviews.json"

// realFile finds a file of shared/data above the package directory, or "".
func realFile(rel string) string {
	dir, _ := filepath.Abs(".")
	for {
		p := filepath.Join(dir, "shared", "data", filepath.FromSlash(rel))
		if _, err := os.Stat(p); err == nil {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
