#!/usr/bin/env bash
# The lists of issue 11, and the trie beside Lucene FST and marisa-trie on each, in one run.
# Lists go to ${LISTS:-/tmp/sieve-lists} (never committed): wfrench, wamerican-insane, Debian
# package names, the paths of the installed packages' files, 1 M username-like strings.
#   bash loadtest/scripts/trie-sizes.sh
# BEFORE_JAR=path/to/an/older/benchmarks.jar adds the older trie's row per list (sizes and build),
# in the same run. LOOKUPS=true adds rough contains/listing timings (ListSizes -Dsieve.lookups).
set -euo pipefail
cd "$(dirname "$0")/../.."
lists=${LISTS:-/tmp/sieve-lists}
mkdir -p "$lists"
jar=loadtest/target/benchmarks.jar
[ -f "$jar" ] || mvn -B -q -DskipTests package -pl loadtest -am
[ -s "$lists/pkgnames.txt" ] || apt-cache pkgnames | LC_ALL=C sort -u > "$lists/pkgnames.txt"
[ -s "$lists/paths.txt" ] || dpkg-query -f '${Package}\n' -W | xargs dpkg -L 2>/dev/null | LC_ALL=C sort -u > "$lists/paths.txt"
[ -s "$lists/usernames-1m.txt" ] || java -cp "$jar" dev.sieve.bench.UsernameList 1000000 "$lists/usernames-1m.txt"
cp /usr/share/dict/french "$lists/french.txt"
cp /usr/share/dict/american-english-insane "$lists/american-insane.txt"
files=("$lists/french.txt" "$lists/american-insane.txt" "$lists/pkgnames.txt" "$lists/paths.txt" "$lists/usernames-1m.txt")
echo "date: $(date -u +%FT%TZ), load: $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
echo
if [ -n "${BEFORE_JAR:-}" ]; then
  echo "before ($BEFORE_JAR):"
  java -Xmx4g -cp "$BEFORE_JAR" dev.sieve.bench.ListSizes "${files[@]/#/file:}"
  echo
  echo "after ($jar):"
fi
java -Xmx4g -Dsieve.lookups="${LOOKUPS:-false}" -cp "$jar" dev.sieve.bench.ListSizes "${files[@]/#/file:}"
echo
/usr/bin/python3 loadtest/scripts/marisa-size.py "${files[@]}"
echo
echo "done: $(date -u +%FT%TZ), load: $(cut -d' ' -f1-3 /proc/loadavg)"
