package dev.sieve.words;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every query of {@link WordSet} against a {@link TreeSet} oracle in the trie's byte order. */
class WordSetPropertyTest {

  static Stream<Arguments> wordSets() {
    List<Arguments> cases = new ArrayList<>();
    String[] alphabets = {
      "ab",                       // deep sharing of prefixes and suffixes
      "abcdefghijklmnopqrstuvwxyz",
      "aeiouéèêàçœ",              // 2-byte UTF-8
      "日本語中文字漢",              // 3-byte UTF-8 (CJK)
      "a😀🎉\uD83D\uDE80z",        // 4-byte UTF-8 (emoji) mixed with ASCII
      "a\uFFFD\uE000\uD83D\uDE00", // where UTF-16 order and code point order disagree
    };
    long seed = 20261121L;
    for (String alphabet : alphabets) {
      for (int size : new int[] {1, 2, 10, 300, 3000}) {
        for (int maxLen : new int[] {3, 12}) {
          cases.add(Arguments.of(alphabet, size, maxLen, seed++));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "alphabet {0}, {1} words up to {2} chars, seed {3}")
  @MethodSource("wordSets")
  void agreesWithOracleOnRandomSets(String alphabet, int size, int maxLen, long seed) {
    Random rnd = new Random(seed);
    int[] cps = alphabet.codePoints().toArray();
    List<String> input = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      input.add(randomWord(rnd, cps, 1 + rnd.nextInt(maxLen)));
    }
    // Duplicates and shuffled order on purpose.
    for (int i = 0; i < size / 3; i++) {
      input.add(input.get(rnd.nextInt(input.size())));
    }
    Collections.shuffle(input, rnd);
    checkAll(input, rnd, cps);
  }

  @Test
  void adversarialShapes() {
    Random rnd = new Random(7);
    List<String> words = new ArrayList<>();
    // one-letter words
    for (char c = 'a'; c <= 'z'; c++) {
      words.add(String.valueOf(c));
    }
    // long words: chains longer than one chain node (127 bytes), sharing a long prefix and suffix
    String longA = "x".repeat(300);
    words.add(longA);
    words.add(longA + "y");
    words.add(longA.substring(0, 150) + "q" + longA.substring(151));
    words.add("é".repeat(200));
    words.add("日".repeat(100) + "本");
    // words differing only in the last byte
    for (int i = 0; i < 50; i++) {
      words.add("prefix" + (char) ('!' + i));
    }
    // shared suffixes: many prefixes x one suffix
    for (String p : new String[] {"un", "re", "pre", "dis", "over", "under"}) {
      for (String s : new String[] {"do", "doing", "done", "does"}) {
        words.add(p + s);
      }
    }
    // a word and all its prefixes
    String w = "supercalifragilistic";
    for (int i = 1; i <= w.length(); i++) {
      words.add(w.substring(0, i));
    }
    words.add("🎉");
    words.add("🎉🎉");
    words.add("\uFFFF");
    words.add("\uD83D\uDE00x");
    checkAll(words, rnd, "xyé日q!a".codePoints().toArray());
  }

  /**
   * Name-like lists, the shapes format v3 was made for: pieces repeated in the middle of unique
   * tails ("python-django-..."), tails shared by many unrelated prefixes, separators and numbers,
   * long unique tails beyond one chain node (63 labels), and chains whose target is laid out next.
   */
  @Test
  void nameLikeShapes() {
    Random rnd = new Random(12);
    String[] parts = {"python", "django", "rest", "client", "go", "lib", "dev", "doc", "x11", "fonts", "perl", "node"};
    String[] seps = {"", "-", "_", ".", "/"};
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      StringBuilder sb = new StringBuilder();
      int k = 1 + rnd.nextInt(4);
      for (int j = 0; j < k; j++) {
        sb.append(parts[rnd.nextInt(parts.length)]).append(seps[rnd.nextInt(seps.length)]);
      }
      if (rnd.nextInt(3) == 0) {
        sb.append(rnd.nextBoolean() ? rnd.nextInt(100) : 1950 + rnd.nextInt(80));
      }
      if (rnd.nextInt(50) == 0) {
        sb.append(randomWord(rnd, "abcdefgh".codePoints().toArray(), 60 + rnd.nextInt(200))); // long unique tail
      }
      words.add(sb.toString());
    }
    checkAll(words, rnd, "pdy-_.0129/".codePoints().toArray());
  }

  /**
   * More than 16,320 nodes each referenced from 10 unrelated places: the two first tiers of hot
   * codes fill up and the third (3-byte codes, format v3) is used.
   */
  @Test
  void thirdTierOfHotNodes() {
    Random rnd = new Random(13);
    int[] letters = "abcdefghijklmnopqrstuvwxyz".codePoints().toArray();
    List<String> words = new ArrayList<>();
    java.util.Set<String> owners = new java.util.HashSet<>();
    for (int i = 0; i < 18000; i++) {
      String tail = ":" + (char) ('a' + i % 26) + (char) ('a' + i / 26 % 26) + (char) ('a' + i / 676 % 26) + "!";
      for (int j = 0; j < 10; j++) {
        String owner;
        do {
          owner = randomWord(rnd, letters, 5) + (char) ('a' + j); // ten distinct parents of the tail
        } while (!owners.add(owner));
        words.add(owner + tail);
      }
    }
    WordSet s = WordSet.of(words);
    long entries = s.bytesByRole().get("hot") / 4;
    assertTrue(entries > TargetCodes.MAX_HOT_V2, "hot table of " + entries + " entries reaches the third tier");
    checkAll(words, rnd, letters);
  }

  @Test
  void emptyWordIsAnOrdinaryMember() {
    WordSet s = WordSet.of(List.of("", "a", "ab"));
    assertEquals(3, s.size());
    assertTrue(s.contains(""));
    assertEquals(0, s.rank(""));
    assertEquals("", s.word(0));
    assertEquals(List.of("", "a", "ab"), s.list("", null, 10));
    assertEquals(List.of("a", "ab"), s.list("", "", 10), "strictly after the empty word");
    WordSet only = WordSet.of(List.of(""));
    assertTrue(only.contains(""));
    assertFalse(only.contains("a"));
    assertEquals(1, only.count(""));
  }

  @Test
  void collectorGivesTheSameSetForSortedReversedAndShuffledInput() {
    Random rnd = new Random(11);
    int[] cps = "abcé日😀".codePoints().toArray();
    TreeSet<String> oracle = ByteOrder.oracle();
    for (int i = 0; i < 2000; i++) {
      oracle.add(randomWord(rnd, cps, 1 + rnd.nextInt(8)));
    }
    List<String> sorted = new ArrayList<>(oracle);
    List<String> withDuplicates = new ArrayList<>();
    for (String w : sorted) {
      withDuplicates.add(w);
      if (rnd.nextInt(4) == 0) {
        withDuplicates.add(w); // sorted with equal neighbours is still sorted
      }
    }
    List<String> reversed = new ArrayList<>(sorted);
    Collections.reverse(reversed);
    List<String> almost = new ArrayList<>(sorted);
    Collections.swap(almost, 1000, 1001); // one inversion late in the input
    for (List<String> input : List.of(sorted, withDuplicates, reversed, almost)) {
      WordSet s = WordSet.of(input);
      assertEquals(sorted, s.list("", null, Integer.MAX_VALUE));
    }
  }

  @Test
  void emptySet() {
    WordSet s = WordSet.of(List.of());
    assertEquals(0, s.size());
    assertFalse(s.contains(""));
    assertFalse(s.contains("a"));
    assertEquals(0, s.count(""));
    assertEquals(-1, s.rank("a"));
    assertEquals(List.of(), s.list("", null, 10));
    assertFalse(s.cursor().next());
    assertThrows(IndexOutOfBoundsException.class, () -> s.word(0));
  }

  @Test
  void everyByteValueAsLabel() {
    // A node with 256 arcs (beyond the one-byte arc count) through the byte API.
    WordSetBuilder b = new WordSetBuilder();
    List<byte[]> words = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      byte[] w = {'k', (byte) i};
      words.add(w);
      b.add(w, 0, 2);
    }
    WordSet s = b.build();
    assertEquals(256, s.size());
    for (int i = 0; i < 256; i++) {
      byte[] w = words.get(i);
      assertTrue(s.contains(w, 0, 2), "byte " + i);
      assertFalse(s.contains(new byte[] {'j', (byte) i}, 0, 2));
      assertEquals(i, s.rank(w, 0, 2));
    }
    assertEquals(256, s.count(new byte[] {'k'}, 0, 1));
    WordCursor c = s.cursor();
    for (int i = 0; i < 256; i++) {
      assertTrue(c.next());
      assertEquals(2, c.length());
      assertEquals((byte) i, c.bytes()[1]);
    }
    assertFalse(c.next());
  }

