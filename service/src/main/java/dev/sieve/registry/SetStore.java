package dev.sieve.registry;

import dev.sieve.delta.Tiered;
import dev.sieve.store.Catalog;
import dev.sieve.store.CatalogEntry;
import dev.sieve.store.DataDir;
import dev.sieve.store.DataDirLock;
import dev.sieve.store.Journal;
import dev.sieve.store.JournalBatch;
import dev.sieve.store.NoSpaceException;
import dev.sieve.store.Snapshots;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every change of a set goes through here, so that what the registry serves and what the data
 * directory holds never disagree:
 * <ul>
 *   <li>a replacement (PUT, combine) writes the new base's snapshot, then its catalog entry, then
 *       swaps it in; the old snapshot is deleted after;
 *   <li>an update (add, remove) is appended to the journal, then swapped in as a new delta, then
 *       the set's lock is let go, and it is acknowledged once the journal says its record is
 *       durable (under {@code --fsync always}, after the group commit's force that covers it): a
 *       read sees all of its batch or none, and may see it a moment before it is acknowledged (as
 *       in Redis; a power cut in between loses it, and it was never acknowledged);
 *   <li>a compaction folds a delta into a new base off any lock, writes its snapshot, and under
 *       the set's lock re-expresses the updates that came meanwhile over the new base, writes the
 *       catalog entry and tells the journal the set no longer needs the records it folded;
 *   <li>a deletion removes the catalog entry and the snapshot file, and tells the journal the
 *       set needs none of its records.
 * </ul>
 * Writes of one set are serialised by a per-set lock; writes of different sets and all reads run
 * in parallel. Without a data directory ({@link #inMemory}) the same rules hold minus the files.
 *
 * <p>Updates of a durable store go through one group commit thread ({@link GroupCommit}): it
 * takes whatever updates queued while it committed the last group, applies each under its set's
 * lock, writes their records with one write of the journal and installs them, lets the locks go,
 * then (under {@code always}) forces the journal itself, once for the group, and the answers
 * complete.
 *
 * <p>All methods block (file I/O, Chronicle Map, CPU-heavy compaction) except {@link
 * #updateAsync}, which for a durable store only encodes the batch and queues it: call the others
 * on worker threads. Thread-safe. The restore at start is {@link StoreRestore}.
 */
public final class SetStore implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SetStore.class.getName());
  /** Why a write, or a read of a set not there yet, is refused before the restore has run. */
  public static final String NOT_RESTORED = "the service is starting: its stored sets are not restored yet";

  final Registry registry;
  private final Path dataDir;
  // set once by restore(), before open turns true
  Snapshots snapshots;
  Catalog catalog;
  Journal journal;
  private DataDirLock lock; // held from the restore to close: one server per data directory
  final CompactionPolicy policy;
  final Journal.Options journalOptions;
  private volatile Journal.SyncListener syncListener = (records, nanos) -> {};
  private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  private volatile boolean open;
  /** Applies, journals and installs the updates of a durable store, in groups (set at the restore). */
  private volatile GroupCommit<PendingUpdate<?, ?>> writer;
  private volatile Runnable onDue = () -> {};
  private final CompactionStats stats = new CompactionStats();
  /** When the levels of each set ({@code kind/name}) were last merged by age. */
  private final ConcurrentHashMap<String, Instant> mergedAt = new ConcurrentHashMap<>();

  /**
   * A store of {@code registry}'s sets in {@code dataDir}, or in memory only if it is null (tests).
   * It refuses writes until {@link #restore()} has run.
   */
  public SetStore(Registry registry, Path dataDir, CompactionPolicy policy) {
    this(registry, dataDir, policy, Journal.Options.defaults());
  }

  /** As {@link #SetStore(Registry, Path, CompactionPolicy)}, with a journal written as {@code journal} says. */
  public SetStore(Registry registry, Path dataDir, CompactionPolicy policy, Journal.Options journal) {
    this.registry = registry;
    this.dataDir = dataDir;
    this.policy = policy;
    Journal.SyncListener given = journal.listener();
    this.journalOptions = journal.withListener((records, nanos) -> {
      given.synced(records, nanos);
      syncListener.synced(records, nanos);
    });
  }

  /** Tells {@code listener} of every sync of the journal (records covered, nanoseconds); the metrics' hook. */
  public void onJournalSync(Journal.SyncListener listener) {
    this.syncListener = listener;
  }

  /**
   * Brings back the sets of the data directory (see {@link StoreRestore}) and opens the store for
   * writes; without a data directory it only opens it.
   */
  public StoreRestore.Report restore() throws IOException {
    if (open) {
      throw new IllegalStateException("already restored");
    }
    StoreRestore.Report report;
    try {
      report = isDurable()
          ? new StoreRestore(dataDir, this).run()
          : new StoreRestore.Report(0, 0, 0, true, 0, 0, 0);
    } catch (IOException | RuntimeException e) {
      releaseLock();
      throw e;
    }
    if (isDurable()) {
      writer = new GroupCommit<>("sieve-journal-writer", MAX_GROUP, this::commitGroup);
    }
    open = true;
    return report;
  }

  /** Keeps the data directory's lock until {@link #close()} (or a failed restore). */
  void hold(DataDirLock lock) {
    this.lock = lock;
  }

  private void releaseLock() throws IOException {
    if (lock != null) {
      DataDirLock held = lock;
      lock = null;
      held.close();
    }
  }

  void attach(Snapshots snapshots, Catalog catalog, Journal journal) {
    this.snapshots = snapshots;
    this.catalog = catalog;
    this.journal = journal;
  }

  /** Called (on the writer's thread) after an update that leaves a set's delta due by size. */
  void onDue(Runnable listener) {
    this.onDue = listener;
  }

  /** True if sets are kept in a data directory. */
  public boolean isDurable() {
    return dataDir != null;
  }

  public CompactionPolicy policy() {
    return policy;
  }

  /** The outcome of an update: elements whose membership changed, and the set's new size. */
  public record Updated(long changed, long count, long version) {}

  // ---------------------------------------------------------------- find

  /**
   * The version serving as {@code name}, the one answer every face gives.
   *
   * @throws SetUnavailableException if its snapshot could not be read (the message says why), or
   *     if the stored sets are not restored yet and it is not (yet) there
   * @throws NoSuchSetException if there is no such set
   */
  public <D> SetVersion<D> find(SetFamily<D, ?, ?> f, String name) {
    SetRegistry<D> sets = f.sets(registry);
    Optional<SetVersion<D>> v = sets.get(name);
    if (v.isPresent()) {
      return v.get();
    }
    Optional<String> why = sets.unavailable(name);
    if (why.isPresent()) {
      throw new SetUnavailableException(why.get());
    }
    requireOpen();
    throw new NoSuchSetException(f.kind(), name);
  }

  // ---------------------------------------------------------------- replace

  /**
   * Installs {@code base} as the new version of set {@code name}, durably; works out its baseline
   * (for words, a walk of the whole set: call on a worker).
   */
  public <D, B> SetVersion<D> replace(SetFamily<D, B, ?> f, String name, B base) throws IOException {
    requireOpen();
    if (!SetNames.isValidNew(name)) {
      throw new IllegalArgumentException("invalid set name: " + name);
    }
    long baselineBytes = f.baseline(base);
    long version = registry.nextVersion();
    Instant now = Instant.now();
    // The snapshot is written before the lock: a big set's fsync does not hold up the set's updates.
    Snapshots.Written written = isDurable() ? writeSnapshot(f, name, version, base) : null;
    B serving = written == null ? base : served(f, written, base);
    ReentrantLock lock = lock(f, name);
    Optional<CatalogEntry> old = Optional.empty();
    SetVersion<D> installed;
    SetRegistry<D> sets = f.sets(registry);
    try {
      SetVersion<D> previous = sets.get(name).orElse(null);
      if (isDurable()) {
        try {
          old = catalog.get(f.stored(), name);
          putEntry(new CatalogEntry(f.stored(), name, version, written.file(), f.baseCount(base), written.bytes(),
              now.toEpochMilli(), journal.lastSeq(), baselineBytes, written.checksum()));
        } catch (IOException | RuntimeException e) {
          // not catalogued: the new snapshot is of no use, the old version stays
          snapshots.delete(written.file());
          throw e;
        }
      }
      installed = sets.install(new SetVersion<>(name, f.of(serving), version, now, baselineBytes));
      if (isDurable() && (previous == null || previous.updates() > 0)) {
        // updates of the old version (or of a set that could not be restored) are void now; were
        // this to fail, the restore would skip them anyway (they precede the entry's journalSeq)
        truncateQuietly(f, name, journal.lastSeq());
      }
    } finally {
      lock.unlock();
    }
    if (old.isPresent()) {
      deleteQuietly(old.get().snapshot());
    }
    return installed;
  }

  // ---------------------------------------------------------------- update

  /**
   * Adds or removes ({@code op}) the elements of {@code batch} in set {@code name}, durably:
   * returns once the journal's fsync policy says it is acknowledged ({@link #updateAsync}, waited for).
   */
  public <D, E> Updated update(SetFamily<D, ?, E> f, String name, UpdateOp op, E batch) throws IOException {
    try {
      return updateAsync(f, name, op, batch).get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the journal", e);
    }
  }

  /**
   * Adds or removes ({@code op}) the elements of {@code batch} in set {@code name} and returns the
   * future of its acknowledgement. A durable store encodes the batch and queues it for the group
   * commit (see the class), which applies it, appends it to the journal and installs it under the
   * set's lock, and completes the future once its record is durable as the fsync policy says
   * (under {@code always}, once a force covered it; else once written): it never blocks, and may
   * be called on an event loop for a small batch (encoding is O(batch)). An in-memory store
   * applies it at once, on the caller's thread. An update that changes nothing waits for the
   * set's last record all the same, so that no answer reports a state not yet durable. Holding a
   * batch to its size is the caller's (the API's) rule.
   */
  public <D, E> CompletableFuture<Updated> updateAsync(SetFamily<D, ?, E> f, String name, UpdateOp op, E batch)
      throws IOException {
    requireOpen();
    byte[] payload = f.encode(batch);
    if (isDurable()) {
      PendingUpdate<D, E> u = new PendingUpdate<>(f, name, op, batch, payload);
      GroupCommit<PendingUpdate<?, ?>> w = writer;
      if (w == null || !w.submit(u)) {
        throw new IOException("the store is closed");
      }
      return u.answer;
    }
    ReentrantLock lock = lock(f, name);
    Updated updated;
    try {
      SetVersion<D> cur = find(f, name);
      SetFamily.Applied<D> a = f.apply(cur, op, batch);
      if (a.changed() == 0) {
        updated = new Updated(0, a.count(), cur.version());
      } else {
        SetVersion<D> next = f.sets(registry).install(
            cur.updated(a.set(), a.baselineBytes(), cur.journalSeq(), payload.length, Instant.now()));
        if (dueBySize(f, next)) {
          onDue.run();
        }
        updated = new Updated(a.changed(), a.count(), cur.version());
      }
    } finally {
      lock.unlock();
    }
    return CompletableFuture.completedFuture(updated);
  }

  /** Most bytes of payload one write of the journal carries (a larger batch is written alone). */
  static final long MAX_GROUP_BYTES = 8 << 20;
  /** Most updates one group commit takes. */
  static final int MAX_GROUP = 512;

  /**
   * Commits a group of updates on the group commit's thread, in chunks of at most {@link
   * #MAX_GROUP_BYTES} of payload.
   */
  private void commitGroup(List<PendingUpdate<?, ?>> group) {
    int from = 0;
    while (from < group.size()) {
      int to = from + 1;
      long bytes = group.get(from).payload.length;
      while (to < group.size() && bytes + group.get(to).payload.length <= MAX_GROUP_BYTES) {
        bytes += group.get(to).payload.length;
        to++;
      }
      commit(group.subList(from, to));
      from = to;
    }
  }

  /** A set a group changes: its lock (held until the group is installed) and its newest version. */
  private static final class Touched {
    final ReentrantLock lock;
    SetVersion<?> latest;
    SetFamily<?, ?, ?> family;
    boolean changed;
    long seq;

    Touched(ReentrantLock lock) {
      this.lock = lock;
    }
  }

  /**
   * One group: each update applied in turn under its set's lock (an update of a set the group
   * already changed applies over that change), the records of those that changed something
   * written with one write of the journal ({@link Journal#appendGroup}), then the newest version of
   * each set installed and the locks let go: journaled before visible, as one update alone. Under
   * {@code always} this thread then forces the journal (one force for the group; the updates that
   * arrive during it make the next group) and each answer completes; a refused write (a full
   * disk) refuses the group and installs nothing of it.
   */
  private void commit(List<PendingUpdate<?, ?>> group) {
    java.util.LinkedHashMap<String, Touched> touched = new java.util.LinkedHashMap<>();
    List<Journal.Entry> entries = new ArrayList<>();
    List<PendingUpdate<?, ?>> applied = new ArrayList<>(group.size());
    Throwable refused = null;
    long lastSeq = 0;
    try {
      for (PendingUpdate<?, ?> u : group) {
        try {
          if (u.apply(touched, entries)) {
            applied.add(u);
          }
        } catch (RuntimeException | Error e) {
          u.answer.completeExceptionally(e);
        }
      }
      if (!entries.isEmpty()) {
        try {
          long first = journal.appendGroup(entries);
          lastSeq = first + entries.size() - 1;
          for (PendingUpdate<?, ?> u : applied) {
            if (u.entry >= 0) {
              touched.get(u.key).seq = first + u.entry;
            }
          }
          for (Touched t : touched.values()) {
            if (t.changed) {
              install(t);
            }
          }
        } catch (IOException | RuntimeException e) {
          refused = e;
        }
      }
    } finally {
      for (Touched t : touched.values()) {
        t.lock.unlock();
      }
    }
    if (refused != null) {
      for (PendingUpdate<?, ?> u : applied) {
        if (u.entry >= 0 || u.overGroup) {
          u.answer.completeExceptionally(NoSpaceException.isNoSpace(refused)
              ? new NoSpaceException("the journal record of an update of " + u.key, refused) : refused);
        } else {
          u.answerWhenDurable(journal.durable(u.waitSeq));
        }
      }
      return;
    }
    CompletableFuture<Void> synced = entries.isEmpty()
        ? CompletableFuture.completedFuture(null) : forced(lastSeq);
    for (PendingUpdate<?, ?> u : applied) {
      u.answerWhenDurable(u.entry >= 0 || u.overGroup ? synced : journal.durable(u.waitSeq));
    }
  }

  /**
   * The durability of the records up to {@code lastSeq}, which this thread just wrote. Under
   * {@code always} the force is made here, at once, the way Redis's loop writes and fsyncs its
   * append-only file before it answers: the group's locks are let go already, and the updates
   * that queue meanwhile make the next group, so a handoff to the journal's sync thread would only
   * add a thread wake-up (and its latency) to every group. Other policies answer as the journal says.
   */
  private CompletableFuture<Void> forced(long lastSeq) {
    if (journalOptions.fsync() != dev.sieve.store.FsyncPolicy.ALWAYS) {
      return journal.durable(lastSeq);
    }
    try {
      journal.sync();
      return CompletableFuture.completedFuture(null);
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @SuppressWarnings("unchecked")
  private <D> void install(Touched t) {
    SetFamily<D, ?, ?> f = (SetFamily<D, ?, ?>) t.family;
    SetVersion<D> v = (SetVersion<D>) t.latest;
    SetVersion<D> next = f.sets(registry).install(new SetVersion<>(v.name(), v.set(), v.version(), v.loadedAt(),
        v.baselineBytes(), t.seq, v.updates(), v.journalBytes(), v.dirtySince()));
    if (dueBySize(f, next)) {
      onDue.run();
    }
  }

  /** An update waiting for its group commit, and its answer. */
  private final class PendingUpdate<D, E> {
    final SetFamily<D, ?, E> f;
    final String name;
    final String key;
    final UpdateOp op;
    final E batch;
    final byte[] payload;
    final CompletableFuture<Updated> answer = new CompletableFuture<>();
    Updated updated;
    /** Index of its record in the group's entries, or -1 if it changed nothing. */
    int entry = -1;
    /** True if it changed nothing over a change of its set in the same group (it stands or falls with it). */
    boolean overGroup;
    /** For one that changed nothing over an installed version: the record it waits for. */
    long waitSeq;

    PendingUpdate(SetFamily<D, ?, E> f, String name, UpdateOp op, E batch, byte[] payload) {
      this.f = f;
      this.name = name;
      this.key = f.stored() + "/" + name;
      this.op = op;
      this.batch = batch;
      this.payload = payload;
    }

    /**
     * Applies the batch over the set's newest version (the group's, else the registry's), under
     * the set's lock (taken once per group); true if it is to be answered with the group.
     */
    @SuppressWarnings("unchecked")
    boolean apply(java.util.Map<String, Touched> touched, List<Journal.Entry> entries) {
      Touched t = touched.get(key);
      SetVersion<D> cur;
      if (t == null) {
        ReentrantLock lock = lock(f, name);
        try {
          cur = find(f, name);
        } catch (RuntimeException e) {
          lock.unlock();
          throw e;
        }
        t = new Touched(lock);
        t.latest = cur;
        t.family = f;
        touched.put(key, t);
      } else {
        cur = (SetVersion<D>) t.latest;
      }
      SetFamily.Applied<D> a = f.apply(cur, op, batch);
      updated = new Updated(a.changed(), a.count(), cur.version());
      if (a.changed() == 0) {
        overGroup = t.changed;
        waitSeq = cur.journalSeq();
        return true;
      }
      t.latest = cur.updated(a.set(), a.baselineBytes(), cur.journalSeq(), payload.length, Instant.now());
      t.changed = true;
      entry = entries.size();
      entries.add(new Journal.Entry(f.stored(), name, journalOp(op), payload));
      return true;
    }

    void answerWhenDurable(CompletableFuture<Void> durable) {
      durable.whenComplete((done, failure) -> {
        if (failure == null) {
          answer.complete(updated);
        } else {
          answer.completeExceptionally(failure instanceof java.util.concurrent.CompletionException c
              && c.getCause() != null ? c.getCause() : failure);
        }
      });
    }
  }

  /** The journal's op byte for the API's verb (storage keeps its own vocabulary). */
  static JournalBatch.Op journalOp(UpdateOp op) {
    return op == UpdateOp.ADD ? JournalBatch.Op.ADD : JournalBatch.Op.REMOVE;
  }

  /** The API's verb of a journal record's op. */
  static UpdateOp updateOp(JournalBatch.Op op) {
    return op == JournalBatch.Op.ADD ? UpdateOp.ADD : UpdateOp.REMOVE;
  }

  // ---------------------------------------------------------------- delete

  /** Deletes set {@code name} of {@code kind} and its files; false if there was none. */
  public boolean delete(SetKind kind, String name) throws IOException {
    return delete(SetFamily.of(kind), name);
  }

  private boolean delete(SetFamily<?, ?, ?> f, String name) throws IOException {
    requireOpen();
    ReentrantLock lock = lock(f, name);
    Optional<CatalogEntry> entry = Optional.empty();
    boolean existed;
    try {
      existed = f.sets(registry).remove(name);
      if (isDurable()) {
        entry = catalog.get(f.stored(), name);
        if (entry.isPresent()) {
          catalog.remove(f.stored(), name);
          journal.release(f.stored(), name, journal.lastSeq());
          existed = true;
        }
      }
    } finally {
      lock.unlock();
    }
    if (entry.isPresent()) {
      deleteQuietly(entry.get().snapshot());
    }
    return existed;
  }

  // ---------------------------------------------------------------- compaction

  /** A set due for compaction: {@code kind/name} and what it is due for (never NONE). */
  public record Due(String key, CompactionPolicy.Action action) {}

  /** The sets whose delta is due for a fold or a merge of its levels now ({@link CompactionPolicy#due}). */
  public List<Due> due() {
    Instant now = Instant.now();
    List<Due> out = new ArrayList<>();
    for (SetKind kind : SetKind.values()) {
      SetFamily<?, ?, ?> f = SetFamily.of(kind);
      addDue(f, now, out);
    }
    return out;
  }

  private <D> void addDue(SetFamily<D, ?, ?> f, Instant now, List<Due> out) {
    for (SetVersion<D> v : f.sets(registry).list()) {
      String key = CatalogEntry.key(f.stored(), v.name());
      CompactionPolicy.Action a = policy.due(figures(f, v, mergedAt.get(key)), now);
      if (a != CompactionPolicy.Action.NONE) {
        out.add(new Due(key, a));
      }
    }
  }

  private static <D> CompactionPolicy.Figures figures(SetFamily<D, ?, ?> f, SetVersion<D> v, Instant mergedAt) {
    Tiered<D> t = f.tiered(v.set());
    return new CompactionPolicy.Figures(v.updates(), t.deltaElements(), t.baseElements(), t.baseBytes(),
        t.levels().size(), v.dirtySince(), mergedAt);
  }

  /** True if an update just brought {@code v}'s delta to the size that folds it. */
  private <D> boolean dueBySize(SetFamily<D, ?, ?> f, SetVersion<D> v) {
    Tiered<D> t = f.tiered(v.set());
    return policy.dueBySize(v.updates(), t.deltaElements(), t.baseElements());
  }

  /** What compactions have done since the start. */
  public CompactionStats compactionStats() {
    return stats;
  }

  /** Does what {@code due} says: a fold ({@link #compact}) or a merge of levels ({@link #mergeLevels}). */
  public boolean run(Due due) throws IOException {
    return due.action() == CompactionPolicy.Action.FOLD ? compact(due.key()) : mergeLevels(due.key());
  }

  /**
   * Folds the delta of set {@code kind/name} into a new base. Reads go on meanwhile (they see the
   * old version until the swap) and so do updates: the delta is sealed first, under the set's lock
   * (no copy), so the batches that come during the fold stack above what it reads, and only they
   * are carried over onto the new base, under the lock again: O(updates during the fold).
   *
   * @return true if a new base was installed
   */
  public boolean compact(String key) throws IOException {
    int slash = key.indexOf('/');
    return compact(SetFamily.stored(key.substring(0, slash)), key.substring(slash + 1));
  }

  /**
   * Merges the levels of set {@code kind/name}'s delta into one, leaving its base (and journal)
   * alone: what age does to a delta too small to rebuild a large base for. As for {@link
   * #compact}, readers and writers go on; the merge replaces the sealed levels under the lock.
   *
   * @return true if the merged levels were installed
   */
  public boolean mergeLevels(String key) throws IOException {
    int slash = key.indexOf('/');
    return mergeLevels(SetFamily.stored(key.substring(0, slash)), key.substring(slash + 1));
  }

  /** Installs {@code name}'s current version with its delta sealed; null if it has no updates. */
  private <D> SetVersion<D> seal(SetFamily<D, ?, ?> f, String name) {
    SetRegistry<D> sets = f.sets(registry);
    ReentrantLock lock = lock(f, name);
    try {
      SetVersion<D> cur = sets.get(name).orElse(null);
      if (cur == null || cur.updates() == 0) {
        return null;
      }
      return sets.install(cur.withSet(f.tiered(cur.set()).sealed()));
    } finally {
      lock.unlock();
    }
  }

  private <D> boolean mergeLevels(SetFamily<D, ?, ?> f, String name) {
    if (!open) {
      return false;
    }
    String key = CatalogEntry.key(f.stored(), name);
    mergedAt.put(key, Instant.now());
    SetVersion<D> sealed = seal(f, name);
    if (sealed == null || f.tiered(sealed.set()).levels().size() < 2) {
      return false;
    }
    long started = System.nanoTime();
    D merged = f.tiered(sealed.set()).mergeLevels();
    SetRegistry<D> sets = f.sets(registry);
    ReentrantLock lock = lock(f, name);
    try {
      SetVersion<D> cur = sets.get(name).orElse(null);
      if (cur == null || cur.version() != sealed.version()) {
        return false; // replaced, deleted or folded meanwhile
      }
      D next = f.tiered(cur.set()).withMergedLevels(sealed.set(), merged);
      if (next == cur.set()) {
        return false;
      }
      sets.install(cur.withSet(next));
    } finally {
      lock.unlock();
    }
    stats.of(f.kind(), CompactionPolicy.Action.MERGE)
        .record(System.nanoTime() - started, f.tiered(sealed.set()).deltaBytes());
    return true;
  }

  private <D, B> boolean compact(SetFamily<D, B, ?> f, String name) throws IOException {
    if (!open) {
      return false;
    }
    SetVersion<D> folded = seal(f, name);
    if (folded == null) {
      return false;
    }
    long started = System.nanoTime();
    SetRegistry<D> sets = f.sets(registry);
    // a huge word set parks its parts while it is built, as a load does (no heap for them)
    B base = f.compact(folded.set(), isDurable() ? DataDir.tmp(dataDir) : null);
    // Kept exact batch by batch (SetFamily.apply counts as the walk of f.baseline does): no walk
    // of the new base, which for words made a String of every word.
    long baselineBytes = folded.baselineBytes();
    long version = registry.nextVersion();
    Instant now = Instant.now();
    Snapshots.Written written = isDurable() ? writeSnapshot(f, name, version, base) : null;
    if (written != null) {
      base = served(f, written, base);
    }
    ReentrantLock lock = lock(f, name);
    boolean installed = false;
    boolean catalogued = false;
    try {
      SetVersion<D> cur = sets.get(name).orElse(null);
      if (cur != null && f.base(cur.set()) == f.base(folded.set())) {
        D rebased = f.rebase(cur.set(), base, folded.set());
        if (isDurable()) {
          putEntry(new CatalogEntry(f.stored(), name, version, written.file(), f.baseCount(base), written.bytes(),
              now.toEpochMilli(), folded.journalSeq(), baselineBytes, written.checksum()));
          catalogued = true;
        }
        int later = cur.updates() - folded.updates();
        sets.install(new SetVersion<>(name, rebased, version, now, cur.baselineBytes(),
            cur.journalSeq(), later, cur.journalBytes() - folded.journalBytes(), later == 0 ? null : now));
        installed = true;
        if (isDurable()) {
          truncateQuietly(f, name, folded.journalSeq());
        }
      }
    } catch (IOException | RuntimeException e) {
      if (written != null && !catalogued) {
        snapshots.delete(written.file());
      }
      throw e;
    } finally {
      lock.unlock();
    }
    if (isDurable()) {
      // replaced or deleted meanwhile: the new snapshot is of no use; else the old one is not
      deleteQuietly(installed ? Snapshots.fileName(f.stored(), name, folded.version()) : written.file());
    }
    if (installed) {
      stats.of(f.kind(), CompactionPolicy.Action.FOLD)
          .record(System.nanoTime() - started, f.tiered(folded.set()).deltaBytes());
    }
    return installed;
  }

  /** What to serve once {@code base}'s snapshot is {@code written} ({@link SetFamily#served}); the snapshot goes if that fails. */
  private <B> B served(SetFamily<?, B, ?> f, Snapshots.Written written, B base) throws IOException {
    try {
      return f.served(snapshots, written, base);
    } catch (IOException | RuntimeException e) {
      snapshots.delete(written.file());
      throw e;
    }
  }

  // ---------------------------------------------------------------- sizes

  /**
   * The catalog's (Chronicle Map off-heap and file bytes), the journal's and the snapshot files'
   * figures; all zero without a data directory.
   */
  public record StorageBytes(long catalogOffHeap, long catalogFile, Journal.Stats journal, long snapshotFiles,
      long snapshotBytes) {}

  /** The journal's figures now (zero before the restore and without a data directory). */
  public Journal.Stats journalStats() {
    Journal j = open && isDurable() ? journal : null;
    return j == null ? new Journal.Stats(0, 0, 0, 0, 0, journalOptions.fsync()) : j.stats();
  }

  public StorageBytes storageBytes() throws IOException {
    if (!isDurable() || !open) {
      return new StorageBytes(0, 0, journalStats(), 0, 0);
    }
    long files = 0;
    long bytes = 0;
    for (String f : snapshots.list()) {
      files++;
      bytes += snapshots.size(f);
    }
    return new StorageBytes(catalog.offHeapBytes(), catalog.fileBytes(), journal.stats(), files, bytes);
  }

  /** Bytes of the snapshot file of a set's base (0 without a data directory). */
  public long snapshotBytes(SetKind kind, String name, long version) throws IOException {
    return isDurable() && open ? snapshots.size(Snapshots.fileName(SetFamily.of(kind).stored(), name, version)) : 0;
  }

  // ---------------------------------------------------------------- plumbing

  void requireOpen() {
    if (!open) {
      throw new SetUnavailableException(NOT_RESTORED, true);
    }
  }

  /** Writes a base's snapshot; a full disk is a {@link NoSpaceException} naming the set. */
  private <B> Snapshots.Written writeSnapshot(SetFamily<?, B, ?> f, String name, long version, B base) throws IOException {
    return NoSpaceException.writing("the snapshot of " + f.stored() + "/" + name, () -> f.write(snapshots, name, version, base));
  }

  private void putEntry(CatalogEntry e) throws IOException {
    NoSpaceException.writing("the catalog entry of " + e.key(), () -> {
      catalog.put(e);
      return null;
    });
  }

  private ReentrantLock lock(SetFamily<?, ?, ?> f, String name) {
    ReentrantLock lock = locks.computeIfAbsent(CatalogEntry.key(f.stored(), name), k -> new ReentrantLock());
    lock.lock();
    return lock;
  }

  /**
   * Tells the journal that set {@code name} no longer needs its records up to {@code upToSeq}
   * (folded, replaced): segments no set needs are deleted. A failure costs only disk until the
   * next start, which skips those records (they precede the catalog entry's journalSeq).
   */
  private void truncateQuietly(SetFamily<?, ?, ?> f, String name, long upToSeq) {
    try {
      journal.release(f.stored(), name, upToSeq);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not release the journal records of " + f.stored() + "/" + name
          + " (they are skipped at the next start)", e);
    }
  }

  void deleteQuietly(String file) {
    try {
      snapshots.delete(file);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not delete snapshot " + file + " (removed at the next start)", e);
    }
  }

  @Override
  public void close() throws IOException {
    boolean wasOpen = open;
    open = false;
    try {
      if (isDurable() && wasOpen) {
        try {
          if (writer != null) {
            writer.close(); // the updates queued are committed first
          }
          journal.close();
        } finally {
          catalog.close();
        }
      }
    } finally {
      releaseLock();
    }
  }
}
