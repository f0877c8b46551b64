package dev.sieve.bench;

import dev.sieve.words.Levenshtein;
import dev.sieve.words.WordDelta;
import dev.sieve.words.WordSearch;
import dev.sieve.words.WordSet;
import dev.sieve.words.WordSetBuilder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.index.Terms;

/**
 * The trie's side of {@link FuzzyBench} on one thread's CPU clock: every query of the same pools
 * ({@link FuzzyBench#draw}, same seeds), the exact count plus a page of {@value FuzzyBench#PAGE},
 * timed one by one with {@code getCurrentThreadCpuTime} after {@code -Dwarmup} (default 3) passes
 * over the pool, so the time the thread spends waiting for a core on a loaded machine is left out
 * (its contention for caches is not). For quick before/after comparisons of the search code: run
 * the same class against two builds, in one script, alternating. Prints one line per case: p50,
 * p90, p99, max and mean µs, and a checksum of the counts (equal across builds, or a result changed).
 *
 * <p>With {@code lucene} among the contenders, Lucene's {@code FuzzyTermsEnum} over an in-memory
 * one-segment index of the same words ({@link FuzzyBench#index}) runs the same pools on the same
 * clock, right after the trie, each of its queries enumerating every term within the distance
 * (what an exact count needs), and every query's count is checked equal to the trie's: the side
 * by side of issue 14's "2x faster than Lucene" with one setup, where {@link FuzzyBench} would
 * build the list and the index once per JMH fork.
 *
 * <pre>
 *   java -cp loadtest/target/benchmarks.jar dev.sieve.bench.FuzzyCpu [list [distances [kinds [contenders]]]]
 *   e.g. ... FuzzyCpu american-insane 1,2 edit1,edit2,miss trie,lucene
 *   -Dmapped=true: search the set read in place from a snapshot file (the service's restored sets)
 * </pre>
 */
public final class FuzzyCpu {
  private FuzzyCpu() {}

  public static void main(String[] args) throws IOException {
    String list = args.length > 0 ? args[0] : "american-insane";
    String[] distances = (args.length > 1 ? args[1] : "1,2").split(",");
    String[] kinds = (args.length > 2 ? args[2] : "edit1,edit2,miss").split(",");
    List<String> contenders = List.of((args.length > 3 ? args[3] : "trie").split(","));
    int warmup = Integer.getInteger("warmup", 3);
    long t0 = System.nanoTime();
    WordList words = WordList.load(list);
    WordSetBuilder b = new WordSetBuilder();
    for (byte[] w : words.sortedUtf8) {
      b.add(w, 0, w.length);
    }
    WordSet built = b.build();
    if (Boolean.getBoolean("mapped")) {
      Path f = Files.createTempFile("fuzzycpu", ".trie");
      try (var out = Files.newOutputStream(f)) {
        built.writeTo(out);
      }
      try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
        ByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
        built = WordSet.readInPlace(map);
      }
      Files.delete(f);
    }
    WordDelta set = WordDelta.of(built);
    System.out.printf("# %s: %,d words, %,d trie bytes%s, ready in %.1f s; load %s%n", list, words.size(),
        built.byteSize(), built.isMapped() ? " (mapped)" : "", (System.nanoTime() - t0) / 1e9, load());
    Terms terms = null;
    if (contenders.contains("lucene")) {
      long t1 = System.nanoTime();
      terms = FuzzyBench.index(words);
      System.out.printf("# Lucene index (one segment, in memory): %,d terms, ready in %.1f s; load %s%n",
          terms.size(), (System.nanoTime() - t1) / 1e9, load());
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    System.out.println("| distance | queries | contender | p50 µs | p90 µs | p99 µs | max µs | mean µs | checksum |");
    System.out.println("|---|---|---|---:|---:|---:|---:|---:|---|");
    for (String ds : distances) {
      int d = Integer.parseInt(ds);
      for (String kind : kinds) {
        String[] pool = FuzzyBench.draw(words, kind);
        Levenshtein[] autos = new Levenshtein[pool.length];
        for (int i = 0; i < pool.length; i++) {
          autos[i] = Levenshtein.of(pool[i], d, true, 0);
        }
        long[] counts = new long[pool.length];
        for (int w = 0; w < warmup; w++) {
          for (Levenshtein a : autos) {
            WordSearch.search(set, a, null, FuzzyBench.PAGE, WordSearch.DEFAULT_BUDGET);
          }
        }
        long[] ns = new long[pool.length];
        long check = 0;
        for (int i = 0; i < pool.length; i++) {
          long a = cpu.getCurrentThreadCpuTime();
          WordSearch.Page p = WordSearch.search(set, autos[i], null, FuzzyBench.PAGE, WordSearch.DEFAULT_BUDGET);
          ns[i] = cpu.getCurrentThreadCpuTime() - a;
          counts[i] = p.count();
          check = check * 31 + p.count() * 7 + p.matches().hashCode();
        }
        row(d, kind, "trie", ns, check);
        if (terms != null) {
          for (int w = 0; w < warmup; w++) {
            for (String q : pool) {
              FuzzyBench.luceneCount(terms, q, d);
            }
          }
          long lcheck = 0;
          for (int i = 0; i < pool.length; i++) {
            long a = cpu.getCurrentThreadCpuTime();
            long n = FuzzyBench.luceneCount(terms, pool[i], d);
            ns[i] = cpu.getCurrentThreadCpuTime() - a;
            if (n != counts[i]) {
              throw new IllegalStateException("query '" + pool[i] + "' at distance " + d + ": trie " + counts[i]
                  + ", Lucene " + n);
            }
            lcheck = lcheck * 31 + n;
          }
          row(d, kind, "lucene", ns, lcheck);
        }
      }
    }
    System.out.println("# load " + load());
  }

  private static void row(int d, String kind, String contender, long[] ns, long check) {
    long[] sorted = ns.clone();
    long total = 0;
    for (long x : sorted) {
      total += x;
    }
    Arrays.sort(sorted);
    System.out.printf("| %d | %s | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %08x |%n", d, kind, contender, q(sorted, 0.5),
        q(sorted, 0.9), q(sorted, 0.99), sorted[sorted.length - 1] / 1e3, total / 1e3 / sorted.length,
        (int) (check ^ check >>> 32));
  }

  private static double q(long[] sorted, double p) {
    return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))] / 1e3;
  }

  static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }
}
