package dev.sieve.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sieve.words.Levenshtein;
import dev.sieve.words.SearchBudgetException;
import dev.sieve.words.Wildcard;
import dev.sieve.words.WordDelta;
import dev.sieve.words.WordMatch;
import dev.sieve.words.WordSearch;
import dev.sieve.words.WordSet;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A cluster set's fuzzy and wildcard pages, merged from its shards' pages ({@link ShardSearch},
 * each shard's answer through its JSON as over the event bus), against the same search over the
 * whole set on one node: the same count, the same matches in the same order, the same "more",
 * on every page of a walk that follows the cursors. Shards are cut at byte ranges of the sorted
 * words as a load cuts them, and each shard has pending updates of its own.
 */
class ShardSearchTest {

  private static final int[] CPS = "abcdeéz日😀".codePoints().toArray();

  private static String randomWord(Random rnd, int len) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < len; i++) {
      b.appendCodePoint(CPS[rnd.nextInt(CPS.length)]);
    }
    return b.toString();
  }

  private static final class Shards {
    final WordDelta whole;
    final List<WordDelta> shards = new ArrayList<>();

    Shards(Random rnd, int shardCount) {
      TreeSet<byte[]> sorted = new TreeSet<>(Arrays::compareUnsigned);
      for (int i = 0; i < 3000; i++) {
        sorted.add(randomWord(rnd, rnd.nextInt(7)).getBytes(StandardCharsets.UTF_8)); // the empty word too
      }
      List<String> words = new ArrayList<>();
      for (byte[] w : sorted) {
        words.add(new String(w, StandardCharsets.UTF_8));
      }
      // each shard's pending adds lie in its own range: the last word of the range, extended
      List<String> all = new ArrayList<>(words);
      int from = 0;
      for (int k = 0; k < shardCount; k++) {
        int to = k == shardCount - 1 ? words.size() : (k + 1) * words.size() / shardCount;
        List<String> base = words.subList(from, to);
        List<byte[]> adds = new ArrayList<>();
        List<byte[]> removes = new ArrayList<>();
        String last = base.get(base.size() - 1);
        for (int i = 0; i < 20; i++) {
          String added = last + randomWord(rnd, 1 + rnd.nextInt(2));
          if (k == shardCount - 1 || Keys.compareWords(added, words.get(to)) < 0) {
            adds.add(added.getBytes(StandardCharsets.UTF_8));
            all.add(added);
          }
          String removed = base.get(rnd.nextInt(base.size()));
          removes.add(removed.getBytes(StandardCharsets.UTF_8));
        }
        removes.removeIf(r -> adds.stream().anyMatch(a -> Arrays.equals(a, r)));
        for (byte[] r : removes) {
          all.remove(new String(r, StandardCharsets.UTF_8));
        }
        shards.add(WordDelta.of(WordSet.of(base)).apply(adds, removes).set());
        from = to;
      }
      whole = WordDelta.of(WordSet.of(all));
    }

    /** Every page of {@code op} over the shards equals the page of the whole set, cursor after cursor. */
    void walkEqual(String op, JsonObject query, int limit) {
      String after = null;
      int pages = 0;
      while (true) {
        JsonObject q = query.copy().put("after", after).put("limit", limit);
        WordSearch.Page expected = WordSearch.search(whole, automaton(op, q), after, limit, WordSearch.DEFAULT_BUDGET);
        List<Cluster.SearchPage> answers = new ArrayList<>();
        for (WordDelta s : shards) {
          answers.add(ShardSearch.page(ShardSearch.answer(s, op, q)));
        }
        Cluster.SearchPage merged = ShardSearch.merge(answers, limit);
        String what = op + " " + q.encode() + ", page " + pages;
        assertEquals(expected.count(), merged.count(), what);
        assertEquals(expected.matches(), merged.matches(), what);
        assertEquals(expected.more(), merged.more(), what);
        if (!merged.more()) {
          return;
        }
        List<WordMatch> m = merged.matches();
        after = m.get(m.size() - 1).word();
        pages++;
      }
    }

    private static dev.sieve.words.CodePointAutomaton automaton(String op, JsonObject q) {
      return op.equals(ShardSearch.FUZZY)
          ? Levenshtein.of(q.getString("word"), q.getInteger("distance"), q.getBoolean("transpositions"),
              q.getInteger("prefix"))
          : Wildcard.parse(q.getString("pattern"));
    }
  }

  @ParameterizedTest(name = "{0} shards")
  @ValueSource(ints = {1, 2, 3, 5})
  void fuzzyPagesMergedOverShardsAreTheWholeSetsPages(int shardCount) {
    Random rnd = new Random(20261203L * shardCount);
    Shards s = new Shards(rnd, shardCount);
    for (int i = 0; i < 40; i++) {
      String word = randomWord(rnd, rnd.nextInt(6));
      int distance = rnd.nextInt(3);
      boolean transpositions = rnd.nextBoolean();
      int prefix = rnd.nextInt(4) == 0 ? 1 : 0;
      JsonObject q = ShardSearch.fuzzyQuery(word, distance, transpositions, prefix, null, 1);
      s.walkEqual(ShardSearch.FUZZY, q, 1 + rnd.nextInt(7));
    }
  }

  @ParameterizedTest(name = "{0} shards")
  @ValueSource(ints = {1, 3, 4})
  void wildcardPagesMergedOverShardsAreTheWholeSetsPages(int shardCount) {
    Random rnd = new Random(4711L + shardCount);
    Shards s = new Shards(rnd, shardCount);
    for (String pattern : List.of("*", "a*", "?", "*é", "[a-c]?*", "日*😀", "\\**", "b?d", "[b-e]*[a日]")) {
      s.walkEqual(ShardSearch.MATCH, ShardSearch.matchQuery(pattern, null, 1), 1 + rnd.nextInt(9));
    }
  }

  @ParameterizedTest(name = "code {0}")
  @ValueSource(ints = {ShardSearch.OVER_BUDGET, 400})
  void aShardOverItsBudgetIsTheSingleNodesRefusal(int code) {
    RuntimeException e = ShardSearch.refusal(code, "12345");
    if (code == ShardSearch.OVER_BUDGET) {
      assertInstanceOf(SearchBudgetException.class, e);
      assertEquals(12345, ((SearchBudgetException) e).budget());
    } else {
      assertNull(e, "other refusals are mapped as before (400: bad input)");
    }
  }
}
