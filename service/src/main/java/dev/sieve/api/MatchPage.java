package dev.sieve.api;

import dev.sieve.cluster.Cluster;
import dev.sieve.words.WordDelta;
import dev.sieve.words.WordMatch;
import dev.sieve.words.WordSearch;
import dev.sieve.words.Wildcard;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of the words a wildcard pattern matches, as a page of a prefix: how many match in the
 * whole set, up to {@code limit} of them in byte (code point) order strictly after a cursor, and
 * the cursor of the next page ({@code null} when this page holds the last word).
 */
public record MatchPage(String pattern, long count, List<String> words, String next) {
  /**
   * The page of {@code set}'s words matching {@code pattern}; a malformed pattern is a {@code
   * MalformedPatternException} (an {@link IllegalArgumentException}) naming the position.
   */
  public static MatchPage of(WordDelta set, String pattern, String after, int limit) {
    WordSearch.Page page = WordSearch.search(set, Wildcard.parse(pattern), after, limit, WordSearch.DEFAULT_BUDGET);
    List<String> words = new ArrayList<>(page.matches().size());
    for (WordMatch m : page.matches()) {
      words.add(m.word());
    }
    String next = page.more() ? words.get(words.size() - 1) : null;
    return new MatchPage(pattern, page.count(), List.copyOf(words), next);
  }

  /** The page of a cluster set's words matching {@code pattern}, merged over its shards. */
  static MatchPage of(String pattern, Cluster.SearchPage page) {
    List<String> words = new ArrayList<>(page.matches().size());
    for (WordMatch m : page.matches()) {
      words.add(m.word());
    }
    String next = page.more() ? words.get(words.size() - 1) : null;
    return new MatchPage(pattern, page.count(), List.copyOf(words), next);
  }
}
