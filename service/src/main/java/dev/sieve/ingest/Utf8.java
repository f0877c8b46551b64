package dev.sieve.ingest;

/**
 * Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF, no
 * truncated sequences. Stateless and thread-safe.
 */
public final class Utf8 {
  private Utf8() {}

  /** True if {@code bytes[off, off+len)} is well-formed UTF-8. */
  public static boolean isValid(byte[] bytes, int off, int len) {
    int i = off;
    int end = off + len;
    while (i < end) {
      int b = bytes[i];
      if (b >= 0) {
        i++;
        continue;
      }
      b &= 0xFF;
      int need;
      int min;
      int max = 0xBF;
      if (b >= 0xC2 && b <= 0xDF) {
        need = 1;
        min = 0x80;
      } else if (b >= 0xE0 && b <= 0xEF) {
        need = 2;
        min = b == 0xE0 ? 0xA0 : 0x80; // overlong
        max = b == 0xED ? 0x9F : 0xBF; // surrogates
      } else if (b >= 0xF0 && b <= 0xF4) {
        need = 3;
        min = b == 0xF0 ? 0x90 : 0x80; // overlong
        max = b == 0xF4 ? 0x8F : 0xBF; // above U+10FFFF
      } else {
        return false;
      }
      if (end - i <= need) {
        return false;
      }
      int second = bytes[i + 1] & 0xFF;
      if (second < min || second > max) {
        return false;
      }
      for (int k = 2; k <= need; k++) {
        int c = bytes[i + k] & 0xFF;
        if (c < 0x80 || c > 0xBF) {
          return false;
        }
      }
      i += need + 1;
    }
    return true;
  }
}
