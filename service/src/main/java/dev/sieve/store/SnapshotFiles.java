package dev.sieve.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

/**
 * Snapshot files in one directory, written so that a crash at any point leaves either the old
 * file or the new one, never half of one: the bytes go to {@code NAME.tmp}, are fsynced, and the
 * file is renamed over {@code NAME} atomically, then the directory is fsynced. Stray temporary
 * files of a crashed write are removed when the directory is opened.
 *
 * <p>File names are checked ({@code [A-Za-z0-9._-]+}, no {@code ..}); thread-safe as long as two
 * threads never write the same name at once.
 */
public final class SnapshotFiles {
  private static final String TMP = ".tmp";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");

  private final Path dir;

  /** What writes a snapshot's bytes. */
  @FunctionalInterface
  public interface Writer {
    void writeTo(OutputStream out) throws IOException;
  }

  public SnapshotFiles(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
    try (DirectoryStream<Path> stray = Files.newDirectoryStream(dir, "*" + TMP)) {
      for (Path p : stray) {
        Files.deleteIfExists(p);
      }
    }
  }

  public Path dir() {
    return dir;
  }

  /** Writes {@code name} atomically and durably; returns its size in bytes. */
  public long write(String name, Writer writer) throws IOException {
    Path target = resolve(name);
    Path tmp = dir.resolve(name + TMP);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      // Not closed here: closing would close the channel before force().
      java.io.BufferedOutputStream out = new java.io.BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
      writer.writeTo(out);
      out.flush();
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.deleteIfExists(tmp);
      throw new IOException("the data directory " + dir + " does not support atomic renames", e);
    }
    syncDirectory();
    return Files.size(target);
  }

  /** Maps {@code name} read-only; the mapping stays valid after the file is deleted or replaced. */
  public MappedByteBuffer map(String name) throws IOException {
    try (FileChannel ch = FileChannel.open(resolve(name), StandardOpenOption.READ)) {
      return ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
    }
  }

  /** A file's channel, opened for reading ({@link #map} maps all of a file, at most 2^31 bytes). */
  public FileChannel open(String name) throws IOException {
    return FileChannel.open(resolve(name), StandardOpenOption.READ);
  }

  public boolean exists(String name) {
    return Files.exists(resolve(name));
  }

  /** Size of {@code name} in bytes, or 0 if it does not exist. */
  public long size(String name) throws IOException {
    try {
      return Files.size(resolve(name));
    } catch (NoSuchFileException e) {
      return 0;
    }
  }

  /** Deletes {@code name} if present (durably). */
  public void delete(String name) throws IOException {
    if (Files.deleteIfExists(resolve(name))) {
      syncDirectory();
    }
  }

  private Path resolve(String name) {
    if (!NAME.matcher(name).matches() || name.contains("..") || name.endsWith(TMP)) {
      throw new IllegalArgumentException("bad snapshot file name: " + name);
    }
    return dir.resolve(name);
  }

  private void syncDirectory() throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Some file systems refuse to open or sync a directory; the rename itself stays atomic.
    }
  }
}
