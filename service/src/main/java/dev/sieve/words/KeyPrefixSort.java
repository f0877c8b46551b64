package dev.sieve.words;

import java.util.Arrays;

/**
 * Sorts the words of a {@link WordRun} in unsigned byte order, most significant bytes first, in
 * rounds of three bytes: each entry of the {@code long[]} holds a word's address in its low 32
 * bits and, above, a key made of the three bytes of the word at the current depth plus how many of
 * them exist (0 to 3); {@link Arrays#sort(long[], int, int)} orders a range by that key, then
 * every range of equal keys whose words go on is sorted again three bytes deeper.
 *
 * <p>Why not a comparison sort over addresses (the multikey quicksort this replaced): on a run of
 * hundreds of megabytes, every byte it compares is a cache miss. Here each word's bytes are read
 * once per round, in one pass, and the sort itself runs over a flat array. The count of bytes in
 * the key makes a word that ends sort before every word it is a prefix of, and ends the rounds for
 * a range of equal words (duplicates stay adjacent). Ranges of a few entries are finished by
 * insertion sort on the bytes. Rounds are kept on an explicit stack, so a long shared prefix
 * cannot overflow the thread's stack. Sorts of disjoint ranges may run on two threads at once.
 */
final class KeyPrefixSort {
  // Below this, comparing the words' bytes directly beats another round of keys.
  private static final int SMALL = 8;
  private static final long LOW = 0xFFFF_FFFFL;

  private final WordRun run;
  private int[] stack = new int[3 * 64];

  KeyPrefixSort(WordRun run) {
    this.run = run;
  }

  /** Sorts {@code a[lo, hi)}, whose low 32 bits are word addresses (the high bits are overwritten). */
  void sort(long[] a, int lo, int hi) {
    int top = push(0, lo, hi, 0);
    while (top > 0) {
      top -= 3;
      int from = stack[top];
      int to = stack[top + 1];
      int depth = stack[top + 2];
      if (to - from <= SMALL) {
        insertionSort(a, from, to, depth);
        continue;
      }
      for (int i = from; i < to; i++) {
        int w = (int) a[i];
        a[i] = ((long) key(w, depth) << 32) | (w & LOW);
      }
      Arrays.sort(a, from, to);
      // each range of equal keys: done if its words ended inside the key, else one round deeper
      int start = from;
      long k = a[from] >>> 32;
      for (int i = from + 1; i <= to; i++) {
        long ki = i < to ? a[i] >>> 32 : -1;
        if (ki != k) {
          if (i - start > 1 && (k & 3) == 3) {
            top = push(top, start, i, depth + 3);
          }
          start = i;
          k = ki;
        }
      }
    }
  }

  private int push(int top, int lo, int hi, int depth) {
    if (top + 3 > stack.length) {
      stack = Arrays.copyOf(stack, stack.length * 2);
    }
    stack[top] = lo;
    stack[top + 1] = hi;
    stack[top + 2] = depth;
    return top + 3;
  }

  /**
   * Bytes {@code depth..depth+2} of the word at {@code w} (0 past its end) and their count, as a
   * 32-bit key whose sign bit is flipped, so that signed order of the {@code long} is unsigned
   * order of the key.
   */
  private int key(int w, int depth) {
    byte[] page = run.page(w);
    int o = run.offset(w);
    int len = Leb128.read(page, o);
    o += Leb128.size(len) + depth;
    int n = Math.max(0, Math.min(3, len - depth));
    int k = n;
    if (n > 0) {
      k |= (page[o] & 0xFF) << 24;
      if (n > 1) {
        k |= (page[o + 1] & 0xFF) << 16;
        if (n > 2) {
          k |= (page[o + 2] & 0xFF) << 8;
        }
      }
    }
    return k ^ Integer.MIN_VALUE;
  }

  private void insertionSort(long[] a, int lo, int hi, int depth) {
    for (int i = lo + 1; i < hi; i++) {
      long x = a[i];
      int j = i - 1;
      while (j >= lo && compareFrom((int) a[j], (int) x, depth) > 0) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = x;
    }
  }

  private int compareFrom(int x, int y, int depth) {
    byte[] xp = run.page(x);
    int xo = run.offset(x);
    int xl = Leb128.read(xp, xo);
    xo += Leb128.size(xl);
    byte[] yp = run.page(y);
    int yo = run.offset(y);
    int yl = Leb128.read(yp, yo);
    yo += Leb128.size(yl);
    return Arrays.compareUnsigned(xp, xo + depth, xo + xl, yp, yo + depth, yo + yl);
  }
}
