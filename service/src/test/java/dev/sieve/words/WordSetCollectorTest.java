package dev.sieve.words;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.memory.LoadBudget;
import dev.sieve.memory.LoadMemoryException;
import dev.sieve.memory.Reservation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link WordSetCollector} against a {@link TreeSet} oracle, in memory and with memory limits so
 * small that the words spill to many runs; and the collector's files: none left after a build,
 * a failure or an abandon, and stale ones swept.
 */
class WordSetCollectorTest {
  @TempDir Path tmp;

  static final String[] ALPHABETS = {
    "ab",                       // long shared prefixes, many duplicates
    "abcdefghijklmnopqrstuvwxyz",
    "aeiouéèêàçœ",              // 2-byte UTF-8
    "日本語中文字漢",              // 3-byte UTF-8
    "a😀🎉\uD83D\uDE80z",        // 4-byte UTF-8 mixed with ASCII
    "a\uFFFD\uE000\uD83D\uDE00", // UTF-16 order and code point order disagree
  };

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    long seed = 20261201L;
    for (String alphabet : ALPHABETS) {
      for (int size : new int[] {0, 1, 50, 3000}) {
        cases.add(Arguments.of(alphabet, size, seed++));
      }
    }
    return cases.stream();
  }

  /** Words of {@code alphabet}, a third of them repeated, the empty word, shuffled. */
  static List<String> input(String alphabet, int size, Random rnd, int maxLen) {
    int[] cps = alphabet.codePoints().toArray();
    List<String> words = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      StringBuilder sb = new StringBuilder();
      int len = rnd.nextInt(maxLen + 1);
      for (int j = 0; j < len; j++) {
        sb.appendCodePoint(cps[rnd.nextInt(cps.length)]);
      }
      words.add(sb.toString());
    }
    for (int i = 0; i < size / 3; i++) {
      words.add(words.get(rnd.nextInt(words.size())));
    }
    if (size > 0) {
      words.add("");
    }
    Collections.shuffle(words, rnd);
    return words;
  }

  @ParameterizedTest(name = "alphabet {0}, {1} words, seed {2}")
  @MethodSource("cases")
  void inMemoryAgreesWithOracle(String alphabet, int size, long seed) {
    List<String> words = input(alphabet, size, new Random(seed), 12);
    checkAgainstOracle(words, new WordSetCollector());
  }

  @ParameterizedTest(name = "alphabet {0}, {1} words, seed {2}")
  @MethodSource("cases")
  void spillingToManyRunsAgreesWithOracle(String alphabet, int size, long seed) throws IOException {
    Random rnd = new Random(seed);
    List<String> words = input(alphabet, size, rnd, 12);
    // words longer than a whole run (about 1 KiB here) and than a page
    List<String> base = List.copyOf(words);
    for (int i = 0; i < 3 && size > 0; i++) {
      words.add(rnd.nextInt(words.size()), "x".repeat(1500 + i) + base.get(i % base.size()));
    }
    Path spill = tmp.resolve("spill");
    WordSetCollector c = new WordSetCollector(4096, spill);
    long peak = 0;
    for (String w : words) {
      c.add(w);
      peak = Math.max(peak, c.byteSize());
    }
    if (size >= 3000) {
      assertTrue(c.runsSpilled() > 10, "runs spilled: " + c.runsSpilled());
    }
    // a word longer than a chunk gets a chunk of its own: two such chunks (one filling, one being
    // sorted) and its block may pass the limit by about three times that word
    long longest = words.stream().mapToLong(w -> w.getBytes(StandardCharsets.UTF_8).length).max().orElse(0);
    assertTrue(peak <= (size == 0 ? 4096 : 4096 + 3 * (longest + 100)), "peak " + peak);
    checkAgainstOracle(words, c);
    assertNoFiles(spill);
  }

  @Test
  void runFilesPastTheFanInAreMergedInGroupsFirst() throws IOException {
    List<String> words = input("abcdefghij", 5000, new Random(7), 10);
    Path spill = tmp.resolve("spill");
    // chunks of 150 bytes, blocks spilled past 3,646 bytes, at most 3 files merged at once: several passes
    WordSetCollector c = new WordSetCollector(spill, 4096, 150, 5, 31, 3);
    words.forEach(c::add);
    assertTrue(c.runsSpilled() > 6, "runs spilled: " + c.runsSpilled());
    checkAgainstOracle(words, c);
    assertNoFiles(spill);
  }

  @Test
  void aRunEndsWhereItsAddressesEnd() throws IOException {
    // 64-byte pages, 4 KiB of addresses per run (2^31 in production): runs end on address space
    // long before the memory limit, the path a run of more than 2 GiB of words would take.
    List<String> words = input("abcdefghijklmnop", 4000, new Random(11), 14);
    Path spill = tmp.resolve("spill");
    WordSetCollector c = new WordSetCollector(spill, Long.MAX_VALUE, Long.MAX_VALUE, 6, 12, 64);
    words.forEach(c::add);
    assertTrue(c.chunksSorted() > 5, "chunks: " + c.chunksSorted());
    assertEquals(words.size(), c.size());
    long bytes = words.stream().mapToLong(w -> w.getBytes(StandardCharsets.UTF_8).length).sum();
    assertEquals(bytes, c.wordBytes());
    checkAgainstOracle(words, c);
    assertNoFiles(spill);
  }

  @Test
  void aRunEndsWhereItsAddressesEndInMemoryToo() {
    List<String> words = input("abcdefghijklmnop", 4000, new Random(12), 14);
    checkAgainstOracle(words, new WordSetCollector(null, Long.MAX_VALUE, Long.MAX_VALUE, 6, 12, 64));
  }

  @Test
  void largeRunsAreSortedInTwoHalvesAndMerged() throws IOException {
    // past WordRun.PARALLEL_MIN (2^15) words in the last run: two threads sort it
    Random rnd = new Random(13);
    List<String> words = input("abcdefghijklmnopqrstuvwxyz0123456789", 3 << 15, rnd, 9);
    checkAgainstOracle(words, new WordSetCollector());
    checkAgainstOracle(words, new WordSetCollector(1 << 20, tmp.resolve("spill")));
    assertNoFiles(tmp.resolve("spill"));
  }

  @Test
  void sortedInputSpillsAndMergesToo() throws IOException {
    TreeSet<String> sorted = ByteOrder.oracle();
    sorted.addAll(input("abcdef", 3000, new Random(14), 8));
    List<String> words = new ArrayList<>(sorted);
    Path spill = tmp.resolve("spill");
    WordSetCollector c = new WordSetCollector(4096, spill);
    words.forEach(c::add);
    assertTrue(c.runsSpilled() >= 2, "runs spilled: " + c.runsSpilled()); // sorted runs front-code well
    checkAgainstOracle(words, c);
    assertNoFiles(spill);
  }

  @Test
  void closeRemovesTheFilesOfAnAbandonedLoad() throws IOException {
    Path spill = tmp.resolve("spill");
    WordSetCollector c = new WordSetCollector(4096, spill);
    input("abc", 3000, new Random(15), 10).forEach(c::add);
    assertTrue(c.runsSpilled() > 3);
    assertTrue(runFiles(spill) > 3);
    c.close();
    c.awaitHelper(); // a run file being written when close() came goes once the helper stops
    assertNoFiles(spill);
    c.close(); // idempotent
    assertThrows(IllegalStateException.class, () -> c.add("late"));
    assertThrows(IllegalStateException.class, c::build);
  }

  @Test
  void aBuildThatFailsRemovesItsFiles() throws IOException {
    Path spill = tmp.resolve("spill");
    WordSetCollector c = new WordSetCollector(4096, spill);
    input("abc", 3000, new Random(16), 10).forEach(c::add);
    // damage one run file: the build must notice, fail, and still leave nothing behind
    try (var files = Files.list(spill)) {
      Path victim = files.findFirst().orElseThrow();
      Files.write(victim, new byte[] {0, 1, 'a'});
    }
    assertThrows(UncheckedIOException.class, c::build);
    assertNoFiles(spill);
  }

  @Test
  void aTwoThreadBuildThatFailsRemovesItsFilesToo() throws IOException {
    // past WordSetCollector.PIPELINE_MIN words: the builder runs on a thread of its own
    Path spill = tmp.resolve("spill");
    WordSetCollector c = new WordSetCollector(1 << 16, spill);
    input("abcdefghijklmnopqrstuvwxyz", 100_000, new Random(18), 10).forEach(c::add);
    assertTrue(c.runsSpilled() >= 2, "runs spilled: " + c.runsSpilled());
    try (var files = Files.list(spill)) {
      Path victim = files.findFirst().orElseThrow();
      byte[] head = Arrays.copyOf(Files.readAllBytes(victim), 50_000); // cut short
      Files.write(victim, head);
    }
    assertThrows(UncheckedIOException.class, c::build);
    assertNoFiles(spill);
  }

  @Test
  void aSpillThatCannotWriteFailsTheAddAndLeavesNothing() throws IOException {
    Path notADir = Files.writeString(tmp.resolve("file"), "in the way");
    WordSetCollector c = new WordSetCollector(4096, notADir.resolve("spill"));
    List<String> words = input("abc", 3000, new Random(17), 10);
    assertThrows(UncheckedIOException.class, () -> words.forEach(c::add));
    c.close();
    try (var left = Files.list(tmp)) {
      assertEquals(List.of(notADir), left.toList());
    }
  }

  @Test
  void sweepRemovesStaleRunFilesAndNothingElse() throws IOException {
    Path spill = Files.createDirectories(tmp.resolve("tmp"));
    Files.write(spill.resolve("words-123.run"), new byte[10]);
    Files.write(spill.resolve("words-crashed-456.run"), new byte[0]);
    Path other = Files.write(spill.resolve("keep.me"), new byte[1]);
    assertEquals(2, SpillFiles.sweep(spill));
    try (var left = Files.list(spill)) {
      assertEquals(List.of(other), left.toList());
    }
    assertEquals(0, SpillFiles.sweep(tmp.resolve("missing")));
  }

  /** 16 KiB chunks, up to 4 MiB in memory, the build not counted: only the budget makes it spill. */
  private WordSetCollector budgeted(Reservation r, Path spill) {
    return new WordSetCollector(r, 0, spill, 4L << 20, 16 << 10, 11, 31, 64);
  }

  @Test
  void aNoFromTheBudgetSpillsInsteadOfRefusing() throws IOException {
    List<String> words = input("abcdefghijklmnopqrstuvwxyz", 100_000, new Random(19), 10);
    Path spill = tmp.resolve("spill");
    WordSetCollector roomy = budgeted(LoadBudget.unlimited().open("w"), spill);
    words.forEach(roomy::add);
    assertEquals(0, roomy.runsSpilled(), "within its 4 MiB: no spill");
    roomy.close();

    LoadBudget budget = new LoadBudget(256 << 10);
    Reservation r = budget.open("words/w");
    WordSetCollector c = budgeted(r, spill);
    words.forEach(c::add);
    c.awaitHelper();
    assertTrue(c.runsSpilled() > 0, "the budget said no: it spilled");
    assertTrue(r.held() <= budget.limit(), "held " + r.held());
    checkAgainstOracle(words, c);
    assertNoFiles(spill);
    r.close();
    assertEquals(0, budget.reserved());
  }

  @Test
  void aBudgetThatCannotHoldThreeChunksRefusesAndLeavesNothing() throws IOException {
    Path spill = tmp.resolve("spill");
    // 32 KiB: less than three chunks of 16 KiB, whatever the others hold: 413
    Reservation tiny = new LoadBudget(32 << 10).open("words/tiny");
    WordSetCollector c = budgeted(tiny, spill);
    LoadMemoryException never = assertThrows(LoadMemoryException.class, () -> c.add("a"));
    assertFalse(never.fitsLater());
    assertThrows(IllegalStateException.class, () -> c.add("b"), "a refused collector is closed");
    tiny.close();

    // three chunks fit the budget, but another load holds it: 503
    LoadBudget shared = new LoadBudget(1 << 20);
    Reservation other = shared.open("words/other");
    assertTrue(other.tryGrowTo((1 << 20) - (16 << 10)));
    Reservation late = shared.open("words/late");
    WordSetCollector d = budgeted(late, spill);
    LoadMemoryException busy = assertThrows(LoadMemoryException.class, () -> d.add("a"));
    assertTrue(busy.fitsLater());
    late.close();
    other.close();
    assertEquals(0, shared.reserved());
    assertNoFiles(spill);
  }

  @Test
  void tooSmallAMemoryIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new WordSetCollector(100, tmp));
  }

  private static void checkAgainstOracle(List<String> words, WordSetCollector c) {
    TreeSet<String> oracle = ByteOrder.oracle();
    oracle.addAll(words);
    if (c.size() == 0) {
      words.forEach(c::add);
    }
    assertEquals(words.size(), c.size());
    WordSet set = c.build();
    assertEquals(oracle.size(), set.size());
    WordCursor cursor = set.cursor();
    for (String w : oracle) {
      assertTrue(cursor.next());
      assertEquals(w, cursor.current());
    }
    assertFalse(cursor.next());
  }

  private static long runFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (var files = Files.list(dir)) {
      return files.count();
    }
  }

  private static void assertNoFiles(Path dir) throws IOException {
    assertEquals(0, runFiles(dir), "files left in " + dir);
  }
}
