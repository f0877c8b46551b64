package dev.sieve.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Username-like strings, the recipe of issue 11: two English words joined by '', '_', '.' or
 * '-'; a third of them get a number 0-99 or a year (1950-2029) appended. Words are the lowercase
 * ASCII words of 3 to 8 letters of {@code wamerican-insane}; the seed is fixed, so every run (and
 * every peer, through {@link #main}'s file) sees the same list. Duplicates are possible and are
 * removed by the reader, as for any list.
 */
final class UsernameList {
  static final long SEED = 20261201L;
  private static final String[] SEPARATORS = {"", "_", ".", "-"};

  private UsernameList() {}

  /** {@code n} lines of UTF-8 text, each ending in '\n'. */
  static byte[] generate(int n) {
    List<String> words = englishWords();
    SplittableRandom rnd = new SplittableRandom(SEED);
    ByteArrayOutputStream out = new ByteArrayOutputStream(n * 16);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.setLength(0);
      sb.append(words.get(rnd.nextInt(words.size())));
      sb.append(SEPARATORS[rnd.nextInt(SEPARATORS.length)]);
      sb.append(words.get(rnd.nextInt(words.size())));
      if (rnd.nextInt(3) == 0) {
        sb.append(rnd.nextBoolean() ? rnd.nextInt(100) : 1950 + rnd.nextInt(80));
      }
      sb.append('\n');
      out.writeBytes(sb.toString().getBytes(StandardCharsets.US_ASCII));
    }
    return out.toByteArray();
  }

  private static List<String> englishWords() {
    Path dict = Path.of(System.getProperty("sieve.dict.american-insane", "/usr/share/dict/american-english-insane"));
    try {
      List<String> out = new ArrayList<>();
      for (String w : Files.readAllLines(dict, StandardCharsets.UTF_8)) {
        if (w.length() >= 3 && w.length() <= 8 && w.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
          out.add(w);
        }
      }
      return out;
    } catch (java.io.IOException e) {
      throw new IllegalStateException("usernames need " + dict + " (apt-get install wamerican-insane): " + e, e);
    }
  }

  /** Writes {@code N} generated lines to FILE (for peers outside the JVM): {@code UsernameList N FILE}. */
  public static void main(String[] args) throws java.io.IOException {
    Files.write(Path.of(args[1]), generate(Integer.parseInt(args[0])));
  }
}
