package dev.sieve.numbers;

import dev.sieve.delta.Levels;
import dev.sieve.memory.JvmLayout;

/**
 * One level of a {@link NumberDelta}: the values that came in ({@code in}) and went out ({@code
 * out}) over one or more consecutive update batches, disjoint Roaring sets. A value is in a level
 * only if its membership changed over the level's batches, so the count of a range moves by
 * exactly {@code in - out} across the level. Immutable.
 */
final class NumberLevel implements Levels.Level<NumberLevel> {
  private final NumberSet in;
  private final NumberSet out;
  /** Worked out once: {@link NumberSet#byteSize} walks the containers, and an update asks for it. */
  private final long bytes;

  NumberLevel(NumberSet in, NumberSet out) {
    this.in = in;
    this.out = out;
    this.bytes = JvmLayout.object(2L * JvmLayout.REFERENCE + 8) + in.byteSize() + out.byteSize();
  }

  NumberSet in() {
    return in;
  }

  NumberSet out() {
    return out;
  }

  @Override
  public long inCount() {
    return in.cardinality();
  }

  @Override
  public long outCount() {
    return out.cardinality();
  }

  @Override
  public long bytes() {
    return bytes;
  }

  /** As {@code WordLevel}'s: a value in here and out in {@code newer} (or the reverse) cancels. */
  @Override
  public NumberLevel mergeNewer(NumberLevel newer) {
    NumberSet mergedIn = SetOperation.OR.apply(
        SetOperation.ANDNOT.apply(in, newer.out), SetOperation.ANDNOT.apply(newer.in, out));
    NumberSet mergedOut = SetOperation.OR.apply(
        SetOperation.ANDNOT.apply(out, newer.in), SetOperation.ANDNOT.apply(newer.out, in));
    return new NumberLevel(mergedIn, mergedOut);
  }
}
