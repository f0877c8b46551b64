package dev.sieve.cluster;

import dev.sieve.words.CodePointAutomaton;
import dev.sieve.words.Levenshtein;
import dev.sieve.words.SearchBudgetException;
import dev.sieve.words.Wildcard;
import dev.sieve.words.WordDelta;
import dev.sieve.words.WordMatch;
import dev.sieve.words.WordSearch;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Fuzzy and wildcard lookups of a cluster set: each shard searches its own words as a single node
 * does ({@link WordSearch}, the same cursor: a word, resumed after {@code (distance(after),
 * after)}), and the asking node merges the shards' pages. Matches are ordered by distance, then by
 * code point (UTF-8 byte) order, so the merge of the shards' first {@code limit} matches after the
 * cursor holds the set's first {@code limit}: each shard's page is that shard's first matches in
 * the same order. Counts are summed (the shards hold disjoint words). Every shard searches with
 * the single node's node-visit budget, so a query over {@code n} shards may do up to {@code n}
 * times a single node's work; any shard over its budget fails the whole query, as on one node.
 */
final class ShardSearch {
  /** The event-bus operation of a fuzzy lookup on one shard. */
  static final String FUZZY = "fuzzy";
  /** The event-bus operation of a wildcard lookup on one shard. */
  static final String MATCH = "match";
  /** The failure code a shard over its search budget answers with; the message is the budget. */
  static final int OVER_BUDGET = 413;

  private static final Comparator<WordMatch> ORDER =
      Comparator.comparingInt(WordMatch::distance).thenComparing(WordMatch::word, Keys::compareWords);

  private ShardSearch() {}

  /** The query of a fuzzy lookup as the shards read it. */
  static JsonObject fuzzyQuery(String word, int distance, boolean transpositions, int prefix, String after, int limit) {
    return new JsonObject().put("word", word).put("distance", distance).put("transpositions", transpositions)
        .put("prefix", prefix).put("after", after).put("limit", limit);
  }

  /** The query of a wildcard lookup as the shards read it. */
  static JsonObject matchQuery(String pattern, String after, int limit) {
    return new JsonObject().put("pattern", pattern).put("after", after).put("limit", limit);
  }

  /** A shard's answer to {@code op} ({@link #FUZZY} or {@link #MATCH}) over its words {@code set} (CPU-heavy: a worker's). */
  static JsonObject answer(WordDelta set, String op, JsonObject q) {
    CodePointAutomaton automaton = op.equals(FUZZY)
        ? Levenshtein.of(q.getString("word"), q.getInteger("distance"), q.getBoolean("transpositions", false),
            q.getInteger("prefix", 0))
        : Wildcard.parse(q.getString("pattern"));
    WordSearch.Page page = WordSearch.search(set, automaton, q.getString("after"), q.getInteger("limit"),
        WordSearch.DEFAULT_BUDGET);
    JsonArray words = new JsonArray();
    JsonArray distances = new JsonArray();
    for (WordMatch m : page.matches()) {
      words.add(m.word());
      distances.add(m.distance());
    }
    return new JsonObject().put("count", page.count()).put("more", page.more()).put("words", words)
        .put("distances", distances);
  }

  /** A shard's answer, read back. */
  static Cluster.SearchPage page(JsonObject answer) {
    JsonArray words = answer.getJsonArray("words");
    JsonArray distances = answer.getJsonArray("distances");
    List<WordMatch> matches = new ArrayList<>(words.size());
    for (int i = 0; i < words.size(); i++) {
      matches.add(new WordMatch(words.getString(i), distances.getInteger(i)));
    }
    return new Cluster.SearchPage(answer.getLong("count"), matches, answer.getBoolean("more"));
  }

  /**
   * The set's page from its shards' pages (each up to {@code limit} matches after the same
   * cursor): the first {@code limit} of all their matches in order, the summed count, and whether
   * any match is left beyond them.
   */
  static Cluster.SearchPage merge(List<Cluster.SearchPage> shards, int limit) {
    long count = 0;
    boolean more = false;
    List<WordMatch> all = new ArrayList<>();
    for (Cluster.SearchPage p : shards) {
      count += p.count();
      more |= p.more();
      all.addAll(p.matches());
    }
    all.sort(ORDER);
    if (all.size() > limit) {
      more = true;
      all = all.subList(0, limit);
    }
    return new Cluster.SearchPage(count, List.copyOf(all), more);
  }

  /** The exception a shard's failure code stands for, if it is a search's ({@link #OVER_BUDGET}); else null. */
  static RuntimeException refusal(int code, String message) {
    if (code == OVER_BUDGET) {
      try {
        return new SearchBudgetException(Long.parseLong(message));
      } catch (NumberFormatException e) {
        return new SearchBudgetException(WordSearch.DEFAULT_BUDGET);
      }
    }
    return null;
  }
}
