package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/factdesk/factdesk/migrations"
	"github.com/factdesk/factdesk/web"
	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/desk"
)

// longLimits runs the long variants of the resource tests (FACTDESK_LONG=1,
// which CI sets).
func longLimits() bool { return os.Getenv("FACTDESK_LONG") == "1" }

// limitsServer serves the real handler with the real server settings of
// `factdesk serve` (default --max-body, timeouts) on 127.0.0.1, and returns
// its address and a signed-in reviewer's cookies.
func limitsServer(t *testing.T, headerTimeout time.Duration) (base string, cookies []*http.Cookie) {
	t.Helper()
	old := readHeaderTimeout
	readHeaderTimeout = headerTimeout
	t.Cleanup(func() { readHeaderTimeout = old })
	ctx, cancel := context.WithCancel(context.Background())
	db, err := openMigrated(ctx, filepath.Join(t.TempDir(), "limits.db"), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	srv := web.New(web.Config{Desk: desk.New(db), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), MaxBody: "8M"})
	users := srv.Users()
	if _, err := users.CreateUser(ctx, auth.NewUser{Email: "admin@example.org", Name: "Admin", Role: "admin", Password: "a long enough password"}); err != nil {
		t.Fatal(err)
	}
	rev, _ := users.CreateUser(ctx, auth.NewUser{Email: "rev@example.org", Name: "Rev", Role: "reviewer", Password: "a long enough password"})
	token, err := users.CreateSession(ctx, rev.ID, "test")
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		done <- serveUntilDone(ctx, ln, srv, slog.New(slog.NewTextHandler(io.Discard, nil)), 60*time.Second, 120*time.Second)
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
		_ = migrations.Close(db)
	})
	csrf := strings.Repeat("c", 40)
	return "http://" + ln.Addr().String(), []*http.Cookie{{Name: "factdesk_session", Value: token}, {Name: "factdesk_csrf", Value: csrf}}
}

