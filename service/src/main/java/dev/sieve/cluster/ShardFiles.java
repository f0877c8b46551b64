package dev.sieve.cluster;

import dev.sieve.registry.SetKind;
import dev.sieve.registry.UpdateOp;
import dev.sieve.store.DamagedFileException;
import dev.sieve.store.FsyncPolicy;
import dev.sieve.store.Journal;
import dev.sieve.store.JournalBatch;
import dev.sieve.store.SnapshotFiles;
import io.vertx.core.json.JsonObject;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;
import java.util.zip.CRC32C;

/**
 * The copies of shards a cluster node holds, on its disk ({@code <data-dir>/cluster/}), so that a
 * cluster whose every node stopped serves its sets again with every acknowledged update:
 *
 * <ul>
 *   <li>{@code shards/v<version>-s<index>.shard}: one file per copy (versions are unique over every
 *       set, from the cluster-wide counter), written atomically ({@link SnapshotFiles}) when the copy
 *       is stored and each time its updates fold into a new base. Format {@value #FORMAT}: the magic
 *       {@code SIEVESHD}, the format (int), the header's length (int) and the header (UTF-8 JSON: the
 *       set's kind, name, version, Roaring type and shard count, the shard's index, range, checksum,
 *       elements and bytes as the shard map had them, and the (term, seq) of the last update folded
 *       in), the snapshot's length (long) and bytes (the format a load ships), and a CRC32C of every
 *       byte before it (big-endian throughout).
 *   <li>{@code journal/}: a {@link Journal} (CRC32C records, group commit, the node's {@code --fsync}
 *       policy) of the updates applied to the copies since their file was written, one record per
 *       part, keyed by the copy ({@code <name>/<version>/<index>}), the payload the part's JSON with
 *       its (term, seq). A copy's records are released when a fold writes its file again or the
 *       copy is dropped.
 *   <li>{@code life}: the id of the cluster's life the node last joined ({@link Cluster}): a node
 *       that finds the same life when it starts again was away while the cluster went on, and its
 *       copies may be stale; a new life means every node stopped, and the copies are what there is.
 * </ul>
 *
 * Thread-safe as long as one copy is written by one thread at a time (a shard's updates come one at
 * a time).
 */
