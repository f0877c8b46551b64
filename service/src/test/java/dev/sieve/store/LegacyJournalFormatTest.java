package dev.sieve.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sieve.testing.Golden;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The record format of the journal of earlier builds (format 1: the value {@code journal.cm3}
 * held under a sequence number), pinned by its golden files: no build writes it any more, but
 * {@link LegacyJournal} still reads it to migrate a data directory, so the golden records must
 * decode as the batches they hold, and the test-only writer must still write them byte for byte
 * (it makes the data directories the migration tests start from). One record for each operation.
 */
class LegacyJournalFormatTest {
  /** Two words, "cat" and "dog", as the registry encodes an update's words. */
  static final byte[] WORDS = {2, 3, 'c', 'a', 't', 3, 'd', 'o', 'g'};
  /** Any payload: the journal does not look into it. */
  static final byte[] OPAQUE = {0, 1, 2, (byte) 0xFE, (byte) 0xFF};

  record Case(String golden, String kind, String name, JournalBatch.Op op, byte[] payload) {}

  static final List<Case> CASES = List.of(
      new Case("journal-record-v1-add.bin", "words", "en", JournalBatch.Op.ADD, WORDS),
      new Case("journal-record-v1-remove.bin", "numbers", "primes", JournalBatch.Op.REMOVE, OPAQUE));

  @Test
  void theTestWriterWritesTheGoldenRecords() throws IOException {
    for (Case c : CASES) {
      Golden.assertEncodes(c.golden(),
          LegacyJournalWriter.encode(c.kind(), c.name(), c.op(), 1, 0, 1, c.payload(), 0, c.payload().length));
    }
  }

  @Test
  void aGoldenRecordReadsAsItsBatch() throws IOException {
    for (Case c : CASES) {
      List<JournalBatch> read = LegacyJournal.read(Path.of("journal.cm3"), Map.of(1L, Golden.read(c.golden())));
      assertEquals(1, read.size(), c.golden());
      JournalBatch batch = read.get(0);
      assertEquals(List.of(1L, c.kind(), c.name(), c.op()), List.of(batch.seq(), batch.kind(), batch.name(), batch.op()),
          c.golden());
      assertArrayEquals(c.payload(), batch.payload());
    }
  }
}
