/**
 * Benchmarks and size reports for Sieve's structures, beside the peers they are judged against.
 *
 * <p>{@link dev.sieve.bench.WordSetBench} (JMH) times {@code contains} (members and non-members
 * apart), prefix listing and building for the interned trie, {@code HashSet<String>},
 * {@code TreeSet<String>} and Lucene's FST; {@link dev.sieve.bench.SizeReport} and
 * {@link dev.sieve.bench.SeedTable} are plain mains that print Markdown tables of sizes. All
 * inputs are real word lists read from {@code /usr/share/dict} ({@link dev.sieve.bench.WordList})
 * and random choices use fixed seeds, so every figure in {@code docs/BENCHMARKS.md} can be rerun:
 *
 * <pre>
 * mvn -B -o package -pl loadtest -am -DskipTests
 * java -jar loadtest/target/benchmarks.jar WordSetBench -f 1 -wi 3 -w 1s -i 5 -r 1s
 * java -Djdk.attach.allowAttachSelf=true -cp loadtest/target/benchmarks.jar dev.sieve.bench.SizeReport
 * </pre>
 *
 * <p>Nothing here runs in the normal build: the module is compiled and packaged, never executed.
 */
package dev.sieve.bench;
