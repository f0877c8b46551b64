package dev.sieve.delta;

import java.util.List;

/**
 * What both delta types ({@code WordDelta}, {@code NumberDelta}) are: a frozen base {@code B},
 * the {@link Levels} of {@code L} that the updates since made, and how many elements the set holds
 * beyond the base ({@code added}) and the base's elements it no longer holds ({@code removed}),
 * kept up to date by every batch so that no figure walks the levels. Here is what does not
 * depend on the elements: sealing, merging the levels, putting a merge back, the fast rebase.
 * Lookups, counts, listings, batches and folds are the subclass's. Immutable.
 */
public abstract class LeveledDelta<D extends LeveledDelta<D, B, L>, B, L extends Levels.Level<L>> implements Tiered<D> {
  protected final B base;
  protected final Levels<L> levels;
  protected final long added;
  protected final long removed;

  protected LeveledDelta(B base, Levels<L> levels, long added, long removed) {
    this.base = base;
    this.levels = levels;
    this.added = added;
    this.removed = removed;
  }

  /** A delta of the subclass's type with these parts. */
  protected abstract D with(B base, Levels<L> levels, long added, long removed);

  public B base() {
    return base;
  }

  /** True if the set holds exactly the base's elements (levels may remain whose flips cancel out). */
  public boolean isEmpty() {
    return added == 0 && removed == 0;
  }

  /** Elements added since the base was frozen (not counting those removed again). */
  public long addedCount() {
    return added;
  }

  /** Elements of the base removed since it was frozen. */
  public long removedCount() {
    return removed;
  }

  /**
   * This set with every level sealed: what a compaction reads, installed first so that the
   * batches coming while it runs stack above the sealed levels and are found again by the
   * subclass's {@code rebase} without a walk of the delta.
   */
  @Override
  public D sealed() {
    return with(base, levels.seal(), added, removed);
  }

  @Override
  public D mergeLevels() {
    L net = levels.merged();
    return with(base, net == null ? Levels.empty() : Levels.of(net), added, removed);
  }

  @Override
  public D withMergedLevels(D earlier, D merged) {
    Levels<L> later = levels.after(earlier.levels);
    if (later == null || earlier.base != base || merged.base != base || merged.levels.count() > 1) {
      return self();
    }
    Levels<L> next = merged.levels.count() == 0 ? later : later.under(merged.levels.get(0));
    return with(base, next, added, removed);
  }

  /**
   * This set over {@code newBase}, which holds exactly what {@code folded} (an earlier version of
   * this set over the same base) held, when {@code folded}'s levels are still this set's oldest:
   * the levels that came after, merged into one, O(updates since {@code folded}). Their flips
   * start from {@code folded}'s elements, newBase's, so what came in is what is added. Null when
   * the levels were merged across since (the subclass then looks up every touched element).
   */
  protected D rebaseOverLaterLevels(B newBase, D folded) {
    if (folded.base != base) {
      throw new IllegalArgumentException("folded is not a version over the same base");
    }
    Levels<L> later = levels.after(folded.levels);
    if (later == null) {
      return null;
    }
    L net = later.merged();
    return net == null ? with(newBase, Levels.empty(), 0, 0) : with(newBase, Levels.of(net), net.inCount(), net.outCount());
  }

  @SuppressWarnings("unchecked")
  private D self() {
    return (D) this;
  }

  @Override
  public List<LevelFigures> levels() {
    return levels.figures();
  }

  /** Exact heap bytes of the delta's levels. */
  @Override
  public long deltaBytes() {
    return levels.bytes();
  }

  @Override
  public long deltaElements() {
    return levels.size();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{+" + added + ", -" + removed + ", " + levels + "}";
  }
}
