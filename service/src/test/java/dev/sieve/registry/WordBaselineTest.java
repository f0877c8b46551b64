package dev.sieve.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sieve.memory.HashSetBaseline;
import dev.sieve.words.WordSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code HashSet<String>} baseline of a word set, from the lengths its build counted
 * ({@code WordLengths}) and from a walk of a set read back from its file (no lengths), against the
 * model applied to the words as {@code String}s: ASCII, Latin-1 beyond ASCII (one byte a char in a
 * compact string), other BMP code points (two) and supplementary ones (two units), short and long.
 */
class WordBaselineTest {
  private static final int[][] ALPHABETS = {
      {'a', 'z'}, {0xE0, 0xFF}, {0x3B1, 0x3C9}, {0x4E00, 0x4E40}, {0x1F600, 0x1F640}};

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3})
  void theBuildsCountedLengthsGiveTheBaselineOfTheWords(int seed) throws IOException {
    Random rnd = new Random(7100 + seed);
    Set<String> words = new HashSet<>();
    int n = seed == 0 ? 0 : 2_000 * seed;
    while (words.size() < n) {
      StringBuilder w = new StringBuilder();
      int len = rnd.nextInt(10) == 0 ? 4_000 + rnd.nextInt(200) : rnd.nextInt(12); // a few past the dense table
      for (int i = 0; i < len; i++) {
        int[] a = ALPHABETS[rnd.nextInt(4) == 0 ? rnd.nextInt(ALPHABETS.length) : 0];
        w.appendCodePoint(a[0] + rnd.nextInt(a[1] - a[0] + 1));
      }
      words.add(w.toString());
    }
    HashSetBaseline.Strings expected = new HashSetBaseline.Strings();
    words.forEach(expected::add);

    WordSet built = WordSet.of(words);
    assertNotNull(built.lengths());
    @SuppressWarnings("unchecked")
    SetFamily<?, WordSet, ?> f = (SetFamily<?, WordSet, ?>) SetFamily.of(SetKind.WORDS);
    assertEquals(expected.bytes(), f.baseline(built), "from the counted lengths");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    built.writeTo(out);
    WordSet read = WordSet.read(ByteBuffer.wrap(out.toByteArray()));
    assertNull(read.lengths());
    assertEquals(expected.bytes(), f.baseline(read), "from a walk of the set");
  }
}
