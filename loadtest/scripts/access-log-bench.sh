#!/usr/bin/env bash
# The access log's cost (README, "Request ids and logs"): single GET contains on the demo set, with
# and without --access-log, two rounds alternating, standard error to a file. Run from the repo root
# after `mvn -B -q -DskipTests package`; needs wrk and curl.
set -u
JAR=${JAR:-service/target/sieve.jar}
for round in 1 2; do
  for mode in off on; do
    flag=""; [ $mode = on ] && flag="--access-log"
    java -jar $JAR --port 18991 $flag > /tmp/alog-$mode.err 2>&1 &
    pid=$!
    for i in $(seq 1 60); do curl -sf localhost:18991/ready >/dev/null && break; sleep 0.5; done
    wrk -t2 -c32 -d3s 'http://127.0.0.1:18991/v1/words/en/contains?word=sieve' >/dev/null
    r=$(wrk -t2 -c32 -d8s 'http://127.0.0.1:18991/v1/words/en/contains?word=sieve' | grep -E "Requests/sec|Latency")
    echo "round $round access-log $mode: $(echo $r | tr -s ' ') load $(cut -d' ' -f1 /proc/loadavg) lines $(grep -c dev.sieve.access /tmp/alog-$mode.err)"
    kill $pid; wait $pid 2>/dev/null
  done
done
