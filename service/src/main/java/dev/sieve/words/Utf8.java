package dev.sieve.words;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 helpers for the trie: encoding {@link CharSequence}s into a reusable scratch buffer and
 * decoding. (Validating uploaded bytes is the ingest pipeline's {@code dev.sieve.ingest.Utf8}.)
 *
 * <p>Unsigned byte order of UTF-8 equals code point order, which is <em>not</em> Java's
 * {@link String#compareTo} (UTF-16 order) for characters above U+FFFF versus U+E000..U+FFFF.
 */
final class Utf8 {
  private Utf8() {}

  private static final ThreadLocal<byte[][]> SCRATCH = ThreadLocal.withInitial(() -> new byte[][] {new byte[64]});

  /**
   * Encodes {@code s} into a thread-local scratch buffer, growing it as needed (valid until the
   * thread's next call).
   * Returns the buffer; its valid length is stored in {@code lengthOut[0]}, or -1 when
   * {@code s} holds an unpaired surrogate (such a string can be no member of any set).
   */
  static byte[] encode(CharSequence s, int[] lengthOut) {
    byte[][] scratch = SCRATCH.get();
    byte[] buf = scratch[0];
    int n = s.length();
    if (buf.length < n * 3) {
      buf = new byte[Math.max(n * 3, buf.length * 2)];
      scratch[0] = buf;
    }
    int j = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        buf[j++] = (byte) c;
      } else if (c < 0x800) {
        buf[j++] = (byte) (0xC0 | (c >> 6));
        buf[j++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c) || i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
          lengthOut[0] = -1;
          return buf;
        }
        int cp = Character.toCodePoint(c, s.charAt(++i));
        buf[j++] = (byte) (0xF0 | (cp >> 18));
        buf[j++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        buf[j++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        buf[j++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        buf[j++] = (byte) (0xE0 | (c >> 12));
        buf[j++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[j++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    lengthOut[0] = j;
    return buf;
  }

  /**
   * Strict UTF-8 bytes of {@code s}, or null if it holds an unpaired surrogate. Takes the JDK's
   * intrinsic {@link String#getBytes} path (fast for Latin-1 strings); that path replaces an
   * unpaired surrogate by '?', so a result holding '?' is checked again strictly.
   */
  static byte[] strictBytesOrNull(CharSequence s) {
    if (s instanceof String) {
      byte[] b = ((String) s).getBytes(StandardCharsets.UTF_8);
      if (indexOf(b, (byte) '?') < 0) {
        return b;
      }
    }
    int[] len = new int[1];
    byte[] buf = encode(s, len);
    return len[0] < 0 ? null : java.util.Arrays.copyOf(buf, len[0]);
  }

  private static int indexOf(byte[] b, byte x) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == x) {
        return i;
      }
    }
    return -1;
  }

  /** Strict UTF-8 bytes of {@code s}; throws {@link IllegalArgumentException} on an unpaired surrogate. */
  static byte[] bytes(CharSequence s) {
    int[] len = new int[1];
    byte[] buf = encode(s, len);
    if (len[0] < 0) {
      throw new IllegalArgumentException("unpaired surrogate in word: " + s);
    }
    return java.util.Arrays.copyOf(buf, len[0]);
  }

  static String decode(byte[] b, int off, int len) {
    return new String(b, off, len, StandardCharsets.UTF_8);
  }
}
