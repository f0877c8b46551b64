package dev.sieve.numbers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A base bitmap plus add/remove batches, against a TreeSet oracle applying the same batches;
 * values near 0, near 2^32 and near 2^40 so that 32- and 64-bit buckets both take deltas.
 */
class NumberDeltaTest {
  private static final long[] ORIGINS = {0, (1L << 32) - 500, 1L << 40};

  private static long value(Random rnd) {
    return ORIGINS[rnd.nextInt(ORIGINS.length)] + rnd.nextInt(1000);
  }

  private static NumberSet batch(Random rnd, TreeSet<Long> into, TreeSet<Long> members) {
    NumberSetBuilder b = new NumberSetBuilder();
    for (int i = rnd.nextInt(30); i > 0; i--) {
      long v = !members.isEmpty() && rnd.nextBoolean()
          ? members.toArray(new Long[0])[rnd.nextInt(members.size())] : value(rnd);
      b.add(v);
      into.add(v);
    }
    if (rnd.nextInt(4) == 0) {
      long from = value(rnd);
      b.addRange(from, from + 40);
      for (long v = from; v <= from + 40; v++) {
        into.add(v);
      }
    }
    return b.build();
  }

  private static void check(TreeSet<Long> oracle, NumberDelta set) {
    assertEquals(oracle.size(), set.cardinality());
    for (long origin : ORIGINS) {
      for (long v = origin; v < origin + 1000; v += 7) {
        assertEquals(oracle.contains(v), set.contains(v), "contains " + v);
      }
      long first = origin + 100;
      long last = origin + 700;
      assertEquals(oracle.subSet(first, true, last, true).size(), set.count(first, last));
      long[] expected = oracle.subSet(first, true, last, true).stream().limit(50).mapToLong(Long::longValue).toArray();
      assertArrayEquals(expected, set.list(first, last, 50));
    }
    long[] all = oracle.stream().mapToLong(Long::longValue).toArray();
    assertArrayEquals(all, set.list(0, Long.MAX_VALUE, all.length + 1));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void agreesWithOracleThroughBatchesRebaseAndCompaction(long seed) {
    Random rnd = new Random(seed);
    TreeSet<Long> oracle = new TreeSet<>();
    NumberSetBuilder initial = new NumberSetBuilder();
    for (int i = 0; i < 600; i++) {
      long v = value(rnd);
      initial.add(v);
      oracle.add(v);
    }
    NumberDelta set = NumberDelta.of(initial.build());
    NumberDelta folded = null;
    NumberSet foldedBase = null;
    for (int round = 0; round < 40; round++) {
      TreeSet<Long> adds = new TreeSet<>();
      TreeSet<Long> removes = new TreeSet<>();
      NumberSet a = batch(rnd, adds, oracle);
      NumberSet r = batch(rnd, removes, oracle);
      boolean add = rnd.nextBoolean();
      NumberDelta.Change c = add ? set.apply(a, NumberSet.empty()) : set.apply(NumberSet.empty(), r);
      long before = oracle.size();
      if (add) {
        oracle.addAll(adds);
        assertEquals(oracle.size() - before, c.added());
        assertEquals(0, c.removed());
      } else {
        oracle.removeAll(removes);
        assertEquals(before - oracle.size(), c.removed());
        assertEquals(0, c.added());
      }
      set = c.set();
      check(oracle, set);
      // A compaction starts at some round and lands a few rounds later, as in the store.
      if (folded == null && rnd.nextInt(6) == 0) {
        folded = set;
        foldedBase = set.compact();
      } else if (folded != null && rnd.nextInt(3) == 0) {
        set = set.rebase(foldedBase, folded);
        folded = null;
        check(oracle, set);
      }
    }
    NumberSet compacted = set.compact();
    check(oracle, NumberDelta.of(compacted));
  }
}
