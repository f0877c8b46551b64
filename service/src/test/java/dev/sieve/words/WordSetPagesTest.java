package dev.sieve.words;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The trie held in pages ({@link TrieBytes}) of 1, 64 and 4096 bytes, so that page boundaries
 * fall inside nodes all the time: the code paths of a trie past 2^31 bytes (long offsets, several
 * buffers, format v4's 64-bit codes and hot offsets) without gigabytes. Every query against the
 * {@link TreeSet} oracle of {@link WordSetPropertyTest}, fuzzy and wildcard search against theirs;
 * the encoder writing into pages, a set copied into pages, and a snapshot mapped page by page.
 */
class WordSetPagesTest {
  private static final int[] SHIFTS = {0, 6, 12};

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    String[] alphabets = {"ab", "abcdefghijklmnopqrstuvwxyz", "aeiouéèêàçœ", "日本語中文字漢", "a😀🎉\uD83D\uDE80z"};
    long seed = 20261202L;
    for (String alphabet : alphabets) {
      for (int size : new int[] {2, 300, 3000}) {
        for (int shift : SHIFTS) {
          out.add(Arguments.of(alphabet, size, shift, seed++));
        }
      }
    }
    return out.stream();
  }

  /** Builds the set of {@code words} through the sorted builder into pages of {@code 2^shift} bytes. */
  static WordSet build(Collection<String> words, int shift, boolean v4) {
    TreeSet<byte[]> sorted = new TreeSet<>(Arrays::compareUnsigned);
    for (String w : words) {
      sorted.add(w.getBytes(StandardCharsets.UTF_8));
    }
    WordSetBuilder b = new WordSetBuilder();
    for (byte[] w : sorted) {
      b.add(w, 0, w.length);
    }
    return b.build(shift, v4);
  }

  @ParameterizedTest(name = "alphabet {0}, {1} words, pages of 2^{2}, seed {3}")
  @MethodSource("cases")
  void everyQueryAgreesWithTheOracleInTinyPages(String alphabet, int size, int shift, long seed) throws IOException {
    Random rnd = new Random(seed);
    int[] cps = alphabet.codePoints().toArray();
    List<String> input = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      input.add(WordSetPropertyTest.randomWord(rnd, cps, 1 + rnd.nextInt(12)));
    }
    WordSet single = WordSet.of(input);
    for (boolean v4 : new boolean[] {false, true}) {
      WordSet paged = build(input, shift, v4);
      assertEquals(v4 ? 4 : 3, paged.only().layout.version);
      assertEquals(single.only().data.length(), paged.only().data.length());
      assertEquals((single.only().data.length() - 1 >> shift) + 1, paged.pageCount(), "pages");
      for (long p = 0; p < single.only().data.length(); p++) {
        assertEquals(single.only().data.get(p), paged.only().data.get(p), "byte " + p + ": the pages change no byte");
      }
      WordSetPropertyTest.checkAll(input, paged, rnd, cps);
      // Written and read back: validated (the graph walk) from a heap buffer, then as a snapshot
      // mapped in pages; the file is the same whatever the pages it was written from.
      byte[] file = WordSetFormatTest.bytes(paged);
      WordSet copy = v4 ? WordSet.read(ByteBuffer.wrap(file)) : null;
      if (!v4) {
        assertTrue(Arrays.equals(WordSetFormatTest.bytes(single), file), "v3 file independent of the pages");
      } else {
        assertEquals(paged.size(), copy.size());
        assertTrue(Arrays.equals(file, WordSetFormatTest.bytes(copy)), "v4 read keeps v4");
      }
    }
    WordSetPropertyTest.checkAll(input, single.repaged(shift), rnd, cps);
  }

  @Test
  void nodesStraddlePageBoundaries() throws IOException {
    Random rnd = new Random(3);
    List<String> words = new ArrayList<>();
    int[] cps = "abcdefghijklmnopqrstuvwxyz-_0123456789".codePoints().toArray();
    for (int i = 0; i < 3000; i++) {
      words.add(WordSetPropertyTest.randomWord(rnd, cps, 1 + rnd.nextInt(20)));
    }
    WordSet s = build(words, 6, false);
    long[] starts = TrieFormat.boundaries(s.only().layout, s.only().data, s.only().codes, s.only().root, new long[Trie.ROLES.length]);
    int straddling = 0;
    int wide = 0;
    for (int i = 0; i < starts.length; i++) {
      long end = i + 1 < starts.length ? starts[i + 1] : s.only().data.length();
      if (starts[i] >> 6 != (end - 1) >> 6) {
        straddling++;
        int h = s.only().data.get(starts[i]) & 0xFF;
        if (h >= 0x80 && (h & s.only().layout.arcCount) >= Trie.WIDE) {
          wide++;
        }
      }
    }
    assertTrue(straddling > 100, straddling + " nodes straddle a page boundary");
    assertTrue(wide > 0, wide + " wide nodes straddle a page boundary");
    WordSetPropertyTest.checkAll(words, s, rnd, cps);
  }

  @Test
  void fuzzyAndWildcardSearchWalkPagedTries() {
    Random rnd = new Random(11);
    int[] cps = "abcdeé日😀".codePoints().toArray();
    TreeSet<String> words = ByteOrder.oracle();
    words.add("");
    while (words.size() < 1500) {
      words.add(WordSetPropertyTest.randomWord(rnd, cps, 1 + rnd.nextInt(7)));
    }
    List<String> all = new ArrayList<>(words);
    for (int shift : SHIFTS) {
      for (boolean v4 : new boolean[] {false, true}) {
        WordDelta live = WordDelta.of(build(words, shift, v4));
        for (int q = 0; q < 12; q++) {
          String member = all.get(rnd.nextInt(all.size()));
          String query = q % 2 == 0 ? member : FuzzyPropertyTest.edit(rnd, member, cps);
          FuzzyPropertyTest.check(live, words, query, q % 3, rnd.nextBoolean(), q % 4 == 0 ? 1 : 0, 1 + rnd.nextInt(5));
        }
        for (String pattern : List.of("a*", "*é", "?b*", "[a-c]?d*", "日*😀", "*")) {
          WildcardPropertyTest.check(live, words, pattern, 1 + rnd.nextInt(6));
        }
      }
    }
  }

  @Test
  void countsBeyond32BitsInTinyPagesAndV4() throws IOException {
    for (int shift : new int[] {0, 3}) {
      WordSet built = WordSetHugeCountTest.allStrings(shift, true);
      assertTrue(built.pageCount() > 1);
      WordSetHugeCountTest.check(WordSet.read(ByteBuffer.wrap(WordSetFormatTest.bytes(built))));
      WordSetHugeCountTest.check(built);
    }
  }

  @Test
  void targetCodesCarryDistancesBeyond32Bits() {
    TargetCodes narrow = new TargetCodes(new int[] {7, 9});
    long[] wideTable = new long[TargetCodes.HOT1 + 200];
    for (int i = 0; i < wideTable.length; i++) {
      wideTable[i] = (5L << 32) + 3 * i;
    }
    TargetCodes wide = new TargetCodes(wideTable);
    long p = 3L << 33;
    for (long delta : new long[] {1, -1, 63, -64, 1L << 31, -(1L << 31) - 1, (1L << 33) + 17, -(p - 1), 1L << 40}) {
      assertEquals(p + delta, wide.decode(p, wide.distanceCode(delta)), "delta " + delta);
      assertEquals(p + delta, narrow.decode(p, narrow.distanceCode(delta)), "delta " + delta);
    }
    for (int i = 0; i < wideTable.length; i++) {
      assertEquals(wideTable[i], wide.decode(p, wide.hotCode(i)));
    }
    assertEquals(8L * wideTable.length, wide.byteSize());
    long big = wide.distanceCode(1L << 40);
    assertTrue(wide.isValid(big, NodeLayout.V4.codeLimit()));
    assertFalse(wide.isValid(big, NodeLayout.V3.codeLimit()), "v3 never had codes past 2^31");
    // Such a code as a varint in pages, across a boundary.
    TrieBytes.Writer w = new TrieBytes.Writer(13, 2);
    w.put((byte) 1);
    int n = w.putVar(big);
    for (int i = 1 + n; i < 13; i++) {
      w.put((byte) 0);
    }
    TrieBytes b = w.finish();
    assertEquals(4, b.pageCount());
    assertEquals(big, Trie.readVar(b, 1));
    assertEquals(1 + n, Trie.varEnd(b, 1));
  }

  @Test
  void aSnapshotMapsAsSeveralPagesAndReadsInPlace(@TempDir Path dir) throws IOException {
    Random rnd = new Random(5);
    int[] cps = "abcdefghij日😀".codePoints().toArray();
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      words.add(WordSetPropertyTest.randomWord(rnd, cps, 1 + rnd.nextInt(15)));
    }
    for (boolean v4 : new boolean[] {false, true}) {
      WordSet built = build(words, 8, v4);
      Path f = dir.resolve("s" + v4 + ".trie");
      try (OutputStream out = Files.newOutputStream(f)) {
        built.writeTo(out);
      }
      for (int shift : new int[] {0, 6, 12, TrieBytes.DEFAULT_SHIFT}) {
        WordSet mapped = map(f, shift);
        assertTrue(mapped.isMapped());
        assertEquals(shift == TrieBytes.DEFAULT_SHIFT ? 1 : (built.only().data.length() - 1 >> shift) + 1, mapped.pageCount());
        assertEquals(built.only().data.length(), mapped.mappedBytes());
        assertEquals(built.bytesByRole(), mapped.bytesByRole());
        assertEquals(built.shape(), mapped.shape());
        if (shift == 6 || shift == TrieBytes.DEFAULT_SHIFT) {
          WordSetPropertyTest.checkAll(words, mapped, rnd, cps);
        }
        assertTrue(Arrays.equals(Files.readAllBytes(f), WordSetFormatTest.bytes(mapped)), "written back as read");
      }
    }
  }

  @Test
  void aMappedSnapshotWithTrailingTruncatedOrFlippedBytesIsRefused(@TempDir Path dir) throws IOException {
    WordSet built = build(List.of("alpha", "beta", "gamma", "delta", "epsilon", "zeta"), 3, true);
    byte[] good = WordSetFormatTest.bytes(built);
    List<byte[]> bad = new ArrayList<>();
    bad.add(Arrays.copyOf(good, good.length + 1));
    for (int cut : new int[] {0, 3, 7, 20, TrieFormat.HEADER, good.length - 5, good.length - 1}) {
      bad.add(Arrays.copyOf(good, cut));
    }
    Random rnd = new Random(9);
    for (int i = 0; i < 40; i++) {
      byte[] c = good.clone();
      c[rnd.nextInt(c.length)] ^= (byte) (1 << rnd.nextInt(8));
      bad.add(c);
    }
    Path f = dir.resolve("bad.trie");
    for (byte[] b : bad) {
      Files.write(f, b);
      assertThrows(CorruptWordSetException.class, () -> map(f, 2), "file of " + b.length + " bytes");
    }
    Files.write(f, good);
    assertEquals(6, map(f, 2).size());
  }

  private static WordSet map(Path f, int shift) throws IOException {
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
      return WordSet.readInPlace((position, size) -> ch.map(FileChannel.MapMode.READ_ONLY, position, size), ch.size(), shift);
    }
  }

  @Test
  void pagesOfAnyPowerOfTwoHoldTheSameBytes() {
    byte[] bytes = new byte[1000];
    new Random(1).nextBytes(bytes);
    TrieBytes one = TrieBytes.of(ByteBuffer.wrap(bytes));
    assertTrue(one.singleArray() == bytes);
    for (int shift = 0; shift <= 10; shift++) {
      TrieBytes p = one.repaged(shift);
      assertEquals(1000, p.length());
      assertEquals((999 >> shift) + 1, p.pageCount());
      assertEquals(shift < 10 ? null : bytes.length, shift < 10 ? (Object) p.singleArray() : p.singleArray().length);
      for (int i = 0; i < bytes.length; i++) {
        assertEquals(bytes[i], p.get(i));
      }
    }
    assertThrows(IllegalArgumentException.class, () -> TrieBytes.of(new ByteBuffer[] {ByteBuffer.allocate(3), ByteBuffer.allocate(4)}, 2));
    assertThrows(IllegalArgumentException.class, () -> TrieBytes.of(new ByteBuffer[] {ByteBuffer.allocate(8)}, 2));
  }
}
