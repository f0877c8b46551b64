package dev.sieve.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sieve.registry.CompactionPolicy.Action;
import dev.sieve.registry.CompactionPolicy.Figures;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What a delta is due for, by size ratio (elements of the delta against elements of the base) and
 * by age, on figures made up to sit on each edge.
 */
class CompactionPolicyTest {
  private static final CompactionPolicy POLICY = new CompactionPolicy(0.1, Duration.ofSeconds(60));
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final Instant YOUNG = NOW.minusSeconds(10);
  private static final Instant OLD = NOW.minusSeconds(61);
  private static final long GIB = 1L << 30;
  private static final long MILLION = 1_000_000;

  /** Figures of a base of {@code base} elements taking 4 bytes each. */
  private static Action due(int updates, long delta, long base, int levels, Instant dirtySince, Instant mergedAt) {
    return due(updates, delta, base, 4 * base, levels, dirtySince, mergedAt);
  }

  private static Action due(int updates, long delta, long base, long baseBytes, int levels, Instant dirtySince,
      Instant mergedAt) {
    return POLICY.due(new Figures(updates, delta, base, baseBytes, levels, dirtySince, mergedAt), NOW);
  }

  @Test
  void aDeltaOfRatioTimesItsBaseIsFoldedAtOnce() {
    assertEquals(Action.FOLD, due(1, 200 * MILLION, GIB, 5, YOUNG, null));
    assertEquals(Action.NONE, due(1_000_000, 100 * MILLION, 2 * GIB, 5, YOUNG, null)); // many batches, small delta
    long edge = (long) Math.ceil(0.1 * GIB);
    assertEquals(Action.FOLD, due(3, edge, GIB, 1, YOUNG, null));
    assertEquals(Action.NONE, due(3, edge - 1, GIB, 1, YOUNG, null));
  }

  @Test
  void theRatioCountsElementsNotBytes() {
    // 663k words in a 3.3 MB trie (5 B a word) and 20k pending words (16 B each in the delta's
    // arrays, 320 KB, a tenth of the trie's bytes): a byte ratio folded here, the element ratio waits
    long words = 663_473;
    assertEquals(Action.NONE, due(20_000, 20_000, words, 5 * words, 20, YOUNG, null));
    assertEquals(Action.FOLD, due(66_348, 66_348, words, 5 * words, 20, YOUNG, null));
    assertEquals(Action.NONE, due(66_347, 66_347, words, 5 * words, 20, YOUNG, null));
  }

  @Test
  void sizeAloneNeedsTheMinimumElementsSoATrickleIntoATinySetWaitsForAge() {
    assertEquals(Action.NONE, due(50, CompactionPolicy.DEFAULT_MIN_FOLD_ELEMENTS - 1, 100, 3, YOUNG, null));
    assertEquals(Action.FOLD, due(50, CompactionPolicy.DEFAULT_MIN_FOLD_ELEMENTS, 100, 3, YOUNG, null));
    assertEquals(Action.FOLD, due(50, 1000, 100, 3, OLD, null)); // small base: age folds
  }

  @Test
  void aHandfulOfOldUpdatesOnAHugeBaseMergesLevelsAndNeverRebuildsTheBase() {
    assertEquals(Action.MERGE, due(5, 2000, 20 * MILLION, 3, OLD, null));
    assertEquals(Action.NONE, due(5, 2000, 20 * MILLION, 1, OLD, null)); // one level already
    assertEquals(Action.NONE, due(5, 2000, 20 * MILLION, 3, OLD, NOW.minusSeconds(30))); // merged lately
    assertEquals(Action.MERGE, due(5, 2000, 20 * MILLION, 3, OLD, NOW.minusSeconds(61)));
    assertEquals(Action.NONE, due(5, 2000, 20 * MILLION, 3, YOUNG, null)); // not old yet
  }

  @Test
  void anOldDeltaOfATenthOfTheRatioIsFolded() {
    long base = 20 * MILLION;
    long tenth = (long) Math.ceil(0.1 / 10 * base); // a tenth of the ratio
    assertEquals(Action.FOLD, due(5, tenth, base, 3, OLD, null));
    assertEquals(Action.MERGE, due(5, tenth - 1, base, 3, OLD, null));
    long small = CompactionPolicy.SMALL_BASE_BYTES;
    assertEquals(Action.FOLD, due(5, 1, MILLION, small, 3, OLD, null)); // the small base rule is of bytes
    assertEquals(Action.MERGE, due(5, 1, MILLION, small + 1, 3, OLD, null));
  }

  @Test
  void noUpdatesNothingToDo() {
    assertEquals(Action.NONE, due(0, 10 * MILLION, 1, 4, OLD, null));
  }

  @Test
  void nonsenseIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new CompactionPolicy(-0.1, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> new CompactionPolicy(Double.NaN, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> new CompactionPolicy(0.1, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new CompactionPolicy(0.1, Duration.ofSeconds(1), -1));
  }
}