// settle waits for goroutines to come back near the baseline and returns the
// count and the live heap after a GC.
func settle(base int) (int, uint64) {
	var n int
	for i := 0; i < 50; i++ {
		runtime.GC()
		n = runtime.NumGoroutine()
		if n <= base+5 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return n, ms.HeapAlloc
}

func memStats() runtime.MemStats {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms
}

// zeros is an endless reader of one repeated byte, so a 100 MB body is never
// held by the client either.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}

func post(t *testing.T, base, path, contentType string, body io.Reader, length int64, cookies []*http.Cookie) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", base+path, body)
	req.ContentLength = length // -1: chunked, the size unknown in advance
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("X-CSRF-Token", cookies[1].Value)
	req.Header.Set("Accept-Language", "en")
	for _, c := range cookies {
		req.AddCookie(c)
	}
	resp, err := (&http.Client{Timeout: 60 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode, string(b)
}

// TestResourceLimits: a 100 MB upload (declared, and streamed without a
// declared length), a form of 10,000 fields and 200 slow clients are each
// refused or timed out, the server keeps answering, and goroutines and heap
// come back to where they were.
func TestResourceLimits(t *testing.T) {
	headerTimeout := 2 * time.Second
	slowClients := 200
	if longLimits() {
		headerTimeout, slowClients = 10*time.Second, 500
	}
	base, cookies := limitsServer(t, headerTimeout)
	http.DefaultClient.CloseIdleConnections()
	_, heap0 := settle(0)
	g0 := runtime.NumGoroutine()
	t.Logf("baseline: %d goroutines, heap %.1f MB", g0, float64(heap0)/1e6)

	// 100 MB uploads: refused with 413 and a message, read no further than
	// the limit.
	const size = 100 << 20
	for _, declared := range []bool{true, false} {
		before := memStats()
		pr, pw := io.Pipe()
		mw := multipart.NewWriter(pw)
		go func() {
			_ = mw.WriteField("title", "big")
			fw, err := mw.CreateFormFile("file", "big.html")
			if err == nil {
				_, err = io.Copy(fw, io.LimitReader(zeros{}, size))
			}
			if err == nil {
				err = mw.Close()
			}
			pw.CloseWithError(err)
		}()
		length := int64(-1)
		if declared {
			length = size + 400 // the multipart envelope: refused on the declared length alone
		}
		var body io.Reader = pr
		if declared {
			body = io.LimitReader(pr, length)
		}
		status, page := post(t, base, "/articles", mw.FormDataContentType(), body, length, cookies)
		pr.CloseWithError(io.ErrClosedPipe)
		after := memStats()
		grew := float64(after.TotalAlloc-before.TotalAlloc) / 1e6
		t.Logf("100 MB upload (declared length %v): %d, allocated %.1f MB while refusing", declared, status, grew)
		if status != http.StatusRequestEntityTooLarge {
			t.Errorf("100 MB upload (declared %v): %d; want 413", declared, status)
		}
		if !strings.Contains(page, "too large") && !strings.Contains(page, "larger") {
			t.Errorf("413 page without a message: %.300s", page)
		}
		if grew > 40 {
			t.Errorf("refusing a 100 MB upload allocated %.1f MB: the body was held in memory", grew)
		}
	}

	// A form of 10,000 fields (each a distinct name): refused, cheaply.
	var sb strings.Builder
	for i := 0; i < 10000; i++ {
		fmt.Fprintf(&sb, "f%d=x&", i)
	}
	sb.WriteString("title=x&body=y")
	before := memStats()
	status, page := post(t, base, "/articles", "application/x-www-form-urlencoded", strings.NewReader(sb.String()), int64(sb.Len()), cookies)
	after := memStats()
	t.Logf("10,000-field form: %d, allocated %.1f MB", status, float64(after.TotalAlloc-before.TotalAlloc)/1e6)
	if status != http.StatusRequestEntityTooLarge {
		t.Errorf("10,000-field form: %d; want 413", status)
	}
	if !strings.Contains(page, "too many fields") {
		t.Errorf("10,000-field form refused without saying why: %.300s", page)
	}

	// Slow clients: each sends a request line and then one header byte a
	// second; the server drops them after the header timeout and answers
	// others meanwhile.
	start := time.Now()
	var wg sync.WaitGroup
	var mu sync.Mutex
	closedAfter := []time.Duration{}
	for i := 0; i < slowClients; i++ {
		conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
		if err != nil {
			t.Fatalf("slow client %d: %v", i, err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer conn.Close()
			opened := time.Now()
			if _, err := conn.Write([]byte("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")); err != nil {
				return
			}
			limit := time.Now().Add(headerTimeout + 20*time.Second)
			for time.Now().Before(limit) {
				time.Sleep(time.Second)
				if _, err := conn.Write([]byte("a")); err != nil {
					break
				}
				// The server closes the connection (or answers 408): a read sees it.
				_ = conn.SetReadDeadline(time.Now().Add(10 * time.Millisecond))
				if _, err := bufio.NewReader(conn).ReadByte(); err == nil || !isTimeout(err) {
					break
				}
			}
			mu.Lock()
			closedAfter = append(closedAfter, time.Since(opened))
			mu.Unlock()
		}()
	}
	time.Sleep(500 * time.Millisecond)
	worst := time.Duration(0)
	for i := 0; i < 20; i++ {
		t0 := time.Now()
		resp, err := http.Get(base + "/healthz")
		if err != nil {
			t.Fatalf("healthz while %d slow clients wait: %v", slowClients, err)
		}
		resp.Body.Close()
		worst = max(worst, time.Since(t0))
	}
	t.Logf("healthz during %d slow clients: slowest of 20 in %v", slowClients, worst.Round(time.Microsecond))
	if worst > time.Second {
		t.Errorf("healthz took %v while slow clients waited", worst)
	}
	wg.Wait()
	longest := time.Duration(0)
	for _, d := range closedAfter {
		longest = max(longest, d)
	}
	t.Logf("%d slow clients all dropped after %v at most (header timeout %v), in %v", len(closedAfter), longest.Round(time.Millisecond), headerTimeout, time.Since(start).Round(time.Millisecond))
	if longest > headerTimeout+3*time.Second {
		t.Errorf("a slow client held its connection for %v (header timeout %v)", longest, headerTimeout)
	}

	http.DefaultClient.CloseIdleConnections()
	g1, heap1 := settle(g0)
	t.Logf("after: %d goroutines (baseline %d), heap %.1f MB (baseline %.1f MB)", g1, g0, float64(heap1)/1e6, float64(heap0)/1e6)
	if g1 > g0+5 {
		t.Errorf("goroutines: %d after, %d before", g1, g0)
	}
	if heap1 > heap0+32<<20 {
		t.Errorf("heap grew from %.1f MB to %.1f MB", float64(heap0)/1e6, float64(heap1)/1e6)
	}
}

func isTimeout(err error) bool {
	ne, ok := err.(net.Error)
	return ok && ne.Timeout()
}
