package dev.sieve.words;

/**
 * Unsigned LEB128 for non-negative {@code int}s: seven bits a byte, low bits first, the high bit
 * set on every byte but the last. Lengths below 128 (nearly every word) take one byte.
 */
final class Leb128 {
  private Leb128() {}

  /** Bytes {@code v} takes (1 to 5). */
  static int size(int v) {
    return v < 1 << 7 ? 1 : v < 1 << 14 ? 2 : v < 1 << 21 ? 3 : v < 1 << 28 ? 4 : 5;
  }

  /** Writes {@code v} at {@code b[at]}; returns the offset after it. */
  static int write(byte[] b, int at, int v) {
    while (v >= 0x80) {
      b[at++] = (byte) (v | 0x80);
      v >>>= 7;
    }
    b[at++] = (byte) v;
    return at;
  }

  /** Reads the value at {@code b[at]} (its size is {@link #size} of the result). */
  static int read(byte[] b, int at) {
    int x = b[at];
    if (x >= 0) {
      return x;
    }
    int v = x & 0x7F;
    for (int shift = 7; ; shift += 7) {
      x = b[++at];
      v |= (x & 0x7F) << shift;
      if (x >= 0) {
        return v;
      }
    }
  }
}
