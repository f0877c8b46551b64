package dev.sieve.delta;

import java.util.List;

/**
 * What the registry's compaction needs of a delta type {@code D} (a frozen base plus {@link
 * Levels}), whatever its elements: to seal it before a fold or merge reads it, to merge its levels,
 * to put a merge back under the batches that came meanwhile, and its sizes. Implementations are
 * immutable; every method returns a new version or a figure.
 */
public interface Tiered<D> {
  /** This set with every level sealed: the batches that come next stack above them. */
  D sealed();

  /** The same set with all its levels merged into one (O(delta): off any event loop). */
  D mergeLevels();

  /**
   * This set with the levels of {@code earlier} (an earlier version of it) replaced by {@code
   * merged}'s ({@code earlier.mergeLevels()}); unchanged if its levels no longer start with
   * {@code earlier}'s.
   */
  D withMergedLevels(D earlier, D merged);

  /** Exact heap bytes of the levels. */
  long deltaBytes();

  /** Bytes of the frozen base: heap, plus the mapped file it reads in place if any. */
  long baseBytes();

  /** Elements the levels hold (an element flipped in several levels counts in each). */
  long deltaElements();

  /** Elements of the frozen base. */
  long baseElements();

  /** The levels, oldest first. */
  List<LevelFigures> levels();
}
