package dev.sieve.numbers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.roaringbitmap.longlong.Roaring64NavigableMap;

/** NumberSet against a TreeSet<Long> oracle, over random data of several shapes. */
class NumberSetPropertyTest {

  /** Random values and ranges: dense runs, sparse values, around 2^32, and wide 64-bit values. */
  static TreeSet<Long> randomOracle(Random random, NumberSetBuilder builder, int operations, boolean wide) {
    TreeSet<Long> oracle = new TreeSet<>();
    for (int i = 0; i < operations; i++) {
      long base = switch (random.nextInt(wide ? 5 : 3)) {
        case 0 -> random.nextInt(1 << 18);
        case 1 -> random.nextInt(1 << 30) * 3L;
        case 2 -> 0xFFFF_0000L + random.nextInt(1 << 17); // spans 2^32 when wide allows
        case 3 -> (long) random.nextInt(8) << 32 | random.nextInt(1 << 16);
        default -> random.nextLong() >>> 1;
      };
      if (!wide && base >= 1L << 32) {
        base &= 0x7FFF_FFFFL;
      }
      if (random.nextInt(6) == 0) {
        long length = random.nextInt(25) == 0 ? random.nextInt(70_000) : random.nextInt(50);
        long last = Math.min(base + length, wide ? Long.MAX_VALUE : (1L << 32) - 1);
        builder.addRange(base, last);
        for (long v = base; v <= last; v++) {
          oracle.add(v);
        }
      } else {
        builder.add(base);
        oracle.add(base);
      }
    }
    return oracle;
  }

  static long[] toArray(NavigableSet<Long> set, int limit) {
    return set.stream().limit(limit).mapToLong(Long::longValue).toArray();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void queriesMatchTheOracle(long seed) {
    Random random = new Random(seed);
    boolean wide = seed % 2 == 0;
    NumberSetBuilder builder = new NumberSetBuilder();
    TreeSet<Long> oracle = randomOracle(random, builder, 3000, wide);
    NumberSet set = builder.build();

    assertEquals(oracle.size(), set.cardinality());
    assertEquals(oracle.isEmpty() || oracle.last() < 1L << 32, set.is32Bit());
    for (int i = 0; i < 3000; i++) {
      long probe;
      if (i % 3 == 0 && !oracle.isEmpty()) {
        Long member = oracle.ceiling(wide ? random.nextLong() >>> 1 : random.nextInt(1 << 30));
        probe = member == null ? oracle.first() : member;
      } else {
        probe = i % 3 == 1 ? random.nextInt(1 << 20) : random.nextLong() >>> 1;
      }
      assertEquals(oracle.contains(probe), set.contains(probe), "contains " + probe);
      assertEquals(oracle.contains(probe + 1), set.contains(probe + 1));
    }
    assertEquals(false, set.contains(-1));

    List<long[]> windows = new ArrayList<>();
    windows.add(new long[] {0, Long.MAX_VALUE});
    windows.add(new long[] {(1L << 32) - 5, (1L << 32) + 5});
    for (int i = 0; i < 200; i++) {
      long a = random.nextBoolean() ? random.nextInt(1 << 20) : random.nextLong() >>> 1;
      long b = a + (random.nextBoolean() ? random.nextInt(1 << 18) : random.nextLong() >>> 2);
      windows.add(new long[] {a, b < 0 ? Long.MAX_VALUE : b});
    }
    for (long[] w : windows) {
      NavigableSet<Long> expected = oracle.subSet(w[0], true, w[1], true);
      assertEquals(expected.size(), set.count(w[0], w[1]), () -> "count " + w[0] + ".." + w[1]);
      int limit = 1 + random.nextInt(300);
      assertArrayEquals(toArray(expected, limit), set.list(w[0], w[1], limit), () -> "list " + w[0] + ".." + w[1]);
    }
    assertEquals(0, set.count(10, 9));
    assertEquals(0, set.list(10, 9, 5).length);
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14})
  void setAlgebraMatchesTheOracle(long seed) {
    Random random = new Random(seed);
    NumberSetBuilder ba = new NumberSetBuilder();
    NumberSetBuilder bb = new NumberSetBuilder();
    TreeSet<Long> a = randomOracle(random, ba, 1500, seed % 2 == 0);
    TreeSet<Long> b = randomOracle(random, bb, 1500, seed % 3 == 0);
    // overlap: b also gets some of a's values
    a.stream().filter(v -> random.nextInt(3) == 0).toList().forEach(v -> {
      bb.add(v);
      b.add(v);
    });
    NumberSet sa = ba.build();
    NumberSet sb = bb.build();

    TreeSet<Long> and = new TreeSet<>(a);
    and.retainAll(b);
    TreeSet<Long> or = new TreeSet<>(a);
    or.addAll(b);
    TreeSet<Long> andNot = new TreeSet<>(a);
    andNot.removeAll(b);
    TreeSet<Long> xor = new TreeSet<>(or);
    xor.removeAll(and);

    assertSame(and, SetOperation.AND.apply(sa, sb));
    assertSame(or, SetOperation.OR.apply(sa, sb));
    assertSame(xor, SetOperation.XOR.apply(sa, sb));
    assertSame(andNot, SetOperation.ANDNOT.apply(sa, sb));
    assertSame(and, SetOperation.AND.apply(List.of(sa, sb, sa)));
    assertSame(a, SetOperation.OR.apply(List.of(sa)));
    // operands are untouched
    assertSame(a, sa);
    assertSame(b, sb);
  }

