package dev.sieve.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.words.WordDelta;
import dev.sieve.words.WordSet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** {@link WordLines} against a TreeSet oracle in byte order: bases alone and with deltas, plain and gzip. */
class WordLinesTest {
  static final Comparator<String> BYTE_ORDER =
      (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  static List<byte[]> pieces(WordDelta set, int pieceBytes, boolean gzip) throws IOException {
    WordLines lines = new WordLines(set, pieceBytes, gzip);
    List<byte[]> out = new ArrayList<>();
    for (byte[] piece; (piece = lines.next()) != null; ) {
      assertTrue(piece.length > 0, "no empty piece");
      out.add(piece);
    }
    assertNull(lines.next(), "stays done");
    return out;
  }

  static byte[] concat(List<byte[]> pieces) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    pieces.forEach(all::writeBytes);
    return all.toByteArray();
  }

  static byte[] expected(TreeSet<String> oracle) {
    StringBuilder b = new StringBuilder();
    oracle.forEach(w -> b.append(w).append('\n'));
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  static String word(Random random) {
    StringBuilder w = new StringBuilder();
    for (int i = 0, n = 1 + random.nextInt(10); i < n; i++) {
      w.appendCodePoint(random.nextInt(5) == 0 ? 0x1F300 + random.nextInt(20) : 'a' + random.nextInt(3));
    }
    return w.toString();
  }

  @Test
  void linesAreTheSetInByteOrderWholeInEachPiece() throws IOException {
    Random random = new Random(7);
    for (int round = 0; round < 60; round++) {
      TreeSet<String> oracle = new TreeSet<>(BYTE_ORDER);
      for (int i = 0, n = random.nextInt(2000); i < n; i++) {
        oracle.add(word(random));
      }
      WordDelta set = WordDelta.of(WordSet.of(new ArrayList<>(oracle)));
      if (random.nextBoolean()) { // a delta: the merged view is paged instead of cursor-walked
        List<byte[]> adds = new ArrayList<>();
        List<byte[]> removes = new ArrayList<>();
        for (int i = 0; i < random.nextInt(WordLines.PAGE_WORDS / 100 + 50); i++) {
          String w = word(random);
          adds.add(w.getBytes(StandardCharsets.UTF_8));
        }
        for (String w : oracle) {
          if (random.nextInt(4) == 0) {
            removes.add(w.getBytes(StandardCharsets.UTF_8));
          }
        }
        set = set.apply(adds, removes).set();
        adds.forEach(a -> oracle.add(new String(a, StandardCharsets.UTF_8)));
        removes.forEach(r -> oracle.remove(new String(r, StandardCharsets.UTF_8)));
      }
      int pieceBytes = 1 + random.nextInt(4096);
      List<byte[]> plain = pieces(set, pieceBytes, false);
      assertArrayEquals(expected(oracle), concat(plain), "round " + round);
      for (byte[] piece : plain) {
        assertEquals('\n', piece[piece.length - 1], "a piece ends at a line's end");
        assertTrue(piece.length < pieceBytes + 64, "a piece passes its size by one word at most");
      }
      byte[] gz = concat(pieces(set, pieceBytes, true));
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
        assertArrayEquals(expected(oracle), in.readAllBytes(), "round " + round + " (gzip)");
      }
    }
  }

  @Test
  void anEmptySetIsNoPiecesOrAnEmptyGzipStream() throws IOException {
    WordDelta empty = WordDelta.of(WordSet.of(List.of()));
    assertEquals(List.of(), pieces(empty, 100, false));
    byte[] gz = concat(pieces(empty, 100, true));
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      assertEquals(0, in.readAllBytes().length);
    }
  }
}
