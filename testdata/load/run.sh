#!/usr/bin/env bash
# Mixed read/write load against a running factdesk with wrk.
#
#   testdata/load/run.sh [CONNECTIONS] [DURATION] [CLAIMS]
#   FD_THINK_MS=500 testdata/load/run.sh 200 60s   # 200 people pausing ~0.5 s between actions
#
# Builds factdesk, generates a workspace (2,000 articles, CLAIMS claims,
# default 100,000) in a temporary directory, starts `factdesk serve` on
# 127.0.0.1, signs in a reviewer with curl, creates one source, and runs
# wrk with testdata/load/mix.lua (list, claim page, source search, create,
# edit, attach evidence). Prints wrk's summary, the status counts and the
# mix; exits non-zero when any request failed. Needs wrk and curl.
set -euo pipefail
conns=${1:-200}
duration=${2:-60s}
nclaims=${3:-100000}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; [ -n "${KEEP:-}" ] && cp "$work/server.log" /tmp/load-server.log; rm -rf "$work"' EXIT
export GOFLAGS=-tags=sqlite_fts5
(cd "$root" && go build -o "$work/factdesk" ./cmd/factdesk)
db="$work/load.db"
"$work/factdesk" generate --db "$db" --articles 2000 --claims "$nclaims" >/dev/null
echo "load test password" | "$work/factdesk" user add --db "$db" --email load@example.org --name Load --role reviewer --password-stdin >/dev/null
echo "load test password" | "$work/factdesk" user add --db "$db" --email admin@example.org --name Admin --role admin --password-stdin >/dev/null
port=$(( 20000 + RANDOM % 20000 ))
"$work/factdesk" serve --db "$db" --addr "127.0.0.1:$port" --log-json 2>"$work/server.log" >/dev/null &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.1; done
jar="$work/cookies"
curl -fs -c "$jar" -b "$jar" "$base/signin" >/dev/null
csrf=$(awk '$6 == "factdesk_csrf" {print $7}' "$jar")
curl -fs -o /dev/null -c "$jar" -b "$jar" -H "X-CSRF-Token: $csrf" --data-urlencode "email=load@example.org" \
  --data-urlencode "password=load test password" "$base/signin"
session=$(awk '$6 == "factdesk_session" {print $7}' "$jar")
[ -n "$session" ] || { echo "sign-in failed" >&2; exit 1; }
loc=$(curl -fs -o /dev/null -w '%{redirect_url}' -c "$jar" -b "$jar" -H "X-CSRF-Token: $csrf" \
  --data-urlencode "url=https://example.org/load-source" --data-urlencode "title=Load source" \
  --data-urlencode "kind=news" "$base/sources")
source=${loc##*/}
export FD_COOKIE="factdesk_session=$session; factdesk_csrf=$csrf" FD_CSRF="$csrf" FD_SOURCE="$source" FD_CLAIMS="$nclaims"
echo "factdesk on $base: $nclaims claims, source $source; wrk -t2 -c$conns -d$duration, think time ${FD_THINK_MS:-0} ms"
out=$(wrk -t2 -c"$conns" -d"$duration" --timeout 10s --latency -s "$here/mix.lua" "$base")
echo "$out"
locked=$(grep -c "database is locked" "$work/server.log" || true)
errors=$(grep -c '"level":"ERROR"' "$work/server.log" || true)
echo "server log: $errors error lines, $locked \"database is locked\""
ps -o cputime=,rss= -p "$pid" | awk '{print "server CPU time " $1 ", RSS " int($2/1024) " MB"}'
echo "$out" | grep -q "status>=400=0" && echo "$out" | grep -q "errors(socket)=0" && [ "$errors" = 0 ]
