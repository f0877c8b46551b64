package dev.sieve.words;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Wildcard patterns against {@code java.util.regex} translations of them over every word of the
 * set: counts exact, page walks in byte order, pending updates honoured, malformed patterns named.
 */
class WildcardPropertyTest {

  @ParameterizedTest(name = "alphabet {0}")
  @ValueSource(strings = {"abc", "aeéè", "日本語", "a😀🎉z", "a\uFFFD\uE000\uD83D\uDE00"})
  void agreesWithRegex(String alphabet) {
    Random rnd = new Random(alphabet.hashCode());
    int[] cps = alphabet.codePoints().toArray();
    TreeSet<String> words = ByteOrder.oracle();
    words.add("");
    words.add(FuzzyPropertyTest.random(rnd, cps, 50));
    while (words.size() < 600) {
      words.add(FuzzyPropertyTest.random(rnd, cps, 1 + rnd.nextInt(7)));
    }
    WordDelta live = WordDelta.of(WordSet.of(words));
    for (int q = 0; q < 60; q++) {
      String pattern = randomPattern(rnd, cps);
      check(live, words, pattern, 1 + rnd.nextInt(40));
    }
    for (String pattern : List.of("", "*", "?", "**", "*?*", "[!" + new String(cps, 0, 1) + "]*")) {
      check(live, words, pattern, 7);
    }
  }

  @Test
  void syntax() {
    TreeSet<String> words = ByteOrder.oracle();
    words.addAll(List.of("cat", "cot", "cut", "c?t", "c*t", "c]t", "c-t", "c\\t", "cart", "ct", "日本", "a-b", "é"));
    WordDelta live = WordDelta.of(WordSet.of(words));
    assertEquals(List.of("c*t", "c-t", "c?t", "c\\t", "c]t", "cat", "cot", "cut"), words("c?t", live));
    assertEquals(List.of("c?t"), words("c\\?t", live));
    assertEquals(List.of("c*t"), words("c\\*t", live));
    assertEquals(List.of("c\\t"), words("c\\\\t", live));
    assertEquals(List.of("c]t"), words("c]t", live));
    assertEquals(List.of("c]t"), words("c[\\]]t", live));
    assertEquals(List.of("c-t", "cat"), words("c[-a]t", live));
    assertEquals(List.of("c-t", "cat"), words("c[a-]t", live));
    assertEquals(List.of("cat", "cot", "cut"), words("c[a-z]t", live));
    assertEquals(List.of("c*t", "c-t", "c?t", "c\\t", "c]t"), words("c[!a-z]t", live));
    assertEquals(words("c[!a-z]t", live), words("c[^a-z]t", live));
    assertEquals(List.of("c*t", "c-t", "c?t", "c\\t", "c]t", "cart", "cat", "cot", "ct", "cut"), words("c*t", live));
    assertEquals(List.of("日本"), words("日?", live));
    assertEquals(List.of("é"), words("[é]", live));
    assertEquals(List.of("a-b"), words("[a][-][b]", live));
  }

  @Test
  void malformedPatternsNameThePosition() {
    assertPosition("ab[cd", 3, "never closed");
    assertPosition("ab[]", 3, "empty");
    assertPosition("[z-a]", 2, "reversed");
    assertPosition("日本\\", 3, "escapes nothing");
    assertPosition("[a\\", 3, "escapes nothing");
    String many = "a".repeat(Wildcard.MAX_TOKENS) + "b";
    assertPosition(many, Wildcard.MAX_TOKENS + 1, "more than");
    Wildcard.parse("a".repeat(Wildcard.MAX_TOKENS - 1) + "***"); // a run of stars is one token
  }

  private static void assertPosition(String pattern, int position, String says) {
    MalformedPatternException e = assertThrows(MalformedPatternException.class, () -> Wildcard.parse(pattern));
    assertEquals(position, e.position(), e.getMessage());
    assertEquals(true, e.getMessage().contains(says) && e.getMessage().endsWith("at code point " + position), e.getMessage());
  }