  @Test
  void unpairedSurrogatesAreNeverMembers() {
    WordSet s = WordSet.of(List.of("a", "?", "\uFFFD"));
    assertFalse(s.contains("\uD800"));
    assertFalse(s.contains("a\uDC00"));
    assertEquals(-1, s.rank("\uD800"));
    assertEquals(0, s.count("\uD800"));
    assertThrows(IllegalArgumentException.class, () -> WordSet.of(List.of("\uD800")));
  }

  @Test
  void builderRejectsUnsortedInputAndIgnoresDuplicates() {
    WordSetBuilder b = new WordSetBuilder();
    b.add("b");
    b.add("b");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.add("a"));
    assertTrue(e.getMessage().contains("ascending"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> b.add(""), "a prefix of the previous word comes before it");
    b.add("ba");
    WordSet s = b.build();
    assertEquals(2, s.size());
    assertThrows(IllegalStateException.class, () -> b.add("c"));
  }

  @Test
  void byteSizeIsTheSumOfItsRoles() {
    WordSet s = WordSet.of(List.of("alpha", "beta", "gamma", "alphabet", "betamax"));
    long sum = 0;
    for (Map.Entry<String, Long> e : s.bytesByRole().entrySet()) {
      assertTrue(e.getValue() >= 0, e.getKey());
      sum += e.getValue();
    }
    assertEquals(s.byteSize(), sum);
  }

