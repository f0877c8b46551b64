package dev.sieve.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * One segment file of the {@link Journal} ({@code journal-<firstSeq>.log}, see {@link
 * JournalFormat}): its size, its records, and which sets still need them. Reading (the scan at
 * open, the replay) maps the file; writing goes through a {@link JournalFile}, open only while
 * the segment is the active one. Guarded by the journal's lock.
 */
final class JournalSegment {
  private static final Logger LOG = Logger.getLogger(Journal.class.getName());
  private static final String PREFIX = "journal-";
  private static final String SUFFIX = ".log";

  final Path file;
  final long firstSeq;
  /** Bytes of valid header and records. */
  long bytes;
  long records;
  long lastSeq;
  /** Set key ({@code kind/name}) -> sequence number of its last record here, for the sets that still need theirs. */
  final Map<String, Long> needs = new HashMap<>();
  /** The file being appended to while this is the active segment, else null. */
  JournalFile out;
  /** True once no record will be appended any more (forced whole, closed). */
  volatile boolean sealed;

  JournalSegment(Path file, long firstSeq) {
    this.file = file;
    this.firstSeq = firstSeq;
  }

  static Path path(Path dir, long firstSeq) {
    return dir.resolve(PREFIX + firstSeq + SUFFIX);
  }

  /** The first sequence number a segment's file name gives, or -1 if it is not a segment's name. */
  static long firstSeqOf(String fileName) {
    if (!fileName.startsWith(PREFIX) || !fileName.endsWith(SUFFIX)) {
      return -1;
    }
    String digits = fileName.substring(PREFIX.length(), fileName.length() - SUFFIX.length());
    if (digits.isEmpty() || digits.length() > 19 || !digits.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Long.parseLong(digits);
  }

  /**
   * Reads the segment through, checking every record, and notes which set needs which. A damaged
   * record is a {@link DamagedFileException} naming the file and byte offset, unless it is the
   * torn tail of the last segment ({@code last}): a record cut short, or damaged with no intact
   * record after it, as a crash mid-append leaves; the file is then cut there (and logged).
   *
   * @param prevSeq the sequence number of the record before this segment (0 if none)
   * @return true if the segment holds no valid header (the last one, a crash while it was created): to be written anew
   */
  boolean scan(long prevSeq, boolean last, JournalFile.Files files) throws IOException {
    long size = Files.size(file);
    if (size < JournalFormat.HEADER_BYTES) {
      if (last) {
        LOG.warning("journal segment " + file + " holds " + size + " bytes, less than a header (a crash while it was"
            + " created): written anew");
        return true;
      }
      throw new DamagedFileException("journal", file, "it holds " + size + " bytes, less than a segment header", null);
    }
    if (size > Integer.MAX_VALUE) {
      throw new DamagedFileException("journal", file, "it holds " + size + " bytes, more than a segment may", null);
    }
    ByteBuffer b = map(file, size);
    String badHeader = JournalFormat.checkHeader(b, firstSeq);
    if (badHeader != null) {
      throw new DamagedFileException("journal", file, badHeader + " (at byte offset 0)", null);
    }
    int at = JournalFormat.HEADER_BYTES;
    long seq = prevSeq;
    while (at < b.limit()) {
      if (JournalFormat.zeroTail(b, at)) { // zeros written ahead of the records (JournalFormat)
        long zeros = size - at;
        LOG.fine(() -> "journal " + file + ": the " + zeros + " bytes of zeros after its records cut");
        cut(files, at);
        break;
      }
      JournalFormat.Read r;
      try {
        r = JournalFormat.read(b, at, false);
        if (r.batch().seq() <= seq || r.batch().seq() < firstSeq) {
          throw new JournalFormat.Bad("sequence number " + r.batch().seq() + " after " + seq, false);
        }
      } catch (JournalFormat.Bad bad) {
        if (!last || intactRecordAfter(b, at, seq)) {
          throw new DamagedFileException("journal", file, "the record at byte offset " + at + " is damaged ("
              + bad.getMessage() + ")" + (last ? " and intact records follow it" : ""), null);
        }
        LOG.warning("journal " + file + ": cut at byte offset " + at + " of " + size + ", a torn tail (" + bad.getMessage()
            + "): the update it held was never acknowledged");
        cut(files, at);
        break;
      }
      seq = r.batch().seq();
      needs.put(Journal.key(r.batch().kind(), r.batch().name()), seq);
      records++;
      at += r.bytes();
    }
    bytes = at;
    lastSeq = seq;
    return false;
  }

  /** Cuts the file to {@code at} bytes, durably. */
  private void cut(JournalFile.Files files, long at) throws IOException {
    try (JournalFile f = files.open(file)) {
      f.truncate(at);
      f.force();
    }
  }

  /** True if an intact record with a sequence number above {@code seq} starts anywhere after {@code at}. */
  private static boolean intactRecordAfter(ByteBuffer b, int at, long seq) {
    for (int i = at + 1; i + JournalFormat.FRAME_BYTES + JournalFormat.MIN_BODY <= b.limit(); i++) {
      int len = b.getInt(i);
      if (len < JournalFormat.MIN_BODY || len > b.limit() - i - JournalFormat.FRAME_BYTES) {
        continue;
      }
      try {
        if (JournalFormat.read(b, i, false).batch().seq() > seq) {
          return true;
        }
      } catch (JournalFormat.Bad notARecord) {
        // go on
      }
    }
    return false;
  }

  /** Hands every record of the segment (checked by {@link #scan}) to {@code visitor}, in order. */
  void replay(Consumer<JournalBatch> visitor) throws IOException {
    ByteBuffer b = map(file, bytes);
    int at = JournalFormat.HEADER_BYTES;
    while (at < bytes) {
      JournalFormat.Read r;
      try {
        r = JournalFormat.read(b, at, true);
      } catch (JournalFormat.Bad bad) {
        // scanned before: only a change of the file since could do this
        throw new DamagedFileException("journal", file, "the record at byte offset " + at + " is damaged ("
            + bad.getMessage() + ")", null);
      }
      visitor.accept(r.batch());
      at += r.bytes();
    }
  }

  private static ByteBuffer map(Path file, long size) throws IOException {
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
      MappedByteBuffer m = c.map(FileChannel.MapMode.READ_ONLY, 0, size);
      return m;
    }
  }
}
