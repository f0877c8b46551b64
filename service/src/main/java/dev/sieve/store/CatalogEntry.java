package dev.sieve.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One set in the catalog: its kind ("words" or "numbers"), name, version, the snapshot file that
 * holds its frozen base, element count, snapshot size in bytes, creation time (epoch ms), and the
 * journal sequence number up to which updates are already folded into the snapshot; since format
 * 2 also the bytes a {@code HashSet} of the elements would take (so a restart need not walk the
 * set to report it) and the CRC32C of the snapshot file (0: not recorded).
 */
public record CatalogEntry(String kind, String name, long version, String snapshot, long count, long bytes,
    long createdMillis, long journalSeq, long baselineBytes, int checksum) {

  private static final int FORMAT = 2;

  /** An entry without baseline and checksum (as format 1 stored them). */
  public CatalogEntry(String kind, String name, long version, String snapshot, long count, long bytes,
      long createdMillis, long journalSeq) {
    this(kind, name, version, snapshot, count, bytes, createdMillis, journalSeq, 0, 0);
  }

  /** The catalog key of a set. */
  public static String key(String kind, String name) {
    return kind + "/" + name;
  }

  public String key() {
    return key(kind, name);
  }

  byte[] encode() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(FORMAT);
      out.writeUTF(kind);
      out.writeUTF(name);
      out.writeLong(version);
      out.writeUTF(snapshot);
      out.writeLong(count);
      out.writeLong(this.bytes);
      out.writeLong(createdMillis);
      out.writeLong(journalSeq);
      out.writeLong(baselineBytes);
      out.writeInt(checksum);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CatalogEntry decode(byte[] b) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
    int format = in.readUnsignedByte();
    if (format != 1 && format != FORMAT) {
      throw new IOException("catalog entry format " + format + " unknown (this build reads 1 and " + FORMAT + ")");
    }
    CatalogEntry e = new CatalogEntry(in.readUTF(), in.readUTF(), in.readLong(), in.readUTF(), in.readLong(),
        in.readLong(), in.readLong(), in.readLong());
    return format == 1 ? e : new CatalogEntry(e.kind, e.name, e.version, e.snapshot, e.count, e.bytes,
        e.createdMillis, e.journalSeq, in.readLong(), in.readInt());
  }
}
