package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/export"
	"github.com/factdesk/factdesk/migrations"
	"github.com/factdesk/factdesk/web/desk"
	"github.com/factdesk/factdesk/web/i18n"
)

const exportSynopsis = "export --format csv|json|md|claimreview [--article ID] [--status S] [--type T] [--tag T] [--lang ar|en] [--out FILE] [--base-url URL] [--db PATH]"

// cmdExport writes the desk's fact-checks (one article, a filter, or the
// whole desk) to standard output or a file. The export streams; with --out
// it goes to FILE.partial first and is renamed into place only when whole.
// What was exported is reported on standard error, so standard output
// carries nothing but the export.
func cmdExport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlags("export", exportSynopsis, stderr)
	dbPath := dbFlag(fs, getenv)
	format := fs.String("format", "", "csv, json, md (Markdown) or claimreview (schema.org JSON-LD); required")
	article := fs.Int64("article", 0, "export one article (Markdown: its whole report)")
	status := fs.String("status", "", "only claims in this status: new, researching, in_review, published")
	typ := fs.String("type", "", "only claims of this type: money, market, percent, date, quantity, quote, attribution, event, other")
	tag := fs.String("tag", "", "only claims with this tag")
	lang := fs.String("lang", "", "language of labels and headings, ar or en (default: the article's language with --article, else en)")
	out := fs.String("out", "", "write to FILE instead of standard output (replaced only once the export is complete)")
	baseURL := fs.String("base-url", envOr(getenv, "FACTDESK_BASE_URL", ""), "public address of factdesk, e.g. https://desk.example.org, for the links of published reports (env FACTDESK_BASE_URL)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"export takes no arguments: " + strings.Join(fs.Args(), " ")}
	}
	f, err := export.ParseFormat(*format)
	if err != nil {
		return usageError{"--format: " + err.Error()}
	}
	base := strings.TrimRight(*baseURL, "/")
	if base != "" && claims.CheckURL(base) != "" {
		return usageError{fmt.Sprintf("--base-url %q: want an http(s) address such as https://desk.example.org", *baseURL)}
	}
	if *lang != "" && *lang != "ar" && *lang != "en" {
		return usageError{fmt.Sprintf("--lang %q: want ar or en", *lang)}
	}
	db, err := openMigrated(ctx, *dbPath, stderr)
	if err != nil {
		return err
	}
	defer migrations.Close(db)
	d := desk.New(db)
	svc := d.Claims
	l := *lang
	if *article != 0 {
		a, err := svc.Article(ctx, *article)
		if errors.Is(err, claims.ErrNotFound) {
			return fmt.Errorf("--article %d: no such article", *article)
		}
		if err != nil {
			return err
		}
		if l == "" {
			l = a.Lang
		}
	}
	if l == "" {
		l = "en"
	}
	o := export.Options{Format: f, Lang: l, Words: i18n.Lang(l), BaseURL: base, Now: time.Now().UTC(),
		Filter: claims.Filter{ArticleID: *article, Status: *status, Type: *typ, Tag: *tag}}
	var fe claims.FieldErrors
	if err := export.Check(&o); errors.As(err, &fe) {
		var bad []string
		for field := range fe {
			bad = append(bad, "--"+field)
		}
		return usageError{"unknown value for " + strings.Join(bad, ", ")}
	} else if err != nil {
		return err
	}
	from := d.Export()
	start := time.Now()
	var res export.Result
	dest := "standard output"
	if *out == "" {
		res, err = export.Write(ctx, stdout, from, o)
	} else {
		dest = *out
		res, err = writeFile(*out, func(w io.Writer) (export.Result, error) { return export.Write(ctx, w, from, o) })
	}
	if err != nil {
		return err
	}
	what := fmt.Sprintf("%d claims", res.Claims)
	if f == export.Markdown {
		what = fmt.Sprintf("%d published claims", res.Claims)
	}
	if f == export.ClaimReview {
		what = fmt.Sprintf("%d ClaimReviews (of %d claims)", res.Reviews, res.Claims)
	}
	fmt.Fprintf(stderr, "exported %s as %s (%s) to %s in %s\n", what, f, l, dest, time.Since(start).Round(time.Millisecond))
	if res.WithoutURL > 0 {
		hint := "publish their reports at a public link"
		if base == "" {
			hint = "pass --base-url (or set FACTDESK_BASE_URL) and publish their reports at a public link"
		}
		fmt.Fprintf(stderr, "note: %d ClaimReviews have no url, which Google requires: %s\n", res.WithoutURL, hint)
	}
	return nil
}

// writeFile writes to path.partial, then renames it to path: an export that
// fails midway never replaces a good file with half of one.
func writeFile(path string, write func(io.Writer) (export.Result, error)) (export.Result, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return export.Result{}, err
		}
	}
	tmp := path + ".partial"
	f, err := os.Create(tmp)
	if err != nil {
		return export.Result{}, err
	}
	res, err := write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return res, err
	}
	return res, nil
}
