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
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sets of several parts ({@link WordSet} over consecutive {@link Trie}s, what a build past {@link
 * WordSetBuilder#PART_BYTES} makes): every query against the oracles with parts of a handful of
 * words, so that prefixes, cursors, ranks and searches cross part boundaries everywhere; format v5
 * round trips, truncations, bit flips and forged part orders.
 */
class WordSetPartsTest {

  /** The set of {@code words} in parts of {@code partWords} words each (the last one shorter). */
  static WordSet parted(Collection<String> words, long partWords) {
    TreeSet<byte[]> sorted = new TreeSet<>(Arrays::compareUnsigned);
    for (String w : words) {
      sorted.add(w.getBytes(StandardCharsets.UTF_8));
    }
    WordSetBuilder b = new WordSetBuilder(Dafsa.PAGE_BITS, Long.MAX_VALUE, partWords);
    for (byte[] w : sorted) {
      b.add(w, 0, w.length);
    }
    return b.build();
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    String[] alphabets = {"ab", "abcdefghijklmnopqrstuvwxyz", "aeiouéèêàçœ", "日本語中文字漢", "a😀🎉\uD83D\uDE80z",
        "a\uFFFD\uE000\uD83D\uDE00"};
    long seed = 20261202L;
    for (String alphabet : alphabets) {
      for (int size : new int[] {2, 40, 1500}) {
        for (long partWords : new long[] {1, 2, 7, 100}) {
          out.add(Arguments.of(alphabet, size, partWords, seed++));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "alphabet {0}, {1} words, parts of {2}, seed {3}")
  @MethodSource("cases")
  void everyQueryAgreesWithTheOracleAcrossParts(String alphabet, int size, long partWords, long seed) throws IOException {
    Random rnd = new Random(seed);
    int[] cps = alphabet.codePoints().toArray();
    List<String> input = new ArrayList<>(); // (the empty word: in the search test; checkAll's probes shorten every word)
    for (int i = 0; i < size; i++) {
      input.add(WordSetPropertyTest.randomWord(rnd, cps, 1 + rnd.nextInt(9)));
    }
    WordSet set = parted(input, partWords);
    long distinct = new TreeSet<>(input).size();
    assertEquals((distinct + partWords - 1) / partWords, set.partCount(), "parts");
    WordSetPropertyTest.checkAll(input, set, rnd, cps);
    if (set.partCount() > 1) {
      assertTrue(set.bytesByRole().get("boundaries") > 0);
      assertEquals((long) set.partCount(), set.shape().get("parts"));
    }
    // written (v5 past one part) and read back every way a set is read
    byte[] file = WordSetFormatTest.bytes(set);
    assertEquals(set.partCount() > 1 ? PartsFormat.VERSION : TrieFormat.VERSION, ByteBuffer.wrap(file).getInt(4));
    for (WordSet copy : new WordSet[] {WordSet.read(ByteBuffer.wrap(file)), WordSet.readTrusted(ByteBuffer.wrap(file)),
        WordSet.readInPlace(ByteBuffer.wrap(file))}) {
      assertEquals(set.partCount(), copy.partCount());
      assertEquals(set.byteSize(), copy.byteSize());
      assertTrue(Arrays.equals(file, WordSetFormatTest.bytes(copy)), "a part set read keeps its bytes");
      WordSetPropertyTest.checkAll(input, copy, rnd, cps);
    }
  }

  @Test
  void searchesAndUpdatesCrossParts() {
    Random rnd = new Random(11);
    int[] cps = "abcdeé日😀".codePoints().toArray();
    TreeSet<String> words = ByteOrder.oracle();
    words.add("");
    while (words.size() < 700) {
      words.add(FuzzyPropertyTest.random(rnd, cps, 1 + rnd.nextInt(6)));
    }
    for (long partWords : new long[] {1, 3, 50}) {
      WordDelta live = WordDelta.of(parted(words, partWords));
      List<String> all = new ArrayList<>(words);
      for (int q = 0; q < 30; q++) {
        String query = q % 2 == 0 ? all.get(rnd.nextInt(all.size())) : FuzzyPropertyTest.edit(rnd, all.get(rnd.nextInt(all.size())), cps);
        FuzzyPropertyTest.check(live, words, query, q % 3, rnd.nextBoolean(), rnd.nextInt(3) == 0 ? 1 : 0, 1 + rnd.nextInt(6));
      }
      for (String pattern : List.of("*", "a*", "?", "*é*", "[a-c]?*", "日*")) {
        WildcardPropertyTest.check(live, words, pattern, 1 + rnd.nextInt(9));
      }
      // pending updates over a parted base, then folded into a new (one-part) set
      TreeSet<String> now = ByteOrder.oracle();
      now.addAll(words);
      List<String> add = new ArrayList<>();
      List<String> remove = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        add.add(FuzzyPropertyTest.random(rnd, cps, 1 + rnd.nextInt(7)));
        remove.add(all.get(rnd.nextInt(all.size())));
      }
      live = live.apply(utf8(add), List.of()).set();
      now.addAll(add);
      live = live.apply(List.of(), utf8(remove)).set();
      now.removeAll(remove);
      assertEquals(now.size(), live.size());
      for (String w : all.subList(0, 200)) {
        assertEquals(now.contains(w), live.contains(w), w);
      }
      FuzzyPropertyTest.check(live, now, all.get(5), 1, false, 0, 4);
      WordSet folded = live.compact();
      List<String> walked = new ArrayList<>();
      WordCursor c = folded.cursor();
      while (c.next()) {
        walked.add(c.current());
      }
      assertEquals(new ArrayList<>(now), walked, "compacted over a parted base");
    }
  }

  private static List<byte[]> utf8(List<String> words) {
    List<byte[]> out = new ArrayList<>();
    for (String w : words) {
      out.add(w.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void aSearchOverItsBudgetFailsWhateverThePartsItCrosses() {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      words.add(Integer.toString(i * 7919, 36));
    }
    WordDelta live = WordDelta.of(parted(words, 10));
    assertThrows(SearchBudgetException.class,
        () -> WordSearch.search(live, Wildcard.parse("*"), null, 5000, 100));
    assertEquals(2000, WordSearch.search(live, Wildcard.parse("*"), null, 3, 1_000_000).count());
  }

  @Test
  void theBuilderCutsPartsBySizeOfTheAutomaton() {
    WordSetBuilder b = new WordSetBuilder(Dafsa.PAGE_BITS, 1, Long.MAX_VALUE);
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      words.add(String.format("w%06d", i));
    }
    for (String w : words) {
      b.add(w);
    }
    assertEquals(4, b.partsFinished(), "a part every 1,024 words once past the size");
    WordSet s = b.build();
    assertEquals(5, s.partCount());
    WordSetPropertyTest.checkAll(words, s, new Random(1), "0123456789w".codePoints().toArray());
    assertThrows(IllegalArgumentException.class, () -> {
      WordSetBuilder c = new WordSetBuilder(Dafsa.PAGE_BITS, Long.MAX_VALUE, 1);
      c.add("b");
      c.add("a"); // the order is checked across a part's end too
    });
  }

  @Test
  void partsEncodedAheadOnTheirOwnThreadAreTheBytesOfPartsEncodedInline() throws IOException {
    Random rnd = new Random(11);
    int[] cps = "abcdefghij-_.0123456789日😀".codePoints().toArray();
    TreeSet<byte[]> sorted = new TreeSet<>(Arrays::compareUnsigned);
    while (sorted.size() < 4000) {
      sorted.add(WordSetPropertyTest.randomWord(rnd, cps, 1 + rnd.nextInt(20)).getBytes(StandardCharsets.UTF_8));
    }
    byte[][] files = new byte[2][];
    for (int ahead = 0; ahead < 2; ahead++) {
      WordSetBuilder b = new WordSetBuilder(Dafsa.PAGE_BITS, Long.MAX_VALUE, 97, ahead == 1);
      for (byte[] w : sorted) {
        b.add(w, 0, w.length);
      }
      WordSet s = b.build();
      assertEquals(42, s.partCount());
      assertTrue(b.encodeNanos() > 0);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      s.writeTo(out);
      files[ahead] = out.toByteArray();
    }
    assertTrue(Arrays.equals(files[0], files[1]), "encoded ahead or inline, the same file");
    List<String> words = new ArrayList<>();
    for (byte[] w : sorted) {
      words.add(new String(w, StandardCharsets.UTF_8));
    }
    WordSetPropertyTest.checkAll(words, WordSet.read(ByteBuffer.wrap(files[1])), rnd, cps);
  }

  @Test
  void mappedInPlacePageByPage(@TempDir Path dir) throws IOException {
    Random rnd = new Random(5);
    int[] cps = "abcdefghij日😀".codePoints().toArray();
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      words.add(WordSetPropertyTest.randomWord(rnd, cps, 1 + rnd.nextInt(15)));
    }
    WordSet built = parted(words, 400);
    Path f = dir.resolve("parts.trie");
    try (OutputStream out = Files.newOutputStream(f)) {
      built.writeTo(out);
    }
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
      for (int shift : new int[] {6, TrieBytes.DEFAULT_SHIFT}) {
        WordSet mapped = WordSet.readInPlace((position, size) -> ch.map(FileChannel.MapMode.READ_ONLY, position, size),
            ch.size(), shift);
        assertTrue(mapped.isMapped());
        assertEquals(built.partCount(), mapped.partCount());
        assertEquals(built.byteSize(), mapped.byteSize());
        assertEquals(built.bytesByRole(), mapped.bytesByRole());
        WordSetPropertyTest.checkAll(words, mapped, rnd, cps);
      }
      assertThrows(CorruptWordSetException.class, () -> WordSet.readInPlace(
          (position, size) -> ch.map(FileChannel.MapMode.READ_ONLY, position, size), ch.size() - 1));
    }
  }

  @Test
  void truncationsAndBitFlipsOfAPartsFileAreRefused() throws IOException {
    List<String> words = new ArrayList<>();
    for (String p : new String[] {"a", "ab", "abc", "b", "ba", "c", "日本", "😀"}) {
      words.add(p);
    }
    byte[] file = WordSetFormatTest.bytes(parted(words, 3));
    assertEquals(PartsFormat.VERSION, ByteBuffer.wrap(file).getInt(4));
    for (int cut = 0; cut < file.length; cut++) {
      byte[] c = Arrays.copyOf(file, cut);
      assertThrows(CorruptWordSetException.class, () -> WordSet.read(ByteBuffer.wrap(c)), "cut at " + cut);
    }
    for (int i = 0; i < file.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] c = file.clone();
        c[i] ^= (byte) (1 << bit);
        assertThrows(CorruptWordSetException.class, () -> WordSet.read(ByteBuffer.wrap(c)), "byte " + i + " bit " + bit);
      }
    }
  }

  @Test
  void partsOutOfOrderAreRefusedEvenWithGoodChecksums() throws IOException {
    WordSet low = WordSet.of(List.of("a", "b"));
    WordSet high = WordSet.of(List.of("c", "d"));
    byte[] lo = WordSetFormatTest.bytes(low);
    byte[] hi = WordSetFormatTest.bytes(high);
    for (byte[][] order : new byte[][][] {{hi, lo}, {lo, lo}}) {
      ByteBuffer head = ByteBuffer.allocate(12 + 16 + 4);
      head.putInt(TrieFormat.MAGIC).putInt(PartsFormat.VERSION).putInt(2).putLong(order[0].length).putLong(order[1].length);
      CRC32C crc = new CRC32C();
      crc.update(head.array(), 0, head.position());
      head.putInt((int) crc.getValue());
      ByteBuffer file = ByteBuffer.allocate(head.capacity() + order[0].length + order[1].length);
      file.put(head.array()).put(order[0]).put(order[1]).flip();
      CorruptWordSetException e = assertThrows(CorruptWordSetException.class, () -> WordSet.read(file));
      assertTrue(e.getMessage().contains("does not start above"), e.getMessage());
    }
    // and in order, the same bytes read
    ByteBuffer head = ByteBuffer.allocate(32);
    head.putInt(TrieFormat.MAGIC).putInt(PartsFormat.VERSION).putInt(2).putLong(lo.length).putLong(hi.length);
    CRC32C crc = new CRC32C();
    crc.update(head.array(), 0, 28);
    head.putInt((int) crc.getValue());
    ByteBuffer file = ByteBuffer.allocate(32 + lo.length + hi.length);
    file.put(head.array()).put(lo).put(hi).flip();
    WordSet s = WordSet.read(file);
    assertEquals(List.of("a", "b", "c", "d"), s.list("", null, 10));
    assertFalse(file.hasRemaining());
    assertEquals(Collections.nCopies(1, 2L), List.of(s.rank("c")));
  }
}
