package dev.sieve.numbers;

import dev.sieve.memory.JvmLayout;
import dev.sieve.memory.LoadMemoryException;
import dev.sieve.memory.Reservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * Collects naturals and ranges in any order into a {@link NumberSet}.
 *
 * <p>Values go into one mutable {@link RoaringBitmap} per high 32 bits; consecutive values in the
 * same bucket (the common case) skip the bucket lookup. {@link #build()} run-optimizes and trims
 * every bucket. Not thread-safe; the builder must not be used after {@code build()}.
 *
 * <p>Memory: the builder keeps a {@link Reservation} at its {@linkplain #byteSize() size}, brought
 * up to date every {@value #CHECK_ADDS} additions by measuring only the buckets touched since the
 * last time (so the cost stays a few operations per value even with millions of buckets); when
 * the reservation says no, the adding call throws its {@link Reservation#refusal} and the builder
 * drops what it held (it is then empty). The build
 * trims in place and needs little beyond that.
 */
public final class NumberSetBuilder {
  /** The most values one {@link #addRange} call may add: one full 32-bit bucket. */
  public static final long MAX_RANGE_LENGTH = 1L << 32;
  /** Additions between two updates of the reservation. */
  static final int CHECK_ADDS = 1 << 14;
  // A bucket's own objects: its TreeMap entry, boxed key and Bucket holder.
  private static final long BUCKET_OVERHEAD = JvmLayout.object(5L * JvmLayout.REFERENCE + 1)
      + JvmLayout.object(4) + JvmLayout.object(JvmLayout.REFERENCE + 8 + 1);

  /** One bucket's bitmap, and its bytes as last measured. */
  private static final class Bucket {
    final RoaringBitmap bitmap = new RoaringBitmap();
    long measured;
    boolean touched;
  }

  private final TreeMap<Integer, Bucket> buckets = new TreeMap<>();
  private final Reservation reservation;
  private final List<Bucket> touched = new ArrayList<>();
  private long measuredBytes;
  private int addsSinceCheck;
  private int lastHigh = -1;
  private Bucket lastBucket;
  private RoaringBitmap last;

  /** A builder whose growth no budget limits (tools, tests, update batches built from JSON). */
  public NumberSetBuilder() {
    this(Reservation.unlimited());
  }

  /** A builder that holds {@code reservation} at its size as it grows; the caller closes it. */
  public NumberSetBuilder(Reservation reservation) {
    this.reservation = reservation;
  }

  /** Adds {@code n}; IllegalArgumentException if it is negative. */
  public void add(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("not a natural number: " + n);
    }
    bucket((int) (n >>> 32)).add((int) n);
    counted();
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
    counted();
  }

  /** Adds every value of {@code set}. */
  public void addAll(NumberSet set) {
    int[] highs = set.highs();
    for (int i = 0; i < highs.length; i++) {
      bucket(highs[i]).or(set.heapBucket(i));
      counted();
    }
  }

  /**
   * Estimated heap bytes held, as of the last update of the reservation (every {@value
   * #CHECK_ADDS} additions): each bucket's bitmap as {@code NumberSet} counts it, plus the
   * bucket's own objects. Untrimmed array containers may hold up to 2x their values' bytes, so
   * this can fall short of the heap by that slack.
   */
  public long byteSize() {
    return measuredBytes + BUCKET_OVERHEAD * buckets.size();
  }

  private RoaringBitmap bucket(int high) {
    if (high != lastHigh || last == null) {
      lastBucket = buckets.computeIfAbsent(high, h -> new Bucket());
      last = lastBucket.bitmap;
      lastHigh = high;
      touch(lastBucket);
    }
    return last;
  }

  private void touch(Bucket bucket) {
    if (!bucket.touched) {
      bucket.touched = true;
      touched.add(bucket);
    }
  }

  /** After each addition: every {@value #CHECK_ADDS}, remeasures the touched buckets and grows the reservation. */
  private void counted() {
    if (++addsSinceCheck < CHECK_ADDS) {
      return;
    }
    addsSinceCheck = 0;
    for (Bucket b : touched) {
      long now = NumberSet.bitmapBytes(b.bitmap);
      measuredBytes += now - b.measured;
      b.measured = now;
      b.touched = false;
    }
    touched.clear();
    // the current bucket keeps growing without a switch that would mark it again
    touch(lastBucket);
    long total = byteSize();
    if (!reservation.tryGrowTo(total)) {
      LoadMemoryException refusal = reservation.refusal(total);
      // the load is over: its values become garbage now, not when the connection is done with
      buckets.clear();
      touched.clear();
      measuredBytes = 0;
      last = null;
      lastBucket = null;
      throw refusal;
    }
  }

  /** Freezes the values into an immutable set (run-optimized, trimmed). */
  public NumberSet build() {
    int size = 0;
    for (Bucket b : buckets.values()) {
      size += b.bitmap.isEmpty() ? 0 : 1;
    }
    int[] highs = new int[size];
    RoaringBitmap[] lows = new RoaringBitmap[size];
    int i = 0;
    for (Map.Entry<Integer, Bucket> e : buckets.entrySet()) {
      RoaringBitmap bitmap = e.getValue().bitmap;
      if (!bitmap.isEmpty()) {
        bitmap.runOptimize();
        bitmap.trim();
        highs[i] = e.getKey();
        lows[i] = bitmap;
        i++;
      }
    }
    buckets.clear();
    touched.clear();
    last = null;
    lastBucket = null;
    return i == 0 ? NumberSet.empty() : new NumberSet(highs, lows);
  }
}
