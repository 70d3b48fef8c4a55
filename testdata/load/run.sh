#!/usr/bin/env bash
# Mixed read/write load against a running factdesk with wrk.
#
#   testdata/load/run.sh [CONNECTIONS] [DURATION] [CLAIMS]
#   FD_THINK_MS=500 testdata/load/run.sh 200 60s   # 200 people pausing 0–1 s (uniform) between actions
#
# Builds factdesk, generates a workspace (2,000 articles, CLAIMS claims,
# default 100,000) in a temporary directory, starts `factdesk serve` on
# 127.0.0.1, signs in a reviewer with curl, creates one source, and runs
# wrk with testdata/load/mix.lua (list, claim page, /search, source search,
# create, edit, attach evidence; FD_MIX=read for the read-heavy mix).
# Prints wrk's summary, the status counts, the mix, the server's CPU time per
# request, its peak RSS, and p50/p99 per route from the access log; exits
# non-zero when any request failed, on "database is locked" or a peak RSS over
# FD_MAX_RSS_MB (default 200). Needs wrk, curl and jq.
#
# Options (environment):
#   FD_THINK_MS=N   each connection waits uniformly 0..2N ms between requests
#   FD_MIX=read     the read-heavy mix of mix.lua
#   FD_SEED_DB=F    reuse the generated database F (made on the first run), so
#                   repeated runs skip generation; each run works on a copy
#   FD_PPROF=DIR    start serve with --pprof and save CPU, block, mutex and
#                   heap profiles of the middle of the run into DIR
set -euo pipefail
conns=${1:-200}
duration=${2:-60s}
nclaims=${3:-100000}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/signin.sh"
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && { kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; }; [ -n "${KEEP:-}" ] && cp "$work/server.log" /tmp/load-server.log; rm -rf "$work"' EXIT
export GOFLAGS=-tags=sqlite_fts5
(cd "$root" && go build -o "$work/factdesk" ./cmd/factdesk)
db="$work/load.db"
seed() {
  "$work/factdesk" generate --db "$1" --articles 2000 --claims "$nclaims" >/dev/null
  echo "load test password" | "$work/factdesk" user add --db "$1" --email load@example.org --name Load --role reviewer --password-stdin >/dev/null
  echo "load test password" | "$work/factdesk" user add --db "$1" --email admin@example.org --name Admin --role admin --password-stdin >/dev/null
  "$work/factdesk" migrate --db "$1" >/dev/null # checkpoints: one self-contained file
}
if [ -n "${FD_SEED_DB:-}" ]; then
  [ -f "$FD_SEED_DB" ] || seed "$FD_SEED_DB"
  cp "$FD_SEED_DB" "$db"
else
  seed "$db"
fi
port=$(( 20000 + RANDOM % 20000 ))
pprof=()
if [ -n "${FD_PPROF:-}" ]; then
  mkdir -p "$FD_PPROF"
  pport=$(( port + 1 ))
  pprof=(--pprof "127.0.0.1:$pport")
fi
"$work/factdesk" serve --db "$db" --addr "127.0.0.1:$port" --log-json "${pprof[@]}" 2>"$work/server.log" >/dev/null &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.1; done
jar="$work/cookies"
fd_signin "$base" "$jar" load@example.org "load test password"
source=$(fd_load_source "$base" "$jar")
export FD_COOKIE="factdesk_session=$session; factdesk_csrf=$csrf" FD_CSRF="$csrf" FD_SOURCE="$source" FD_CLAIMS="$nclaims"
cputicks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
echo "factdesk on $base: $nclaims claims, source $source; wrk -t2 -c$conns -d$duration, mix ${FD_MIX:-mixed}, think time uniform 0–$(( 2 * ${FD_THINK_MS:-0} )) ms"
if [ -n "${FD_PPROF:-}" ]; then
  secs=${duration%s}
  ( sleep $(( secs / 4 )); p="http://127.0.0.1:$pport/debug/pprof"
    curl -fs -o "$FD_PPROF/cpu.pprof" "$p/profile?seconds=$(( secs / 2 ))" &
    curl -fs -o "$FD_PPROF/block.pprof" "$p/block?seconds=$(( secs / 2 ))" &
    curl -fs -o "$FD_PPROF/mutex.pprof" "$p/mutex?seconds=$(( secs / 2 ))" &
    wait; curl -fs -o "$FD_PPROF/heap.pprof" "$p/heap"; cp "$work/factdesk" "$FD_PPROF/factdesk" ) &
  profiler=$!
fi
load0=$(cut -d' ' -f1 /proc/loadavg)
c0=$(cputicks "$pid")
out=$(wrk -t2 -c"$conns" -d"$duration" --timeout 10s --latency -s "$here/mix.lua" "$base")
c1=$(cputicks "$pid")
load1=$(cut -d' ' -f1 /proc/loadavg)
[ -n "${profiler:-}" ] && wait "$profiler" # for the profiles
echo "$out"
requests=$(echo "$out" | awk -F'[= ]' '/^requests=/ {print $2}')
locked=$(grep -c "database is locked" "$work/server.log" || true)
errors=$(grep -c '"level":"ERROR"' "$work/server.log" || true)
rss=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$pid/status")
echo "per route (server's own duration, ms; access log):"
grep '"msg":"request"' "$work/server.log" | jq -r '[.method, (.path | gsub("/[0-9]+"; "/N")), .dur_ms] | @tsv' |
  sort -t$'\t' -k1,2 -k3,3g | awk -F'\t' '
    function q(k, f,   i) { i = int(n[k] * f) + 1; if (i > n[k]) i = n[k]; return v[k, i] }
    { k = $1 " " $2; n[k]++; v[k, n[k]] = $3 }
    END { for (k in n) printf "  %-28s n=%-6d p50=%7.1f p90=%7.1f p99=%7.1f max=%7.1f\n", k, n[k],
            q(k, 0.5), q(k, 0.9), q(k, 0.99), v[k, n[k]] }' | sort
echo "summary: server CPU $(awk -v t=$(( c1 - c0 )) -v hz="$hz" 'BEGIN {printf "%.1f s", t/hz}') for $requests requests =" \
  "$(awk -v t=$(( c1 - c0 )) -v hz="$hz" -v r="$requests" 'BEGIN {printf "%.2f", 1000*t/hz/r}') ms/request;" \
  "peak RSS $rss MB; server log: $errors error lines, $locked \"database is locked\"; load average $load0 → $load1"
# Fails on any failed request, error line, "database is locked", or a peak RSS
# over FD_MAX_RSS_MB (default 200).
echo "$out" | grep -q "status>=400=0" && echo "$out" | grep -q "errors(socket)=0" && [ "$errors" = 0 ] &&
  [ "$locked" = 0 ] && [ "$rss" -le "${FD_MAX_RSS_MB:-200}" ]
