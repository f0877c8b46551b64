package dev.sieve.words;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The serialized form of a {@link WordSet}: a set of one part is its trie's file ({@link
 * TrieFormat}: v3, v4 past 1 GiB, v2 as read); a set of several parts is version 5, a table of
 * the parts' lengths, then each part's own complete trie file (with its own header and CRC32C)
 * one after the other:
 *
 * <pre>
 *   offset  size  field (big-endian), version 5
 *   0       4     magic "SVWS"
 *   4       4     format version (5)
 *   8       4     parts K (2 or more)
 *   12      8K    byte length of each part's file
 *   12+8K   4     CRC32C of all bytes before it
 *   16+8K   ...   the K part files, in byte order of their words
 * </pre>
 *
 * <p>Reading checks the header's checksum, each part as {@link TrieFormat} does, that no part is
 * empty and that each part's last word is below the next part's first (so the ranges are in
 * order and disjoint, whatever a forged file says). A golden file of v5 lives in the tests.
 */
final class PartsFormat {
  static final int VERSION = 5;
  /** Parts a file may announce: far more than any build makes (a part holds tens of megabytes). */
  static final int MAX_PARTS = 1 << 20;

  private PartsFormat() {}

  static void write(WordSet set, OutputStream out) throws IOException {
    Trie[] parts = set.parts();
    ByteBuffer head = ByteBuffer.allocate(headerBytes(parts.length)).order(ByteOrder.BIG_ENDIAN);
    head.putInt(TrieFormat.MAGIC).putInt(VERSION).putInt(parts.length);
    for (Trie t : parts) {
      head.putLong(TrieFormat.fileBytes(t));
    }
    CRC32C crc = new CRC32C();
    crc.update(head.array(), 0, head.position());
    head.putInt((int) crc.getValue());
    out.write(head.array());
    for (Trie t : parts) {
      TrieFormat.write(t, out);
    }
  }

  private static int headerBytes(int parts) {
    return 12 + 8 * parts + 4;
  }

  /** The version of the file at the buffer's position, or -1 if it is too short to say. */
  private static int version(ByteBuffer buf) {
    return buf.remaining() < 8 ? -1 : buf.getInt(buf.position() + 4);
  }

  static WordSet read(ByteBuffer in, boolean trusted, boolean inPlace) throws IOException {
    ByteBuffer buf = in.slice().order(ByteOrder.BIG_ENDIAN);
    if (version(buf) != VERSION || buf.getInt(0) != TrieFormat.MAGIC) {
      return new WordSet(new Trie[] {TrieFormat.read(in, trusted, inPlace)});
    }
    long[] lengths = header(buf, buf.remaining());
    int at = headerBytes(lengths.length);
    Trie[] parts = new Trie[lengths.length];
    for (int i = 0; i < parts.length; i++) {
      ByteBuffer part = buf.slice(at, (int) lengths[i]);
      parts[i] = TrieFormat.read(part, trusted, inPlace);
      if (part.hasRemaining()) {
        throw new CorruptWordSetException("part " + i + " of the word set: " + part.remaining() + " bytes after its trie");
      }
      at += (int) lengths[i];
    }
    WordSet set = checked(parts);
    in.position(in.position() + at);
    return set;
  }

  static WordSet readInPlace(WordSet.Mapper mapper, long fileSize, int pageShift) throws IOException {
    ByteBuffer first = mapper.map(0, Math.min(fileSize, 12)).order(ByteOrder.BIG_ENDIAN);
    if (first.remaining() < 12 || first.getInt(0) != TrieFormat.MAGIC || first.getInt(4) != VERSION) {
      return new WordSet(new Trie[] {TrieFormat.readInPlace(mapper, fileSize, pageShift)});
    }
    int k = first.getInt(8);
    if (k < 2 || k > MAX_PARTS) {
      throw new CorruptWordSetException("corrupt word set header: " + k + " parts");
    }
    long headBytes = headerBytes(k);
    if (headBytes > fileSize) {
      throw new CorruptWordSetException("truncated word set: header of " + headBytes + " bytes, only " + fileSize + " present");
    }
    long[] lengths = header(mapper.map(0, headBytes).order(ByteOrder.BIG_ENDIAN), fileSize);
    Trie[] parts = new Trie[k];
    long at = headBytes;
    for (int i = 0; i < k; i++) {
      long base = at;
      parts[i] = TrieFormat.readInPlace(mapper.from(base), lengths[i], pageShift);
      at += lengths[i];
    }
    if (at != fileSize) {
      throw new CorruptWordSetException("trailing bytes after the word set: " + (fileSize - at));
    }
    return checked(parts);
  }

  /** The part lengths of a v5 header at the start of {@code buf}, checked against {@code available} bytes. */
  private static long[] header(ByteBuffer buf, long available) throws CorruptWordSetException {
    if (available < 12) {
      throw new CorruptWordSetException("truncated word set: " + available + " bytes, need at least 12");
    }
    int k = buf.getInt(8);
    if (k < 2 || k > MAX_PARTS) {
      throw new CorruptWordSetException("corrupt word set header: " + k + " parts");
    }
    int head = headerBytes(k);
    if (available < head) {
      throw new CorruptWordSetException("truncated word set: header of " + head + " bytes, only " + available + " present");
    }
    CRC32C crc = new CRC32C();
    crc.update(buf.slice(0, head - 4));
    int stored = buf.getInt(head - 4);
    if ((int) crc.getValue() != stored) {
      throw new CorruptWordSetException(String.format("word set header checksum mismatch: computed 0x%08x, stored 0x%08x",
          (int) crc.getValue(), stored));
    }
    long[] lengths = new long[k];
    long total = head;
    for (int i = 0; i < k; i++) {
      lengths[i] = buf.getLong(12 + 8 * i);
      if (lengths[i] < TrieFormat.HEADER + 4 || lengths[i] > available) {
        throw new CorruptWordSetException("corrupt word set header: part " + i + " of " + lengths[i] + " bytes");
      }
      total += lengths[i];
    }
    if (total > available) {
      throw new CorruptWordSetException("truncated word set: header announces " + total + " bytes, only " + available
          + " present");
    }
    return lengths;
  }

  /** The set of these parts, once they are known non-empty and in order. */
  private static WordSet checked(Trie[] parts) throws CorruptWordSetException {
    byte[] previousLast = null;
    for (int i = 0; i < parts.length; i++) {
      Trie t = parts[i];
      if (t.size() == 0) {
        throw new CorruptWordSetException("part " + i + " of the word set is empty");
      }
      TrieCursor c = t.cursor();
      c.next();
      if (previousLast != null && Arrays.compareUnsigned(previousLast, 0, previousLast.length, c.bytes(), 0, c.length()) >= 0) {
        throw new CorruptWordSetException("part " + i + " of the word set does not start above the part before it");
      }
      c.seek(t.size() - 1);
      previousLast = Arrays.copyOf(c.bytes(), c.length());
    }
    return new WordSet(parts);
  }
}
