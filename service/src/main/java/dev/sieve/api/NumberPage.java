package dev.sieve.api;

import dev.sieve.numbers.NumberDelta;
import java.util.Arrays;

/**
 * One page of a number set's members in {@code [from, to)}: how many members the whole range
 * holds, up to {@code limit} of them ascending strictly after a cursor, and the cursor of the next
 * page ({@code null} when this page holds the last member).
 */
public record NumberPage(long count, long[] numbers, Long next) {

  /**
   * The page of {@code set}'s members in {@code [from, to)} ({@code to} negative: no upper bound)
   * after {@code after} (negative: from {@code from}), at most {@code limit} (1 .. {@link
   * ApiLimits#MAX_PAGE}) long. Arguments are naturals up to 2^63-1.
   */
  public static NumberPage of(NumberDelta set, long from, long to, long after, int limit) {
    // [from, to) outside; inclusive [from, last] inside, so that no "to" has to reach 2^63
    long last = to < 0 ? Long.MAX_VALUE : to - 1;
    long start = after < 0 ? from : after == Long.MAX_VALUE ? -1 : Math.max(from, after + 1);
    long[] page = start < 0 ? new long[0] : set.list(start, last, limit + 1);
    Long next = null;
    long[] shown = page;
    if (page.length > limit) {
      next = page[limit - 1];
      shown = Arrays.copyOf(page, limit);
    }
    return new NumberPage(set.count(from, last), shown, next);
  }

  /** The page made of {@code count} and {@code page}, up to {@code limit + 1} members (one more says there is a next page). */
  public static NumberPage of(long count, long[] page, int limit) {
    Long next = null;
    long[] shown = page;
    if (page.length > limit) {
      next = page[limit - 1];
      shown = Arrays.copyOf(page, limit);
    }
    return new NumberPage(count, shown, next);
  }
}
