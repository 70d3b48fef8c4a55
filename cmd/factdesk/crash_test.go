package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/factdesk/factdesk/migrations"
	"github.com/factdesk/factdesk/migrations/backup"
	"github.com/factdesk/factdesk/migrations/dbtest"
)

// The test binary doubles as the server process for the crash tests: with
// FACTDESK_TEST_CHILD set it runs the factdesk command line instead of the
// tests, so a test can start a real server and kill it with SIGKILL.
func TestMain(m *testing.M) {
	if os.Getenv("FACTDESK_TEST_CHILD") == "1" {
		args := strings.Split(os.Getenv("FACTDESK_TEST_ARGS"), "\x1f")
		err := run(context.Background(), args, os.Getenv, os.Stdin, os.Stdout, os.Stderr)
		if err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// startChild runs `factdesk args…` in a child process and returns it with
// the base URL it printed.
func startChild(t *testing.T, args ...string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "FACTDESK_TEST_CHILD=1", "FACTDESK_TEST_ARGS="+strings.Join(args, "\x1f"))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	found := make(chan string, 1)
	go func() {
		re := regexp.MustCompile(`listening on (http://\S+)`)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	select {
	case base := <-found:
		return cmd, base
	case <-time.After(30 * time.Second):
		t.Fatal("the server did not start")
	}
	return nil, ""
}

type httpClient struct {
	t    *testing.T
	base string
	c    *http.Client
	csrf string
}

func newHTTPClient(t *testing.T, base string) *httpClient {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 20 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	hc := &httpClient{t: t, base: base, c: c}
	resp, err := c.Get(base + "/signin")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	u, _ := url.Parse(base)
	for _, ck := range jar.Cookies(u) {
		if ck.Name == "factdesk_csrf" {
			hc.csrf = ck.Value
		}
	}
	if hc.csrf == "" {
		t.Fatal("no CSRF cookie")
	}
	return hc
}

// post returns the status and the Location header.
func (h *httpClient) post(path string, form url.Values) (int, string, error) {
	req, _ := http.NewRequest(http.MethodPost, h.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-CSRF-Token", h.csrf)
	resp, err := h.c.Do(req)
	if err != nil {
		return 0, "", err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Location"), nil
}

// A server killed with SIGKILL in the middle of a burst of writes leaves a
// database that holds every write it acknowledged, on either engine; a
// SQLite file also passes the integrity check with the WAL the killed
// process left.
func TestCrashDuringWriteBurst(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills a server process; run without -short")
	}
	db := dbtest.URL(t)
	if _, _, err := runCmd(t, nil, "a long passphrase\n", "user", "add", "--db", db, "--email", "rev@example.org", "--name", "Rev", "--role", "reviewer", "--password-stdin"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCmd(t, nil, "a long passphrase\n", "user", "add", "--db", db, "--email", "admin@example.org", "--name", "Admin", "--role", "admin", "--password-stdin"); err != nil {
		t.Fatal(err)
	}
	cmd, base := startChild(t, "serve", "--db", db, "--addr", "127.0.0.1:0")
	h := newHTTPClient(t, base)
	if code, loc, err := h.post("/signin", url.Values{"email": {"rev@example.org"}, "password": {"a long passphrase"}}); err != nil || code != http.StatusSeeOther || loc != "/" {
		t.Fatalf("sign in: %d %q %v", code, loc, err)
	}
	body := "Alpha beta gamma delta. The company said it spent 6 million dollars in 2024, and shares fell 17 percent."
	code, art, err := h.post("/articles", url.Values{"title": {"Crash test"}, "body": {body}})
	if err != nil || code != http.StatusSeeOther || !strings.HasPrefix(art, "/articles/") {
		t.Fatalf("create article: %d %q %v", code, art, err)
	}

	const writers = 8
	var acked sync.Map // statement → claim URL
	var nAcked atomic.Int64
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				st := fmt.Sprintf("writer %d claim %d", w, i)
				code, loc, err := h.post(art+"/claims", url.Values{"statement": {st}, "type": {"other"}, "quote": {"beta gamma"}})
				if err != nil {
					return // the server is gone
				}
				if code == http.StatusSeeOther && strings.HasPrefix(loc, "/claims/") {
					acked.Store(st, loc)
					nAcked.Add(1)
				} else {
					t.Errorf("create claim: %d %q", code, loc)
					return
				}
			}
		}()
	}
	deadline := time.Now().Add(60 * time.Second)
	for nAcked.Load() < 300 && time.Now().Before(deadline) {
		time.Sleep(2 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	close(stop)
	wg.Wait()
	_ = cmd.Wait()
	if nAcked.Load() < 300 {
		t.Fatalf("only %d writes acknowledged before the deadline", nAcked.Load())
	}

	// A SQLite file as the killed process left it: WAL and all.
	if dbtest.Engine() == migrations.SQLite {
		if _, err := backup.Check(context.Background(), db); err != nil {
			t.Fatalf("after SIGKILL: %v", err)
		}
	}
	gdb, err := migrations.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer migrations.Close(gdb)
	var stored []string
	if err := gdb.Raw("SELECT statement FROM claims").Scan(&stored).Error; err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, s := range stored {
		have[s] = true
	}
	missing := 0
	acked.Range(func(k, _ any) bool {
		if !have[k.(string)] {
			missing++
		}
		return true
	})
	if missing > 0 {
		t.Fatalf("%d acknowledged claims are missing after the crash", missing)
	}
	// Each stored claim has its history entry: no half-written claim.
	var orphans int64
	gdb.Raw("SELECT COUNT(*) FROM claims c WHERE NOT EXISTS (SELECT 1 FROM claim_history h WHERE h.claim_id = c.id)").Scan(&orphans)
	if orphans != 0 {
		t.Errorf("%d claims without their history entry", orphans)
	}
	t.Logf("acknowledged %d, stored %d (in flight at the kill: %d) on %s", nAcked.Load(), len(stored), len(stored)-int(nAcked.Load()), dbtest.Engine())
}

// A process killed with SIGKILL in the middle of a large ClaimReview import
// leaves a sound database and no half-imported file: the import is one
// transaction, so it is all or nothing (and running it again completes it).
// SQLite-only (it watches the WAL file grow and checks the file), so it runs
// on SQLite in both passes of the suite.
func TestCrashDuringImport(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills an import process; run without -short")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "import.db")
	if _, _, err := runCmd(t, nil, "", "migrate", "--db", db); err != nil {
		t.Fatal(err)
	}
	// A large file of our own making: 60,000 reviews as JSON lines.
	const records = 60000
	file := filepath.Join(dir, "reviews.jsonl")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for i := range records {
		fmt.Fprintf(w, `{"@context":"https://schema.org","@type":"ClaimReview","url":"https://checks.example.org/%d","claimReviewed":"Claim number %d about a figure of %d million","author":{"@type":"Organization","name":"Example Checks"},"datePublished":"2025-01-%02d","reviewRating":{"@type":"Rating","ratingValue":2,"bestRating":5,"worstRating":1,"alternateName":"Mostly false"}}`+"\n", i, i, i%997, 1+i%28)
	}
	w.Flush()
	f.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "FACTDESK_TEST_CHILD=1", "FACTDESK_TEST_ARGS="+strings.Join([]string{"import", "claimreview", "--db", db, file}, "\x1f"))
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once the import has begun writing (the WAL grows).
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if st, err := os.Stat(db + "-wal"); err == nil && st.Size() > 1<<20 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	state, _ := cmd.Process.Wait()
	if state != nil && state.Success() {
		t.Fatal("the import finished before it could be killed; make the file larger")
	}
	if _, err := backup.Check(context.Background(), db); err != nil {
		t.Fatalf("after SIGKILL mid-import: %v", err)
	}
	count := func() int64 {
		gdb, err := migrations.Open(db)
		if err != nil {
			t.Fatal(err)
		}
		defer migrations.Close(gdb)
		var n int64
		if err := gdb.Raw("SELECT COUNT(*) FROM prior_checks").Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(); n != 0 {
		t.Fatalf("%d prior checks stored by a killed import; want none (all or nothing)", n)
	}
	// Running it again imports everything.
	out, _, err := runCmd(t, nil, "", "import", "claimreview", "--db", db, file)
	if err != nil {
		t.Fatalf("second import: %v", err)
	}
	if n := count(); n != records {
		t.Fatalf("after the second import: %d prior checks; want %d (%s)", n, records, out)
	}
}
