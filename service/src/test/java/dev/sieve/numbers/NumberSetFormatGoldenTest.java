package dev.sieve.numbers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sieve.testing.Golden;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/**
 * The number-set snapshot format (Roaring's portable serialization, 32-bit and 64-bit), pinned by
 * golden files holding each kind of container (array, bitmap, run): each decodes, read and mapped
 * in place, to the values expected, and the set built from those values encodes to the same bytes.
 * The 32-bit file is also read by RoaringBitmap itself, as CRoaring, Go and Python Roaring would.
 */
class NumberSetFormatGoldenTest {
  /** 100..1099 (a run container), 5,000 even values above 3·2^16 (a bitmap), three above 7·2^16 (an array). */
  static long[] values32() {
    return LongStream.concat(LongStream.rangeClosed(100, 1099), LongStream.concat(
        LongStream.range(0, 5_000).map(i -> (3L << 16) + 2 * i), LongStream.of(5, 42, 999).map(i -> (7L << 16) + i))).toArray();
  }

  /** Three buckets past 2^32 beside bucket 0, up to the largest value a set may hold. */
  static long[] values64() {
    return LongStream.concat(LongStream.of(7), LongStream.concat(LongStream.rangeClosed(1L << 32, (1L << 32) + 99),
        LongStream.of((5L << 32) + 12_345, NumberSet.MAX_VALUE))).toArray();
  }

  static NumberSet build(long[] values) {
    NumberSetBuilder builder = new NumberSetBuilder();
    for (long v : values) {
      builder.add(v);
    }
    return builder.build();
  }

  static byte[] encode(NumberSet set) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NumberSetFormat.write(set, out);
    return out.toByteArray();
  }

  static long[] all(NumberSet set) {
    return set.list(0, NumberSet.MAX_VALUE, Integer.MAX_VALUE);
  }

  static void assertPinned(String golden, long[] values, boolean is32Bit) throws IOException {
    Golden.assertEncodes(golden, encode(build(values)));
    byte[] bytes = Golden.read(golden);
    NumberSet read = NumberSetFormat.read(ByteBuffer.wrap(bytes));
    assertArrayEquals(values, all(read));
    assertEquals(is32Bit, read.is32Bit());
    assertArrayEquals(values, all(NumberSetFormat.map(ByteBuffer.wrap(bytes))));
    assertEquals(bytes.length, NumberSetFormat.serializedSize(read));
  }

  @Test
  void a32BitSetIsOneRoaringBitmap() throws IOException {
    assertPinned("numbers-32-v1.roaring", values32(), true);
    RoaringBitmap theirs = new RoaringBitmap();
    theirs.deserialize(ByteBuffer.wrap(Golden.read("numbers-32-v1.roaring")));
    assertArrayEquals(values32(), theirs.stream().asLongStream().toArray());
    NumberSet read = NumberSetFormat.read(ByteBuffer.wrap(Golden.read("numbers-32-v1.roaring")));
    assertEquals(java.util.Set.of("array", "bitmap", "run"), read.breakdown().stream()
        .filter(c -> c.count() > 0 && !c.type().equals("index")).map(ContainerStats::type).collect(java.util.stream.Collectors.toSet()));
  }

  @Test
  void a64BitSetIsThePortable64BitFormat() throws IOException {
    assertPinned("numbers-64-v1.roaring", values64(), false);
  }
}
