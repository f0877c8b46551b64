package dev.sieve.words;

import java.util.Arrays;

/**
 * k-way merge of sorted word cursors into one ascending stream of distinct words: a binary heap of
 * the cursors keyed by their current word, as in the merge phase of any external sort. A word
 * present in several inputs, or several times in one, comes out once. Memory: the heap plus a
 * copy of the last word given out. Not thread-safe.
 */
final class RunMerge {
  /** Where merged words go, each strictly greater than the one before. */
  @FunctionalInterface
  interface Sink {
    void add(byte[] utf8, int off, int len) throws java.io.IOException;
  }

  private RunMerge() {}

  /** Drains {@code inputs} into {@code out}; returns the number of distinct words given. */
  static long merge(SortedWords[] inputs, Sink out) throws java.io.IOException {
    SortedWords[] heap = new SortedWords[inputs.length];
    int n = 0;
    for (SortedWords in : inputs) {
      if (in.next()) {
        heap[n++] = in;
      }
    }
    for (int i = (n >>> 1) - 1; i >= 0; i--) {
      siftDown(heap, n, i);
    }
    byte[] last = new byte[64];
    int lastLen = -1;
    long given = 0;
    while (n > 0) {
      SortedWords top = heap[0];
      int len = top.length();
      int off = top.offset();
      byte[] b = top.bytes();
      if (lastLen != len || !Arrays.equals(last, 0, len, b, off, off + len)) {
        out.add(b, off, len);
        given++;
        if (last.length < len) {
          last = Arrays.copyOf(last, Math.max(len, last.length * 2));
        }
        System.arraycopy(b, off, last, 0, len);
        lastLen = len;
      }
      if (!top.next()) {
        heap[0] = heap[--n];
        heap[n] = null;
      }
      if (n > 1) {
        siftDown(heap, n, 0);
      }
    }
    return given;
  }

  private static void siftDown(SortedWords[] heap, int n, int i) {
    SortedWords x = heap[i];
    while (true) {
      int c = 2 * i + 1;
      if (c >= n) {
        break;
      }
      if (c + 1 < n && compare(heap[c + 1], heap[c]) < 0) {
        c++;
      }
      if (compare(heap[c], x) >= 0) {
        break;
      }
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = x;
  }

  private static int compare(SortedWords a, SortedWords b) {
    return Arrays.compareUnsigned(a.bytes(), a.offset(), a.offset() + a.length(),
        b.bytes(), b.offset(), b.offset() + b.length());
  }
}
