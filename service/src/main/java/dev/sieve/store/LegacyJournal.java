package dev.sieve.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * The journal of earlier builds, {@code journal.cm3} (journal format 1): a persisted Chronicle
 * Map of sequence number -> record, a batch split into chunks of up to 16 KiB under consecutive
 * numbers, no checksum. Kept only to read one at start and move its batches into the {@link
 * Journal} ({@link #migrate}); nothing writes this format any more.
 */
public final class LegacyJournal {
  static {
    Chronicle.disableAnalytics();
  }

  private static final Logger LOG = Logger.getLogger(LegacyJournal.class.getName());
  static final int FORMAT = 1;
  static final int MAX_CHUNK = 16 * 1024;
  // the map's shape as format 1 created it: Chronicle Map must be told it to open the file
  static final int ENTRIES = 1 << 16;
  static final double MAX_BLOAT = 32;

  private LegacyJournal() {}

  static ChronicleMap<Long, byte[]> openMap(Path file) throws IOException {
    var builder = ChronicleMap.of(Long.class, byte[].class)
        .name("sieve-journal")
        .averageValueSize(1024)
        .entries(ENTRIES)
        .maxBloatFactor(MAX_BLOAT);
    boolean recover = Chronicle.needsRecovery(file);
    return Chronicle.open(file, "journal", () -> recover
        ? builder.recoverPersistedTo(file.toFile(), true) : builder.createPersistedTo(file.toFile()));
  }

  /**
   * If {@code file} (a format 1 journal) exists, appends its complete batches to {@code journal}
   * under their own last sequence numbers (those above what {@code journal} holds already: a
   * migration cut short by a crash is resumed, not repeated), syncs, then deletes the file and its
   * marker. A batch cut short by a crash (no last chunk) was never acknowledged and is dropped; a
   * record that does not decode refuses the migration ({@link DamagedFileException}), the file
   * kept. Returns the batches moved.
   */
  public static int migrate(Path file, Journal journal) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    List<JournalBatch> batches;
    try (ChronicleMap<Long, byte[]> map = openMap(file)) {
      batches = read(file, map);
    }
    int moved = 0;
    for (JournalBatch b : batches) {
      if (b.seq() > journal.lastSeq()) {
        NoSpaceException.writing("the journal record of an update of " + b.kind() + "/" + b.name(), () -> {
          journal.appendRecovered(b);
          return null;
        });
        moved++;
      }
    }
    journal.sync();
    Files.deleteIfExists(file);
    Files.deleteIfExists(Chronicle.openMarker(file));
    LOG.info("moved " + moved + " update batches from " + file + " (journal format 1) into the journal, and deleted it");
    return moved;
  }

  /** The complete batches of {@code map}, in sequence order, each under its last chunk's number. */
  static List<JournalBatch> read(Path file, Map<Long, byte[]> map) throws DamagedFileException {
    TreeMap<Long, Chunk> chunks = new TreeMap<>();
    for (Map.Entry<Long, byte[]> e : map.entrySet()) {
      try {
        chunks.put(e.getKey(), decode(e.getValue()));
      } catch (IOException bad) {
        String why = bad instanceof EOFException ? "cut short" : bad.getMessage();
        throw new DamagedFileException("journal", file, "record " + e.getKey() + " is damaged (" + why + "); move the"
            + " file aside to drop the updates it holds, or start the previous version to PUT or DELETE its set", bad);
      }
    }
    List<JournalBatch> out = new ArrayList<>();
    while (!chunks.isEmpty()) {
      Map.Entry<Long, Chunk> head = chunks.pollFirstEntry();
      Chunk c = head.getValue();
      if (head.getKey() != c.firstSeq || c.part != 0) {
        continue; // a piece of a batch whose first chunk is gone
      }
      ByteArrayOutputStream payload = new ByteArrayOutputStream();
      payload.writeBytes(c.payload);
      boolean complete = true;
      for (int part = 1; part < c.parts; part++) {
        Chunk next = chunks.get(c.firstSeq + part);
        if (next == null || next.firstSeq != c.firstSeq || next.part != part) {
          complete = false;
          break;
        }
        chunks.remove(c.firstSeq + part);
        payload.writeBytes(next.payload);
      }
      if (complete) {
        out.add(new JournalBatch(c.firstSeq + c.parts - 1, c.kind, c.name, c.op, payload.toByteArray()));
      }
    }
    return out;
  }

  private record Chunk(String kind, String name, JournalBatch.Op op, long firstSeq, int part, int parts, byte[] payload) {}

  /** One record of format 1 (no checksum: what is caught is a record that does not parse). */
  static Chunk decode(byte[] b) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
    int format = in.readUnsignedByte();
    if (format != FORMAT) {
      throw new IOException("format " + format + " unknown (format 1 expected)");
    }
    String kind = in.readUTF();
    String name = in.readUTF();
    if (!kind.equals(Snapshots.WORDS) && !kind.equals(Snapshots.NUMBERS)) {
      throw new IOException("unknown kind of set");
    }
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
    return new Chunk(kind, name, JournalBatch.Op.values()[op], first, part, parts, payload);
  }
}
