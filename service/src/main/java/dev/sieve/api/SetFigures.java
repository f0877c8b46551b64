package dev.sieve.api;

import dev.sieve.numbers.NumberSet;
import dev.sieve.registry.SetKind;
import dev.sieve.registry.SetVersion;
import dev.sieve.words.WordSet;

/**
 * The figures of one set version as both faces report them: elements ({@code count}), the
 * structure's exact bytes, the bytes a {@code HashSet} of the same elements would take, and, for
 * number sets, the Roaring type ({@code null} for word sets).
 */
public record SetFigures(SetKind kind, SetVersion<?> version, long count, long bytes, String type) {

  public static SetFigures words(SetVersion<WordSet> v) {
    return new SetFigures(SetKind.WORDS, v, v.set().size(), v.set().byteSize(), null);
  }

  public static SetFigures numbers(SetVersion<NumberSet> v) {
    return new SetFigures(SetKind.NUMBERS, v, v.set().cardinality(), v.set().byteSize(), v.set().type());
  }

  public String name() {
    return version.name();
  }

  public long baselineBytes() {
    return version.baselineBytes();
  }

  /** Bytes per element, rounded to two decimals; 0 for an empty set. */
  public double bytesPerElement() {
    return perElement(bytes, count);
  }

  /** {@code bytes / count} rounded to two decimals; 0 when {@code count} is 0. */
  public static double perElement(long bytes, long count) {
    return count == 0 ? 0 : Math.round(100.0 * bytes / count) / 100.0;
  }
}
