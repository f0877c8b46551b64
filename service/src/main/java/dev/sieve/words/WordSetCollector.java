package dev.sieve.words;

import dev.sieve.memory.LoadMemoryException;
import dev.sieve.memory.Reservation;
import java.util.Arrays;

/**
 * Collects words in any order, with duplicates, for a {@link WordSet}: the words are kept as one
 * growing array of UTF-8 bytes plus one array of end offsets (no object per word), then sorted in
 * unsigned byte order with a multikey quicksort (Bentley and Sedgewick 1997) and streamed into a
 * {@link WordSetBuilder}. Input that arrives already sorted (checked word by word as it comes) is
 * not sorted again.
 *
 * <p>Memory: the bytes of the words plus 8 bytes per word (offset, then sort index), with up to
 * 2x slack from array growth (1.5x once an array passes 1 MiB). At most {@value #MAX_BYTES} bytes
 * of words in all. The collector keeps a {@link Reservation} at its {@linkplain #peakBytes
 * projected peak} (its arrays, the sort index and the build), brought up to date before each array
 * grows and after each {@value #CHECK_BYTES} bytes of words; when the reservation says no, {@link
 * #add} throws its {@link Reservation#refusal} and drops the words it held (it is then empty).
 * Not thread-safe. Bytes are taken as they are: validating UTF-8 is the caller's business.
 */
public final class WordSetCollector {
  /** Largest total of word bytes one collector holds. */
  public static final int MAX_BYTES = Integer.MAX_VALUE - 16;
  /**
   * Heap the build ({@link WordSetBuilder}'s automaton and register, then {@code TrieEncoder}'s
   * layout arrays and the trie) needs per byte of collected words, beyond the collector's own
   * arrays and sort index. Measured on the worst case, random lowercase words (almost no shared
   * suffixes: the automaton is nearly a trie of every byte), 32 MiB of them (29.1 MiB of words, 3.05 M words)
   * build in no less than -Xmx544m, 51.1 MiB of it in use before the build (the collector) and 11.6 MiB
   * the sort index: (544 - 51.1 - 11.6) / 29.1 = 16.5 bytes per byte of words, rounded up
   * ({@code loadtest/scripts/build-peak.sh 32}, Java 17, G1).
   * Real word lists share far more and need less, so they are over-counted (a safe side):
   * {@code wamerican-insane} (6.3 MiB of words) built in -Xmx87m with 52 MiB in use before the
   * build, at most about 5 bytes per byte ({@code build-peak.sh /usr/share/dict/american-english-insane}).
   */
  public static final int BUILD_BYTES_PER_WORD_BYTE = 17;
  /** Bytes of words between two updates of the reservation, besides those at array growth. */
  static final int CHECK_BYTES = 1 << 20;

  private final Reservation reservation;
  private long nextCheck;

  private byte[] bytes = new byte[1 << 12];
  private int used;
  private int[] ends = new int[1 << 10];
  private int count;
  // True while every word added is >= the one before: build() then skips the sort.
  private boolean sorted = true;

  /** A collector whose growth no budget limits (tools, tests). */
  public WordSetCollector() {
    this(Reservation.unlimited());
  }

  /**
   * A collector that holds {@code reservation} at its projected peak as it grows; the caller
   * closes the reservation once the built set is no longer the load's (installed or dropped).
   */
  public WordSetCollector(Reservation reservation) {
    this.reservation = reservation;
  }

  public void add(byte[] utf8, int off, int len) {
    if ((long) used + len > MAX_BYTES) {
      throw new IllegalStateException("word collector is full: more than " + MAX_BYTES + " bytes of words");
    }
    if (used + len > bytes.length) {
      int capacity = (int) Math.min(MAX_BYTES, Math.max(grown(bytes.length), (long) used + len));
      reserve(capacity, ends.length, used + len, count + 1);
      bytes = Arrays.copyOf(bytes, capacity);
    }
    if (sorted && count > 0) {
      int prevStart = start(count - 1);
      sorted = Arrays.compareUnsigned(bytes, prevStart, used, utf8, off, off + len) <= 0;
    }
    System.arraycopy(utf8, off, bytes, used, len);
    used += len;
    if (count == ends.length) {
      int capacity = (int) Math.min(Integer.MAX_VALUE - 16, grown(ends.length));
      reserve(bytes.length, capacity, used, count + 1);
      ends = Arrays.copyOf(ends, capacity);
    }
    ends[count++] = used;
    if (used >= nextCheck) {
      reserve(bytes.length, ends.length, used, count);
    }
  }

