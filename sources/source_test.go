package sources_test

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
	"github.com/factdesk/factdesk/sources"
)

const (
	revID = 1
	edID  = 2
)

type desk struct {
	db     *gorm.DB
	claims *claims.Service
	src    *sources.Service
	art    claims.Article
}

// newDesk gives a migrated database with a reviewer, an editor, an article,
// and the two services wired as web/desk wires them.
func newDesk(t *testing.T) desk {
	t.Helper()
	db := dbtest.New(t)
	if err := db.Exec(`INSERT INTO users (id,email,name,role,password_hash,created_at,updated_at) VALUES
		(1,'r@x.org','Rev','reviewer','x',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP),
		(2,'e@x.org','Ed','editor','x',CURRENT_TIMESTAMP,CURRENT_TIMESTAMP)`).Error; err != nil {
		t.Fatal(err)
	}
	cs := claims.NewService(db)
	src := sources.NewService(db, cs)
	cs.SetEvidenceCounter(src)
	a, err := cs.CreateArticle(context.Background(), claims.Actor{ID: revID, Role: claims.RoleReviewer},
		claims.NewArticle{Title: "Nvidia", Body: "Nvidia lost about $900 billion yesterday. Shares fell about 20%.", Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	return desk{db: db, claims: cs, src: src, art: a}
}

func (d desk) claim(t *testing.T, quote string) claims.Claim {
	t.Helper()
	c, err := d.claims.CreateClaim(context.Background(), claims.Actor{ID: revID, Role: claims.RoleReviewer}, d.art.ID,
		claims.ClaimInput{Statement: quote, Type: "other", Quote: quote, Start: -1, End: -1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (d desk) source(t *testing.T, url, title string) sources.Source {
	t.Helper()
	s, err := d.src.CreateSource(context.Background(), revID, sources.Input{URL: url, Title: title, Kind: "news", Publisher: "Reuters"})
	if err != nil {
		t.Fatalf("create source %s: %v", url, err)
	}
	return s
}

func (d desk) count(t *testing.T, table string) int64 {
	t.Helper()
	var n int64
	if err := d.db.Table(table).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestCreateSourceAndDuplicateURL(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	s, err := d.src.CreateSource(ctx, revID, sources.Input{URL: " https://www.Reuters.com/markets/nvidia/?utm_source=x ",
		Title: "Nvidia posts record market-cap loss", Publisher: "Reuters", PublishedOn: "٢٠٢٥-٠١-٢٨", AccessedOn: "2025/02/01",
		ArchiveURL: "https://web.archive.org/web/2025/https://www.reuters.com/markets/nvidia/", Kind: "news", Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if s.URLNorm != "https://www.reuters.com/markets/nvidia" || s.URL != "https://www.Reuters.com/markets/nvidia/?utm_source=x" {
		t.Errorf("url = %q, norm = %q", s.URL, s.URLNorm)
	}
	if s.PublishedOn != "2025-01-28" || s.AccessedOn != "2025-02-01" {
		t.Errorf("dates = %q, %q; want ASCII ISO dates", s.PublishedOn, s.AccessedOn)
	}
	// The same page under another spelling leads to the first.
	_, err = d.src.CreateSource(ctx, edID, sources.Input{URL: "HTTPS://www.reuters.com:443/markets/nvidia#top", Title: "Again", Kind: "news"})
	var dup *sources.DuplicateError
	if !errors.As(err, &dup) || dup.Existing.ID != s.ID {
		t.Fatalf("duplicate: %v; want a DuplicateError carrying source %d", err, s.ID)
	}
	if n := d.count(t, "sources"); n != 1 {
		t.Errorf("%d sources stored; want 1", n)
	}
	got, err := d.src.SourceByURL(ctx, "https://www.reuters.com/markets/nvidia?fbclid=abc")
	if err != nil || got.ID != s.ID {
		t.Errorf("SourceByURL: %v %d", err, got.ID)
	}
	hist, err := d.src.History(ctx, s.ID)
	if err != nil || len(hist) != 1 || hist[0].Action != "source.created" || hist[0].UserName != "Rev" {
		t.Errorf("history = %+v, %v", hist, err)
	}
}

func TestCreateSourceRefusesBadInput(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	tomorrow := time.Now().UTC().AddDate(0, 0, 2).Format("2006-01-02")
	ok := sources.Input{URL: "https://example.org/a", Title: "A", Kind: "news"}
	with := func(f func(*sources.Input)) sources.Input { in := ok; f(&in); return in }
	tests := []struct {
		name  string
		in    sources.Input
		field string
		key   string
	}{
		{"javascript url", with(func(i *sources.Input) { i.URL = "javascript:alert(1)" }), "url", "err.url_scheme"},
		{"data url", with(func(i *sources.Input) { i.URL = "data:text/html,<script>alert(1)</script>" }), "url", "err.url_scheme"},
		{"file url", with(func(i *sources.Input) { i.URL = "file:///etc/passwd" }), "url", "err.url_scheme"},
		{"relative url", with(func(i *sources.Input) { i.URL = "/news/1" }), "url", "err.url"},
		{"malformed url", with(func(i *sources.Input) { i.URL = "https://exa mple.org" }), "url", "err.url"},
		{"over-long url", with(func(i *sources.Input) { i.URL = "https://example.org/" + strings.Repeat("x", 2100) }), "url", "err.url_too_long"},
		{"empty url", with(func(i *sources.Input) { i.URL = "" }), "url", "err.required"},
		{"archive not a url", with(func(i *sources.Input) { i.ArchiveURL = "web archive copy" }), "archive_url", "err.archive_url"},
		{"archive javascript", with(func(i *sources.Input) { i.ArchiveURL = "javascript:alert(1)" }), "archive_url", "err.archive_url"},
		{"future accessed", with(func(i *sources.Input) { i.AccessedOn = tomorrow }), "accessed_on", "err.date_future"},
		{"bad accessed", with(func(i *sources.Input) { i.AccessedOn = "yesterday" }), "accessed_on", "err.date"},
		{"bad published", with(func(i *sources.Input) { i.PublishedOn = "2025-13-40" }), "published_on", "err.date"},
		{"unknown kind", with(func(i *sources.Input) { i.Kind = "rumour" }), "kind", "err.kind"},
		{"no kind", with(func(i *sources.Input) { i.Kind = "" }), "kind", "err.kind"},
		{"unknown language", with(func(i *sources.Input) { i.Lang = "xx" }), "lang", "err.invalid"},
		{"no title", with(func(i *sources.Input) { i.Title = "  " }), "title", "err.required"},
		{"long title", with(func(i *sources.Input) { i.Title = strings.Repeat("ع", 501) }), "title", "err.too_long"},
	}
	for _, tt := range tests {
		_, err := d.src.CreateSource(ctx, revID, tt.in)
		var fe sources.FieldErrors
		if !errors.As(err, &fe) || fe[tt.field] != tt.key {
			t.Errorf("%s: err = %v (%v); want %s on %s", tt.name, err, fe, tt.key, tt.field)
		}
	}
	if n := d.count(t, "sources"); n != 0 {
		t.Errorf("%d sources stored by refused input", n)
	}
	if n := d.count(t, "source_history"); n != 0 {
		t.Errorf("%d history entries written by refused input", n)
	}
	// Today is accepted even east of UTC.
	if _, err := d.src.CreateSource(ctx, revID, with(func(i *sources.Input) { i.AccessedOn = time.Now().UTC().Format("2006-01-02") })); err != nil {
		t.Errorf("accessed today: %v", err)
	}
}

func TestUpdateSourceConflictAndDuplicate(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	a := d.source(t, "https://example.org/a", "First title")
	b := d.source(t, "https://example.org/b", "Other")
	in := sources.Input{URL: a.URL, Title: "Edited title", Kind: "official", Publisher: "Ministry", Version: a.Version}
	a2, err := d.src.UpdateSource(ctx, edID, a.ID, in)
	if err != nil || a2.Title != "Edited title" || a2.Version != a.Version+1 {
		t.Fatalf("update: %+v %v", a2, err)
	}
	// A stale edit meets the newer version and writes nothing.
	stale := sources.Input{URL: a.URL, Title: "Stale title", Kind: "news", Version: a.Version}
	_, err = d.src.UpdateSource(ctx, revID, a.ID, stale)
	var ce *sources.ConflictError
	if !errors.As(err, &ce) || ce.Current.Title != "Edited title" {
		t.Fatalf("stale update: %v; want a ConflictError carrying the newer version", err)
	}
	// Moving a source to the URL of another is refused.
	_, err = d.src.UpdateSource(ctx, revID, a.ID, sources.Input{URL: "https://EXAMPLE.org/b/", Title: "x", Kind: "news", Version: a2.Version})
	var dup *sources.DuplicateError
	if !errors.As(err, &dup) || dup.Existing.ID != b.ID {
		t.Fatalf("update to another's URL: %v", err)
	}
	got, _ := d.src.Source(ctx, a.ID)
	if got.Title != "Edited title" || got.Version != a2.Version {
		t.Errorf("after refused edits: %q v%d", got.Title, got.Version)
	}
	hist, _ := d.src.History(ctx, a.ID)
	var actions []string
	for _, h := range hist {
		actions = append(actions, h.Action)
	}
	if diff := cmp.Diff([]string{"source.created", "source.edited"}, actions); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
	if fields := hist[1].Changes; len(fields) != 3 {
		t.Errorf("edit changes = %+v; want title, publisher, kind", fields)
	}
	if err := d.db.Exec("UPDATE source_history SET action = 'x'").Error; err == nil {
		t.Error("source history was updated; want the trigger to refuse")
	}
}

func TestSearchFoldsArabicAndPages(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	mk := func(url, title, publisher, kind, lang string) sources.Source {
		s, err := d.src.CreateSource(ctx, revID, sources.Input{URL: url, Title: title, Publisher: publisher, Kind: kind, Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	ar := mk("https://example.org/ar", "إنفيديا تخسر ٥٩٣ مليار دولار", "رويترز", "news", "ar")
	en := mk("https://example.org/en?id=1", "Nvidia sheds $593 billion", "CNBC", "news", "en")
	paper := mk("https://arxiv.org/abs/2412.19437", "DeepSeek-V3 Technical Report", "DeepSeek-AI", "primary", "en")
	tests := []struct {
		name string
		f    sources.Filter
		want []int64
	}{
		{"all newest first", sources.Filter{}, []int64{paper.ID, en.ID, ar.ID}},
		{"arabic without hamza", sources.Filter{Text: "انفيديا"}, []int64{ar.ID}},
		{"arabic with tashkeel", sources.Filter{Text: "إِنْفِيدْيَا"}, []int64{ar.ID}},
		{"ta marbuta and alef maqsura untouched words", sources.Filter{Text: "رويترز"}, []int64{ar.ID}},
		{"digits in either script", sources.Filter{Text: "593"}, []int64{en.ID, ar.ID}},
		{"case folded", sources.Filter{Text: "DEEPSEEK"}, []int64{paper.ID}},
		{"two words anywhere", sources.Filter{Text: "report deepseek"}, []int64{paper.ID}},
		{"short word", sources.Filter{Text: "v3"}, []int64{paper.ID}},
		{"url finds its source", sources.Filter{Text: "HTTPS://arxiv.org/abs/2412.19437/?utm_source=x"}, []int64{paper.ID}},
		{"part of a url", sources.Filter{Text: "arxiv.org/abs"}, []int64{paper.ID}},
		{"kind", sources.Filter{Kind: "primary"}, []int64{paper.ID}},
		{"lang", sources.Filter{Lang: "ar"}, []int64{ar.ID}},
		{"text and lang", sources.Filter{Text: "593", Lang: "en"}, []int64{en.ID}},
		{"query syntax is text", sources.Filter{Text: `"nvidia" OR *`}, nil},
		{"nothing", sources.Filter{Text: "tesla"}, nil},
	}
	for _, tt := range tests {
		page, err := d.src.Sources(ctx, tt.f)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		var got []int64
		for _, s := range page.Sources {
			got = append(got, s.ID)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
	// Keyset pages.
	p1, err := d.src.Sources(ctx, sources.Filter{Limit: 2})
	if err != nil || len(p1.Sources) != 2 || p1.Next == "" {
		t.Fatalf("page 1: %+v %v", p1, err)
	}
	p2, err := d.src.Sources(ctx, sources.Filter{Limit: 2, After: p1.Next})
	if err != nil || len(p2.Sources) != 1 || p2.Sources[0].ID != ar.ID || p2.Next != "" {
		t.Fatalf("page 2: %+v %v", p2, err)
	}
	// Edits are searchable at once.
	if _, err := d.src.UpdateSource(ctx, revID, en.ID, sources.Input{URL: en.URL, Title: "Record one-day loss", Kind: "news", Version: en.Version}); err != nil {
		t.Fatal(err)
	}
	if page, _ := d.src.Sources(ctx, sources.Filter{Text: "sheds"}); len(page.Sources) != 0 {
		t.Errorf("the old title still matches after an edit")
	}
	if page, _ := d.src.Sources(ctx, sources.Filter{Text: "one-day"}); len(page.Sources) != 1 {
		t.Errorf("the new title does not match after an edit")
	}
	for _, bad := range []sources.Filter{{Kind: "rumour"}, {Lang: "xx"}, {After: "abc"}, {Text: strings.Repeat("a", 201)}} {
		if _, err := d.src.Sources(ctx, bad); !errors.Is(err, sources.ErrInvalid) {
			t.Errorf("filter %+v: %v; want ErrInvalid", bad, err)
		}
	}
}

// Short words (one or two characters) match the beginning of a word, longer
// ones any part of the text, the same on both engines: words are split at
// punctuation the same way, whether in titles, URLs, dates or addresses.
func TestSearchWordsAlikeOnBothEngines(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	ctx := context.Background()
	mk := func(url, title, notes string) int64 {
		s, err := d.src.CreateSource(ctx, revID, sources.Input{URL: url, Title: title, Notes: notes, Kind: "news"})
		if err != nil {
			t.Fatal(err)
		}
		return s.ID
	}
	nv := mk("https://example.org/en?id=7", "Nvidia sheds value", "figures of 2025-01-27, see data@example.org")
	ar := mk("https://example.net/ar", "إنفيديا تخسر (رويترز)", "الأرقام: ٥٩٣ مليار")
	ds := mk("https://arxiv.org/abs/2412.19437", "DeepSeek-V3 Technical Report", "one-day loss; 3.14 % of it")
	tests := []struct {
		q    string
		want []int64
	}{
		{"n", []int64{ar, nv}}, // example.net, Nvidia; not the n inside "technical"
		{"id", []int64{nv}},    // the id=7 of the address
		{"nv", []int64{nv}},
		{"vi", nil},         // inside nvidia only
		{"v3", []int64{ds}}, // after a hyphen
		{"01", []int64{nv}}, // a part of a date
		{"27", []int64{nv}},
		{"14", []int64{ds}},     // after a decimal point
		{"da", []int64{ds, nv}}, // day (one-day), data (before the @)
		{"ex", []int64{ar, nv}}, // the host names
		{"ا", []int64{ar}},      // انفيديا and الارقام, folded
		{"ان", []int64{ar}},
		{"رو", []int64{ar}}, // inside parentheses
		{"59", []int64{ar}}, // Arabic-Indic digits, folded
		{"ظظ", nil},
		{"n sheds", []int64{nv}}, // a short and a long word
		{"n deepseek", nil},
		{"arxiv.org/abs", []int64{ds}},
		{"ay", nil}, // inside "day" only
		{"--", nil}, // no word in it
		{"n --", nil},
	}
	for _, tt := range tests {
		page, err := d.src.Sources(ctx, sources.Filter{Text: tt.q})
		if err != nil {
			t.Errorf("%q: %v", tt.q, err)
			continue
		}
		var got []int64
		for _, s := range page.Sources {
			got = append(got, s.ID)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.q, diff)
		}
	}
}
