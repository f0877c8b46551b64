#!/usr/bin/env bash
# A/B of main (c79e50a) and batch in one run: CPU by thread per 1,000-word batch, then update-bench.sh's batch rows
set -uo pipefail
cd /tmp/ab
echo "start $(date -u +%FT%TZ) $(uptime)"
./cpu.sh main/service/target/sieve.jar main
./cpu.sh batch/service/target/sieve.jar batch
for v in main batch; do
  echo "== update-bench $v  $(uptime)"
  (cd $v && CLIENTS="" BATCH_CLIENTS="1 16" bash loadtest/scripts/update-bench.sh)
done
echo "end $(date -u +%FT%TZ) $(uptime)"
