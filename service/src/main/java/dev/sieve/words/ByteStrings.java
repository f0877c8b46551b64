package dev.sieve.words;

import dev.sieve.memory.JvmLayout;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable sorted set of byte strings (UTF-8 words) in two flat arrays: the bytes of all
 * strings one after the other, and where each ends. Order is unsigned byte order, the trie's.
 * No object per string: a level of a {@link WordDelta} holds these. Thread-safe: immutable.
 */
final class ByteStrings {
  static final ByteStrings EMPTY = new ByteStrings(new byte[0], new int[0], 0);

  private final byte[] bytes;
  /** {@code ends[i]}: where string i ends in {@code bytes}; it starts where string i-1 ends. */
  private final int[] ends;
  private final int count;

  private ByteStrings(byte[] bytes, int[] ends, int count) {
    this.bytes = bytes;
    this.ends = ends;
    this.count = count;
  }

  /** The distinct strings of {@code words}, any order. */
  static ByteStrings sortedUnique(List<byte[]> words) {
    byte[][] a = words.toArray(new byte[0][]);
    Arrays.sort(a, Arrays::compareUnsigned);
    Builder b = new Builder(a.length);
    for (int i = 0; i < a.length; i++) {
      if (i == 0 || !Arrays.equals(a[i - 1], a[i])) {
        b.add(a[i], 0, a[i].length);
      }
    }
    return b.build();
  }

  int count() {
    return count;
  }

  byte[] bytes() {
    return bytes;
  }

  int start(int i) {
    return i == 0 ? 0 : ends[i - 1];
  }

  int length(int i) {
    return ends[i] - start(i);
  }

  String string(int i) {
    return Utf8.decode(bytes, start(i), length(i));
  }

  /** String {@code i} compared with {@code key[off, off+len)}, unsigned. */
  int compare(int i, byte[] key, int off, int len) {
    return Arrays.compareUnsigned(bytes, start(i), ends[i], key, off, off + len);
  }

  boolean contains(byte[] key, int off, int len) {
    int i = lowerBound(key, off, len);
    return i < count && compare(i, key, off, len) == 0;
  }

  /** The first index whose string is >= key ({@code count} if none). */
  int lowerBound(byte[] key, int off, int len) {
    int lo = 0;
    int hi = count;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compare(mid, key, off, len) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The first index whose string is > key. */
  int upperBound(byte[] key, int off, int len) {
    int lo = 0;
    int hi = count;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compare(mid, key, off, len) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The first index past the strings that start with {@code prefix}: those strings are
   * contiguous, from {@code lowerBound(prefix)} up to here.
   */
  int prefixEnd(byte[] prefix) {
    int lo = 0;
    int hi = count;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int s = start(mid);
      // only the first |prefix| bytes matter: a string with the prefix compares equal
      int c = Arrays.compareUnsigned(bytes, s, Math.min(ends[mid], s + prefix.length), prefix, 0, prefix.length);
      if (c <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** How many strings start with {@code prefix}. */
  int countPrefix(byte[] prefix) {
    return prefixEnd(prefix) - lowerBound(prefix, 0, prefix.length);
  }

  /** The strings of this set not in {@code other}. */
  ByteStrings without(ByteStrings other) {
    if (count == 0 || other.count == 0) {
      return this;
    }
    Builder b = new Builder(count);
    int j = 0;
    for (int i = 0; i < count; i++) {
      int s = start(i);
      int e = ends[i];
      while (j < other.count && Arrays.compareUnsigned(other.bytes, other.start(j), other.ends[j], bytes, s, e) < 0) {
        j++;
      }
      if (j == other.count || Arrays.compareUnsigned(other.bytes, other.start(j), other.ends[j], bytes, s, e) != 0) {
        b.add(bytes, s, e - s);
      }
    }
    return b.count == count ? this : b.build();
  }

  /** The strings of both sets. */
  static ByteStrings union(ByteStrings x, ByteStrings y) {
    if (y.count == 0) {
      return x;
    }
    if (x.count == 0) {
      return y;
    }
    Builder b = new Builder(x.count + y.count);
    int i = 0;
    int j = 0;
    while (i < x.count || j < y.count) {
      int c = i == x.count ? 1 : j == y.count ? -1
          : Arrays.compareUnsigned(x.bytes, x.start(i), x.ends[i], y.bytes, y.start(j), y.ends[j]);
      if (c <= 0) {
        b.add(x.bytes, x.start(i), x.length(i));
        i++;
        if (c == 0) {
          j++;
        }
      } else {
        b.add(y.bytes, y.start(j), y.length(j));
        j++;
      }
    }
    return b.build();
  }

  /** Exact heap bytes: the two arrays and this object. */
  long byteSize() {
    return JvmLayout.object(2L * JvmLayout.REFERENCE + 4) + JvmLayout.array(1, bytes.length)
        + JvmLayout.array(4, ends.length);
  }

  /** Appends strings in ascending order, distinct (the caller's duty), then {@link #build}s once. */
  static final class Builder {
    private byte[] bytes;
    private int[] ends;
    private int count;
    private int used;

    Builder(int expected) {
      this.bytes = new byte[Math.max(16, expected * 8)];
      this.ends = new int[Math.max(4, expected)];
    }

    void add(byte[] b, int off, int len) {
      if (used + len > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(used + len, bytes.length * 2));
      }
      if (count == ends.length) {
        ends = Arrays.copyOf(ends, count * 2);
      }
      System.arraycopy(b, off, bytes, used, len);
      used += len;
      ends[count++] = used;
    }

    int count() {
      return count;
    }

    ByteStrings build() {
      if (count == 0) {
        return EMPTY;
      }
      return new ByteStrings(Arrays.copyOf(bytes, used), Arrays.copyOf(ends, count), count);
    }
  }
}
