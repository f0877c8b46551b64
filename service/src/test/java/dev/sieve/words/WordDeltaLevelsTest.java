package dev.sieve.words;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.delta.LevelFigures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tiered delta against a TreeSet oracle: random interleavings of add and remove batches over
 * a small alphabet (so words come and go many times, the empty word included), compactions that
 * run while more batches arrive and are then rebased, merges of the levels meanwhile; after each
 * step membership, prefix counts, paged listings and the added/removed figures equal the oracle's.
 */
class WordDeltaLevelsTest {
  private static final int[] CPS = "abé".codePoints().toArray();

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void agreesWithTheOracleThroughCompactionsAndMerges(long seed) {
    Random rnd = new Random(seed);
    TreeSet<String> oracle = ByteOrder.oracle();
    for (int i = 0; i < 30; i++) {
      oracle.add(WordSetPropertyTest.randomWord(rnd, CPS, rnd.nextInt(5)));
    }
    TreeSet<String> baseWords = ByteOrder.oracle();
    baseWords.addAll(oracle);
    WordDelta set = WordDelta.of(WordSet.of(oracle));
    // a compaction in flight: the sealed version it reads, and its result once "done"
    WordDelta folding = null;
    WordSet folded = null;
    TreeSet<String> foldedWords = null;
    // a merge of levels in flight
    WordDelta merging = null;
    WordDelta merged = null;
    for (int step = 0; step < 400; step++) {
      int what = rnd.nextInt(20);
      if (what == 0 && folding == null) {
        folding = set.sealed();
        set = folding;
        folded = folding.compact();
        foldedWords = ByteOrder.oracle();
        foldedWords.addAll(oracle);
        assertEquals(new ArrayList<>(oracle), folded.list("", null, Integer.MAX_VALUE));
      } else if (what == 1 && folding != null) {
        set = set.rebase(folded, folding);
        baseWords = foldedWords;
        folding = null;
        merging = null; // a merge over the old base is of no use now
      } else if (what == 2 && merging == null && folding == null) {
        merging = set.sealed();
        set = merging;
        merged = merging.mergeLevels();
        assertTrue(merged.levels().size() <= 1);
      } else if (what == 3 && merging != null) {
        int before = set.levels().size();
        set = set.withMergedLevels(merging, merged);
        assertTrue(set.levels().size() <= before);
        merging = null;
      } else {
        List<String> adds = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        for (int i = rnd.nextInt(rnd.nextInt(10) == 0 ? 40 : 4); i >= 0; i--) {
          String w = WordSetPropertyTest.randomWord(rnd, CPS, rnd.nextInt(5));
          (rnd.nextBoolean() ? adds : removes).add(w);
        }
        if (!adds.isEmpty() && rnd.nextInt(4) == 0) {
          removes.add(adds.get(0)); // added and removed in one batch: the remove wins
        }
        long sizeBefore = oracle.size();
        TreeSet<String> next = ByteOrder.oracle();
        next.addAll(oracle);
        next.addAll(adds);
        next.removeAll(removes);
        long in = next.stream().filter(w -> !oracle.contains(w)).count();
        long out = oracle.stream().filter(w -> !next.contains(w)).count();
        WordDelta.Change c = set.apply(utf8(adds), utf8(removes));
        assertEquals(in, c.added(), "flips in at step " + step);
        assertEquals(out, c.removed(), "flips out at step " + step);
        assertEquals(sizeBefore + in - out, next.size());
        oracle.clear();
        oracle.addAll(next);
        set = c.set();
      }
      check(oracle, baseWords, set, rnd);
      // levels fall geometrically: a few more than log2 of what they hold, sealed ones apart
      long held = set.levels().stream().mapToLong(LevelFigures::elements).sum();
      assertTrue(set.levels().size() <= 2 * (64 - Long.numberOfLeadingZeros(held + 1)) + 2,
          set.levels() + " for " + held);
    }
    assertEquals(new ArrayList<>(oracle), set.compact().list("", null, Integer.MAX_VALUE));
  }

  @Test
  void theSameWordAddedAndRemovedInLaterBatchesCancelsOut() {
    WordDelta set = WordDelta.of(WordSet.of(List.of("b")));
    for (int i = 0; i < 100; i++) {
      set = set.apply(utf8(List.of("a", "")), List.of()).set();
      set = set.apply(List.of(), utf8(List.of("a", "", "b", "zz"))).set();
      set = set.apply(utf8(List.of("b")), List.of()).set();
    }
    assertTrue(set.isEmpty());
    assertEquals(0, set.addedCount());
    assertEquals(0, set.removedCount());
    assertFalse(set.contains(""));
    assertEquals(List.of("b"), set.list("", null, 10));
    assertEquals(1, set.count(""));
    assertTrue(set.levels().size() <= 2, set.levels().toString()); // merges cancelled the rest
  }

  @Test
  void removingAbsentWordsChangesNothing() {
    WordDelta set = WordDelta.of(WordSet.of(List.of("a", "b")));
    WordDelta.Change c = set.apply(List.of(), utf8(List.of("c", "", "ab")));
    assertEquals(0, c.removed());
    assertEquals(0, c.set().levels().size());
    assertEquals(List.of("a", "b"), c.set().list("", null, 10));
  }

  private static void check(TreeSet<String> oracle, TreeSet<String> baseWords, WordDelta set, Random rnd) {
    assertEquals(oracle.size(), set.size());
    assertEquals(oracle.stream().filter(w -> !baseWords.contains(w)).count(), set.addedCount());
    assertEquals(baseWords.stream().filter(w -> !oracle.contains(w)).count(), set.removedCount());
    for (int i = 0; i < 20; i++) {
      String probe = WordSetPropertyTest.randomWord(rnd, CPS, rnd.nextInt(5));
      assertEquals(oracle.contains(probe), set.contains(probe), probe);
      NavigableSet<String> matching = WordSetPropertyTest.withPrefix(oracle, probe);
      assertEquals(matching.size(), set.count(probe), "count " + probe);
      // paged listing: each page starts after the last word of the one before
      int limit = 1 + rnd.nextInt(4);
      List<String> all = new ArrayList<>();
      String after = null;
      while (true) {
        List<String> page = set.list(probe, after, limit);
        all.addAll(page);
        if (page.size() < limit) {
          break;
        }
        after = page.get(page.size() - 1);
      }
      assertEquals(new ArrayList<>(matching), all, "pages of " + probe);
    }
  }

  private static List<byte[]> utf8(List<String> words) {
    List<byte[]> out = new ArrayList<>();
    for (String w : words) {
      out.add(w.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }
}
