package dev.sieve.words;

import java.util.Arrays;

/**
 * The code points an automaton names ({@link CodePointAutomaton#distinguishes}): a bit set for
 * ASCII, a sorted array searched by halves for the other single code points (a query word may be
 * long), and a pattern's class ranges scanned in turn (a pattern has at most 62 tokens). Immutable.
 */
final class CodePointSet {
  private final long low;
  private final long high;
  private final int[] singles;
  private final int[] ranges; // lo0, hi0, lo1, hi1, ...

  private CodePointSet(long low, long high, int[] singles, int[] ranges) {
    this.low = low;
    this.high = high;
    this.singles = singles;
    this.ranges = ranges;
  }

  /** The code points of {@code codePoints} and of the flattened inclusive {@code rangeLists} (nulls skipped). */
  static CodePointSet of(int[] codePoints, int[]... rangeLists) {
    long low = 0;
    long high = 0;
    int[] rest = new int[codePoints.length];
    int n = 0;
    for (int c : codePoints) {
      if (c >= 0 && c < 64) {
        low |= 1L << c;
      } else if (c >= 64 && c < 128) {
        high |= 1L << (c - 64);
      } else {
        rest[n++] = c;
      }
    }
    int[] singles = Arrays.stream(rest, 0, n).sorted().distinct().toArray();
    int[] ranges = Arrays.stream(rangeLists).filter(r -> r != null).flatMapToInt(Arrays::stream).toArray();
    return new CodePointSet(low, high, singles, ranges);
  }

  /** The set an automaton names its code points with. */
  static CodePointSet of(CodePointAutomaton a) {
    return a instanceof Levenshtein l ? l.named() : ((Wildcard) a).named();
  }

  /**
   * Where membership may change, ascending and distinct: each single code point {@code c} and
   * {@code c + 1}, each range's {@code lo} and {@code hi + 1}. Between two neighbours every code
   * point is in the set or none is, and belongs to the same singles and ranges (what {@link
   * QueryDfa} folds into one class).
   */
  int[] breakpoints() {
    int[] out = new int[2 * (Long.bitCount(low) + Long.bitCount(high) + singles.length) + ranges.length];
    int n = 0;
    for (int c = 0; c < 128; c++) {
      if ((c < 64 ? low >>> c : high >>> (c - 64)) % 2 != 0) {
        out[n++] = c;
        out[n++] = c + 1;
      }
    }
    for (int c : singles) {
      out[n++] = c;
      out[n++] = c + 1;
    }
    for (int i = 0; i < ranges.length; i += 2) {
      out[n++] = ranges[i];
      out[n++] = ranges[i + 1] + 1;
    }
    return Arrays.stream(out, 0, n).sorted().distinct().toArray();
  }

  boolean contains(int c) {
    if (c >= 0 && c < 128) {
      if ((c < 64 ? low >>> c : high >>> (c - 64)) % 2 != 0) {
        return true;
      }
    } else if (Arrays.binarySearch(singles, c) >= 0) {
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
