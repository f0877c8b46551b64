package dev.sieve.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The journal of updates not yet folded into a snapshot: an append-only log of CRC32C-checked
 * records ({@link JournalFormat}), one per update batch, in segment files {@code
 * journal-<firstSeq>.log} of a directory, rolled at {@link Options#segmentBytes}. Nothing is
 * preallocated: a segment grows with what it holds, and is deleted once every set with records in
 * it has been folded past them ({@link #release}: a compaction, a replacement or a deletion), so
 * removing a set's records never rewrites a file.
 *
 * <p>Durability ({@link FsyncPolicy}): {@link #append} writes the record to the file (it survives
 * a kill -9 once it returns) and hands back a future that completes once the record is on stable
 * storage. Under {@code always} one sync thread forces the active segment whenever records are
 * waiting: every append that arrives while a force runs is covered by the next one (group
 * commit), so concurrent updates share one {@code fdatasync}; a writer that wrote a group with
 * {@link #appendGroup} may instead {@link #sync} it on its own thread. Under {@code everysec} it forces at
 * least once a second and the future is complete at once; under {@code no} it never forces (except
 * on roll and close). A failed force fails every waiting future and every later append: after a
 * failed {@code fsync} the page cache cannot be trusted (PostgreSQL's lesson), so the server must
 * restart to write again.
 *
 * <p>At {@link #open}, every segment is read through and checked: a torn tail of the last one (a
 * crash mid-append) is cut, damage anywhere else refuses the open ({@link DamagedFileException}
 * naming the file and byte offset). Thread-safe: appends are serialised under one lock that is
 * never held during a sync.
 */
public final class Journal implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Journal.class.getName());
  public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;

  /** Told of every force the sync thread makes: records it covered and how long it took. */
  @FunctionalInterface
  public interface SyncListener {
    void synced(long records, long nanos);
  }

  /**
   * How a journal writes: its fsync policy, the size at which a segment is rolled, the files it
   * writes through (a test substitutes its own) and who hears of each sync.
   */
  public record Options(FsyncPolicy fsync, long segmentBytes, JournalFile.Files files, SyncListener listener) {
    public Options {
      if (segmentBytes < JournalFormat.HEADER_BYTES + JournalFormat.FRAME_BYTES + JournalFormat.MIN_BODY) {
        throw new IllegalArgumentException("a journal segment must hold a record: " + segmentBytes);
      }
    }

    public static Options defaults() {
      return new Options(FsyncPolicy.ALWAYS, DEFAULT_SEGMENT_BYTES, JournalFile.CHANNELS, (r, n) -> {});
    }

    public Options withFsync(FsyncPolicy fsync) {
      return new Options(fsync, segmentBytes, files, listener);
    }

    public Options withListener(SyncListener listener) {
      return new Options(fsync, segmentBytes, files, listener);
    }

    public Options withFiles(JournalFile.Files files) {
      return new Options(fsync, segmentBytes, files, listener);
    }

    public Options withSegmentBytes(long segmentBytes) {
      return new Options(fsync, segmentBytes, files, listener);
    }
  }

  /** An appended record's sequence number, and the future of its durability. */
  public record Appended(long seq, CompletableFuture<Void> durable) {}

  /**
   * What the journal holds: bytes of header and records in its segment files, the files' bytes on
   * disk (those and the zeros written ahead of the active segment's records, {@link
   * JournalFile#aheadBytes}), records, segments, and the forces made.
   */
  public record Stats(long bytes, long fileBytes, long records, long segments, long fsyncs, FsyncPolicy policy) {}

  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final Path dir;
  private final Options options;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  /** Held by a force and by a roll's force-and-close, so a force never meets a closed file. */
  private final ReentrantLock forceLock = new ReentrantLock();
  private final TreeMap<Long, JournalSegment> segments = new TreeMap<>();
  private final PriorityQueue<Waiter> waiters = new PriorityQueue<>();
  private final AtomicLong fsyncs = new AtomicLong();
  private final Thread syncThread;
  private JournalSegment active;
  private long nextSeq;
  private long appendedRecords;
  private long syncedRecords;
  private volatile long syncedSeq;
  private long bytes;
  private long records;
  private volatile IOException failed;
  private boolean closed;

  private record Waiter(long seq, CompletableFuture<Void> done) implements Comparable<Waiter> {
    @Override
    public int compareTo(Waiter o) {
      return Long.compare(seq, o.seq);
    }
  }

  private Journal(Path dir, Options options) {
    this.dir = dir;
    this.options = options;
    this.syncThread = options.fsync() == FsyncPolicy.NO ? null : new Thread(this::syncLoop, "sieve-journal-sync");
  }

  /** The key a set's records are tracked under. */
  static String key(String kind, String name) {
    return CatalogEntry.key(kind, name);
  }

  /**
   * Opens the journal in {@code dir} (created if missing): reads every segment through and checks
   * it (see the class), then starts the sync thread.
   */
  public static Journal open(Path dir, Options options) throws IOException {
    NoSpaceException.writing("the journal " + dir, () -> Files.createDirectories(dir));
    Journal j = new Journal(dir, options);
    j.recover();
    if (j.syncThread != null) {
      j.syncThread.setDaemon(true);
      j.syncThread.start();
    }
    return j;
  }

  private void recover() throws IOException {
    List<Long> firsts = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        long first = JournalSegment.firstSeqOf(p.getFileName().toString());
        if (first >= 0) {
          firsts.add(first);
        }
      }
    }
    firsts.sort(null);
    long seq = 0;
    boolean rewriteLast = false;
    for (int i = 0; i < firsts.size(); i++) {
      JournalSegment s = new JournalSegment(JournalSegment.path(dir, firsts.get(i)), firsts.get(i));
      boolean last = i == firsts.size() - 1;
      rewriteLast = s.scan(seq, last, options.files());
      if (rewriteLast) {
        Files.delete(s.file);
        break;
      }
      seq = Math.max(seq, s.lastSeq);
      segments.put(s.firstSeq, s);
      bytes += s.bytes;
      records += s.records;
    }
    nextSeq = Math.max(seq + 1, firsts.isEmpty() ? 1 : firsts.get(firsts.size() - 1));
    syncedSeq = nextSeq - 1;
    JournalSegment last = segments.isEmpty() ? null : segments.lastEntry().getValue();
    if (last != null && !rewriteLast) {
      last.out = options.files().open(last.file);
      // what a killed process wrote may still be only in the page cache: made durable before it is served
      NoSpaceException.writing("the journal " + last.file, () -> {
        last.out.force();
        return null;
      });
      active = last;
      for (JournalSegment s : segments.values()) {
        s.sealed = s != active;
      }
    } else {
      for (JournalSegment s : segments.values()) {
        s.sealed = true;
      }
      active = create(nextSeq);
    }
  }

  /** Creates, forces and names durably a new empty segment. */
  private JournalSegment create(long firstSeq) throws IOException {
    JournalSegment s = new JournalSegment(JournalSegment.path(dir, firstSeq), firstSeq);
    try {
      NoSpaceException.writing("the journal segment " + s.file, () -> {
        s.out = options.files().open(s.file);
        s.out.truncate(0);
        s.out.append(JournalFormat.header(firstSeq));
        s.out.force();
        options.files().syncDirectory(dir);
        return null;
      });
    } catch (IOException | RuntimeException e) {
      if (s.out != null) {
        closeQuietly(s.out);
      }
      Files.deleteIfExists(s.file);
      throw e;
    }
    s.bytes = JournalFormat.HEADER_BYTES;
    s.lastSeq = firstSeq - 1;
    segments.put(firstSeq, s);
    bytes += s.bytes;
    return s;
  }

  /**
   * Hands every record of the journal to {@code visitor}, in sequence order (records of folded
   * sets too: the caller knows which to skip and {@link #release}s them). Call once, before appending.
   */
  public void replay(Consumer<JournalBatch> visitor) throws IOException {
    lock.lock();
    try {
      for (JournalSegment s : segments.values()) {
        s.replay(visitor);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Makes the next sequence number at least {@code seq + 1} (a catalog entry may name one above every record). */
  public void advancePast(long seq) {
    lock.lock();
    try {
      if (seq >= nextSeq) {
        nextSeq = seq + 1;
        if (appendedRecords == syncedRecords) {
          syncedSeq = seq;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Appends one batch as one record and returns its sequence number once the record is written to
   * the file, with the future of its durability (see the class). A write that fails (a full
   * disk) leaves the file as it was and consumes no sequence number.
   */
  public Appended append(String kind, String name, JournalBatch.Op op, byte[] payload) throws IOException {
    lock.lock();
    try {
      long seq = nextSeq;
      write(seq, kind, name, op, payload);
      if (options.fsync() != FsyncPolicy.ALWAYS) {
        return new Appended(seq, DONE);
      }
      CompletableFuture<Void> done = new CompletableFuture<>();
      waiters.add(new Waiter(seq, done));
      work.signal();
      return new Appended(seq, done);
    } finally {
      lock.unlock();
    }
  }

  /** One record of a group ({@link #appendGroup}): which set, what, the batch's bytes. */
  public record Entry(String kind, String name, JournalBatch.Op op, byte[] payload) {}

  /**
   * Appends {@code entries} as consecutive records, in order, with one write of the file (group
   * commit's write half: a request no longer costs its own write syscall), and returns the
   * sequence number of the first; they are written to the file (they survive a kill -9) once it
   * returns. No future is registered: the caller forces with {@link #sync} if the policy is
   * {@code always}. A write that fails (a full disk) leaves the file as it was, consumes no
   * sequence number, and refuses the whole group.
   */
  public long appendGroup(List<Entry> entries) throws IOException {
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("an empty group");
    }
    lock.lock();
    try {
      requireWritable();
      long first = nextSeq;
      ByteBuffer[] frames = new ByteBuffer[entries.size()];
      int total = 0;
      for (int i = 0; i < frames.length; i++) {
        Entry e = entries.get(i);
        frames[i] = JournalFormat.record(first + i, e.kind(), e.name(), e.op(), e.payload());
        total = Math.addExact(total, frames[i].remaining());
      }
      if (active.records > 0 && active.bytes + total > options.segmentBytes()) {
        roll(first, true);
      }
      ByteBuffer group = frames.length == 1 ? frames[0] : ByteBuffer.allocate(total);
      if (frames.length > 1) {
        for (ByteBuffer r : frames) {
          group.put(r);
        }
        group.flip();
      }
      writeRecords(group);
      active.records += frames.length;
      active.lastSeq = first + frames.length - 1;
      for (int i = 0; i < frames.length; i++) {
        Entry e = entries.get(i);
        active.needs.put(key(e.kind(), e.name()), first + i);
      }
      records += frames.length;
      appendedRecords += frames.length;
      nextSeq = first + frames.length;
      return first;
    } finally {
      lock.unlock();
    }
  }

  /** Writes {@code bytes} at the end of the active segment, or cuts the file back if it cannot. */
  private void writeRecords(ByteBuffer frames) throws IOException {
    JournalFile out = active.out;
    long before = active.bytes;
    try {
      out.append(frames);
    } catch (IOException | RuntimeException e) {
      try {
        out.truncate(before); // no half record left for the next append to follow
      } catch (IOException | RuntimeException cut) {
        e.addSuppressed(cut);
        fail(new IOException("the journal " + active.file + " could not be cut back after a failed append", e));
      }
      throw e;
    }
    int n = (int) (out.size() - before);
    active.bytes += n;
    bytes += n;
  }

  /**
   * Appends a batch of an older journal under its own sequence number (at least the next one;
   * the migration of {@link LegacyJournal}); not synced until {@link #sync}.
   */
  public void appendRecovered(JournalBatch b) throws IOException {
    lock.lock();
    try {
      if (b.seq() < nextSeq) {
        throw new IllegalArgumentException("sequence number " + b.seq() + " is below the next one, " + nextSeq);
      }
      write(b.seq(), b.kind(), b.name(), b.op(), b.payload());
    } finally {
      lock.unlock();
    }
  }

  private void write(long seq, String kind, String name, JournalBatch.Op op, byte[] payload) throws IOException {
    requireWritable();
    ByteBuffer record = JournalFormat.record(seq, kind, name, op, payload);
    if (active.records > 0 && active.bytes + record.remaining() > options.segmentBytes()) {
      roll(seq, true);
    }
    writeRecords(record);
    active.records++;
    active.lastSeq = seq;
    active.needs.put(key(kind, name), seq);
    records++;
    appendedRecords++;
    nextSeq = seq + 1;
  }

  /**
   * Seals the active segment (closed; forced whole first if {@code force}: not when no set needs
   * its records, as it is deleted next) and starts a new one at {@code firstSeq}.
   */
  private void roll(long firstSeq, boolean force) throws IOException {
    JournalSegment next = create(firstSeq);
    JournalSegment old = active;
    forceLock.lock();
    try {
      if (force) {
        old.out.force();
      }
      old.out.close();
      old.out = null;
      old.sealed = true;
    } catch (IOException e) {
      fail(new IOException("the journal " + old.file + " could not be synced", e));
      throw failed;
    } finally {
      forceLock.unlock();
    }
    active = next;
    deleteIfUnneeded(old);
  }

  /**
   * Set {@code kind/name} no longer needs its records up to and including {@code upToSeq} (folded
   * into a snapshot, replaced or deleted): every segment no set needs any more is deleted, the
   * active one too (a new one takes its place).
   */
  public void release(String kind, String name, long upToSeq) {
    String key = key(kind, name);
    lock.lock();
    try {
      List<JournalSegment> free = new ArrayList<>();
      for (JournalSegment s : segments.values()) {
        Long last = s.needs.get(key);
        if (last != null && last <= upToSeq) {
          s.needs.remove(key);
          if (s.needs.isEmpty()) {
            free.add(s);
          }
        }
      }
      for (JournalSegment s : free) {
        if (s == active) {
          if (failed == null && !closed) {
            try {
              roll(nextSeq, false);
            } catch (IOException e) {
              // a full disk, say: the segment stays until a later release or roll
              LOG.log(Level.WARNING, "could not replace the folded journal segment " + s.file, e);
            }
          }
        } else {
          deleteIfUnneeded(s);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private void deleteIfUnneeded(JournalSegment s) {
    if (!s.sealed || !s.needs.isEmpty()) {
      return;
    }
    try {
      Files.deleteIfExists(s.file);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not delete journal segment " + s.file + " (its records are skipped at the next start)", e);
      return;
    }
    segments.remove(s.firstSeq);
    bytes -= s.bytes;
    records -= s.records;
  }

  /**
   * The future of the durability of every record up to {@code seq}: complete at once unless the
   * policy is {@code always} and a record up to it still waits for its force.
   */
  public CompletableFuture<Void> durable(long seq) {
    if (options.fsync() != FsyncPolicy.ALWAYS || seq <= syncedSeq) {
      return failed == null ? DONE : CompletableFuture.failedFuture(failed);
    }
    lock.lock();
    try {
      if (failed != null) {
        return CompletableFuture.failedFuture(failed);
      }
      if (seq <= syncedSeq) {
        return DONE;
      }
      CompletableFuture<Void> done = new CompletableFuture<>();
      waiters.add(new Waiter(seq, done));
      work.signal();
      return done;
    } finally {
      lock.unlock();
    }
  }

  /** Forces every record appended so far, now, on the caller's thread. */
  public void sync() throws IOException {
    JournalSegment s;
    long target;
    long appendedAt;
    lock.lock();
    try {
      requireWritable();
      s = active;
      target = nextSeq - 1;
      appendedAt = appendedRecords;
    } finally {
      lock.unlock();
    }
    force(s, target, appendedAt);
  }

  private void syncLoop() {
    long period = TimeUnit.SECONDS.toNanos(1);
    while (true) {
      JournalSegment s;
      long target;
      long appendedAt;
      lock.lock();
      try {
        if (options.fsync() == FsyncPolicy.EVERYSEC) {
          long wait = period;
          while (!closed && wait > 0) {
            wait = work.awaitNanos(wait);
          }
        } else {
          while (!closed && appendedRecords == syncedRecords && waiters.isEmpty()) {
            work.await();
          }
        }
        if (closed || failed != null) {
          return;
        }
        if (appendedRecords == syncedRecords && waiters.isEmpty()) {
          continue;
        }
        s = active;
        target = nextSeq - 1;
        appendedAt = appendedRecords;
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      try {
        force(s, target, appendedAt);
      } catch (IOException e) {
        return; // failed: every waiter has been told
      }
    }
  }

  /**
   * Forces {@code s} (unless a roll sealed it, forcing it whole), then completes the waiters up to
   * {@code target}; {@code appendedAt} is the count of records appended when {@code target} was read.
   */
  private void force(JournalSegment s, long target, long appendedAt) throws IOException {
    long start = System.nanoTime();
    forceLock.lock();
    try {
      if (!s.sealed) {
        s.out.force();
      }
    } catch (IOException | RuntimeException e) {
      fail(new IOException("the journal " + s.file + " could not be synced: " + e.getMessage(), e));
      throw failed;
    } finally {
      forceLock.unlock();
    }
    long nanos = System.nanoTime() - start;
    fsyncs.incrementAndGet();
    List<CompletableFuture<Void>> done = new ArrayList<>();
    long group;
    lock.lock();
    try {
      group = Math.max(0, appendedAt - syncedRecords);
      syncedRecords = Math.max(syncedRecords, appendedAt);
      if (target > syncedSeq) {
        syncedSeq = target;
      }
      while (!waiters.isEmpty() && waiters.peek().seq() <= target) {
        done.add(waiters.poll().done());
      }
    } finally {
      lock.unlock();
    }
    try {
      options.listener().synced(group, nanos);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "journal sync listener failed", e);
    }
    for (CompletableFuture<Void> d : done) {
      d.complete(null);
    }
  }

  private void fail(IOException e) {
    List<Waiter> told;
    lock.lock();
    try {
      if (failed == null) {
        failed = e;
        LOG.log(Level.SEVERE, "the journal failed: updates are refused until the server restarts", e);
      }
      told = new ArrayList<>(waiters);
      waiters.clear();
      work.signalAll();
    } finally {
      lock.unlock();
    }
    for (Waiter w : told) {
      w.done().completeExceptionally(failed);
    }
  }

  private void requireWritable() throws IOException {
    if (failed != null) {
      throw new IOException("the journal cannot be written since it failed (" + failed.getMessage() + "); restart the server",
          failed);
    }
    if (closed) {
      throw new IOException("the journal is closed");
    }
  }

  /** Sequence number of the last record appended (or the floor {@link #advancePast} set). */
  public long lastSeq() {
    lock.lock();
    try {
      return nextSeq - 1;
    } finally {
      lock.unlock();
    }
  }

  public Stats stats() {
    lock.lock();
    try {
      long ahead = active != null && active.out != null ? active.out.aheadBytes() : 0;
      return new Stats(bytes, bytes + ahead, records, segments.size(), fsyncs.get(), options.fsync());
    } finally {
      lock.unlock();
    }
  }

  /** Records in the segment files (folded ones too, until their segment goes). */
  public long records() {
    return stats().records();
  }

  /** The segment files, oldest first. */
  public List<Path> segmentFiles() {
    lock.lock();
    try {
      List<Path> out = new ArrayList<>();
      for (JournalSegment s : segments.values()) {
        out.add(s.file);
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** Stops the sync thread, forces what was appended (whatever the policy) and closes the files. */
  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      work.signalAll();
    } finally {
      lock.unlock();
    }
    if (syncThread != null) {
      try {
        syncThread.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    IOException failure = null;
    if (failed == null && active != null && active.out != null) {
      try {
        long appendedAt;
        lock.lock();
        try {
          appendedAt = appendedRecords;
        } finally {
          lock.unlock();
        }
        force(active, nextSeq - 1, appendedAt);
      } catch (IOException e) {
        failure = e;
      }
    }
    lock.lock();
    try {
      for (Iterator<Map.Entry<Long, JournalSegment>> it = segments.entrySet().iterator(); it.hasNext(); ) {
        JournalSegment s = it.next().getValue();
        if (s.out != null) {
          closeQuietly(s.out);
          s.out = null;
        }
      }
      for (Waiter w : waiters) {
        w.done().completeExceptionally(new IOException("the journal closed before the update was synced"));
      }
      waiters.clear();
    } finally {
      lock.unlock();
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static void closeQuietly(JournalFile f) {
    try {
      f.close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "closing a journal file", e);
    }
  }
}
