package dev.sieve.bench;

import dev.sieve.words.WordSet;
import dev.sieve.words.WordSetBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One {@link WordSetBuilder} fed a sorted word list line by line (issue 11's parts): no collector,
 * so the heap is the finished parts' tries plus the part being built. Prints the parts, the bytes,
 * the time interning and encoding, and the heap in use after a full GC once built. Run under
 * shrinking {@code -Xmx} values ({@code loadtest/scripts/part-peak.sh}), the smallest heap that
 * builds, less the tries, is what one part's build needs ({@code WordSetBuilder.PART_BUILD_BYTES}).
 *
 * <pre>
 * LC_ALL=C sort -u usernames-20000000-seed20261201.txt &gt; sorted.txt
 * java -Xmx2g -cp loadtest/target/benchmarks.jar dev.sieve.bench.PartBuild sorted.txt
 * java -Dsieve.words.partBytes=67108864 -cp ... dev.sieve.bench.PartBuild sorted.txt
 * </pre>
 */
public final class PartBuild {
  private PartBuild() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: PartBuild SORTED_LIST   (one word per line, LC_ALL=C sort -u order)");
      System.exit(2);
    }
    WordSetBuilder builder = new WordSetBuilder();
    long t0 = System.nanoTime();
    try (BufferedReader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        builder.add(line);
      }
    }
    WordSet set = builder.build();
    double seconds = (System.nanoTime() - t0) / 1e9;
    double encode = builder.encodeNanos() / 1e9;
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.printf("built %d words in %d parts, %d bytes, part budget %d bytes%n",
        set.size(), set.partCount(), set.byteSize(), WordSetBuilder.PART_BYTES);
    System.out.printf("reading and building %.1f s, of which encoding %.1f s (%.0f %%); %.2f M words/s%n",
        seconds, encode, 100 * encode / seconds, set.size() / seconds / 1e6);
    System.out.printf("heap in use after a full GC, the set held: %d bytes%n", heap);
  }
}
