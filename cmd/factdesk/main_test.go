package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/factdesk/factdesk/migrations"
	"github.com/factdesk/factdesk/migrations/dbtest"
	"github.com/factdesk/factdesk/sources"
	"github.com/factdesk/factdesk/web/desk"
)

func runCmd(t *testing.T, env map[string]string, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), err
}

func TestUserAddAndFlags(t *testing.T) {
	db := dbtest.URL(t)
	out, _, err := runCmd(t, nil, "a long passphrase\n", "user", "add", "--db", db, "--email", "Ana@Example.org", "--name", "Ana", "--role", "admin", "--password-stdin")
	if err != nil || !strings.Contains(out, "created admin Ana <ana@example.org>") {
		t.Fatalf("user add: %q %v", out, err)
	}
	// The environment supplies --db when the flag is absent.
	_, _, err = runCmd(t, map[string]string{"FACTDESK_DB": db}, "a long passphrase\n", "user", "add", "--email", "ana@example.org", "--name", "Ana", "--role", "editor", "--password-stdin")
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("duplicate via env db: %v", err)
	}
	_, _, err = runCmd(t, nil, "pw\n", "user", "add", "--db", db, "--email", "b@example.org", "--name", "B", "--role", "owner", "--password-stdin")
	var ue usageError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "--role") {
		t.Errorf("unknown role: %v", err)
	}
	_, _, err = runCmd(t, nil, "short\n", "user", "add", "--db", db, "--email", "b@example.org", "--name", "B", "--role", "editor", "--password-stdin")
	if err == nil || !strings.Contains(err.Error(), "10 to 200") {
		t.Errorf("short password: %v", err)
	}
	_, _, err = runCmd(t, nil, "", "user", "add", "--db", db, "--email", "b@example.org", "--name", "B", "--role", "editor")
	if err == nil || !strings.Contains(err.Error(), "--password-stdin") {
		t.Errorf("no --password-stdin: %v", err)
	}
	_, stderr, err := runCmd(t, nil, "", "serve", "--help")
	if !errors.Is(err, flag.ErrHelp) || !strings.Contains(stderr, "-addr") {
		t.Errorf("serve --help: %v %q", err, stderr)
	}
	_, _, err = runCmd(t, nil, "", "serve", "--addr", "nonsense", "--db", db)
	if !errors.As(err, &ue) {
		t.Errorf("bad --addr: %v", err)
	}
	if _, _, err := runCmd(t, nil, "", "frobnicate"); !errors.As(err, &ue) {
		t.Errorf("unknown command: %v", err)
	}
	out, _, err = runCmd(t, nil, "", "migrate", "--db", db)
	if err != nil || !strings.Contains(out, "schema version") {
		t.Errorf("migrate: %q %v", out, err)
	}
}

func TestExtractCommand(t *testing.T) {
	out, _, err := runCmd(t, nil, "وفي 20 يناير 2025 خسرت الشركة 6 ملايين دولار.", "extract", "--lang", "ar")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `"date":"2025-01-20"`) || !strings.Contains(out, `"amount":6000000`) {
		t.Errorf("extract output: %s", out)
	}
	if _, _, err := runCmd(t, nil, "\xff\xfe", "extract"); err == nil || !strings.Contains(err.Error(), "UTF-8") {
		t.Errorf("invalid UTF-8: %v", err)
	}
	if _, _, err := runCmd(t, nil, "", "extract", "--lang", "fr"); err == nil {
		t.Error("--lang fr accepted")
	}
	out, _, err = runCmd(t, nil, "No claims here", "extract", "--sentences")
	if err != nil || !strings.Contains(out, `"checkworthy":false`) {
		t.Errorf("sentences: %q %v", out, err)
	}
}

