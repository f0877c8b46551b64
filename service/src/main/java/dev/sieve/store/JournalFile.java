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

  /** Bytes appended to the file. */
  long size() throws IOException;

  /** Bytes of zeros the file holds after those appended (written ahead of the records), 0 if none. */
  default long aheadBytes() {
    return 0;
  }

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

  /**
   * A {@link FileChannel} written at its end by positional writes, with zeros written ahead of the
   * records ({@link #AHEAD} at a time): a record then lands inside the file, so its {@code
   * fdatasync} writes its data alone, not the inode's new size too (on ext4, about 110 µs against
   * 140-160 µs here, `loadtest/scripts/fdatasync-ahead.py`). A segment so ends in zeros while it is
   * written, or after a crash; {@link JournalFormat} says how a reader sees its end. Closing cuts
   * the zeros. If the disk has no room for them, the record is written without.
   */
  final class Channel implements JournalFile {
    /** Bytes of zeros written ahead at a time, and the largest record written into them. */
    static final long AHEAD = 1 << 20;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 << 10).asReadOnlyBuffer();

    private final FileChannel channel;
    /** The end of what was appended. */
    private long size;
    /** The file's size: {@code size} and the zeros after it. */
    private long allocated;

    Channel(FileChannel channel) throws IOException {
      this.channel = channel;
      this.size = channel.size();
      this.allocated = size;
    }

    @Override
    public void append(ByteBuffer src) throws IOException {
      long end = size + src.remaining();
      if (end > allocated && src.remaining() < AHEAD) {
        writeAhead(end);
      }
      while (src.hasRemaining()) {
        size += channel.write(src, size);
      }
      allocated = Math.max(allocated, size);
    }

    /** Writes zeros from the file's end past {@code end}, to the next multiple of {@link #AHEAD}. */
    private void writeAhead(long end) {
      long to = (end / AHEAD + 1) * AHEAD;
      long at = allocated;
      try {
        while (at < to) {
          at += channel.write(ZEROS.duplicate().limit((int) Math.min(ZEROS.capacity(), to - at)), at);
        }
        allocated = to;
      } catch (IOException e) {
        try {
          channel.truncate(allocated); // no room for zeros: the record goes on without
        } catch (IOException cut) {
          // the zeros written stay: a reader takes them for the end of the records
        }
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
    public long aheadBytes() {
      return allocated - size;
    }

    @Override
    public void truncate(long to) throws IOException {
      channel.truncate(to);
      size = Math.min(size, to);
      allocated = Math.min(allocated, to);
    }

    /**
     * Cuts the zeros written ahead and closes the file. The cut is not synced: zeros a crash
     * leaves after the records are read as their end, in any segment, and cut at the next open;
     * so a segment deleted once closed (its records all folded) costs no sync.
     */
    @Override
    public void close() throws IOException {
      try {
        if (allocated > size) {
          channel.truncate(size);
        }
      } finally {
        channel.close();
      }
    }
  }
}
