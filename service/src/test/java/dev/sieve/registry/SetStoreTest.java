package dev.sieve.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.numbers.NumberSet;
import dev.sieve.store.DataDir;
import dev.sieve.words.WordSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store in one process: replace, update, compact, delete, then a restart from the same directory. */
class SetStoreTest {
  private static final CompactionPolicy NEVER = new CompactionPolicy(1e9, Duration.ofDays(1), Long.MAX_VALUE);

  private static List<byte[]> words(String... words) {
    List<byte[]> out = new ArrayList<>();
    for (String w : words) {
      out.add(w.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  private static List<String> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aRestoreSweepsTheSpillFilesOfCrashedLoads(@TempDir Path data) throws Exception {
    Path spill = Files.createDirectories(DataDir.tmp(data));
    Files.write(spill.resolve("words-1234.run"), new byte[100]);
    Files.write(spill.resolve("words-5678.run"), new byte[0]);
    Files.write(spill.resolve("notes.txt"), new byte[1]);
    SetStore store = new SetStore(new Registry(), data, NEVER);
    store.restore();
    try {
      assertEquals(List.of("notes.txt"), files(spill));
    } finally {
      store.close();
    }
  }

  @Test
  void aMappedBaseIsServedFromItsOwnSnapshot(@TempDir Path data, @TempDir Path elsewhere) throws Exception {
    // a load's parked parts (WordSetBuilder.parkPartsIn) live in unlinked files: once the snapshot
    // is written, the set is served from it, mapped, and the parked mappings can go
    Path file = elsewhere.resolve("parked.trie");
    try (var out = Files.newOutputStream(file)) {
      WordSet.of(List.of("apple", "pear", "plum")).writeTo(out);
    }
    WordSet parked;
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
      parked = WordSet.readInPlace(ch.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, ch.size()));
    }
    Files.delete(file);
    Registry registry = new Registry();
    SetStore store = new SetStore(registry, data, NEVER);
    store.restore();
    try {
      store.replace(SetFamily.WORDS, "w", parked);
      WordSet served = registry.words().get("w").orElseThrow().set().base();
      assertTrue(served != parked, "served from the snapshot, not from the parked mapping");
      assertTrue(served.isMapped());
      assertEquals(3, served.size());
      assertTrue(served.contains("plum"));
      // a set built on the heap is served as it is
      WordSet heap = WordSet.of(List.of("x", "y"));
      store.replace(SetFamily.WORDS, "h", heap);
      assertTrue(registry.words().get("h").orElseThrow().set().base() == heap);
    } finally {
      store.close();
    }
  }

  @Test
  void aSecondStoreOnTheSameDataDirIsRefusedUntilTheFirstCloses(@TempDir Path data) throws Exception {
    SetStore first = new SetStore(new Registry(), data, NEVER);
    first.restore();
    SetStore second = new SetStore(new Registry(), data, NEVER);
    try {
      java.io.IOException refused = assertThrows(java.io.IOException.class, second::restore);
      assertTrue(refused.getMessage().contains("is in use by another Sieve server"), refused.getMessage());
      assertTrue(refused.getMessage().contains(data.toString()), refused.getMessage());
    } finally {
      first.close();
    }
    second.restore(); // the lock went with the first store: the refused restore left nothing held
    second.close();
  }

  @Test
  void everythingSurvivesARestartAndCompactionTruncatesTheJournal(@TempDir Path data) throws Exception {
    Registry registry = new Registry();
    SetStore store = new SetStore(registry, data, NEVER);
    assertThrows(SetUnavailableException.class, () -> store.replace(SetFamily.WORDS, "w", WordSet.empty()));
    assertTrue(store.restore().freshDataDir());
    store.replace(SetFamily.WORDS, "w", WordSet.of(List.of("a", "b", "c")));
    store.replace(SetFamily.NUMBERS, "n", NumberSet.of(1, 2, 3));
    store.replace(SetFamily.WORDS, "gone", WordSet.of(List.of("x")));
    assertEquals(1, store.update(SetFamily.WORDS, "w", UpdateOp.ADD, words("d", "a")).changed());
    assertEquals(0, store.update(SetFamily.WORDS, "w", UpdateOp.REMOVE, words("zz")).changed());
    assertEquals(2, store.update(SetFamily.NUMBERS, "n", UpdateOp.REMOVE, NumberSet.of(1, 3, 9)).changed());
    assertThrows(NoSuchSetException.class, () -> store.update(SetFamily.WORDS, "none", UpdateOp.ADD, words("a")));
    assertEquals(2, store.journal.records());
    assertTrue(store.delete(SetKind.WORDS, "gone"));
    assertFalse(store.delete(SetKind.WORDS, "gone"));

    // A compaction while updates keep coming: those land on the new base.
    long before = registry.words().get("w").orElseThrow().version();
    CompletableFuture<Void> more = CompletableFuture.runAsync(() -> {
      try {
        for (int i = 0; i < 50; i++) {
          store.update(SetFamily.WORDS, "w", UpdateOp.ADD, words("more" + i));
        }
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    assertTrue(store.compact("words/w"));
    more.join();
    SetVersion<?> w = registry.words().get("w").orElseThrow();
    assertTrue(w.version() > before);
    assertEquals(54, registry.words().get("w").orElseThrow().set().size());
    // the old base of w and the deleted set's snapshot are gone: one file per set
    assertEquals(2, files(DataDir.snapshots(data)).size(), files(DataDir.snapshots(data)).toString());
    store.close();

    // A clean restart: same sets, same contents, the journal replayed on top of the snapshots.
    Registry again = new Registry();
    SetStore reopened = new SetStore(again, data, NEVER);
    StoreRestore.Report report = reopened.restore();
    assertEquals(2, report.sets());
    assertEquals(54, again.words().get("w").orElseThrow().set().size());
    assertTrue(again.words().get("w").orElseThrow().set().contains("more49"));
    // restored in place: the trie reads its mapped snapshot, nothing of it copied to the heap
    WordSet restored = again.words().get("w").orElseThrow().set().base();
    assertTrue(restored.isMapped(), restored.toString());
    assertEquals(restored.byteSize() - restored.mappedBytes(), restored.bytesByRole().get("hot"));
    // its figures: heap bytes apart from the mapping, bytes per element counting both
    SetFigures figures = SetFigures.words(again.words().get("w").orElseThrow());
    assertEquals(restored.mappedBytes(), figures.mappedBytes());
    assertEquals(SetFigures.perElement(figures.bytes() + figures.mappedBytes(), 54), figures.bytesPerElement());
    assertTrue(figures.bytesPerElement() > SetFigures.perElement(figures.bytes(), 54), figures.toString());
    assertTrue(again.words().get("gone").isEmpty());
    assertEquals(1, again.numbers().get("n").orElseThrow().set().cardinality());
    assertTrue(again.numbers().get("n").orElseThrow().set().contains(2));
    assertTrue(again.nextVersion() > w.version());
    // Compacting everything empties the journal and leaves one snapshot per set.
    for (String key : List.of("words/w", "numbers/n")) {
      reopened.compact(key);
    }
    assertEquals(0, reopened.journal.records());
    assertEquals(2, files(DataDir.snapshots(data)).size(), files(DataDir.snapshots(data)).toString());
    reopened.close();
  }

  /**
   * Updates replayed from the journal after a stop without compaction give each set the figures its
   * updates gave it: the same elements and the same baseline (one delta application for both
   * paths), which is also the baseline of the same elements built from scratch.
   */
  @Test
  void replayedUpdatesKeepTheBaselineTheirUpdatesComputed(@TempDir Path data) throws Exception {
    SetStore store = new SetStore(new Registry(), data, NEVER);
    store.restore();
    store.replace(SetFamily.WORDS, "w", WordSet.of(List.of("apple", "pear")));
    store.update(SetFamily.WORDS, "w", UpdateOp.ADD, words("plum", "apple", "quince-of-a-longer-name", "plum"));
    store.update(SetFamily.WORDS, "w", UpdateOp.ADD, words("fig", "größe"));
    store.update(SetFamily.WORDS, "w", UpdateOp.REMOVE, words("pear", "absent"));
    store.replace(SetFamily.NUMBERS, "n", NumberSet.of(1, 2, 3));
    store.update(SetFamily.NUMBERS, "n", UpdateOp.ADD, NumberSet.of(4, 5, 1L << 40));
    long wordBaseline = store.find(SetFamily.WORDS, "w").baselineBytes();
    long numberBaseline = store.find(SetFamily.NUMBERS, "n").baselineBytes();
    store.close(); // the updates are only in the journal now

    SetStore reopened = new SetStore(new Registry(), data, NEVER);
    assertEquals(4, reopened.restore().replayed());
    SetVersion<?> w = reopened.find(SetFamily.WORDS, "w");
    assertEquals(wordBaseline, w.baselineBytes());
    assertEquals(SetFamily.WORDS.baseline(WordSet.of(List.of("apple", "plum", "quince-of-a-longer-name", "fig", "größe"))),
        w.baselineBytes());
    assertTrue(reopened.find(SetFamily.WORDS, "w").set().contains("größe"));
    assertEquals(numberBaseline, reopened.find(SetFamily.NUMBERS, "n").baselineBytes());
    assertEquals(SetFamily.NUMBERS.baseline(NumberSet.of(1, 2, 3, 4, 5, 1L << 40)), numberBaseline);
    reopened.close();
  }
}
