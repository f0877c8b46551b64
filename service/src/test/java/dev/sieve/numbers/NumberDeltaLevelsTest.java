package dev.sieve.numbers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.delta.LevelFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tiered number delta against a TreeSet oracle, as {@code WordDeltaLevelsTest} does for
 * words: values from a narrow range near 0 and one near 2^32 (so they come and go many times and
 * the set crosses between 32 and 64 bits), compactions rebased after more batches, level merges.
 */
class NumberDeltaLevelsTest {
  private static final long HIGH = (1L << 32) - 20;

  private static long value(Random rnd) {
    return rnd.nextInt(4) == 0 ? HIGH + rnd.nextInt(40) : rnd.nextInt(200);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void agreesWithTheOracleThroughCompactionsAndMerges(long seed) {
    Random rnd = new Random(seed);
    TreeSet<Long> oracle = new TreeSet<>();
    for (int i = 0; i < 50; i++) {
      oracle.add((long) rnd.nextInt(200));
    }
    TreeSet<Long> baseValues = new TreeSet<>(oracle);
    NumberDelta set = NumberDelta.of(of(oracle));
    NumberDelta folding = null;
    NumberSet folded = null;
    TreeSet<Long> foldedValues = null;
    NumberDelta merging = null;
    NumberDelta merged = null;
    for (int step = 0; step < 400; step++) {
      int what = rnd.nextInt(20);
      if (what == 0 && folding == null) {
        folding = set.sealed();
        set = folding;
        folded = folding.compact();
        foldedValues = new TreeSet<>(oracle);
        assertArrayEquals(array(oracle), folded.list(0, Long.MAX_VALUE, Integer.MAX_VALUE));
      } else if (what == 1 && folding != null) {
        set = set.rebase(folded, folding);
        baseValues = foldedValues;
        folding = null;
        merging = null;
      } else if (what == 2 && merging == null && folding == null) {
        merging = set.sealed();
        set = merging;
        merged = merging.mergeLevels();
      } else if (what == 3 && merging != null) {
        set = set.withMergedLevels(merging, merged);
        merging = null;
      } else {
        List<Long> adds = new ArrayList<>();
        List<Long> removes = new ArrayList<>();
        for (int i = rnd.nextInt(rnd.nextInt(10) == 0 ? 300 : 5); i >= 0; i--) { // both ways of NumberDelta.members
          (rnd.nextBoolean() ? adds : removes).add(value(rnd));
        }
        if (!adds.isEmpty() && rnd.nextInt(4) == 0) {
          removes.add(adds.get(0)); // the remove wins
        }
        TreeSet<Long> next = new TreeSet<>(oracle);
        next.addAll(adds);
        next.removeAll(removes);
        long in = next.stream().filter(v -> !oracle.contains(v)).count();
        long out = oracle.stream().filter(v -> !next.contains(v)).count();
        NumberDelta.Change c = set.apply(of(adds), of(removes));
        assertEquals(in, c.added(), "flips in at step " + step);
        assertEquals(out, c.removed(), "flips out at step " + step);
        oracle.clear();
        oracle.addAll(next);
        set = c.set();
      }
      check(oracle, baseValues, set, rnd);
      long held = set.levels().stream().mapToLong(LevelFigures::elements).sum();
      assertTrue(set.levels().size() <= 2 * (64 - Long.numberOfLeadingZeros(held + 1)) + 2,
          set.levels() + " for " + held);
    }
    assertArrayEquals(array(oracle), set.compact().list(0, Long.MAX_VALUE, Integer.MAX_VALUE));
  }

  private static void check(TreeSet<Long> oracle, TreeSet<Long> baseValues, NumberDelta set, Random rnd) {
    assertEquals(oracle.size(), set.cardinality());
    assertEquals(oracle.stream().filter(v -> !baseValues.contains(v)).count(), set.addedCount());
    assertEquals(baseValues.stream().filter(v -> !oracle.contains(v)).count(), set.removedCount());
    assertEquals(oracle.isEmpty() || oracle.last() < (1L << 32) ? "RoaringBitmap" : "Roaring64", set.type());
    for (int i = 0; i < 20; i++) {
      long v = value(rnd);
      assertEquals(oracle.contains(v), set.contains(v), "contains " + v);
      long first = value(rnd);
      long last = first + rnd.nextInt(rnd.nextBoolean() ? 50 : Integer.MAX_VALUE);
      NavigableSet<Long> range = oracle.subSet(first, true, last, true);
      assertEquals(range.size(), set.count(first, last), "count " + first + ".." + last);
      // paged listing: each page starts after the last value of the one before
      int limit = 1 + rnd.nextInt(5);
      List<Long> all = new ArrayList<>();
      long from = first;
      while (true) {
        long[] page = set.list(from, last, limit);
        for (long p : page) {
          all.add(p);
        }
        if (page.length < limit) {
          break;
        }
        from = page[page.length - 1] + 1;
      }
      assertEquals(new ArrayList<>(range), all, "pages of " + first + ".." + last);
    }
  }

  private static NumberSet of(Iterable<Long> values) {
    NumberSetBuilder b = new NumberSetBuilder();
    for (long v : values) {
      b.add(v);
    }
    return b.build();
  }

  private static long[] array(TreeSet<Long> s) {
    return s.stream().mapToLong(Long::longValue).toArray();
  }
}
