package dev.sieve.memory;

import java.util.Locale;

/** Sizes as operators write them: {@code 268435456}, {@code 512k}, {@code 256m}, {@code 2g} (binary units). */
public final class ByteSize {
  private ByteSize() {}

  /** The bytes {@code text} names; IllegalArgumentException (naming the text) if it is not a positive size. */
  public static long parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.endsWith("b") && t.length() > 1 && !Character.isDigit(t.charAt(t.length() - 2))) {
      t = t.substring(0, t.length() - 1); // "256mb" as "256m"
    }
    int shift = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
      case 'k' -> 10;
      case 'm' -> 20;
      case 'g' -> 30;
      case 't' -> 40;
      default -> 0;
    };
    String digits = shift == 0 ? t : t.substring(0, t.length() - 1);
    long value;
    try {
      value = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a size: '" + text + "' (bytes, or a number with k, m, g or t)");
    }
    if (value <= 0 || value > (Long.MAX_VALUE >> shift)) {
      throw new IllegalArgumentException("size out of range: '" + text + "'");
    }
    return value << shift;
  }
}
