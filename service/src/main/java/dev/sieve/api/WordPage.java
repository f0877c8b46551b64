package dev.sieve.api;

import dev.sieve.words.WordDelta;
import java.util.List;

/**
 * One page of the words with a prefix: how many words of the whole set have it, up to {@code limit}
 * of them in byte (code point) order strictly after a cursor, and the cursor of the next page
 * ({@code null} when this page holds the last word).
 */
public record WordPage(String prefix, long count, List<String> words, String next) {

  /**
   * The page of {@code set}'s words with {@code prefix} (null: every word) after {@code after}
   * (null: from the first), at most {@code limit} (1 .. {@link ApiLimits#MAX_PAGE}) long.
   */
  public static WordPage of(WordDelta set, String prefix, String after, int limit) {
    String p = prefix == null ? "" : prefix;
    // one more than asked: whether it comes back says if there is a next page
    List<String> words = set.list(p, after, limit + 1);
    String next = null;
    if (words.size() > limit) {
      words = words.subList(0, limit);
      next = words.get(limit - 1);
    }
    return new WordPage(p, set.count(p), List.copyOf(words), next);
  }

  /** The page made of {@code count} and {@code words}, up to {@code limit + 1} of them (one more says there is a next page). */
  public static WordPage of(String prefix, long count, List<String> words, int limit) {
    String next = null;
    if (words.size() > limit) {
      words = words.subList(0, limit);
      next = words.get(limit - 1);
    }
    return new WordPage(prefix, count, List.copyOf(words), next);
  }
}
