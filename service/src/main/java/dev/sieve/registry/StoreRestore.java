package dev.sieve.registry;

import dev.sieve.numbers.NumberDelta;
import dev.sieve.numbers.NumberSet;
import dev.sieve.store.Catalog;
import dev.sieve.store.CatalogEntry;
import dev.sieve.store.Journal;
import dev.sieve.store.JournalBatch;
import dev.sieve.store.Snapshots;
import dev.sieve.words.SpillFiles;
import dev.sieve.words.WordDelta;
import dev.sieve.words.WordSet;
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
 * and the set is marked unavailable; the other sets are served.
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

  StoreRestore(Path dataDir, SetStore store) {
    this.dataDir = dataDir;
    this.store = store;
    this.registry = store.registry;
  }

  /** Files of a data directory: the snapshot directory and the two Chronicle Map files. */
  public static Path snapshotDir(Path dataDir) {
    return dataDir.resolve("snapshots");
  }

  public static Path catalogFile(Path dataDir) {
    return dataDir.resolve("catalog.cm3");
  }

  public static Path journalFile(Path dataDir) {
    return dataDir.resolve("journal.cm3");
  }

  /** Where word loads spill their sorted runs ({@link SpillFiles}); swept at every restore. */
  public static Path spillDir(Path dataDir) {
    return dataDir.resolve("tmp");
  }

  /** Restores every set into the store's registry; blocking. */
  Report run() throws IOException {
    long start = System.nanoTime();
    boolean fresh = !Files.exists(catalogFile(dataDir));
    // no load runs before the store opens, so every run file there is a crashed load's
    int stale = SpillFiles.sweep(spillDir(dataDir));
    if (stale > 0) {
      LOG.info("removed " + stale + " stale spill files of interrupted word loads from " + spillDir(dataDir));
    }
    // The two maps open on threads of their own: most of an open is generating and compiling code.
    CompletableFuture<Catalog> catalogOpen = open("sieve-catalog-open", () -> Catalog.open(catalogFile(dataDir)));
    CompletableFuture<Journal> journalOpen = open("sieve-journal-open", () -> Journal.open(journalFile(dataDir)));

    Snapshots snapshots = new Snapshots(snapshotDir(dataDir));
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
        install(store, e, set);
        restored++;
      } catch (IOException failure) {
        String why = e.kind() + " set '" + e.name() + "' is unavailable: its snapshot " + e.snapshot()
            + " cannot be read (" + failure.getMessage() + ")";
        LOG.severe(why);
        (e.kind().equals(Snapshots.WORDS) ? registry.words() : registry.numbers()).markUnavailable(e.name(), why);
        unavailable++;
      }
    }
    registry.versionsAbove(maxVersion);
    int replayed = replay(store, byKey);
    for (String file : snapshots.list()) {
      if (!referenced.contains(file)) {
        LOG.info("removing snapshot " + file + ": no catalog entry refers to it (left by a crash)");
        store.deleteQuietly(file);
      }
    }
    return new Report(restored, unavailable, replayed, fresh, snapshotMillis, chronicleMillis,
        (System.nanoTime() - start) / 1_000_000);
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
      // numbers are used only once their checksum matches the catalog's
      return file.startsWith(Snapshots.WORDS) ? snapshots.readWords(file) : snapshots.mapNumbers(file, true);
    } catch (IOException e) {
      return e;
    } catch (RuntimeException e) {
      return new IOException(e.toString(), e);
    }
  }

  private static void install(SetStore store, CatalogEntry e, Object read) throws IOException {
    if (read instanceof IOException failure) {
      throw failure;
    }
    Instant created = Instant.ofEpochMilli(e.createdMillis());
    if (read instanceof WordSet set) {
      if (set.size() != e.count()) {
        throw new IOException("it holds " + set.size() + " words, the catalog says " + e.count());
      }
      store.words.sets.install(new SetVersion<>(e.name(), WordDelta.of(set), e.version(), created, e.baselineBytes(),
          e.journalSeq(), 0, 0, null));
    } else if (read instanceof Snapshots.NumberFile file) {
      NumberSet set = Snapshots.decodeNumbers(file, e.bytes(), e.checksum());
      if (set.cardinality() != e.count()) {
        throw new IOException("it holds " + set.cardinality() + " numbers, the catalog says " + e.count());
      }
      store.numbers.sets.install(new SetVersion<>(e.name(), NumberDelta.of(set), e.version(), created,
          e.baselineBytes(), e.journalSeq(), 0, 0, null));
    } else {
      throw new IOException("unexpected snapshot content");
    }
  }

  /**
   * Applies the journal's batches newer than each set's snapshot, in order; runs of batches of the
   * same set and operation are applied as one. Batches of deleted or replaced sets are dropped.
   */
  private static int replay(SetStore store, Map<String, CatalogEntry> entries) throws IOException {
    List<JournalBatch> batches = store.journal.replay();
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
      if (first.kind().equals(Snapshots.WORDS)) {
        replayed += replayWords(store, e.name(), run);
      } else {
        replayed += replayNumbers(store, e.name(), run);
      }
    }
    for (String key : stale) {
      CatalogEntry e = entries.get(key);
      int slash = key.indexOf('/');
      store.journal.truncate(key.substring(0, slash), key.substring(slash + 1), e == null ? Long.MAX_VALUE : e.journalSeq());
    }
    return replayed;
  }

  private static int replayWords(SetStore store, String name, List<JournalBatch> run) throws IOException {
    SetVersion<WordDelta> cur = store.words.sets.get(name).orElse(null);
    if (cur == null) {
      return 0; // unavailable: its journal is kept
    }
    List<byte[]> all = new ArrayList<>();
    long bytes = 0;
    for (JournalBatch b : run) {
      byte[] payload = UpdatePayload.join(b.chunks());
      bytes += payload.length;
      all.addAll(UpdatePayload.words(payload));
    }
    boolean add = run.get(0).op() == JournalBatch.Op.ADD;
    WordDelta next = (add ? cur.set().apply(all, List.of()) : cur.set().apply(List.of(), all)).set();
    long baseline = cur.baselineBytes() + dev.sieve.memory.HashSetBaseline.setBytes(next.size())
        - dev.sieve.memory.HashSetBaseline.setBytes(cur.set().size());
    store.words.sets.install(new SetVersion<>(name, next, cur.version(), cur.loadedAt(), baseline,
        run.get(run.size() - 1).lastSeq(), cur.updates() + run.size(), cur.journalBytes() + bytes,
        cur.dirtySince() == null ? Instant.now() : cur.dirtySince()));
    return run.size();
  }

  private static int replayNumbers(SetStore store, String name, List<JournalBatch> run) {
    SetVersion<NumberDelta> cur = store.numbers.sets.get(name).orElse(null);
    if (cur == null) {
      return 0;
    }
    List<NumberSet> sets = new ArrayList<>();
    long bytes = 0;
    for (JournalBatch b : run) {
      byte[] payload = UpdatePayload.join(b.chunks());
      bytes += payload.length;
      sets.add(UpdatePayload.numbers(payload));
    }
    NumberSet all = dev.sieve.numbers.SetOperation.OR.apply(sets);
    boolean add = run.get(0).op() == JournalBatch.Op.ADD;
    NumberDelta next = (add ? cur.set().apply(all, NumberSet.empty()) : cur.set().apply(NumberSet.empty(), all)).set();
    store.numbers.sets.install(new SetVersion<>(name, next, cur.version(), cur.loadedAt(),
        dev.sieve.memory.HashSetBaseline.ofLongs(next.cardinality()), run.get(run.size() - 1).lastSeq(),
        cur.updates() + run.size(), cur.journalBytes() + bytes,
        cur.dirtySince() == null ? Instant.now() : cur.dirtySince()));
    return run.size();
  }
}
