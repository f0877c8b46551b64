package dev.sieve.words;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parked parts ({@link WordSetBuilder#parkPartsIn}): a set of several parts built with its
 * finished tries written out, mapped and unlinked answers every query as the same set built on the
 * heap, writes the same bytes, and leaves nothing in the directory; a set of one part stays on the
 * heap; a directory that cannot hold a part fails the build with an error naming it.
 */
class WordSetParkTest {

  private static List<byte[]> sortedWords(List<String> input) {
    TreeSet<byte[]> sorted = new TreeSet<>(Arrays::compareUnsigned);
    for (String w : input) {
      sorted.add(w.getBytes(StandardCharsets.UTF_8));
    }
    return new ArrayList<>(sorted);
  }

  private static WordSet build(List<byte[]> sorted, long partWords, boolean ahead, Path park) {
    WordSetBuilder b = new WordSetBuilder(Dafsa.PAGE_BITS, Long.MAX_VALUE, partWords, ahead);
    if (park != null) {
      b.parkPartsIn(park);
    }
    for (byte[] w : sorted) {
      b.add(w, 0, w.length);
    }
    return b.build();
  }

  private static byte[] bytes(WordSet set) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    set.writeTo(out);
    return out.toByteArray();
  }

  private static long filesIn(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  @ParameterizedTest(name = "encode ahead: {0}")
  @ValueSource(booleans = {false, true})
  void aParkedSetIsMappedAndAnswersAsTheHeapOne(boolean ahead, @TempDir Path dir) throws IOException {
    Random rnd = new Random(20261203L + (ahead ? 1 : 0));
    int[] cps = "abcdefghijklmnopqrstuvwxyzé日😀".codePoints().toArray();
    List<String> input = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      input.add(WordSetPropertyTest.randomWord(rnd, cps, 1 + rnd.nextInt(12)));
    }
    List<byte[]> sorted = sortedWords(input);
    Path park = dir.resolve("tmp"); // created by the first part parked
    WordSet parked = build(sorted, 97, ahead, park);
    WordSet heap = build(sorted, 97, ahead, null);

    assertTrue(parked.partCount() > 1, "several parts");
    assertEquals(heap.partCount(), parked.partCount());
    assertTrue(parked.isMapped(), "parked parts are read in place");
    assertFalse(heap.isMapped());
    assertEquals(0, filesIn(park), "every parked file is unlinked once mapped");
    assertEquals(heap.size(), parked.size());
    assertEquals(heap.byteSize(), parked.byteSize());
    assertArrayEquals(bytes(heap), bytes(parked), "the same bytes written, parked or not");
    WordSetPropertyTest.checkAll(input, parked, rnd, cps);
  }

  @Test
  void aSetOfOnePartStaysOnTheHeap(@TempDir Path dir) throws IOException {
    List<byte[]> sorted = sortedWords(List.of("cat", "catalog", "dog", "", "été"));
    WordSet set = build(sorted, Long.MAX_VALUE, true, dir);
    assertEquals(1, set.partCount());
    assertFalse(set.isMapped(), "one part is never parked");
    assertEquals(0, filesIn(dir));
    assertTrue(set.contains("été"));
    assertEquals(5, set.size());
  }

  @Test
  void aDirectoryThatCannotHoldAPartFailsTheBuildNamingIt(@TempDir Path dir) throws IOException {
    Path notADir = Files.writeString(dir.resolve("file"), "x");
    List<byte[]> sorted = sortedWords(List.of("a", "b", "c", "d", "e"));
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> build(sorted, 2, false, notADir));
    assertTrue(e.getMessage().contains("cannot park a finished part") && e.getMessage().contains(notADir.toString()),
        e.getMessage());
  }

  @Test
  void parkingIsChosenBeforeTheFirstWord(@TempDir Path dir) {
    WordSetBuilder b = new WordSetBuilder();
    b.add(new byte[] {'a'}, 0, 1);
    assertThrows(IllegalStateException.class, () -> b.parkPartsIn(dir));
  }

  @Test
  void aCompactionOfSeveralPartsParksThemToo(@TempDir Path dir) throws IOException {
    // a compaction folds a huge base's delta into a new base: its parts are parked as a load's are
    Random rnd = new Random(202612031L);
    int[] cps = "abcdefgé日😀".codePoints().toArray();
    TreeSet<String> oracle = new TreeSet<>();
    List<String> input = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      input.add(WordSetPropertyTest.randomWord(rnd, cps, 1 + rnd.nextInt(9)));
    }
    oracle.addAll(input);
    WordSet base = build(sortedWords(input), 211, false, null);
    List<byte[]> in = new ArrayList<>();
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String w = WordSetPropertyTest.randomWord(rnd, cps, 1 + rnd.nextInt(9));
      (rnd.nextBoolean() ? in : out).add(w.getBytes(StandardCharsets.UTF_8));
    }
    // half the removals of words the set holds; no word both in and out of the batch
    for (int i = 0; i < 200; i++) {
      out.add(input.get(rnd.nextInt(input.size())).getBytes(StandardCharsets.UTF_8));
    }
    out.removeIf(o -> in.stream().anyMatch(a -> Arrays.equals(a, o)));
    in.forEach(w -> oracle.add(new String(w, StandardCharsets.UTF_8)));
    out.forEach(w -> oracle.remove(new String(w, StandardCharsets.UTF_8)));
    WordDelta delta = WordDelta.of(base).apply(in, out).set();
    Path park = dir.resolve("tmp");
    WordSet folded = delta.compactInto(new WordSetBuilder(Dafsa.PAGE_BITS, Long.MAX_VALUE, 211, false).parkPartsIn(park));

    assertTrue(folded.partCount() > 1, "several parts");
    assertTrue(folded.isMapped(), "the folded base's parts are read in place");
    assertEquals(0, filesIn(park), "every parked file is unlinked once mapped");
    WordSetPropertyTest.checkAll(new ArrayList<>(oracle), folded, rnd, cps);
    assertFalse(base.isMapped());
    assertEquals(oracle.size(), folded.size());
  }
}
