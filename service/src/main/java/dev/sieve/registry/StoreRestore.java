package dev.sieve.registry;

import dev.sieve.store.Catalog;
import dev.sieve.store.CatalogEntry;
import dev.sieve.store.DataDir;
import dev.sieve.store.DataDirLock;
import dev.sieve.store.Journal;
import dev.sieve.store.JournalBatch;
import dev.sieve.store.Snapshots;
import dev.sieve.words.SpillFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;

/**
 * Opens a data directory and brings its sets back into a {@link Registry}: the snapshot files are
 * mapped and checksummed, and word sets read (one copy, no rebuild), while Chronicle Map opens the
 * catalog and the journal on another thread (its first open generates code for a second or two);
 * then each catalog entry gets its set (a number set only once its checksum matches the
 * catalog's), the journal is replayed on top, and files no entry refers to (a
 * crash between writing a snapshot and cataloguing it, or during a deletion) are removed.
 *
 * <p>A snapshot that cannot be read (missing, truncated, corrupt) is logged with the set's name
 * and the set is marked unavailable; so is a set whose journal records are damaged (a record that
 * no longer names its set makes every set it may belong to unavailable). The other sets are
 * served. A damaged catalog or journal file (its header, an entry that does not decode) fails
 * the restore with a {@link dev.sieve.store.DamagedFileException} naming the file.
 */
public final class StoreRestore {
  private static final Logger LOG = Logger.getLogger(StoreRestore.class.getName());

  /**
   * What a restore found: sets restored, sets unavailable, journal batches replayed, whether the
   * data directory held no catalog yet (a first start: the demo sets may load), and milliseconds from the start of the restore until the snapshots were
   * read, until both Chronicle Maps were open, and in all.
   */
  public record Report(int sets, int unavailable, int replayed, boolean freshDataDir, long snapshotMillis,
      long chronicleMillis, long totalMillis) {}

  private final Path dataDir;
  private final SetStore store;
  private final Registry registry;
  /** Sets whose snapshot was read but whose journal records are damaged. */
  private int unavailableByJournal;

  StoreRestore(Path dataDir, SetStore store) {
    this.dataDir = dataDir;
    this.store = store;
    this.registry = store.registry;
  }

  /** Restores every set into the store's registry; blocking. */
  Report run() throws IOException {
    long start = System.nanoTime();
    requireWritable(dataDir);
    store.hold(DataDirLock.acquire(dataDir)); // before any map opens: one server per directory
    boolean fresh = !Files.exists(DataDir.catalog(dataDir));
    // no load runs before the store opens, so every run file there is a crashed load's
    int stale = SpillFiles.sweep(DataDir.tmp(dataDir));
    if (stale > 0) {
      LOG.info("removed " + stale + " stale spill files of interrupted word loads from " + DataDir.tmp(dataDir));
    }
    // The two maps open on threads of their own: most of an open is generating and compiling code.
    CompletableFuture<Catalog> catalogOpen = open("sieve-catalog-open", () -> Catalog.open(DataDir.catalog(dataDir)));
    CompletableFuture<Journal> journalOpen = open("sieve-journal-open", () -> Journal.open(DataDir.journal(dataDir)));

    Snapshots snapshots = new Snapshots(DataDir.snapshots(dataDir));
    Map<String, Object> read = readNewest(snapshots);
    long snapshotMillis = (System.nanoTime() - start) / 1_000_000;

    Catalog catalog;
    Journal journal;
    try {
      CompletableFuture.allOf(catalogOpen, journalOpen).exceptionally(e -> null).join();
      catalog = catalogOpen.join();
      journal = journalOpen.join();
    } catch (CompletionException e) {
      closeQuietly(catalogOpen);
      closeQuietly(journalOpen);
      throw e.getCause() instanceof IOException io ? io : new IOException("cannot open the catalog or journal", e.getCause());
    }
    long chronicleMillis = (System.nanoTime() - start) / 1_000_000;
    store.attach(snapshots, catalog, journal);
    try {
      return restore(snapshots, catalog, read, fresh, start, snapshotMillis, chronicleMillis);
    } catch (IOException | RuntimeException e) {
      // cleanly closed: the next start needs no Chronicle recovery
      closeQuietly(CompletableFuture.completedFuture(journal));
      closeQuietly(CompletableFuture.completedFuture(catalog));
      throw e;
    }
  }

