package dev.sieve.numbers;

import dev.sieve.memory.JvmLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.roaringbitmap.ContainerPointer;
import org.roaringbitmap.ImmutableBitmapDataProvider;
import org.roaringbitmap.PeekableIntIterator;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.roaringbitmap.buffer.MappeableContainerPointer;

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
 * <p>A set may also be <em>mapped</em> ({@link NumberSetFormat#map}): its buckets are then
 * {@link ImmutableRoaringBitmap}s reading a memory-mapped snapshot in place, nothing copied to the
 * heap. Queries read them as they are; set algebra and anything else that needs heap bitmaps
 * copies the buckets it touches (or, through {@link #lows()}, all of them, once).
 *
 * <p>Thread safety: immutable once built (the bitmaps are never mutated after construction, and may
 * be shared between sets built from one another), so safe to read from any thread.
 */
public final class NumberSet {
  /** The largest value a set may hold. */
  public static final long MAX_VALUE = Long.MAX_VALUE;

  private static final NumberSet EMPTY = new NumberSet(new int[0], new RoaringBitmap[0]);

  private final int[] highs;
  /** The buckets as read: {@code RoaringBitmap}s, or {@code ImmutableRoaringBitmap}s of a mapped set. */
  private final ImmutableBitmapDataProvider[] buckets;
  private final boolean mapped;
  /** Heap copies of the buckets: the buckets themselves unless mapped, else made on first need. */
  private volatile RoaringBitmap[] lows;
  /** {@link #byteSize()}, once measured (-1 before); racy but idempotent, as String's hash. */
  private long byteSize = -1;
  private final long cardinality;
  /** {@link #mappedBytes()}: worked out once, as the buckets are read. */
  private final long mappedBytes;

  /**
   * Takes ownership of the arrays: {@code highs} ascending in [0, 2^31), {@code lows} non-empty,
   * run-optimized and trimmed bitmaps that nobody mutates any more.
   */
  NumberSet(int[] highs, RoaringBitmap[] lows) {
    this(highs, lows, false);
    this.lows = lows;
  }

  /** A set whose buckets read a mapped snapshot in place (non-empty, as written from a valid set). */
  NumberSet(int[] highs, ImmutableRoaringBitmap[] buckets) {
    this(highs, buckets, true);
  }

  private NumberSet(int[] highs, ImmutableBitmapDataProvider[] buckets, boolean mapped) {
    this.highs = highs;
    this.buckets = buckets;
    this.mapped = mapped;
    long total = 0;
    long serialized = 0;
    for (ImmutableBitmapDataProvider b : buckets) {
      total += b.getLongCardinality();
      serialized += mapped ? b.serializedSizeInBytes() : 0;
    }
    this.cardinality = total;
    this.mappedBytes = serialized;
  }

  /** True if the set reads a memory-mapped snapshot in place. */
  public boolean isMapped() {
    return mapped;
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
    return i >= 0 && buckets[i].contains((int) n);
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
          ? buckets[i].getLongCardinality()
          : buckets[i].rangeCardinality(start, end);
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
      PeekableIntIterator it = buckets[i].getIntIterator();
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

  /**
   * Exact bytes this set holds on the heap (see {@link JvmLayout}); shared bitmaps count fully. A
   * mapped set holds its containers in the mapped file instead ({@link #mappedBytes()}): only its
   * arrays are counted here (the few small objects each mapped bucket adds are not).
   */
  public long byteSize() {
    // measured once: it walks every container, and an update asks for its base's bytes
    long b = byteSize;
    if (b < 0) {
      b = measureBytes();
      byteSize = b;
    }
    return b;
  }

  private long measureBytes() {
    // highs, buckets, lows (the same array as buckets unless mapped), cardinality, mappedBytes,
    // byteSize, mapped
    long bytes = JvmLayout.object(3L * JvmLayout.REFERENCE + 8 + 8 + 8 + 1)
        + JvmLayout.array(4, highs.length)
        + JvmLayout.array(JvmLayout.REFERENCE, buckets.length);
    if (mapped) {
      return bytes;
    }
    for (RoaringBitmap low : lows) {
      bytes += bitmapBytes(low);
    }
    return bytes;
  }

  /** Bytes of mapped snapshot this set reads in place; 0 unless {@link #isMapped()}. */
  public long mappedBytes() {
    if (!mapped) {
      return 0;
    }
    return mappedBytes;
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
    if (mapped) {
      // containers in the mapped file: their bytes there, by type
      for (ImmutableBitmapDataProvider b : buckets) {
        MappeableContainerPointer p = ((ImmutableRoaringBitmap) b).getContainerPointer();
        while (p.hasContainer()) {
          int type = p.isBitmapContainer() ? 1 : p.isRunContainer() ? 2 : 0;
          counts[type]++;
          values[type] += p.getCardinality();
          bytes[type] += p.getSizeInBytes();
          p.advance();
        }
      }
      List<ContainerStats> out = new ArrayList<>(4);
      out.add(new ContainerStats("array", counts[0], values[0], bytes[0]));
      out.add(new ContainerStats("bitmap", counts[1], values[1], bytes[1]));
      out.add(new ContainerStats("run", counts[2], values[2], bytes[2]));
      out.add(new ContainerStats("index", highs.length, 0, byteSize()));
      return out;
    }
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

  /**
   * Buckets as heap bitmaps, one per key; callers must not modify. For a mapped set this copies
   * every bucket to the heap, once: prefer {@link #bucket} where reading is enough.
   */
  RoaringBitmap[] lows() {
    RoaringBitmap[] heap = lows;
    if (heap == null) {
      synchronized (this) {
        heap = lows;
        if (heap == null) {
          heap = new RoaringBitmap[buckets.length];
          for (int i = 0; i < heap.length; i++) {
            heap[i] = ((ImmutableRoaringBitmap) buckets[i]).toRoaringBitmap();
          }
          lows = heap;
        }
      }
    }
    return heap;
  }

  /** Bucket {@code i} as it is read (a heap or a mapped bitmap); callers must not modify. */
  ImmutableBitmapDataProvider bucket(int i) {
    return buckets[i];
  }

  /** Bucket {@code i} as a heap bitmap: itself, or a copy of a mapped one (not kept). */
  RoaringBitmap heapBucket(int i) {
    RoaringBitmap[] heap = lows;
    return heap != null ? heap[i] : ((ImmutableRoaringBitmap) buckets[i]).toRoaringBitmap();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NumberSet other
        && Arrays.equals(highs, other.highs)
        && Arrays.equals(lows(), other.lows());
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(highs) + Arrays.hashCode(lows());
  }

  @Override
  public String toString() {
    return "NumberSet{" + type() + ", cardinality=" + cardinality + (mapped ? ", mapped" : "") + "}";
  }
}
