package dev.sieve.numbers;

import java.util.Arrays;
import java.util.List;

/**
 * A frozen {@link NumberSet} plus small updates beside it: the values added (absent from the
 * base) and the values removed (present in the base), each a small {@code NumberSet}. The
 * numbers' counterpart of {@code WordDelta}: reads check the delta, then the base; {@link
 * #compact()} folds both into a new base.
 *
 * <p>Immutable: {@link #apply} returns a new instance (copy-on-write of the delta sets, so an
 * update costs O(delta size); keep deltas small by compacting). Thread-safe for reads.
 * Invariants: {@code added ∩ base = ∅}, {@code removed ⊆ base}.
 */
public final class NumberDelta {
  private final NumberSet base;
  private final NumberSet added;
  private final NumberSet removed;

  private NumberDelta(NumberSet base, NumberSet added, NumberSet removed) {
    this.base = base;
    this.added = added;
    this.removed = removed;
  }

  /** A base with an empty delta. */
  public static NumberDelta of(NumberSet base) {
    return new NumberDelta(base, NumberSet.empty(), NumberSet.empty());
  }

  public NumberSet base() {
    return base;
  }

  public boolean isEmpty() {
    return added.cardinality() == 0 && removed.cardinality() == 0;
  }

  /** Values added since the base was frozen (not counting those removed again). */
  public long addedCount() {
    return added.cardinality();
  }

  /** Values of the base removed since it was frozen. */
  public long removedCount() {
    return removed.cardinality();
  }

  public long cardinality() {
    return base.cardinality() + added.cardinality() - removed.cardinality();
  }

  /** As {@link NumberSet#type()}, for the set base and delta hold together. */
  public String type() {
    return base.is32Bit() && added.is32Bit() ? "RoaringBitmap" : "Roaring64";
  }

  public boolean contains(long n) {
    return added.contains(n) || (base.contains(n) && !removed.contains(n));
  }

  /** As {@link NumberSet#count}, exact across base and delta. */
  public long count(long first, long last) {
    return base.count(first, last) - removed.count(first, last) + added.count(first, last);
  }

  /** As {@link NumberSet#list}, over base and delta merged. */
  public long[] list(long first, long last, int limit) {
    if (isEmpty()) {
      return base.list(first, last, limit);
    }
    if (first < 0) {
      first = 0;
    }
    if (first > last || limit <= 0) {
      return new long[0];
    }
    long[] fromAdded = added.list(first, last, limit);
    long[] out = new long[Math.min(limit, 1 << 16)];
    int n = 0;
    int ai = 0;
    long start = first;
    // Base values in pages, skipping removed ones, merged with the added values.
    while (n < limit) {
      long[] page = start < 0 ? new long[0] : base.list(start, last, limit);
      for (int i = 0; i < page.length && n < limit; i++) {
        long v = page[i];
        while (ai < fromAdded.length && fromAdded[ai] < v && n < limit) {
          out = put(out, n++, fromAdded[ai++], limit);
        }
        if (n < limit && !removed.contains(v)) {
          out = put(out, n++, v, limit);
        }
      }
      if (page.length < limit) {
        break;
      }
      long lastSeen = page[page.length - 1];
      start = lastSeen == Long.MAX_VALUE ? -1 : lastSeen + 1;
      if (start < 0) {
        break;
      }
    }
    while (ai < fromAdded.length && n < limit) {
      out = put(out, n++, fromAdded[ai++], limit);
    }
    return Arrays.copyOf(out, n);
  }

  private static long[] put(long[] out, int at, long value, int limit) {
    if (at == out.length) {
      out = Arrays.copyOf(out, (int) Math.min(limit, 2L * out.length));
    }
    out[at] = value;
    return out;
  }

  /**
   * This set with {@code adds} added and then {@code removes} removed. {@link Change#added()} and
   * {@link Change#removed()} count the values whose membership changed.
   */
  public Change apply(NumberSet adds, NumberSet removes) {
    // Effective adds: not removed again in the same batch, not already present.
    NumberSet netAdds = SetOperation.ANDNOT.apply(adds, removes);
    long wereIn = SetOperation.AND.apply(netAdds, added).cardinality()
        + SetOperation.ANDNOT.apply(SetOperation.AND.apply(netAdds, base), removed).cardinality();
    long addedNow = netAdds.cardinality() - wereIn;
    // Effective removes: present before the batch or added by it.
    long removedNow = SetOperation.AND.apply(removes, added).cardinality()
        + SetOperation.ANDNOT.apply(SetOperation.AND.apply(removes, base), removed).cardinality();
    NumberSet inBaseAdds = SetOperation.AND.apply(adds, base);
    // added' = (added ∪ (adds \ base)) \ removes; removed' = (removed \ adds) ∪ (removes ∩ base)
    NumberSet newAdded = SetOperation.ANDNOT.apply(
        SetOperation.OR.apply(added, SetOperation.ANDNOT.apply(adds, inBaseAdds)), removes);
    NumberSet newRemoved = SetOperation.OR.apply(
        SetOperation.ANDNOT.apply(removed, adds), SetOperation.AND.apply(removes, base));
    return new Change(new NumberDelta(base, newAdded, newRemoved), addedNow, removedNow);
  }

  /** The result of {@link #apply}: the new set and how many values changed membership. */
  public record Change(NumberDelta set, long added, long removed) {}

  /** Folds the delta into a new frozen base (CPU-heavy for large bases: call it off any event loop). */
  public NumberSet compact() {
    if (isEmpty()) {
      return base;
    }
    return SetOperation.ANDNOT.apply(SetOperation.OR.apply(base, added), removed);
  }

  /**
   * This set expressed over {@code newBase}, which must hold exactly the values of {@code folded}:
   * an earlier version of this set over the same base (what a compaction folded while this one
   * took more updates). The two can differ only on values either delta touched.
   */
  public NumberDelta rebase(NumberSet newBase, NumberDelta folded) {
    if (folded.base != base) {
      throw new IllegalArgumentException("folded is not a version over the same base");
    }
    NumberSet touched = SetOperation.OR.apply(List.of(added, removed, folded.added, folded.removed));
    // This set within touched: added ∪ ((base ∩ touched) \ removed)
    NumberSet mine = SetOperation.OR.apply(added,
        SetOperation.ANDNOT.apply(SetOperation.AND.apply(touched, base), removed));
    NumberSet theirs = SetOperation.AND.apply(touched, newBase);
    return new NumberDelta(newBase, SetOperation.ANDNOT.apply(mine, theirs), SetOperation.ANDNOT.apply(theirs, mine));
  }

  /** Exact heap bytes of the delta sets (see {@link NumberSet#byteSize()}). */
  public long deltaBytes() {
    return added.byteSize() + removed.byteSize();
  }

  /** Heap bytes of base and delta together. */
  public long byteSize() {
    return base.byteSize() + deltaBytes();
  }

  @Override
  public String toString() {
    return "NumberDelta{base=" + base + ", +" + added.cardinality() + ", -" + removed.cardinality() + "}";
  }
}
