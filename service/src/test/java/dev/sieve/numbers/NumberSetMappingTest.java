package dev.sieve.numbers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A set laid over a mapped snapshot ({@link NumberSetFormat#map}) answers exactly as the heap set
 * it was written from and as a TreeSet oracle: queries, export, set algebra with heap sets, and
 * deltas over it (what a restored set goes through).
 */
class NumberSetMappingTest {
  @TempDir
  Path dir;

  private NumberSet mapped(NumberSet set, String name) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NumberSetFormat.write(set, out);
    Path file = dir.resolve(name);
    Files.write(file, out.toByteArray());
    try (FileChannel ch = FileChannel.open(file)) {
      MappedByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
      return NumberSetFormat.map(buf);
    }
  }

  private static byte[] bytes(NumberSet set) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NumberSetFormat.write(set, out);
    return out.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void aMappedSetAnswersAsTheHeapSet(long seed) throws IOException {
    Random random = new Random(seed);
    boolean wide = seed % 2 == 0;
    NumberSetBuilder builder = new NumberSetBuilder();
    TreeSet<Long> oracle = NumberSetPropertyTest.randomOracle(random, builder, 3000, wide);
    NumberSet heap = builder.build();
    NumberSet map = mapped(heap, "s" + seed);
    assertTrue(map.isMapped());
    assertFalse(heap.isMapped());
    assertTrue(map.mappedBytes() > 0);
    assertTrue(map.byteSize() < heap.byteSize() / 10, map.byteSize() + " vs " + heap.byteSize());
    assertEquals(oracle.size(), map.cardinality());
    assertEquals(heap.type(), map.type());
    for (int i = 0; i < 2000; i++) {
      long probe = random.nextLong() >>> (wide ? 1 : 31);
      Long member = oracle.ceiling(probe);
      if (member != null && random.nextBoolean()) {
        probe = member;
      }
      assertEquals(oracle.contains(probe), map.contains(probe), "contains " + probe);
    }
    long first = oracle.first();
    long last = oracle.last();
    long mid = first + (last - first) / 2;
    assertEquals(oracle.subSet(first, true, mid, true).size(), map.count(first, mid));
    assertArrayEquals(NumberSetPropertyTest.toArray(oracle.tailSet(mid, true), 500), map.list(mid, Long.MAX_VALUE, 500));
    assertArrayEquals(bytes(heap), bytes(map));
    assertEquals(NumberSetFormat.serializedSize(heap), NumberSetFormat.serializedSize(map));
    long[] parts = map.breakdown().stream().mapToLong(ContainerStats::values).toArray();
    assertEquals(oracle.size(), parts[0] + parts[1] + parts[2]);

    // algebra with heap sets, both ways round, equals the heap-only result
    NumberSetBuilder other = new NumberSetBuilder();
    NumberSetPropertyTest.randomOracle(random, other, 1000, wide);
    NumberSet small = other.build();
    for (SetOperation op : SetOperation.values()) {
      assertArrayEquals(bytes(op.apply(heap, small)), bytes(op.apply(map, small)), op + " mapped first");
      assertArrayEquals(bytes(op.apply(small, heap)), bytes(op.apply(small, map)), op + " mapped second");
    }
    // a delta over the mapped base, as after a restart, then compacted
    NumberDelta overMapped = NumberDelta.of(map).apply(small, NumberSet.of(first)).set();
    NumberDelta overHeap = NumberDelta.of(heap).apply(small, NumberSet.of(first)).set();
    assertEquals(overHeap.cardinality(), overMapped.cardinality());
    assertArrayEquals(bytes(overHeap.compact()), bytes(overMapped.compact()));
    assertEquals(heap, map);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 100})
  void bytesThatAreNotASetAreRefused(int size) {
    byte[] junk = new byte[size];
    new Random(size).nextBytes(junk);
    assertThrows(InvalidNumberException.class, () -> NumberSetFormat.map(ByteBuffer.wrap(junk)));
  }
}
