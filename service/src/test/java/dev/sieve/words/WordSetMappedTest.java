package dev.sieve.words;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A word set read in place from a mapped file ({@link WordSet#readInPlace}): every query against
 * the oracle, the golden files of every format version, damage refused, and no heap copy of the
 * trie.
 */
class WordSetMappedTest {
  @TempDir
  Path dir;

  private MappedByteBuffer map(byte[] bytes) throws IOException {
    Path f = Files.createTempFile(dir, "set", ".trie");
    Files.write(f, bytes);
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
      return ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
    }
  }

  private static byte[] bytesOf(WordSet set) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    set.writeTo(out);
    return out.toByteArray();
  }

  @ParameterizedTest(name = "alphabet {0}, {1} words up to {2} chars, seed {3}")
  @MethodSource("dev.sieve.words.WordSetPropertyTest#wordSets")
  void everyQueryAgreesWithTheOracle(String alphabet, int size, int maxLen, long seed) throws IOException {
    Random rnd = new Random(seed);
    int[] cps = alphabet.codePoints().toArray();
    List<String> input = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      input.add(WordSetPropertyTest.randomWord(rnd, cps, 1 + rnd.nextInt(maxLen)));
    }
    Collections.shuffle(input, rnd);
    WordSet built = WordSet.of(input);
    MappedByteBuffer buf = map(bytesOf(built));
    WordSet mapped = WordSet.readInPlace(buf);
    assertFalse(buf.hasRemaining(), "the whole file was read");
    assertTrue(mapped.isMapped());
    assertFalse(built.isMapped());
    assertEquals(built.byteSize(), mapped.byteSize());
    assertEquals(mapped.byteSize() - 4L * built.only().codes.hot.length, mapped.mappedBytes());
    // a restored trie's bytes by role are counted when first asked for, not while it is read
    // (a restart waits for the checksum only); then they are the builder's exactly
    assertTrue(built.only().figuresKnown());
    assertFalse(mapped.only().figuresKnown());
    assertEquals(built.bytesByRole(), mapped.bytesByRole());
    assertTrue(mapped.only().figuresKnown());
    assertEquals(built.shape(), mapped.shape());
    WordSetPropertyTest.checkAll(input, mapped, rnd, cps);
    // Fuzzy matching walks the trie through TrieSearch.
    TreeSet<String> words = ByteOrder.oracle();
    words.addAll(input);
    WordDelta live = WordDelta.of(mapped);
    for (int q = 0; q < 6 && !input.isEmpty(); q++) {
      String query = input.get(rnd.nextInt(input.size()));
      FuzzyPropertyTest.check(live, words, query, q % 3, rnd.nextBoolean(), 0, 1 + rnd.nextInt(4));
    }
    // Written back from the mapping: the same bytes.
    assertEquals(List.of(bytesOf(built).length), List.of(bytesOf(mapped).length));
    assertTrue(java.util.Arrays.equals(bytesOf(built), bytesOf(mapped)), "written back byte for byte");
  }

  @Test
  void goldenFilesOfEveryVersionReadInPlace() throws IOException {
    for (String name : new String[] {"words-v2.trie", "words-v3.trie"}) {
      byte[] golden;
      try (var in = getClass().getResourceAsStream("/golden/" + name)) {
        golden = in.readAllBytes();
      }
      WordSet heap = WordSet.read(ByteBuffer.wrap(golden));
      WordSet mapped = WordSet.readInPlace(map(golden));
      assertTrue(mapped.isMapped(), name);
      assertEquals(heap.size(), mapped.size(), name);
      WordCursor a = heap.cursor();
      WordCursor b = mapped.cursor();
      long n = 0;
      while (a.next()) {
        assertTrue(b.next(), name);
        assertEquals(a.current(), b.current(), name);
        assertTrue(mapped.contains(b.bytes(), 0, b.length()), name); // bytes: not every word is valid UTF-8 here
        assertEquals(n, mapped.rank(b.bytes(), 0, b.length()), name);
        n++;
      }
      assertFalse(b.next(), name);
      assertTrue(java.util.Arrays.equals(golden, bytesOf(mapped)), name + " written back as it came");
    }
  }

  @Test
  void damageIsRefusedFromTheMappingToo() throws IOException {
    byte[] good = bytesOf(WordSet.of(List.of("alpha", "alphabet", "beta", "gamma", "gammas")));
    for (int i = 0; i < good.length; i++) {
      byte[] bad = good.clone();
      bad[i] ^= 0x10;
      MappedByteBuffer buf = map(bad);
      assertThrows(CorruptWordSetException.class, () -> WordSet.readInPlace(buf), "bit flip at " + i);
    }
    for (int len = 0; len < good.length; len += 3) {
      MappedByteBuffer buf = map(java.util.Arrays.copyOf(good, len));
      assertThrows(CorruptWordSetException.class, () -> WordSet.readInPlace(buf), "truncated to " + len);
    }
  }

  /**
   * The point of reading in place: the trie's bytes are not copied to the heap. Measured by the
   * bytes this thread allocates (HotSpot's per-thread counter: exact, not a timing), against a
   * copying read of the same file as a control.
   */
  @Test
  void readingInPlaceAllocatesNothingLikeTheTrie() throws IOException {
    Random rnd = new Random(11);
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 60_000; i++) {
      words.add(Long.toString(rnd.nextLong() & Long.MAX_VALUE, 36)); // random: little sharing, a big trie
    }
    WordSet built = WordSet.of(words);
    long trie = built.byteSize() - 4L * built.only().codes.hot.length;
    assertTrue(trie > 500_000, "a trie big enough to see: " + trie);
    MappedByteBuffer buf = map(bytesOf(built));
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();

    long before = threads.getThreadAllocatedBytes(id);
    WordSet copied = WordSet.readTrusted(buf.duplicate());
    long copying = threads.getThreadAllocatedBytes(id) - before;

    before = threads.getThreadAllocatedBytes(id);
    WordSet mapped = WordSet.readInPlace(buf.duplicate());
    long inPlace = threads.getThreadAllocatedBytes(id) - before;

    assertFalse(copied.isMapped());
    assertTrue(mapped.isMapped());
    assertEquals(trie, mapped.mappedBytes());
    assertTrue(copying >= trie, "the control copies the trie: " + copying + " bytes allocated for " + trie);
    assertTrue(inPlace < trie / 20, "in place: " + inPlace + " bytes allocated for a trie of " + trie);
    for (int i = 0; i < 2000; i++) {
      assertTrue(mapped.contains(words.get(i)));
    }
  }
}
