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
    ChronicleMap<Long, byte[]> map =
        recover ? builder.recoverPersistedTo(file.toFile(), true) : builder.createPersistedTo(file.toFile());
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
   * Every complete batch in sequence order. Chunks of incomplete batches (a crash during
   * {@link #append}) are removed.
   */
  public synchronized List<JournalBatch> replay() throws IOException {
    TreeMap<Long, Record> records = new TreeMap<>();
    for (Map.Entry<Long, byte[]> e : map.entrySet()) {
      records.put(e.getKey(), decode(e.getValue()));
    }
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
    return out;
  }

  /** Removes the records of one set up to and including {@code upToSeq} (folded into a snapshot). */
  public synchronized void truncate(String kind, String name, long upToSeq) throws IOException {
    List<Long> drop = new ArrayList<>();
    for (Map.Entry<Long, byte[]> e : map.entrySet()) {
      if (e.getKey() <= upToSeq) {
        Record r = decode(e.getValue());
        if (r.kind.equals(kind) && r.name.equals(name)) {
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

  private static Record decode(byte[] b) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
    int format = in.readUnsignedByte();
    if (format != FORMAT) {
      throw new IOException("journal record format " + format + " unknown (this build reads " + FORMAT + ")");
    }
    String kind = in.readUTF();
    String name = in.readUTF();
    int op = in.readUnsignedByte();
    if (op >= JournalBatch.Op.values().length) {
      throw new IOException("journal record with unknown operation " + op);
    }
    long first = in.readLong();
    int part = in.readInt();
    int parts = in.readInt();
    int len = in.readInt();
    if (len < 0 || len > MAX_CHUNK || part < 0 || part >= parts) {
      throw new IOException("corrupt journal record: part " + part + "/" + parts + ", " + len + " bytes");
    }
    byte[] payload = new byte[len];
    in.readFully(payload);
    return new Record(kind, name, JournalBatch.Op.values()[op], first, part, parts, Arrays.copyOf(payload, len));
  }
}
