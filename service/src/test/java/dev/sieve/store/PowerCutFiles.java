package dev.sieve.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Journal files for a simulated power cut: they write to real files and remember, per file, how
 * many bytes a force made durable. {@link #cut} turns the power off (every later write or force
 * fails, as the dead machine would not answer), and {@link #survivors} copies the files to what a
 * disk would hold after it: the forced bytes plus a random prefix of the ones not forced (the OS
 * may have written some back, never a later byte before an earlier one in this model). A force is
 * also counted, and may be slowed down, to let groups form as on a real disk.
 */
public final class PowerCutFiles implements JournalFile.Files {
  private final Map<Path, Long> synced = new ConcurrentHashMap<>();
  private final long forceNanos;
  private volatile boolean off;

  /** {@code forceNanos}: how long each force takes at least (0: as fast as the file system). */
  public PowerCutFiles(long forceNanos) {
    this.forceNanos = forceNanos;
  }

  @Override
  public JournalFile open(Path file) throws IOException {
    requireOn();
    JournalFile.Channel real = new JournalFile.Channel(
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE));
    synced.putIfAbsent(file, real.size());
    return new JournalFile() {
      @Override
      public void append(ByteBuffer src) throws IOException {
        requireOn();
        real.append(src);
      }

      @Override
      public void force() throws IOException {
        requireOn();
        if (forceNanos > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(forceNanos);
        }
        long size = real.size();
        real.force();
        requireOn(); // the power went while it ran: what it covered is not known to be on disk
        synced.merge(file, size, Math::max);
      }

      @Override
      public long size() {
        return real.size();
      }

      @Override
      public void truncate(long size) throws IOException {
        requireOn();
        real.truncate(size);
        synced.computeIfPresent(file, (f, s) -> Math.min(s, size));
      }

      @Override
      public void close() throws IOException {
        real.close();
      }
    };
  }

  @Override
  public void syncDirectory(Path dir) throws IOException {
    requireOn();
  }

  private void requireOn() throws IOException {
    if (off) {
      throw new IOException("the power is off");
    }
  }

  /** Turns the power off. */
  public void cut() {
    off = true;
  }

  /**
   * Copies the journal segments of {@code from} to {@code to} as a disk would hold them after the
   * cut: each cut to its forced bytes plus a random number (maybe all, maybe none) of the others.
   */
  public List<Path> survivors(Path from, Path to, Random random) throws IOException {
    Files.createDirectories(to);
    List<Path> out = new ArrayList<>();
    try (var files = Files.list(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        byte[] bytes = Files.readAllBytes(f);
        long kept = synced.getOrDefault(f, 0L);
        long unsynced = bytes.length - kept;
        if (unsynced > 0) {
          kept += random.nextInt((int) unsynced + 1);
        }
        Path copy = to.resolve(f.getFileName());
        Files.write(copy, java.util.Arrays.copyOf(bytes, (int) Math.min(bytes.length, kept)));
        out.add(copy);
      }
    }
    return out;
  }
}
