#!/usr/bin/env bash
# Restart cost with pending journal updates (dev.sieve.bench.ReplayBench), in one JVM:
#   bash loadtest/scripts/replay-bench.sh [updates, default 1000000] [words file] [runs, default 3]
# Builds the loadtest module (and the service) first; passes the JVM flags Chronicle Map needs
# (the root pom's sieve.jvm.flags), as the tests do.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o -pl loadtest -am compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
FLAGS=$(sed -n 's:.*<sieve.jvm.flags>\(.*\)</sieve.jvm.flags>.*:\1:p' pom.xml)
# shellcheck disable=SC2086
exec java -Xmx2g $FLAGS -cp "loadtest/target/classes:service/target/classes:proto/target/classes:$(cat loadtest/target/classpath.txt)" \
  dev.sieve.bench.ReplayBench "$@"
