package dev.sieve.words;

import java.util.Arrays;

/**
 * Fixed-length arrays of primitives held in pages of 2^{@code bits} elements (the automaton's
 * {@link Dafsa#PAGE_BITS}, 20: 4 MiB of ints, 8 MiB of longs; tests pass a few bits so that every
 * table crosses page ends), for the encoder's per-node tables ({@link TrieEncoder}).
 *
 * <p>Why: the JVM (17, G1) zeroes a new array while the allocating thread is out of a safepoint's
 * reach, so allocating one array of tens of millions of entries (a big part's node table) held
 * every other thread, the event loops included, for tens of milliseconds (safepoint waits of 43-55
 * ms named {@code sieve-encode-part-*}, 500 M words, 2026-12-03). A page is zeroed in about a
 * millisecond, and a safepoint can come between two pages. Reading through a page costs one more
 * array read, and the shift and mask.
 *
 * <p>{@link Ints#shrink} and the others drop whole pages past the new length, so shrinking copies
 * at most one page (the encoder shrinks its tables from every node of the automaton to the nodes
 * it placed). Not thread-safe.
 */
final class Pages {
  private Pages() {}

  private static int pageCount(int length, int bits) {
    return (int) (((long) length + (1 << bits) - 1) >>> bits);
  }

  /** Length of page {@code p} of an array of {@code length}: a whole page but for the last. */
  private static int pageLength(int length, int p, int bits) {
    return (int) Math.min(1 << bits, length - ((long) p << bits));
  }

  /** An {@code int} array of fixed length, every element 0 at first. */
  static final class Ints {
    private int[][] pages;
    private int length;

    private final int bits;
    private final int mask;

    Ints(int length, int bits) {
      this.bits = bits;
      this.mask = (1 << bits) - 1;
      pages = new int[pageCount(length, bits)][];
      for (int p = 0; p < pages.length; p++) {
        pages[p] = new int[pageLength(length, p, bits)];
      }
      this.length = length;
    }

    int length() {
      return length;
    }

    int get(int i) {
      return pages[i >>> bits][i & mask];
    }

    void set(int i, int v) {
      pages[i >>> bits][i & mask] = v;
    }

    /** Adds one to element {@code i}. */
    void increment(int i) {
      pages[i >>> bits][i & mask]++;
    }

    void fill(int v) {
      for (int[] p : pages) {
        Arrays.fill(p, v);
      }
    }

    /** Keeps the first {@code n} elements ({@code n <= length}). */
    void shrink(int n) {
      int count = pageCount(n, bits);
      pages = Arrays.copyOf(pages, count);
      if (count > 0) {
        pages[count - 1] = Arrays.copyOf(pages[count - 1], pageLength(n, count - 1, bits));
      }
      length = n;
    }
  }

  /** A {@code long} array of fixed length, every element 0 at first. */
  static final class Longs {
    private final long[][] pages;
    private final int length;

    private final int bits;
    private final int mask;

    Longs(int length, int bits) {
      this.bits = bits;
      this.mask = (1 << bits) - 1;
      pages = new long[pageCount(length, bits)][];
      for (int p = 0; p < pages.length; p++) {
        pages[p] = new long[pageLength(length, p, bits)];
      }
      this.length = length;
    }

    int length() {
      return length;
    }

    long get(int i) {
      return pages[i >>> bits][i & mask];
    }

    void set(int i, long v) {
      pages[i >>> bits][i & mask] = v;
    }
  }

  /** A {@code byte} array of fixed length, every element 0 at first. */
  static final class Bytes {
    private byte[][] pages;
    private int length;

    private final int bits;
    private final int mask;

    Bytes(int length, int bits) {
      this.bits = bits;
      this.mask = (1 << bits) - 1;
      pages = new byte[pageCount(length, bits)][];
      for (int p = 0; p < pages.length; p++) {
        pages[p] = new byte[pageLength(length, p, bits)];
      }
      this.length = length;
    }

    int length() {
      return length;
    }

    byte get(int i) {
      return pages[i >>> bits][i & mask];
    }

    void set(int i, byte v) {
      pages[i >>> bits][i & mask] = v;
    }

    /** Keeps the first {@code n} elements ({@code n <= length}). */
    void shrink(int n) {
      int count = pageCount(n, bits);
      pages = Arrays.copyOf(pages, count);
      if (count > 0) {
        pages[count - 1] = Arrays.copyOf(pages[count - 1], pageLength(n, count - 1, bits));
      }
      length = n;
    }
  }

  /** A {@code short} array of fixed length, every element 0 at first. */
  static final class Shorts {
    private final short[][] pages;
    private final int length;

    private final int bits;
    private final int mask;

    Shorts(int length, int bits) {
      this.bits = bits;
      this.mask = (1 << bits) - 1;
      pages = new short[pageCount(length, bits)][];
      for (int p = 0; p < pages.length; p++) {
        pages[p] = new short[pageLength(length, p, bits)];
      }
      this.length = length;
    }

    int length() {
      return length;
    }

    short get(int i) {
      return pages[i >>> bits][i & mask];
    }

    void set(int i, short v) {
      pages[i >>> bits][i & mask] = v;
    }
  }
}
