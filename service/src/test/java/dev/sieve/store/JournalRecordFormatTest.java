package dev.sieve.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sieve.testing.Golden;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's record format (the value {@link Journal} puts in its Chronicle Map under a
 * sequence number), pinned by golden files of format 1: a record {@link Journal#append} writes is
 * the golden file byte for byte, and a golden record put in a journal replays as the batch it
 * holds. One record for each operation, so that the op byte's values are pinned too.
 */
class JournalRecordFormatTest {
  /** Two words, "cat" and "dog", as the registry encodes an update's words. */
  static final byte[] WORDS = {2, 3, 'c', 'a', 't', 3, 'd', 'o', 'g'};
  /** Any payload: the journal does not look into it. */
  static final byte[] OPAQUE = {0, 1, 2, (byte) 0xFE, (byte) 0xFF};

  record Case(String golden, String kind, String name, JournalBatch.Op op, byte[] payload) {}

  static final List<Case> CASES = List.of(
      new Case("journal-record-v1-add.bin", "words", "en", JournalBatch.Op.ADD, WORDS),
      new Case("journal-record-v1-remove.bin", "numbers", "primes", JournalBatch.Op.REMOVE, OPAQUE));

  @Test
  void anAppendedRecordIsTheGoldenFile(@TempDir Path dir) throws IOException {
    for (Case c : CASES) {
      try (Journal journal = Journal.open(dir.resolve(c.golden() + ".journal"))) {
        assertEquals(1, journal.append(c.kind(), c.name(), c.op(), c.payload()));
        Golden.assertEncodes(c.golden(), journal.map().get(1L));
      }
    }
  }

  @Test
  void aGoldenRecordReplaysAsItsBatch(@TempDir Path dir) throws IOException {
    for (Case c : CASES) {
      try (Journal journal = Journal.open(dir.resolve(c.golden() + ".journal"))) {
        journal.map().put(1L, Golden.read(c.golden()));
        Journal.Replay replay = journal.replay();
        assertEquals(List.of(), replay.damaged(), c.golden());
        assertEquals(1, replay.batches().size(), c.golden());
        JournalBatch batch = replay.batches().get(0);
        assertEquals(List.of(1L, 1L, c.kind(), c.name(), c.op()),
            List.of(batch.firstSeq(), batch.lastSeq(), batch.kind(), batch.name(), batch.op()), c.golden());
        assertEquals(1, batch.chunks().size());
        assertArrayEquals(c.payload(), batch.chunks().get(0));
      }
    }
  }
}
