package dev.sieve.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * The journal of acknowledged updates not yet folded into a snapshot, in a persisted Chronicle
 * Map (sequence number -> record). An update is one batch of up to {@link #MAX_CHUNK}-byte
 * chunks under consecutive sequence numbers; {@link #append} returns once every chunk is in the
 * map (memory-mapped: it survives a kill -9 of the process, and the OS writes it back). A batch
 * cut short by a crash has no last chunk and is dropped on {@link #replay}: it was never
 * acknowledged.
 *
 * <p>Appends are serialised (one writer at a time); reads of other threads are safe.
 */
public final class Journal implements AutoCloseable {
  static {
    Chronicle.disableAnalytics();
  }

  /** Largest chunk of payload in one record. */
  public static final int MAX_CHUNK = 16 * 1024;
  static final int ENTRIES = 1 << 16;
  static final double MAX_BLOAT = 32;
  private static final int FORMAT = 1;

  private final Path file;
  private final ChronicleMap<Long, byte[]> map;
  private long nextSeq;

  private Journal(Path file, ChronicleMap<Long, byte[]> map) {
    this.file = file;
    this.map = map;
    long max = 0;
    for (Long k : map.keySet()) {
      max = Math.max(max, k);
    }
    this.nextSeq = max + 1;
  }

  public static Journal open(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    var builder = ChronicleMap.of(Long.class, byte[].class)
        .name("sieve-journal")
        .averageValueSize(1024)
        .entries(ENTRIES)
        .maxBloatFactor(MAX_BLOAT);
    boolean recover = Chronicle.needsRecovery(file);
    ChronicleMap<Long, byte[]> map = Chronicle.open(file, "journal",
        () -> recover ? builder.recoverPersistedTo(file.toFile(), true) : builder.createPersistedTo(file.toFile()));
    Chronicle.markOpen(file);
    return new Journal(file, map);
  }

  /**
   * Appends one batch and returns its last sequence number once it is durable. {@code payload}
   * is split into chunks of at most {@link #MAX_CHUNK} bytes.
   */
  public synchronized long append(String kind, String name, JournalBatch.Op op, byte[] payload) throws IOException {
    int parts = Math.max(1, (payload.length + MAX_CHUNK - 1) / MAX_CHUNK);
    long first = nextSeq;
    for (int part = 0; part < parts; part++) {
      int from = part * MAX_CHUNK;
      int to = Math.min(payload.length, from + MAX_CHUNK);
      map.put(first + part, encode(kind, name, op, first, part, parts, payload, from, to));
    }
    nextSeq = first + parts;
    return nextSeq - 1;
  }

  /**
   * A record that cannot be decoded: its sequence number, the kind and name of its set when they
   * could still be read (else null: it may belong to any set), and what is wrong with it.
   */
  public record DamagedRecord(long seq, String kind, String name, String why) {
    /** The record's set as {@code kind/name}, or null if unknown. */
    public String key() {
      return kind == null || name == null ? null : CatalogEntry.key(kind, name);
    }
  }

  /** What a replay read: the complete batches in sequence order, and the records it could not decode. */
  public record Replay(List<JournalBatch> batches, List<DamagedRecord> damaged) {}

  /**
   * Every complete batch in sequence order, and every damaged record (kept in the journal: only
   * their sets are affected, see {@link #removeDamaged}). Chunks of incomplete batches (a crash
   * during {@link #append}) are removed.
   */
  public synchronized Replay replay() throws IOException {
    TreeMap<Long, Record> records = new TreeMap<>();
    List<DamagedRecord> damaged = new ArrayList<>();
    for (Map.Entry<Long, byte[]> e : map.entrySet()) {
      try {
        records.put(e.getKey(), decode(e.getKey(), e.getValue()));
      } catch (Damaged d) {
        damaged.add(d.record);
      }
    }
    damaged.sort(java.util.Comparator.comparingLong(DamagedRecord::seq));
    List<JournalBatch> out = new ArrayList<>();
    List<Long> broken = new ArrayList<>();
    while (!records.isEmpty()) {
      Map.Entry<Long, Record> head = records.pollFirstEntry();
      Record r = head.getValue();
      long first = r.firstSeq;
      List<byte[]> chunks = new ArrayList<>();
      List<Long> seqs = new ArrayList<>();
      seqs.add(head.getKey());
      boolean complete = head.getKey() == first && r.part == 0;
      if (complete) {
        chunks.add(r.payload);
        for (int part = 1; part < r.parts; part++) {
          Record next = records.get(first + part);
          if (next == null || next.firstSeq != first || next.part != part) {
            complete = false;
            break;
          }
          records.remove(first + part);
          seqs.add(first + part);
          chunks.add(next.payload);
        }
      }
      if (complete) {
        out.add(new JournalBatch(first, first + r.parts - 1, r.kind, r.name, r.op, chunks));
      } else {
        broken.addAll(seqs);
      }
    }
    for (Long seq : broken) {
      map.remove(seq);
    }
    return new Replay(out, damaged);
  }

  /** Removes a damaged record once no set can need it any more. */
  public synchronized void removeDamaged(long seq) {
    map.remove(seq);
  }

  /**
   * Removes the records of one set up to and including {@code upToSeq} (folded into a snapshot),
   * damaged ones too when they still name that set; a damaged record naming no set is kept.
   */
  public synchronized void truncate(String kind, String name, long upToSeq) throws IOException {
    List<Long> drop = new ArrayList<>();
    for (Map.Entry<Long, byte[]> e : map.entrySet()) {
      if (e.getKey() <= upToSeq) {
        String k;
        String n;
        try {
          Record r = decode(e.getKey(), e.getValue());
          k = r.kind;
          n = r.name;
        } catch (Damaged d) {
          k = d.record.kind();
          n = d.record.name();
        }
        if (kind.equals(k) && name.equals(n)) {
          drop.add(e.getKey());
        }
      }
    }
    for (Long seq : drop) {
      map.remove(seq);
    }
  }

  /** Sequence number of the last record appended (0 if none ever was). */
  public synchronized long lastSeq() {
    return nextSeq - 1;
  }

  /** The underlying map, for tests that simulate a crash in the middle of an append. */
  ChronicleMap<Long, byte[]> map() {
    return map;
  }

  public long records() {
    return map.longSize();
  }

  public long offHeapBytes() {
    return map.offHeapMemoryUsed();
  }

  public long fileBytes() throws IOException {
    return Files.size(file);
  }

  @Override
  public synchronized void close() throws IOException {
    map.close();
    Chronicle.markClosed(file);
  }

  // ---------------------------------------------------------------- record format

  private record Record(String kind, String name, JournalBatch.Op op, long firstSeq, int part, int parts, byte[] payload) {}

  private static byte[] encode(String kind, String name, JournalBatch.Op op, long first, int part, int parts,
      byte[] payload, int from, int to) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + to - from);
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte(FORMAT);
    out.writeUTF(kind);
    out.writeUTF(name);
    out.writeByte(op.ordinal());
    out.writeLong(first);
    out.writeInt(part);
    out.writeInt(parts);
    out.writeInt(to - from);
    out.write(payload, from, to - from);
    return bytes.toByteArray();
  }

  /** A record that does not decode; carries what could be read of it. */
  private static final class Damaged extends IOException {
    final DamagedRecord record;

    Damaged(DamagedRecord record) {
      super(record.why());
      this.record = record;
    }
  }

  // The format has no checksum (issue 12 replaces this journal): what is caught here is a record
  // that does not parse, not every flipped bit.
  private static Record decode(long seq, byte[] b) throws Damaged {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
    String kind = null;
    String name = null;
    try {
      int format = in.readUnsignedByte();
      if (format != FORMAT) {
        throw new IOException("format " + format + " unknown (this build reads " + FORMAT + ")");
      }
      String k = in.readUTF();
      String n = in.readUTF();
      if (!k.equals(Snapshots.WORDS) && !k.equals(Snapshots.NUMBERS)) {
        throw new IOException("unknown kind of set");
      }
      kind = k;
      name = n;
      int op = in.readUnsignedByte();
      if (op >= JournalBatch.Op.values().length) {
        throw new IOException("unknown operation " + op);
      }
      long first = in.readLong();
      int part = in.readInt();
      int parts = in.readInt();
      int len = in.readInt();
      if (len < 0 || len > MAX_CHUNK || part < 0 || part >= parts) {
        throw new IOException("part " + part + "/" + parts + " of the batch at " + first + ", " + len + " bytes");
      }
      byte[] payload = new byte[len];
      in.readFully(payload);
      if (in.available() > 0) {
        throw new IOException(in.available() + " bytes after the payload");
      }
      return new Record(kind, name, JournalBatch.Op.values()[op], first, part, parts, Arrays.copyOf(payload, len));
    } catch (IOException e) {
      String why = e instanceof java.io.EOFException ? "cut short" : e.getMessage();
      throw new Damaged(new DamagedRecord(seq, kind, name, "journal record " + seq + " is damaged (" + why + ")"));
    }
  }
}
