package dev.sieve.words;

import java.util.List;

/**
 * One query of a {@link QueryDfa} against a {@link WordSet}: a {@link TrieSearch} per part, in
 * byte order, sharing one budget of nodes entered. Counts add up over the parts; listing asks the
 * parts in order, so that the words at one distance come out in byte order (every word of a part
 * is below every word of the next). Not thread-safe: one per query.
 */
final class PartsSearch {
  private final TrieSearch[] parts;

  PartsSearch(WordSet set, QueryDfa dfa, long budget) {
    Trie[] tries = set.parts();
    long[] spent = new long[1];
    parts = new TrieSearch[tries.length];
    for (int i = 0; i < tries.length; i++) {
      parts[i] = new TrieSearch(tries[i], dfa, budget, spent);
    }
  }

  /** As {@link TrieSearch#keep}, for each part. */
  void keep(byte[] after, int afterDistance, int want) {
    for (TrieSearch s : parts) {
      s.keep(after, afterDistance, want);
    }
  }

  /** Words the automaton accepts, by distance, over all parts; a fresh array. */
  long[] counts() {
    long[] total = parts[0].counts();
    for (int i = 1; i < parts.length; i++) {
      long[] c = parts[i].counts();
      for (int k = 0; k < total.length; k++) {
        total[k] += c[k];
      }
    }
    return total;
  }

  /** As {@link TrieSearch#collect}, over the parts in order, until {@code out} holds {@code want} hits. */
  void collect(int distance, byte[] after, int want, List<TrieSearch.Hit> out) {
    for (int i = 0; i < parts.length && out.size() < want; i++) {
      parts[i].collect(distance, after, want, out);
    }
  }

  /** Nodes entered so far, over all parts. */
  long visits() {
    long n = 0;
    for (TrieSearch s : parts) {
      n += s.visits();
    }
    return n;
  }
}
