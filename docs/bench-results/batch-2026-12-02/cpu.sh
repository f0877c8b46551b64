#!/usr/bin/env bash
# cpu.sh JAR LABEL: 1,000-word batches from one wrk client, fsync always, on wamerican-insane;
# 20 s warm, then 30 s measured: batches/s and the server's CPU by thread (from /proc, thread CPU clocks)
set -euo pipefail
JAR=$(realpath $1); L=$2
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
java -jar $JAR --port $port --no-demo --data-dir $work/d --fsync always > $work/log 2>&1 & spid=$!
for _ in $(seq 1 600); do curl -sf http://127.0.0.1:$port/ready >/dev/null 2>&1 && break; sleep 0.1; done
curl -sf -T /usr/share/dict/american-english-insane http://127.0.0.1:$port/v1/words/bench >/dev/null
SET=bench BATCH=1000 wrk -t1 -c1 -d20s -s /work/wt-batch/loadtest/scripts/update-add.lua http://127.0.0.1:$port >/dev/null
snap() { for t in /proc/$spid/task/*; do s=$(cat $t/stat 2>/dev/null) || continue; c=${s#*(}; c=${c%%)*}; r=${s##*) }; set -- $r; echo "${c// /_} $(( ${12} + ${13} ))"; done | awk '{n=$1; gsub(/[0-9]+$/,"#",n); a[n]+=$2} END{for(k in a) print k, a[k]}' | sort; }
snap > $work/c0
out=$(SET=bench BATCH=1000 wrk -t1 -c1 -d30s -s /work/wt-batch/loadtest/scripts/update-add.lua http://127.0.0.1:$port | grep RESULT)
snap > $work/c1
read -r _ rps p99 max errors reqs <<<"$out"
size=$(curl -s http://127.0.0.1:$port/v1/words/bench/stats | python3 -c 'import sys,json; print(json.load(sys.stdin).get("count"))' 2>/dev/null || echo ?)
folds=$(curl -s http://127.0.0.1:$port/v1/memory | python3 -c 'import sys,json; f=json.load(sys.stdin)["compactions"]["words"]["fold"]; print(f["count"], round(f["seconds"],1))')
echo "$L: $rps batches/s, p99 $p99 ms, $reqs batches in 30 s, errors $errors, set now $size words, folds since start (count, s): $folds, load $(cut -d' ' -f1-3 /proc/loadavg)"
join $work/c0 $work/c1 | awk -v r=$reqs '{d=($3-$2)*10; if (d>0) printf "   %-18s %7d ms CPU  %7.2f ms per batch\n", $1, d, d/r; t+=d} END{printf "   %-18s %7d ms CPU  %7.2f ms per batch\n", "total", t, t/r}'
kill $spid; wait $spid 2>/dev/null || true
rm -rf $work
