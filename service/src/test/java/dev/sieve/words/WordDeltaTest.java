package dev.sieve.words;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A base trie plus add/remove batches, against a TreeSet oracle that applies the same batches. */
class WordDeltaTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void agreesWithOracleThroughBatchesAndCompaction(long seed) {
    Random rnd = new Random(seed);
    int[] cps = "abcé日😀".codePoints().toArray();
    TreeSet<String> oracle = ByteOrder.oracle();
    List<String> initial = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      initial.add(WordSetPropertyTest.randomWord(rnd, cps, 1 + rnd.nextInt(6)));
    }
    oracle.addAll(initial);
    WordDelta set = WordDelta.of(WordSet.of(initial));
    for (int batch = 0; batch < 30; batch++) {
      List<String> adds = new ArrayList<>();
      List<String> removes = new ArrayList<>();
      for (int i = rnd.nextInt(20); i > 0; i--) {
        adds.add(WordSetPropertyTest.randomWord(rnd, cps, 1 + rnd.nextInt(6)));
      }
      List<String> members = new ArrayList<>(oracle);
      for (int i = rnd.nextInt(20); i > 0 && !members.isEmpty(); i--) {
        removes.add(rnd.nextBoolean() ? members.get(rnd.nextInt(members.size()))
            : WordSetPropertyTest.randomWord(rnd, cps, 1 + rnd.nextInt(6)));
      }
      if (!adds.isEmpty() && rnd.nextBoolean()) {
        removes.add(adds.get(0)); // added and removed in one batch: removes win
      }
      long sizeBefore = oracle.size();
      TreeSet<String> afterAdds = ByteOrder.oracle();
      afterAdds.addAll(oracle);
      afterAdds.addAll(adds);
      long expectedAdded = afterAdds.size() - sizeBefore;
      long expectedRemoved = 0;
      for (String r : new TreeSet<>(removes)) {
        if (afterAdds.remove(r) && oracle.contains(r)) {
          expectedRemoved++;
        }
      }
      // Words added then removed in the same batch count neither way.
      long addedThenRemoved = new TreeSet<>(adds).stream().filter(w -> !oracle.contains(w) && removes.contains(w)).count();
      // what came in and went out, by the oracle: Change.net must sum a figure over exactly those
      long expectedNet = 0;
      for (String w : afterAdds) {
        expectedNet += oracle.contains(w) ? 0 : 31L * w.length() + 1;
      }
      for (String w : oracle) {
        expectedNet -= afterAdds.contains(w) ? 0 : 31L * w.length() + 1;
      }
      oracle.clear();
      oracle.addAll(afterAdds);

      WordDelta.Change change = set.apply(utf8(adds), utf8(removes));
      set = change.set();
      assertEquals(expectedAdded - addedThenRemoved, change.added(), "added in batch " + batch);
      assertEquals(expectedRemoved, change.removed(), "removed in batch " + batch);
      assertEquals(expectedNet, change.net(w -> 31L * w.length() + 1), "net of the changed words in batch " + batch);
      check(oracle, set, rnd, cps);
      if (batch % 10 == 9) {
        WordSet compacted = set.compact();
        assertEquals(new ArrayList<>(oracle), compacted.list("", null, Integer.MAX_VALUE));
        set = WordDelta.of(compacted);
        assertTrue(set.isEmpty());
        assertSame(compacted, set.compact());
      }
    }
  }

  private static void check(TreeSet<String> oracle, WordDelta set, Random rnd, int[] cps) {
    assertEquals(oracle.size(), set.size());
    for (String w : oracle) {
      assertTrue(set.contains(w), w);
    }
    for (int i = 0; i < 200; i++) {
      String probe = WordSetPropertyTest.randomWord(rnd, cps, rnd.nextInt(5));
      assertEquals(oracle.contains(probe), set.contains(probe), probe);
      NavigableSet<String> matching = WordSetPropertyTest.withPrefix(oracle, probe);
      assertEquals(matching.size(), set.count(probe), "count " + probe);
      String after = WordSetPropertyTest.randomWord(rnd, cps, 1 + rnd.nextInt(5));
      int limit = 1 + rnd.nextInt(10);
      assertEquals(WordSetPropertyTest.first(matching, limit), set.list(probe, null, limit), "list " + probe);
      assertEquals(WordSetPropertyTest.first(matching.tailSet(after, false), limit), set.list(probe, after, limit),
          "list " + probe + " after " + after);
    }
    assertEquals(new ArrayList<>(oracle), set.list("", null, Integer.MAX_VALUE));
  }

  private static List<byte[]> utf8(List<String> words) {
    List<byte[]> out = new ArrayList<>();
    for (String w : words) {
      out.add(w.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }
}
