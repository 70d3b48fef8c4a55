package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/factdesk/factdesk/migrations"
	"github.com/factdesk/factdesk/migrations/dbtest"
)

// Two factdesk servers share one PostgreSQL database behind nginx. A session
// signed in through one server continues through the other (sessions, CSRF
// and flash messages live in the database and in cookies, not in a process),
// and one server killed with SIGKILL in the middle of a load costs no request:
// nginx retries on the other.
func TestTwoServersBehindNginx(t *testing.T) {
	if testing.Short() {
		t.Skip("starts PostgreSQL-backed servers and nginx; run without -short")
	}
	if dbtest.Engine() != migrations.Postgres {
		t.Skipf("needs PostgreSQL: set %s (make test does when a server is available; CI always does)", dbtest.EnvPG)
	}
	nginx, err := exec.LookPath("nginx")
	if err != nil {
		if _, e := os.Stat("/usr/sbin/nginx"); e == nil {
			nginx = "/usr/sbin/nginx"
		} else if os.Getenv("CI") != "" {
			t.Fatal("nginx is missing in CI (.ci/run installs it)")
		} else {
			t.Skip("nginx is not installed (Debian: apt-get install nginx-light); the multi-server test needs it")
		}
	}
	db := dbtest.URL(t)
	if _, _, err := runCmd(t, nil, "a long passphrase\n", "user", "add", "--db", db, "--email", "rev@example.org", "--name", "Rev", "--role", "reviewer", "--password-stdin"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCmd(t, nil, "a long passphrase\n", "user", "add", "--db", db, "--email", "admin@example.org", "--name", "Admin", "--role", "admin", "--password-stdin"); err != nil {
		t.Fatal(err)
	}
	cmdA, baseA := startChild(t, "serve", "--db", db, "--addr", "127.0.0.1:0", "--trust-proxy")
	_, baseB := startChild(t, "serve", "--db", db, "--addr", "127.0.0.1:0", "--trust-proxy")

	// 1. A session started on A continues on B.
	h := newHTTPClient(t, baseA)
	if code, loc, err := h.post("/signin", url.Values{"email": {"rev@example.org"}, "password": {"a long passphrase"}}); err != nil || code != http.StatusSeeOther || loc != "/" {
		t.Fatalf("sign in on A: %d %q %v", code, loc, err)
	}
	jarCookies := h.c.Jar.Cookies(mustURL(t, baseA))
	hb := &httpClient{t: t, base: baseB, c: &http.Client{Timeout: 20 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}, csrf: h.csrf}
	hb.c.Jar = newJar(t, baseB, jarCookies)
	code, art, err := hb.post("/articles", url.Values{"title": {"Two servers"}, "body": {"The company said it spent 6 million dollars in 2024, and shares fell 17 percent."}})
	if err != nil || code != http.StatusSeeOther || !strings.HasPrefix(art, "/articles/") {
		t.Fatalf("create an article on B with A's session: %d %q %v", code, art, err)
	}
	// The flash set by B's redirect is shown by A.
	req, _ := http.NewRequest(http.MethodGet, baseA+art, nil)
	for _, ck := range hb.c.Jar.Cookies(mustURL(t, baseB)) {
		req.AddCookie(ck)
	}
	resp, err := hb.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Two servers") || !strings.Contains(string(body), `data-testid="flash"`) {
		t.Fatalf("the article page on A after creating on B: %d, flash shown: %v", resp.StatusCode, strings.Contains(string(body), `data-testid="flash"`))
	}

	// 2. nginx in front of both.
	front := freePort(t)
	dir := t.TempDir()
	os.Chmod(dir, 0o777)
	conf := filepath.Join(dir, "nginx.conf")
	hostA, hostB := strings.TrimPrefix(baseA, "http://"), strings.TrimPrefix(baseB, "http://")
	os.WriteFile(conf, []byte(fmt.Sprintf(`
worker_processes 1;
daemon off;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path %[1]s/body;
  proxy_temp_path %[1]s/proxy;
  fastcgi_temp_path %[1]s/fastcgi;
  uwsgi_temp_path %[1]s/uwsgi;
  scgi_temp_path %[1]s/scgi;
  upstream factdesk {
    server %[2]s max_fails=1 fail_timeout=30s;
    server %[3]s max_fails=1 fail_timeout=30s;
  }
  server {
    listen 127.0.0.1:%[4]d;
    location / {
      proxy_pass http://factdesk;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_next_upstream error timeout http_502 http_503 non_idempotent;
      proxy_next_upstream_tries 2;
      proxy_connect_timeout 2s;
    }
  }
}
`, dir, hostA, hostB, front)), 0o644)
	ng := exec.Command(nginx, "-c", conf, "-p", dir)
	ng.Stdout, ng.Stderr = io.Discard, io.Discard
	if err := ng.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ng.Process.Signal(syscall.SIGQUIT); ng.Wait() })
	baseN := fmt.Sprintf("http://127.0.0.1:%d", front)
	waitUp(t, baseN+"/healthz")

	n := newHTTPClient(t, baseN)
	if code, loc, err := n.post("/signin", url.Values{"email": {"rev@example.org"}, "password": {"a long passphrase"}}); err != nil || code != http.StatusSeeOther || loc != "/" {
		t.Fatalf("sign in through nginx: %d %q %v", code, loc, err)
	}

	// 3. Load through nginx; kill A halfway.
	var ok, failed atomic.Int64
	var failures sync.Map
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				var code int
				var err error
				if i%3 == 0 {
					code, _, err = n.post(art+"/claims", url.Values{"statement": {fmt.Sprintf("w%d c%d", w, i)}, "type": {"other"}, "quote": {"6 million dollars"}})
					if code != http.StatusSeeOther {
						err = fmt.Errorf("create: %d %v", code, err)
					}
				} else {
					code, err = n.get(art)
					if code != http.StatusOK {
						err = fmt.Errorf("article page: %d %v", code, err)
					}
				}
				if err != nil {
					failed.Add(1)
					failures.Store(err.Error(), true)
				} else {
					ok.Add(1)
				}
			}
		}()
	}
	for ok.Load() < 200 {
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmdA.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	killedAt := ok.Load()
	for ok.Load() < killedAt+400 {
		time.Sleep(5 * time.Millisecond)
	}
	close(stop)
	wg.Wait()
	if f := failed.Load(); f != 0 {
		var list []string
		failures.Range(func(k, _ any) bool { list = append(list, k.(string)); return true })
		t.Fatalf("%d of %d requests failed after server A was killed: %v", f, f+ok.Load(), list)
	}
	t.Logf("%d requests through nginx, %d after server A was killed, 0 failed", ok.Load(), ok.Load()-killedAt)
}

func (h *httpClient) get(path string) (int, error) {
	resp, err := h.c.Get(h.base + path)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

func mustURL(t *testing.T, s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func newJar(t *testing.T, base string, cks []*http.Cookie) http.CookieJar {
	jar, _ := cookiejar.New(nil)
	jar.SetCookies(mustURL(t, base), cks)
	return jar
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func waitUp(t *testing.T, u string) {
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(u); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s did not come up", u)
}