  private static void assertSame(TreeSet<Long> expected, NumberSet actual) {
    assertEquals(expected.size(), actual.cardinality());
    assertArrayEquals(toArray(expected, Integer.MAX_VALUE), actual.list(0, Long.MAX_VALUE, Integer.MAX_VALUE));
    assertEquals(expected.isEmpty() || expected.last() < 1L << 32, actual.is32Bit());
  }

  @ParameterizedTest
  @ValueSource(longs = {21, 22, 23, 24})
  void portableFormatRoundTripsAndMatchesRoaring64(long seed) throws Exception {
    Random random = new Random(seed);
    NumberSetBuilder builder = new NumberSetBuilder();
    TreeSet<Long> oracle = randomOracle(random, builder, 2000, seed % 2 == 0);
    NumberSet set = builder.build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NumberSetFormat.write(set, out);
    byte[] bytes = out.toByteArray();
    assertEquals(bytes.length, NumberSetFormat.serializedSize(set));
    NumberSet back = NumberSetFormat.read(ByteBuffer.wrap(bytes));
    assertEquals(set, back);

    // Roaring's own 64-bit class reads what we write, and we read what it writes
    Roaring64NavigableMap theirs = new Roaring64NavigableMap();
    if (set.is32Bit()) {
      org.roaringbitmap.RoaringBitmap r = new org.roaringbitmap.RoaringBitmap();
      r.deserialize(ByteBuffer.wrap(bytes));
      assertEquals(oracle.size(), r.getLongCardinality());
      oracle.forEach(theirs::addLong);
    } else {
      theirs.deserializePortable(new DataInputStream(new ByteArrayInputStream(bytes)));
      assertEquals(oracle.size(), theirs.getLongCardinality());
    }
    theirs.runOptimize();
    ByteArrayOutputStream theirBytes = new ByteArrayOutputStream();
    theirs.serializePortable(new DataOutputStream(theirBytes));
    NumberSet fromTheirs = NumberSetFormat.read(ByteBuffer.wrap(theirBytes.toByteArray()));
    assertArrayEquals(toArray(oracle, Integer.MAX_VALUE), fromTheirs.list(0, Long.MAX_VALUE, Integer.MAX_VALUE));
  }

  @Test
  void corruptOrTruncatedInputIsRefusedCleanly() throws Exception {
    Random random = new Random(99);
    for (boolean wide : new boolean[] {false, true}) {
      NumberSetBuilder builder = new NumberSetBuilder();
      randomOracle(random, builder, 500, wide);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      NumberSetFormat.write(builder.build(), out);
      byte[] good = out.toByteArray();
      for (int cut = 0; cut < good.length; cut += Math.max(1, good.length / 200)) {
        byte[] truncated = java.util.Arrays.copyOf(good, cut);
        assertThrows(InvalidNumberException.class, () -> NumberSetFormat.read(ByteBuffer.wrap(truncated)), "cut " + cut);
      }
      byte[] longer = java.util.Arrays.copyOf(good, good.length + 3);
      assertThrows(InvalidNumberException.class, () -> NumberSetFormat.read(ByteBuffer.wrap(longer)));
      for (int i = 0; i < 2000; i++) {
        byte[] flipped = good.clone();
        flipped[random.nextInt(flipped.length)] ^= (byte) (1 + random.nextInt(255));
        try {
          NumberSet set = NumberSetFormat.read(ByteBuffer.wrap(flipped));
          assertTrue(set.cardinality() >= 0); // a flip may still be a valid set; it must be a sound one
          set.list(0, Long.MAX_VALUE, 10);
        } catch (InvalidNumberException expected) {
          // refused: fine
        }
      }
    }
    assertThrows(InvalidNumberException.class, () -> NumberSetFormat.read(ByteBuffer.wrap(new byte[0])));
  }

  @Test
  void emptyAndEdgeValues() throws Exception {
    NumberSet empty = NumberSet.empty();
    assertEquals(0, empty.cardinality());
    assertTrue(empty.is32Bit());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NumberSetFormat.write(empty, out);
    assertEquals(0, NumberSetFormat.read(ByteBuffer.wrap(out.toByteArray())).cardinality());

    NumberSet edges = NumberSet.of(0, (1L << 32) - 1, 1L << 32, Long.MAX_VALUE);
    assertEquals(4, edges.cardinality());
    assertEquals("Roaring64", edges.type());
    assertArrayEquals(new long[] {0, (1L << 32) - 1, 1L << 32, Long.MAX_VALUE}, edges.list(0, Long.MAX_VALUE, 10));
    assertEquals(1, edges.count(Long.MAX_VALUE, Long.MAX_VALUE));
    assertThrows(IllegalArgumentException.class, () -> new NumberSetBuilder().add(-1));
    assertThrows(IllegalArgumentException.class, () -> new NumberSetBuilder().addRange(5, 4));
    assertThrows(IllegalArgumentException.class, () -> new NumberSetBuilder().addRange(0, NumberSetBuilder.MAX_RANGE_LENGTH));
    NumberSetBuilder full = new NumberSetBuilder();
    full.addRange(Long.MAX_VALUE - NumberSetBuilder.MAX_RANGE_LENGTH + 1, Long.MAX_VALUE);
    assertEquals(NumberSetBuilder.MAX_RANGE_LENGTH, full.build().cardinality());
  }
}
