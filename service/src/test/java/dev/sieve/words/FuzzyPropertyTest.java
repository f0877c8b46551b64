package dev.sieve.words;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzy lookups against a brute-force oracle: every word of the set, the DP edit distance on code
 * points ({@link EditDistanceOracle}), with and without transpositions and a required prefix, for
 * D = 0, 1, 2; counts exact, and a walk of small pages equal to the oracle's whole order.
 */
class FuzzyPropertyTest {
  static final String[] ALPHABETS = {
    "ab",
    "abcdefghij",
    "aeiouéèêàçœ",
    "日本語中文字",
    "a😀🎉\uD83D\uDE80z",
    "a\uFFFD\uE000\uD83D\uDE00",
  };

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    long seed = 20261201L;
    for (String alphabet : ALPHABETS) {
      for (int size : new int[] {1, 40, 800}) {
        out.add(Arguments.of(alphabet, size, seed++));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "alphabet {0}, {1} words, seed {2}")
  @MethodSource("cases")
  void agreesWithTheOracle(String alphabet, int size, long seed) {
    Random rnd = new Random(seed);
    int[] cps = alphabet.codePoints().toArray();
    TreeSet<String> words = ByteOrder.oracle();
    words.add("");                       // the empty word
    words.add(new String(cps, 0, 1));    // a one-letter word
    words.add(random(rnd, cps, 40));     // a long word
    for (int i = 0; i < size; i++) { // duplicates fall away: the alphabet "ab" has only 254 words of 1..7
      words.add(random(rnd, cps, 1 + rnd.nextInt(7)));
    }
    WordSet set = WordSet.of(words);
    WordDelta live = WordDelta.of(set);
    List<String> all = new ArrayList<>(words);
    for (int q = 0; q < 25; q++) {
      String query = switch (q % 4) {
        case 0 -> all.get(rnd.nextInt(all.size()));                 // a member
        case 1 -> edit(rnd, all.get(rnd.nextInt(all.size())), cps); // one edit off a member
        case 2 -> edit(rnd, edit(rnd, all.get(rnd.nextInt(all.size())), cps), cps);
        default -> random(rnd, cps, rnd.nextInt(6));                 // anything, the empty word too
      };
      int dist = q % 3;
      boolean tr = rnd.nextBoolean();
      int prefix = rnd.nextInt(4) == 0 ? rnd.nextInt(3) : 0;
      check(live, words, query, dist, tr, prefix, 1 + rnd.nextInt(5));
    }
  }

  @Test
  void adversarialWords() {
    TreeSet<String> words = ByteOrder.oracle();
    words.addAll(List.of("", "a", "b", "ab", "ba", "abc", "acb", "bac", "é", "e", "ée", "日", "日本", "本日",
        "😀", "😀😀", "a😀", "😀a", "z".repeat(300), "z".repeat(299) + "y", "ca", "ac", "abcd", "badc"));
    WordDelta live = WordDelta.of(WordSet.of(words));
    for (String query : List.of("", "a", "ab", "ba", "é", "e", "日本", "😀", "😀😁", "z".repeat(300), "abdc", "xyz")) {
      for (int dist = 0; dist <= 2; dist++) {
        for (boolean tr : new boolean[] {false, true}) {
          for (int prefix : new int[] {0, 1, 2, 5}) {
            check(live, words, query, dist, tr, prefix, 3);
          }
        }
      }
    }
  }

  @Test
  void pendingUpdatesAreHonoured() {
    Random rnd = new Random(7);
    int[] cps = "abcdé日😀".codePoints().toArray();
    TreeSet<String> words = ByteOrder.oracle();
    while (words.size() < 500) {
      words.add(random(rnd, cps, 1 + rnd.nextInt(6)));
    }
    WordDelta live = WordDelta.of(WordSet.of(words));
    for (int round = 0; round < 6; round++) {
      List<byte[]> adds = new ArrayList<>();
      List<byte[]> removes = new ArrayList<>();
      List<String> list = new ArrayList<>(words);
      for (int i = 0; i < 30; i++) {
        String add = random(rnd, cps, 1 + rnd.nextInt(6));
        adds.add(add.getBytes(StandardCharsets.UTF_8));
        words.add(add);
      }
      for (int i = 0; i < 30; i++) {
        String gone = list.get(rnd.nextInt(list.size()));
        removes.add(gone.getBytes(StandardCharsets.UTF_8));
        words.remove(gone);
      }
      live = live.apply(adds, removes).set();
      for (int q = 0; q < 10; q++) {
        String query = edit(rnd, list.get(rnd.nextInt(list.size())), cps);
        check(live, words, query, 1 + q % 2, q % 3 == 0, 0, 1 + rnd.nextInt(4));
      }
    }
  }

  @Test
  void pendingWordsAreWorkedOutOncePerVersionAndCountedInTheDeltaBytes() {
    TreeSet<String> words = ByteOrder.oracle();
    words.addAll(List.of("", "cat", "cart", "care", "dog"));
    WordDelta live = WordDelta.of(WordSet.of(words));
    // "" removed then a word re-added that the base holds (no net change), one new word, one gone
    live = live.apply(List.of(bytes("cut")), List.of(bytes(""), bytes("cart"))).set();
    live = live.apply(List.of(bytes("cart")), List.of(bytes("care"))).set();
    words.addAll(List.of("cut"));
    words.removeAll(List.of("", "care"));
    long before = live.deltaBytes();
    check(live, words, "cat", 1, false, 0, 1);
    long after = live.deltaBytes();
    assertEquals(true, after > before, "the pending tries are counted: " + before + " -> " + after);
    check(live, words, "cat", 2, true, 0, 2);
    assertEquals(after, live.deltaBytes(), "worked out once for this version");
    WordDelta next = live.apply(List.of(bytes("cot")), List.of()).set();
    words.add("cot");
    check(next, words, "cat", 1, false, 0, 3);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void distanceThreeAndNegativePrefixAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Levenshtein.of("word", 3, false, 0));
    assertEquals(true, e.getMessage().startsWith("distance must be 0..2: 3"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Levenshtein.of("word", -1, false, 0));
    assertThrows(IllegalArgumentException.class, () -> Levenshtein.of("word", 1, false, -1));
  }

  @Test
  void aQueryOverItsBudgetFails() {
    TreeSet<String> words = ByteOrder.oracle();
    Random rnd = new Random(3);
    int[] cps = "abc".codePoints().toArray();
    while (words.size() < 2000) {
      words.add(random(rnd, cps, 1 + rnd.nextInt(10)));
    }
    WordDelta live = WordDelta.of(WordSet.of(words));
    Levenshtein a = Levenshtein.of("abcab", 2, true, 0);
    SearchBudgetException e = assertThrows(SearchBudgetException.class, () -> WordSearch.search(live, a, null, 10, 50));
    assertEquals(50, e.budget());
    assertEquals(oracle(words, "abcab", 2, true, 0).size(), WordSearch.search(live, a, null, 10, 1_000_000).count());
  }

  /** The count and a walk of pages of {@code pageSize} against the oracle's full answer. */
  static void check(WordDelta live, TreeSet<String> words, String query, int dist, boolean tr, int prefix, int pageSize) {
    List<WordMatch> expected = oracle(words, query, dist, tr, prefix);
    Levenshtein a = Levenshtein.of(query, dist, tr, prefix);
    String what = "query '" + query + "' d=" + dist + " tr=" + tr + " prefix=" + prefix;
    List<WordMatch> walked = new ArrayList<>();
    String after = null;
    while (true) {
      WordSearch.Page page = WordSearch.search(live, a, after, pageSize, WordSearch.DEFAULT_BUDGET);
      assertEquals(expected.size(), page.count(), what);
      walked.addAll(page.matches());
      if (!page.more()) {
        break;
      }
      assertEquals(pageSize, page.matches().size(), what);
      after = page.matches().get(pageSize - 1).word();
    }
    assertEquals(expected, walked, what);
  }

  static List<WordMatch> oracle(TreeSet<String> words, String query, int dist, boolean tr, int prefix) {
    List<WordMatch> out = new ArrayList<>();
    for (String w : words) {
      int d = EditDistanceOracle.distance(query, w, tr);
      if (d <= dist && EditDistanceOracle.sharesPrefix(w, query, prefix)) {
        out.add(new WordMatch(w, d));
      }
    }
    out.sort(Comparator.comparingInt(WordMatch::distance).thenComparing(WordMatch::word, ByteOrder.UTF8));
    return out;
  }

  static String random(Random rnd, int[] cps, int len) {
    int[] w = new int[len];
    for (int i = 0; i < len; i++) {
      w[i] = cps[rnd.nextInt(cps.length)];
    }
    return new String(w, 0, len);
  }

  /** One random edit (insert, delete, substitute, or swap two neighbours) on code points. */
  static String edit(Random rnd, String word, int[] cps) {
    int[] w = word.codePoints().toArray();
    List<Integer> out = new ArrayList<>();
    for (int c : w) {
      out.add(c);
    }
    int kind = out.isEmpty() ? 0 : rnd.nextInt(4);
    int at = rnd.nextInt(out.size() + (kind == 0 ? 1 : 0));
    switch (kind) {
      case 0 -> out.add(at, cps[rnd.nextInt(cps.length)]);
      case 1 -> out.remove(at);
      case 2 -> out.set(at, cps[rnd.nextInt(cps.length)]);
      default -> {
        if (at + 1 < out.size()) {
          int x = out.get(at);
          out.set(at, out.get(at + 1));
          out.set(at + 1, x);
        }
      }
    }
    return new String(out.stream().mapToInt(Integer::intValue).toArray(), 0, out.size());
  }
}
