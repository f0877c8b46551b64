package dev.sieve.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * The catalog of sets (kind/name -> {@link CatalogEntry}) in a persisted, off-heap Chronicle Map,
 * so it survives restarts and crashes. Every {@link #put} and {@link #remove} is on stable storage
 * when it returns: Chronicle Map writes through a shared mapping of the file and never syncs it,
 * so the file is {@code fsync}ed (on Linux that writes back the pages the mapping dirtied; they are
 * the file's page cache), and a load or a delete acknowledged survives a power cut, not only a
 * {@code kill -9}. Loads, deletes and folds write here, a few per minute at the most; updates go to
 * the journal. Thread-safe (Chronicle Map is; a force may cover another thread's put too).
 */
public final class Catalog implements AutoCloseable {
  static {
    Chronicle.disableAnalytics();
  }

  /** Sets the catalog is sized for; beyond {@code MAX_BLOAT} times this, puts fail. */
  static final int ENTRIES = 4096;
  static final double MAX_BLOAT = 16;

  private final Path file;
  private final ChronicleMap<CharSequence, byte[]> map;
  private final FileChannel sync;

  private Catalog(Path file, ChronicleMap<CharSequence, byte[]> map, FileChannel sync) {
    this.file = file;
    this.map = map;
    this.sync = sync;
  }

  /** Opens (or creates) the catalog file, recovering it if the last process crashed. */
  public static Catalog open(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    var builder = ChronicleMap.of(CharSequence.class, byte[].class)
        .name("sieve-catalog")
        .averageKey("numbers/a-typical-set-name")
        .averageValueSize(96)
        .entries(ENTRIES)
        .maxBloatFactor(MAX_BLOAT);
    boolean recover = Chronicle.needsRecovery(file);
    ChronicleMap<CharSequence, byte[]> map = Chronicle.open(file, "catalog",
        () -> recover ? builder.recoverPersistedTo(file.toFile(), true) : builder.createPersistedTo(file.toFile()));
    Chronicle.markOpen(file);
    return new Catalog(file, map, FileChannel.open(file, StandardOpenOption.WRITE));
  }

  public Optional<CatalogEntry> get(String kind, String name) throws IOException {
    byte[] b = map.get(CatalogEntry.key(kind, name));
    return b == null ? Optional.empty() : Optional.of(decode(CatalogEntry.key(kind, name), b));
  }

  private CatalogEntry decode(CharSequence key, byte[] b) throws IOException {
    try {
      return CatalogEntry.decode(b);
    } catch (IOException e) {
      throw new DamagedFileException("catalog", file, "the entry of " + key + " does not decode ("
          + (e instanceof java.io.EOFException ? "cut short" : e.getMessage()) + ")", e);
    }
  }

  /** Stores {@code e} in place of its set's entry, durably. */
  public void put(CatalogEntry e) throws IOException {
    map.put(e.key(), e.encode());
    sync.force(false);
  }

  /** Removes the entry of kind/name, durably. */
  public void remove(String kind, String name) throws IOException {
    map.remove(CatalogEntry.key(kind, name));
    sync.force(false);
  }

  /** Every entry, by kind then name. */
  public List<CatalogEntry> all() throws IOException {
    List<CatalogEntry> out = new ArrayList<>();
    for (var e : map.entrySet()) {
      out.add(decode(e.getKey(), e.getValue()));
    }
    out.sort(Comparator.comparing(CatalogEntry::kind).thenComparing(CatalogEntry::name));
    return out;
  }

  public boolean isEmpty() {
    return map.isEmpty();
  }

  /** Off-heap bytes the map has allocated (Chronicle's own figure). */
  public long offHeapBytes() {
    return map.offHeapMemoryUsed();
  }

  /** Bytes of the file on disk (allocated, not apparent, size is what sparse files cost). */
  public long fileBytes() throws IOException {
    return Files.size(file);
  }

  @Override
  public void close() throws IOException {
    sync.close();
    map.close();
    Chronicle.markClosed(file);
  }
}
