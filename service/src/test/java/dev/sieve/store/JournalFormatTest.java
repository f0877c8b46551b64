package dev.sieve.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sieve.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's segment format (format 2, {@link JournalFormat}), pinned by a golden segment: a
 * header (first sequence number 1) and two records, one of each operation. A journal that appends
 * those two batches writes the golden file byte for byte, and the golden file, as a segment,
 * replays as those batches.
 */
class JournalFormatTest {
  static final String GOLDEN = "journal-segment-v2.bin";

  static final List<JournalBatch> BATCHES = List.of(
      new JournalBatch(1, "words", "en", JournalBatch.Op.ADD, LegacyJournalFormatTest.WORDS),
      new JournalBatch(2, "numbers", "primes", JournalBatch.Op.REMOVE, LegacyJournalFormatTest.OPAQUE));

  @Test
  void appendedBatchesAreTheGoldenSegment(@TempDir Path dir) throws IOException {
    try (Journal j = Journal.open(dir, Journal.Options.defaults())) {
      for (JournalBatch b : BATCHES) {
        assertEquals(b.seq(), j.append(b.kind(), b.name(), b.op(), b.payload()).seq());
      }
    }
    Golden.assertEncodes(GOLDEN, Files.readAllBytes(dir.resolve("journal-1.log")));
  }

  @Test
  void theGoldenSegmentReplaysAsItsBatches(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve("journal-1.log"), Golden.read(GOLDEN));
    List<JournalBatch> read = new ArrayList<>();
    try (Journal j = Journal.open(dir, Journal.Options.defaults())) {
      j.replay(read::add);
      assertEquals(2, j.lastSeq());
    }
    assertEquals(BATCHES.size(), read.size());
    for (int i = 0; i < BATCHES.size(); i++) {
      JournalBatch want = BATCHES.get(i);
      JournalBatch got = read.get(i);
      assertEquals(List.of(want.seq(), want.kind(), want.name(), want.op()), List.of(got.seq(), got.kind(), got.name(), got.op()));
      assertArrayEquals(want.payload(), got.payload());
    }
  }
}
