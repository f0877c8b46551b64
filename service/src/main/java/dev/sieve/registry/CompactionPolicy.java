package dev.sieve.registry;

import java.time.Duration;
import java.time.Instant;

/**
 * When a set's delta is worked on, and how, the way an LSM tree sizes its levels:
 * <ul>
 *   <li><b>by size</b>: once the delta holds {@code ratio} times as many elements as its base (and
 *       at least {@code minFoldElements}), it is folded into a new base ({@link Action#FOLD});
 *   <li><b>by age</b>: once its oldest update is {@code afterTime} old, the delta is folded if
 *       rebuilding the base is worth it, that is the delta holds at least a tenth of {@code ratio}
 *       of the base's elements or the base is small ({@link #SMALL_BASE_BYTES}); otherwise its
 *       levels are merged into one ({@link Action#MERGE}), at most once per {@code afterTime}, so
 *       reads ask one level, and the base is left alone: a handful of updates never rebuilds a
 *       20 M-word base. Their journal records stay until a fold, which only makes a restart replay them.
 * </ul>
 * Sizes are counted in elements, not bytes: a delta's level keeps each word as flat UTF-8 and an
 * offset (about 16 bytes a word) while the trie shares prefixes and suffixes (about 4 bytes a
 * word), so a byte ratio folded a word set every few hundredths of its size, and a fold costs in
 * proportion to the elements it rewrites, whatever their bytes. The delta's elements are the
 * flips its levels hold (an element flipped in several levels counts in each: the work a fold
 * reads). Immutable.
 */
public record CompactionPolicy(double ratio, Duration afterTime, long minFoldElements) {
  /**
   * A fold rewrites base and delta, so each update costs about {@code (1 + ratio) / ratio} element
   * rewrites over its life: 11 at 0.1, 5 at 0.25. At 0.25 a word set's delta (about 16 bytes a
   * word) takes at most about the bytes of its trie (4-5 bytes a word) before it is folded.
   */
  public static final double DEFAULT_RATIO = 0.25;
  public static final long DEFAULT_SECONDS = 60;
  public static final Duration DEFAULT_TIME = Duration.ofSeconds(DEFAULT_SECONDS);
  /**
   * Below this many elements in the delta, size alone never folds (age does): a trickle into a
   * small set does not rebuild and fsync its snapshot on every update.
   */
  public static final long DEFAULT_MIN_FOLD_ELEMENTS = 4096;
  /** A base at most this big is folded by age whatever its delta: rebuilding it takes milliseconds. */
  public static final long SMALL_BASE_BYTES = 4 << 20;

  /** What a set's delta is due for. */
  public enum Action {
    /** nothing now */
    NONE,
    /** merge the delta's levels into one, leaving the base */
    MERGE,
    /** fold the delta into a new base */
    FOLD;

    /** The name metrics and the memory report use. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public CompactionPolicy {
    if (!(ratio >= 0) || Double.isInfinite(ratio)) {
      throw new IllegalArgumentException("compaction ratio must be a number >= 0: " + ratio);
    }
    if (afterTime.isNegative() || afterTime.isZero()) {
      throw new IllegalArgumentException("compaction time must be positive: " + afterTime);
    }
    if (minFoldElements < 0) {
      throw new IllegalArgumentException("minimum fold elements must be >= 0: " + minFoldElements);
    }
  }

  /** {@code ratio} and {@code afterTime} with the default minimum ({@link #DEFAULT_MIN_FOLD_ELEMENTS}). */
  public CompactionPolicy(double ratio, Duration afterTime) {
    this(ratio, afterTime, DEFAULT_MIN_FOLD_ELEMENTS);
  }

  public static CompactionPolicy defaults() {
    return new CompactionPolicy(DEFAULT_RATIO, DEFAULT_TIME);
  }

  /** What a delta is due for, as the figures of its set say. */
  public record Figures(int updates, long deltaElements, long baseElements, long baseBytes, int levels,
      Instant dirtySince, Instant mergedAt) {}

  /** True if the delta is large enough against its base to be folded now (checked after each update). */
  boolean dueBySize(int updates, long deltaElements, long baseElements) {
    return updates > 0 && deltaElements >= minFoldElements && deltaElements >= ratio * baseElements;
  }

  /** What {@code f} is due for at {@code now}. */
  Action due(Figures f, Instant now) {
    if (f.updates() == 0) {
      return Action.NONE;
    }
    if (dueBySize(f.updates(), f.deltaElements(), f.baseElements())) {
      return Action.FOLD;
    }
    if (f.dirtySince() == null || f.dirtySince().plus(afterTime).isAfter(now)) {
      return Action.NONE;
    }
    if (f.baseBytes() <= SMALL_BASE_BYTES || f.deltaElements() >= ratio / 10 * f.baseElements()) {
      return Action.FOLD;
    }
    boolean mergedLately = f.mergedAt() != null && f.mergedAt().plus(afterTime).isAfter(now);
    return f.levels() > 1 && !mergedLately ? Action.MERGE : Action.NONE;
  }
}
