#!/usr/bin/env bash
# The cluster's costs on one machine (issue 15), in one run: three nodes in three JVMs on
# 127.0.0.1 (--replicas 2) beside one plain node, the same word list loaded in both:
#   1. single-word lookups (GET contains, wrk) through a node that owns the word's shard, through
#      one that does not (the routing cost: one event-bus hop), and on the plain node;
#   2. prefix pages of 100 words that cross a shard boundary (merged from two shards), same three;
#   3. single-word adds (POST add, JSON, a random new word each: update-add.lua) through a cluster
#      node (each part to its shard's primary, journaled and applied on both copies before the
#      answer) and on the plain node (journaled there), both with --fsync always;
#   4. failover: kill -9 of the primary of a shard; from a live node, a read of a word of that
#      shard timed from the kill to the first right answer, then an add of a new word of it timed
#      from the kill to its acknowledgement (the new primary's takeover wait included).
# Not part of CI (ClusterTest is the short version). From the repository root:
#   bash loadtest/scripts/cluster-bench.sh            # DURATION=10s WARMUP=30s CONNECTIONS=16
#   FAILOVER_ONLY=1 bash loadtest/scripts/cluster-bench.sh   # rows 1-3 left out
# Needs wrk, jq, curl (apt-get installs wrk and jq if missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
WARMUP=${WARMUP:-30s}
WORDS=${WORDS:-/usr/share/dict/american-english-insane}
[ -f "$WORDS" ] || WORDS=/usr/share/dict/american-english
HEAP=${HEAP:--Xmx1g}
JAR=${JAR:-service/target/sieve.jar}   # another build's jar, for an A/B
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v jq >/dev/null || need+=(jq)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; fi
[ -f "$JAR" ] || mvn -B -q -DskipTests package

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_ready() { for _ in $(seq 1 1200); do curl -sf "http://127.0.0.1:$1/ready" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "sieve on port $1 not ready" >&2; exit 1; }
urlencode() { jq -rn --arg s "$1" '$s|@uri'; }
# wrk's summary -> "req/s p99"; a run with non-2xx answers or socket errors does not count
wrk_run() { # url
  local out
  wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" "$1" > /dev/null # warm-up: the JIT of every node on the path
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$1")
  if grep -q "Non-2xx\|Socket errors" <<<"$out"; then echo "$out" >&2; echo "errors in a run: it does not count" >&2; exit 1; fi
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out") $(awk '$1 == "99%" {print $2}' <<<"$out")"
}

# the plain node
plain=$(free_port)
java -XX:+ExitOnOutOfMemoryError "$HEAP" -jar "$JAR" --port "$plain" --no-demo \
  --data-dir "$work/plain" > "$work/plain.log" 2>&1 & pids+=($!)
# the cluster
http=() hz=() cpids=()
for i in 0 1 2; do http+=("$(free_port)"); hz+=("$(free_port)"); done
members="127.0.0.1:${hz[0]},127.0.0.1:${hz[1]},127.0.0.1:${hz[2]}"
for i in 0 1 2; do
  java -XX:+ExitOnOutOfMemoryError "$HEAP" -jar "$JAR" --port "${http[$i]}" --no-demo \
    --data-dir "$work/node$i" --cluster --cluster-port "${hz[$i]}" --cluster-members "$members" \
    --cluster-name "bench-$$" --cluster-token bench-secret --replicas 2 > "$work/node$i.log" 2>&1 & cpids+=($!); pids+=($!)
