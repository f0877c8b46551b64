package dev.sieve.words;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Pages}' arrays against plain arrays, across page ends, through shrinking. */
class PagesTest {

  @ParameterizedTest
  @CsvSource({"0, 3", "1, 3", "7, 3", "8, 3", "9, 3", "1000, 3", "1000, 1", "4096, 12", "70001, 16"})
  void pagedArraysReadWhatPlainArraysRead(int length, int bits) {
    Random rnd = new Random(31L * length + bits);
    Pages.Ints ints = new Pages.Ints(length, bits);
    Pages.Longs longs = new Pages.Longs(length, bits);
    Pages.Bytes bytes = new Pages.Bytes(length, bits);
    Pages.Shorts shorts = new Pages.Shorts(length, bits);
    int[] i0 = new int[length];
    long[] l0 = new long[length];
    byte[] b0 = new byte[length];
    short[] s0 = new short[length];
    assertEquals(length, ints.length());
    assertEquals(length, longs.length());
    assertEquals(length, bytes.length());
    assertEquals(length, shorts.length());
    if (length > 0) {
      ints.fill(-1);
      Arrays.fill(i0, -1);
    }
    for (int k = 0; k < 3 * length; k++) {
      int i = rnd.nextInt(length);
      switch (rnd.nextInt(5)) {
        case 0 -> {
          int v = rnd.nextInt();
          ints.set(i, v);
          i0[i] = v;
        }
        case 1 -> {
          ints.increment(i);
          i0[i]++;
        }
        case 2 -> {
          long v = rnd.nextLong();
          longs.set(i, v);
          l0[i] = v;
        }
        case 3 -> {
          byte v = (byte) rnd.nextInt();
          bytes.set(i, v);
          b0[i] = v;
        }
        default -> {
          short v = (short) rnd.nextInt();
          shorts.set(i, v);
          s0[i] = v;
        }
      }
    }
    for (int i = 0; i < length; i++) {
      assertEquals(i0[i], ints.get(i), "int " + i);
      assertEquals(l0[i], longs.get(i), "long " + i);
      assertEquals(b0[i], bytes.get(i), "byte " + i);
      assertEquals(s0[i], shorts.get(i), "short " + i);
    }
    int n = length == 0 ? 0 : rnd.nextInt(length + 1);
    ints.shrink(n);
    bytes.shrink(n);
    assertEquals(n, ints.length());
    assertEquals(n, bytes.length());
    for (int i = 0; i < n; i++) {
      assertEquals(i0[i], ints.get(i), "int " + i + " after shrinking to " + n);
      assertEquals(b0[i], bytes.get(i), "byte " + i + " after shrinking to " + n);
    }
  }

  @ParameterizedTest
  @CsvSource({"16, 3", "17, 3", "23, 3", "24, 3"})
  void shrinkingDropsTheLastPagesWhole(int length, int bits) {
    Pages.Ints ints = new Pages.Ints(length, bits);
    for (int i = 0; i < length; i++) {
      ints.set(i, i * 7);
    }
    ints.shrink(9); // into the second page of 8
    assertEquals(9, ints.length());
    assertEquals(56, ints.get(8));
    // the second page was cut to one element, the third dropped: no read past the new length
    assertThrows(ArrayIndexOutOfBoundsException.class, () -> ints.get(9));
    assertThrows(ArrayIndexOutOfBoundsException.class, () -> ints.get(16));
  }
}
