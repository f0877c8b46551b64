package dev.sieve.words;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A compaction folds one version while more updates come: {@link WordDelta#rebase} must express
 * the latest version over the folded base without losing or inventing a word.
 */
class WordDeltaRebaseTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void rebaseKeepsTheLatestVersionExactly(long seed) {
    Random rnd = new Random(seed);
    TreeSet<String> oracle = ByteOrder.oracle();
    for (int i = 0; i < 300; i++) {
      oracle.add("w" + rnd.nextInt(1000));
    }
    WordDelta set = WordDelta.of(WordSet.of(oracle));
    WordDelta folded = null;
    WordSet foldedBase = null;
    for (int round = 0; round < 60; round++) {
      List<byte[]> batch = new ArrayList<>();
      List<String> words = new ArrayList<>();
      for (int i = rnd.nextInt(10); i >= 0; i--) {
        String w = "w" + rnd.nextInt(1000);
        words.add(w);
        batch.add(w.getBytes(StandardCharsets.UTF_8));
      }
      if (rnd.nextBoolean()) {
        set = set.apply(batch, List.of()).set();
        oracle.addAll(words);
      } else {
        set = set.apply(List.of(), batch).set();
        oracle.removeAll(words);
      }
      if (folded == null && rnd.nextInt(5) == 0) {
        folded = set;
        foldedBase = set.compact();
      } else if (folded != null && rnd.nextInt(3) == 0) {
        set = set.rebase(foldedBase, folded);
        folded = null;
      }
      assertEquals(oracle.size(), set.size());
      assertEquals(List.copyOf(oracle), set.list("", null, 10_000));
      assertEquals(oracle.subSet("w5", "w6").size(), set.count("w5"));
    }
  }
}
