package dev.sieve.registry;

import java.time.Duration;

/**
 * When a set's delta is folded into a new frozen base: once it holds {@code afterUpdates} update
 * batches, or once its oldest update is {@code afterTime} old, whichever comes first.
 */
public record CompactionPolicy(int afterUpdates, Duration afterTime) {
  public static final int DEFAULT_UPDATES = 1000;
  public static final long DEFAULT_SECONDS = 60;
  public static final Duration DEFAULT_TIME = Duration.ofSeconds(DEFAULT_SECONDS);

  public CompactionPolicy {
    if (afterUpdates < 1) {
      throw new IllegalArgumentException("compaction must come after at least 1 update: " + afterUpdates);
    }
    if (afterTime.isNegative() || afterTime.isZero()) {
      throw new IllegalArgumentException("compaction time must be positive: " + afterTime);
    }
  }

  public static CompactionPolicy defaults() {
    return new CompactionPolicy(DEFAULT_UPDATES, DEFAULT_TIME);
  }

  /** True if a version with these updates is due for compaction at {@code now}. */
  boolean due(SetVersion<?> v, java.time.Instant now) {
    return v.updates() > 0 && (v.updates() >= afterUpdates
        || (v.dirtySince() != null && !v.dirtySince().plus(afterTime).isAfter(now)));
  }
}
