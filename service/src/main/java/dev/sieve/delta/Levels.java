package dev.sieve.delta;

import java.util.Arrays;

/**
 * An immutable stack of delta levels, oldest first: each level holds the membership
 * <em>flips</em> of one or more consecutive update batches (elements that came in, elements that
 * went out), so a level never depends on the levels around it except through time order, and two
 * adjacent levels merge into one by cancelling an element that came in in the older and went out
 * in the newer (or the reverse).
 *
 * <p>{@link #push} adds a batch's level and then merges the two newest levels while the older is
 * at most {@link #FACTOR} times the newer: level sizes fall geometrically from oldest to newest,
 * so there are at most about log2(delta) levels and an element is copied O(log delta) times over
 * its life in the delta (the logarithmic method of Bentley and Saxe, as LSM trees tier their
 * runs). A push copies the small array of level references, never a level it does not merge.
 *
 * <p>The oldest {@link #sealedCount()} levels are <em>sealed</em>: a compaction is reading them,
 * and pushes never merge into them, so that once the compaction is done the levels that came after
 * ({@link #after}) are exactly the batches it did not see. Thread-safe: immutable.
 */
public final class Levels<L extends Levels.Level<L>> {
  /** Merge the two newest levels while the older holds at most this many times the newer's elements. */
  public static final int FACTOR = 2;

  private static final Levels<?> EMPTY = new Levels<>(new Level<?>[0], 0);

  /** One level: the flips of consecutive batches. Immutable. */
  public interface Level<L> {
    /** Elements that came in over this level. */
    long inCount();

    /** Elements that went out over this level. */
    long outCount();

    /** Elements this level holds (flips in plus flips out). */
    default long size() {
      return inCount() + outCount();
    }

    /** Heap bytes of this level. */
    long bytes();

    /** This level followed by {@code newer} (the batches right after it), as one level. */
    L mergeNewer(L newer);
  }

  private final Level<?>[] levels;
  private final int sealed;

  private Levels(Level<?>[] levels, int sealed) {
    this.levels = levels;
    this.sealed = sealed;
  }

  @SuppressWarnings("unchecked")
  public static <L extends Level<L>> Levels<L> empty() {
    return (Levels<L>) EMPTY;
  }

  /** One level, unsealed. */
  public static <L extends Level<L>> Levels<L> of(L level) {
    return level.size() == 0 ? empty() : new Levels<>(new Level<?>[] {level}, 0);
  }

  public int count() {
    return levels.length;
  }

  public int sealedCount() {
    return sealed;
  }

  /** Level {@code i}, 0 the oldest. */
  @SuppressWarnings("unchecked")
  public L get(int i) {
    return (L) levels[i];
  }

  /** Elements of all levels together (an element flipped in several levels counts in each). */
  public long size() {
    long n = 0;
    for (Level<?> l : levels) {
      n += l.size();
    }
    return n;
  }

  /** Each level's figures, oldest first. */
  public java.util.List<LevelFigures> figures() {
    java.util.List<LevelFigures> out = new java.util.ArrayList<>(levels.length);
    for (int i = 0; i < levels.length; i++) {
      out.add(new LevelFigures(levels[i].size(), levels[i].bytes(), i < sealed));
    }
    return out;
  }

  /** Heap bytes of the levels and of this stack. */
  public long bytes() {
    long n = 16 + 16 + 4L * levels.length;
    for (Level<?> l : levels) {
      n += l.bytes();
    }
    return n;
  }

  /** These levels with {@code level} (the next batch's flips) on top, merged as the class says. */
  public Levels<L> push(L level) {
    if (level.size() == 0) {
      return this;
    }
    Level<?>[] next = Arrays.copyOf(levels, levels.length + 1);
    int n = next.length;
    next[n - 1] = level;
    while (n - sealed >= 2 && next[n - 2].size() <= FACTOR * next[n - 1].size()) {
      L merged = at(next, n - 2).mergeNewer(at(next, n - 1));
      n--;
      next[n - 1] = merged;
      if (merged.size() == 0) {
        n--; // everything cancelled out
      }
    }
    return new Levels<>(n == next.length ? next : Arrays.copyOf(next, n), sealed);
  }

  /** The same levels, all sealed: later pushes stack above them without merging into them. */
  public Levels<L> seal() {
    return sealed == levels.length ? this : new Levels<>(levels, levels.length);
  }

  /**
   * The levels pushed after {@code earlier}, if {@code earlier}'s levels are the oldest of these
   * (the same objects: nothing merged into them since, as sealing ensures); else null.
   */
  public Levels<L> after(Levels<L> earlier) {
    if (earlier.levels.length > levels.length) {
      return null;
    }
    for (int i = 0; i < earlier.levels.length; i++) {
      if (levels[i] != earlier.levels[i]) {
        return null;
      }
    }
    int k = earlier.levels.length;
    if (k == 0) {
      return this;
    }
    return new Levels<>(Arrays.copyOfRange(levels, k, levels.length), Math.max(0, sealed - k));
  }

  /**
   * {@code first} below these levels, as the oldest level, unsealed: what a merge of the levels
   * of {@code earlier} gives back once the levels pushed after it are {@code this}.
   */
  public Levels<L> under(L first) {
    if (first.size() == 0) {
      return this;
    }
    Level<?>[] next = new Level<?>[levels.length + 1];
    next[0] = first;
    System.arraycopy(levels, 0, next, 1, levels.length);
    return new Levels<>(next, 0);
  }

  /**
   * All levels merged into one (null if there are none): newest first, so each merge is about as
   * large as the older level it takes in and the whole costs O(elements).
   */
  public L merged() {
    if (levels.length == 0) {
      return null;
    }
    L acc = get(levels.length - 1);
    for (int i = levels.length - 2; i >= 0; i--) {
      acc = get(i).mergeNewer(acc);
    }
    return acc;
  }

  @SuppressWarnings("unchecked")
  private L at(Level<?>[] a, int i) {
    return (L) a[i];
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Levels[");
    for (int i = 0; i < levels.length; i++) {
      s.append(i == 0 ? "" : ", ").append(levels[i].size()).append(i < sealed ? "s" : "");
    }
    return s.append(']').toString();
  }
}