done
for p in "$plain" "${http[@]}"; do wait_ready "$p"; done
for _ in $(seq 1 300); do
  [ "$(curl -sf "http://127.0.0.1:${http[0]}/v1/cluster" | jq '[.members[] | select(.alive)] | length')" = 3 ] && break; sleep 0.2
done

curl -sf -T "$WORDS" "http://127.0.0.1:$plain/v1/words/bench" > /dev/null
curl -sf -T "$WORDS" "http://127.0.0.1:${http[0]}/v1/words/bench" > /dev/null
state=$(curl -sf "http://127.0.0.1:${http[0]}/v1/cluster")
ids=()
for i in 0 1 2; do ids+=("$(curl -sf "http://127.0.0.1:${http[$i]}/v1/cluster" | jq -r .node)"); done
shards=$(jq '[.sets[] | select(.name == "bench") | .shards[]]' <<<"$state")
echo "shards: $(jq -c '[.[] | {index, count, owners: [.owners[] | .[0:8]]}]' <<<"$shards")"

# a word of shard 0 (the first word of the set) and the nodes that own or do not own shard 0
word=$(curl -sf "http://127.0.0.1:$plain/v1/words/bench/prefix?limit=1" | jq -r '.words[0]')
owner="" other=""
for i in 0 1 2; do
  if jq -e --arg id "${ids[$i]}" '.[0].owners | index($id)' <<<"$shards" > /dev/null; then owner=${owner:-$i}; else other=$i; fi
done
[ -n "$owner" ] && [ -n "$other" ] || { echo "cannot tell an owner from a non-owner of shard 0" >&2; exit 1; }
q=$(urlencode "$word")
# a prefix page that crosses from shard 0 into shard 1: start 50 words before shard 1's first word
boundary=$(jq -r '.[1].from' <<<"$shards")
after=$(curl -sf "http://127.0.0.1:$plain/v1/words/bench/prefix?limit=1000&prefix=" | jq -r --arg b "$boundary" \
  '[.words[] | select(. < $b)] | .[-50] // empty')
[ -n "$after" ] || after=$(curl -sf "http://127.0.0.1:$plain/v1/words/bench/prefix?limit=1" | jq -r '.words[0]')
pa=$(urlencode "$after")

rows=() adds=()
[ -n "${FAILOVER_ONLY:-}" ] || for target in "plain:$plain" "owner:${http[$owner]}" "non-owner:${http[$other]}"; do
  name=${target%%:*} port=${target#*:}
  read -r rps p99 <<<"$(wrk_run "http://127.0.0.1:$port/v1/words/bench/contains?word=$q")"
  read -r prps pp99 <<<"$(wrk_run "http://127.0.0.1:$port/v1/words/bench/prefix?limit=100&after=$pa")"
  rows+=("| $name | $rps | $p99 | $prps | $pp99 |")
done

# adds: a random new word per request, through cluster node 0 and on the plain node
add_run() { # port
  wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s loadtest/scripts/update-add.lua "http://127.0.0.1:$1" > /dev/null
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s loadtest/scripts/update-add.lua "http://127.0.0.1:$1" \
    | awk '/^RESULT/ {print $2, $3, $5}'
}
[ -n "${FAILOVER_ONLY:-}" ] || for target in "plain:$plain" "cluster node 0:${http[0]}"; do
  name=${target%%:*} port=${target#*:}
  read -r rps p99 errors <<<"$(SET=bench add_run "$port")"
  adds+=("| $name | $rps | $p99 ms | $errors |")
done

# failover: kill -9 the primary of shard 0, then ask another node until the right answer, then add
victim="" asked=""
for i in 0 1 2; do
  if [ "$(jq -r '.[0].owners[0]' <<<"$shards")" = "${ids[$i]}" ]; then victim=$i; else asked=$i; fi
done
before=$(curl -sf "http://127.0.0.1:${http[$asked]}/v1/words/bench/contains?word=$q" | jq -r .present)
kill -9 "${cpids[$victim]}"
t0=$(date +%s%N)
tries=0
until [ "$(curl -s -m 10 "http://127.0.0.1:${http[$asked]}/v1/words/bench/contains?word=$q" | jq -r .present 2>/dev/null)" = "$before" ]; do
  tries=$((tries + 1)); sleep 0.01
done
t1=$(date +%s%N)
# a new word of shard 0 (after the first word, before shard 1's first), acknowledged through the asked node
fresh=$(jq -nc --arg w "${word}~failover" '{words: [$w]}')
added=0
until [ "$(curl -s -m 30 -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "$fresh" \
  "http://127.0.0.1:${http[$asked]}/v1/words/bench/add")" = 200 ]; do added=$((added + 1)); sleep 0.01; done
t2=$(date +%s%N)

echo
echo "cluster-bench: $(wc -l < "$WORDS") words ($WORDS), 3 nodes --replicas 2, wrk -t2 -c$CONNECTIONS -d$DURATION after $WARMUP of warm-up, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| node asked | contains req/s | contains p99 | prefix page (100, across shards) req/s | page p99 |"
echo "|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
echo "| adds (one new word each, JSON) | req/s | p99 | errors |"
echo "|---|---|---|---|"
printf '%s\n' "${adds[@]}"
echo
echo "failover: a read of a shard of the killed node answered right $(( (t1 - t0) / 1000000 )) ms after kill -9 ($tries failed or slow tries before)"
echo "failover: an add to that shard (the killed node was its primary) acknowledged $(( (t2 - t0) / 1000000 )) ms after kill -9 ($added refused tries before)"
