package dev.sieve.store;

import java.nio.file.Path;

/** The layout of a data directory: the snapshot directory, the catalog (a Chronicle Map), the journal's directory, the spill directory, a cluster node's shards and the lock. */
public final class DataDir {
  private DataDir() {}

  /** Where the snapshot files are ({@link Snapshots}). */
  public static Path snapshots(Path dataDir) {
    return dataDir.resolve("snapshots");
  }

  /** The {@link Catalog} of sets. */
  public static Path catalog(Path dataDir) {
    return dataDir.resolve("catalog.cm3");
  }

  /** The directory of the {@link Journal}'s segments: updates not yet folded into a snapshot. */
  public static Path journal(Path dataDir) {
    return dataDir.resolve("journal");
  }

  /** The journal of earlier builds (a Chronicle Map), moved into {@link #journal} at start ({@link LegacyJournal}). */
  public static Path legacyJournal(Path dataDir) {
    return dataDir.resolve("journal.cm3");
  }

  /** Where word loads spill their sorted runs ({@code dev.sieve.words.SpillFiles}); swept at every restore. */
  public static Path tmp(Path dataDir) {
    return dataDir.resolve("tmp");
  }

  /** A cluster node's copies of shards and their journal ({@code dev.sieve.cluster.ShardFiles}). */
  public static Path cluster(Path dataDir) {
    return dataDir.resolve("cluster");
  }

  /** The file one server locks while it uses the directory ({@link DataDirLock}). */
  public static Path lock(Path dataDir) {
    return dataDir.resolve("lock");
  }
}
