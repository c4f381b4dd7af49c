#!/usr/bin/env bash
# The probes of issue 25 against a running Clockwork: one line each, "probe | status content-type (bytes)".
# Usage: bench/probes.sh BASE_URL ADMIN_PASSWORD   (BASE_URL like http://127.0.0.1:8080/clockwork)
set -uo pipefail
base=$1 password=$2 api="$1/api" tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
probe() { # name, then curl arguments
  local name=$1; shift
  local out
  out=$(curl -s -o "$tmp/body" -w '%{http_code} %{content_type}' "$@")
  printf '%-58s | %s (%s bytes)\n' "$name" "$out" "$(wc -c <"$tmp/body")"
}
head -c 1048576 /dev/zero | tr '\0' 'p' >"$tmp/mb"
printf '{"username":"probe-big","password":"%s","role":"clockwork-viewer"}' "$(cat "$tmp/mb")" >"$tmp/big-password.json"
printf '{"name":"%s","trigger":"every 1h","action":"noop"}' "$(cat "$tmp/mb")" >"$tmp/big-name.json"
head -c 1200000 /dev/zero | tr '\0' 'x' | sed 's/^/{"name":"/; s/$/"}/' >"$tmp/too-large.json"
curl -s -o /dev/null -u admin:"$password" -H 'Content-Type: application/json' \
    -d '{"username":"probe-viewer","password":"probe-viewer-pw","role":"clockwork-viewer"}' "$api/users"
probe "GET /api/users (admin)" -u admin:"$password" "$api/users"
probe "GET /api/users/admin (admin)" -u admin:"$password" "$api/users/admin"
probe "PUT /api/users/admin enabled=false (last admin)" -u admin:"$password" -X PUT \
    -H 'Content-Type: application/json' -d '{"enabled":false}' "$api/users/admin"
probe "GET /api/audit (admin)" -u admin:"$password" "$api/audit?limit=5"
probe "GET /api/audit (viewer)" -u probe-viewer:probe-viewer-pw "$api/audit"
probe "POST /api/users with a 1 MiB password" -u admin:"$password" -H 'Content-Type: application/json' \
    --data-binary @"$tmp/big-password.json" "$api/users"
probe "POST /api/users password 'password123'" -u admin:"$password" -H 'Content-Type: application/json' \
    -d '{"username":"probe-common","password":"password123","role":"clockwork-viewer"}' "$api/users"
probe "POST /api/tasks with a 1 MiB name" -u admin:"$password" -H 'Content-Type: application/json' \
    --data-binary @"$tmp/big-name.json" "$api/tasks"
probe "POST /api/tasks with a 1.2 MB body" -u admin:"$password" -H 'Content-Type: application/json' \
    --data-binary @"$tmp/too-large.json" "$api/tasks"
probe "POST /api/tasks as a viewer" -u probe-viewer:probe-viewer-pw -H 'Content-Type: application/json' \
    -d '{}' "$api/tasks"
probe "OPTIONS /api/tasks" -u admin:"$password" -X OPTIONS "$api/tasks"
probe "TRACE /api/tasks" -u admin:"$password" -X TRACE "$api/tasks"
probe "GET /api/no-such-path" -u admin:"$password" "$api/no-such-path"
probe "GET /api/tasks/a%2Fb (encoded slash)" -u admin:"$password" "$api/tasks/a%2Fb"
probe "DELETE /api/tasks (405)" -u admin:"$password" -X DELETE "$api/tasks"
probe "GET /api/tasks Accept: text/csv (406)" -u admin:"$password" -H 'Accept: text/csv' "$api/tasks"
probe "POST /api/tasks Content-Type: text/plain (415)" -u admin:"$password" -H 'Content-Type: text/plain' \
    -d 'x' "$api/tasks"
for i in 1 2 3 4 5 6; do curl -s -o /dev/null -u probe-viewer:wrong-$i "$api/tasks"; done
probe "7th wrong password for one user" -u probe-viewer:wrong-7 "$api/tasks"
probe "GET /login.xhtml" "$base/login.xhtml"
curl -s -D "$tmp/headers" -o /dev/null "$base/login.xhtml"
echo "login.xhtml headers: $(grep -iE '^(x-content-type-options|x-frame-options|referrer-policy|cache-control|content-security-policy|server|x-powered-by):' \
    "$tmp/headers" | tr -d '\r' | tr '\n' ';')"
