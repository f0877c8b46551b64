#!/usr/bin/env bash
# Smallest -Xmx (MiB, to 16 MiB) in which PartBuild builds a sorted list (issue 11's parts): that
# heap less the finished tries (PartBuild prints their bytes) is what one part's build needs,
# the figure behind WordSetBuilder.PART_BUILD_BYTES.
#   mvn -B -q -o package -DskipTests
#   LC_ALL=C sort -u /tmp/sieve-bench/usernames-20000000-seed20261201.txt > /tmp/sieve-bench/u20m.sorted
#   bash loadtest/scripts/part-peak.sh /tmp/sieve-bench/u20m.sorted [LO_MIB HI_MIB] [JAVA_OPTS...]
set -eu
list="$1"; lo="${2:-256}"; hi="${3:-2048}"; shift $(( $# < 3 ? $# : 3 ))
jar=loadtest/target/benchmarks.jar
out=$(mktemp)
while [ $((hi - lo)) -gt 16 ]; do
  mid=$(((lo + hi) / 2))
  if java -Xmx${mid}m -XX:+ExitOnOutOfMemoryError "$@" -cp "$jar" dev.sieve.bench.PartBuild "$list" > "$out" 2>&1 \
      && grep -q '^built' "$out"; then
    hi=$mid; echo "-Xmx${mid}m: built"; sed 's/^/  /' "$out"
  else
    lo=$mid; echo "-Xmx${mid}m: out of memory"
  fi
done
rm -f "$out"
echo "smallest heap that builds $list: ${hi} MiB (within 16 MiB)"
