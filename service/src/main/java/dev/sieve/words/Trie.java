package dev.sieve.words;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One part of a {@link WordSet}: an immutable set of words stored as an interned trie, a minimal acyclic automaton (every
 * distinct sub-trie stored once) frozen into one run of bytes (heap arrays, or a mapped snapshot
 * read in place; in pages of 1 GiB, {@link TrieBytes}, so of any size), with the number of words below each
 * branching node so that prefix counts and word &lt;-&gt; rank conversions cost O(length).
 *
 * <p><b>Order.</b> Words are ordered by their UTF-8 bytes compared unsigned, which is code point
 * order; it differs from {@link String#compareTo} (UTF-16 order) for characters above U+FFFF.
 * A word's <em>rank</em> is its 0-based position in that order: its canonical id.
 *
 * <p><b>Thread safety.</b> Instances are immutable and may be queried from any number of threads.
 *
 * <p><b>Byte format</b> of {@link #data}, version 3 (nodes are contiguous; offsets are
 * {@code long} byte offsets into the run; {@link NodeLayout} says how version 2, still read, and
 * version 4, for tries past 1 GiB, differ):
 * <ul>
 *   <li>{@code 0x00}: the final sink, at offset 0: every word ends here.
 *   <li>{@code 0x01..0x7F = next << 6 | k}: a chain of {@code k} (1..63) non-final single-arc
 *       nodes: {@code k} label bytes, then, unless {@code next} is set (the target is the node
 *       that follows), the target as an unsigned LEB128 varint (see targets below). Nodes inside
 *       a chain are not addressable, so a word cannot end inside one.
 *   <li>{@code 0x80 | final << 6 | next << 5 | m}: a general node with {@code n} arcs
 *       ({@code n = m} if {@code m < 31}, else the next byte holds {@code n - 31}); then {@code n}
 *       labels in ascending unsigned order, {@code n} targets as varints, the last arc's left out
 *       when {@code next} is set (it leads to the node that follows this one), or, when
 *       {@code n >= WIDE}, a byte {@code w} then {@code n} targets of {@code w} bytes each,
 *       little-endian, and the node's word count as a varint (last: lookups never read it).
 *   <li>Targets: varints naming the sink, a <em>hot</em> node through a table of offsets,
 *       or a node by its distance from the node holding the arc ({@link TargetCodes}).
 * </ul>
 *
 * <p>Built by {@link WordSetBuilder}, one or more to a {@link WordSet} (which holds a list of
 * consecutive ranges of the byte order, each such a trie); read and written by {@link TrieFormat}.
 */
final class Trie {
  static final String[] ROLES = {"headers", "labels", "targets", "counts", "hot"};
  static final int ROLE_HEADERS = 0;
  static final int ROLE_LABELS = 1;
  static final int ROLE_TARGETS = 2;
  static final int ROLE_COUNTS = 3;
  static final int ROLE_HOT = 4;
  /**
   * General nodes with at least this many arcs store their targets at a fixed width, so arc
   * {@code j} is found without skipping {@code j} varints (the root and the first levels of a
   * word list have dozens of arcs). Measured on wamerican-insane (2 cores, loaded): 16 took
   * contains from 367 to 240 ns for 0.6% more bytes; 8 was no faster and 3% bigger; 32 gave 259 ns.
   */
  static final int WIDE = 16;

  private static final Trie EMPTY = new Trie(NodeLayout.V3, TrieBytes.of(ByteBuffer.wrap(new byte[] {(byte) 0x80, 0})),
      new TargetCodes(new int[0]), 0, 0, TrieFigures.of(new long[] {1, 0, 0, 1, 0}, 1), 1, 0);

  /** The trie's bytes, in pages ({@link TrieBytes}); offsets into them are {@code long}. */
  final TrieBytes data;
  /**
   * The one heap array behind {@link #data}, or null (a mapped trie, or several pages): see
   * {@link #containsArray}.
   */
  private final byte[] array;
  /** The one page of a trie that is not a heap array (a mapped one below 1 GiB), or null: {@link #containsBuffer}. */
  private final ByteBuffer buffer;
  final TargetCodes codes;
  final long root;
  private final long size;
  private final TrieFigures figures;
  private final long states;
  private final long arcs;

  final NodeLayout layout;
  // The layout's masks, copied into fields the lookup loops read (see NodeLayout).
  private final int chainLength;
  private final int chainNext;
  final int arcCountMask;
  private final int arcNext;

  Trie(NodeLayout layout, TrieBytes data, TargetCodes codes, long root, long size, TrieFigures figures, long states,
      long arcs) {
    this.layout = layout;
    this.chainLength = layout.chainLength;
    this.chainNext = layout.chainNext;
    this.arcCountMask = layout.arcCount;
    this.arcNext = layout.arcNext;
    this.data = data;
    this.array = data.singleArray();
    this.buffer = array == null && data.pageCount() == 1 ? data.page(0) : null;
    this.codes = codes;
    this.root = root;
    this.size = size;
    this.figures = figures;
    this.states = states;
    this.arcs = arcs;
  }

  /** The empty set. */
  public static Trie empty() {
    return EMPTY;
  }

  /** Number of words. */
  public long size() {
    return size;
  }

  // ---------------------------------------------------------------- membership

  /** Whether the UTF-8 bytes {@code utf8[off..off+len)} form a word of this set. */
  public boolean contains(byte[] utf8, int off, int len) {
    if (array != null) {
      return containsArray(array, utf8, off, len);
    }
    if (buffer != null) {
      return containsBuffer(buffer, utf8, off, len);
    }
    final TrieBytes d = data;
    final int chainMask = chainLength; // locals: the loop reads them at every node
    final int arcMask = arcCountMask;
    long p = root;
    int i = off;
    final int end = off + len;
    while (true) {
      int h = d.get(p) & 0xFF;
      if (h == 0) {
        return i == end;
      }
      if (h < 0x80) {
        int k = h & chainMask;
        if (end - i < k) {
          return false;
        }
        for (int j = 1; j <= k; j++) {
          if (d.get(p + j) != utf8[i++]) {
            return false;
          }
        }
        p = chainTarget(p, h);
        continue;
      }
      if (i == end) {
        return (h & 0x40) != 0;
      }
      int n = h & arcMask;
      long q = p + 1;
      if (n == arcMask) {
        n += d.get(q++) & 0xFF;
      }
      int j = findLabel(q, n, utf8[i++] & 0xFF);
      if (j < 0) {
        return false;
      }
      p = arcTarget(p, q + n, n, j);
    }
  }

  // ---------------------------------------------------------------- membership on a heap array
  //
  // contains, the hottest query, once more over a plain byte[] for tries on the heap in one page: the same
  // code through ByteBuffer.get cost about 30% more per lookup (thread CPU time, wamerican-insane,
  // see docs/BENCHMARKS.md, issue 11), and a mapped or multi-page trie has no array. Every other
  // query reads through TrieBytes.get; WordSetPropertyTest, WordSetPagesTest and WordSetMappedTest
  // check both paths.

  private boolean containsArray(final byte[] d, byte[] utf8, int off, int len) {
    final int chainMask = chainLength; // locals: the loop reads them at every node
    final int arcMask = arcCountMask;
    int p = (int) root;
    int i = off;
    final int end = off + len;
    while (true) {
      int h = d[p] & 0xFF;
      if (h == 0) {
        return i == end;
      }
      if (h < 0x80) {
        int k = h & chainMask;
        if (end - i < k) {
          return false;
        }
        for (int j = 1; j <= k; j++) {
          if (d[p + j] != utf8[i++]) {
            return false;
          }
        }
        p = chainTargetA(d, p, h);
        continue;
      }
      if (i == end) {
        return (h & 0x40) != 0;
      }
      int n = h & arcMask;
      int q = p + 1;
      if (n == arcMask) {
        n += d[q++] & 0xFF;
      }
      int j = findLabelA(d, q, n, utf8[i++] & 0xFF);
      if (j < 0) {
        return false;
      }
      p = arcTargetA(d, p, q + n, n, j);
    }
  }

  private static int findLabelA(final byte[] d, int q, int n, int b) {
    if (n <= 16) {
      for (int j = 0; j < n; j++) {
        int l = d[q + j] & 0xFF;
        if (l >= b) {
          return l == b ? j : -1;
        }
      }
      return -1;
    }
    int lo = 0;
    int hi = n - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int l = d[q + mid] & 0xFF;
      if (l < b) {
        lo = mid + 1;
      } else if (l > b) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  private int arcTargetA(final byte[] d, int p, int t, int n, int j) {
    if (n >= WIDE) {
      int w = d[t];
      int at = t + 1 + j * w;
      long v = d[at] & 0xFF;
      for (int b = 1; b < w; b++) {
        v |= (long) (d[at + b] & 0xFF) << (8 * b);
      }
      return (int) decodeTarget(p, v);
    }
    for (int i = j; i > 0; i--) {
      t = varEndA(d, t);
    }
    if (j == n - 1 && (d[p] & arcNext) != 0) {
      return varEndA(d, t); // the last arc leads to the next node: past the count, which ends this one
    }
    return (int) decodeTarget(p, readVarA(d, t));
  }

  private int chainTargetA(byte[] d, int p, int h) {
    int end = p + 1 + (h & chainLength);
    return (h & chainNext) != 0 ? end : (int) decodeTarget(p, readVarA(d, end));
  }

  private static int varEndA(byte[] d, int p) {
    while (d[p] < 0) {
      p++;
    }
    return p + 1;
  }

  private static long readVarA(byte[] d, int p) {
    long v = 0;
    int shift = 0;
    while (true) {
      int b = d[p++];
      v |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return v;
      }
      shift += 7;
    }
  }

  // ---------------------------------------------------------------- membership on one buffer
  //
  // And once more over one ByteBuffer with int offsets, for a mapped trie in one page (every trie
  // below 1 GiB): through TrieBytes.get, contains on a mapped wamerican-insane cost 1.35x this
  // (thread CPU, ContainsCpu, docs/BENCHMARKS.md, issue 11's paged trie).

  private boolean containsBuffer(final ByteBuffer d, byte[] utf8, int off, int len) {
    final int chainMask = chainLength;
    final int arcMask = arcCountMask;
    int p = (int) root;
    int i = off;
    final int end = off + len;
    while (true) {
      int h = d.get(p) & 0xFF;
      if (h == 0) {
        return i == end;
      }
      if (h < 0x80) {
        int k = h & chainMask;
        if (end - i < k) {
          return false;
        }
        for (int j = 1; j <= k; j++) {
          if (d.get(p + j) != utf8[i++]) {
            return false;
          }
        }
        int at = p + 1 + k;
        p = (h & chainNext) != 0 ? at : (int) decodeTarget(p, readVarB(d, at));
        continue;
      }
      if (i == end) {
        return (h & 0x40) != 0;
      }
      int n = h & arcMask;
      int q = p + 1;
      if (n == arcMask) {
        n += d.get(q++) & 0xFF;
      }
      int j = findLabelB(d, q, n, utf8[i++] & 0xFF);
      if (j < 0) {
        return false;
      }
      p = arcTargetB(d, p, q + n, n, j);
    }
  }

  private static int findLabelB(final ByteBuffer d, int q, int n, int b) {
    if (n <= 16) {
      for (int j = 0; j < n; j++) {
        int l = d.get(q + j) & 0xFF;
        if (l >= b) {
          return l == b ? j : -1;
        }
      }
      return -1;
    }
    int lo = 0;
    int hi = n - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int l = d.get(q + mid) & 0xFF;
      if (l < b) {
        lo = mid + 1;
      } else if (l > b) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  private int arcTargetB(final ByteBuffer d, int p, int t, int n, int j) {
    if (n >= WIDE) {
      int w = d.get(t);
      int at = t + 1 + j * w;
      long v = d.get(at) & 0xFF;
      for (int b = 1; b < w; b++) {
        v |= (long) (d.get(at + b) & 0xFF) << (8 * b);
      }
      return (int) decodeTarget(p, v);
    }
    for (int i = j; i > 0; i--) {
      t = varEndB(d, t);
    }
    if (j == n - 1 && (d.get(p) & arcNext) != 0) {
      return varEndB(d, t);
    }
    return (int) decodeTarget(p, readVarB(d, t));
  }

  private static int varEndB(ByteBuffer d, int p) {
    while (d.get(p) < 0) {
      p++;
    }
    return p + 1;
  }

  private static long readVarB(ByteBuffer d, int p) {
    long v = 0;
    int shift = 0;
    while (true) {
      int b = d.get(p++);
      v |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return v;
      }
      shift += 7;
    }
  }

  // ---------------------------------------------------------------- prefix counts

  /** Number of words starting with the UTF-8 bytes {@code utf8[off..off+len)}. */
  public long count(byte[] utf8, int off, int len) {
    long p = root;
    int i = off;
    int end = off + len;
    while (i < end) {
      int h = data.get(p) & 0xFF;
      if (h == 0) {
        return 0;
      }
      if (h < 0x80) {
        int m = Math.min(h & chainLength, end - i);
        for (int j = 1; j <= m; j++) {
          if (data.get(p + j) != utf8[i++]) {
            return 0;
          }
        }
        p = chainTarget(p, h); // a prefix ending inside the chain has the chain's words
        continue;
      }
      int n = h & arcCountMask;
      long q = p + 1;
      if (n == arcCountMask) {
        n += data.get(q++) & 0xFF;
      }
      int j = findLabel(q, n, utf8[i++] & 0xFF);
      if (j < 0) {
        return 0;
      }
      p = arcTarget(p, q + n, n, j);
    }
    return nodeCount(p);
  }

  // ---------------------------------------------------------------- ranks (interning ids)

  /** The word's 0-based rank in byte order, or -1 if it is not in the set. */
  long rank(byte[] utf8, int off, int len) {
    long r = lessThan(utf8, off, len, true);
    return r;
  }

  /**
   * Counts the words smaller than the key. With {@code exactOnly}, returns -1 unless the key
   * itself is a word (then the result is its rank).
   */
  private long lessThan(byte[] key, int off, int len, boolean exactOnly) {
    final TrieBytes d = data;
    long r = 0;
    long p = root;
    int i = off;
    int end = off + len;
    while (true) {
      int h = d.get(p) & 0xFF;
      if (h == 0) {
        if (i == end) {
          return r;
        }
        return exactOnly ? -1 : r + 1; // the sink's word is a proper prefix of the key
      }
      if (h < 0x80) {
        int k = h & chainLength;
        for (int j = 1; j <= k; j++) {
          if (i == end) {
            return exactOnly ? -1 : r; // the key is a proper prefix of the chain's words
          }
          int kb = key[i++] & 0xFF;
          int lb = d.get(p + j) & 0xFF;
          if (kb != lb) {
            return exactOnly ? -1 : (kb < lb ? r : r + nodeCount(p));
          }
        }
        p = chainTarget(p, h);
        continue;
      }
      boolean fin = (h & 0x40) != 0;
      if (i == end) {
        return exactOnly && !fin ? -1 : r;
      }
      if (fin) {
        r++;
      }
      int n = h & arcCountMask;
      long q = p + 1;
      if (n == arcCountMask) {
        n += d.get(q++) & 0xFF;
      }
      int kb = key[i++] & 0xFF;
      int j = 0;
      while (j < n && (d.get(q + j) & 0xFF) < kb) {
        r += nodeCount(arcTarget(p, q + n, n, j));
        j++;
      }
      if (j == n || (d.get(q + j) & 0xFF) != kb) {
        return exactOnly ? -1 : r;
      }
      p = arcTarget(p, q + n, n, j);
    }
  }

  /** Number of words smaller than or equal to the key. */
  long atMost(byte[] key, int off, int len) {
    return lessThan(key, off, len, false) + (contains(key, off, len) ? 1 : 0);
  }

  /** Number of words strictly smaller than the key. */
  long below(byte[] key, int off, int len) {
    return lessThan(key, off, len, false);
  }

  /** A cursor over all words in byte order, positioned before the first. */
  TrieCursor cursor() {
    return new TrieCursor(this);
  }

  // ---------------------------------------------------------------- sizes

  /**
   * Exact bytes of the trie: its byte form (on the heap, or mapped: see {@link #isMapped}) and the
   * hot-node table (always on the heap); the few object headers around them are not counted.
   */
  public long byteSize() {
    return data.length() + codes.byteSize();
  }

  /**
   * Bytes by role: headers, labels, targets, counts, hot (the hot-node table); they add up to
   * byteSize. For a trie read in place from a snapshot, the first call decodes every node once
   * ({@link TrieFigures}): call it off the event loops.
   */
  public Map<String, Long> bytesByRole() {
    Map<String, Long> m = new LinkedHashMap<>();
    long[] roleBytes = figures.roles();
    for (int i = 0; i < ROLES.length; i++) {
      m.put(ROLES[i], roleBytes[i]);
    }
    return m;
  }

  /**
   * Shape of the automaton: states and arcs of the minimal DAFSA, and nodes after chain packing
   * (counted as {@link #bytesByRole} says for a trie read in place).
   */
  public Map<String, Long> shape() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("states", states);
    m.put("arcs", arcs);
    m.put("encodedNodes", figures.nodes());
    return m;
  }

  // ---------------------------------------------------------------- persistence

  /** The same set with its trie copied into heap pages of {@code 2^pageShift} bytes (tests). */
  Trie repaged(int pageShift) {
    return new Trie(layout, data.repaged(pageShift), codes, root, size, figures, states, arcs);
  }

  /** Whether bytes by role are known without a pass over the trie (tests). */
  boolean figuresKnown() {
    return figures.known();
  }

  /** Pages the trie's bytes are held in (1 unless it passes a page, 1 GiB). */
  int pageCount() {
    return data.pageCount();
  }

  /**
   * Whether the trie's bytes are outside the Java heap (read in place from a mapped snapshot by
   * {@link #readInPlace}) rather than in a heap array (built here, or read with a copy).
   */
  public boolean isMapped() {
    return data.isDirect();
  }

  /** Bytes of the trie read in place from a mapped snapshot (counted in {@link #byteSize}); 0 on the heap. */
  public long mappedBytes() {
    return isMapped() ? data.length() : 0;
  }

  long states() {
    return states;
  }

  long arcCount() {
    return arcs;
  }

  // ---------------------------------------------------------------- node decoding

  /** Index of label {@code b} among the {@code n} sorted labels at {@code q}, or -1. */
  private int findLabel(long q, int n, int b) {
    final TrieBytes d = data;
    if (n <= 16) {
      for (int j = 0; j < n; j++) {
        int l = d.get(q + j) & 0xFF;
        if (l >= b) {
          return l == b ? j : -1;
        }
      }
      return -1;
    }
    int lo = 0;
    int hi = n - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int l = d.get(q + mid) & 0xFF;
      if (l < b) {
        lo = mid + 1;
      } else if (l > b) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /**
   * Target of arc {@code j} of the general node at {@code p} with {@code n} arcs whose targets
   * start at {@code t}: varints, or for wide nodes a width byte and fixed-width codes.
   */
  long arcTarget(long p, long t, int n, int j) {
    final TrieBytes d = data;
    if (n >= WIDE) {
      int w = d.get(t);
      long at = t + 1 + (long) j * w;
      long v = d.get(at) & 0xFF;
      for (int b = 1; b < w; b++) {
        v |= (long) (d.get(at + b) & 0xFF) << (8 * b);
      }
      return decodeTarget(p, v);
    }
    for (int i = j; i > 0; i--) {
      t = varEnd(d, t);
    }
    if (j == n - 1 && (d.get(p) & arcNext) != 0) {
      return varEnd(d, t); // the last arc leads to the next node: past the count, which ends this one
    }
    return decodeTarget(p, readVar(d, t));
  }

  /**
   * Offset of the word count of the general node at {@code p} with {@code n} arcs whose targets
   * start at {@code t}.
   */
  long countAt(long p, long t, int n) {
    if (n >= WIDE) {
      return t + 1 + (long) n * data.get(t);
    }
    if ((data.get(p) & arcNext) != 0) {
      n--; // the last arc stores no target
    }
    for (int j = 0; j < n; j++) {
      t = varEnd(data, t);
    }
    return t;
  }

  long decodeTarget(long p, long v) {
    return codes.decode(p, v);
  }

  /** Offset just past the varint at {@code p}. */
  static long varEnd(TrieBytes d, long p) {
    while (d.get(p) < 0) {
      p++;
    }
    return p + 1;
  }

  /** Target of the chain with header {@code h} at {@code p}. */
  long chainTarget(long p, int h) {
    long end = p + 1 + (h & chainLength);
    return (h & chainNext) != 0 ? end : decodeTarget(p, readVar(data, end));
  }

  /** The heap array the trie's bytes are, or null for a mapped trie. */
  byte[] heapArray() {
    return array;
  }

  /** Number of labels of the chain with header {@code h}. */
  int chainLength(int h) {
    return h & chainLength;
  }

  /** Number of words below the node at {@code p}. */
  long nodeCount(long p) {
    while (true) {
      int h = data.get(p) & 0xFF;
      if (h == 0) {
        return 1;
      }
      if (h < 0x80) {
        p = chainTarget(p, h);
        continue;
      }
      int n = h & arcCountMask;
      long q = p + 1;
      if (n == arcCountMask) {
        n += data.get(q++) & 0xFF;
      }
      return readVarLong(data, countAt(p, q + n, n));
    }
  }

  /** A word count: an unsigned LEB128 varint of up to 10 bytes (64 bits). */
  static long readVarLong(TrieBytes d, long p) {
    long v = 0;
    int shift = 0;
    while (true) {
      int b = d.get(p++);
      v |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return v;
      }
      shift += 7;
    }
  }

  /** A target code: an unsigned LEB128 varint (up to 5 bytes in v2 and v3, 10 in v4). */
  static long readVar(TrieBytes d, long p) {
    long v = 0;
    int shift = 0;
    while (true) {
      int b = d.get(p++);
      v |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return v;
      }
      shift += 7;
    }
  }

  @Override
  public String toString() {
    return "Trie[size=" + size + ", bytes=" + data.length() + (data.pageCount() > 1 ? ", pages=" + data.pageCount() : "")
        + (isMapped() ? ", mapped" : "") + "]";
  }
}
