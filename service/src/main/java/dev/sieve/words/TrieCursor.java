package dev.sieve.words;

import java.util.Arrays;

/**
 * Walks the words of a {@link Trie} in byte order, one at a time, without materialising any
 * word it is not asked for. A fresh cursor is positioned before the first word; {@link #seek}
 * jumps to any rank in O(length x fan-out).
 *
 * <p>Not thread-safe: one cursor per thread (the set itself may be shared).
 */
final class TrieCursor {
  private final Trie set;
  private final TrieBytes d;
  private byte[] buf = new byte[32];
  private int len;
  // One frame per general node on the current path: its offset, the next arc to visit, and the
  // word length at that node.
  private long[] framePos = new long[16];
  private int[] frameNext = new int[16];
  private int[] frameLen = new int[16];
  private int depth;
  private boolean started;

  TrieCursor(Trie set) {
    this.set = set;
    this.d = set.data;
  }

  /** Positions the cursor on the word of rank {@code rank}. */
  public void seek(long rank) {
    if (rank < 0 || rank >= set.size()) {
      throw new IndexOutOfBoundsException("rank " + rank + " outside [0, " + set.size() + ")");
    }
    depth = 0;
    len = 0;
    started = true;
    descend(set.root, rank);
  }

  /** Advances to the next word; false (and the cursor is exhausted) when there is none. */
  public boolean next() {
    if (!started) {
      started = true;
      if (set.size() == 0) {
        return false;
      }
      depth = 0;
      len = 0;
      descend(set.root, 0);
      return true;
    }
    while (depth > 0) {
      int f = depth - 1;
      long p = framePos[f];
      int h = d.get(p) & 0xFF;
      int n = h & set.arcCountMask;
      long q = p + 1;
      if (n == set.arcCountMask) {
        n += d.get(q++) & 0xFF;
      }
      int j = frameNext[f];
      if (j < n) {
        frameNext[f] = j + 1;
        len = frameLen[f];
        append(d.get(q + j));
        descend(set.arcTarget(p, q + n, n, j), 0);
        return true;
      }
      depth--;
    }
    return false;
  }

  /** The current word. */
  public String current() {
    return Utf8.decode(buf, 0, len);
  }

  /** The current word's UTF-8 bytes are {@code bytes()[0 .. length())}; valid until the next move. */
  public byte[] bytes() {
    return buf;
  }

  public int length() {
    return len;
  }

  /** Descends from node {@code p} to the word of rank {@code r} below it, pushing frames. */
  private void descend(long p, long r) {
    while (true) {
      int h = d.get(p) & 0xFF;
      if (h == 0) {
        return;
      }
      if (h < 0x80) {
        int k = set.chainLength(h);
        for (int j = 1; j <= k; j++) {
          append(d.get(p + j));
        }
        p = set.chainTarget(p, h);
        continue;
      }
      int f = push(p);
      if ((h & 0x40) != 0) {
        if (r == 0) {
          return;
        }
        r--;
      }
      int n = h & set.arcCountMask;
      long q = p + 1;
      if (n == set.arcCountMask) {
        n += d.get(q++) & 0xFF;
      }
      int j = 0;
      long target = set.arcTarget(p, q + n, n, 0);
      if (r > 0) {
        while (true) {
          long c = set.nodeCount(target);
          if (r < c) {
            break;
          }
          r -= c;
          j++;
          if (j >= n) {
            throw new IllegalStateException("corrupt trie: rank beyond node count at " + p);
          }
          target = set.arcTarget(p, q + n, n, j);
        }
      }
      frameNext[f] = j + 1;
      append(d.get(q + j));
      p = target;
    }
  }

  private int push(long p) {
    if (depth == framePos.length) {
      framePos = Arrays.copyOf(framePos, depth * 2);
      frameNext = Arrays.copyOf(frameNext, depth * 2);
      frameLen = Arrays.copyOf(frameLen, depth * 2);
    }
    framePos[depth] = p;
    frameNext[depth] = 0;
    frameLen[depth] = len;
    return depth++;
  }

  private void append(byte b) {
    if (len == buf.length) {
      buf = Arrays.copyOf(buf, len * 2);
    }
    buf[len++] = b;
  }
}
