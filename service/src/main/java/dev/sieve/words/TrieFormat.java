package dev.sieve.words;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The serialized form of a {@link WordSet}: a fixed header, the trie's bytes as they are in
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
 * <p>Version 2 (still read; a set read from it is written back as v2) has the same fields at
 * 4 bytes each (header of 32 bytes), at most two tiers of hot nodes, and the node headers of
 * {@link NodeLayout#V2}. Golden files of both live in the tests ({@code golden/words-v*.trie}).
 *
 * <p>Reading verifies the magic, version, lengths and checksum, then walks the whole structure
 * once (bounds, node boundaries, acyclicity, word counts) so that even data with a forged
 * checksum can never be read as garbage or loop forever. A trusted read (a snapshot this service
 * wrote itself) keeps every check but the graph walk: the checksum already proves the bytes are
 * those written, and the node-by-node pass (bounds, node boundaries) still runs.
 */
final class TrieFormat {
  static final int MAGIC = 0x53565753; // "SVWS"
  /** The version written for sets built here; a set read from an older file keeps its own. */
  static final int VERSION = 3;
  /** Bytes of the v3 header (64-bit counts and lengths). */
  static final int HEADER = 52;
  /** Bytes of the v2 header (32-bit fields). */
  static final int HEADER_V2 = 32;

  private TrieFormat() {}

  static void write(WordSet set, OutputStream out) throws IOException {
    ByteBuffer data = set.data;
    int[] hot = set.codes.hot;
    ByteBuffer head;
    if (set.layout.version == 2) { // a set read from a v2 file is written back as it came
      head = ByteBuffer.allocate(HEADER_V2).order(ByteOrder.BIG_ENDIAN);
      head.putInt(MAGIC).putInt(2).putInt((int) set.size()).putInt(set.root)
          .putInt((int) set.states()).putInt((int) set.arcCount()).putInt(data.capacity()).putInt(hot.length);
    } else {
      head = ByteBuffer.allocate(HEADER).order(ByteOrder.BIG_ENDIAN);
      head.putInt(MAGIC).putInt(set.layout.version).putLong(set.size()).putLong(set.root)
          .putLong(set.states()).putLong(set.arcCount()).putLong(data.capacity()).putInt(hot.length);
    }
    ByteBuffer table = ByteBuffer.allocate(4 * hot.length);
    table.asIntBuffer().put(hot);
    CRC32C crc = new CRC32C();
    crc.update(head.array());
    crc.update(data.duplicate());
    crc.update(table.array());
    out.write(head.array());
    writeBytes(data, out);
    out.write(table.array());
    out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  /**
   * Writes the trie's bytes (heap or mapped) through a small buffer: a mapped set has no array,
   * and one chunk at a time keeps the copy small whatever the set's size.
   */
  private static void writeBytes(ByteBuffer data, OutputStream out) throws IOException {
    if (data.hasArray()) {
      out.write(data.array(), data.arrayOffset(), data.capacity());
      return;
    }
    byte[] chunk = new byte[1 << 16];
    ByteBuffer src = data.duplicate().clear();
    while (src.hasRemaining()) {
      int n = Math.min(chunk.length, src.remaining());
      src.get(chunk, 0, n);
      out.write(chunk, 0, n);
    }
  }

  static WordSet read(ByteBuffer in) throws IOException {
    return read(in, false, false);
  }

  /**
   * Reads a set. {@code trusted}: skip the graph walk (see the class comment). {@code inPlace}: the
   * set reads the trie's bytes where they are in {@code in} (a mapped snapshot: nothing copied to
   * the heap, the checksum and node pass stream over the mapping), so {@code in}'s bytes must
   * never change while the set is in use; otherwise they are copied into a heap array.
   */
  static WordSet read(ByteBuffer in, boolean trusted, boolean inPlace) throws IOException {
    ByteBuffer buf = in.slice().order(ByteOrder.BIG_ENDIAN);
    if (buf.remaining() < 8) {
      throw new CorruptWordSetException("truncated word set: " + buf.remaining() + " bytes, need at least 8");
    }
    int magic = buf.getInt(0);
    if (magic != MAGIC) {
      throw new CorruptWordSetException(String.format("not a word set: magic 0x%08x, expected 0x%08x", magic, MAGIC));
    }
    int version = buf.getInt(4);
    NodeLayout layout = NodeLayout.of(version);
    if (layout == null) {
      throw new CorruptWordSetException("unsupported word set format version " + version + " (this build reads 2 and 3)");
    }
    final int header = version == 2 ? HEADER_V2 : HEADER;
    if (buf.remaining() < header + 4) {
      throw new CorruptWordSetException("truncated word set: " + buf.remaining() + " bytes, need at least " + (header + 4));
    }
    long size;
    long rootAt;
    long states;
    long arcs;
    long length;
    int hotCount;
    if (version == 2) {
      size = buf.getInt(8);
      rootAt = buf.getInt(12);
      states = buf.getInt(16);
      arcs = buf.getInt(20);
      length = buf.getInt(24);
      hotCount = buf.getInt(28);
    } else {
      size = buf.getLong(8);
      rootAt = buf.getLong(16);
      states = buf.getLong(24);
      arcs = buf.getLong(32);
      length = buf.getLong(40);
      hotCount = buf.getInt(48);
    }
    if (length < 1 || length > (version == 2 ? 1 << 30 : TrieEncoder.MAX_BYTES) || size < 0 || states < 0 || arcs < 0
        || rootAt < 0 || rootAt >= length || hotCount < 0 || hotCount > layout.maxHot()) {
      throw new CorruptWordSetException("corrupt word set header: length " + length + ", size " + size
          + ", root " + rootAt + ", hot nodes " + hotCount);
    }
    int len = (int) length;
    int root = (int) rootAt;
    long total = (long) header + len + 4L * hotCount + 4;
    if (total > buf.remaining()) {
      throw new CorruptWordSetException("truncated word set: header announces " + total
          + " bytes, only " + buf.remaining() + " present");
    }
    int tableAt = header + len;
    CRC32C crc = new CRC32C();
    crc.update(buf.slice(0, tableAt + 4 * hotCount)); // a view: a mapping is streamed, not copied
    int expected = buf.getInt(tableAt + 4 * hotCount);
    if ((int) crc.getValue() != expected) {
      throw new CorruptWordSetException(String.format("word set checksum mismatch: computed 0x%08x, stored 0x%08x",
          (int) crc.getValue(), expected));
    }
    int[] hot = new int[hotCount];
    buf.slice(tableAt, 4 * hotCount).asIntBuffer().get(hot);
    ByteBuffer data;
    if (inPlace) {
      data = buf.slice(header, len);
    } else {
      byte[] copy = new byte[len];
      buf.get(header, copy);
      data = ByteBuffer.wrap(copy);
    }
    TargetCodes codes = new TargetCodes(hot);
    long[] roles = new long[WordSet.ROLES.length];
    int nodes = trusted ? scan(layout, data, codes, root, roles)
        : validate(layout, data, codes, root, size, roles);
    roles[WordSet.ROLE_HOT] = codes.byteSize();
    in.position(in.position() + (int) total);
    return new WordSet(layout, data, codes, root, size, roles, nodes, states, arcs);
  }

  /** Checks the structure; returns the number of encoded nodes and fills in bytes by role. */
  static int validate(NodeLayout layout, ByteBuffer d, TargetCodes codes, int root, long size, long[] roles)
      throws CorruptWordSetException {
    int[] starts = boundaries(layout, d, codes, root, roles);
    int n = starts.length;
    // Pass 2: every target is a node; no cycles; every stored count is right.
    long[] count = new long[n];
    byte[] state = new byte[n]; // 0 unseen, 1 on the stack, 2 done
    int[] stack = new int[64];
    int sp = 0;
    stack[sp++] = root;
    while (sp > 0) {
      int at = stack[sp - 1];
      int idx = Arrays.binarySearch(starts, at);
      if (state[idx] == 2) {
        sp--;
        continue;
      }
      int end = idx + 1 < n ? starts[idx + 1] : d.capacity();
      int[] targets = targets(layout, d, codes, at, end, starts);
      if (state[idx] == 0) {
        state[idx] = 1;
        for (int t : targets) {
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
      for (int t : targets) {
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
  static int scan(NodeLayout layout, ByteBuffer d, TargetCodes codes, int root, long[] roles)
      throws CorruptWordSetException {
    int[] named = Arrays.copyOf(codes.hot, codes.hot.length + 1);
    named[codes.hot.length] = root;
    Arrays.sort(named);
    for (int h : codes.hot) {
      if (h <= 0) {
        throw corrupt("hot-node table entry is not a node", h);
      }
    }
    int next = 0; // named[next] is the smallest named offset not yet met
    int n = 0;
    int p = 0;
    while (p < d.capacity()) {
      if (next < named.length && named[next] < p) {
        throw corrupt(named[next] == root ? "root is not a node" : "hot-node table entry is not a node", named[next]);
      }
      while (next < named.length && named[next] == p) {
        next++;
      }
      n++;
      p = nodeEnd(layout, d, p, roles);
    }
    if (p != d.capacity()) {
      throw corrupt("last node runs past the end", p);
    }
    if (next < named.length) {
      throw corrupt(named[next] == root ? "root is not a node" : "hot-node table entry is not a node", named[next]);
    }
    return n;
  }

  /** Pass 1: node boundaries (bounds-checked) and bytes by role; returns every node's offset. */
  private static int[] boundaries(NodeLayout layout, ByteBuffer d, TargetCodes codes, int root, long[] roles)
      throws CorruptWordSetException {
    int[] starts = new int[16];
    int n = 0;
    int p = 0;
    while (p < d.capacity()) {
      if (n == starts.length) {
        starts = Arrays.copyOf(starts, n * 2);
      }
      starts[n++] = p;
      p = nodeEnd(layout, d, p, roles);
    }
    if (p != d.capacity()) {
      throw corrupt("last node runs past the end", p);
    }
    starts = Arrays.copyOf(starts, n);
    if (Arrays.binarySearch(starts, root) < 0) {
      throw corrupt("root is not a node", root);
    }
    for (int h : codes.hot) {
      if (h <= 0 || Arrays.binarySearch(starts, h) < 0) {
        throw corrupt("hot-node table entry is not a node", h);
      }
    }
    return starts;
  }

  /** End of the node at {@code p} (bounds-checked), adding its bytes to {@code roles}. */
  private static int nodeEnd(NodeLayout layout, ByteBuffer d, int p, long[] roles) throws CorruptWordSetException {
    int h = d.get(p) & 0xFF;
    if (h == 0) {
      if (p != 0) {
        throw corrupt("sink outside offset 0", p);
      }
      roles[WordSet.ROLE_HEADERS]++;
      return p + 1;
    }
    if (h < 0x80) {
      int k = h & layout.chainLength;
      if (k == 0) {
        throw corrupt("chain without labels", p);
      }
      int q = p + 1 + k;
      int end;
      if ((h & layout.chainNext) != 0) {
        need(d, p, 1 + k);
        end = q;
      } else {
        end = varEnd(d, q);
      }
      roles[WordSet.ROLE_HEADERS]++;
      roles[WordSet.ROLE_LABELS] += k;
      roles[WordSet.ROLE_TARGETS] += end - q;
      return end;
    }
    int n = h & layout.arcCount;
    int q = p + 1;
    if (n == layout.arcCount) {
      need(d, q, 1);
      n += d.get(q++) & 0xFF;
    }
    boolean next = (h & layout.arcNext) != 0;
    if (next && (n == 0 || n >= WordSet.WIDE)) {
      throw corrupt("next flag on a node with " + n + " arcs", p);
    }
    need(d, q, n);
    for (int j = 1; j < n; j++) {
      if ((d.get(q + j) & 0xFF) <= (d.get(q + j - 1) & 0xFF)) {
        throw corrupt("labels out of order", p);
      }
    }
    int end = q + n;
    if (n >= WordSet.WIDE) {
      need(d, end, 1);
      int w = d.get(end);
      if (w < 1 || w > 4) {
        throw corrupt("target width " + w, p);
      }
      need(d, end, 1 + n * w);
      roles[WordSet.ROLE_TARGETS] += 1 + (long) n * w;
      end += 1 + n * w;
    } else {
      for (int j = next ? 1 : 0; j < n; j++) {
        int t = varEnd(d, end);
        roles[WordSet.ROLE_TARGETS] += t - end;
        end = t;
      }
    }
    int countEnd = varEnd(d, end, 10);
    roles[WordSet.ROLE_HEADERS] += q - p;
    roles[WordSet.ROLE_LABELS] += n;
    roles[WordSet.ROLE_COUNTS] += countEnd - end;
    return countEnd;
  }

  /** Targets of the node at {@code p}, which pass 1 found well-formed (its end is {@code end}). */
  private static int[] targets(NodeLayout layout, ByteBuffer d, TargetCodes codes, int p, int end, int[] starts)
      throws CorruptWordSetException {
    int h = d.get(p) & 0xFF;
    if (h == 0) {
      return new int[0];
    }
    long[] t;
    if (h < 0x80) {
      int k = h & layout.chainLength;
      t = new long[] {(h & layout.chainNext) != 0 ? end : decode(codes, p, WordSet.readVar(d, p + 1 + k))};
    } else {
      int n = h & layout.arcCount;
      int q = p + 1;
      if (n == layout.arcCount) {
        n += d.get(q++) & 0xFF;
      }
      t = new long[n];
      int at = q + n;
      int w = n >= WordSet.WIDE ? d.get(at++) : 0;
      int stored = n;
      if ((h & layout.arcNext) != 0) {
        t[n - 1] = end;
        stored = n - 1;
      }
      for (int j = 0; j < stored; j++) {
        int v;
        if (w > 0) {
          v = 0;
          for (int b = 0; b < w; b++) {
            v |= (d.get(at + b) & 0xFF) << (8 * b);
          }
          at += w;
        } else {
          v = WordSet.readVar(d, at);
          at = WordSet.varEnd(d, at);
        }
        t[j] = decode(codes, p, v);
      }
    }
    int[] out = new int[t.length];
    for (int j = 0; j < t.length; j++) {
      if (t[j] < 0 || t[j] >= d.capacity() || Arrays.binarySearch(starts, (int) t[j]) < 0) {
        throw corrupt("arc target " + t[j] + " is not a node", p);
      }
      if (t[j] == 0 && d.get(0) != 0) {
        throw corrupt("arc to the sink but offset 0 is no sink", p);
      }
      if (t[j] == p) {
        throw corrupt("node points to itself", p);
      }
      out[j] = (int) t[j];
    }
    return out;
  }

  private static long decode(TargetCodes codes, int p, int v) throws CorruptWordSetException {
    if (!codes.isValid(v)) {
      throw corrupt("arc names hot node " + (v - 1) + " beyond the table", p);
    }
    return codes.decode(p, v);
  }

  private static long storedCount(NodeLayout layout, ByteBuffer d, int p) {
    int h = d.get(p) & 0xFF;
    int n = h & layout.arcCount;
    int q = p + 1;
    if (n == layout.arcCount) {
      n += d.get(q++) & 0xFF;
    }
    int c = q + n;
    if (n >= WordSet.WIDE) {
      c += 1 + n * d.get(c);
    } else {
      for (int j = (h & layout.arcNext) != 0 ? 1 : 0; j < n; j++) {
        c = WordSet.varEnd(d, c);
      }
    }
    return WordSet.readVarLong(d, c);
  }

  private static int varEnd(ByteBuffer d, int p) throws CorruptWordSetException {
    return varEnd(d, p, 5);
  }

  /** End of the varint at {@code p} of at most {@code max} bytes (5: an int target; 10: a long count). */
  private static int varEnd(ByteBuffer d, int p, int max) throws CorruptWordSetException {
    for (int i = 0; i < max; i++) {
      need(d, p + i, 1);
      if (d.get(p + i) >= 0) {
        if (max == 10 && i == 9 && (d.get(p + i) & 0x7E) != 0) {
          throw corrupt("count beyond 64 bits", p);
        }
        return p + i + 1;
      }
    }
    throw corrupt("varint longer than " + max + " bytes", p);
  }

  private static void need(ByteBuffer d, int p, int n) throws CorruptWordSetException {
    if (p < 0 || (long) p + n > d.capacity()) {
      throw corrupt("node runs past the end of the data", p);
    }
  }

  private static CorruptWordSetException corrupt(String what, int at) {
    return new CorruptWordSetException("corrupt word set: " + what + " (offset " + at + ")");
  }
}
