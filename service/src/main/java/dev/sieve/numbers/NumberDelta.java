package dev.sieve.numbers;

import dev.sieve.delta.LeveledDelta;
import dev.sieve.delta.Levels;
import java.util.Arrays;
import java.util.List;

/**
 * A frozen {@link NumberSet} plus the updates since it was frozen, kept as {@link Levels} of
 * {@link NumberLevel}s: the numbers' counterpart of {@code WordDelta}. Each batch becomes a small
 * level of the values whose membership it changed, found by set algebra over the batch (never over
 * the whole delta), and levels merge geometrically, so an update costs O(batch · levels) plus
 * amortised O(log delta) copies per value. (An {@code or} of a batch into one delta bitmap would
 * copy every container of the delta each time.) Reads ask the levels newest first, then the base;
 * {@link #compact()} folds both into a new base.
 *
 * <p>Immutable: {@link #apply} returns a new instance sharing every level it did not merge.
 * Thread-safe for reads. Counts and listings are exact across base and levels.
 */
public final class NumberDelta extends LeveledDelta<NumberDelta, NumberSet, NumberLevel> {
  private static final long LOW_32 = 1L << 32;
  /** Up to this many values, {@link #members} looks each up rather than intersecting sets. */
  private static final int SMALL_PROBE = 64;

  private NumberDelta(NumberSet base, Levels<NumberLevel> levels, long added, long removed) {
    super(base, levels, added, removed);
  }

  @Override
  protected NumberDelta with(NumberSet base, Levels<NumberLevel> levels, long added, long removed) {
    return new NumberDelta(base, levels, added, removed);
  }

  /** A base with an empty delta. */
  public static NumberDelta of(NumberSet base) {
    return new NumberDelta(base, Levels.empty(), 0, 0);
  }

  public long cardinality() {
    return base.cardinality() + added - removed;
  }

  /** As {@link NumberSet#type()}, for the set base and delta hold together. */
  public String type() {
    return count(LOW_32, NumberSet.MAX_VALUE) == 0 ? "RoaringBitmap" : "Roaring64";
  }

  public boolean contains(long n) {
    for (int i = levels.count() - 1; i >= 0; i--) {
      NumberLevel l = levels.get(i);
      if (l.in().contains(n)) {
        return true;
      }
      if (l.out().contains(n)) {
        return false;
      }
    }
    return base.contains(n);
  }

