package dev.sieve.words;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Debian's real word lists (installed by {@code .ci/run}: packages wfrench, wamerican-insane).
 * Skipped on a machine without them, except under CI where their absence is a failure.
 */
class WordSetRealListTest {

  @ParameterizedTest
  @ValueSource(strings = {"/usr/share/dict/french", "/usr/share/dict/american-english-insane"})
  void everyWordOfARealList(String file) throws IOException {
    Path path = Path.of(file);
    if (System.getenv("CI") == null) {
      assumeTrue(Files.exists(path), file + " not installed (apt-get install wfrench wamerican-insane)");
    }
    List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    TreeSet<String> oracle = ByteOrder.oracle();
    WordSetCollector collector = new WordSetCollector();
    for (String line : lines) {
      if (!line.isEmpty()) {
        oracle.add(line);
        collector.add(line);
      }
    }
    WordSet set = collector.build();
    assertEquals(oracle.size(), set.size());
    List<String> sorted = new ArrayList<>(oracle);
    WordCursor c = set.cursor();
    for (int i = 0; i < sorted.size(); i++) {
      String w = sorted.get(i);
      assertTrue(c.next());
      assertEquals(w, c.current());
      assertTrue(set.contains(w), w);
      assertFalse(set.contains(w + "\u0001"), w);
      if (i % 97 == 0) {
        assertEquals(i, set.rank(w));
        assertEquals(w, set.word(i));
        String prefix = w.substring(0, Math.min(3, w.length()));
        long expected = oracle.subSet(prefix, true, prefix + Character.MAX_VALUE, false).size();
        assertEquals(expected, set.count(prefix), prefix);
      }
    }
    assertFalse(c.next());
    // The sorted-input path gives the same trie as the collector.
    WordSetBuilder b = new WordSetBuilder();
    for (String w : sorted) {
      b.add(w);
    }
    WordSet fromSorted = b.build();
    assertEquals(set.byteSize(), fromSorted.byteSize());
    assertEquals(set.shape(), fromSorted.shape());
    assertTrue(set.bytesByRole().get("hot") > 0, "a real list has hot suffix nodes");
    // Round trip through the file format, hot-node table included.
    WordSet back = WordSet.read(java.nio.ByteBuffer.wrap(WordSetFormatTest.bytes(set)));
    WordSetFormatTest.assertSameSet(set, back);
  }
}