  private Report restore(Snapshots snapshots, Catalog catalog, Map<String, Object> read, boolean fresh, long start,
      long snapshotMillis, long chronicleMillis) throws IOException {
    List<CatalogEntry> entries = catalog.all();
    Set<String> referenced = new HashSet<>();
    Map<String, CatalogEntry> byKey = new HashMap<>();
    int restored = 0;
    int unavailable = 0;
    long maxVersion = 0;
    for (CatalogEntry e : entries) {
      referenced.add(e.snapshot());
      byKey.put(e.key(), e);
      maxVersion = Math.max(maxVersion, e.version());
      Object set = read.containsKey(e.snapshot()) ? read.get(e.snapshot()) : readOne(snapshots, e.snapshot());
      try {
        install(SetFamily.stored(e.kind()), e, set);
        restored++;
      } catch (IOException failure) {
        String why = e.kind() + " set '" + e.name() + "' is unavailable: its snapshot " + e.snapshot()
            + " cannot be read (" + failure.getMessage() + ")";
        LOG.severe(why);
        SetKind kind = SetKind.fromWireName(e.kind());
        if (kind != null) { // an entry of a kind this build does not know serves under no name
          SetFamily.of(kind).sets(registry).markUnavailable(e.name(), why);
        }
        unavailable++;
      }
    }
    registry.versionsAbove(maxVersion);
    int replayed = replay(byKey);
    restored -= unavailableByJournal;
    unavailable += unavailableByJournal;
    for (String file : snapshots.list()) {
      if (!referenced.contains(file)) {
        LOG.info("removing snapshot " + file + ": no catalog entry refers to it (left by a crash)");
        store.deleteQuietly(file);
      }
    }
    return new Report(restored, unavailable, replayed, fresh, snapshotMillis, chronicleMillis,
        (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * Fails, naming the path, unless the data directory is (or can be made) a directory this
   * process can write: better said at once than as an obscure failure of the first map open.
   */
  private static void requireWritable(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    Path probe;
    try {
      probe = Files.createTempFile(dataDir, ".sieve-write-check", ".tmp");
    } catch (java.nio.file.FileSystemException e) {
      // about the directory, not the probe's random name
      String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getReason();
      throw new java.nio.file.FileSystemException(dataDir.toString(), null, why);
    }
    Files.delete(probe);
  }

  private interface Opener<T> {
    T open() throws IOException;
  }

  private static <T> CompletableFuture<T> open(String thread, Opener<T> opener) {
    CompletableFuture<T> done = new CompletableFuture<>();
    new Thread(() -> {
      try {
        done.complete(opener.open());
      } catch (Throwable e) {
        done.completeExceptionally(e);
      }
    }, thread).start();
    return done;
  }

  private static void closeQuietly(CompletableFuture<? extends AutoCloseable> opened) {
    if (opened.isDone() && !opened.isCompletedExceptionally()) {
      try {
        opened.join().close();
      } catch (Exception e) {
        LOG.warning("closing after a failed open: " + e);
      }
    }
  }

  /** Reads the newest snapshot of each set: file name -> set, or the IOException that stopped it. */
  private static Map<String, Object> readNewest(Snapshots snapshots) throws IOException {
    Map<String, Snapshots.FileName> newest = new HashMap<>();
    for (String file : snapshots.list()) {
      Snapshots.FileName n = Snapshots.parse(file);
      String key = n.kind() + "/" + n.name();
      Snapshots.FileName had = newest.get(key);
      if (had == null || had.version() < n.version()) {
        newest.put(key, n);
      }
    }
    Map<String, Object> out = new HashMap<>();
    for (Snapshots.FileName n : newest.values()) {
      String file = Snapshots.fileName(n.kind(), n.name(), n.version());
      out.put(file, readOne(snapshots, file));
    }
    return out;
  }

  private static Object readOne(Snapshots snapshots, String file) {
    try {
      Snapshots.FileName n = Snapshots.parse(file);
      if (n == null) {
        throw new IOException("not a snapshot file name");
      }
      return SetFamily.stored(n.kind()).read(snapshots, file);
    } catch (IOException e) {
      return e;
    } catch (RuntimeException e) {
      return new IOException(e.toString(), e);
    }
  }

  /** The sets of {@code e}'s kind; a kind this build does not know is a damaged entry. */
  private SetRegistry<?> sets(CatalogEntry e) throws IOException {
    return SetFamily.stored(e.kind()).sets(registry);
  }

  private <D, B> void install(SetFamily<D, B, ?> f, CatalogEntry e, Object read) throws IOException {
    if (read instanceof IOException failure) {
      throw failure;
    }
    B base;
    try {
      base = f.restored(read, e);
    } catch (ClassCastException wrongKind) {
      throw new IOException("unexpected snapshot content");
    }
    if (f.baseCount(base) != e.count()) {
      throw new IOException("it holds " + f.baseCount(base) + " " + f.kind().wireName() + ", the catalog says " + e.count());
    }
    f.sets(registry).install(new SetVersion<>(e.name(), f.of(base), e.version(), Instant.ofEpochMilli(e.createdMillis()),
        e.baselineBytes(), e.journalSeq(), 0, 0, null));
  }

  /**
   * Applies the journal's batches newer than each set's snapshot, in order; runs of batches of the
   * same set and operation are applied as one. Batches of deleted or replaced sets are dropped. A
   * damaged record makes its set unavailable (503 naming it), or, when the record no longer says
   * whose it is, every set it may belong to (those whose snapshot precedes it); the others serve.
   */
  private int replay(Map<String, CatalogEntry> entries) throws IOException {
    Journal.Replay read = store.journal.replay();
    Map<String, String> damaged = damagedSets(read.damaged(), entries);
    for (Map.Entry<String, String> d : damaged.entrySet()) {
      CatalogEntry e = entries.get(d.getKey());
      LOG.severe(d.getValue());
      SetRegistry<?> sets = sets(e);
      if (sets.get(e.name()).isPresent()) {
        unavailableByJournal++;
      }
      sets.markUnavailable(e.name(), d.getValue());
    }
    List<JournalBatch> batches = read.batches();
    Set<String> stale = new HashSet<>();
    int replayed = 0;
    int i = 0;
    while (i < batches.size()) {
      JournalBatch first = batches.get(i);
      String key = CatalogEntry.key(first.kind(), first.name());
      CatalogEntry e = entries.get(key);
      int j = i + 1;
      while (j < batches.size() && batches.get(j).kind().equals(first.kind())
          && batches.get(j).name().equals(first.name()) && batches.get(j).op() == first.op()) {
        j++;
      }
      List<JournalBatch> run = new ArrayList<>(batches.subList(i, j));
      i = j;
      if (e == null) {
        stale.add(key);
        continue;
      }
      run.removeIf(b -> b.lastSeq() <= e.journalSeq());
      if (run.isEmpty()) {
        stale.add(key);
        continue;
      }
      if (damaged.containsKey(key)) {
        continue; // unavailable: its records are kept for whoever repairs it
      }
      replayed += replay(SetFamily.stored(first.kind()), e.name(), run);
    }
    for (String key : stale) {
      CatalogEntry e = entries.get(key);
      int slash = key.indexOf('/');
      store.journal.truncate(key.substring(0, slash), key.substring(slash + 1), e == null ? Long.MAX_VALUE : e.journalSeq());
    }
    return replayed;
  }

  /**
   * The sets that damaged records make unavailable, each with the reason given to clients. A
   * record matters only to a set whose snapshot it follows (its entry's journalSeq is below the
   * record's); a record that matters to none is removed.
   */
  private Map<String, String> damagedSets(List<Journal.DamagedRecord> records, Map<String, CatalogEntry> entries) {
    Map<String, String> out = new java.util.TreeMap<>();
    for (Journal.DamagedRecord r : records) {
      List<CatalogEntry> affected = new ArrayList<>();
      for (CatalogEntry e : entries.values()) {
        if (e.journalSeq() < r.seq() && (r.key() == null || r.key().equals(e.key()))) {
          affected.add(e);
        }
      }
      if (affected.isEmpty()) {
        LOG.info("removing " + r.why() + ": no set needs it");
        store.journal.removeDamaged(r.seq());
        continue;
      }
      for (CatalogEntry e : affected) {
        out.putIfAbsent(e.key(), e.kind() + " set '" + e.name() + "' is unavailable: " + r.why() + " in "
            + DataDir.journal(dataDir) + (r.key() == null ? ", and no longer says which set it belongs to" : "")
            + "; a PUT replaces the set");
      }
    }
    return out;
  }

  /** Applies a run of batches of one set and op, as its updates applied them (baseline included). */
  private <D, E> int replay(SetFamily<D, ?, E> f, String name, List<JournalBatch> run) throws IOException {
    SetRegistry<D> sets = f.sets(registry);
    SetVersion<D> cur = sets.get(name).orElse(null);
    if (cur == null) {
      return 0; // unavailable: its journal is kept
    }
    List<byte[]> payloads = new ArrayList<>(run.size());
    long bytes = 0;
    for (JournalBatch b : run) {
      byte[] payload = UpdatePayload.join(b.chunks());
      bytes += payload.length;
      payloads.add(payload);
    }
    SetFamily.Applied<D> a = f.apply(cur, SetStore.updateOp(run.get(0).op()), f.decode(payloads));
    sets.install(new SetVersion<>(name, a.set(), cur.version(), cur.loadedAt(), a.baselineBytes(),
        run.get(run.size() - 1).lastSeq(), cur.updates() + run.size(), cur.journalBytes() + bytes,
        cur.dirtySince() == null ? Instant.now() : cur.dirtySince()));
    return run.size();
  }
}
