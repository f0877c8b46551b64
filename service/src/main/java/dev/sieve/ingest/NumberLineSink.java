package dev.sieve.ingest;

import dev.sieve.numbers.NumberLineParser;
import dev.sieve.numbers.NumberSetBuilder;

/** Parses each line as a natural or an inclusive range {@code a-b} into a builder. */
public final class NumberLineSink implements LineSink {
  private final NumberSetBuilder builder;

  public NumberLineSink(NumberSetBuilder builder) {
    this.builder = builder;
  }

  @Override
  public void accept(byte[] line, int length) {
    NumberLineParser.parseInto(line, 0, length, builder);
  }
}
