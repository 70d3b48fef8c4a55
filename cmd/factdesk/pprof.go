package main

import (
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"runtime"
	"time"
)

// checkLoopback accepts only an address on the loopback interface
// (127.0.0.1:PORT, [::1]:PORT, localhost:PORT): profiles reveal the code and
// the data in flight, so they are never served to the network.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("want host:port, e.g. 127.0.0.1:6060")
	}
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("profiles are served on loopback only (127.0.0.1, ::1 or localhost), not %q", host)
	}
	return nil
}

// servePprof serves Go's profiles (CPU, heap, goroutines, and the block and
// mutex profiles, which it switches on) on ln until the process ends.
func servePprof(ln net.Listener, logger *slog.Logger) {
	// Sample every blocking event of 10µs or more and one mutex contention
	// in 5: enough to see where requests wait, at a cost only paid when
	// profiling is on.
	runtime.SetBlockProfileRate(int((10 * time.Microsecond).Nanoseconds()))
	runtime.SetMutexProfileFraction(5)
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	if err := hs.Serve(ln); err != nil {
		logger.Error("pprof server", "err", err)
	}
}
