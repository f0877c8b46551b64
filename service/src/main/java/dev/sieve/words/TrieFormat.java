package dev.sieve.words;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The serialized form of a {@link Trie} (one part of a {@link WordSet}; see {@link PartsFormat}): a fixed header, the trie's bytes as they are in
 * memory (so reading is one copy, or none: a mapped snapshot is read in place; no rebuild), and a
 * CRC32C of everything before it.
 *
 * <pre>
 *   offset size  field (big-endian), version 3
 *   0      4     magic "SVWS"
 *   4      4     format version (3)
 *   8      8     word count
 *   16     8     root offset
 *   24     8     states of the minimal automaton (informational)
 *   32     8     arcs of the minimal automaton (informational)
 *   40     8     data length L
 *   48     4     hot-node table entries H
 *   52     L     trie bytes
 *   52+L   4H    hot-node table (offsets into the trie bytes)
 *   52+L+4H 4    CRC32C of all bytes before it
 * </pre>
 *
 * <p>Version 4 has v3's header and nodes; it is written only for a trie past
 * {@link TrieEncoder#MAX_BYTES} (about 1 GiB), whose target codes may pass 32 bits (varints of up
 * to 10 bytes, fixed-width targets of up to 8), and its hot-node table holds 8-byte offsets
 * ({@code 8H} bytes). Below that size the encoder writes v3, byte for byte as before. The file
 * format does not depend on the pages the trie is held in ({@link TrieBytes}).
 *
 * <p>Version 2 (still read; a set read from it is written back as v2) has the same fields at
 * 4 bytes each (header of 32 bytes), at most two tiers of hot nodes, and the node headers of
 * {@link NodeLayout#V2}. Golden files of each live in the tests ({@code golden/words-v*.trie}).
 *
 * <p>Reading verifies the magic, version, lengths and checksum, then walks the whole structure
 * once (bounds, node boundaries, acyclicity, word counts) so that even data with a forged
 * checksum can never be read as garbage or loop forever. A trusted read (a snapshot this service
 * wrote itself) checks the magic, version, lengths, checksum and the offsets the header and the
 * hot table name, and skips the walk: the checksum already proves the bytes are those written.
 * Its node-by-node pass, which only counts bytes by role and nodes, runs the first time those
 * figures are asked for ({@link TrieFigures}), so a restart costs the checksum alone.
 */
final class TrieFormat {
  static final int MAGIC = 0x53565753; // "SVWS"
  /** The version written for sets built here that fit v3; a set read from an older file keeps its own. */
  static final int VERSION = 3;
  /** The version written for tries past {@link TrieEncoder#MAX_BYTES} (64-bit codes and hot offsets). */
  static final int VERSION_LARGE = 4;
  /** Bytes of the v3 and v4 header (64-bit counts and lengths). */
  static final int HEADER = 52;
  /** Bytes of the v2 header (32-bit fields). */
  static final int HEADER_V2 = 32;

  private TrieFormat() {}

  /** Bytes {@link #write} writes for {@code set}. */
  static long fileBytes(Trie set) {
    int entry = set.layout.wideCodes() ? 8 : 4;
    return (set.layout.version == 2 ? HEADER_V2 : HEADER) + set.data.length() + (long) entry * set.codes.entries() + 4;
  }

  static void write(Trie set, OutputStream out) throws IOException {
    TrieBytes data = set.data;
    TargetCodes codes = set.codes;
    ByteBuffer head;
    if (set.layout.version == 2) { // a set read from a v2 file is written back as it came
      head = ByteBuffer.allocate(HEADER_V2).order(ByteOrder.BIG_ENDIAN);
      head.putInt(MAGIC).putInt(2).putInt((int) set.size()).putInt((int) set.root)
          .putInt((int) set.states()).putInt((int) set.arcCount()).putInt((int) data.length()).putInt(codes.entries());
    } else {
      head = ByteBuffer.allocate(HEADER).order(ByteOrder.BIG_ENDIAN);
      head.putInt(MAGIC).putInt(set.layout.version).putLong(set.size()).putLong(set.root)
          .putLong(set.states()).putLong(set.arcCount()).putLong(data.length()).putInt(codes.entries());
    }
    ByteBuffer table;
    if (set.layout.wideCodes()) {
      table = ByteBuffer.allocate(8 * codes.entries());
      table.asLongBuffer().put(codes.wide);
    } else {
      table = ByteBuffer.allocate(4 * codes.entries());
      table.asIntBuffer().put(codes.hot);
    }
    CRC32C crc = new CRC32C();
    crc.update(head.array());
    data.updateChecksum(crc);
    crc.update(table.array());
    out.write(head.array());
    writeBytes(data, out);
    out.write(table.array());
    out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  /**
   * Writes the trie's bytes (heap or mapped, page by page) through a small buffer: a mapped set
   * has no array, and one chunk at a time keeps the copy small whatever the set's size.
   */
  private static void writeBytes(TrieBytes data, OutputStream out) throws IOException {
    byte[] chunk = null;
    for (int i = 0; i < data.pageCount(); i++) {
      ByteBuffer src = data.page(i);
      if (src.hasArray()) {
        // in slices: a stream that checksums what it writes (a snapshot's) gets no 1 GiB call
        // (TrieBytes.checksum says why)
        for (int at = 0; at < src.capacity(); at += TrieBytes.CHECKSUM_CHUNK) {
          out.write(src.array(), src.arrayOffset() + at, Math.min(TrieBytes.CHECKSUM_CHUNK, src.capacity() - at));
        }
        continue;
      }
      if (chunk == null) {
        chunk = new byte[1 << 16];
      }
      while (src.hasRemaining()) {
        int n = Math.min(chunk.length, src.remaining());
        src.get(chunk, 0, n);
        out.write(chunk, 0, n);
      }
    }
  }

  static Trie read(ByteBuffer in) throws IOException {
    return read(in, false, false);
  }

  /** The fixed fields of a file, checked for sense but not yet against the bytes present. */
  private record Header(NodeLayout layout, int bytes, long size, long root, long states, long arcs, long length,
      int hotCount) {
    int entryBytes() {
      return layout.wideCodes() ? 8 : 4;
    }

    long tableBytes() {
      return (long) entryBytes() * hotCount;
    }

    long total() {
      return bytes + length + tableBytes() + 4;
    }
  }

  /** Parses the header at the start of {@code buf} ({@code available}: bytes of the whole file). */
  private static Header header(ByteBuffer buf, long available) throws CorruptWordSetException {
    if (available < 8) {
      throw new CorruptWordSetException("truncated word set: " + available + " bytes, need at least 8");
    }
    int magic = buf.getInt(0);
    if (magic != MAGIC) {
      throw new CorruptWordSetException(String.format("not a word set: magic 0x%08x, expected 0x%08x", magic, MAGIC));
    }
    int version = buf.getInt(4);
    NodeLayout layout = NodeLayout.of(version);
    if (layout == null) {
      throw new CorruptWordSetException("unsupported word set format version " + version + " (this build reads 2 to 5)");
    }
    final int header = version == 2 ? HEADER_V2 : HEADER;
    if (available < header + 4) {
      throw new CorruptWordSetException("truncated word set: " + available + " bytes, need at least " + (header + 4));
    }
    Header h;
    if (version == 2) {
      h = new Header(layout, header, buf.getInt(8), buf.getInt(12), buf.getInt(16), buf.getInt(20), buf.getInt(24),
          buf.getInt(28));
    } else {
      h = new Header(layout, header, buf.getLong(8), buf.getLong(16), buf.getLong(24), buf.getLong(32), buf.getLong(40),
          buf.getInt(48));
    }
    long max = version == 2 ? 1 << 30 : version == 3 ? TrieEncoder.MAX_BYTES : TrieEncoder.MAX_BYTES_V4;
    if (h.length < 1 || h.length > max || h.size < 0 || h.states < 0 || h.arcs < 0
        || h.root < 0 || h.root >= h.length || h.hotCount < 0 || h.hotCount > layout.maxHot()) {
      throw new CorruptWordSetException("corrupt word set header: length " + h.length + ", size " + h.size
          + ", root " + h.root + ", hot nodes " + h.hotCount);
    }
    if (h.total() > available) {
      throw new CorruptWordSetException("truncated word set: header announces " + h.total()
          + " bytes, only " + available + " present");
    }
    return h;
  }

  private static TargetCodes table(Header h, ByteBuffer t) {
    if (h.layout.wideCodes()) {
      long[] hot = new long[h.hotCount];
      t.asLongBuffer().get(hot);
      return new TargetCodes(hot);
    }
    int[] hot = new int[h.hotCount];
    t.asIntBuffer().get(hot);
    return new TargetCodes(hot);
  }

  private static void checksum(CRC32C crc, int expected) throws CorruptWordSetException {
    if ((int) crc.getValue() != expected) {
      throw new CorruptWordSetException(String.format("word set checksum mismatch: computed 0x%08x, stored 0x%08x",
          (int) crc.getValue(), expected));
    }
  }

  /**
   * Reads a set. {@code trusted}: skip the graph walk (see the class comment). {@code inPlace}: the
   * set reads the trie's bytes where they are in {@code in} (a mapped snapshot: nothing copied to
   * the heap, the checksum streams over the mapping), so {@code in}'s bytes must
   * never change while the set is in use; otherwise they are copied into heap pages.
   */
  static Trie read(ByteBuffer in, boolean trusted, boolean inPlace) throws IOException {
    ByteBuffer buf = in.slice().order(ByteOrder.BIG_ENDIAN);
    Header h = header(buf, buf.remaining());
    int len = (int) h.length; // within buf's remaining bytes: below 2^31
    int tableAt = h.bytes + len;
    int tableBytes = (int) h.tableBytes();
    CRC32C crc = new CRC32C();
    TrieBytes.checksum(crc, buf.slice(0, tableAt + tableBytes)); // a view: a mapping is streamed, not copied
    checksum(crc, buf.getInt(tableAt + tableBytes));
    TargetCodes codes = table(h, buf.slice(tableAt, tableBytes));
    TrieBytes data;
    if (inPlace) {
      data = TrieBytes.of(buf.slice(h.bytes, len));
    } else if (len <= 1 << TrieBytes.DEFAULT_SHIFT) {
      byte[] copy = new byte[len];
      buf.get(h.bytes, copy);
      data = TrieBytes.of(ByteBuffer.wrap(copy));
    } else {
      data = TrieBytes.of(buf.slice(h.bytes, len)).repaged(TrieBytes.DEFAULT_SHIFT);
    }
    Trie set = finish(h, data, codes, trusted);
    in.position(in.position() + (int) h.total());
    return set;
  }

  /**
   * Reads a trusted set (see {@link #read(ByteBuffer, boolean, boolean)}) of {@code fileSize}
   * bytes in place through {@code mapper}: the trie's bytes as pages of {@code 2^pageShift} bytes,
   * one mapping each, so a trie past 2^31 bytes (more than one {@code MappedByteBuffer} can hold)
   * is read in place too. The file must hold the set and nothing after it.
   */
  static Trie readInPlace(WordSet.Mapper mapper, long fileSize, int pageShift) throws IOException {
    ByteBuffer head = mapper.map(0, Math.min(fileSize, HEADER)).order(ByteOrder.BIG_ENDIAN);
    Header h = header(head, fileSize);
    if (h.total() != fileSize) {
      throw new CorruptWordSetException("trailing bytes after the word set: " + (fileSize - h.total()));
    }
    CRC32C crc = new CRC32C();
    crc.update(head.slice(0, h.bytes));
    long pageSize = 1L << pageShift;
    ByteBuffer[] pages = new ByteBuffer[(int) ((h.length - 1) / pageSize + 1)];
    for (int i = 0; i < pages.length; i++) {
      long at = (long) i * pageSize;
      pages[i] = mapper.map(h.bytes + at, Math.min(pageSize, h.length - at));
      mapper.checksum(crc, h.bytes + at, Math.min(pageSize, h.length - at));
    }
    ByteBuffer tail = mapper.map(h.bytes + h.length, h.tableBytes() + 4).order(ByteOrder.BIG_ENDIAN);
    int tableBytes = (int) h.tableBytes();
    crc.update(tail.slice(0, tableBytes));
    checksum(crc, tail.getInt(tableBytes));
    TargetCodes codes = table(h, tail.slice(0, tableBytes));
    return finish(h, TrieBytes.of(pages, pageShift), codes, true);
  }

  /**
   * The set over checked bytes. Untrusted: the graph walk ({@link #validate}) before anything is
   * served. Trusted (the checksum matched a file this service wrote): only the offsets the header
   * and the hot table name are bounds-checked here, and the pass that counts bytes by role and
   * nodes ({@link #scan}) runs the first time those figures are asked for ({@link TrieFigures}), so
   * reading a snapshot costs its checksum, not a decoding of every node.
   */
  private static Trie finish(Header h, TrieBytes data, TargetCodes codes, boolean trusted)
      throws CorruptWordSetException {
    TrieFigures figures;
    if (trusted) {
      long length = data.length();
      if (h.root < 0 || h.root >= length) {
        throw corrupt("root is not a node", h.root);
      }
      for (int i = 0; i < codes.entries(); i++) {
        if (codes.hotAt(i) <= 0 || codes.hotAt(i) >= length) {
          throw corrupt("hot-node table entry is not a node", codes.hotAt(i));
        }
      }
      figures = TrieFigures.counted(() -> counted(h, data, codes, true));
    } else {
      figures = counted(h, data, codes, false);
    }
    return new Trie(h.layout, data, codes, h.root, h.size, figures, h.states, h.arcs);
  }

  private static TrieFigures counted(Header h, TrieBytes data, TargetCodes codes, boolean trusted)
      throws CorruptWordSetException {
    long[] roles = new long[Trie.ROLES.length];
    long nodes = trusted ? scan(h.layout, data, codes, h.root, roles)
        : validate(h.layout, data, codes, h.root, h.size, roles);
    roles[Trie.ROLE_HOT] = codes.byteSize();
    return TrieFigures.of(roles, nodes);
  }

  /** Checks the structure; returns the number of encoded nodes and fills in bytes by role. */
  static long validate(NodeLayout layout, TrieBytes d, TargetCodes codes, long root, long size, long[] roles)
      throws CorruptWordSetException {
    long[] starts = boundaries(layout, d, codes, root, roles);
    int n = starts.length;
    // Pass 2: every target is a node; no cycles; every stored count is right.
    long[] count = new long[n];
    byte[] state = new byte[n]; // 0 unseen, 1 on the stack, 2 done
    long[] stack = new long[64];
    int sp = 0;
    stack[sp++] = root;
    while (sp > 0) {
      long at = stack[sp - 1];
      int idx = Arrays.binarySearch(starts, at);
      if (state[idx] == 2) {
        sp--;
        continue;
      }
      long end = idx + 1 < n ? starts[idx + 1] : d.length();
      long[] targets = targets(layout, d, codes, at, end, starts);
      if (state[idx] == 0) {
        state[idx] = 1;
        for (long t : targets) {
          int ti = Arrays.binarySearch(starts, t);
          if (state[ti] == 1) {
            throw corrupt("cycle through node", t);
          }
          if (state[ti] == 0) {
            if (sp == stack.length) {
              stack = Arrays.copyOf(stack, sp * 2);
            }
            stack[sp++] = t;
          }
        }
        continue;
      }
      // All children done: compute and check this node's count.
      int h = d.get(at) & 0xFF;
      long c = h == 0 ? 1 : 0;
      if ((h & 0x80) != 0 && (h & 0x40) != 0) {
        c = 1;
      }
      for (long t : targets) {
        c += count[Arrays.binarySearch(starts, t)];
        if (c < 0) {
          throw corrupt("word count beyond 64 bits", at);
        }
      }
      if (h >= 0x80) {
        long stored = storedCount(layout, d, at);
        if (stored != c) {
          throw corrupt("word count " + stored + " should be " + c, at);
        }
      }
      count[idx] = c;
      state[idx] = 2;
      sp--;
    }
    if (count[Arrays.binarySearch(starts, root)] != size) {
      throw new CorruptWordSetException("word set header says " + size + " words, trie holds "
          + count[Arrays.binarySearch(starts, root)]);
    }
    return n;
  }

  /**
   * Pass 1 without the offsets: node boundaries (bounds-checked) and bytes by role, with the root
   * and every hot-table entry checked to be a node start; returns the number of nodes. Its heap
   * use does not grow with the trie (the trusted read of a mapped snapshot: nothing proportional
   * to the set may land on the heap), only with the hot table.
   */
  static long scan(NodeLayout layout, TrieBytes d, TargetCodes codes, long root, long[] roles)
      throws CorruptWordSetException {
    int hot = codes.entries();
    long[] named = new long[hot + 1];
    for (int i = 0; i < hot; i++) {
      named[i] = codes.hotAt(i);
      if (named[i] <= 0) {
        throw corrupt("hot-node table entry is not a node", named[i]);
      }
    }
    named[hot] = root;
    Arrays.sort(named);
    int next = 0; // named[next] is the smallest named offset not yet met
    long n = 0;
    long p = 0;
    while (p < d.length()) {
      if (next < named.length && named[next] < p) {
        throw corrupt(named[next] == root ? "root is not a node" : "hot-node table entry is not a node", named[next]);
      }
      while (next < named.length && named[next] == p) {
        next++;
      }
      n++;
      p = nodeEnd(layout, d, p, roles);
    }
    if (p != d.length()) {
      throw corrupt("last node runs past the end", p);
    }
    if (next < named.length) {
      throw corrupt(named[next] == root ? "root is not a node" : "hot-node table entry is not a node", named[next]);
    }
    return n;
  }

  /** Pass 1: node boundaries (bounds-checked) and bytes by role; returns every node's offset. */
  static long[] boundaries(NodeLayout layout, TrieBytes d, TargetCodes codes, long root, long[] roles)
      throws CorruptWordSetException {
    long[] starts = new long[16];
    int n = 0;
    long p = 0;
    while (p < d.length()) {
      if (n == starts.length) {
        if (n > Integer.MAX_VALUE / 2 - 8) {
          throw new CorruptWordSetException("word set of more than 2^30 nodes: too large to validate");
        }
        starts = Arrays.copyOf(starts, n * 2);
      }
      starts[n++] = p;
      p = nodeEnd(layout, d, p, roles);
    }
    if (p != d.length()) {
      throw corrupt("last node runs past the end", p);
    }
    starts = Arrays.copyOf(starts, n);
    if (Arrays.binarySearch(starts, root) < 0) {
      throw corrupt("root is not a node", root);
    }
    for (int i = 0; i < codes.entries(); i++) {
      long h = codes.hotAt(i);
      if (h <= 0 || Arrays.binarySearch(starts, h) < 0) {
        throw corrupt("hot-node table entry is not a node", h);
      }
    }
    return starts;
  }

  /** End of the node at {@code p} (bounds-checked), adding its bytes to {@code roles}. */
  private static long nodeEnd(NodeLayout layout, TrieBytes d, long p, long[] roles) throws CorruptWordSetException {
    int h = d.get(p) & 0xFF;
    if (h == 0) {
      if (p != 0) {
        throw corrupt("sink outside offset 0", p);
      }
      roles[Trie.ROLE_HEADERS]++;
      return p + 1;
    }
    if (h < 0x80) {
      int k = h & layout.chainLength;
      if (k == 0) {
        throw corrupt("chain without labels", p);
      }
      long q = p + 1 + k;
      long end;
      if ((h & layout.chainNext) != 0) {
        need(d, p, 1 + k);
        end = q;
      } else {
        end = varEnd(d, q, layout.maxTargetVar());
      }
      roles[Trie.ROLE_HEADERS]++;
      roles[Trie.ROLE_LABELS] += k;
      roles[Trie.ROLE_TARGETS] += end - q;
      return end;
    }
    int n = h & layout.arcCount;
    long q = p + 1;
    if (n == layout.arcCount) {
      need(d, q, 1);
      n += d.get(q++) & 0xFF;
    }
    boolean next = (h & layout.arcNext) != 0;
    if (next && (n == 0 || n >= Trie.WIDE)) {
      throw corrupt("next flag on a node with " + n + " arcs", p);
    }
    need(d, q, n);
    for (int j = 1; j < n; j++) {
      if ((d.get(q + j) & 0xFF) <= (d.get(q + j - 1) & 0xFF)) {
        throw corrupt("labels out of order", p);
      }
    }
    long end = q + n;
    if (n >= Trie.WIDE) {
      need(d, end, 1);
      int w = d.get(end);
      if (w < 1 || w > layout.maxTargetWidth()) {
        throw corrupt("target width " + w, p);
      }
      need(d, end, 1 + (long) n * w);
      roles[Trie.ROLE_TARGETS] += 1 + (long) n * w;
      end += 1 + (long) n * w;
    } else {
      for (int j = next ? 1 : 0; j < n; j++) {
        long t = varEnd(d, end, layout.maxTargetVar());
        roles[Trie.ROLE_TARGETS] += t - end;
        end = t;
      }
    }
    long countEnd = varEnd(d, end, 10);
    roles[Trie.ROLE_HEADERS] += q - p;
    roles[Trie.ROLE_LABELS] += n;
    roles[Trie.ROLE_COUNTS] += countEnd - end;
    return countEnd;
  }

  /** Targets of the node at {@code p}, which pass 1 found well-formed (its end is {@code end}). */
  private static long[] targets(NodeLayout layout, TrieBytes d, TargetCodes codes, long p, long end, long[] starts)
      throws CorruptWordSetException {
    int h = d.get(p) & 0xFF;
    if (h == 0) {
      return new long[0];
    }
    long[] t;
    if (h < 0x80) {
      int k = h & layout.chainLength;
      t = new long[] {(h & layout.chainNext) != 0 ? end : decode(layout, codes, p, Trie.readVar(d, p + 1 + k))};
    } else {
      int n = h & layout.arcCount;
      long q = p + 1;
      if (n == layout.arcCount) {
        n += d.get(q++) & 0xFF;
      }
      t = new long[n];
      long at = q + n;
      int w = n >= Trie.WIDE ? d.get(at++) : 0;
      int stored = n;
      if ((h & layout.arcNext) != 0) {
        t[n - 1] = end;
        stored = n - 1;
      }
      for (int j = 0; j < stored; j++) {
        long v;
        if (w > 0) {
          v = 0;
          for (int b = 0; b < w; b++) {
            v |= (long) (d.get(at + b) & 0xFF) << (8 * b);
          }
          at += w;
        } else {
          v = Trie.readVar(d, at);
          at = Trie.varEnd(d, at);
        }
        t[j] = decode(layout, codes, p, v);
      }
    }
    for (int j = 0; j < t.length; j++) {
      if (t[j] < 0 || t[j] >= d.length() || Arrays.binarySearch(starts, t[j]) < 0) {
        throw corrupt("arc target " + t[j] + " is not a node", p);
      }
      if (t[j] == 0 && d.get(0) != 0) {
        throw corrupt("arc to the sink but offset 0 is no sink", p);
      }
      if (t[j] == p) {
        throw corrupt("node points to itself", p);
      }
    }
    return t;
  }

  private static long decode(NodeLayout layout, TargetCodes codes, long p, long v) throws CorruptWordSetException {
    if (!codes.isValid(v, layout.codeLimit())) {
      throw corrupt("arc code " + v + " is invalid (beyond the hot table, or too large)", p);
    }
    return codes.decode(p, v);
  }

  private static long storedCount(NodeLayout layout, TrieBytes d, long p) {
    int h = d.get(p) & 0xFF;
    int n = h & layout.arcCount;
    long q = p + 1;
    if (n == layout.arcCount) {
      n += d.get(q++) & 0xFF;
    }
    long c = q + n;
    if (n >= Trie.WIDE) {
      c += 1 + (long) n * d.get(c);
    } else {
      for (int j = (h & layout.arcNext) != 0 ? 1 : 0; j < n; j++) {
        c = Trie.varEnd(d, c);
      }
    }
    return Trie.readVarLong(d, c);
  }

  /**
   * End of the varint at {@code p} of at most {@code max} bytes (5: a v2/v3 target; 10: a v4
   * target or a count, 64 bits).
   */
  private static long varEnd(TrieBytes d, long p, int max) throws CorruptWordSetException {
    for (int i = 0; i < max; i++) {
      need(d, p + i, 1);
      if (d.get(p + i) >= 0) {
        if (max == 10 && i == 9 && (d.get(p + i) & 0x7E) != 0) {
          throw corrupt("varint beyond 64 bits", p);
        }
        return p + i + 1;
      }
    }
    throw corrupt("varint longer than " + max + " bytes", p);
  }

  private static void need(TrieBytes d, long p, long n) throws CorruptWordSetException {
    if (p < 0 || p + n > d.length()) {
      throw corrupt("node runs past the end of the data", p);
    }
  }

  private static CorruptWordSetException corrupt(String what, long at) {
    return new CorruptWordSetException("corrupt word set: " + what + " (offset " + at + ")");
  }
}
