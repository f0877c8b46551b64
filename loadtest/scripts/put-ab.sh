#!/usr/bin/env bash
# A/B of whole-set loads between two server jars: PUT of one word list, four times per server
# start, the two jars alternating twice; prints jar label, count, bytes and the server's elapsedMs.
#   bash loadtest/scripts/put-ab.sh OLD.jar NEW.jar [LIST]   (LIST: default wamerican-insane, shuffled)
set -euo pipefail
old="$1"; new="$2"
list="${3:-}"
if [ -z "$list" ]; then
  list="$(mktemp)"
  shuf --random-source=<(yes) /usr/share/dict/american-english-insane > "$list"
fi
run() {
  local jar=$1 port=$2 label=$3 d pid
  d="$(mktemp -d)"
  java -XX:+ExitOnOutOfMemoryError -Xmx2g -jar "$jar" --port "$port" --data-dir "$d/data" --no-demo >"$d/log" 2>&1 &
  pid=$!
  for _ in $(seq 150); do curl -sf "localhost:$port/ready" >/dev/null && break; sleep 0.2; done
  for _ in 1 2 3 4; do
    curl -s -T "$list" "localhost:$port/v1/words/t" \
      | python3 -c "import json,sys; d=json.load(sys.stdin); print('$label', d['count'], d['bytes'], d['elapsedMs'])"
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true; rm -rf "$d"
}
for _ in 1 2; do run "$old" 18301 old; run "$new" 18302 new; done
