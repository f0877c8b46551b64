package dev.sieve.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One segment file of the {@link Journal}, as the journal writes it: appends at the end, a force
 * that makes every byte appended so far durable, a truncation (to cut a torn tail or a refused
 * append). Everything the journal writes goes through here, so that a test can substitute files
 * that keep only what was forced at a simulated power cut. Not thread-safe except that {@link
 * #force} may run on another thread than {@link #append} (the journal's sync thread).
 */
public interface JournalFile extends AutoCloseable {
  /** Appends every remaining byte of {@code src} at the end of the file. */
  void append(ByteBuffer src) throws IOException;

  /** Makes every byte appended so far durable (file data; metadata only as needed to read it back). */
  void force() throws IOException;

  /** Bytes in the file. */
  long size() throws IOException;

  /** Cuts the file to {@code size} bytes. */
  void truncate(long size) throws IOException;

  @Override
  void close() throws IOException;

  /** How the journal opens its files and makes their names durable; {@link #CHANNELS} in production. */
  interface Files {
    /** Opens {@code file} for appending, creating it if missing. */
    JournalFile open(Path file) throws IOException;

    /** Makes the creation (or removal) of files in {@code dir} durable. */
    void syncDirectory(Path dir) throws IOException;
  }

  /** Plain {@link FileChannel}s: {@code force(false)} is {@code fdatasync}. */
  Files CHANNELS = new Files() {
    @Override
    public JournalFile open(Path file) throws IOException {
      return new Channel(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE));
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      }
    }
  };

  /** A {@link FileChannel} written at its end by positional writes. */
  final class Channel implements JournalFile {
    private final FileChannel channel;
    private long size;

    Channel(FileChannel channel) throws IOException {
      this.channel = channel;
      this.size = channel.size();
    }

    @Override
    public void append(ByteBuffer src) throws IOException {
      while (src.hasRemaining()) {
        size += channel.write(src, size);
      }
    }

    @Override
    public void force() throws IOException {
      channel.force(false);
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public void truncate(long to) throws IOException {
      channel.truncate(to);
      size = Math.min(size, to);
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
