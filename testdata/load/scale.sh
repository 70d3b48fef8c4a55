#!/usr/bin/env bash
# One factdesk server against two behind nginx, on PostgreSQL, with the CPU
# time each process spends per request (issue 10, docs/SCALING.md).
#
#   testdata/load/scale.sh [RUNS] [DURATION] [CONNECTIONS] [CLAIMS]
#   testdata/load/scale.sh                       # direct nginx1 nginx2, 40s, 50 connections, 100,000 claims
#   testdata/load/scale.sh "nginx2" 60s 100      # one run only
#
# Starts a throwaway PostgreSQL cluster (.ci/pg-cluster) in a temporary
# directory, generates 2,000 articles and CLAIMS claims into it with
# `factdesk generate --db postgres://…`, and keeps that database as a template.
# Each run gets a fresh copy of it (CREATE DATABASE … TEMPLATE), so every run
# starts from the same data:
#   direct   one `factdesk serve` on 127.0.0.1, wrk straight at it
#   nginx1   the same server behind nginx (Debian's package, one worker)
#   nginx2   two servers behind nginx (round robin)
# wrk runs the read-heavy mix of mix.lua (FD_MIX=read: 90 % list, claim page,
# article page, /search and library search; 10 % create, edit, evidence)
# back to back (FD_THINK_MS=N for people pausing 0..2N ms).
# CPU time is read from /proc/PID/stat (utime+stime) before and after the run
# for each factdesk, for nginx (master and worker), for PostgreSQL (every
# process of the cluster, and the children that ended during the run through
# the postmaster's cutime+cstime) and for wrk (/usr/bin/time), and divided by
# the requests served. FD_PG_PARAMS=… adds parameters to the servers' database
# URL (e.g. pool_max_idle_conns=20). Prints a summary block at the end. Needs wrk, curl,
# nginx, PostgreSQL's server programs, psql.
set -euo pipefail
runs=${1:-direct nginx1 nginx2}
duration=${2:-40s}
conns=${3:-50}
nclaims=${4:-100000}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/signin.sh"
work=$(mktemp -d)
chmod 755 "$work"
pids=()
ngpid=
stop_servers() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  pids=()
  if [ -n "$ngpid" ]; then kill -QUIT "$ngpid" 2>/dev/null || true; wait "$ngpid" 2>/dev/null || true; ngpid=; fi
}
cleanup() {
  stop_servers
  "$root/.ci/pg-cluster" stop "$work/pg" >/dev/null 2>&1 || true
  [ -n "${KEEP:-}" ] && { mkdir -p /tmp/scale-logs; cp "$work"/*.log /tmp/scale-logs/ 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT
export GOFLAGS=-tags=sqlite_fts5
(cd "$root" && go build -o "$work/factdesk" ./cmd/factdesk)
nginx=$(command -v nginx || echo /usr/sbin/nginx)
hz=$(getconf CLK_TCK)

mkdir "$work/pg"
url=$("$root/.ci/pg-cluster" start "$work/pg")
echo "PostgreSQL: $(echo "$url" | sed 's/:[^:@]*@/:…@/')"
start=$(date +%s)
"$work/factdesk" generate --db "$url" --articles 2000 --claims "$nclaims" >/dev/null
echo "load test password" | "$work/factdesk" user add --db "$url" --email load@example.org --name Load --role reviewer --password-stdin >/dev/null
echo "load test password" | "$work/factdesk" user add --db "$url" --email admin@example.org --name Admin --role admin --password-stdin >/dev/null
echo "generated 2,000 articles and $nclaims claims in $(( $(date +%s) - start )) s"
postmaster=$(head -1 "$work/pg/data/postmaster.pid")

# CPU ticks of one process (utime+stime), of PostgreSQL (all its processes,
# plus ended children), of nginx (master and workers).
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
pgticks() {
  local sum total=0
  sum=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$postmaster/stat")
  for c in $(pgrep -P "$postmaster"); do total=$(( total + $(ticks "$c") )); done
  echo $(( sum + total ))
}
ngticks() {
  local total
  total=$(ticks "$ngpid")
  for c in $(pgrep -P "$ngpid"); do total=$(( total + $(ticks "$c") )); done
  echo "$total"
}
ms() { awk -v t="$1" -v hz="$hz" -v r="$2" 'BEGIN {printf "%.3f", 1000 * t / hz / r}'; }
freeport() { while :; do p=$(( 20000 + RANDOM % 20000 )); (echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done; }

serve() { # serve NAME DBURL → starts a server, appends its pid to pids, sets addr
  local port; port=$(freeport)
  "$work/factdesk" serve --db "$2" --addr "127.0.0.1:$port" --log-json --trust-proxy 2>"$work/$1.log" >/dev/null &
  pids+=($!)
  for _ in $(seq 200); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  addr="127.0.0.1:$port"
}

front_nginx() { # front_nginx UPSTREAM… → starts nginx (ngpid), sets addr
  local port; port=$(freeport)
  local servers=""
  for u in "$@"; do servers+="    server $u max_fails=1 fail_timeout=30s;"$'\n'; done
  mkdir -p "$work/nginx"
  cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  upstream factdesk {
$servers    keepalive 64;
  }
  server {
    listen 127.0.0.1:$port;
    location / {
      proxy_pass http://factdesk;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_next_upstream error timeout http_502 http_503 non_idempotent;
      proxy_next_upstream_tries 2;
      proxy_connect_timeout 2s;
    }
  }
}
CONF
  "$nginx" -c "$work/nginx/nginx.conf" -p "$work/nginx" 2>/dev/null &
  ngpid=$!
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  addr="127.0.0.1:$port"
}

summary=()
n=0
for run in $runs; do
  n=$(( n + 1 ))
  db="fd_run$n"
  psql "$url" -qAtc "CREATE DATABASE $db TEMPLATE factdesk" >/dev/null
  dburl=$(echo "$url" | sed "s|/factdesk?|/$db?|")${FD_PG_PARAMS:+&$FD_PG_PARAMS}
  case $run in
    direct) serve "$run-a" "$dburl"; base="http://$addr" ;;
    nginx1) serve "$run-a" "$dburl"; a=$addr; front_nginx "$a"; base="http://$addr" ;;
    nginx2) serve "$run-a" "$dburl"; a=$addr; serve "$run-b" "$dburl"; b=$addr; front_nginx "$a" "$b"; base="http://$addr" ;;
    *) echo "unknown run $run (direct, nginx1, nginx2)" >&2; exit 2 ;;
  esac
  jar="$work/cookies-$n"
  fd_signin "$base" "$jar" load@example.org "load test password"
  source=$(fd_load_source "$base" "$jar")
  export FD_COOKIE="factdesk_session=$session; factdesk_csrf=$csrf" FD_CSRF="$csrf" FD_SOURCE="$source" FD_CLAIMS="$nclaims" FD_MIX=read
  declare -A c0=()
  for p in "${pids[@]}"; do c0[$p]=$(ticks "$p"); done
  pg0=$(pgticks); ng0=0; [ -n "$ngpid" ] && ng0=$(ngticks)
  load0=$(cut -d' ' -f1 /proc/loadavg)
  echo "== $run: $base, wrk -t2 -c$conns -d$duration, read-heavy mix, think time uniform 0–$(( 2 * ${FD_THINK_MS:-0} )) ms"
  /usr/bin/time -f "%U %S" -o "$work/wrk-time" \
    wrk -t2 -c"$conns" -d"$duration" --timeout 10s --latency -s "$here/mix.lua" "$base" >"$work/wrk-$n.txt"
  load1=$(cut -d' ' -f1 /proc/loadavg)
  pg1=$(pgticks); ng1=0; [ -n "$ngpid" ] && ng1=$(ngticks)
  out=$(cat "$work/wrk-$n.txt")
  echo "$out" | grep -E "^(statuses|mix|latency|requests)"
  req=$(echo "$out" | awk -F'[= ]' '/^requests=/ {print $2}')
  rps=$(echo "$out" | awk '/^Requests\/sec/ {printf "%.0f", $2}')
  lat=$(echo "$out" | awk '/^latency / {print $2, $4}')
  bad=$(echo "$out" | awk -F'[= ]' '/^requests=/ {print $4 + $NF}')
  cpu=""
  i=0
  for p in "${pids[@]}"; do
    i=$(( i + 1 ))
    cpu+="factdesk$i $(ms $(( $(ticks "$p") - c0[$p] )) "$req") · "
  done
  wrkt=$(awk -v hz="$hz" '{printf "%d", ($1 + $2) * hz}' "$work/wrk-time")
  cpu+="postgres $(ms $(( pg1 - pg0 )) "$req") · "
  [ -n "$ngpid" ] && cpu+="nginx $(ms $(( ng1 - ng0 )) "$req") · "
  cpu+="wrk $(ms "$wrkt" "$req")"
  summary+=("$(printf '%-7s %6s req/s  %s  errors %s  CPU ms/request: %s  (load %s→%s)' "$run" "$rps" "$lat" "$bad" "$cpu" "$load0" "$load1")")
  echo "${summary[-1]}"
  stop_servers
  psql "$url" -qAtc "DROP DATABASE $db" >/dev/null
done
echo
echo "=== summary: $nclaims claims on PostgreSQL, $(nproc) cores, wrk -c$conns -d$duration, read-heavy mix (FD_MIX=read)"
printf '%s\n' "${summary[@]}"
