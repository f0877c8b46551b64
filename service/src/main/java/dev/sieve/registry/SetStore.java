package dev.sieve.registry;

import dev.sieve.memory.HashSetBaseline;
import dev.sieve.numbers.NumberDelta;
import dev.sieve.numbers.NumberSet;
import dev.sieve.store.Catalog;
import dev.sieve.store.CatalogEntry;
import dev.sieve.store.Journal;
import dev.sieve.store.JournalBatch;
import dev.sieve.store.NoSpaceException;
import dev.sieve.store.Snapshots;
import dev.sieve.words.WordDelta;
import dev.sieve.words.WordSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every change of a set goes through here, so that what the registry serves and what the data
 * directory holds never disagree:
 * <ul>
 *   <li>a replacement (PUT, combine) writes the new base's snapshot, then its catalog entry, then
 *       swaps it in; the old snapshot is deleted after;
 *   <li>an update (add, remove) is appended to the journal, then swapped in as a new delta: it is
 *       acknowledged only once journaled, and a read sees all of its batch or none;
 *   <li>a compaction folds a delta into a new base off any lock, writes its snapshot, and under
 *       the set's lock re-expresses the updates that came meanwhile over the new base, writes the
 *       catalog entry and truncates the journal;
 *   <li>a deletion removes the catalog entry, the journal records and the snapshot file.
 * </ul>
 * Writes of one set are serialised by a per-set lock; writes of different sets and all reads run
 * in parallel. Without a data directory ({@link #inMemory}) the same rules hold minus the files.
 *
 * <p>All methods block (file I/O, Chronicle Map, CPU-heavy compaction): call them on worker
 * threads. Thread-safe. The restore at start is {@link StoreRestore}.
 */
public final class SetStore implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SetStore.class.getName());
  /** Most payload bytes one update batch may journal; larger changes are a PUT. */
  public static final int MAX_UPDATE_BYTES = 16 << 20;

  final Registry registry;
  private final Path dataDir;
  // set once by restore(), before open turns true
  Snapshots snapshots;
  Catalog catalog;
  Journal journal;
  final CompactionPolicy policy;
  final SetFamily<WordDelta, WordSet> words;
  final SetFamily<NumberDelta, NumberSet> numbers;
  private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  private volatile boolean open;
  private volatile Runnable onDue = () -> {};

  /**
   * A store of {@code registry}'s sets in {@code dataDir}, or in memory only if it is null (tests).
   * It refuses writes until {@link #restore()} has run.
   */
  public SetStore(Registry registry, Path dataDir, CompactionPolicy policy) {
    this.registry = registry;
    this.dataDir = dataDir;
    this.policy = policy;
    this.words = new SetFamily.Words(registry.words());
    this.numbers = new SetFamily.Numbers(registry.numbers());
  }

  /**
   * Brings back the sets of the data directory (see {@link StoreRestore}) and opens the store for
   * writes; without a data directory it only opens it.
   */
  public StoreRestore.Report restore() throws IOException {
    if (open) {
      throw new IllegalStateException("already restored");
    }
    StoreRestore.Report report = isDurable()
        ? new StoreRestore(dataDir, this).run()
        : new StoreRestore.Report(0, 0, 0, true, 0, 0, 0);
    open = true;
    return report;
  }

  void attach(Snapshots snapshots, Catalog catalog, Journal journal) {
    this.snapshots = snapshots;
    this.catalog = catalog;
    this.journal = journal;
  }

  /** Called (on the writer's thread) when an update brings a set to the compaction limit. */
  void onDue(Runnable listener) {
    this.onDue = listener;
  }

  /** True if sets are kept in a data directory. */
  public boolean isDurable() {
    return dataDir != null;
  }

  /** True once restored: writes are accepted. */
  public boolean isOpen() {
    return open;
  }

  public CompactionPolicy policy() {
    return policy;
  }

  /** The outcome of an update: elements whose membership changed, and the set's new size. */
  public record Updated(long changed, long count, long version) {}

  // ---------------------------------------------------------------- replace

  /** Installs {@code set} as the new version of word set {@code name}, durably. */
  public SetVersion<WordDelta> replaceWords(String name, WordSet set, long baselineBytes) throws IOException {
    return replace(words, name, set, baselineBytes);
  }

  /** Installs {@code set} as the new version of number set {@code name}, durably. */
  public SetVersion<NumberDelta> replaceNumbers(String name, NumberSet set, long baselineBytes) throws IOException {
    return replace(numbers, name, set, baselineBytes);
  }

  private <D, B> SetVersion<D> replace(SetFamily<D, B> f, String name, B base, long baselineBytes) throws IOException {
    requireOpen();
    if (!SetNames.isValid(name)) {
      throw new IllegalArgumentException("invalid set name: " + name);
    }
    long version = registry.words().nextVersion();
    Instant now = Instant.now();
    // The snapshot is written before the lock: a big set's fsync does not hold up the set's updates.
    Snapshots.Written written = isDurable() ? writeSnapshot(f, name, version, base) : null;
    ReentrantLock lock = lock(f, name);
    Optional<CatalogEntry> old = Optional.empty();
    SetVersion<D> installed;
    try {
      SetVersion<D> previous = f.sets.get(name).orElse(null);
      if (isDurable()) {
        try {
          old = catalog.get(f.kind, name);
          putEntry(new CatalogEntry(f.kind, name, version, written.file(), f.baseCount(base), written.bytes(),
              now.toEpochMilli(), journal.lastSeq(), baselineBytes, written.checksum()));
        } catch (IOException | RuntimeException e) {
          // not catalogued: the new snapshot is of no use, the old version stays
          snapshots.delete(written.file());
          throw e;
        }
      }
      installed = f.sets.install(new SetVersion<>(name, f.of(base), version, now, baselineBytes));
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

  /** Adds ({@code op} ADD) or removes words (UTF-8) of word set {@code name}, durably. */
  public Updated updateWords(String name, JournalBatch.Op op, List<byte[]> batch) throws IOException {
    byte[] payload = UpdatePayload.words(batch);
    return update(words, name, op, payload, (cur) -> {
      WordDelta set = cur.set();
      WordDelta.Change c = op == JournalBatch.Op.ADD ? set.apply(batch, List.of()) : set.apply(List.of(), batch);
      long baseline = cur.baselineBytes();
      if (c.added() + c.removed() > 0) {
        baseline += HashSetBaseline.setBytes(c.set().size()) - HashSetBaseline.setBytes(set.size());
        Set<String> seen = new HashSet<>();
        for (byte[] w : batch) {
          String s = new String(w, StandardCharsets.UTF_8);
          if (seen.add(s) && set.contains(w) != c.set().contains(w)) {
            baseline += (op == JournalBatch.Op.ADD ? 1 : -1) * HashSetBaseline.stringBytes(s);
          }
        }
      }
      return new Applied<>(c.set(), c.added() + c.removed(), c.set().size(), baseline);
    });
  }

  /** Adds ({@code op} ADD) or removes the values of {@code batch} in number set {@code name}, durably. */
  public Updated updateNumbers(String name, JournalBatch.Op op, NumberSet batch) throws IOException {
    byte[] payload = UpdatePayload.numbers(batch);
    return update(numbers, name, op, payload, (cur) -> {
      NumberDelta set = cur.set();
      NumberDelta.Change c = op == JournalBatch.Op.ADD
          ? set.apply(batch, NumberSet.empty()) : set.apply(NumberSet.empty(), batch);
      long count = c.set().cardinality();
      return new Applied<>(c.set(), c.added() + c.removed(), count, HashSetBaseline.ofLongs(count));
    });
  }

  private record Applied<D>(D set, long changed, long count, long baselineBytes) {}

  private <D, B> Updated update(SetFamily<D, B> f, String name, JournalBatch.Op op, byte[] payload,
      Function<SetVersion<D>, Applied<D>> apply) throws IOException {
    requireOpen();
    if (payload.length > MAX_UPDATE_BYTES) {
      throw new IllegalArgumentException("an update may hold at most " + MAX_UPDATE_BYTES
          + " bytes of elements; replace the set with PUT instead");
    }
    ReentrantLock lock = lock(f, name);
    try {
      SetVersion<D> cur = current(f, name);
      Applied<D> a = apply.apply(cur);
      if (a.changed() == 0) {
        return new Updated(0, a.count(), cur.version());
      }
      // Journaled first: once it is in the journal the update survives a crash; only then is it visible.
      long seq = isDurable()
          ? NoSpaceException.writing("the journal record of an update of " + f.kind + "/" + name,
              () -> journal.append(f.kind, name, op, payload))
          : cur.journalSeq();
      SetVersion<D> next = f.sets.install(cur.updated(a.set(), a.baselineBytes(), seq, payload.length, Instant.now()));
      if (next.updates() == policy.afterUpdates()) {
        onDue.run();
      }
      return new Updated(a.changed(), a.count(), cur.version());
    } finally {
      lock.unlock();
    }
  }

  private <D> SetVersion<D> current(SetFamily<D, ?> f, String name) {
    return f.sets.require(name);
  }


  // ---------------------------------------------------------------- delete

  /** Deletes word set {@code name} and its files; false if there was none. */
  public boolean deleteWords(String name) throws IOException {
    return delete(words, name);
  }

  /** Deletes number set {@code name} and its files; false if there was none. */
  public boolean deleteNumbers(String name) throws IOException {
    return delete(numbers, name);
  }

  private boolean delete(SetFamily<?, ?> f, String name) throws IOException {
    requireOpen();
    ReentrantLock lock = lock(f, name);
    Optional<CatalogEntry> entry = Optional.empty();
    boolean existed;
    try {
      existed = f.sets.remove(name);
      if (isDurable()) {
        entry = catalog.get(f.kind, name);
        if (entry.isPresent()) {
          catalog.remove(f.kind, name);
          journal.truncate(f.kind, name, journal.lastSeq());
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

  /** The sets whose delta is due for compaction now, as {@code kind/name}. */
  public List<String> due() {
    Instant now = Instant.now();
    List<String> out = new ArrayList<>();
    for (SetVersion<WordDelta> v : words.sets.list()) {
      if (policy.due(v, now)) {
        out.add(CatalogEntry.key(words.kind, v.name()));
      }
    }
    for (SetVersion<NumberDelta> v : numbers.sets.list()) {
      if (policy.due(v, now)) {
        out.add(CatalogEntry.key(numbers.kind, v.name()));
      }
    }
    return out;
  }

  /**
   * Folds the delta of set {@code kind/name} into a new base. Reads go on meanwhile (they see the
   * old version until the swap) and so do updates (they are carried over onto the new base).
   *
   * @return true if a new base was installed
   */
  public boolean compact(String key) throws IOException {
    int slash = key.indexOf('/');
    String kind = key.substring(0, slash);
    String name = key.substring(slash + 1);
    return kind.equals(words.kind) ? compact(words, name) : compact(numbers, name);
  }

  private <D, B> boolean compact(SetFamily<D, B> f, String name) throws IOException {
    if (!open) {
      return false;
    }
    SetVersion<D> folded = f.sets.get(name).orElse(null);
    if (folded == null || folded.updates() == 0) {
      return false;
    }
    B base = f.compact(folded.set());
    long baselineBytes = f.baseline(base);
    long version = registry.words().nextVersion();
    Instant now = Instant.now();
    Snapshots.Written written = isDurable() ? writeSnapshot(f, name, version, base) : null;
    ReentrantLock lock = lock(f, name);
    boolean installed = false;
    boolean catalogued = false;
    try {
      SetVersion<D> cur = f.sets.get(name).orElse(null);
      if (cur != null && f.base(cur.set()) == f.base(folded.set())) {
        D rebased = f.rebase(cur.set(), base, folded.set());
        if (isDurable()) {
          putEntry(new CatalogEntry(f.kind, name, version, written.file(), f.baseCount(base), written.bytes(),
              now.toEpochMilli(), folded.journalSeq(), baselineBytes, written.checksum()));
          catalogued = true;
        }
        int later = cur.updates() - folded.updates();
        long laterBaseline = baselineBytes + cur.baselineBytes() - folded.baselineBytes();
        f.sets.install(new SetVersion<>(name, rebased, version, now, later == 0 ? baselineBytes : laterBaseline,
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
      deleteQuietly(installed ? Snapshots.fileName(f.kind, name, folded.version()) : written.file());
    }
    return installed;
  }

  // ---------------------------------------------------------------- sizes

  /** Chronicle Map and snapshot file figures, in bytes; all zero without a data directory. */
  public record StorageBytes(long catalogOffHeap, long catalogFile, long journalOffHeap, long journalFile,
      long journalRecords, long snapshotFiles, long snapshotBytes) {}

  public StorageBytes storageBytes() throws IOException {
    if (!isDurable() || !open) {
      return new StorageBytes(0, 0, 0, 0, 0, 0, 0);
    }
    long files = 0;
    long bytes = 0;
    for (String f : snapshots.list()) {
      files++;
      bytes += snapshots.size(f);
    }
    return new StorageBytes(catalog.offHeapBytes(), catalog.fileBytes(), journal.offHeapBytes(), journal.fileBytes(),
        journal.records(), files, bytes);
  }

  /** Bytes of the snapshot file of a set's base (0 without a data directory). */
  public long snapshotBytes(SetKind kind, String name, long version) throws IOException {
    return isDurable() && open ? snapshots.size(Snapshots.fileName(kind.wireName(), name, version)) : 0;
  }

  // ---------------------------------------------------------------- plumbing

  void requireOpen() {
    if (!open) {
      throw new SetUnavailableException("the service is starting: its sets are not restored yet");
    }
  }

  /** Writes a base's snapshot; a full disk is a {@link NoSpaceException} naming the set. */
  private <B> Snapshots.Written writeSnapshot(SetFamily<?, B> f, String name, long version, B base) throws IOException {
    return NoSpaceException.writing("the snapshot of " + f.kind + "/" + name, () -> f.write(snapshots, name, version, base));
  }

  private void putEntry(CatalogEntry e) throws IOException {
    NoSpaceException.writing("the catalog entry of " + e.key(), () -> {
      catalog.put(e);
      return null;
    });
  }

  private ReentrantLock lock(SetFamily<?, ?> f, String name) {
    ReentrantLock lock = locks.computeIfAbsent(CatalogEntry.key(f.kind, name), k -> new ReentrantLock());
    lock.lock();
    return lock;
  }

  private void truncateQuietly(SetFamily<?, ?> f, String name, long upToSeq) {
    try {
      journal.truncate(f.kind, name, upToSeq);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "could not truncate the journal of " + f.kind + "/" + name
          + " (the records are skipped at the next start)", e);
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
    if (isDurable() && wasOpen) {
      try {
        journal.close();
      } finally {
        catalog.close();
      }
    }
  }
}
