package dev.sieve.bench;

import dev.sieve.words.WordSet;
import dev.sieve.words.WordSetCollector;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.SplittableRandom;

/**
 * How much heap building a word set from unsorted input needs beyond the collected words: the
 * figure behind {@code WordSetCollector}'s build estimate (the load memory budget).
 *
 * <p>Fills a collector with {@code MB} megabytes of random lowercase words (4 to 16 letters,
 * seed 42: the worst case, almost no shared suffixes), prints the heap in use after a full GC
 * (the collector and the JVM's own), then builds. Run it under shrinking {@code -Xmx} values: the
 * smallest heap in which it prints {@code built} less the heap in use before the build is what
 * the build needs. {@code loadtest/scripts/build-peak.sh} does the bisection.
 *
 * <p>Given a file instead of a size, it reads that word list (one word per line).
 *
 * <pre>
 * java -Xmx400m -cp loadtest/target/classes:service/target/classes dev.sieve.bench.BuildPeak 32
 * </pre>
 */
public final class BuildPeak {
  private BuildPeak() {}

  public static void main(String[] args) throws java.io.IOException {
    WordSetCollector collector = new WordSetCollector();
    if (!args[0].matches("\\d+")) {
      // a word list instead: real lists share suffixes, and their build needs less
      long input = 0;
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(args[0]))) {
        collector.add(line);
        input += line.length() + 1;
      }
      report(collector, input);
      return;
    }
    long target = Long.parseLong(args[0]) << 20;
    SplittableRandom random = new SplittableRandom(42);
    byte[] word = new byte[16];
    long input = 0;
    while (input < target) {
      int length = 4 + random.nextInt(13);
      for (int i = 0; i < length; i++) {
        word[i] = (byte) ('a' + random.nextInt(26));
      }
      collector.add(word, 0, length);
      input += length + 1;
    }
    report(collector, input);
  }

  private static void report(WordSetCollector collector, long input) {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long before = memory.getHeapMemoryUsage().getUsed();
    System.out.printf("input %d bytes, %d words, collector arrays %d bytes, heap used before build %d%n",
        input, collector.size(), collector.byteSize(), before);
    WordSet set = collector.build();
    System.out.printf("built %d words, trie %d bytes%n", set.size(), set.byteSize());
  }
}
