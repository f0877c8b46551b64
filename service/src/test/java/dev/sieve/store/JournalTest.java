package dev.sieve.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The segmented journal on its own: replay, segments and their deletion, torn and damaged records, group commit. */
class JournalTest {
  private static final Journal.Options ALWAYS = Journal.Options.defaults();

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<JournalBatch> replay(Path dir) throws IOException {
    List<JournalBatch> out = new ArrayList<>();
    try (Journal j = Journal.open(dir, ALWAYS)) {
      j.replay(out::add);
    }
    return out;
  }

  private static List<String> names(List<JournalBatch> batches) {
    return batches.stream().map(b -> b.seq() + ":" + b.kind() + "/" + b.name() + ":" + b.op() + ":"
        + new String(b.payload(), StandardCharsets.UTF_8)).toList();
  }

  private static List<String> files(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void batchesReplayInOrderAcrossReopensAndTheSequenceGoesOn(@TempDir Path dir) throws Exception {
    byte[] big = new byte[100_000];
    new Random(5).nextBytes(big);
    try (Journal j = Journal.open(dir, ALWAYS)) {
      assertEquals(1, j.append("words", "en", JournalBatch.Op.ADD, bytes("alpha")).seq());
      Journal.Appended two = j.append("numbers", "ids", JournalBatch.Op.REMOVE, big);
      assertEquals(2, two.seq());
      two.durable().get(10, TimeUnit.SECONDS);
      assertEquals(3, j.append("words", "en", JournalBatch.Op.REMOVE, new byte[0]).seq());
      assertEquals(3, j.lastSeq());
    }
    List<JournalBatch> read = replay(dir);
    assertEquals(List.of("1:words/en:ADD:alpha", "3:words/en:REMOVE:"), List.of(names(read).get(0), names(read).get(2)));
    assertArrayEquals(big, read.get(1).payload());
    try (Journal j = Journal.open(dir, ALWAYS)) {
      assertEquals(4, j.append("words", "en", JournalBatch.Op.ADD, bytes("beta")).seq());
      j.advancePast(99);
      assertEquals(100, j.append("words", "en", JournalBatch.Op.ADD, bytes("gamma")).seq());
    }
    assertEquals(List.of(1L, 2L, 3L, 4L, 100L), replay(dir).stream().map(JournalBatch::seq).toList());
  }

  @Test
  void aSegmentGoesOnceNoSetNeedsItsRecordsWithoutRewritingAny(@TempDir Path dir) throws Exception {
    Journal.Options small = ALWAYS.withSegmentBytes(200);
    try (Journal j = Journal.open(dir, small)) {
      // each record is about 60 bytes: three to a segment
      for (int i = 0; i < 9; i++) {
        j.append("words", i % 3 == 2 ? "b" : "a", JournalBatch.Op.ADD, bytes("word-" + i + "-padding-padding"));
      }
      assertEquals(List.of("journal-1.log", "journal-4.log", "journal-7.log"), files(dir));
      byte[] second = Files.readAllBytes(dir.resolve("journal-4.log"));
      j.release("words", "a", 5); // a folded up to 5: the first segment holds b's 3 still
      assertEquals(3, j.stats().segments());
      j.release("words", "b", 3);
      assertEquals(List.of("journal-4.log", "journal-7.log"), files(dir));
      assertArrayEquals(second, Files.readAllBytes(dir.resolve("journal-4.log")), "a release rewrites no segment");
      j.release("words", "b", Long.MAX_VALUE); // b deleted: the second segment held a's 4 and 5, b's 6
      assertEquals(List.of("journal-7.log"), files(dir), "a's records 7 and 8 are still needed");
      assertEquals(3, j.records());
      j.release("words", "a", 9);
      // every record folded: the active segment is replaced by an empty one
      assertEquals(List.of("journal-10.log"), files(dir));
      assertEquals(0, j.records());
      assertEquals(10, j.append("words", "a", JournalBatch.Op.ADD, bytes("again")).seq());
    }
    assertEquals(List.of("10:words/a:ADD:again"), names(replay(dir)));
    // after a restart the needs are rebuilt from the records: releasing the one set frees all
    try (Journal j = Journal.open(dir, small)) {
      j.release("words", "a", 10);
      assertEquals(0, j.records());
    }
  }

  /** Appends three records and returns the byte offsets of the second and third. */
  private static long[] threeRecords(Path dir) throws IOException {
    long[] at = new long[2];
    try (Journal j = Journal.open(dir, ALWAYS)) {
      j.append("words", "en", JournalBatch.Op.ADD, bytes("one"));
      j.append("words", "en", JournalBatch.Op.ADD, bytes("two"));
      j.append("words", "en", JournalBatch.Op.ADD, bytes("three"));
    }
    at[0] = JournalFormat.HEADER_BYTES + JournalFormat.record(1, "words", "en", JournalBatch.Op.ADD, bytes("one")).remaining();
    at[1] = at[0] + JournalFormat.record(2, "words", "en", JournalBatch.Op.ADD, bytes("two")).remaining();
    assertEquals(at[1] + JournalFormat.record(3, "words", "en", JournalBatch.Op.ADD, bytes("three")).remaining(),
        Files.size(dir.resolve("journal-1.log")), "a closed segment holds its records, and no zeros after them");
    return at;
  }

  private static void flip(Path file, long at) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x10);
    }
  }

  @Test
  void aTornTailIsCutAndTheRecordsBeforeItServe(@TempDir Path dir) throws Exception {
    long[] at = threeRecords(dir);
    Path seg = dir.resolve("journal-1.log");
    long size = Files.size(seg);
    for (long keep = size - 1; keep > at[1]; keep -= 3) {
      try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
        f.setLength(keep); // a crash in the middle of the third append
      }
      assertEquals(List.of("1:words/en:ADD:one", "2:words/en:ADD:two"), names(replay(dir)), "cut at " + keep);
      assertEquals(at[1], Files.size(seg), "the torn tail is cut from the file");
      try (Journal j = Journal.open(dir, ALWAYS)) {
        assertEquals(3, j.append("words", "en", JournalBatch.Op.ADD, bytes("three")).seq());
      }
      threeRecordsAgain(dir);
    }
  }

  private static void threeRecordsAgain(Path dir) throws IOException {
    assertEquals(3, replay(dir).size());
  }

  @Test
  void aDamagedLastRecordIsATornTail(@TempDir Path dir) throws Exception {
    long[] at = threeRecords(dir);
    Path seg = dir.resolve("journal-1.log");
    flip(seg, Files.size(seg) - 2); // in the third record's payload: its CRC32C fails
    assertEquals(List.of("1:words/en:ADD:one", "2:words/en:ADD:two"), names(replay(dir)));
    assertEquals(at[1], Files.size(seg));
  }

  @Test
  void aDamagedRecordFollowedByIntactOnesRefusesTheOpenNamingFileAndOffset(@TempDir Path dir) throws Exception {
    long[] at = threeRecords(dir);
    Path seg = dir.resolve("journal-1.log");
    long size = Files.size(seg);
    for (long where : new long[] {at[0] + 1, at[0] + 12, at[1] - 1}) { // its length, its seq, its payload
      flip(seg, where);
      DamagedFileException e = assertThrows(DamagedFileException.class, () -> Journal.open(dir, ALWAYS));
      String start = "damaged journal " + seg + ": the record at byte offset " + at[0] + " is damaged ("
          + (where == at[0] + 1 ? "cut short" : "its CRC32C does not match)");
      assertTrue(e.getMessage().startsWith(start), e.getMessage());
      assertTrue(e.getMessage().endsWith("and intact records follow it"), e.getMessage());
      assertEquals(seg, e.file());
      assertEquals(size, Files.size(seg), "nothing is cut from a journal refused");
      flip(seg, where);
    }
    assertEquals(3, replay(dir).size());
  }

  /** Appends three records to segments of 100 bytes: one a segment, journal-1.log to journal-3.log. */
  private static void threeSegments(Path dir) throws IOException {
    try (Journal j = Journal.open(dir, ALWAYS.withSegmentBytes(100))) {
      for (int i = 0; i < 3; i++) {
        j.append("words", "en", JournalBatch.Op.ADD, bytes("word-" + i + "-long-enough-to-fill-a-segment"));
      }
    }
  }

  @Test
  void aDamagedRecordInASegmentBeforeTheLastRefusesTheOpen(@TempDir Path dir) throws Exception {
    threeSegments(dir);
    assertEquals(List.of("journal-1.log", "journal-2.log", "journal-3.log"), files(dir));
    Path first = dir.resolve("journal-1.log");
    flip(first, Files.size(first) - 1); // the last record of the segment, but not of the journal
    DamagedFileException e = assertThrows(DamagedFileException.class, () -> Journal.open(dir, ALWAYS));
    assertEquals("damaged journal " + first + ": the record at byte offset " + JournalFormat.HEADER_BYTES
        + " is damaged (its CRC32C does not match)", e.getMessage());
    Path second = dir.resolve("journal-2.log");
    flip(first, Files.size(first) - 1);
    flip(second, 3); // the header
    e = assertThrows(DamagedFileException.class, () -> Journal.open(dir, ALWAYS));
    assertEquals("damaged journal " + second + ": not a Sieve journal segment (bad magic) (at byte offset 0)", e.getMessage());
  }

  @Test
  void aSegmentCutInItsHeaderIsWrittenAnew(@TempDir Path dir) throws Exception {
    threeRecords(dir);
    Files.write(dir.resolve("journal-4.log"), new byte[] {'S', 'I', 'E'}); // a crash while a segment was created
    try (Journal j = Journal.open(dir, ALWAYS)) {
      assertEquals(4, j.append("words", "en", JournalBatch.Op.ADD, bytes("four")).seq());
    }
    assertEquals(4, replay(dir).size());
  }

  /**
   * Under {@code always}, concurrent appends share forces: with a disk whose force takes 2 ms,
   * eight writers that each wait for their own record make far fewer forces than records, and
   * every future completes only once a force covered its record.
   */
  @Test
  void concurrentAppendsShareOneForce(@TempDir Path dir) throws Exception {
    PowerCutFiles disk = new PowerCutFiles(TimeUnit.MILLISECONDS.toNanos(2));
    AtomicLong groups = new AtomicLong();
    AtomicLong covered = new AtomicLong();
    Journal.Options options = ALWAYS.withFiles(disk).withListener((records, nanos) -> {
      groups.incrementAndGet();
      covered.addAndGet(records);
    });
    int writers = 8;
    int each = 50;
    try (Journal j = Journal.open(dir, options)) {
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      List<CompletableFuture<Void>> all = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int id = w;
        all.add(CompletableFuture.runAsync(() -> {
          for (int i = 0; i < each; i++) {
            try {
              Journal.Appended a = j.append("words", "w" + id, JournalBatch.Op.ADD, bytes("x" + i));
              a.durable().get(30, TimeUnit.SECONDS);
              assertTrue(j.durable(a.seq()).isDone(), "durable once acknowledged");
            } catch (Exception e) {
              throw new RuntimeException(e);
            }
          }
        }, pool));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
      pool.shutdown();
      long forces = j.stats().fsyncs();
      assertEquals(writers * each, covered.get(), "every record is covered by exactly one force");
      assertTrue(forces < writers * each / 2, forces + " forces for " + writers * each + " records");
    }
    assertEquals(writers * each, replay(dir).size());
  }

  /** A force that fails fails every update waiting for it and refuses later appends. */
  @Test
  void aFailedForceFailsTheWaitersAndLaterAppends(@TempDir Path dir) throws Exception {
    PowerCutFiles disk = new PowerCutFiles(TimeUnit.MILLISECONDS.toNanos(20));
    try (Journal j = Journal.open(dir, ALWAYS.withFiles(disk))) {
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      Journal.Appended a = j.append("words", "en", JournalBatch.Op.ADD, bytes("lost"));
      disk.cut();
      java.util.concurrent.CountDownLatch told = new java.util.concurrent.CountDownLatch(1);
      a.durable().whenComplete((v, e) -> {
        failures.add(e);
        told.countDown();
      });
      assertThrows(Exception.class, () -> a.durable().get(10, TimeUnit.SECONDS));
      // the callback runs on the completing thread, maybe after get() returned here
      assertTrue(told.await(10, TimeUnit.SECONDS));
      IOException refused = assertThrows(IOException.class, () -> j.append("words", "en", JournalBatch.Op.ADD, bytes("x")));
      assertTrue(refused.getMessage().startsWith("the journal cannot be written since it failed"), refused.getMessage());
      assertEquals(1, failures.size());
    } catch (IOException closing) {
      // closing a journal whose disk is gone may fail too
    }
  }

  /** What a kill -9 leaves of {@code dir}: its files as they are now (the page cache), copied to {@code to}. */
  private static void copyAsCrashed(Path dir, Path to) throws IOException {
    Files.createDirectories(to);
    try (var s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Files.copy(p, to.resolve(p.getFileName()));
      }
    }
  }

  /**
   * The active segment is written into zeros written ahead of it (so a sync need not change the
   * file's size): a crash leaves them after the records; the next open reads every record, cuts
   * the zeros, and appends where the records end, and a close leaves no zeros.
   */
  @Test
  void zerosWrittenAheadOfTheRecordsEndThemAfterACrash(@TempDir Path dir) throws Exception {
    Path live = dir.resolve("live");
    Path crashed = dir.resolve("crashed");
    long recordsEnd;
    try (Journal j = Journal.open(live, ALWAYS.withSegmentBytes(4L << 20))) {
      for (int i = 0; i < 30_000; i++) { // about 1.3 MB of records: past the first megabyte of zeros
        j.append("words", "en", JournalBatch.Op.ADD, bytes("word-" + i));
      }
      j.append("words", "en", JournalBatch.Op.ADD, bytes("last")).durable().get(10, TimeUnit.SECONDS);
      recordsEnd = j.stats().bytes();
      long size = Files.size(live.resolve("journal-1.log"));
      assertTrue(size > recordsEnd && size % JournalFile.Channel.AHEAD == 0, size + " bytes for " + recordsEnd);
      copyAsCrashed(live, crashed);
    }
    assertEquals(recordsEnd, Files.size(live.resolve("journal-1.log")), "closed: the zeros are cut");
    List<JournalBatch> read = replay(crashed);
    assertEquals(30_001, read.size());
    assertEquals("30001:words/en:ADD:last", names(read).get(30_000));
    assertEquals(recordsEnd, Files.size(crashed.resolve("journal-1.log")), "the zeros are cut at the open");
    try (Journal j = Journal.open(crashed, ALWAYS)) {
      assertEquals(30_002, j.append("words", "en", JournalBatch.Op.ADD, bytes("after")).seq());
    }
    assertEquals(30_002, replay(crashed).size());
  }

  /**
   * A segment before the last may end in zeros too (a crash between the creation of the next
   * segment and the cut of this one's zeros): its records are read, and damage among them is
   * still refused.
   */
  @Test
  void aSegmentBeforeTheLastEndingInZerosServesItsRecords(@TempDir Path dir) throws Exception {
    threeSegments(dir);
    Path first = dir.resolve("journal-1.log");
    long end = Files.size(first);
    try (RandomAccessFile f = new RandomAccessFile(first.toFile(), "rw")) {
      f.setLength(end + 5000); // zeros
    }
    assertEquals(3, replay(dir).size());
    assertEquals(end, Files.size(first));
    try (RandomAccessFile f = new RandomAccessFile(first.toFile(), "rw")) {
      f.setLength(end + 5000);
    }
    flip(first, end - 1);
    assertThrows(DamagedFileException.class, () -> Journal.open(dir, ALWAYS));
  }
}