  /** As {@link NumberSet#count}, exact across base and delta. */
  public long count(long first, long last) {
    long n = base.count(first, last);
    for (int i = 0; i < levels.count(); i++) {
      n += levels.get(i).in().count(first, last) - levels.get(i).out().count(first, last);
    }
    return n;
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
    // Candidates: the base's values and each level's values that came in, merged in order; each
    // is then judged by contains (the newest level that touched it, else the base).
    int page = Math.min(limit, 4096);
    Values[] sources = new Values[levels.count() + 1];
    sources[0] = new Values(base, first, last, page);
    for (int i = 0; i < levels.count(); i++) {
      sources[i + 1] = new Values(levels.get(i).in(), first, last, page);
    }
    long[] out = new long[Math.min(limit, 1 << 16)];
    int n = 0;
    while (n < limit) {
      long min = Long.MAX_VALUE;
      boolean any = false;
      for (Values s : sources) {
        if (s.has() && (!any || s.head() < min)) {
          min = s.head();
          any = true;
        }
      }
      if (!any) {
        break;
      }
      for (Values s : sources) {
        if (s.has() && s.head() == min) {
          s.advance();
        }
      }
      if (contains(min)) {
        if (n == out.length) {
          out = Arrays.copyOf(out, (int) Math.min(limit, 2L * out.length));
        }
        out[n++] = min;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** The values of a set within [first, last], ascending, read a page at a time. */
  private static final class Values {
    private final NumberSet set;
    private final long last;
    private final int page;
    private long[] values;
    private int at;

    Values(NumberSet set, long first, long last, int page) {
      this.set = set;
      this.last = last;
      this.page = page;
      this.values = set.list(first, last, page);
    }

    boolean has() {
      return at < values.length;
    }

    long head() {
      return values[at];
    }

    void advance() {
      if (++at == values.length && values.length == page) {
        long seen = values[values.length - 1];
        values = seen == Long.MAX_VALUE ? new long[0] : set.list(seen + 1, last, page);
        at = 0;
      }
    }
  }

  /**
   * The values of {@code probe} this set holds: one {@link #contains} per value for a small
   * probe (a few lookups per level beat building a set per level), else by set algebra over the
   * probe, level by level; never work in the size of the delta.
   */
  private NumberSet members(NumberSet probe) {
    if (probe.cardinality() <= SMALL_PROBE) {
      NumberSetBuilder held = new NumberSetBuilder();
      for (long v : probe.list(0, NumberSet.MAX_VALUE, SMALL_PROBE)) {
        if (contains(v)) {
          held.add(v);
        }
      }
      return held.build();
    }
    NumberSet held = SetOperation.AND.apply(probe, base);
    for (int i = 0; i < levels.count(); i++) {
      NumberLevel l = levels.get(i);
      held = SetOperation.OR.apply(SetOperation.ANDNOT.apply(held, l.out()), SetOperation.AND.apply(probe, l.in()));
    }
    return held;
  }

  /**
   * This set with {@code adds} added and then {@code removes} removed. {@link Change#added()} and
   * {@link Change#removed()} count the values whose membership changed.
   */
  public Change apply(NumberSet adds, NumberSet removes) {
    // removes win over adds of the same batch
    NumberSet netAdds = SetOperation.ANDNOT.apply(adds, removes);
    NumberSet in = SetOperation.ANDNOT.apply(netAdds, members(netAdds));
    NumberSet out = members(removes);
    long inFromBase = SetOperation.AND.apply(in, base).cardinality();
    long outOfBase = SetOperation.AND.apply(out, base).cardinality();
    long nowAdded = added + (in.cardinality() - inFromBase) - (out.cardinality() - outOfBase);
    long nowRemoved = removed - inFromBase + outOfBase;
    NumberLevel level = new NumberLevel(in, out);
    return new Change(new NumberDelta(base, levels.push(level), nowAdded, nowRemoved),
        in.cardinality(), out.cardinality());
  }

  /** The result of {@link #apply}: the new set and how many values changed membership. */
  public record Change(NumberDelta set, long added, long removed) {}

  /** Folds the delta into a new frozen base (CPU-heavy for large bases: call it off any event loop). */
  public NumberSet compact() {
    if (isEmpty()) {
      return base;
    }
    NumberLevel net = levels.merged(); // in: not in the base; out: in the base
    return SetOperation.ANDNOT.apply(SetOperation.OR.apply(base, net.in()), net.out());
  }

  /**
   * This set expressed over {@code newBase}, which must hold exactly the values of {@code folded}:
   * an earlier version of this set over the same base. As {@code WordDelta.rebase}: O(updates
   * since the fold) when {@code folded}'s levels are still this set's oldest, else O(delta).
   */
  public NumberDelta rebase(NumberSet newBase, NumberDelta folded) {
    NumberDelta fast = rebaseOverLaterLevels(newBase, folded);
    if (fast != null) {
      return fast;
    }
    NumberSet touched = SetOperation.OR.apply(touched(), folded.touched());
    NumberSet mine = members(touched);
    NumberSet theirs = SetOperation.AND.apply(touched, newBase);
    NumberLevel level = new NumberLevel(SetOperation.ANDNOT.apply(mine, theirs), SetOperation.ANDNOT.apply(theirs, mine));
    return new NumberDelta(newBase, Levels.of(level), level.in().cardinality(), level.out().cardinality());
  }

  private NumberSet touched() {
    NumberSet all = NumberSet.empty();
    for (int i = 0; i < levels.count(); i++) {
      all = SetOperation.OR.apply(List.of(all, levels.get(i).in(), levels.get(i).out()));
    }
    return all;
  }

  @Override
  public long baseBytes() {
    return base.byteSize() + base.mappedBytes();
  }

  @Override
  public long baseElements() {
    return base.cardinality();
  }

  /** Heap bytes of base and delta together. */
  public long byteSize() {
    return base.byteSize() + deltaBytes();
  }

  @Override
  public String toString() {
    return "NumberDelta{base=" + base + ", +" + added + ", -" + removed + ", " + levels + "}";
  }
}