  // ---------------------------------------------------------------- the oracle check

  static void checkAll(List<String> input, Random rnd, int[] cps) {
    checkAll(input, WordSet.of(input), rnd, cps);
  }

  /** Every query of {@code set}, which must hold exactly the words of {@code input}, against the oracle. */
  static void checkAll(List<String> input, WordSet set, Random rnd, int[] cps) {
    TreeSet<String> oracle = ByteOrder.oracle();
    oracle.addAll(input);
    List<String> sorted = new ArrayList<>(oracle);

    assertEquals(oracle.size(), set.size(), "size");
    long roleSum = set.bytesByRole().values().stream().mapToLong(Long::longValue).sum();
    assertEquals(set.byteSize(), roleSum, "roles add up to byteSize");

    // Iteration, ranks and words.
    WordCursor c = set.cursor();
    for (int i = 0; i < sorted.size(); i++) {
      String w = sorted.get(i);
      assertTrue(c.next(), "cursor ended early at " + i);
      assertEquals(w, c.current());
      assertTrue(set.contains(w), w);
      byte[] b = w.getBytes(StandardCharsets.UTF_8);
      byte[] padded = new byte[b.length + 4];
      System.arraycopy(b, 0, padded, 2, b.length);
      assertTrue(set.contains(padded, 2, b.length), "byte API with offset: " + w);
      assertEquals(i, set.rank(w), "rank of " + w);
      assertEquals(w, set.word(i), "word of rank " + i);
    }
    assertFalse(c.next());

    // Non-members: mutations of members and random strings.
    List<String> probes = new ArrayList<>();
    for (String w : sorted) {
      if (probes.size() > 4000) {
        break;
      }
      probes.add(w + "a");
      String shorter = w.substring(0, w.offsetByCodePoints(w.length(), -1));
      probes.add(shorter);
      probes.add(shorter + new String(Character.toChars(cps[rnd.nextInt(cps.length)])));
      byte[] b = w.getBytes(StandardCharsets.UTF_8);
      b[b.length - 1]++;
      probes.add(new String(b, StandardCharsets.UTF_8));
    }
    for (int i = 0; i < 500; i++) {
      probes.add(randomWord(rnd, cps, rnd.nextInt(8)));
    }
    for (String p : probes) {
      assertEquals(oracle.contains(p), set.contains(p), "contains " + p);
      long expectedRank = oracle.contains(p) ? oracle.headSet(p).size() : -1;
      assertEquals(expectedRank, set.rank(p), "rank " + p);
    }

    // Prefix counts and listing with cursors, including prefixes that end inside chains.
    List<String> prefixes = new ArrayList<>();
    prefixes.add("");
    for (String p : probes.subList(0, Math.min(probes.size(), 600))) {
      prefixes.add(p);
      if (p.length() > 1) {
        prefixes.add(p.substring(0, p.offsetByCodePoints(0, 1)));
      }
    }
    for (String prefix : prefixes) {
      NavigableSet<String> matching = withPrefix(oracle, prefix);
      assertEquals(matching.size(), set.count(prefix), "count " + prefix);
      int limit = 1 + rnd.nextInt(7);
      assertEquals(first(matching, limit), set.list(prefix, null, limit), "list " + prefix);
      String after = probes.get(rnd.nextInt(probes.size()));
      assertEquals(first(matching.tailSet(after, false), limit), set.list(prefix, after, limit),
          "list " + prefix + " after " + after);
      // Paging through the whole prefix range gives exactly the oracle.
      if (matching.size() < 200) {
        List<String> paged = new ArrayList<>();
        String cursor = null;
        while (true) {
          List<String> page = set.list(prefix, cursor, 3);
          paged.addAll(page);
          if (page.size() < 3) {
            break;
          }
          cursor = page.get(page.size() - 1);
        }
        assertEquals(new ArrayList<>(matching), paged, "paging " + prefix);
      }
    }
  }

  static NavigableSet<String> withPrefix(TreeSet<String> oracle, String prefix) {
    TreeSet<String> out = ByteOrder.oracle();
    for (String w : oracle.tailSet(prefix, true)) {
      if (!w.startsWith(prefix)) {
        break;
      }
      out.add(w);
    }
    return out;
  }

  static List<String> first(NavigableSet<String> s, int n) {
    List<String> out = new ArrayList<>();
    for (String w : s) {
      if (out.size() == n) {
        break;
      }
      out.add(w);
    }
    return out;
  }

  static String randomWord(Random rnd, int[] cps, int len) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < len; i++) {
      sb.appendCodePoint(cps[rnd.nextInt(cps.length)]);
    }
    return sb.toString();
  }
}
