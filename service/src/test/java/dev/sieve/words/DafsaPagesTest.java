package dev.sieve.words;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Dafsa} keeps nodes and arcs in pages; with pages of a few entries every node and many
 * arc runs cross a page end, and the frozen bytes must not change: the same words give the same
 * file whatever the page size (and the golden file with tiny pages).
 */
class DafsaPagesTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 10})
  void theGoldenListGivesTheGoldenFileWithTinyPages(int pageBits) throws IOException {
    WordSetBuilder b = new WordSetBuilder(pageBits);
    for (byte[] w : WordSetGoldenTest.sortedDistinct()) {
      b.add(w, 0, w.length);
    }
    WordSet s = b.build();
    assertArrayEquals(WordSetFormatTest.bytes(WordSetGoldenTest.build()), WordSetFormatTest.bytes(s));
    WordSetGoldenTest.checkAgainstList(s);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 4, 7})
  void randomUsernamesGiveTheSameBytesWhateverThePageSize(int pageBits) throws IOException {
    Random rnd = new Random(1100 + pageBits);
    String[] parts = {"red", "fox", "blue", "sky", "dark", "moon", "sun", "rise", "a", "zed"};
    String[] seps = {"", "_", ".", "-"};
    TreeSet<String> words = new TreeSet<>();
    for (int i = 0; i < 20_000; i++) {
      String w = parts[rnd.nextInt(parts.length)] + seps[rnd.nextInt(seps.length)] + parts[rnd.nextInt(parts.length)];
      words.add(rnd.nextBoolean() ? w + rnd.nextInt(100) : w + (1950 + rnd.nextInt(75)));
    }
    WordSetBuilder small = new WordSetBuilder(pageBits);
    WordSetBuilder normal = new WordSetBuilder();
    for (String w : words) { // all ASCII: String order is byte order
      byte[] u = w.getBytes(StandardCharsets.UTF_8);
      small.add(u, 0, u.length);
      normal.add(u, 0, u.length);
    }
    WordSet a = small.build();
    WordSet b = normal.build();
    assertArrayEquals(WordSetFormatTest.bytes(b), WordSetFormatTest.bytes(a));
    assertEquals(words.size(), a.size());
    List<String> first = a.list("", null, 5);
    assertEquals(List.copyOf(words).subList(0, 5), first);
  }
}
