# Shell helpers shared by testdata/load/run.sh, testdata/load/scale.sh and
# testdata/security/sqlmap.sh (source this file; needs curl and awk).

# fd_signin BASE JAR EMAIL PASSWORD signs in with curl, keeping the cookies
# in JAR, and sets csrf and session; it exits when sign-in fails.
fd_signin() {
  local base=$1 jar=$2 email=$3 password=$4
  curl -fs -c "$jar" -b "$jar" "$base/signin" >/dev/null
  csrf=$(awk '$6 == "factdesk_csrf" {print $7}' "$jar")
  curl -fs -o /dev/null -c "$jar" -b "$jar" -H "X-CSRF-Token: $csrf" --data-urlencode "email=$email" \
    --data-urlencode "password=$password" "$base/signin"
  session=$(awk '$6 == "factdesk_session" {print $7}' "$jar")
  [ -n "$session" ] || { echo "sign-in failed" >&2; exit 1; }
}

# fd_load_source BASE JAR adds the source the load mix attaches as evidence
# (signed in with fd_signin) and prints its id.
fd_load_source() {
  local loc
  loc=$(curl -fs -o /dev/null -w '%{redirect_url}' -c "$2" -b "$2" -H "X-CSRF-Token: $csrf" \
    --data-urlencode "url=https://example.org/load-source" --data-urlencode "title=Load source" \
    --data-urlencode "kind=news" "$1/sources")
  echo "${loc##*/}"
}
