package dev.sieve.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.numbers.NumberSet;
import dev.sieve.numbers.NumberSetBuilder;
import java.util.HashSet;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

/** The byte models against JOL's deep size on the running JVM. */
class MemoryModelTest {
  private static long jol(Object root) {
    return GraphLayout.parseInstance(root).totalSize();
  }

  private static void assertWithin(double tolerance, long expected, long modelled, String what) {
    double error = Math.abs(modelled - expected) / (double) expected;
    assertTrue(error <= tolerance, what + ": model " + modelled + " vs JOL " + expected + " (" + error + ")");
  }

  @Test
  void layoutConstantsMatchThisJvm() {
    assertEquals(jol(new Object()), JvmLayout.object(0));
    assertEquals(jol(new byte[0]), JvmLayout.array(1, 0));
    assertEquals(jol(new byte[13]), JvmLayout.array(1, 13));
    assertEquals(jol(new long[1024]), JvmLayout.array(8, 1024));
    assertEquals(jol(new Object[5]), JvmLayout.array(JvmLayout.REFERENCE, 5));
    assertEquals(jol(Long.valueOf(1L << 40)), JvmLayout.object(8));
  }

  @Test
  void hashSetOfStringsWithinTenPercent() {
    Random random = new Random(1);
    for (int size : new int[] {0, 1, 12, 13, 1000, 50_000}) {
      HashSet<String> set = new HashSet<>();
      HashSetBaseline.Strings model = new HashSetBaseline.Strings();
      while (set.size() < size) {
        StringBuilder w = new StringBuilder();
        int length = 1 + random.nextInt(15);
        for (int k = 0; k < length; k++) {
          // mostly Latin-1, sometimes a char that forces UTF-16 storage
          w.append(random.nextInt(20) == 0 ? (char) ('\u4e00' + random.nextInt(100)) : (char) ('a' + random.nextInt(26)));
        }
        String word = w.toString();
        if (set.add(word)) {
          model.add(word);
        }
      }
      assertWithin(0.10, jol(set), model.bytes(), "HashSet<String> of " + size);
      assertWithin(0.01, jol(set), model.bytes(), "HashSet<String> of " + size + " (in practice exact)");
    }
  }

  @Test
  void hashSetOfLongsWithinTenPercent() {
    Random random = new Random(2);
    for (int size : new int[] {0, 1, 100, 10_000, 200_000}) {
      HashSet<Long> set = new HashSet<>();
      while (set.size() < size) {
        set.add(1000 + (random.nextLong() >>> 1));
      }
      assertWithin(0.10, jol(set), HashSetBaseline.ofLongs(size), "HashSet<Long> of " + size);
      assertWithin(0.01, jol(set), HashSetBaseline.ofLongs(size), "HashSet<Long> of " + size + " (in practice exact)");
    }
  }

  @Test
  void numberSetSizeIsExact() {
    Random random = new Random(3);
    NumberSetBuilder builder = new NumberSetBuilder();
    for (int i = 0; i < 20_000; i++) {
      builder.add(random.nextInt(1 << 22)); // array and bitmap containers
    }
    builder.addRange(50_000_000, 50_300_000); // run containers
    builder.add(7L << 40); // a second bucket
    NumberSet set = builder.build();
    assertEquals(jol(set), set.byteSize());
    assertEquals(jol(NumberSet.of(1, 2, 3)), NumberSet.of(1, 2, 3).byteSize());
  }
}
