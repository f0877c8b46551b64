package dev.sieve.words;

import java.util.Arrays;

/**
 * Multikey quicksort (Bentley and Sedgewick 1997) of word addresses of a {@link WordRun}, in
 * unsigned byte order: a three-way partition on one byte, recursing on the smaller and larger
 * parts and looping one byte deeper on the equal part, so a common prefix is compared once per
 * level rather than once per comparison. Equal words end up adjacent (duplicates are kept: the
 * run's readers drop them). Stateless apart from the run it reads: two sorts of disjoint ranges
 * may run on two threads at once.
 */
final class MultikeySort {
  private final WordRun run;

  MultikeySort(WordRun run) {
    this.run = run;
  }

  /** Sorts {@code a[lo, hi)}. */
  void sort(int[] a, int lo, int hi) {
    sort(a, lo, hi, 0);
  }

  /** Byte {@code depth} of the word at address {@code w}, or -1 past its end (shorter sorts first). */
  private int byteAt(int w, int depth) {
    byte[] page = run.page(w);
    int o = run.offset(w);
    int x = page[o];
    int len;
    if (x >= 0) {
      len = x;
      o++;
    } else {
      len = Leb128.read(page, o);
      o += Leb128.size(len);
    }
    return depth < len ? page[o + depth] & 0xFF : -1;
  }

  private void sort(int[] a, int lo, int hi, int depth) {
    while (hi - lo > 1) {
      if (hi - lo < 12) {
        insertionSort(a, lo, hi, depth);
        return;
      }
      int pivot = median(byteAt(a[lo], depth), byteAt(a[(lo + hi) >>> 1], depth), byteAt(a[hi - 1], depth));
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
      // Recurse into the smaller-key and larger-key parts; loop on the equal part one byte deeper.
      sort(a, lo, lt, depth);
      sort(a, gt + 1, hi, depth);
      if (pivot < 0) {
        return; // the equal part ended here: duplicates
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

  private static int median(int a, int b, int c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
