package dev.sieve.bench;

import dev.sieve.words.WordSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One Markdown row per word list: the trie's bytes ({@code WordSet.byteSize()}, exact) and
 * build time from sorted UTF-8, beside Lucene FST's ({@code ramBytesUsed()}) built from the same
 * array; then the trie's bytes by role. Build times are the best of {@code -Dsieve.builds=3}
 * builds (the first warms the JIT), reading and sorting the list excluded. The marisa-trie peer
 * runs outside the JVM on the same lists ({@code loadtest/scripts/marisa-size.py}); the script
 * {@code loadtest/scripts/trie-sizes.sh} runs both in one go. With {@code -Dsieve.lookups=true},
 * rough in-process lookup timings follow (see {@link #lookups}).
 *
 * <pre>
 * java -Xmx3g -cp loadtest/target/benchmarks.jar dev.sieve.bench.ListSizes \
 *     french american-insane file:/tmp/lists/pkgnames.txt usernames:1000000
 * </pre>
 */
public final class ListSizes {
  private ListSizes() {}

  public static void main(String[] args) {
    int builds = Integer.getInteger("sieve.builds", 3);
    List<String> names = args.length == 0 ? List.of("french", "american-insane") : List.of(args);
    System.out.println("| list | words | text bytes | trie bytes | B/word | trie build ms | words/s | FST bytes | FST build ms |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    StringBuilder roles = new StringBuilder();
    StringBuilder lookups = new StringBuilder();
    for (String name : names) {
      WordList list = WordList.load(name);
      WordSet trie = null;
      long trieNs = Long.MAX_VALUE;
      for (int i = 0; i < builds; i++) {
        long t0 = System.nanoTime();
        trie = Contender.buildTrie(list.sortedUtf8);
        trieNs = Math.min(trieNs, System.nanoTime() - t0);
      }
      FstWordSet fst = null;
      long fstNs = Long.MAX_VALUE;
      for (int i = 0; i < builds; i++) {
        long t0 = System.nanoTime();
        fst = FstWordSet.build(list.sortedUtf8);
        fstNs = Math.min(fstNs, System.nanoTime() - t0);
      }
      int n = list.size();
      System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %,d | %.2f | %,.0f | %,.0f | %,d | %,.0f |%n",
          list.name, n, list.fileBytes, trie.byteSize(), (double) trie.byteSize() / n, trieNs / 1e6,
          n / (trieNs / 1e9), fst.ramBytesUsed(), fstNs / 1e6);
      roles.append("| ").append(list.name);
      for (Map.Entry<String, Long> e : trie.bytesByRole().entrySet()) {
        roles.append(String.format(Locale.ROOT, " | %s %,d", e.getKey(), e.getValue()));
      }
      for (Map.Entry<String, Long> e : trie.shape().entrySet()) {
        roles.append(String.format(Locale.ROOT, " | %s %,d", e.getKey(), e.getValue()));
      }
      roles.append(" |\n");
      if (Boolean.getBoolean("sieve.lookups")) {
        lookups.append(lookups(list, trie, fst));
      }
    }
    System.out.println();
    System.out.print(roles);
    if (lookups.length() > 0) {
      System.out.println();
      System.out.println("| list | trie contains member ns | HashSet member ns | trie near-miss ns | HashSet near-miss ns"
          + " | trie list 100 µs | FST list 100 µs |");
      System.out.println("|---|---:|---:|---:|---:|---:|---:|");
      System.out.print(lookups);
    }
  }

  /**
   * Rough lookup timings, in-process: the contenders take turns for {@code ROUNDS} rounds over the
   * same queries and the median round is reported, so a change of machine load hits both alike
   * (JMH's {@code WordSetBench} is the careful measurement; this covers lists it does not).
   * The trie gets pre-encoded UTF-8 (the service's path), HashSet fresh String copies (no cached
   * hash) made before each round.
   */
  private static String lookups(WordList list, WordSet trie, FstWordSet fst) {
    final int rounds = 11;
    String[] members = Queries.members(list, 1 << 14);
    String[] misses = Queries.nonMembers(list, 1 << 14);
    String[] prefixes = Queries.prefixes(list, 256);
    java.util.HashSet<String> hash = new java.util.HashSet<>(java.util.Arrays.asList(list.sorted));
    long[][] t = new long[6][rounds];
    String[][] sets = {members, misses};
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < 2; k++) {
        String[] q = sets[k];
        byte[][] u = new byte[q.length][];
        String[] fresh = new String[q.length];
        for (int i = 0; i < q.length; i++) {
          u[i] = Queries.utf8(q[i]);
          fresh[i] = Queries.fresh(q[i]);
        }
        int hits = 0;
        long t0 = System.nanoTime();
        for (byte[] w : u) {
          hits += trie.contains(w, 0, w.length) ? 1 : 0;
        }
        long t1 = System.nanoTime();
        for (String w : fresh) {
          hits -= hash.contains(w) ? 1 : 0;
        }
        long t2 = System.nanoTime();
        if (hits != 0) {
          throw new IllegalStateException("trie and HashSet disagree");
        }
        t[2 * k][r] = (t1 - t0) / q.length;
        t[2 * k + 1][r] = (t2 - t1) / q.length;
      }
      long t0 = System.nanoTime();
      for (String p : prefixes) {
        if (trie.list(p, null, Queries.LISTED).size() != Queries.LISTED) {
          throw new IllegalStateException("short listing");
        }
      }
      long t1 = System.nanoTime();
      for (String p : prefixes) {
        if (fst.list(p, Queries.LISTED).size() != Queries.LISTED) {
          throw new IllegalStateException("short FST listing");
        }
      }
      long t2 = System.nanoTime();
      t[4][r] = (t1 - t0) / prefixes.length;
      t[5][r] = (t2 - t1) / prefixes.length;
    }
    long[] m = new long[6];
    for (int i = 0; i < 6; i++) {
      java.util.Arrays.sort(t[i]);
      m[i] = t[i][rounds / 2];
    }
    return String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d | %.1f | %.1f |%n",
        list.name, m[0], m[1], m[2], m[3], m[4] / 1e3, m[5] / 1e3);
  }
}