final class ShardFiles implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ShardFiles.class.getName());
  static final int FORMAT = 1;
  static final byte[] MAGIC = "SIEVESHD".getBytes(StandardCharsets.US_ASCII);
  private static final String SUFFIX = ".shard";

  /**
   * A copy's file header: which shard of which set, as the shard map had it (owners left out), and
   * the position of the last update folded into its snapshot: the primary's term and the shard's
   * update sequence number.
   */
  record Copy(SetKind kind, String name, long version, String type, int shards, ShardedSet.Shard shard, long term,
      long seq) {
    String file() {
      return "v" + version + "-s" + shard.index() + SUFFIX;
    }

    /** The key of the copy's journal records. */
    String key() {
      return name + "/" + version + "/" + shard.index();
    }

    Copy at(long term, long seq) {
      return new Copy(kind, name, version, type, shards, shard, term, seq);
    }

    JsonObject toJson() {
      return new JsonObject().put("kind", kind.wireName()).put("name", name).put("version", version).put("type", type)
          .put("shards", shards).put("shard", shard.toJson()).put("term", term).put("seq", seq);
    }

    static Copy of(JsonObject j) {
      return new Copy(SetKind.fromWireName(j.getString("kind")), j.getString("name"), j.getLong("version"),
          j.getString("type"), j.getInteger("shards"), ShardedSet.Shard.of(j.getJsonObject("shard")), j.getLong("term"),
          j.getLong("seq"));
    }
  }

  /** An update of a copy read back from the journal: its position and the part's JSON. */
  record Update(long term, long seq, UpdateOp op, JsonObject elements) {}

  /** A copy found on disk at the start, with the updates journaled after its file. */
  record Found(Copy copy, List<Update> updates) {
    /** The position of the last update it holds. */
    long term() {
      return updates.isEmpty() ? copy.term() : updates.get(updates.size() - 1).term();
    }

    long seq() {
      return updates.isEmpty() ? copy.seq() : updates.get(updates.size() - 1).seq();
    }
  }

  private final Path dir;
  private final SnapshotFiles shards;
  private final Journal journal;
  /** Per copy key: the journal's sequence number of its last record (for release on a fold). */
  private final Map<String, Long> lastRecord = new java.util.concurrent.ConcurrentHashMap<>();
  /** Per copy file: its size on disk, kept as files are found, written and deleted ({@link #bytes} reads no directory). */
  private final Map<String, Long> fileBytes = new java.util.concurrent.ConcurrentHashMap<>();

  /** Told of every sync of the journal (the metrics' hook; set once they are bound). */
  private volatile Journal.SyncListener syncListener = (records, nanos) -> {};

  private ShardFiles(Path dir, SnapshotFiles shards, FsyncPolicy fsync) throws IOException {
    this.dir = dir;
    this.shards = shards;
    this.journal = Journal.open(dir.resolve("journal"), Journal.Options.defaults().withFsync(fsync)
        .withListener((records, nanos) -> syncListener.synced(records, nanos)));
  }

  /** Opens (or creates) {@code dir}: the shard files' directory, the journal, checked through. */
  static ShardFiles open(Path dir, FsyncPolicy fsync) throws IOException {
    Files.createDirectories(dir);
    return new ShardFiles(dir, new SnapshotFiles(dir.resolve("shards")), fsync);
  }

  /** The journal's figures now. */
  Journal.Stats journalStats() {
    return journal.stats();
  }

  /** Tells {@code listener} of every sync of the journal (records covered, nanoseconds). */
  void onJournalSync(Journal.SyncListener listener) {
    this.syncListener = listener;
  }

  /**
   * Every copy on disk, with its journaled updates after its file, in order. Call once, before any
   * write. A copy file that cannot be read is set aside ({@code .damaged}, logged), never served.
   */
  List<Found> found() throws IOException {
    Map<String, Found> byKey = new HashMap<>();
    List<Found> out = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(shards.dir(), "*" + SUFFIX)) {
      for (Path p : files) {
        try {
          Copy c = header(p);
          Found f = new Found(c, new ArrayList<>());
          byKey.put(c.key(), f);
          fileBytes.put(c.file(), Files.size(p));
          out.add(f);
        } catch (IOException | RuntimeException e) {
          LOG.warning("set aside a damaged shard copy " + p + ": " + e.getMessage());
          Files.move(p, p.resolveSibling(p.getFileName() + ".damaged"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    Map<String, String> orphans = new HashMap<>(); // a dropped copy's records: key to kind
    Map<String, Long> folded = new HashMap<>(); // records already in their copy's file: key to the last
    journal.replay(b -> {
      Found f = byKey.get(b.name());
      if (f == null || !f.copy().kind().wireName().equals(b.kind())) {
        orphans.put(b.name(), b.kind());
        return;
      }
      JsonObject j = new JsonObject(new String(b.payload(), StandardCharsets.UTF_8));
      long seq = j.getLong("seq");
      if (seq <= f.seq()) {
        folded.put(b.name(), b.seq());
        return;
      }
      long term = j.getLong("term");
      j.remove("term");
      j.remove("seq");
      f.updates().add(new Update(term, seq, b.op() == JournalBatch.Op.ADD ? UpdateOp.ADD : UpdateOp.REMOVE, j));
      lastRecord.put(b.name(), b.seq());
    });
    orphans.forEach((key, kind) -> journal.release(kind, key, Long.MAX_VALUE));
    folded.forEach((key, last) -> journal.release(byKey.get(key).copy().kind().wireName(), key, last));
    out.sort(java.util.Comparator.comparing((Found f) -> f.copy().version()).thenComparing(f -> f.copy().shard().index()));
    return out;
  }

  /** Writes copy {@code c}'s file with {@code snapshot} (atomically), and releases its journal records up to now. */
  void write(Copy c, byte[] snapshot) throws IOException {
    write(c, snapshot, lastRecord(c));
  }

  /**
   * The journal record of copy {@code c}'s last update ({@link #append}), or -1: the mark a fold
   * started at that update passes to {@link #write(Copy, byte[], long)}.
   */
  long lastRecord(Copy c) {
    Long last = lastRecord.get(c.key());
    return last == null ? -1 : last;
  }

  /**
   * Writes copy {@code c}'s file with {@code snapshot} (atomically), the copy as of its journal
   * record {@code upTo} ({@link #lastRecord}; -1: none), and releases its records up to that one:
   * the later ones (updates taken while a fold ran) stay, for a restart to replay over the file.
   */
  void write(Copy c, byte[] snapshot, long upTo) throws IOException {
    byte[] header = c.toJson().encode().getBytes(StandardCharsets.UTF_8);
    long size = shards.write(c.file(), out -> {
      CRC32C crc = new CRC32C();
      java.util.zip.CheckedOutputStream checked = new java.util.zip.CheckedOutputStream(out, crc);
      DataOutputStream d = new DataOutputStream(checked);
      d.write(MAGIC);
      d.writeInt(FORMAT);
      d.writeInt(header.length);
      d.write(header);
      d.writeLong(snapshot.length);
      d.write(snapshot);
      d.flush();
      new DataOutputStream(out).writeInt((int) crc.getValue());
    });
    fileBytes.put(c.file(), size);
    if (upTo >= 0) {
      lastRecord.remove(c.key(), upTo);
      journal.release(c.kind().wireName(), c.key(), upTo);
    }
  }

  /** The header of the copy file at {@code p}, checked (magic, format, the whole file's CRC32C). */
  private static Copy header(Path p) throws IOException {
    ByteBuffer b = readChecked(p);
    byte[] h = new byte[b.getInt(MAGIC.length + 4)];
    b.get(MAGIC.length + 8, h);
    return Copy.of(new JsonObject(new String(h, StandardCharsets.UTF_8)));
  }

  /** Copy {@code c}'s snapshot bytes, checked as its file's header was. */
  byte[] snapshot(Copy c) throws IOException {
    Path p = shards.dir().resolve(c.file());
    ByteBuffer b = readChecked(p);
    int at = MAGIC.length + 8 + b.getInt(MAGIC.length + 4);
    long len = b.getLong(at);
    byte[] out = new byte[(int) len];
    b.get(at + 8, out);
    return out;
  }

  /** The file at {@code p}, its magic, format, lengths and CRC32C checked. */
  private static ByteBuffer readChecked(Path p) throws IOException {
    ByteBuffer b;
    try (FileChannel ch = FileChannel.open(p)) {
      if (ch.size() > Integer.MAX_VALUE - 16) {
        throw new DamagedFileException("shard copy", p, "larger than 2 GiB", null);
      }
      b = ByteBuffer.allocate((int) ch.size());
      while (b.hasRemaining() && ch.read(b) >= 0) {
        // read it all
      }
      b.flip();
    }
    int min = MAGIC.length + 4 + 4 + 8 + 4;
    if (b.remaining() < min || !b.slice(0, MAGIC.length).equals(ByteBuffer.wrap(MAGIC))) {
      throw new DamagedFileException("shard copy", p, "not a shard copy (no SIEVESHD magic)", null);
    }
    if (b.getInt(MAGIC.length) != FORMAT) {
      throw new DamagedFileException("shard copy", p, "format " + b.getInt(MAGIC.length) + ", this build reads " + FORMAT, null);
    }
    int headerLen = b.getInt(MAGIC.length + 4);
    long body = headerLen < 0 || MAGIC.length + 8L + headerLen + 8 > b.limit() ? -1 : b.getLong(MAGIC.length + 8 + headerLen);
    if (body < 0 || MAGIC.length + 8L + headerLen + 8 + body + 4 != b.limit()) {
      throw new DamagedFileException("shard copy", p, "lengths do not match the file's " + b.limit() + " bytes", null);
    }
    CRC32C crc = new CRC32C();
    crc.update(b.slice(0, b.limit() - 4));
    if ((int) crc.getValue() != b.getInt(b.limit() - 4)) {
      throw new DamagedFileException("shard copy", p, "CRC32C mismatch", null);
    }
    return b;
  }

  /**
   * Journals update {@code op} of {@code elements} at ({@code term}, {@code seq}) to copy {@code c}:
   * written to the file when this returns (it survives a kill -9), on stable storage once the
   * future completes, as the {@code --fsync} policy says (group commit with the other copies'
   * updates; {@link #await} waits for it; a later record's durability covers this one's).
   */
  java.util.concurrent.CompletableFuture<Void> append(Copy c, UpdateOp op, long term, long seq, JsonObject elements)
      throws IOException {
    byte[] payload = elements.copy().put("term", term).put("seq", seq).encode().getBytes(StandardCharsets.UTF_8);
    Journal.Appended a = journal.append(c.kind().wireName(), c.key(), op == UpdateOp.ADD ? JournalBatch.Op.ADD
        : JournalBatch.Op.REMOVE, payload);
    lastRecord.put(c.key(), a.seq());
    return a.durable();
  }

  /** Waits for {@code durable} (an {@link #append}'s), its failure as the journal's IOException. */
  static void await(java.util.concurrent.CompletableFuture<Void> durable) throws IOException {
    try {
      durable.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    }
  }

  /** Deletes copy {@code c}'s file and its journal records. */
  void delete(Copy c) {
    try {
      shards.delete(c.file());
      fileBytes.remove(c.file());
    } catch (IOException e) {
      LOG.warning("could not delete the shard copy " + c.file() + ": " + e.getMessage());
    }
    lastRecord.remove(c.key());
    journal.release(c.kind().wireName(), c.key(), Long.MAX_VALUE);
  }

  /** The id of the cluster life this node last joined, or null (never joined one from this directory). */
  String life() throws IOException {
    try {
      return Files.readString(dir.resolve("life"), StandardCharsets.UTF_8).trim();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Records {@code life} as the one this node joined (atomically). */
  void life(String life) throws IOException {
    new SnapshotFiles(dir).write("life", out -> out.write((life + "\n").getBytes(StandardCharsets.UTF_8)));
  }

  /** Bytes of the copies' files and of the journal (no I/O: the scrape of /metrics reads it on an event loop). */
  long bytes() {
    return journal.stats().fileBytes() + fileBytes.values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public void close() throws IOException {
    journal.close();
  }
}
