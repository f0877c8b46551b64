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
 * {@code loadtest/scripts/trie-sizes.sh} runs both in one go.
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
    }
    System.out.println();
    System.out.print(roles);
  }
}
