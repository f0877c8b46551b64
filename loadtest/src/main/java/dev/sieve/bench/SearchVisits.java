package dev.sieve.bench;

import dev.sieve.words.CodePointAutomaton;
import dev.sieve.words.Levenshtein;
import dev.sieve.words.WordDelta;
import dev.sieve.words.WordSearch;
import dev.sieve.words.WordSetBuilder;
import dev.sieve.words.Wildcard;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * What a search costs, query by query, on a real list (the figures of {@link WordSearch}'s budget):
 * the count, the trie nodes entered, and the CPU time of the thread (median of 20 runs after 20
 * warm-ups, so a loaded machine's waiting is left out). Plain main:
 * {@code java -cp loadtest/target/benchmarks.jar dev.sieve.bench.SearchVisits [list]}.
 */
public final class SearchVisits {
  private SearchVisits() {}

  public static void main(String[] args) {
    WordList words = WordList.load(args.length > 0 ? args[0] : "american-insane");
    WordSetBuilder b = new WordSetBuilder();
    for (byte[] w : words.sortedUtf8) {
      b.add(w, 0, w.length);
    }
    WordDelta set = WordDelta.of(b.build());
    System.out.println("| query | count | nodes entered | CPU µs (median) |");
    System.out.println("|---|---|---|---|");
    for (String q : new String[] {"a", "wrod", "speling", "internationl"}) {
      for (int prefix : new int[] {0, 2}) {
        report(set, "fuzzy " + q + " d=2 transpositions" + (prefix > 0 ? " prefix=2" : ""),
            Levenshtein.of(q, 2, true, prefix));
      }
      report(set, "fuzzy " + q + " d=1 transpositions", Levenshtein.of(q, 1, true, 0));
    }
    for (String p : new String[] {"*", "c?t*", "*ing", "*a*e*i*o*u*", "*a??????", "*[aeiou][aeiou][aeiou]*"}) {
      report(set, "match " + p, Wildcard.parse(p));
    }
  }

  private static void report(WordDelta set, String what, CodePointAutomaton a) {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long[] times = new long[20];
    WordSearch.Page page = null;
    for (int i = 0; i < 40; i++) {
      long t0 = cpu.getCurrentThreadCpuTime();
      page = WordSearch.search(set, a, null, 10, Long.MAX_VALUE);
      long t1 = cpu.getCurrentThreadCpuTime();
      if (i >= 20) {
        times[i - 20] = t1 - t0;
      }
    }
    java.util.Arrays.sort(times);
    System.out.printf("| %s | %,d | %,d | %,d |%n", what, page.count(), page.visits(), times[10] / 1000);
  }
}