func TestDemoWorkspace(t *testing.T) {
	ctx := context.Background()
	db, err := openMigrated(ctx, dbtest.URL(t), &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	defer migrations.Close(db)
	var out bytes.Buffer
	if err := seedDemoForTest(ctx, db, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "reviewer@demo.factdesk") || !strings.Contains(out.String(), "18 claims") {
		t.Errorf("demo output: %s", out.String())
	}
	var anchored int64
	db.Raw("SELECT COUNT(*) FROM claims WHERE anchor_start IS NOT NULL").Scan(&anchored)
	if anchored != 18 {
		t.Errorf("anchored claims = %d; want 18", anchored)
	}
	// Verdicts: most claims published, one corrected, one waiting, one sent back.
	var states []struct {
		State string
		N     int
	}
	db.Raw("SELECT state, COUNT(*) AS n FROM verdicts GROUP BY state ORDER BY state").Scan(&states)
	got := map[string]int{}
	for _, st := range states {
		got[st.State] = st.N
	}
	if want := map[string]int{"approved": 12, "superseded": 1, "submitted": 1, "changes_requested": 1}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("verdict states = %v; want %v", got, want)
	}
	if !strings.Contains(out.String(), "12 verdicts published (1 corrected), 1 waiting for review, 1 sent back") {
		t.Errorf("demo output: %s", out.String())
	}
	var comments int64
	db.Raw("SELECT COUNT(*) FROM comments").Scan(&comments)
	if comments != 1 {
		t.Errorf("comments = %d; want the editor's request for changes", comments)
	}
	// The desk's history lies in the past, and the overview has a median.
	svc := desk.New(db).Claims
	o, err := svc.Overview(ctx, 12)
	if err != nil || o.Published != 12 || o.MedianToPublish <= 0 {
		t.Errorf("overview: %d published, median %s, %v", o.Published, o.MedianToPublish, err)
	}
	var future int64
	db.Raw("SELECT COUNT(*) FROM verdicts WHERE updated_at > ?", time.Now().UTC()).Scan(&future)
	if future != 0 {
		t.Errorf("%d verdicts dated in the future", future)
	}
	// The real sources behind the claims, attached as evidence.
	var nSources, nEvidence, unsupported, inReview int64
	db.Raw("SELECT COUNT(*) FROM sources").Scan(&nSources)
	db.Raw("SELECT COUNT(*) FROM evidence").Scan(&nEvidence)
	db.Raw("SELECT COUNT(*) FROM claims c WHERE NOT EXISTS (SELECT 1 FROM evidence e WHERE e.claim_id = c.id)").Scan(&unsupported)
	db.Raw("SELECT COUNT(*) FROM claims WHERE status = 'in_review'").Scan(&inReview)
	if nSources != int64(len(demoSources)) || nEvidence != int64(len(demoEvidenceList)) {
		t.Errorf("demo library: %d sources, %d pieces of evidence; want %d and %d", nSources, nEvidence, len(demoSources), len(demoEvidenceList))
	}
	if unsupported != 0 || inReview != 1 {
		t.Errorf("demo: %d claims without evidence, %d in review; want 0 and 1", unsupported, inReview)
	}
	if !strings.Contains(out.String(), "sources") {
		t.Errorf("demo output does not mention the sources: %s", out.String())
	}
	// A second run never adds to a database that has data.
	out.Reset()
	if err := seedDemoForTest(ctx, db, &out); err != nil || !strings.Contains(out.String(), "not empty") {
		t.Errorf("second seed: %v %q", err, out.String())
	}
}

// The demo library holds every source of the seed article's ground truth,
// written into our code so the demo needs no shared data.
func TestDemoSourcesCoverGroundTruth(t *testing.T) {
	b, err := os.ReadFile("../../../shared/seed/claims-groundtruth.json")
	if errors.Is(err, os.ErrNotExist) {
		t.Skip("../shared/seed/claims-groundtruth.json is absent (the shared data sets are not on this machine)")
	}
	if err != nil {
		t.Fatal(err)
	}
	var truth []struct {
		ID      int
		Sources []struct{ URL, Date string }
	}
	if err := json.Unmarshal(b, &truth); err != nil {
		t.Fatal(err)
	}
	have := map[string]string{}
	for key, in := range demoSources {
		norm, err := sources.NormalizeURL(in.URL)
		if err != nil {
			t.Errorf("demo source %s: %v", key, err)
		}
		have[norm] = in.PublishedOn
	}
	for _, c := range truth {
		for _, s := range c.Sources {
			norm, err := sources.NormalizeURL(s.URL)
			if err != nil {
				t.Errorf("claim %d: ground-truth URL %q: %v", c.ID, s.URL, err)
				continue
			}
			date, ok := have[norm]
			if !ok {
				t.Errorf("claim %d: source %s missing from the demo library", c.ID, s.URL)
			} else if date != s.Date {
				t.Errorf("claim %d: source %s dated %s in the demo, %s in the ground truth", c.ID, s.URL, date, s.Date)
			}
		}
	}
}
