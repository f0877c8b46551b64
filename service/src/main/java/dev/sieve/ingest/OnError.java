package dev.sieve.ingest;

import java.util.Locale;

/** What a load does with a bad line: fail the whole load (the default), or skip the line. */
public enum OnError {
  FAIL,
  SKIP;

  /** Parses {@code fail} or {@code skip}; null means {@link #FAIL}. */
  public static OnError parse(String text) {
    if (text == null) {
      return FAIL;
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "fail" -> FAIL;
      case "skip" -> SKIP;
      default -> throw new IllegalArgumentException("onError must be fail or skip, got: " + text);
    };
  }
}
