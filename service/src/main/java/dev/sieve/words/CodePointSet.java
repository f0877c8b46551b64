package dev.sieve.words;

import java.util.Arrays;

/**
 * The code points an automaton names ({@link CodePointAutomaton#distinguishes}): a bit set for
 * ASCII, sorted inclusive ranges for the rest. Immutable.
 */
final class CodePointSet {
  private final long low;
  private final long high;
  private final int[] ranges; // lo0, hi0, lo1, hi1, ... sorted, beyond ASCII or crossing it

  private CodePointSet(long low, long high, int[] ranges) {
    this.low = low;
    this.high = high;
    this.ranges = ranges;
  }

  /** The code points of {@code singles} (any arrays) and of the flattened inclusive {@code rangeLists} (nulls skipped). */
  static CodePointSet of(int[] singles, int[]... rangeLists) {
    long low = 0;
    long high = 0;
    int[] rest = new int[16];
    int n = 0;
    for (int c : singles) {
      if (c >= 0 && c < 64) {
        low |= 1L << c;
      } else if (c >= 64 && c < 128) {
        high |= 1L << (c - 64);
      } else {
        if (n + 2 > rest.length) {
          rest = Arrays.copyOf(rest, rest.length * 2);
        }
        rest[n++] = c;
        rest[n++] = c;
      }
    }
    for (int[] list : rangeLists) {
      if (list == null) {
        continue;
      }
      for (int i = 0; i < list.length; i += 2) {
        if (n + 2 > rest.length) {
          rest = Arrays.copyOf(rest, rest.length * 2);
        }
        rest[n++] = list[i];
        rest[n++] = list[i + 1];
      }
    }
    return new CodePointSet(low, high, Arrays.copyOf(rest, n));
  }

  boolean contains(int c) {
    if (c >= 0 && c < 64 && (low >>> c & 1) != 0) {
      return true;
    }
    if (c >= 64 && c < 128 && (high >>> (c - 64) & 1) != 0) {
      return true;
    }
    for (int i = 0; i < ranges.length; i += 2) {
      if (ranges[i] <= c && c <= ranges[i + 1]) {
        return true;
      }
    }
    return false;
  }
}
