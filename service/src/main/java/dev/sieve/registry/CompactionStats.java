package dev.sieve.registry;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What compactions have done since the start, per kind of set and action ({@link
 * CompactionPolicy.Action#FOLD} or {@link CompactionPolicy.Action#MERGE}): how many ran, how long
 * they took in all and at most (from reading the sealed delta to the swap, nanoseconds), and the
 * delta bytes they folded or merged. Only the compactor thread writes; any thread reads. Thread-safe.
 */
public final class CompactionStats {
  /** One kind and action's figures. */
  public static final class Tally {
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong maxNanos = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    /** One compaction done: how long it took, the delta bytes it folded or merged. */
    public void record(long tookNanos, long deltaBytes) {
      nanos.addAndGet(tookNanos);
      maxNanos.accumulateAndGet(tookNanos, Math::max);
      bytes.addAndGet(deltaBytes);
      count.incrementAndGet(); // last: a reader seeing the count sees its time and bytes
    }

    public long count() {
      return count.get();
    }

    public long nanos() {
      return nanos.get();
    }

    public long maxNanos() {
      return maxNanos.get();
    }

    public long bytes() {
      return bytes.get();
    }
  }

  private final Map<SetKind, Map<CompactionPolicy.Action, Tally>> tallies = new EnumMap<>(SetKind.class);

  CompactionStats() {
    for (SetKind kind : SetKind.values()) {
      Map<CompactionPolicy.Action, Tally> byAction = new EnumMap<>(CompactionPolicy.Action.class);
      byAction.put(CompactionPolicy.Action.FOLD, new Tally());
      byAction.put(CompactionPolicy.Action.MERGE, new Tally());
      tallies.put(kind, byAction);
    }
  }

  /** The figures of {@code kind}'s {@code action} (FOLD or MERGE). */
  public Tally of(SetKind kind, CompactionPolicy.Action action) {
    Tally t = tallies.get(kind).get(action);
    if (t == null) {
      throw new IllegalArgumentException("no figures for " + action);
    }
    return t;
  }
}
