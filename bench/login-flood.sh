#!/usr/bin/env bash
# Valid-call latency while wrong-password clients flood the API (docs/benchmarks.md, "Failed logins").
# Usage: bench/login-flood.sh WAR PAYARA_MICRO_JAR [PORT]
# Starts Payara Micro on 127.0.0.1:PORT with an H2 database of its own, then measures GET /api/tasks as admin:
# 30 calls alone, then 30 calls while 8 clients send wrong passwords for "admin" as fast as they can.
# Prints the median and 90th percentile of each, and how the flood's answers split by status. Runs
# bench/probes.sh first (issue 25's probes).
set -euo pipefail
war=$1 micro=$2 port=${3:-8931}
dir=$(mktemp -d) password=flood-admin-password base="http://127.0.0.1:$port/clockwork/api"
cd "$(dirname "$0")/.."
java -Dclockwork.data.dir="$dir" -Dclockwork.admin.password=$password -Xmx512m -jar "$micro" --deploy "$war" \
    --contextroot clockwork --nocluster --port "$port" \
    --postbootcommandfile server-config/payara/h2-embedded.asadmin >"$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 180); do
  curl -sf "$base/health" >/dev/null 2>&1 && break
  sleep 1
done
curl -sf "$base/health" >/dev/null || { echo "the server did not start; see $dir/server.log" >&2; exit 1; }

valid() { # prints one latency in seconds per call
  for _ in $(seq 1 30); do
    curl -s -o /dev/null -w '%{time_total}\n' -u admin:$password "$base/tasks"
  done
}
summary() { sort -n | awk '{a[NR]=$1} END {printf "median %.3f s, p90 %.3f s (n=%d)\n", a[int(NR/2)+1], a[int(NR*0.9)], NR}'; }

bench/probes.sh "http://127.0.0.1:$port/clockwork" $password
valid >/dev/null # warm-up
echo "alone:        $(valid | summary)"
flooders=()
for i in $(seq 1 8); do
  (while [ ! -e "$dir/stop" ]; do
     curl -s -o /dev/null -w '%{http_code}\n' -u "admin:wrong-$i-$RANDOM" "$base/tasks"
   done >"$dir/flood-$i.txt") &
  flooders+=($!)
done
sleep 3
echo "under flood:  $(valid | summary)"
touch "$dir/stop"
wait "${flooders[@]}"
echo "flood answers: $(cat "$dir"/flood-*.txt | sort | uniq -c | tr '\n' ' ')"
