#!/usr/bin/env bash
# Issue 9's out-of-memory case against the jar: a server with -Xmx512m (a 256 MiB load memory
# budget by default) takes one 100 MB upload of random unsorted words, six at once, then one and
# six at once of 10 MB, while /health is polled every 50 ms. Prints each answer's status, what was
# sent, /health's statuses and slowest answers, and whether the JVM logged an OutOfMemoryError.
#   mvn -B -q -DskipTests package && bash loadtest/scripts/load-memory.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
jar="$PWD/service/target/sieve.jar"
work="$(mktemp -d)"
port="${PORT:-18431}"
url="http://127.0.0.1:$port"
java -Xmx512m -XX:+ExitOnOutOfMemoryError -jar "$jar" --port "$port" --data-dir "$work/data" --no-demo >"$work/server.log" 2>&1 &
server=$!
poller=""
trap 'kill "$server" $poller 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 150); do curl -sf "$url/ready" >/dev/null 2>&1 && break; sleep 0.2; done
# random lowercase words, one line end in 27 bytes on average
{ tr -dc 'a-z\n' </dev/urandom || true; } | head -c 100000000 >"$work/w100.txt"  # tr ends on SIGPIPE
head -c 10000000 "$work/w100.txt" >"$work/w10.txt"
( while kill -0 "$server" 2>/dev/null; do
    curl -s -m 2 -o /dev/null -w '%{http_code} %{time_total}\n' "$url/health" || echo "none"
    sleep 0.05
  done >"$work/health.log" ) &
poller=$!
put() { curl -s -o /dev/null -T "$1" -w "$2: %{http_code} after %{size_upload} bytes sent, %{time_total} s\n" "$url/v1/words/$2"; }
put "$work/w100.txt" one100
pids=(); for i in 1 2 3 4 5 6; do put "$work/w100.txt" six100-$i & pids+=($!); done; wait "${pids[@]}"
put "$work/w10.txt" one10
pids=(); for i in 1 2 3 4 5 6; do put "$work/w10.txt" six10-$i & pids+=($!); done; wait "${pids[@]}"
sleep 1
echo "load memory: $(curl -s "$url/v1/loads" | sed 's/.*"memory"://')"
echo "/health answers: $(awk '{print $1}' "$work/health.log" | sort | uniq -c | tr '\n' ' ')"
echo "/health slowest (s): $(sort -k2 -n "$work/health.log" | tail -3 | awk '{print $2}' | tr '\n' ' ')"
echo "OutOfMemoryError lines in the server's log: $(grep -c OutOfMemoryError "$work/server.log" || true)"
