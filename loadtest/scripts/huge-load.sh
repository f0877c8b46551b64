#!/usr/bin/env bash
# Issue 11: an upload of N username-like lines (default 120 M: unsorted, one line in ten a
# duplicate; CollectUsernames, seed 20261201) into a server started with -Xmx$XMX (default 4g),
# streamed with curl. Prints the answer, the set's figures, the server's peak RSS (VmHWM) and
# heap, single-lookup latency on another set during the load (wrk, one connection, if wrk is
# installed), and the restart: time to /ready and RSS with the set mapped in place.
#
#   mvn -B -o -q package -DskipTests
#   N=120000000 XMX=4g bash loadtest/scripts/huge-load.sh        # about 20 minutes (14 for the load), 2.2 GB list in $DIR
#   N=20000000 bash loadtest/scripts/huge-load.sh                # the 20 M row
#
# Env: N, XMX, DIR (list and data, default /tmp/sieve-bench), PORT (default 18080), EXTRA (more
# server flags, e.g. "--load-memory 1g"), JAVA_OPTS (more JVM flags, e.g.
# "-Dsieve.words.encodeAhead=false", or "-XX:+SafepointTimeout -XX:SafepointTimeoutDelay=40
# -Xlog:safepoint:file=/tmp/sp-%p.log": one log per JVM, and the threads slow to reach a
# safepoint named in the server's log), WRK=0 (no reads during the load: the build alone), JAR
# (the server jar, default service/target/sieve.jar: an A/B against an older build), BENCH (the
# benchmarks jar that writes the list). Logs: $DIR/huge-data-$N.load.log and .restart.log.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-120000000}
XMX=${XMX:-4g}
DIR=${DIR:-/tmp/sieve-bench}
PORT=${PORT:-18080}
EXTRA=${EXTRA:-}
JAVA_OPTS=${JAVA_OPTS:-}
JAR=${JAR:-service/target/sieve.jar}
BENCH=${BENCH:-loadtest/target/benchmarks.jar}
data="$DIR/huge-data-$N"
url="http://127.0.0.1:$PORT"

echo "# huge-load: N=$N XMX=$XMX EXTRA='$EXTRA' JAVA_OPTS='$JAVA_OPTS' $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)"
list=$(java -cp "$BENCH" dev.sieve.bench.CollectUsernames "$N" "$DIR")
echo "list: $list, $(stat -c %s "$list") bytes, $(wc -l < "$list") lines"

rm -rf "$data"
start() { # $1: the log's name, $data.$1.log (the load's and the restart's apart)
  log="$data.$1.log"
  java -Xmx"$XMX" -XX:+ExitOnOutOfMemoryError $JAVA_OPTS -jar "$JAR" --port "$PORT" --data-dir "$data" --no-demo $EXTRA \
    > "$log" 2>&1 &
  pid=$!
  local t0=$(date +%s.%N)
  until curl -sf "$url/ready" > /dev/null; do
    kill -0 "$pid" 2> /dev/null || { echo "server died:"; tail -20 "$log"; exit 1; }
    sleep 0.1
  done
  echo "ready after $(echo "$(date +%s.%N) - $t0" | bc) s"
}
rss() { awk '/VmRSS|VmHWM|RssAnon|RssFile/ {printf "%s %.0f MB  ", $1, $2/1024}' "/proc/$pid/status"; echo; }
mkdir -p "$data"
start load
# the probe set for reads during the load
curl -sS -T /usr/share/dict/american-english-insane "$url/v1/words/probe" > /dev/null
awk -v q="'" 'index($0, q) == 0 && n++ < 100000' /usr/share/dict/american-english-insane > "$DIR/probe-words.txt"

# peak RSS sampled every 0.5 s during the load (VmHWM also gives it at the end)
( peak=0; while kill -0 "$pid" 2> /dev/null; do
    r=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2> /dev/null || echo 0)
    [ "${r:-0}" -gt "$peak" ] && peak=$r && echo "$peak" > "$data.peak"
    sleep 0.5
  done ) &
sampler=$!

if [ "${WRK:-1}" != 0 ] && command -v wrk > /dev/null; then
  echo "reads on 'probe', idle (wrk, 1 connection, 20 s):"
  WORDS="$DIR/probe-words.txt" SET=probe wrk -t1 -c1 -d20s --latency -s loadtest/scripts/contains-get.lua "$url" \
    | grep -E '^ +(50|90|99)%|Requests/sec|Latency  '
  (WORDS="$DIR/probe-words.txt" SET=probe wrk -t1 -c1 -d3600s --latency -s loadtest/scripts/contains-get.lua "$url" \
    > "$data.wrk" 2>&1) &
  wrkpid=$!
fi

t0=$(date +%s.%N)
code=$(curl -sS -o "$data.answer" -w '%{http_code}' -T "$list" "$url/v1/words/huge" || true)
t1=$(date +%s.%N)
if [ -n "${wrkpid:-}" ]; then kill -INT "$wrkpid" 2> /dev/null || true; wait "$wrkpid" 2> /dev/null || true; fi
echo "upload: HTTP $code in $(echo "$t1 - $t0" | bc) s: $(cat "$data.answer")"
echo "server: $(rss)sampled peak RSS $(( $(cat "$data.peak") / 1024 )) MB"
curl -sS "$url/v1/words/huge" | head -c 2000; echo
curl -sS "$url/v1/memory/words/huge" | head -c 3000; echo
first=$(head -1 "$list")
echo "contains '$first': $(curl -sS "$url/v1/words/huge/contains?word=$first")"
echo "contains 'zzzz-not-a-name': $(curl -sS "$url/v1/words/huge/contains?word=zzzz-not-a-name")"
if [ -f "$data.wrk" ]; then
  echo "reads on 'probe' during the load (wrk, 1 connection):"
  grep -E '^ +(50|90|99)%|Requests/sec|Latency  ' "$data.wrk"
fi

heap=$(curl -sS "$url/metrics" | grep -E '^jvm_memory_used_bytes\{.*area="heap"' | awk '{s += $NF} END {printf "%.0f MB", s / 1048576}')
echo "heap in use after the load: $heap"
kill "$pid"; wait "$pid" 2> /dev/null || true
kill "$sampler" 2> /dev/null || true
echo "restart:"
start restart
echo "after restart: $(rss)"
curl -sS "$url/v1/words/huge" | head -c 600; echo
echo "contains '$first' after restart: $(curl -sS "$url/v1/words/huge/contains?word=$first")"
kill "$pid"; wait "$pid" 2> /dev/null || true
echo "data dir: $(du -sh "$data" | cut -f1); tmp left: $(ls "$data/tmp" 2> /dev/null | wc -l) files"
