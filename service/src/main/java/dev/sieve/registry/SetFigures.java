package dev.sieve.registry;

import dev.sieve.delta.LevelFigures;
import dev.sieve.numbers.NumberDelta;
import dev.sieve.words.WordDelta;
import java.util.List;

/**
 * The figures of one set version as both faces report them: elements ({@code count}), the
 * structure's exact heap bytes (frozen base plus delta), the bytes a {@code HashSet} of the same
 * elements would take, for number sets the Roaring type ({@code null} for word sets), the delta of
 * updates not yet compacted (elements added and removed, its bytes), the bytes of a mapped
 * snapshot the set reads in place (after a restart; else 0; not counted in the heap bytes), and the delta's levels,
 * oldest first.
 */
public record SetFigures(SetKind kind, SetVersion<?> version, long count, long bytes, String type,
    long deltaAdded, long deltaRemoved, long deltaBytes, long mappedBytes, List<LevelFigures> deltaLevels) {

  public static SetFigures words(SetVersion<WordDelta> v) {
    WordDelta set = v.set();
    long mapped = set.base().mappedBytes(); // as for numbers: bytes are the heap's, the mapping apart
    return new SetFigures(SetKind.WORDS, v, set.size(), set.byteSize() - mapped, null,
        set.addedCount(), set.removedCount(), set.deltaBytes(), set.base().mappedBytes(), set.levels());
  }

  public static SetFigures numbers(SetVersion<NumberDelta> v) {
    NumberDelta set = v.set();
    return new SetFigures(SetKind.NUMBERS, v, set.cardinality(), set.byteSize(), set.type(),
        set.addedCount(), set.removedCount(), set.deltaBytes(), set.base().mappedBytes(), set.levels());
  }

  public String name() {
    return version.name();
  }

  public long baselineBytes() {
    return version.baselineBytes();
  }

  /**
   * The structure's bytes per element wherever they are, heap and mapping together (a set read
   * in place from its snapshot is no smaller than the same set on the heap), rounded to two
   * decimals; 0 for an empty set.
   */
  public double bytesPerElement() {
    return perElement(bytes + mappedBytes, count);
  }

  /** {@code bytes / count} rounded to two decimals; 0 when {@code count} is 0. */
  public static double perElement(long bytes, long count) {
    return count == 0 ? 0 : Math.round(100.0 * bytes / count) / 100.0;
  }
}
