package dev.sieve.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * What an upload holds, told by its first bytes, never by its name: gzip ({@code 1f 8b}) or not,
 * and inside (after gzip) Roaring's portable format or lines of text. A file named {@code *.gz}
 * that is not gzip is text; a gzip file named {@code words.txt} is gzip.
 *
 * <p>Roaring's portable format starts with a little-endian cookie: {@code 12346} (no run
 * containers) as a whole int, or {@code 12347} in its low 16 bits; its 64-bit portable format
 * starts with a little-endian uint64 bucket count, then per bucket a uint32 key and a 32-bit
 * bitmap (so a cookie at byte 12), or is just a zero count. Lines of numbers (digits, {@code -},
 * line ends) can start with neither, so for number sets the test is exact; word lists are always
 * sent as text (a word may start with {@code ;0}, the bytes of cookie 12347).
 */
record FileType(boolean gzip, boolean roaring) {
  /** Bytes to read from the start of a file to tell its type: a gzip header and some deflate data. */
  static final int HEAD_BYTES = 4096;

  private static final int COOKIE_NO_RUN = 12346;
  private static final int COOKIE = 12347;

  /** The type of a file that starts with {@code head[0..length)} (its whole length if shorter). */
  static FileType of(byte[] head, int length) {
    if (length >= 2 && (head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b) {
      byte[] inner = new byte[16];
      return new FileType(true, isRoaring(inner, inflatedHead(head, length, inner)));
    }
    return new FileType(false, isRoaring(head, length));
  }

  /** The media type to send the body as, for a set of numbers (true) or words. */
  String contentType(boolean numbers) {
    return numbers && roaring ? "application/x-roaring" : "text/plain; charset=utf-8";
  }

  /** Whether {@code b[0..n)} starts a 32- or 64-bit portable Roaring bitmap. */
  static boolean isRoaring(byte[] b, int n) {
    if (n >= 4 && isCookie(intLe(b, 0))) {
      return true;
    }
    // 64-bit portable: a count below 2^31 (its high four bytes zero), then a key and a bitmap
    if (n >= 8 && intLe(b, 4) == 0 && intLe(b, 0) >= 0) {
      return n == 8 ? intLe(b, 0) == 0 : n >= 16 && isCookie(intLe(b, 12));
    }
    return false;
  }

  private static boolean isCookie(int word) {
    return word == COOKIE_NO_RUN || (word & 0xFFFF) == COOKIE;
  }

  private static int intLe(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
  }

  /**
   * Inflates the first bytes of a gzip head into {@code inner}; how many it got (0 if the head is
   * damaged: the server then says what is wrong with it).
   */
  private static int inflatedHead(byte[] head, int length, byte[] inner) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(head, 0, length))) {
      int n = 0;
      while (n < inner.length) {
        int r = in.read(inner, n, inner.length - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
      return n;
    } catch (IOException e) {
      // not gzip after all past its magic, or cut before 16 bytes inflate (a head of 4 KiB holds
      // far more than that of any real file): sent as gzip text, and the server says what is wrong
      return 0;
    }
  }
}