  /**
   * The heap this collector will need at its peak, the end of {@link #build()}, if it holds
   * {@code words} words of {@code wordBytes} bytes in arrays of the given capacities: its arrays,
   * the sort index (4 bytes a word) and {@link #BUILD_BYTES_PER_WORD_BYTE} per byte of words. It
   * also covers the moment an array grows (old and new copies both live): the build's share is
   * larger than the old copy.
   */
  public static long peakBytes(long bytesCapacity, long endsCapacity, long wordBytes, long words) {
    return bytesCapacity + 4 * endsCapacity + 4 * words + BUILD_BYTES_PER_WORD_BYTE * wordBytes;
  }

  /** Brings the reservation up to the peak of the given shape before it is allocated; throws its refusal on a no. */
  private void reserve(long bytesCapacity, long endsCapacity, long wordBytes, long words) {
    long peak = peakBytes(bytesCapacity, endsCapacity, wordBytes, words);
    if (!reservation.tryGrowTo(peak)) {
      // Today a no refuses the load. A collector that can spill would write its words out as a
      // sorted run here, empty its arrays and go on.
      LoadMemoryException refusal = reservation.refusal(peak);
      // the load is over: its words become garbage now, not when the connection is done with
      bytes = new byte[0];
      ends = new int[0];
      used = 0;
      count = 0;
      throw refusal;
    }
    nextCheck = wordBytes + CHECK_BYTES;
  }

  /** Next capacity of an array: doubling while small, then 1.5x, to keep unused slack (counted in the budget) low. */
  private static long grown(int capacity) {
    return capacity < (1 << 20) ? 2L * capacity : capacity + (long) (capacity >> 1);
  }

  public void add(CharSequence word) {
    byte[] b = Utf8.bytes(word);
    add(b, 0, b.length);
  }

  /** Words added so far, duplicates included. */
  public long size() {
    return count;
  }

  /** Bytes currently held by the collector's arrays. */
  public long byteSize() {
    return bytes.length + 4L * ends.length;
  }

  /** Sorts, removes duplicates and builds the set. CPU-heavy: call it off any event loop. */
  public WordSet build() {
    reserve(bytes.length, ends.length, used, count);
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    if (!sorted) {
      sort(order, 0, count, 0);
    }
    WordSetBuilder b = new WordSetBuilder();
    for (int i = 0; i < count; i++) {
      int w = order[i];
      int start = start(w);
      b.add(bytes, start, ends[w] - start);
    }
    return b.build();
  }

  private int start(int w) {
    return w == 0 ? 0 : ends[w - 1];
  }

  /** Byte {@code depth} of word {@code w}, or -1 past its end (so shorter words sort first). */
  private int byteAt(int w, int depth) {
    int p = start(w) + depth;
    return p < ends[w] ? bytes[p] & 0xFF : -1;
  }

  /** Multikey quicksort of {@code a[lo, hi)}, all sharing their first {@code depth} bytes. */
  private void sort(int[] a, int lo, int hi, int depth) {
    while (hi - lo > 1) {
      if (hi - lo < 12) {
        insertionSort(a, lo, hi, depth);
        return;
      }
      int pivot = median(byteAt(a[lo], depth), byteAt(a[(lo + hi) >>> 1], depth), byteAt(a[hi - 1], depth));
      // Partition into < pivot | == pivot | > pivot.
      int lt = lo;
      int gt = hi - 1;
      int i = lo;
      while (i <= gt) {
        int c = byteAt(a[i], depth);
        if (c < pivot) {
          swap(a, lt++, i++);
        } else if (c > pivot) {
          swap(a, i, gt--);
        } else {
          i++;
        }
      }
      // Recurse into the two smaller-key parts; loop on the equal part one byte deeper.
      sort(a, lo, lt, depth);
      sort(a, gt + 1, hi, depth);
      if (pivot < 0) {
        return; // all equal words ended here: they are duplicates
      }
      lo = lt;
      hi = gt + 1;
      depth++;
    }
  }

  private void insertionSort(int[] a, int lo, int hi, int depth) {
    for (int i = lo + 1; i < hi; i++) {
      int x = a[i];
      int j = i - 1;
      while (j >= lo && compareFrom(a[j], x, depth) > 0) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = x;
    }
  }

  private int compareFrom(int x, int y, int depth) {
    int xs = start(x) + depth;
    int ys = start(y) + depth;
    return Arrays.compareUnsigned(bytes, xs, ends[x], bytes, ys, ends[y]);
  }

  private static int median(int a, int b, int c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
