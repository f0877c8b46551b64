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
 * journal sequence number up to which updates are already folded into the snapshot.
 */
public record CatalogEntry(String kind, String name, long version, String snapshot, long count, long bytes,
    long createdMillis, long journalSeq) {

  private static final int FORMAT = 1;

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
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CatalogEntry decode(byte[] b) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
    int format = in.readUnsignedByte();
    if (format != FORMAT) {
      throw new IOException("catalog entry format " + format + " unknown (this build reads " + FORMAT + ")");
    }
    return new CatalogEntry(in.readUTF(), in.readUTF(), in.readLong(), in.readUTF(), in.readLong(), in.readLong(),
        in.readLong(), in.readLong());
  }
}
