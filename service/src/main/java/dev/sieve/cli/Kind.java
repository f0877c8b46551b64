package dev.sieve.cli;

import java.util.Locale;

/** The two kinds of set, as the API's paths name them. */
enum Kind {
  WORDS,
  NUMBERS;

  /** {@code words} or {@code numbers}: the path segment under {@code /v1/}. */
  String path() {
    return name().toLowerCase(Locale.ROOT);
  }
}
