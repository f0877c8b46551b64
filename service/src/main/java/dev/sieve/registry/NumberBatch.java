package dev.sieve.registry;

import dev.sieve.memory.Reservation;
import dev.sieve.numbers.NumberLineParser;
import dev.sieve.numbers.NumberSet;
import dev.sieve.numbers.NumberSetBuilder;
import dev.sieve.numbers.NumberSetFormat;
import java.nio.charset.StandardCharsets;

/**
 * The values of an update batch, naturals and inclusive ranges, as one set: at most {@link
 * UpdateBatch#MAX_BYTES} bytes in Roaring's portable format (how the journal keeps it). A
 * range may hold 2^32 values: fill and finish it on a worker.
 */
public final class NumberBatch extends UpdateBatch<NumberSet> {
  private final NumberSetBuilder builder;

  NumberBatch(Reservation reservation) {
    super(reservation);
    this.builder = new NumberSetBuilder(reservation);
  }

  /** A line of a body: a natural or a range {@code a-b}. */
  @Override
  public void accept(byte[] line, int length) {
    NumberLineParser.parseInto(line, 0, length, builder);
  }

  /** Element {@code index} of a JSON batch: an integer, or a range {@code "a-b"} as a string. */
  @Override
  public void add(Object value, int index) {
    try {
      if (value instanceof Integer || value instanceof Long) {
        builder.add(((Number) value).longValue());
      } else if (value instanceof String range) {
        byte[] line = range.getBytes(StandardCharsets.UTF_8);
        NumberLineParser.parseInto(line, 0, line.length, builder);
      } else {
        throw new IllegalArgumentException("not an integer nor a range \"a-b\": " + value);
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("numbers[" + index + "]: " + e.getMessage());
    }
  }

  /** A value sent as a uint64, named {@code what} in errors. */
  public void addUnsigned(long value, String what) {
    builder.add(natural(value, what));
  }

  /** The inclusive range of two uint64s, named {@code what} in errors. */
  public void addRange(long first, long last, String what) {
    try {
      builder.addRange(natural(first, what + ".first"), natural(last, what + ".last"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage().startsWith(what) ? e.getMessage() : what + ": " + e.getMessage());
    }
  }

  /** {@code uint64} if it is a natural below 2^63, the largest a number set holds. */
  public static long natural(long uint64, String what) {
    if (uint64 < 0) {
      throw new IllegalArgumentException(what + ": " + Long.toUnsignedString(uint64) + " is above 2^63-1");
    }
    return uint64;
  }

  @Override
  public NumberSet finish() {
    NumberSet set = builder.build();
    if (NumberSetFormat.serializedSize(set) > MAX_BYTES) {
      throw tooLarge("numbers (in Roaring's portable format)");
    }
    return set;
  }
}
