package dev.sieve.numbers;

import dev.sieve.memory.JvmLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.roaringbitmap.ContainerPointer;
import org.roaringbitmap.PeekableIntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * An immutable set of naturals 0 .. 2^63-1 held in Roaring bitmaps.
 *
 * <p>Values are split by their high 32 bits into buckets, each a {@link RoaringBitmap} of the low
 * 32 bits: the layout of Roaring's {@code Roaring64NavigableMap} and of the 64-bit portable format
 * that CRoaring, Go and Python Roaring read. A set whose values all fit in 32 bits is a single
 * bucket with key 0, that is a plain {@code RoaringBitmap}, and exports as one ({@link #is32Bit()}).
 * Keeping the buckets in two flat arrays rather than Roaring's own 64-bit classes lets the set be
 * sized exactly and broken down by container type.
 *
 * <p>Ranges in queries are inclusive at both ends, so the whole domain 0 .. 2^63-1 is expressible.
 *
 * <p>Thread safety: immutable once built (the bitmaps are never mutated after construction, and may
 * be shared between sets built from one another), so safe to read from any thread.
 */
public final class NumberSet {
  /** The largest value a set may hold. */
  public static final long MAX_VALUE = Long.MAX_VALUE;

  private static final NumberSet EMPTY = new NumberSet(new int[0], new RoaringBitmap[0]);

  private final int[] highs;
  private final RoaringBitmap[] lows;
  private final long cardinality;

  /**
   * Takes ownership of the arrays: {@code highs} ascending in [0, 2^31), {@code lows} non-empty,
   * run-optimized and trimmed bitmaps that nobody mutates any more.
   */
  NumberSet(int[] highs, RoaringBitmap[] lows) {
    this.highs = highs;
    this.lows = lows;
    long total = 0;
    for (RoaringBitmap low : lows) {
      total += low.getLongCardinality();
    }
    this.cardinality = total;
  }

  /** The empty set. */
  public static NumberSet empty() {
    return EMPTY;
  }

  /** A set of the given values, in any order, duplicates allowed. */
  public static NumberSet of(long... values) {
    NumberSetBuilder builder = new NumberSetBuilder();
    for (long value : values) {
      builder.add(value);
    }
    return builder.build();
  }

  /** Number of values in the set. */
  public long cardinality() {
    return cardinality;
  }

  /** True if every value is below 2^32: the set is one {@code RoaringBitmap}. */
  public boolean is32Bit() {
    return highs.length == 0 || (highs.length == 1 && highs[0] == 0);
  }

  /** The Roaring type the set exports as: {@code "RoaringBitmap"} or {@code "Roaring64"}. */
  public String type() {
    return is32Bit() ? "RoaringBitmap" : "Roaring64";
  }

  /** True if {@code n} is in the set; false for negative {@code n}. */
  public boolean contains(long n) {
    if (n < 0) {
      return false;
    }
    int i = Arrays.binarySearch(highs, (int) (n >>> 32));
    return i >= 0 && lows[i].contains((int) n);
  }

  /** Number of values in [{@code first}, {@code last}] (inclusive); zero when {@code first > last}. */
  public long count(long first, long last) {
    if (first < 0) {
      first = 0;
    }
    if (first > last) {
      return 0;
    }
    int firstHigh = (int) (first >>> 32);
    int lastHigh = (int) (last >>> 32);
    long total = 0;
    for (int i = firstBucket(firstHigh); i < highs.length && highs[i] <= lastHigh; i++) {
      long start = highs[i] == firstHigh ? first & 0xFFFF_FFFFL : 0;
      long end = highs[i] == lastHigh ? (last & 0xFFFF_FFFFL) + 1 : 1L << 32;
      total += start == 0 && end == 1L << 32
          ? lows[i].getLongCardinality()
          : lows[i].rangeCardinality(start, end);
    }
    return total;
  }

  /**
   * The values in [{@code first}, {@code last}] (inclusive) in ascending order, at most {@code
   * limit} of them.
   */
  public long[] list(long first, long last, int limit) {
    if (first < 0) {
      first = 0;
    }
    if (first > last || limit <= 0) {
      return new long[0];
    }
    long[] out = new long[(int) Math.min(limit, Math.min(cardinality, 1 << 16))];
    int n = 0;
    int firstHigh = (int) (first >>> 32);
    for (int i = firstBucket(firstHigh); i < highs.length && n < limit; i++) {
      long base = (long) highs[i] << 32;
      if (base > last) {
        break;
      }
      PeekableIntIterator it = lows[i].getIntIterator();
      if (highs[i] == firstHigh) {
        it.advanceIfNeeded((int) first);
      }
      while (it.hasNext() && n < limit) {
        long value = base | Integer.toUnsignedLong(it.next());
        if (value > last) {
          break;
        }
        if (n == out.length) {
          out = Arrays.copyOf(out, (int) Math.min(limit, 2L * out.length));
        }
        out[n++] = value;
      }
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  private int firstBucket(int high) {
    int i = Arrays.binarySearch(highs, high);
    return i >= 0 ? i : -i - 1;
  }

  /** Exact bytes this set holds on the heap (see {@link JvmLayout}); shared bitmaps count fully. */
  public long byteSize() {
    long bytes = JvmLayout.object(2L * JvmLayout.REFERENCE + 8)
        + JvmLayout.array(4, highs.length)
        + JvmLayout.array(JvmLayout.REFERENCE, lows.length);
    for (RoaringBitmap low : lows) {
      bytes += bitmapBytes(low);
    }
    return bytes;
  }

  /**
   * Where the bytes go: one entry per container type ({@code array}, {@code bitmap}, {@code run})
   * and one for the {@code index} (bucket keys, container keys and references, object headers).
   * The bytes add up to {@link #byteSize()}.
   */
  public List<ContainerStats> breakdown() {
    long[] counts = new long[3];
    long[] values = new long[3];
    long[] bytes = new long[3];
    for (RoaringBitmap low : lows) {
      ContainerPointer p = low.getContainerPointer();
      while (p.getContainer() != null) {
        int type = p.isBitmapContainer() ? 1 : p.isRunContainer() ? 2 : 0;
        counts[type]++;
        values[type] += p.getCardinality();
        bytes[type] += containerBytes(p);
        p.advance();
      }
    }
    long containerBytes = bytes[0] + bytes[1] + bytes[2];
    List<ContainerStats> out = new ArrayList<>(4);
    out.add(new ContainerStats("array", counts[0], values[0], bytes[0]));
    out.add(new ContainerStats("bitmap", counts[1], values[1], bytes[1]));
    out.add(new ContainerStats("run", counts[2], values[2], bytes[2]));
    out.add(new ContainerStats("index", highs.length, 0, byteSize() - containerBytes));
    return out;
  }

  static long bitmapBytes(RoaringBitmap bitmap) {
    // RoaringBitmap(highLowContainer) -> RoaringArray(keys, values, size) -> char[] + Container[]
    int containers = 0;
    long bytes = 0;
    ContainerPointer p = bitmap.getContainerPointer();
    while (p.getContainer() != null) {
      containers++;
      bytes += containerBytes(p);
      p.advance();
    }
    return bytes
        + JvmLayout.object(JvmLayout.REFERENCE)
        + JvmLayout.object(2L * JvmLayout.REFERENCE + 4)
        + JvmLayout.array(2, containers)
        + JvmLayout.array(JvmLayout.REFERENCE, containers);
  }

  private static long containerBytes(ContainerPointer p) {
    // Each container: a reference to its array and an int (cardinality or number of runs). After
    // trim(), array and run containers hold arrays of exactly getArraySizeInBytes() bytes.
    int arrayBytes = p.getContainer().getArraySizeInBytes();
    return JvmLayout.object(JvmLayout.REFERENCE + 4) + JvmLayout.array(1, arrayBytes);
  }

  /** Bucket keys, ascending; callers must not modify. */
  int[] highs() {
    return highs;
  }

  /** Buckets, one per key; callers must not modify. */
  RoaringBitmap[] lows() {
    return lows;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NumberSet other
        && Arrays.equals(highs, other.highs)
        && Arrays.equals(lows, other.lows);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(highs) + Arrays.hashCode(lows);
  }

  @Override
  public String toString() {
    return "NumberSet{" + type() + ", cardinality=" + cardinality + "}";
  }
}
