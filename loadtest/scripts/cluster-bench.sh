#!/usr/bin/env bash
# The cluster mode on one machine (issue 15): lookups/s and latency through a cluster node (each
# lookup routed over the event bus to a replica of its shard, about half of them on the node itself)
# against a single node serving the same set, a prefix page merged across two shards, and failover:
# the time from a kill -9 of one node to the first right answer on each of the two others.
# Not part of CI (ClusterTest is the short version). From the repository root:
#   bash loadtest/scripts/cluster-bench.sh          # DURATION=10s by default
# Needs wrk, curl, python3 and service/target/sieve.jar (built if missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-10s}
WORDS=${WORDS:-service/src/main/resources/demo/american-english.gz}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
[ -f service/target/sieve.jar ] || mvn -B -q -DskipTests package

wait_port() { for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$1$2" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "port $1 not ready" >&2; exit 1; }
members() { curl -s "http://127.0.0.1:$1/v1/cluster" | python3 -c 'import sys,json; print(sum(m["alive"] for m in json.load(sys.stdin)["members"]))'; }

echo "# $(date -u +%FT%TZ) load average: $(cut -d' ' -f1-3 /proc/loadavg)"
java -XX:+ExitOnOutOfMemoryError -jar service/target/sieve.jar --port 18590 --data-dir "$work/single" --no-demo > "$work/single.log" 2>&1 & pids+=($!)
all=127.0.0.1:18601,127.0.0.1:18602,127.0.0.1:18603
for i in 1 2 3; do
  java -XX:+ExitOnOutOfMemoryError -jar service/target/sieve.jar --port 1859$i --data-dir "$work/d$i" --no-demo --cluster \
    --cluster-port 1860$i --cluster-members "$all" --cluster-name bench > "$work/n$i.log" 2>&1 & pids+=($!)
done
wait_port 18590 /ready
for i in 1 2 3; do wait_port 1859$i /ready; done
for _ in $(seq 1 120); do [ "$(members 18593)" = 3 ] && break; sleep 0.5; done
zcat -f "$WORDS" | curl -sf -T - http://127.0.0.1:18590/v1/words/en > /dev/null
zcat -f "$WORDS" | curl -sf -T - http://127.0.0.1:18591/v1/words/en > /dev/null
curl -s http://127.0.0.1:18592/v1/cluster | python3 -c '
import sys, json
for s in json.load(sys.stdin)["sets"]:
    print("shards of", s["name"], [(sh["from"], sh["count"]) for sh in s["shards"]])'

echo "## GET contains?word=sieve, 2 threads, 16 connections, $DURATION"
for port in 18590 18592; do
  label=$([ $port = 18590 ] && echo "single node" || echo "cluster node")
  echo "### $label"
  wrk -t2 -c16 -d"$DURATION" --latency "http://127.0.0.1:$port/v1/words/en/contains?word=sieve" | grep -E "Requests/sec|50%|99%"
done
echo "## a prefix page merged across the boundary of two shards (limit 100)"
boundary=$(curl -s http://127.0.0.1:18592/v1/cluster | python3 -c 'import sys,json; print(json.load(sys.stdin)["sets"][0]["shards"][1]["from"][:2])')
for port in 18590 18592; do
  wrk -t2 -c16 -d"$DURATION" --latency "http://127.0.0.1:$port/v1/words/en/prefix?prefix=$boundary&limit=100" | grep -E "Requests/sec|99%"
done
echo "## failover: kill -9 of node 3, then the first right answer on nodes 1 and 2"
python3 - "${pids[3]}" <<'PY'
import json, os, signal, sys, time, urllib.request
def ask(port):
    body = json.dumps({"words": ["sieve", "zebra", "nonsuch-word", "aardvark"]}).encode()
    r = urllib.request.Request(f"http://127.0.0.1:{port}/v1/words/en/contains", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(r, timeout=15) as a:
        return json.load(a)["present"]
want = ask(18590)
t0 = time.time()
os.kill(int(sys.argv[1]), signal.SIGKILL)
for port in (18591, 18592):
    while True:
        try:
            if ask(port) == want:
                print(f"node on {port}: first right answer {time.time() - t0:.2f} s after the kill")
                break
        except Exception:
            time.sleep(0.05)
PY
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
