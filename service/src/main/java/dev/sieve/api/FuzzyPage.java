package dev.sieve.api;

import dev.sieve.cluster.Cluster;
import dev.sieve.words.Levenshtein;
import dev.sieve.words.WordDelta;
import dev.sieve.words.WordMatch;
import dev.sieve.words.WordSearch;
import java.util.List;

/**
 * One page of the words within {@code distance} edits of {@code word}: how many there are in the
 * whole set, up to {@code limit} of them ordered by distance then byte (code point) order strictly
 * after a cursor, and the cursor of the next page ({@code null} when this page holds the last).
 */
public record FuzzyPage(String word, int distance, long count, List<WordMatch> matches, String next) {
  /** The page of {@code set}'s matches of {@code query} for {@code word}. */
  public static FuzzyPage of(WordDelta set, String word, FuzzyQuery query, String after, int limit) {
    Levenshtein automaton = Levenshtein.of(word, query.distance(), query.transpositions(), query.prefix());
    WordSearch.Page page = WordSearch.search(set, automaton, after, limit, WordSearch.DEFAULT_BUDGET);
    List<WordMatch> matches = page.matches();
    String next = page.more() ? matches.get(matches.size() - 1).word() : null;
    return new FuzzyPage(word, query.distance(), page.count(), List.copyOf(matches), next);
  }

  /** The page of a cluster set's matches for {@code word}, merged over its shards. */
  static FuzzyPage of(String word, FuzzyQuery query, Cluster.SearchPage page) {
    List<WordMatch> matches = page.matches();
    String next = page.more() ? matches.get(matches.size() - 1).word() : null;
    return new FuzzyPage(word, query.distance(), page.count(), matches, next);
  }
}
