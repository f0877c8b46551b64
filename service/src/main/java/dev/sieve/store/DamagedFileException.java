package dev.sieve.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file of the data directory that cannot be read as what it should be (the catalog, the
 * journal): the message names it, {@code damaged catalog data/catalog.cm3: not a Chronicle Map
 * file}. The server does not start on it, since guessing would lose or invent sets.
 */
public final class DamagedFileException extends IOException {
  private final Path file;

  public DamagedFileException(String what, Path file, String why, Throwable cause) {
    super("damaged " + what + " " + file + ": " + why, cause);
    this.file = file;
  }

  /** The damaged file. */
  public Path file() {
    return file;
  }
}
