package dev.sieve.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.numbers.NumberSet;
import dev.sieve.words.WordSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Updates replayed from the journal after a stop without compaction give each set the figures its
 * updates gave it: the same elements and the same baseline (one delta application for both paths),
 * which is also the baseline of the same elements built from scratch.
 */
class StoreReplayTest {
  private static final CompactionPolicy NEVER = new CompactionPolicy(Integer.MAX_VALUE, Duration.ofDays(1));

  private static List<byte[]> words(String... words) {
    List<byte[]> out = new ArrayList<>();
    for (String w : words) {
      out.add(w.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void replayedUpdatesKeepTheBaselineTheirUpdatesComputed(@TempDir Path data) throws Exception {
    SetStore store = new SetStore(new Registry(), data, NEVER);
    store.restore();
    store.replace(SetFamily.WORDS, "w", WordSet.of(List.of("apple", "pear")));
    store.update(SetFamily.WORDS, "w", UpdateOp.ADD, words("plum", "apple", "quince-of-a-longer-name", "plum"));
    store.update(SetFamily.WORDS, "w", UpdateOp.ADD, words("fig", "größe"));
    store.update(SetFamily.WORDS, "w", UpdateOp.REMOVE, words("pear", "absent"));
    store.replace(SetFamily.NUMBERS, "n", NumberSet.of(1, 2, 3));
    store.update(SetFamily.NUMBERS, "n", UpdateOp.ADD, NumberSet.of(4, 5, 1L << 40));
    long wordBaseline = store.find(SetFamily.WORDS, "w").baselineBytes();
    long numberBaseline = store.find(SetFamily.NUMBERS, "n").baselineBytes();
    store.close(); // the updates are only in the journal now

    SetStore reopened = new SetStore(new Registry(), data, NEVER);
    assertEquals(4, reopened.restore().replayed());
    SetVersion<?> w = reopened.find(SetFamily.WORDS, "w");
    assertEquals(wordBaseline, w.baselineBytes());
    assertEquals(SetFamily.WORDS.baseline(WordSet.of(List.of("apple", "plum", "quince-of-a-longer-name", "fig", "größe"))),
        w.baselineBytes());
    assertTrue(reopened.find(SetFamily.WORDS, "w").set().contains("größe"));
    assertEquals(numberBaseline, reopened.find(SetFamily.NUMBERS, "n").baselineBytes());
    assertEquals(SetFamily.NUMBERS.baseline(NumberSet.of(1, 2, 3, 4, 5, 1L << 40)), numberBaseline);
    reopened.close();
  }
}
