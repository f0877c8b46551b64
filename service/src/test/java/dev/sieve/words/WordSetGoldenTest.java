package dev.sieve.words;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden files pin every word-set format ever written: each file in {@code golden/} was written
 * by the build of its version from {@link #words()} and must stay readable, with every query
 * exact, by every later build. A new format version adds a file here; none is ever replaced.
 *
 * <p>To write the current version's file (only when its format version is new):
 * {@code mvn -pl service -am test -Dtest=WordSetGoldenTest -Dsieve.golden.write=DIR}.
 */
class WordSetGoldenTest {

  /**
   * The fixed list, chosen for the shapes that stress an encoding: the empty word, one-byte
   * words, chains longer than a chain node, a node with 256 arcs (every byte value, not UTF-8),
   * 2-, 3- and 4-byte UTF-8, shared suffixes referenced often enough to be hot, long unique tails
   * with repeated pieces (name-like), and a word with all its prefixes.
   */
  static List<byte[]> words() {
    List<String> s = new ArrayList<>();
    s.add("");
    for (char c = 'a'; c <= 'z'; c++) {
      s.add(String.valueOf(c));
    }
    String x = "x".repeat(300);
    s.add(x);
    s.add(x + "y");
    s.add(x.substring(0, 150) + "q" + x.substring(151));
    s.add("é".repeat(200));
    s.add("日".repeat(100) + "本");
    s.add("🎉");
    s.add("🎉🎉");
    s.add("\uFFFF");
    s.add("\uD83D\uDE00x");
    for (String p : new String[] {"un", "re", "pre", "dis", "over", "under", "mis", "out"}) {
      for (String q : new String[] {"do", "doing", "done", "does", "make", "making", "made"}) {
        s.add(p + q);
      }
    }
    String[] parts = {"python", "django", "rest", "client", "golang", "github", "lib", "dev", "doc"};
    for (int i = 0; i < 120; i++) {
      String a = parts[i % parts.length];
      String b = parts[(i * 7 + 3) % parts.length];
      String c = parts[(i * 5 + 1) % parts.length];
      s.add(a + "-" + b + "-" + c + (i % 3 == 0 ? "" : Integer.toString(i)));
      s.add("usr/share/doc/" + a + "/" + b + "_" + c + ".html");
    }
    String w = "supercalifragilistic";
    for (int i = 1; i <= w.length(); i++) {
      s.add(w.substring(0, i));
    }
    List<byte[]> out = new ArrayList<>();
    for (String t : s) {
      out.add(t.getBytes(StandardCharsets.UTF_8));
    }
    for (int i = 0; i < 256; i++) {
      out.add(new byte[] {'k', (byte) i});
    }
    return out;
  }

  static List<byte[]> sortedDistinct() {
    TreeSet<byte[]> t = new TreeSet<>(Arrays::compareUnsigned);
    t.addAll(words());
    return new ArrayList<>(t);
  }

  static WordSet build() {
    return build(false);
  }

  /** The list's set; in format v4 if {@code v4} (written only past 1 GiB otherwise, see TrieFormat). */
  static WordSet build(boolean v4) {
    WordSetBuilder b = new WordSetBuilder();
    for (byte[] w : sortedDistinct()) {
      b.add(w, 0, w.length);
    }
    return v4 ? b.build(TrieBytes.DEFAULT_SHIFT, true) : b.build();
  }

  /** The list's set in parts of 100 words: format v5 (written for sets of several parts, see PartsFormat). */
  static WordSet buildParts() {
    WordSetBuilder b = new WordSetBuilder(Dafsa.PAGE_BITS, Long.MAX_VALUE, 100);
    for (byte[] w : sortedDistinct()) {
      b.add(w, 0, w.length);
    }
    return b.build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"words-v2.trie", "words-v3.trie", "words-v4.trie", "words-v5.trie"})
  void goldenFileReadsWithEveryQueryExact(String file) throws IOException {
    byte[] bytes = golden(file);
    WordSet s = WordSet.read(ByteBuffer.wrap(bytes));
    checkAgainstList(s);
    checkAgainstList(WordSet.readTrusted(ByteBuffer.wrap(bytes)));
    // A set keeps the version it was read in: writing it again gives the file back.
    assertTrue(Arrays.equals(bytes, WordSetFormatTest.bytes(s)), "rewritten " + file + " differs");
  }

  @ParameterizedTest
  @ValueSource(strings = {"words-v2.trie", "words-v3.trie", "words-v4.trie", "words-v5.trie"})
  void everyBitFlipOfAGoldenFileIsRefused(String file) throws IOException {
    byte[] bytes = golden(file);
    for (int i = 0; i < bytes.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] c = bytes.clone();
        c[i] ^= (byte) (1 << bit);
        org.junit.jupiter.api.Assertions.assertThrows(CorruptWordSetException.class,
            () -> WordSet.read(ByteBuffer.wrap(c)), file + " byte " + i + " bit " + bit);
      }
    }
  }

  @org.junit.jupiter.api.Test
  void theCurrentBuildWritesTheNewestGoldenFileByteForByte() throws IOException {
    assertTrue(Arrays.equals(golden("words-v" + TrieFormat.VERSION + ".trie"), WordSetFormatTest.bytes(build())),
        "the encoder changed the bytes of format v" + TrieFormat.VERSION + ": a new format needs a new version and golden file");
  }

  @org.junit.jupiter.api.Test
  void theCurrentBuildWritesTheLargeFormatGoldenFileByteForByte() throws IOException {
    assertTrue(Arrays.equals(golden("words-v" + TrieFormat.VERSION_LARGE + ".trie"), WordSetFormatTest.bytes(build(true))),
        "the encoder changed the bytes of format v" + TrieFormat.VERSION_LARGE + ": a new format needs a new version and golden file");
  }

  @org.junit.jupiter.api.Test
  void theCurrentBuildWritesThePartsFormatGoldenFileByteForByte() throws IOException {
    WordSet parts = buildParts();
    assertEquals(5, parts.partCount());
    assertTrue(Arrays.equals(golden("words-v" + PartsFormat.VERSION + ".trie"), WordSetFormatTest.bytes(parts)),
        "the encoder changed the bytes of format v" + PartsFormat.VERSION + ": a new format needs a new version and golden file");
  }

  @org.junit.jupiter.api.Test
  void theLargeFormatHoldsTheSameTrieBytesAsV3() throws IOException {
    byte[] v3 = golden("words-v3.trie");
    byte[] v4 = golden("words-v4.trie");
    long length = ByteBuffer.wrap(v3).getLong(40);
    assertEquals(length, ByteBuffer.wrap(v4).getLong(40));
    assertTrue(Arrays.equals(v3, 8, TrieFormat.HEADER + (int) length, v4, 8, TrieFormat.HEADER + (int) length),
        "v4 differs from v3 in its version, hot-table entries and checksum only, below 2^31 bytes");
  }

  private byte[] golden(String file) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/golden/" + file)) {
      assertTrue(in != null, "missing golden file " + file);
      return in.readAllBytes();
    }
  }

  @org.junit.jupiter.api.Test
  void writeCurrentVersionWhenAsked() throws IOException {
    String dir = System.getProperty("sieve.golden.write");
    WordSet s = build();
    checkAgainstList(s);
    if (dir != null) {
      Path f = Path.of(dir).resolve("words-v" + TrieFormat.VERSION + ".trie");
      try (OutputStream out = Files.newOutputStream(f)) {
        s.writeTo(out);
      }
      Path large = Path.of(dir).resolve("words-v" + TrieFormat.VERSION_LARGE + ".trie");
      try (OutputStream out = Files.newOutputStream(large)) {
        build(true).writeTo(out);
      }
      try (OutputStream out = Files.newOutputStream(Path.of(dir).resolve("words-v" + PartsFormat.VERSION + ".trie"))) {
        buildParts().writeTo(out);
      }
    }
  }

  static void checkAgainstList(WordSet s) {
    List<byte[]> sorted = sortedDistinct();
    assertEquals(sorted.size(), s.size());
    WordCursor c = s.cursor();
    for (int i = 0; i < sorted.size(); i++) {
      byte[] w = sorted.get(i);
      assertTrue(c.next());
      assertArrayEquals(w, Arrays.copyOf(c.bytes(), c.length()), i);
      assertTrue(s.contains(w, 0, w.length), "contains #" + i);
      assertEquals(i, s.rank(w, 0, w.length), "rank #" + i);
      byte[] longer = Arrays.copyOf(w, w.length + 1);
      longer[w.length] = (byte) 0xFF;
      boolean member = java.util.Collections.binarySearch(sorted, longer, Arrays::compareUnsigned) >= 0;
      assertEquals(member, s.contains(longer, 0, longer.length), "contains #" + i + " + 0xFF");
      // count(prefix) for every prefix of every word, against the list.
      if (w.length < 40) {
        for (int k = 0; k <= w.length; k++) {
          assertEquals(countWithPrefix(sorted, w, k), s.count(w, 0, k), "count of a prefix of #" + i);
        }
      }
    }
    assertFalse(c.next());
    // Listing by String for the UTF-8 words, paged with after.
    List<String> expected = new ArrayList<>();
    for (byte[] w : sorted) {
      if (w.length > 0 && w[0] == 'p') {
        expected.add(new String(w, StandardCharsets.UTF_8));
      }
    }
    List<String> paged = new ArrayList<>();
    String after = null;
    while (true) {
      List<String> page = s.list("p", after, 7);
      paged.addAll(page);
      if (page.size() < 7) {
        break;
      }
      after = page.get(page.size() - 1);
    }
    assertEquals(expected, paged);
  }

  private static void assertArrayEquals(byte[] expected, byte[] actual, int i) {
    assertTrue(Arrays.equals(expected, actual), "word #" + i);
  }

  private static long countWithPrefix(List<byte[]> sorted, byte[] w, int k) {
    long n = 0;
    for (byte[] v : sorted) {
      if (v.length >= k && Arrays.equals(v, 0, k, w, 0, k)) {
        n++;
      }
    }
    return n;
  }
}
