package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/factdesk/factdesk/claims/export"
	"github.com/factdesk/factdesk/web/i18n"
)

// memPeak samples the Go heap and the memory the runtime holds from the
// system every millisecond while an export runs (runtime/metrics reads
// without stopping the world), and keeps the peaks.
type memPeak struct {
	heap, total atomic.Uint64
	stop        chan struct{}
	done        sync.WaitGroup
}

func startMemPeak() *memPeak {
	m := &memPeak{stop: make(chan struct{})}
	samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/total:bytes"}}
	read := func() {
		metrics.Read(samples)
		if h := samples[0].Value.Uint64(); h > m.heap.Load() {
			m.heap.Store(h)
		}
		if t := samples[1].Value.Uint64(); t > m.total.Load() {
			m.total.Store(t)
		}
	}
	read()
	m.done.Add(1)
	go func() {
		defer m.done.Done()
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-m.stop:
				read()
				return
			case <-tick.C:
				read()
			}
		}
	}()
	return m
}

func (m *memPeak) end() (heapMB, totalMB float64) {
	close(m.stop)
	m.done.Wait()
	return float64(m.heap.Load()) / (1 << 20), float64(m.total.Load()) / (1 << 20)
}

// cpuTime is the CPU time (user and system) the process has used: on a
// machine shared with other work the wall time of an export depends on the
// load, its CPU time much less.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// countingWriter is where the exports go: it counts and keeps nothing, so
// only the export's own memory is measured.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// BenchmarkExport100k exports the generated desk (2,000 articles, 100,000
// claims, about half of them with verdicts, 20,000 with evidence from a
// library of 50,000 sources) in each format, and reports
// the time per export, the claims and megabytes written, and the peak Go
// heap and runtime memory while it ran (the desk's goal: under 3 s and
// 100 MB each). "http" goes through the router and middleware to a
// response writer that discards the body.
func BenchmarkExport100k(b *testing.B) {
	benchLibrary(b) // 50,000 sources, evidence on 20,000 claims
	ctx := context.Background()
	desk := benchDesk.Export()
	for _, f := range []export.Format{export.CSV, export.JSON, export.ClaimReview, export.Markdown} {
		b.Run(string(f), func(b *testing.B) {
			runtime.GC()
			before := startMemPeak()
			baseHeap, _ := before.end()
			peak := startMemPeak()
			var res export.Result
			var out countingWriter
			cpu0 := cpuTime()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				out = countingWriter{}
				var err error
				res, err = export.Write(ctx, &out, desk, export.Options{Format: f, Lang: "en", Words: i18n.EN, BaseURL: "https://desk.example.org"})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			heapMB, totalMB := peak.end()
			b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(res.Claims), "claims")
			b.ReportMetric(float64(out.n)/(1<<20), "MB-out")
			b.ReportMetric(baseHeap, "heap-before-MB")
			b.ReportMetric(heapMB, "peak-heap-MB")
			b.ReportMetric(totalMB, "peak-runtime-MB")
		})
	}
	for _, f := range []string{"csv", "json"} {
		b.Run("http/"+f, func(b *testing.B) {
			runtime.GC()
			peak := startMemPeak()
			var w discardResponse
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				w = discardResponse{h: http.Header{}}
				req := httptest.NewRequest("GET", "/exports/download?format="+f+"&report_lang=ar", nil)
				req.AddCookie(&http.Cookie{Name: "factdesk_session", Value: benchTok})
				benchSrv.ServeHTTP(&w, req)
				if w.code != 200 {
					b.Fatalf("%s: %d", f, w.code)
				}
			}
			b.StopTimer()
			heapMB, totalMB := peak.end()
			b.ReportMetric(float64(w.n)/(1<<20), "MB-out")
			b.ReportMetric(heapMB, "peak-heap-MB")
			b.ReportMetric(totalMB, "peak-runtime-MB")
		})
	}
}

// discardResponse is an http.ResponseWriter that keeps the status and counts
// the body.
type discardResponse struct {
	h    http.Header
	code int
	n    int64
}

func (d *discardResponse) Header() http.Header { return d.h }
func (d *discardResponse) WriteHeader(code int) {
	if d.code == 0 {
		d.code = code
	}
}
func (d *discardResponse) Write(p []byte) (int, error) {
	if d.code == 0 {
		d.code = 200
	}
	d.n += int64(len(p))
	return len(p), nil
}
