#!/usr/bin/env bash
# The cluster adds' tail (docs/CLUSTER.md, 2026-12-06): three nodes (--replicas 2, --fsync always, GC and
# safepoint logs in $WORK), wamerican-insane loaded through node 0, then wrk adds through node 0
# (WARMUP, then DURATION with --latency), and node 0's /metrics kept. From the repository root:
#   JAR=service/target/sieve.jar WARMUP=20s DURATION=40s bash loadtest/scripts/cluster-adds.sh
# MODE=reads: single-word contains through a node without a copy of the word's shard instead (the hop).
# JOIN=1: a fourth node is listed and started 5 s into the measured adds, so copies move onto it
#   while they run (each move holds its shard's updates: the stall docs/CLUSTER.md names); the run
#   prints the moves the nodes logged. Compare with the same command without JOIN (four listed, three started).
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=${JAR:-service/target/sieve.jar}
WORDS=/usr/share/dict/american-english-insane
work=${WORK:-/tmp/sieve-adds-run}
rm -rf "$work"; mkdir -p "$work"
pids=()
cleanup() { for p in "${pids[@]}" $(cat "$work"/pid? 2>/dev/null); do kill -9 "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_ready() { for _ in $(seq 1 1200); do curl -sf "http://127.0.0.1:$1/ready" >/dev/null 2>&1 && return 0; sleep 0.1; done; exit 1; }
http=() hz=()
for i in 0 1 2 3; do http+=("$(free_port)"); hz+=("$(free_port)"); done
members="127.0.0.1:${hz[0]},127.0.0.1:${hz[1]},127.0.0.1:${hz[2]}"
[ -z "${JOIN:-}" ] || members="$members,127.0.0.1:${hz[3]}"
start_node() { # i
  local i=$1
  java -XX:+ExitOnOutOfMemoryError -Xmx1g -Xlog:gc:file=$work/gc$i.log -Xlog:safepoint:file=$work/sp$i.log -jar "$JAR" --port "${http[$i]}" --no-demo \
    --data-dir "$work/node$i" --cluster --cluster-port "${hz[$i]}" --cluster-members "$members" \
    --cluster-name "diag-$$" --cluster-token s --replicas 2 > "$work/node$i.log" 2>&1 & pids+=($!)
  echo $! > "$work/pid$i"
}
for i in 0 1 2; do start_node $i; done
echo "${pids[@]}" > $work/pids
for p in "${http[@]:0:3}"; do wait_ready "$p"; done
for _ in $(seq 1 300); do
  [ "$(curl -sf "http://127.0.0.1:${http[0]}/v1/cluster" | jq '[.members[] | select(.alive)] | length')" = 3 ] && break; sleep 0.2
done
curl -sf -T "$WORDS" "http://127.0.0.1:${http[0]}/v1/words/bench" > /dev/null
echo "ports ${http[*]:0:3}" ; date -u +%T
if [ "${MODE:-adds}" = reads ]; then
  # single-word contains of shard 0's first word through a node holding no copy of shard 0
  state=$(curl -sf "http://127.0.0.1:${http[0]}/v1/cluster")
  shards=$(jq '[.sets[] | select(.name == "bench") | .shards[]]' <<<"$state")
  word=$(curl -sf "http://127.0.0.1:${http[0]}/v1/words/bench/prefix?limit=1" | jq -r '.words[0]')
  other=""
  for i in 0 1 2; do
    id=$(curl -sf "http://127.0.0.1:${http[$i]}/v1/cluster" | jq -r .node)
    jq -e --arg id "$id" '.[0].owners | index($id)' <<<"$shards" > /dev/null || other=$i
  done
  url="http://127.0.0.1:${http[$other]}/v1/words/bench/contains?word=$word"
  wrk -t2 -c16 -d"${WARMUP:-30s}" "$url" > /dev/null
  wrk -t2 -c16 -d"${DURATION:-15s}" --latency "$url"
  exit 0
fi
SET=bench wrk -t2 -c16 -d${WARMUP:-30s} -s loadtest/scripts/update-add.lua "http://127.0.0.1:${http[0]}" | tail -3
date -u +%T
if [ -n "${JOIN:-}" ]; then (sleep 5; date -u +"%T node 3 starts"; start_node 3; wait) & fi
SET=bench wrk -t2 -c16 -d${DURATION:-20s} --latency -s loadtest/scripts/update-add.lua "http://127.0.0.1:${http[0]}"
date -u +%T
if [ -n "${JOIN:-}" ]; then
  grep -h "moved\|copied onto" "$work"/node*.log | sed 's/^\([^ ]*\) .*dev.sieve.cluster.Cluster /\1 /' || true
  curl -sf "http://127.0.0.1:${http[0]}/v1/cluster" | jq -c '[.sets[].shards[] | .owners | map(.[0:8])]'
fi
curl -sf "http://127.0.0.1:${http[0]}/metrics" > $work/metrics0.txt || true
