package dev.sieve.words;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The temporary files of word loads, named {@code words-<random>.run} in a spill directory (the
 * server's is {@code <data-dir>/tmp/}): the sorted runs of external sorts, and the finished parts
 * a {@link WordSetBuilder} parks ({@link WordSetBuilder#parkPartsIn}). A collector removes its own
 * runs when it builds or is closed, a builder unlinks a part once it is mapped; a crash leaves them
 * behind, so the directory is swept at start, before any load can create new ones.
 */
public final class SpillFiles {
  static final String PREFIX = "words-";
  static final String SUFFIX = ".run";

  private SpillFiles() {}

  /** A new, empty run file in {@code dir} (created if missing). */
  static Path create(Path dir) throws IOException {
    Files.createDirectories(dir);
    return Files.createTempFile(dir, PREFIX, SUFFIX);
  }

  /**
   * Removes every run file left in {@code dir} (nothing else: the pattern is this class's) and
   * returns how many there were; a missing directory holds none.
   */
  public static int sweep(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int removed = 0;
    try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
      for (Path p : stale) {
        if (Files.deleteIfExists(p)) {
          removed++;
        }
      }
    }
    return removed;
  }
}
