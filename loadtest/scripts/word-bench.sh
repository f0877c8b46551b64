#!/usr/bin/env bash
# Reruns every table of docs/BENCHMARKS.md and writes the raw outputs to docs/bench-results/.
# Not part of CI. From the repository root:
#   bash loadtest/scripts/word-bench.sh            # all: sizes, JMH (~10 min), seed table
#   bash loadtest/scripts/word-bench.sh sizes      # or: jmh, seeds, collect (not in "all": ~10 min,
#                                                  #  and a 370 MB generated list in /tmp/sieve-bench),
#                                                  #  fuzzy (not in "all": FuzzyBench, ~15 min)
# The load average is logged before and after each part: on a shared machine, compare it
# before trusting the timings (docs/BENCHMARKS.md says what it was for the reported runs).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=docs/bench-results
mkdir -p "$out"
jar=loadtest/target/benchmarks.jar
[ -f "$jar" ] || mvn -B -q -DskipTests package -pl loadtest -am
jol=(-Djdk.attach.allowAttachSelf=true -XX:+IgnoreUnrecognizedVMOptions -XX:+EnableDynamicAgentLoading)
parts=("$@"); [ ${#parts[@]} -gt 0 ] || parts=(sizes jmh seeds)
for part in "${parts[@]}"; do
  echo "== $part: $(date -u +%FT%TZ), load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.log"
  case "$part" in
    sizes) java "${jol[@]}" -cp "$jar" dev.sieve.bench.SizeReport > "$out/sizereport.md" ;;
    jmh)   java -jar "$jar" WordSetBench -rf json -rff "$out/wordsetbench.json" > "$out/wordsetbench.txt" ;;
    seeds) java -Xmx6g "${jol[@]}" -cp "$jar" dev.sieve.bench.SeedTable > "$out/seedtable.md" ;;
    fuzzy) java -jar "$jar" FuzzyBench -rf json -rff "$out/fuzzybench.json" > "$out/fuzzybench.txt" ;;
    collect)
      # the input side of a word load (issue 11): unsorted usernames, in memory and spilling
      for n in 1000000 20000000; do
        for mem in 1024 16; do
          for mode in sort build; do
            java -Xmx4g -cp "$jar" dev.sieve.bench.CollectBench "$n" "$mem" "$mode" >> "$out/collectbench.md"
          done
        done
      done ;;
    *) echo "unknown part $part (sizes, jmh, seeds, collect, fuzzy)" >&2; exit 2 ;;
  esac
  echo "   done: $(date -u +%FT%TZ), load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.log"
done
