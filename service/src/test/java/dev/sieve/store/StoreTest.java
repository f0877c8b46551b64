package dev.sieve.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.words.WordSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {

  @Test
  void snapshotsAreWrittenAtomicallyAndMappedBack(@TempDir Path dir) throws IOException {
    SnapshotFiles files = new SnapshotFiles(dir);
    WordSet set = WordSet.of(List.of("alpha", "beta", "gamma"));
    long size = files.write("words-demo-1.trie", set::writeTo);
    assertEquals(Files.size(dir.resolve("words-demo-1.trie")), size);
    WordSet back = WordSet.read(files.map("words-demo-1.trie"));
    assertEquals(3, back.size());
    assertTrue(back.contains("beta"));
    // A writer that fails leaves neither the new file nor a temporary one.
    assertThrows(IOException.class, () -> files.write("words-demo-2.trie", out -> {
      out.write(1);
      throw new IOException("disk full");
    }));
    assertFalse(files.exists("words-demo-2.trie"));
    try (var s = Files.list(dir)) {
      assertEquals(List.of(dir.resolve("words-demo-1.trie")), s.toList());
    }
    files.delete("words-demo-1.trie");
    assertFalse(files.exists("words-demo-1.trie"));
    assertThrows(IllegalArgumentException.class, () -> files.map("../etc/passwd"));
  }

  @Test
  void strayTemporaryFilesOfACrashedWriteAreRemovedOnOpen(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("words-x-1.trie.tmp"), "half a file");
    Files.writeString(dir.resolve("words-x-0.trie"), "kept");
    new SnapshotFiles(dir);
    assertFalse(Files.exists(dir.resolve("words-x-1.trie.tmp")));
    assertTrue(Files.exists(dir.resolve("words-x-0.trie")));
  }

  @Test
  void catalogSurvivesReopening(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("catalog.dat");
    CatalogEntry en = new CatalogEntry("words", "en", 3, "words-en-3.trie", 104334, 230000, 1700000000000L, 17);
    CatalogEntry primes = new CatalogEntry("numbers", "primes", 1, "numbers-primes-1.roaring", 1077871, 2000000, 1700000000001L, 0);
    try (Catalog c = Catalog.open(file)) {
      assertTrue(c.isEmpty());
      c.put(en);
      c.put(primes);
      c.put(new CatalogEntry("words", "gone", 1, "words-gone-1.trie", 1, 40, 1, 0));
      c.remove("words", "gone");
      assertTrue(c.offHeapBytes() > 0);
    }
    assertFalse(Files.exists(Chronicle.openMarker(file)), "a clean close leaves no marker");
    try (Catalog c = Catalog.open(file)) {
      assertEquals(List.of(primes, en), c.all());
      assertEquals(en, c.get("words", "en").orElseThrow());
      assertTrue(c.get("words", "gone").isEmpty());
    }
  }

  @Test
  void catalogLeftOpenByACrashIsRecovered(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("catalog.dat");
    CatalogEntry en = new CatalogEntry("words", "en", 1, "words-en-1.trie", 3, 50, 1, 0);
    try (Catalog c = Catalog.open(file)) {
      c.put(en);
    }
    Files.createFile(Chronicle.openMarker(file)); // as if the last process died with it open
    assertTrue(Chronicle.needsRecovery(file));
    try (Catalog c = Catalog.open(file)) {
      assertEquals(List.of(en), c.all());
    }
  }

  @Test
  void journalReplaysCompleteBatchesInOrderAcrossReopens(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("journal.dat");
    Random rnd = new Random(5);
    byte[] small = "alpha\nbeta".getBytes();
    byte[] big = new byte[Journal.MAX_CHUNK * 3 + 123];
    rnd.nextBytes(big);
    long s1;
    long s2;
    long s3;
    try (Journal j = Journal.open(file)) {
      s1 = j.append("words", "en", JournalBatch.Op.ADD, small);
      s2 = j.append("numbers", "ids", JournalBatch.Op.REMOVE, big);
      s3 = j.append("words", "en", JournalBatch.Op.REMOVE, new byte[0]);
      assertEquals(s3, j.lastSeq());
    }
    assertEquals(1, s1);
    assertEquals(s1 + 4, s2, "a payload of 3 chunks and a bit takes 4 records");
    try (Journal j = Journal.open(file)) {
      List<JournalBatch> batches = j.replay().batches();
      assertEquals(3, batches.size());
      assertEquals("en", batches.get(0).name());
      assertArrayEquals(small, batches.get(0).chunks().get(0));
      JournalBatch b = batches.get(1);
      assertEquals(JournalBatch.Op.REMOVE, b.op());
      assertEquals(4, b.chunks().size());
      java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
      for (byte[] c : b.chunks()) {
        all.write(c);
      }
      assertArrayEquals(big, all.toByteArray());
      assertEquals(s3, batches.get(2).lastSeq());
      // New appends continue the sequence.
      assertEquals(s3 + 1, j.append("words", "en", JournalBatch.Op.ADD, small));
      // Truncation drops one set's records only.
      j.truncate("words", "en", s3 + 1);
      List<JournalBatch> left = j.replay().batches();
      assertEquals(1, left.size());
      assertEquals("ids", left.get(0).name());
    }
  }

  @Test
  void aBatchCutShortByACrashIsDroppedOnReplay(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("journal.dat");
    try (Journal j = Journal.open(file)) {
      j.append("words", "en", JournalBatch.Op.ADD, "kept".getBytes());
      long last = j.append("words", "en", JournalBatch.Op.ADD, new byte[Journal.MAX_CHUNK * 2 + 1]);
      j.map().remove(last); // the last chunk never made it
      List<JournalBatch> batches = j.replay().batches();
      assertEquals(1, batches.size());
      assertArrayEquals("kept".getBytes(), batches.get(0).chunks().get(0));
      assertEquals(1, j.records(), "the orphaned chunks are removed");
    }
  }

  @Test
  void aDamagedRecordIsReportedWithItsSetAndKept(@TempDir Path dir) throws IOException {
    try (Journal j = Journal.open(dir.resolve("journal.dat"))) {
      j.append("words", "en", JournalBatch.Op.ADD, "kept".getBytes());
      long cut = j.append("numbers", "ids", JournalBatch.Op.ADD, "lost".getBytes());
      byte[] record = j.map().get(cut);
      j.map().put(cut, java.util.Arrays.copyOf(record, record.length - 1));
      j.map().put(cut + 1, new byte[] {9, 9, 9});
      Journal.Replay replay = j.replay();
      assertEquals(1, replay.batches().size());
      assertEquals("en", replay.batches().get(0).name());
      assertEquals(2, replay.damaged().size());
      Journal.DamagedRecord named = replay.damaged().get(0);
      assertEquals(cut, named.seq());
      assertEquals("numbers/ids", named.key());
      assertEquals("journal record " + cut + " is damaged (cut short)", named.why());
      Journal.DamagedRecord unnamed = replay.damaged().get(1);
      assertEquals(cut + 1, unnamed.seq());
      assertEquals(null, unnamed.key());
      assertEquals(3, j.records(), "damaged records are kept");
      j.truncate("numbers", "ids", cut + 1);
      assertEquals(2, j.records(), "truncating a set drops the damaged records that name it");
      j.removeDamaged(cut + 1);
      assertEquals(1, j.records());
    }
  }

  @AfterAll
  static void chronicleNeverPhonesHome() {
    Path home = Path.of(System.getProperty("user.home"));
    assertFalse(Files.exists(home.resolve(".chronicle.analytics.client.id")), "Chronicle analytics client id written");
    assertFalse(Files.exists(home.resolve(".chronicle.analytics.last")), "Chronicle analytics timestamp written");
  }
}
