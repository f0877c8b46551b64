package dev.sieve;

import dev.sieve.store.DamagedFileException;
import dev.sieve.store.NoSpaceException;
import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Why the server could not start, in one line an operator can act on: the port, the data
 * directory's path, the damaged file, the full disk. The stack trace is for the log's FINE level.
 */
final class StartFailure {
  private StartFailure() {}

  /** The one-line reason for {@code failure} of a server configured with {@code port} and {@code dataDir}. */
  static String explain(Throwable failure, int port, Path dataDir) {
    DamagedFileException damaged = find(failure, DamagedFileException.class);
    if (damaged != null) {
      // moving the catalog alone aside would make the next start a first one, which removes the
      // snapshots no catalog entry names
      boolean segment = damaged.file() != null && damaged.file().getFileName().toString().startsWith("journal-");
      return damaged.getMessage() + (segment
          ? " (the snapshots are kept: restore the file from a backup, or move it aside to start without the updates it holds)"
          : " (the snapshots are kept: restore the file from a backup, or move the whole data directory aside to start empty)");
    }
    if (NoSpaceException.isNoSpace(failure)) {
      NoSpaceException full = find(failure, NoSpaceException.class);
      Throwable root = full != null && full.getCause() != null ? full.getCause() : failure;
      String detail = root.getMessage() == null || root.getMessage().startsWith("No space left on device")
          ? "" : " (" + root.getMessage() + ")";
      return "the disk of the data directory " + dataDir + " is full: "
          + (full != null ? full.getMessage() : root.getMessage()) + detail;
    }
    BindException bind = find(failure, BindException.class);
    if (bind != null || String.valueOf(failure.getMessage()).contains("Address already in use")) {
      String why = bind != null ? bind.getMessage() : failure.getMessage();
      return why != null && why.contains("already in use")
          ? "port " + port + " is already in use"
          : "cannot listen on port " + port + ": " + why;
    }
    FileSystemException fs = find(failure, FileSystemException.class);
    if (fs != null) {
      String why;
      if (fs instanceof AccessDeniedException) {
        why = "permission denied";
      } else if (fs instanceof NotDirectoryException || fs instanceof FileAlreadyExistsException) {
        why = "not a directory";
      } else {
        why = fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName();
      }
      boolean itself = fs.getFile() != null && Path.of(fs.getFile()).equals(dataDir);
      return "cannot use the data directory " + dataDir + ": " + (itself ? "" : fs.getFile() + ": ") + why;
    }
    Throwable cause = deepest(failure);
    return cause.getMessage() != null ? cause.getMessage() : cause.toString();
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /** The first failure of the chain that says something: wrappers often only repeat their cause. */
  private static Throwable deepest(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null && t.getCause() != t
        && (t.getMessage() == null || t.getMessage().equals(t.getCause().toString()))) {
      t = t.getCause();
    }
    return t;
  }
}
