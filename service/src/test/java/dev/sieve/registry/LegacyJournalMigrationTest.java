package dev.sieve.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.numbers.NumberSet;
import dev.sieve.store.DamagedFileException;
import dev.sieve.store.DataDir;
import dev.sieve.store.JournalBatch;
import dev.sieve.store.LegacyJournalWriter;
import dev.sieve.words.WordDelta;
import dev.sieve.words.WordSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory of an earlier build, whose updates are in {@code journal.cm3} (journal format 1,
 * written here by the test-only {@link LegacyJournalWriter} exactly as those builds wrote it):
 * the first start moves its batches into the segmented journal under their own sequence numbers,
 * then deletes it; the updates serve, and survive the next restart from the new journal alone.
 */
class LegacyJournalMigrationTest {
  private static final CompactionPolicy NEVER = new CompactionPolicy(Integer.MAX_VALUE, Duration.ofDays(1));

  private static List<byte[]> utf8(List<String> words) {
    List<byte[]> out = new ArrayList<>();
    for (String w : words) {
      out.add(w.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  /** Sets en (a, b) and n (1, 2, 3) catalogued with journal position 0, as the old build left them. */
  private static void storeSets(Path data) throws Exception {
    SetStore store = new SetStore(new Registry(), data, NEVER);
    store.restore();
    store.replace(SetFamily.WORDS, "en", WordSet.of(List.of("a", "b")));
    store.replace(SetFamily.NUMBERS, "n", NumberSet.of(1, 2, 3));
    store.close();
  }

  private static List<String> many() {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      words.add("many-" + i); // about 40 KB: three chunks of format 1
    }
    return words;
  }

  /** The old build's journal: an add, a three-chunk add, a remove, a batch of a deleted set, and a batch cut short by a crash. */
  private static void writeLegacyJournal(Path data) throws Exception {
    try (LegacyJournalWriter old = LegacyJournalWriter.open(DataDir.legacyJournal(data), 1)) {
      old.append("words", "en", JournalBatch.Op.ADD, UpdatePayload.words(utf8(List.of("c", "d"))));
      old.append("words", "en", JournalBatch.Op.ADD, UpdatePayload.words(utf8(many())));
      old.append("numbers", "n", JournalBatch.Op.REMOVE, UpdatePayload.numbers(NumberSet.of(2)));
      old.append("words", "gone", JournalBatch.Op.ADD, UpdatePayload.words(utf8(List.of("x"))));
      long cut = old.append("words", "en", JournalBatch.Op.ADD, UpdatePayload.words(utf8(many().subList(0, 3000))));
      old.map().remove(cut); // its last chunk never made it: never acknowledged
    }
  }

  private static void assertMigrated(SetStore store) {
    assertMigrated(store, 0);
  }

  /** The sets as the old journal's batches leave them, with {@code more} words added since. */
  private static void assertMigrated(SetStore store, int more) {
    WordDelta en = store.find(SetFamily.WORDS, "en").set();
    assertEquals(2 + 2 + 4000 + more, en.size());
    assertTrue(en.contains("d") && en.contains("many-3999"));
    assertFalse(store.find(SetFamily.NUMBERS, "n").set().contains(2));
    assertEquals(2, store.find(SetFamily.NUMBERS, "n").set().cardinality());
  }

  @Test
  void theOldJournalIsMovedIntoTheNewOneAndDeleted(@TempDir Path data) throws Exception {
    storeSets(data);
    writeLegacyJournal(data);
    SetStore store = new SetStore(new Registry(), data, NEVER);
    StoreRestore.Report report = store.restore();
    try {
      assertEquals(3, report.replayed(), "the batch of the deleted set is skipped, the one cut short dropped");
      assertMigrated(store);
      assertFalse(Files.exists(DataDir.legacyJournal(data)));
      assertFalse(Files.exists(data.resolve("journal.cm3.open")));
      // the sequence goes on from the old journal's last batch (seqs 1, 2-4, 5, 6)
      assertEquals(6, store.journal.lastSeq(), "last seq " + store.journal.lastSeq());
      store.update(SetFamily.WORDS, "en", UpdateOp.ADD, utf8(List.of("e")));
    } finally {
      store.close();
    }
    SetStore again = new SetStore(new Registry(), data, NEVER);
    again.restore();
    try {
      assertMigrated(again, 1);
      assertTrue(again.find(SetFamily.WORDS, "en").set().contains("e"));
    } finally {
      again.close();
    }
  }

  /** A crash after the batches were moved but before journal.cm3 was deleted: the next start moves none twice. */
  @Test
  void aMigrationCutShortIsResumedNotRepeated(@TempDir Path data) throws Exception {
    storeSets(data);
    writeLegacyJournal(data);
    SetStore store = new SetStore(new Registry(), data, NEVER);
    store.restore();
    long records = store.journal.records();
    store.close();
    writeLegacyJournal(data); // as if never deleted
    SetStore again = new SetStore(new Registry(), data, NEVER);
    again.restore();
    try {
      assertEquals(records, again.journal.records());
      assertMigrated(again);
      assertFalse(Files.exists(DataDir.legacyJournal(data)));
    } finally {
      again.close();
    }
  }

  @Test
  void aDamagedOldRecordRefusesTheStartAndKeepsTheFile(@TempDir Path data) throws Exception {
    storeSets(data);
    try (LegacyJournalWriter old = LegacyJournalWriter.open(DataDir.legacyJournal(data), 1)) {
      old.append("words", "en", JournalBatch.Op.ADD, UpdatePayload.words(utf8(List.of("c"))));
      old.map().put(2L, new byte[] {9, 9, 9});
    }
    SetStore store = new SetStore(new Registry(), data, NEVER);
    DamagedFileException e = assertThrows(DamagedFileException.class, store::restore);
    assertTrue(e.getMessage().startsWith("damaged journal " + DataDir.legacyJournal(data) + ": record 2 is damaged"),
        e.getMessage());
    assertTrue(Files.exists(DataDir.legacyJournal(data)));
  }
}
