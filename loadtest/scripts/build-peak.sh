#!/usr/bin/env bash
# Smallest -Xmx (MiB, to 8 MiB) in which BuildPeak builds MB megabytes of random words: with the
# heap it had in use before the build, this is what a build needs beyond its collected words.
#   mvn -B -q -o -pl loadtest -am compile && bash loadtest/scripts/build-peak.sh 32
set -eu
mb="${1:-32}"
cp="loadtest/target/classes:service/target/classes"
lo=64 hi=2048
while [ $((hi - lo)) -gt 8 ]; do
  mid=$(((lo + hi) / 2))
  if java -Xmx${mid}m -XX:+ExitOnOutOfMemoryError -cp "$cp" dev.sieve.bench.BuildPeak "$mb" >/tmp/build-peak.$$ 2>&1 \
      && grep -q '^built' /tmp/build-peak.$$; then
    hi=$mid; echo "-Xmx${mid}m: built"; cat /tmp/build-peak.$$
  else
    lo=$mid; echo "-Xmx${mid}m: out of memory"
  fi
done
rm -f /tmp/build-peak.$$
echo "smallest heap that builds $mb MB of random words: ${hi} MiB"
