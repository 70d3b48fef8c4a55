#!/usr/bin/env bash
# A bounded sqlmap run against the search and list endpoints of a running
# factdesk, signed in as a reviewer.
#
#   testdata/security/sqlmap.sh [LEVEL] [RISK]     # defaults: level 2, risk 2
#
# Builds factdesk, generates a small workspace (100 articles, 1,000 claims)
# in a temporary directory, starts `factdesk serve` on 127.0.0.1, signs a
# reviewer in with curl, and runs sqlmap (--batch, every GET parameter of
# each endpoint, boolean, error, union, stacked and time-based techniques,
# --time-sec 1, 2 threads, each endpoint capped by `timeout`). Prints
# sqlmap's verdict per endpoint, the number of requests the server logged,
# its 5xx count and the duration; exits non-zero when sqlmap found an
# injection or the server answered 5xx. Needs sqlmap (apt-get install
# sqlmap) and curl. Targets 127.0.0.1 only.
set -euo pipefail
level=${1:-2}
risk=${2:-2}
per_endpoint=${SQLMAP_TIMEOUT:-300}
command -v sqlmap >/dev/null || { echo "sqlmap not installed (apt-get install -y sqlmap)" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/testdata/load/signin.sh"
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && { kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; }; [ -n "${KEEP:-}" ] && cp "$work/server.log" /tmp/sqlmap-server.log; rm -rf "$work"' EXIT
export GOFLAGS=-tags=sqlite_fts5
(cd "$root" && go build -o "$work/factdesk" ./cmd/factdesk)
db="$work/sqlmap.db"
"$work/factdesk" generate --db "$db" --articles 100 --claims 1000 >/dev/null
echo "sqlmap test password" | "$work/factdesk" user add --db "$db" --email rev@example.org --name Rev --role reviewer --password-stdin >/dev/null
echo "sqlmap test password" | "$work/factdesk" user add --db "$db" --email admin@example.org --name Admin --role admin --password-stdin >/dev/null
port=$(( 20000 + RANDOM % 20000 ))
"$work/factdesk" serve --db "$db" --addr "127.0.0.1:$port" --log-json 2>"$work/server.log" >/dev/null &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.1; done
jar="$work/cookies"
fd_signin "$base" "$jar" rev@example.org "sqlmap test password"
cookie="factdesk_session=$session; factdesk_csrf=$csrf"
before=$(grep -c '"msg":"request"' "$work/server.log" || true)

# Each endpoint with every parameter it reads (the claim list's filters too).
endpoints=(
  "/search?q=nvidia&kind=claim&status=logged&label=1&lang=en&from=2024-01-01&to=2026-01-01&after=10"
  "/search/results?q=nvidia&kind=claim&lang=en&after=10"
  "/claims?q=nvidia&status=logged&type=market&assignee=1&tag=economy&lang=en&sort=new&mine=1&article=1&after=10"
  "/sources?q=reuters&kind=news&lang=en&after=10"
  "/sources/search?q=reuters"
  "/prior-checks?publisher=x&lang=en&rating=False&after=10"
  "/checked-before?statement=nvidia+lost+billion&type=market&amount=900+billion&lang=en"
  "/articles?before=10"
)
start=$(date +%s)
found=0
for ep in "${endpoints[@]}"; do
  out=$(timeout "$per_endpoint" sqlmap -u "$base$ep" --cookie "$cookie" --batch --level "$level" --risk "$risk" \
    --technique BEUST --time-sec 1 --threads 2 --timeout 10 --retries 1 --skip-waf --flush-session \
    --output-dir "$work/sqlmap" --disable-coloring 2>&1) || true
  if echo "$out" | grep -qiE "is vulnerable|parameter '.*' is '.*' injectable|sqlmap identified the following injection"; then
    verdict="INJECTABLE"; found=1
    echo "$out" | grep -iE "injectable|Parameter:|Type:|Title:" | head -20
  elif echo "$out" | grep -q "all tested parameters do not appear to be injectable"; then
    verdict="not injectable (all parameters tested)"
  else
    verdict="no verdict (stopped by the ${per_endpoint}s cap): $(echo "$out" | grep -E '\[(CRITICAL|WARNING)\]' | tail -n 1)"
  fi
  printf '%-36s %s\n' "${ep%%\?*}" "$verdict"
done
dur=$(( $(date +%s) - start ))
requests=$(( $(grep -c '"msg":"request"' "$work/server.log" || true) - before ))
server5xx=$(grep '"msg":"request"' "$work/server.log" | grep -c '"status":5' || true)
echo "sqlmap $(sqlmap --version 2>/dev/null | grep -o "^[0-9][0-9.]*" | head -n 1), level $level, risk $risk: ${#endpoints[@]} endpoints, $requests requests, ${dur}s, server 5xx: $server5xx"
ps -o rss= -p "$pid" | awk '{print "server RSS " int($1/1024) " MB"}'
[ "$found" = 0 ] && [ "$server5xx" = 0 ]
