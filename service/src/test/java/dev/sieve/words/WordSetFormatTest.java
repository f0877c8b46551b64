package dev.sieve.words;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips through the serialized form, and refusal of truncated or corrupted data. */
class WordSetFormatTest {

  static WordSet sample() {
    List<String> words = new ArrayList<>();
    Random rnd = new Random(42);
    for (int i = 0; i < 2000; i++) {
      words.add(WordSetPropertyTest.randomWord(rnd, "abcdeéü日😀".codePoints().toArray(), 1 + rnd.nextInt(10)));
    }
    return WordSet.of(words);
  }

  static byte[] bytes(WordSet s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    s.writeTo(out);
    return out.toByteArray();
  }

  static void assertSameSet(WordSet expected, WordSet actual) {
    assertEquals(expected.size(), actual.size());
    assertEquals(expected.byteSize(), actual.byteSize());
    assertEquals(expected.bytesByRole(), actual.bytesByRole());
    assertEquals(expected.shape(), actual.shape());
    WordCursor a = expected.cursor();
    WordCursor b = actual.cursor();
    while (a.next()) {
      assertTrue(b.next());
      assertEquals(a.current(), b.current());
      assertTrue(actual.contains(a.current()));
    }
  }

  @Test
  void roundTripThroughHeapBuffer() throws IOException {
    WordSet s = sample();
    byte[] b = bytes(s);
    assertEquals(s.byteSize() + TrieFormat.HEADER + 4, b.length);
    ByteBuffer buf = ByteBuffer.wrap(b);
    WordSet back = WordSet.read(buf);
    assertEquals(b.length, buf.position(), "read consumes exactly the set");
    assertSameSet(s, back);
    assertArrayEquals(b, bytes(back), "writing it again gives the same bytes");
  }

  @Test
  void roundTripThroughMemoryMappedFileWithTwoSetsBackToBack(@TempDir Path dir) throws IOException {
    WordSet s1 = sample();
    WordSet s2 = WordSet.of(List.of("zeta", "eta", "theta"));
    Path f = dir.resolve("sets.bin");
    try (OutputStream out = Files.newOutputStream(f)) {
      s1.writeTo(out);
      s2.writeTo(out);
    }
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
      MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
      assertSameSet(s1, WordSet.read(map));
      assertSameSet(s2, WordSet.read(map));
      assertEquals(0, map.remaining());
    }
  }

  /** A 5-byte varint past 2^31 reads as a negative int; it must be refused, never used as an index. */
  @Test
  void targetCodesPast31BitsAreInvalid() {
    TargetCodes codes = new TargetCodes(new int[3]);
    assertTrue(codes.isValid(0) && codes.isValid(3) && codes.isValid(200));
    org.junit.jupiter.api.Assertions.assertFalse(codes.isValid(-1));
    org.junit.jupiter.api.Assertions.assertFalse(codes.isValid(Integer.MIN_VALUE));
    org.junit.jupiter.api.Assertions.assertFalse(codes.isValid(5), "one-byte hot code beyond the table");
  }

  @Test
  void emptySetRoundTrips() throws IOException {
    WordSet back = WordSet.read(ByteBuffer.wrap(bytes(WordSet.empty())));
    assertEquals(0, back.size());
  }

  @Test
  void everyTruncationIsRefused() throws IOException {
    byte[] b = bytes(WordSet.of(List.of("alpha", "beta", "gamma", "delta", "epsilon")));
    for (int len = 0; len < b.length; len++) {
      ByteBuffer cut = ByteBuffer.wrap(b, 0, len);
      CorruptWordSetException e = assertThrows(CorruptWordSetException.class, () -> WordSet.read(cut), "length " + len);
      assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("checksum"), e.getMessage());
    }
  }

  @Test
  void everySingleBitFlipIsRefused() throws IOException {
    byte[] b = bytes(WordSet.of(List.of("alpha", "alphabet", "beta", "betamax", "gamma")));
    for (int i = 0; i < b.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] c = b.clone();
        c[i] ^= (byte) (1 << bit);
        assertThrows(CorruptWordSetException.class, () -> WordSet.read(ByteBuffer.wrap(c)), "byte " + i + " bit " + bit);
      }
    }
  }

  @Test
  void wrongMagicAndVersionSayWhatIsWrong() throws IOException {
    byte[] b = bytes(sample());
    byte[] magic = b.clone();
    magic[0] = 'X';
    CorruptWordSetException e = assertThrows(CorruptWordSetException.class, () -> WordSet.read(ByteBuffer.wrap(magic)));
    assertTrue(e.getMessage().contains("not a word set"), e.getMessage());
    byte[] version = b.clone();
    version[7] = 9;
    e = assertThrows(CorruptWordSetException.class, () -> WordSet.read(ByteBuffer.wrap(version)));
    assertTrue(e.getMessage().contains("version 9"), e.getMessage());
  }

  /**
   * Damage with a recomputed checksum (a forged file): reading either refuses it or yields a
   * structurally sound set, on which every query terminates without error.
   */
  @Test
  void forgedChecksumsNeverYieldGarbage() throws IOException {
    byte[] b = bytes(sample());
    Random rnd = new Random(3);
    int refused = 0;
    for (int trial = 0; trial < 3000; trial++) {
      byte[] c = b.clone();
      int at = TrieFormat.HEADER + rnd.nextInt(b.length - TrieFormat.HEADER - 4);
      c[at] = (byte) rnd.nextInt(256);
      CRC32C crc = new CRC32C();
      crc.update(c, 0, c.length - 4);
      ByteBuffer.wrap(c).putInt(c.length - 4, (int) crc.getValue());
      WordSet s;
      try {
        s = WordSet.read(ByteBuffer.wrap(c));
      } catch (CorruptWordSetException e) {
        refused++;
        continue;
      }
      // Accepted: it must behave as a set.
      long n = 0;
      WordCursor cur = s.cursor();
      byte[] prev = null;
      while (cur.next()) {
        byte[] w = java.util.Arrays.copyOf(cur.bytes(), cur.length());
        if (prev != null && java.util.Arrays.compareUnsigned(prev, w) >= 0) {
          fail("out of order after forged byte " + at + ": " + cur.current());
        }
        assertEquals(n, s.rank(w, 0, w.length));
        prev = w;
        n++;
      }
      assertEquals(s.size(), n);
      s.list("a", "ab", 10);
      s.count("é");
    }
    assertTrue(refused > 0, "some forgeries must be caught structurally");
  }
}
