package dev.sieve.numbers;

import java.util.Map;
import java.util.TreeMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * Collects naturals and ranges in any order into a {@link NumberSet}.
 *
 * <p>Values go into one mutable {@link RoaringBitmap} per high 32 bits; consecutive values in the
 * same bucket (the common case) skip the bucket lookup. {@link #build()} run-optimizes and trims
 * every bucket. Not thread-safe; the builder must not be used after {@code build()}.
 */
public final class NumberSetBuilder {
  /** The most values one {@link #addRange} call may add: one full 32-bit bucket. */
  public static final long MAX_RANGE_LENGTH = 1L << 32;

  private final TreeMap<Integer, RoaringBitmap> buckets = new TreeMap<>();
  private int lastHigh = -1;
  private RoaringBitmap last;

  /** Adds {@code n}; IllegalArgumentException if it is negative. */
  public void add(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("not a natural number: " + n);
    }
    bucket((int) (n >>> 32)).add((int) n);
  }

  /**
   * Adds every value of the inclusive range [{@code first}, {@code last}]; IllegalArgumentException
   * if {@code first} is negative, {@code first > last}, or the range holds more than {@link
   * #MAX_RANGE_LENGTH} values (which guards the heap against one line such as {@code 0-2^62}).
   */
  public void addRange(long first, long last) {
    if (first < 0) {
      throw new IllegalArgumentException("not a natural number: " + first);
    }
    if (first > last) {
      throw new IllegalArgumentException("range start " + first + " is greater than its end " + last);
    }
    if (last - first >= MAX_RANGE_LENGTH) {
      throw new IllegalArgumentException("range holds more than " + MAX_RANGE_LENGTH + " values");
    }
    long firstHigh = first >>> 32;
    long lastHighOfRange = last >>> 32;
    // a long counter: an int one would wrap past the top bucket (2^31 - 1) and never stop
    for (long high = firstHigh; high <= lastHighOfRange; high++) {
      long start = high == firstHigh ? first & 0xFFFF_FFFFL : 0;
      long end = high == lastHighOfRange ? (last & 0xFFFF_FFFFL) + 1 : 1L << 32;
      bucket((int) high).add(start, end);
    }
  }

  /** Adds every value of {@code set}. */
  public void addAll(NumberSet set) {
    int[] highs = set.highs();
    for (int i = 0; i < highs.length; i++) {
      bucket(highs[i]).or(set.heapBucket(i));
    }
  }

  private RoaringBitmap bucket(int high) {
    if (high != lastHigh || last == null) {
      last = buckets.computeIfAbsent(high, h -> new RoaringBitmap());
      lastHigh = high;
    }
    return last;
  }

  /** Freezes the values into an immutable set (run-optimized, trimmed). */
  public NumberSet build() {
    int size = 0;
    for (RoaringBitmap bitmap : buckets.values()) {
      size += bitmap.isEmpty() ? 0 : 1;
    }
    int[] highs = new int[size];
    RoaringBitmap[] lows = new RoaringBitmap[size];
    int i = 0;
    for (Map.Entry<Integer, RoaringBitmap> e : buckets.entrySet()) {
      RoaringBitmap bitmap = e.getValue();
      if (!bitmap.isEmpty()) {
        bitmap.runOptimize();
        bitmap.trim();
        highs[i] = e.getKey();
        lows[i] = bitmap;
        i++;
      }
    }
    buckets.clear();
    last = null;
    return i == 0 ? NumberSet.empty() : new NumberSet(highs, lows);
  }
}
