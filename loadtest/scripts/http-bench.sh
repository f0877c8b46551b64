#!/usr/bin/env bash
# Sieve over HTTP against its ceiling (a constant-answer Vert.x server) and Redis, side by side,
# on this machine. Not part of CI: run on demand from the repository root:
#   bash loadtest/scripts/http-bench.sh            # DURATION=10s by default
# Needs wrk, redis-server and redis-tools (installed here with apt-get if missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-10s}
WORDS=${WORDS:-/usr/share/dict/american-english}
SIEVE_PORT=18481; CONST_PORT=18482; REDIS_PORT=18483
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v redis-server >/dev/null || need+=(redis-server)
command -v redis-benchmark >/dev/null || need+=(redis-tools)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; fi

[ -f service/target/sieve.jar ] && [ -f loadtest/target/benchmarks.jar ] || mvn -B -q -DskipTests package

wait_port() { for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$1$2" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "port $1 not ready" >&2; exit 1; }

java -jar service/target/sieve.jar --port $SIEVE_PORT --data-dir "$work/data" --no-demo > "$work/sieve.log" 2>&1 & pids+=($!)
java -cp loadtest/target/benchmarks.jar dev.sieve.bench.ConstantServer $CONST_PORT > "$work/const.log" 2>&1 & pids+=($!)
wait_port $SIEVE_PORT /ready
wait_port $CONST_PORT /

echo "## load (curl -T, server-reported elapsedMs)"
curl -s -T "$WORDS" "http://127.0.0.1:$SIEVE_PORT/v1/words/bench" > "$work/load-words.json"
echo "words: $(cat "$work/load-words.json")"
if [ -f /usr/share/dict/american-english-insane ]; then
  curl -s -T /usr/share/dict/american-english-insane "http://127.0.0.1:$SIEVE_PORT/v1/words/insane" > "$work/load-insane.json"
  echo "words (insane): $(cat "$work/load-insane.json")"
fi
seq 0 7 139999993 > "$work/numbers.txt"   # 20 M numbers
curl -s -T "$work/numbers.txt" "http://127.0.0.1:$SIEVE_PORT/v1/numbers/bench" > "$work/load-numbers.json"
echo "numbers: $(cat "$work/load-numbers.json")"

echo
echo "## single lookups, keep-alive: wrk -t2 -c64 -d$DURATION"
# Both servers get the same requests from the same script (the constant server ignores the path,
# but wrk pays the same Lua cost per request), each after an untimed warm-up run for the JIT.
get() { WORDS="$WORDS" SET=bench wrk -t2 -c64 -d"$1" -s loadtest/scripts/contains-get.lua "http://127.0.0.1:$2"; }
get 5s $CONST_PORT > /dev/null
get 5s $SIEVE_PORT > /dev/null
echo "constant server: $(get "$DURATION" $CONST_PORT | awk '/Requests\/sec/ {print $2}') req/s"
# wrk counts error answers as requests: refuse a run that had any.
rate() { tee "$work/wrk.out" | awk '/Requests\/sec/ {print $2}'; if grep -q "Non-2xx" "$work/wrk.out"; then grep "Non-2xx" "$work/wrk.out" >&2; echo "error answers: this run does not count" >&2; exit 1; fi; }
echo "sieve GET contains: $(get "$DURATION" $SIEVE_PORT | rate) req/s"

echo
echo "## batched lookups: POST contains, 1,000 words a request, wrk -t2 -c8 -d$DURATION"
WORDS="$WORDS" SET=bench wrk -t2 -c8 -d5s -s loadtest/scripts/contains-batch.lua "http://127.0.0.1:$SIEVE_PORT" > /dev/null
rps=$(WORDS="$WORDS" SET=bench wrk -t2 -c8 -d"$DURATION" -s loadtest/scripts/contains-batch.lua "http://127.0.0.1:$SIEVE_PORT" | rate)
echo "sieve POST contains: $rps req/s = $(awk -v r="$rps" 'BEGIN {printf "%.0f", r * 1000}') lookups/s"

echo
echo "## Redis SISMEMBER on a set of the same size (members w:0..w:N-1; keys drawn from 0..2N-1: half misses)"
redis-server --port $REDIS_PORT --save '' --appendonly no --daemonize no > "$work/redis.log" 2>&1 & pids+=($!)
for _ in $(seq 1 100); do redis-cli -p $REDIS_PORT ping >/dev/null 2>&1 && break; sleep 0.1; done
n=$(grep -c . "$WORDS")
awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) { m = "w:" i; printf "*3\r\n$4\r\nSADD\r\n$5\r\nredis\r\n$%d\r\n%s\r\n", length(m), m } }' \
  | redis-cli -p $REDIS_PORT --pipe > /dev/null
echo "members: $(redis-cli -p $REDIS_PORT SCARD redis)"
echo "redis SISMEMBER, no pipelining, 64 clients: $(redis-benchmark -p $REDIS_PORT -c 64 -n 400000 -r $((2 * n)) -q SISMEMBER redis w:__rand_int__ | tr -d '\r' | awk '{for (i=1;i<=NF;i++) if ($i ~ /requests/) print $(i-1)}' | tail -1) req/s"
echo "redis SISMEMBER, pipeline 64: $(redis-benchmark -p $REDIS_PORT -c 8 -P 64 -n 4000000 -r $((2 * n)) -q SISMEMBER redis w:__rand_int__ | tr -d '\r' | awk '{for (i=1;i<=NF;i++) if ($i ~ /requests/) print $(i-1)}' | tail -1) lookups/s"