  @Test
  void pendingUpdatesAreHonoured() {
    TreeSet<String> words = ByteOrder.oracle();
    words.addAll(List.of("cat", "cot", "cut", "dog"));
    WordDelta live = WordDelta.of(WordSet.of(words));
    live = live.apply(List.of(b("cit"), b("cat"), b("cz")), List.of(b("cot"), b("dog"))).set();
    assertEquals(List.of("cat", "cit", "cut"), words("c?t", live));
    assertEquals(List.of("cat", "cit", "cut", "cz"), words("c*", live));
    WordSearch.Page page = WordSearch.search(live, Wildcard.parse("c*"), "cat", 2, WordSearch.DEFAULT_BUDGET);
    assertEquals(4, page.count());
    assertEquals(List.of(new WordMatch("cit", 0), new WordMatch("cut", 0)), page.matches());
    assertEquals(true, page.more());
  }

  static void check(WordDelta live, TreeSet<String> words, String pattern, int pageSize) {
    Pattern regex = Pattern.compile(toRegex(pattern), Pattern.DOTALL);
    List<String> expected = new ArrayList<>();
    for (String w : words) {
      if (regex.matcher(w).matches()) {
        expected.add(w);
      }
    }
    Wildcard a = Wildcard.parse(pattern);
    List<String> walked = new ArrayList<>();
    String after = null;
    while (true) {
      WordSearch.Page page = WordSearch.search(live, a, after, pageSize, WordSearch.DEFAULT_BUDGET);
      assertEquals(expected.size(), page.count(), pattern);
      for (WordMatch m : page.matches()) {
        assertEquals(0, m.distance());
        walked.add(m.word());
      }
      if (!page.more()) {
        break;
      }
      after = walked.get(walked.size() - 1);
    }
    assertEquals(expected, walked, pattern);
  }

  static List<String> words(String pattern, WordDelta live) {
    List<String> out = new ArrayList<>();
    for (WordMatch m : WordSearch.search(live, Wildcard.parse(pattern), null, 1000, WordSearch.DEFAULT_BUDGET).matches()) {
      out.add(m.word());
    }
    return out;
  }

  /** The pattern as a regex: the same syntax, each literal quoted. */
  static String toRegex(String pattern) {
    StringBuilder re = new StringBuilder();
    int[] cps = pattern.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      int c = cps[i];
      if (c == '?') {
        re.append('.');
      } else if (c == '*') {
        re.append(".*");
      } else if (c == '\\') {
        re.append(quote(cps[++i]));
      } else if (c == '[') {
        re.append('[');
        i++;
        if (cps[i] == '!' || cps[i] == '^') {
          re.append('^');
          i++;
        }
        while (cps[i] != ']') {
          int lo = cps[i] == '\\' ? cps[++i] : cps[i];
          re.append(classChar(lo));
          i++;
          if (cps[i] == '-' && cps[i + 1] != ']') {
            i++;
            int hi = cps[i] == '\\' ? cps[++i] : cps[i];
            re.append('-').append(classChar(hi));
            i++;
          }
        }
        re.append(']');
      } else {
        re.append(quote(c));
      }
    }
    return re.toString();
  }

  private static String quote(int c) {
    return Pattern.quote(new String(Character.toChars(c)));
  }

  private static String classChar(int c) {
    return String.format("\\x{%x}", c);
  }

  /** Random patterns over the alphabet: literals, ?, *, classes (ranges, negations), escapes. */
  static String randomPattern(Random rnd, int[] cps) {
    StringBuilder p = new StringBuilder();
    int n = rnd.nextInt(6);
    for (int i = 0; i < n; i++) {
      int r = rnd.nextInt(10);
      if (r < 4) {
        p.appendCodePoint(cps[rnd.nextInt(cps.length)]);
      } else if (r < 6) {
        p.append('?');
      } else if (r < 8) {
        p.append('*');
      } else {
        p.append('[');
        if (rnd.nextBoolean()) {
          p.append(rnd.nextBoolean() ? '!' : '^');
        }
        int a = cps[rnd.nextInt(cps.length)];
        int b = cps[rnd.nextInt(cps.length)];
        p.appendCodePoint(Math.min(a, b));
        if (rnd.nextBoolean()) {
          p.append('-').appendCodePoint(Math.max(a, b));
        }
        if (rnd.nextBoolean()) {
          p.appendCodePoint(cps[rnd.nextInt(cps.length)]);
        }
        p.append(']');
      }
    }
    return p.toString();
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
