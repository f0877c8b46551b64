package dev.sieve.numbers;

import java.nio.charset.StandardCharsets;

/**
 * Parses one line of a number upload: a natural ({@code 42}) or an inclusive range ({@code 10-20})
 * of naturals 0 .. 2^63-1, in ASCII decimal, with optional spaces or tabs around the numbers.
 * Leading zeros are allowed; signs, other characters and overflow are not.
 *
 * <p>Works on bytes without allocating, so a load does not create an object per line. Stateless and
 * thread-safe.
 */
public final class NumberLineParser {
  private NumberLineParser() {}

  /**
   * Parses {@code line[off, off+len)} and adds its value or range to {@code sink}.
   *
   * @return false if the line is blank (nothing added)
   * @throws InvalidNumberException with a message fit for a client if the line is malformed
   */
  public static boolean parseInto(byte[] line, int off, int len, NumberSetBuilder sink) {
    int end = off + len;
    int i = skipBlanks(line, off, end);
    if (i == end) {
      return false;
    }
    long first = 0;
    int digits = 0;
    while (i < end && isDigit(line[i])) {
      first = accumulate(first, line[i++], line, off, len);
      digits++;
    }
    if (digits == 0) {
      throw invalid(line, off, len);
    }
    i = skipBlanks(line, i, end);
    if (i == end) {
      sink.add(first);
      return true;
    }
    if (line[i] != '-') {
      throw invalid(line, off, len);
    }
    i = skipBlanks(line, i + 1, end);
    long last = 0;
    digits = 0;
    while (i < end && isDigit(line[i])) {
      last = accumulate(last, line[i++], line, off, len);
      digits++;
    }
    if (digits == 0 || skipBlanks(line, i, end) != end) {
      throw invalid(line, off, len);
    }
    try {
      sink.addRange(first, last);
    } catch (IllegalArgumentException e) {
      throw new InvalidNumberException(e.getMessage());
    }
    return true;
  }

  /** Parses a single natural written in decimal, as in a query parameter. */
  public static long parseNatural(String text) {
    if (text == null || text.isEmpty() || text.length() > 19) {
      throw new InvalidNumberException("not a natural number (0.." + NumberSet.MAX_VALUE + "): " + text);
    }
    long value = 0;
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    for (byte b : bytes) {
      if (!isDigit(b)) {
        throw new InvalidNumberException("not a natural number (0.." + NumberSet.MAX_VALUE + "): " + text);
      }
      value = accumulate(value, b, bytes, 0, bytes.length);
    }
    return value;
  }

  private static long accumulate(long value, byte digit, byte[] line, int off, int len) {
    int d = digit - '0';
    if (value > (Long.MAX_VALUE - d) / 10) {
      throw new InvalidNumberException(
          "number out of range (0.." + NumberSet.MAX_VALUE + "): " + text(line, off, len));
    }
    return value * 10 + d;
  }

  private static int skipBlanks(byte[] line, int i, int end) {
    while (i < end && (line[i] == ' ' || line[i] == '\t')) {
      i++;
    }
    return i;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private static InvalidNumberException invalid(byte[] line, int off, int len) {
    return new InvalidNumberException(
        "expected a natural number or a range a-b, got: " + text(line, off, len));
  }

  private static String text(byte[] line, int off, int len) {
    int shown = Math.min(len, 40);
    String s = new String(line, off, shown, StandardCharsets.UTF_8);
    return shown < len ? s + "..." : s;
  }
}
