package dev.sieve.api;

import dev.sieve.numbers.InvalidNumberException;
import dev.sieve.numbers.NumberLineParser;
import dev.sieve.registry.SetNames;

/**
 * The checks of a request's arguments both faces make, with the same messages: set names, page
 * sizes, naturals. Each throws an {@link IllegalArgumentException} (400 / INVALID_ARGUMENT).
 */
public final class Arguments {
  private Arguments() {}

  /** {@code name} if it is a valid set name. */
  public static String name(String name) {
    if (!SetNames.isValid(name)) {
      throw new IllegalArgumentException("invalid set name (expected [A-Za-z0-9._-]{1,64}): " + name);
    }
    return name;
  }

  /** {@code name} if a new set may take it: valid, and neither {@code .} nor {@code ..}. */
  public static String newName(String name) {
    name(name);
    if (!SetNames.isValidNew(name)) {
      throw new IllegalArgumentException("invalid set name: " + name
          + " (. and .. are path segments to HTTP clients and proxies, which would never send them)");
    }
    return name;
  }

  /** A page size 1 .. {@link ApiLimits#MAX_PAGE}; 0 (not given) is {@link ApiLimits#DEFAULT_PAGE}. */
  public static int limit(int limit) {
    if (limit == 0) {
      return ApiLimits.DEFAULT_PAGE;
    }
    if (limit < 0 || limit > ApiLimits.MAX_PAGE) {
      throw badLimit(Integer.toUnsignedString(limit));
    }
    return limit;
  }

  /** A page size written in decimal (a query parameter); null is {@link ApiLimits#DEFAULT_PAGE}. */
  public static int limit(String text) {
    if (text == null) {
      return ApiLimits.DEFAULT_PAGE;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= ApiLimits.MAX_PAGE) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw badLimit(text);
  }

  private static IllegalArgumentException badLimit(String text) {
    return new IllegalArgumentException("limit must be an integer 1.." + ApiLimits.MAX_PAGE + ": " + text);
  }

  /** A natural written in decimal (a query parameter), or {@code fallback} if {@code text} is null. */
  public static long natural(String text, String what, long fallback) {
    if (text == null) {
      return fallback;
    }
    try {
      return NumberLineParser.parseNatural(text);
    } catch (InvalidNumberException e) {
      throw new IllegalArgumentException(what + ": " + e.getMessage());
    }
  }

  /** A natural sent as a uint64, which Java reads as negative above 2^63-1. */
  public static long natural(long uint64, String what) {
    return dev.sieve.registry.NumberBatch.natural(uint64, what);
  }
}
