package dev.sieve.words;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Counts and ranks beyond 2^31 and 2^32: a minimal automaton of every string of 40 letters over
 * {a, b} (2^40 words in 41 states) is built straight into a {@link Dafsa}, as no one could add
 * 2^40 words, then encoded, written, read back (validated) and queried against arithmetic:
 * the word of rank r spells r in binary with a = 0 and b = 1.
 */
class WordSetHugeCountTest {
  private static final int DEPTH = 40;

  static WordSet allStrings() {
    return allStrings(TrieBytes.DEFAULT_SHIFT, false);
  }

  /** The same set in pages of {@code 2^pageShift} bytes, in v4 if asked (see WordSetPagesTest). */
  static WordSet allStrings(int pageShift, boolean v4) {
    Dafsa d = new Dafsa();
    int node = d.intern(true, new byte[0], new int[0], 0);
    for (int level = 0; level < DEPTH; level++) {
      node = d.intern(false, new byte[] {'a', 'b'}, new int[] {node, node}, 2);
    }
    return new WordSet(new Trie[] {TrieEncoder.encode(d, node, pageShift, v4)});
  }

  static String spell(long rank) {
    StringBuilder sb = new StringBuilder();
    for (int i = DEPTH - 1; i >= 0; i--) {
      sb.append(((rank >>> i) & 1) == 0 ? 'a' : 'b');
    }
    return sb.toString();
  }

  @Test
  void countsRanksAndWordsBeyond32Bits() throws IOException {
    WordSet built = allStrings();
    check(WordSet.read(ByteBuffer.wrap(WordSetFormatTest.bytes(built))));
  }

  static void check(WordSet s) {
    assertEquals(1L << DEPTH, s.size());
    assertEquals(1L << DEPTH, s.count(""));
    assertEquals(1L << (DEPTH - 3), s.count("bab"));
    Random rnd = new Random(40);
    for (int i = 0; i < 200; i++) {
      long r = i < 3 ? new long[] {0, (1L << DEPTH) - 1, (1L << 32) + 5}[i] : rnd.nextLong() >>> (64 - DEPTH);
      String w = spell(r);
      assertTrue(s.contains(w), w);
      assertEquals(r, s.rank(w), w);
      assertEquals(w, s.word(r));
      assertFalse(s.contains(w.substring(1)));
      assertEquals(1L << (DEPTH - 10), s.count(w.substring(0, 10)));
    }
    long from = (1L << 33) + 7;
    String after = spell(from);
    assertEquals(List.of(spell(from + 1), spell(from + 2), spell(from + 3)), s.list("", after, 3));
    WordCursor c = s.cursor();
    c.seek((1L << DEPTH) - 2);
    assertEquals(spell((1L << DEPTH) - 2), c.current());
    assertTrue(c.next());
    assertEquals(spell((1L << DEPTH) - 1), c.current());
    assertFalse(c.next());
  }
}
