package dev.sieve.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One server per data directory. A second process opening the same Chronicle Map files would
 * run Chronicle's recovery on maps the first one is writing (which "needs exclusive access or
 * else the result is unspecified including the risk of losing and/or corrupting data"), and
 * hang there; it is refused at once instead. The OS lock goes with the process, so a killed
 * server leaves nothing to clean up.
 */
public final class DataDirLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code dataDir} (which must exist).
   *
   * @throws IOException naming the directory if another process (or this one) holds it
   */
  public static DataDirLock acquire(Path dataDir) throws IOException {
    Path file = DataDir.lock(dataDir);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new IOException("the data directory " + dataDir + " is in use by another Sieve server (it holds " + file
          + "); stop it, or give this one another --data-dir");
    }
    return new DataDirLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
