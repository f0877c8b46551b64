package dev.sieve.store;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * Writes a journal of format 1 ({@code journal.cm3}, a Chronicle Map) as builds before the
 * segmented journal did, byte for byte: test-only, to make the data directories a migration
 * starts from. A batch takes consecutive sequence numbers, one per chunk of up to 16 KiB.
 */
public final class LegacyJournalWriter implements AutoCloseable {
  private final Path file;
  private final ChronicleMap<Long, byte[]> map;
  private long nextSeq;

  private LegacyJournalWriter(Path file, ChronicleMap<Long, byte[]> map, long nextSeq) {
    this.file = file;
    this.map = map;
    this.nextSeq = nextSeq;
  }

  /** Opens (or creates) {@code file}; its first batch takes sequence number {@code firstSeq}. */
  public static LegacyJournalWriter open(Path file, long firstSeq) throws IOException {
    LegacyJournalWriter w = new LegacyJournalWriter(file, LegacyJournal.openMap(file), firstSeq);
    Chronicle.markOpen(file);
    return w;
  }

  /** Appends one batch; returns its last sequence number. */
  public long append(String kind, String name, JournalBatch.Op op, byte[] payload) {
    int parts = Math.max(1, (payload.length + LegacyJournal.MAX_CHUNK - 1) / LegacyJournal.MAX_CHUNK);
    long first = nextSeq;
    for (int part = 0; part < parts; part++) {
      int from = part * LegacyJournal.MAX_CHUNK;
      int to = Math.min(payload.length, from + LegacyJournal.MAX_CHUNK);
      map.put(first + part, encode(kind, name, op, first, part, parts, payload, from, to));
    }
    nextSeq = first + parts;
    return nextSeq - 1;
  }

  /** The map itself, to leave a batch cut short or a damaged record as a crash or a disk would. */
  public ChronicleMap<Long, byte[]> map() {
    return map;
  }

  /** The record format 1 puts under a sequence number. */
  static byte[] encode(String kind, String name, JournalBatch.Op op, long first, int part, int parts,
      byte[] payload, int from, int to) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + to - from);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(LegacyJournal.FORMAT);
      out.writeUTF(kind);
      out.writeUTF(name);
      out.writeByte(op.ordinal());
      out.writeLong(first);
      out.writeInt(part);
      out.writeInt(parts);
      out.writeInt(to - from);
      out.write(payload, from, to - from);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    map.close();
    Chronicle.markClosed(file);
  }
}
