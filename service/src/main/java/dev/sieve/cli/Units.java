package dev.sieve.cli;

import java.util.Locale;

/** How the client prints sizes and counts: binary units, grouped digits, one decimal. */
final class Units {
  private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB"};

  private Units() {}

  /** {@code 225924} → {@code "220.6 KiB"}; negative (unknown) → {@code "?"}. */
  static String bytes(long bytes) {
    if (bytes < 0) {
      return "?";
    }
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < BINARY.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, BINARY[unit]);
  }

  /** {@code 104334} → {@code "104,334"}. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
