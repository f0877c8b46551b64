package dev.sieve.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The bytes of a journal segment (format 2; format 1 was a Chronicle Map, see {@link
 * LegacyJournal}). Big-endian throughout.
 *
 * <pre>
 * segment = header record*
 * header  = magic "SIEVEJNL" (8 bytes) | format u32 = 2 | firstSeq u64 | CRC32C of the 20 bytes before u32
 * record  = length u32 | CRC32C u32 | body (length bytes)
 *   the CRC32C covers the length field and the body, so a damaged length is caught too
 * body    = seq u64 | op u8 (0 add, 1 remove) | kind length u8 | kind (UTF-8)
 *           | name length u8 | name (UTF-8) | payload (the rest)
 * </pre>
 *
 * A segment is named {@code journal-<firstSeq>.log}; every record in it has a sequence number of
 * at least {@code firstSeq}, above the one before it. A record is one whole update batch.
 *
 * <p>A segment may end in zero bytes: the writer writes zeros ahead of its records so that a sync
 * need not change the file's size ({@link JournalFile.Channel}), and a crash leaves them. No record
 * has a length of 0, so a length field of 0 followed by nothing but zeros to the end of the file
 * ends the segment's records ({@link #zeroTail}); a reader cuts the zeros.
 */
final class JournalFormat {
  private JournalFormat() {}

  static final int FORMAT = 2;
  static final byte[] MAGIC = "SIEVEJNL".getBytes(StandardCharsets.US_ASCII);
  static final int HEADER_BYTES = 8 + 4 + 8 + 4;
  /** Length and CRC fields before a body. */
  static final int FRAME_BYTES = 8;
  /** The smallest body: seq, op, two empty strings. */
  static final int MIN_BODY = 8 + 1 + 1 + 1;
  /**
   * The largest body a reader believes: an update holds at most 16 MiB of words (numbers, in
   * Roaring's format, take less), so a length beyond this is damage, not a record.
   */
  static final int MAX_BODY = 64 << 20;

