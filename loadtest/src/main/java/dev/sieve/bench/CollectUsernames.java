package dev.sieve.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * Generated username-like lists (the recipe of issue 11): two English words, lowercase, joined by
 * nothing, '_', '.' or '-' (each a quarter of the time); a third of them with a number appended,
 * half of those 0-99 and half a year 1950-2029. One line in ten repeats an earlier line (drawn
 * uniformly among them), so the list is unsorted and has duplicates. Line {@code i} depends only on
 * the seed and {@code i}: the same seed and count give the same file on every machine with the
 * same dictionary.
 *
 * <p>The words are those of {@code /usr/share/dict/american-english-insane} (Debian's {@code
 * wamerican-insane}) matching {@code [a-z]{3,10}}. Files are generated into a directory given by
 * the caller, never committed.
 */
public final class CollectUsernames {
  static final Path DICTIONARY = Path.of(System.getProperty("sieve.dict.american-insane",
      "/usr/share/dict/american-english-insane"));
  /** Where the benchmarks write their generated lists unless told otherwise. */
  static final String DEFAULT_DIR = "/tmp/sieve-bench";
  private static final Pattern PLAIN = Pattern.compile("[a-z]{3,10}");
  private static final String[] SEPARATORS = {"", "_", ".", "-"};

  private final String[] words;
  private final long seed;

  CollectUsernames(long seed) throws IOException {
    if (!Files.exists(DICTIONARY)) {
      throw new IOException(DICTIONARY + " is missing: apt-get install wamerican-insane");
    }
    List<String> all = Files.readAllLines(DICTIONARY, StandardCharsets.UTF_8);
    this.words = all.stream().filter(w -> PLAIN.matcher(w).matches()).distinct().toArray(String[]::new);
    this.seed = seed;
  }

  /** Line {@code i} of the list (without its line end). */
  String line(long i) {
    SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
    if (i > 0 && rnd.nextInt(10) == 0) {
      return line(rnd.nextLong(i)); // a duplicate of an earlier line
    }
    StringBuilder sb = new StringBuilder(32);
    sb.append(words[rnd.nextInt(words.length)]);
    sb.append(SEPARATORS[rnd.nextInt(SEPARATORS.length)]);
    sb.append(words[rnd.nextInt(words.length)]);
    int suffix = rnd.nextInt(6);
    if (suffix == 0) {
      sb.append(rnd.nextInt(100));
    } else if (suffix == 1) {
      sb.append(1950 + rnd.nextInt(80));
    }
    return sb.toString();
  }

  /** The first {@code count} lines in {@code dir}, written once and reused after: returns the file. */
  Path file(Path dir, long count) throws IOException {
    Path file = dir.resolve("usernames-" + count + "-seed" + seed + ".txt");
    if (Files.exists(file)) {
      return file;
    }
    Files.createDirectories(dir);
    Path tmp = dir.resolve(file.getFileName() + ".part");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
      for (long i = 0; i < count; i++) {
        out.write(line(i).getBytes(StandardCharsets.US_ASCII));
        out.write('\n');
      }
    }
    return Files.move(tmp, file);
  }

  /**
   * Writes the list of {@code COUNT} lines into {@code DIR} (default /tmp/sieve-bench) unless it is
   * there, and prints its path: {@code java -cp loadtest/target/benchmarks.jar
   * dev.sieve.bench.CollectUsernames 120000000 /tmp/sieve-bench}.
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 1 ? args[1] : DEFAULT_DIR);
    System.out.println(new CollectUsernames(20261201L).file(dir, Long.parseLong(args[0])));
  }

  /** Number of dictionary words the lines are made of. */
  int dictionaryWords() {
    return words.length;
  }
}
