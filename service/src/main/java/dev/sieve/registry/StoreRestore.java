package dev.sieve.registry;

import dev.sieve.store.Catalog;
import dev.sieve.store.CatalogEntry;
import dev.sieve.store.DataDir;
import dev.sieve.store.DataDirLock;
import dev.sieve.store.Journal;
import dev.sieve.store.JournalBatch;
import dev.sieve.store.LegacyJournal;
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
 * mapped and checksummed, and word sets read in place from their mappings (no copy, no rebuild), while Chronicle Map opens the
 * catalog on another thread (its first open generates code for a second or two) and the journal
 * is read through and checked on a third (a journal of an earlier build, {@code journal.cm3}, is
 * moved into it there: {@link LegacyJournal}); then each catalog entry gets its set (a number set
 * only once its checksum matches the catalog's), the journal is replayed on top, and files no
 * entry refers to (a crash between writing a snapshot and cataloguing it, or during a deletion)
 * are removed.
 *
 * <p>A snapshot that cannot be read (missing, truncated, corrupt) is logged with the set's name
 * and the set is marked unavailable (its journal records are kept for whoever repairs it); the
 * other sets are served. A damaged catalog, or a journal damaged anywhere but in its torn tail
 * (which is cut), fails the restore with a {@link dev.sieve.store.DamagedFileException} naming the
 * file (and, for the journal, the byte offset): a record whose checksum fails cannot say whose it
 * was, so no set could be trusted.
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
  /**
   * Batches of one set and op replayed as one apply, at most this many: bounds what a replay of
   * millions of single-element updates holds at once.
   */
  static final int RUN_BATCHES = 100_000;

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
    // The catalog opens on a thread of its own (most of a Chronicle Map open is generating and
    // compiling code), and the journal is read through and checked on another meanwhile.
    CompletableFuture<Catalog> catalogOpen = open("sieve-catalog-open", () -> Catalog.open(DataDir.catalog(dataDir)));
    CompletableFuture<Journal> journalOpen = open("sieve-journal-open", this::openJournal);

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

  /** The journal, with the batches of an earlier build's {@code journal.cm3} moved into it. */
  private Journal openJournal() throws IOException {
    Journal journal = Journal.open(DataDir.journal(dataDir), store.journalOptions);
    try {
      LegacyJournal.migrate(DataDir.legacyJournal(dataDir), journal);
    } catch (IOException | RuntimeException e) {
      try {
        journal.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    return journal;
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
   * same set and operation are applied as one. Batches of deleted or replaced sets, and those a
   * snapshot already holds, are skipped and released (their segments go once no set needs them);
   * those of a set that could not be restored are kept for whoever repairs it.
   */
  private int replay(Map<String, CatalogEntry> entries) throws IOException {
    Journal journal = store.journal;
    long folded = 0;
    for (CatalogEntry e : entries.values()) {
      folded = Math.max(folded, e.journalSeq());
    }
    // with every segment deleted, the next record must still follow every entry's journalSeq
    journal.advancePast(folded);
    Map<String, Long> seen = new HashMap<>();
    Run run = new Run();
    IOException[] failure = new IOException[1];
    journal.replay(b -> {
      if (failure[0] != null) {
        return;
      }
      String key = CatalogEntry.key(b.kind(), b.name());
      seen.put(key, b.seq());
      CatalogEntry e = entries.get(key);
      if (e == null || b.seq() <= e.journalSeq()) {
        return;
      }
      try {
        if (!run.accepts(b)) {
          run.flush();
        }
        run.add(b);
      } catch (IOException ex) {
        failure[0] = ex;
      }
    });
    if (failure[0] != null) {
      throw failure[0];
    }
    run.flush();
    for (String key : seen.keySet()) {
      CatalogEntry e = entries.get(key);
      int slash = key.indexOf('/');
      journal.release(key.substring(0, slash), key.substring(slash + 1), e == null ? Long.MAX_VALUE : e.journalSeq());
    }
    return run.replayed;
  }

  /** Consecutive batches of one set and op, applied together. */
  private final class Run {
    private final List<JournalBatch> batches = new ArrayList<>();
    int replayed;

    boolean accepts(JournalBatch b) {
      if (batches.isEmpty()) {
        return true;
      }
      JournalBatch first = batches.get(0);
      return batches.size() < RUN_BATCHES && first.kind().equals(b.kind()) && first.name().equals(b.name())
          && first.op() == b.op();
    }

    void add(JournalBatch b) {
      batches.add(b);
    }

    void flush() throws IOException {
      if (!batches.isEmpty()) {
        replayed += replay(SetFamily.stored(batches.get(0).kind()), batches.get(0).name(), batches);
        batches.clear();
      }
    }
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
      bytes += b.payload().length;
      payloads.add(b.payload());
    }
    SetFamily.Applied<D> a = f.apply(cur, SetStore.updateOp(run.get(0).op()), f.decode(payloads));
    sets.install(new SetVersion<>(name, a.set(), cur.version(), cur.loadedAt(), a.baselineBytes(),
        run.get(run.size() - 1).seq(), cur.updates() + run.size(), cur.journalBytes() + bytes,
        cur.dirtySince() == null ? Instant.now() : cur.dirtySince()));
    return run.size();
  }
}
