#!/usr/bin/env bash
# Acknowledged updates, Sieve against Redis, side by side in one run on this machine (issue 12):
# single-word adds (POST /v1/words/{name}/add, a JSON body of one random new word, wrk) at 1, 16
# and 64 connections, and batches of 1,000 words, on a 663k-word set (wamerican-insane), with
# --fsync always then everysec; against a private redis-server (appendonly yes, appendfsync always
# then everysec) driven by redis-benchmark SADD at the same concurrencies, and SADDs of 1,000
# members. Prints one table. Not part of CI: run on demand from the repository root:
#   bash loadtest/scripts/update-bench.sh              # DURATION=10s, REDIS_N=100000 by default
# Needs wrk, redis-server and redis-tools (installed with apt-get if missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-10s}
REDIS_N=${REDIS_N:-100000}
CLIENTS=${CLIENTS-"1 16 64"}   # empty: no single-word rows
BATCH_CLIENTS=${BATCH_CLIENTS-"1 16"}   # empty: no batch rows
# The JIT needs a while on 2 busy cores (C2's queue takes tens of seconds to drain): measure the
# server warm, as Redis (C, no JIT) always is. The warm-up's words are added like the others.
WARMUP=${WARMUP:-15s}
WORDS=${WORDS:-/usr/share/dict/american-english-insane}
# the server jar (copy it elsewhere to rebuild while a run goes on)
JAR=${JAR:-service/target/sieve.jar}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v redis-server >/dev/null || need+=(redis-server)
command -v redis-benchmark >/dev/null || need+=(redis-tools)
[ -f "$WORDS" ] || [ "$WORDS" != /usr/share/dict/american-english-insane ] || need+=(wamerican-insane)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; fi
[ -f "$WORDS" ] || { echo "no word list at $WORDS" >&2; exit 1; }
[ -f "$JAR" ] || mvn -B -q -DskipTests package

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_ready() { for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$1/ready" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "sieve on port $1 not ready" >&2; exit 1; }

# Waits (at most 90 s) until the server's process uses under a tenth of a core for a second: the
# compactions the warm-up or the previous row set off are over, so that a row measures its own
# updates and the folds they trigger, not the previous row's.
settle() { # pid
  local hz t0 t1 i
  hz=$(getconf CLK_TCK)
  for i in $(seq 1 90); do
    t0=$(awk '{print $14 + $15}' "/proc/$1/stat"); sleep 1; t1=$(awk '{print $14 + $15}' "/proc/$1/stat")
    if [ $(( (t1 - t0) * 10 )) -lt "$hz" ]; then return 0; fi
  done
  echo "sieve (pid $1) still busy after 90 s: the row runs anyway" >&2
}

rows=()
# wrk's RESULT line -> "req/s p99 max"; a run with error answers does not count
sieve_run() { # port connections batch
  local out threads=$(( $2 < 2 ? 1 : 2 ))
  out=$(SET=bench BATCH=$3 wrk -t$threads -c"$2" -d"$DURATION" -s loadtest/scripts/update-add.lua "http://127.0.0.1:$1" | grep '^RESULT')
  read -r _ rps p99 max errors requests <<<"$out"
  if [ "$errors" != 0 ]; then echo "sieve: $errors of $requests requests failed: this run does not count" >&2; exit 1; fi
  echo "$rps $p99 $max"
}
redis_run() { # port connections batch -> "req/s p99"
  local cmd=(SADD bench) i
  for ((i = 0; i < $3; i++)); do cmd+=(__rand_int__); done
  local n=$REDIS_N
  if [ "$3" -gt 1 ]; then n=$(( REDIS_N / 100 )); fi
  redis-benchmark -p "$1" -c "$2" -n "$n" -r 100000000 --csv "${cmd[@]}" | tail -1 \
    | awk -F'"' '{print $4, $14}'   # "test","rps","avg","min","p50","p95","p99","max"
}

for policy in always everysec; do
  port=$(free_port)
  java -XX:+ExitOnOutOfMemoryError -jar "$JAR" --port "$port" --no-demo \
    --data-dir "$work/sieve-$policy" --fsync "$policy" > "$work/sieve-$policy.log" 2>&1 & spid=$!; pids+=($spid)
  wait_ready "$port"
  curl -sf -T "$WORDS" "http://127.0.0.1:$port/v1/words/bench" > "$work/load.json"
  SET=bench BATCH=1 wrk -t2 -c16 -d"$WARMUP" -s loadtest/scripts/update-add.lua "http://127.0.0.1:$port" > /dev/null # warm-up
  SET=bench BATCH=1000 wrk -t1 -c1 -d5s -s loadtest/scripts/update-add.lua "http://127.0.0.1:$port" > /dev/null
  rport=$(free_port)
  mkdir -p "$work/redis-$policy"
  redis-server --port "$rport" --bind 127.0.0.1 --dir "$work/redis-$policy" --save "" --appendonly yes \
    --appendfsync "$policy" > "$work/redis-$policy.log" 2>&1 & rpid=$!; pids+=($rpid)
  for _ in $(seq 1 100); do redis-cli -p "$rport" ping >/dev/null 2>&1 && break; sleep 0.1; done
  for c in $CLIENTS; do
    settle "$spid"
    read -r s_rps s_p99 s_max <<<"$(sieve_run "$port" "$c" 1)"
    read -r r_rps r_p99 <<<"$(redis_run "$rport" "$c" 1)"
    rows+=("$policy|$c|1|$s_rps|$s_p99|$s_max|$r_rps|$r_p99")
  done
  for c in $BATCH_CLIENTS; do
    settle "$spid"
    read -r s_rps s_p99 s_max <<<"$(sieve_run "$port" "$c" 1000)"
    read -r r_rps r_p99 <<<"$(redis_run "$rport" "$c" 1000)"
    rows+=("$policy|$c|1000|$s_rps|$s_p99|$s_max|$r_rps|$r_p99")
  done
  kill "$spid" "$rpid"; wait "$spid" "$rpid" 2>/dev/null || true
done

echo "date $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), words $WORDS, wrk -d$DURATION, redis-benchmark -n $REDIS_N (batches: /100)"
printf '| fsync | clients | words per request | Sieve req/s | Sieve p99 ms | Sieve max ms | Redis req/s | Redis p99 ms |\n'
printf '|---|---|---|---|---|---|---|---|\n'
for r in "${rows[@]}"; do IFS='|' read -r p c b srps sp99 smax rrps rp99 <<<"$r"; printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$p" "$c" "$b" "$srps" "$sp99" "$smax" "$rrps" "$rp99"; done
