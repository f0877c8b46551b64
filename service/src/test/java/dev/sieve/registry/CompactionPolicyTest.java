package dev.sieve.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sieve.registry.CompactionPolicy.Action;
import dev.sieve.registry.CompactionPolicy.Figures;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a delta is due for, by size ratio and by age, on figures made up to sit on each edge. */
class CompactionPolicyTest {
  private static final CompactionPolicy POLICY = new CompactionPolicy(0.1, Duration.ofSeconds(60));
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final Instant YOUNG = NOW.minusSeconds(10);
  private static final Instant OLD = NOW.minusSeconds(61);
  private static final long GIB = 1L << 30;

  private static Action due(int updates, long delta, long base, int levels, Instant dirtySince, Instant mergedAt) {
    return POLICY.due(new Figures(updates, delta, base, levels, dirtySince, mergedAt), NOW);
  }

  @Test
  void aDeltaOfRatioTimesItsBaseIsFoldedAtOnce() {
    assertEquals(Action.FOLD, due(1, 200 << 20, GIB, 5, YOUNG, null));
    assertEquals(Action.NONE, due(1_000_000, 100 << 20, 2 * GIB, 5, YOUNG, null)); // many batches, small delta
    long edge = (long) Math.ceil(0.1 * GIB);
    assertEquals(Action.FOLD, due(3, edge, GIB, 1, YOUNG, null));
    assertEquals(Action.NONE, due(3, edge - 1, GIB, 1, YOUNG, null));
  }

  @Test
  void sizeAloneNeedsTheMinimumBytesSoATrickleIntoATinySetWaitsForAge() {
    assertEquals(Action.NONE, due(50, CompactionPolicy.DEFAULT_MIN_FOLD_BYTES - 1, 100, 3, YOUNG, null));
    assertEquals(Action.FOLD, due(50, CompactionPolicy.DEFAULT_MIN_FOLD_BYTES, 100, 3, YOUNG, null));
    assertEquals(Action.FOLD, due(50, 1000, 100, 3, OLD, null)); // small base: age folds
  }

  @Test
  void aHandfulOfOldUpdatesOnAHugeBaseMergesLevelsAndNeverRebuildsTheBase() {
    assertEquals(Action.MERGE, due(5, 2000, 20 * GIB, 3, OLD, null));
    assertEquals(Action.NONE, due(5, 2000, 20 * GIB, 1, OLD, null)); // one level already
    assertEquals(Action.NONE, due(5, 2000, 20 * GIB, 3, OLD, NOW.minusSeconds(30))); // merged lately
    assertEquals(Action.MERGE, due(5, 2000, 20 * GIB, 3, OLD, NOW.minusSeconds(61)));
    assertEquals(Action.NONE, due(5, 2000, 20 * GIB, 3, YOUNG, null)); // not old yet
  }

  @Test
  void anOldDeltaOfATenthOfTheRatioIsFolded() {
    long base = 20 * GIB;
    long tenth = (long) Math.ceil(0.1 / 10 * base); // a tenth of the ratio
    assertEquals(Action.FOLD, due(5, tenth, base, 3, OLD, null));
    assertEquals(Action.MERGE, due(5, tenth - 1, base, 3, OLD, null));
    assertEquals(Action.FOLD, due(5, 1, CompactionPolicy.SMALL_BASE_BYTES, 3, OLD, null));
    assertEquals(Action.MERGE, due(5, 1, CompactionPolicy.SMALL_BASE_BYTES + 1, 3, OLD, null));
  }

  @Test
  void noUpdatesNothingToDo() {
    assertEquals(Action.NONE, due(0, 10 * GIB, 1, 4, OLD, null));
  }

  @Test
  void nonsenseIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new CompactionPolicy(-0.1, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> new CompactionPolicy(Double.NaN, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> new CompactionPolicy(0.1, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new CompactionPolicy(0.1, Duration.ofSeconds(1), -1));
  }
}