  static ByteBuffer header(long firstSeq) {
    ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.BIG_ENDIAN);
    b.put(MAGIC).putInt(FORMAT).putLong(firstSeq);
    b.putInt(crc(b.array(), 0, HEADER_BYTES - 4));
    return b.flip();
  }

  /** Why {@code b} (at least {@link #HEADER_BYTES} from its position) is not the header of segment {@code firstSeq}, or null. */
  static String checkHeader(ByteBuffer b, long firstSeq) {
    byte[] h = new byte[HEADER_BYTES];
    b.get(b.position(), h);
    for (int i = 0; i < MAGIC.length; i++) {
      if (h[i] != MAGIC[i]) {
        return "not a Sieve journal segment (bad magic)";
      }
    }
    ByteBuffer in = ByteBuffer.wrap(h);
    int format = in.getInt(8);
    if (in.getInt(20) != crc(h, 0, 20)) {
      return "its header's checksum does not match";
    }
    if (format != FORMAT) {
      return "format " + format + " unknown (this build reads " + FORMAT + ")";
    }
    if (in.getLong(12) != firstSeq) {
      return "its header says it starts at " + in.getLong(12) + ", its name at " + firstSeq;
    }
    return null;
  }

  /** True if every byte of {@code b} from {@code at} to its limit is zero: the end of a segment's records. */
  static boolean zeroTail(ByteBuffer b, int at) {
    int i = at;
    for (int end = b.limit() - 7; i < end; i += 8) {
      if (b.getLong(i) != 0) {
        return false;
      }
    }
    for (; i < b.limit(); i++) {
      if (b.get(i) != 0) {
        return false;
      }
    }
    return true;
  }

  /** The whole record (frame and body) of one batch. */
  static ByteBuffer record(long seq, String kind, String name, JournalBatch.Op op, byte[] payload) {
    byte[] k = kind.getBytes(StandardCharsets.UTF_8);
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    if (k.length > 255 || n.length > 255) {
      throw new IllegalArgumentException("a journal record's kind and name hold at most 255 bytes each");
    }
    int body = MIN_BODY + k.length + n.length + payload.length;
    if (body > MAX_BODY) {
      throw new IllegalArgumentException("a journal record holds at most " + MAX_BODY + " bytes, not " + body);
    }
    ByteBuffer b = ByteBuffer.allocate(FRAME_BYTES + body).order(ByteOrder.BIG_ENDIAN);
    b.putInt(body).putInt(0).putLong(seq).put((byte) op.ordinal())
        .put((byte) k.length).put(k).put((byte) n.length).put(n).put(payload);
    b.putInt(4, crc(b.array(), 0, 4, FRAME_BYTES, body));
    return b.flip();
  }

  /** A record read back: its batch and its length on disk. */
  record Read(JournalBatch batch, int bytes) {}

  /** Thrown by {@link #read} for bytes that are not a whole, intact record. */
  static final class Bad extends Exception {
    /** True if the bytes end before the record does: a cut, as a crash mid-append leaves. */
    final boolean cut;

    Bad(String why, boolean cut) {
      super(why, null, false, false);
      this.cut = cut;
    }
  }

  /**
   * The record at {@code at} in {@code b} (whose limit is the end of the valid bytes), checked
   * whole: frame, CRC, fields; {@code withPayload} false skips copying the payload (a scan).
   */
  static Read read(ByteBuffer b, int at, boolean withPayload) throws Bad {
    int left = b.limit() - at;
    if (left < FRAME_BYTES) {
      throw new Bad("cut short (" + left + " bytes of a record frame)", true);
    }
    int body = b.getInt(at);
    if (body < MIN_BODY || body > MAX_BODY) {
      throw new Bad("a record length of " + Integer.toUnsignedString(body) + " bytes", false);
    }
    if (left - FRAME_BYTES < body) {
      throw new Bad("cut short (" + (left - FRAME_BYTES) + " of its " + body + " bytes)", true);
    }
    CRC32C crc = new CRC32C();
    crc.update(b.duplicate().position(at).limit(at + 4));
    crc.update(b.duplicate().position(at + FRAME_BYTES).limit(at + FRAME_BYTES + body));
    if ((int) crc.getValue() != b.getInt(at + 4)) {
      throw new Bad("its CRC32C does not match", false);
    }
    int p = at + FRAME_BYTES;
    int end = p + body;
    long seq = b.getLong(p);
    int op = b.get(p + 8) & 0xFF;
    if (op >= JournalBatch.Op.values().length) {
      throw new Bad("unknown operation " + op, false);
    }
    p += 9;
    int kl = b.get(p++) & 0xFF;
    if (p + kl + 1 > end) {
      throw new Bad("its fields overrun it", false);
    }
    String kind = string(b, p, kl);
    p += kl;
    int nl = b.get(p++) & 0xFF;
    if (p + nl > end) {
      throw new Bad("its fields overrun it", false);
    }
    String name = string(b, p, nl);
    p += nl;
    byte[] payload = new byte[withPayload ? end - p : 0];
    b.get(p, payload);
    return new Read(new JournalBatch(seq, kind, name, JournalBatch.Op.values()[op], payload), FRAME_BYTES + body);
  }

  private static String string(ByteBuffer b, int at, int len) {
    byte[] s = new byte[len];
    b.get(at, s);
    return new String(s, StandardCharsets.UTF_8);
  }

  private static int crc(byte[] b, int from, int len) {
    CRC32C c = new CRC32C();
    c.update(b, from, len);
    return (int) c.getValue();
  }

  private static int crc(byte[] b, int from1, int len1, int from2, int len2) {
    CRC32C c = new CRC32C();
    c.update(b, from1, len1);
    c.update(b, from2, len2);
    return (int) c.getValue();
  }
}
