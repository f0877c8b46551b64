package dev.sieve.words;

import java.util.Arrays;

/**
 * The minimal acyclic automaton while it is being built: frozen (canonical) nodes in flat paged
 * arrays, plus the register that interns them (hash-consing). Node {@code i}'s arcs are
 * {@code [firstArc(i), firstArc(i + 1))}; arcs of a node are stored contiguously in label order.
 * Ids are given in the order nodes are interned, so every arc leads to a smaller id.
 *
 * <p>Why pages: at 20 M usernames the automaton has tens of millions of nodes and arcs, and growing
 * one array by {@code Arrays.copyOf} doubling holds the old and the new array at once (3x the data
 * at the copy, and a humongous allocation each time). Here the first page grows by doubling up to
 * 2^20 entries (so a small set costs little), then whole pages are added and nothing is
 * copied. The register is dropped ({@link #freeRegister}) as soon as the last node is interned,
 * before the encoder allocates its own arrays.
 *
 * <p>Only {@link WordSetBuilder} writes here; {@link TrieEncoder} reads the finished automaton.
 * Not thread-safe.
 */
final class Dafsa {
  /** Entries per page: 2^20 (4 MiB of ints); tests pass smaller pages to cross page ends often. */
  static final int PAGE_BITS = 20;
  private static final int FIRST_PAGE = 1024;
  private static final long FINAL_BIT = 1L << 40;
  /** Ids are ints, and a register slot holds id + 1 in 32 bits. */
  static final int MAX_NODES = Integer.MAX_VALUE - 1;

  private final int pageBits;
  private final int page;
  private final int mask;
  int nodeCount;
  int arcCount;
  // Nodes: first arc, and the word count shifted left by one with the final flag in bit 0 (one
  // array read tells both; a count stays below 2^62).
  private int[][] first;
  private long[][] countFinal;
  // Arcs, one long each: target in bits 0-31, label in bits 32-39, and in bit 40 whether the
  // node the arc leaves is final. A register hit compares a node against its arcs alone (one
  // cache line, usually) instead of reading a label array, a target array and the final flags
  // at three more random places: at 20 M usernames those misses were most of the build.
  private long[][] arc;
  // Register: open addressing over slots of two longs, a key and (first arc << 32 | id + 1), 0 =
  // empty. A node of one arc (most of an automaton: the chains of unique tails) is its own key
  // (SINGLE, final flag, label, target: 42 bits), so a register hit on it reads the table's one
  // cache line and nothing else; a node of no arcs is keyed by NO_ARCS and its final flag. Other nodes
  // are keyed by their arc count and a 54-bit hash, and an equal key costs the comparison of
  // their arcs, read straight from the first arc the slot names (the node arrays are not read).
  // Before this, every hit compared the node through its first-arc and arc arrays at two random
  // places: 71 % of a 20 M-username build's samples (JFR). Load factor at most 3/4: a linear
  // probe's next slots are mostly in the cache line it has already paid for.
  //
  // The table is paged too, in pages of at most 2^TABLE_PAGE_BITS slots (8 MiB; tests with small
  // pages get small table pages, so probes cross them). As one long[], a big part's register
  // took hundreds of MiB, and the JVM zeroes a new array while the allocating thread is out of
  // a safepoint's reach: each doubling held every other thread (the event loops included) for
  // up to a quarter of a second (-XX:+SafepointTimeout named this thread, 2026-12-03).
  private static final long SINGLE = 1L << 62;
  private static final long NO_ARCS = 1L << 63;
  private static final int MIN_SLOTS = 1024;
  static final int TABLE_PAGE_BITS = 19;
  private final int tablePageBits; // TABLE_PAGE_BITS, or less with small pages (tests)
  private long[][] table;
  private int slotMask;
  private int tableShift; // slot >>> tableShift: its page
  private int tablePageMask; // slot & tablePageMask: its place in the page

  Dafsa() {
    this(PAGE_BITS);
  }

  /** With pages of 2^{@code pageBits} entries. */
  Dafsa(int pageBits) {
    this.pageBits = pageBits;
    this.page = 1 << pageBits;
    this.mask = page - 1;
    int start = Math.min(FIRST_PAGE, page);
    first = new int[][] {new int[start]};
    countFinal = new long[][] {new long[start]};
    arc = new long[][] {new long[start]};
    tablePageBits = Math.min(TABLE_PAGE_BITS, pageBits);
    allocateTable(MIN_SLOTS);
  }

  /**
   * Returns the id of the canonical node equal to (final, labels, targets): an existing one if
   * the register holds an equal node, else a new one.
   */
  int intern(boolean fin, byte[] labels, int[] targets, int n) {
    long key = key(fin, labels, targets, n);
    long[][] t = table;
    int slot = slotOf(key, slotMask);
    while (true) {
      long[] p = t[slot >>> tableShift];
      int i = 2 * (slot & tablePageMask);
      long v = p[i + 1];
      if (v == 0) {
        break;
      }
      if (p[i] == key && (n <= 1 || sameArcs((int) (v >>> 32), fin, labels, targets, n))) {
        return (int) v - 1;
      }
      slot = (slot + 1) & slotMask;
    }
    return insert(slot, key, fin, labels, targets, n);
  }

  private int insert(int slot, long key, boolean fin, byte[] labels, int[] targets, int n) {
    int firstArc = arcCount;
    int id = add(fin, labels, targets, n);
    long[] p = table[slot >>> tableShift];
    int i = 2 * (slot & tablePageMask);
    p[i] = key;
    p[i + 1] = (long) firstArc << 32 | (id + 1L);
    if (nodeCount * 4L > (slotMask + 1L) * 3L) {
      rehash();
    }
    return id;
  }

  /** The register key of a node (see the register's comment): exact for nodes of at most one arc. */
  private static long key(boolean fin, byte[] labels, int[] targets, int n) {
    if (n == 1) {
      return SINGLE | (fin ? FINAL_BIT : 0) | (labels[0] & 0xFFL) << 32 | (targets[0] & 0xFFFFFFFFL);
    }
    if (n == 0) {
      return NO_ARCS | (fin ? 1 : 0);
    }
    long h = fin ? 0x9E3779B97F4A7C15L : 0x7F4A7C159E3779B9L;
    for (int i = 0; i < n; i++) {
      h = (h ^ (labels[i] & 0xFF)) * 0x100000001B3L;
      h = (h ^ (targets[i] & 0xFFFFFFFFL)) * 0x100000001B3L;
    }
    // bits 63 and 62 clear, the arc count (2..256, 256 as 0) in bits 54-61, the hash below
    return (long) (n & 0xFF) << 54 | (mix(h) >>> 10);
  }

  private static int slotOf(long key, int mask) {
    return (int) mix(key) & mask;
  }

  /**
   * Drops the register: after this no node may be interned, and the automaton is read only. Called
   * by the encoder first thing, so the register's memory is free before the encoder's arrays.
   */
  void freeRegister() {
    table = null;
  }

  private int add(boolean fin, byte[] labels, int[] targets, int n) {
    int id = nodeCount;
    if (id >= MAX_NODES - 1) {
      throw new IllegalStateException("word set too large: more than " + MAX_NODES + " automaton nodes");
    }
    if (arcCount > Integer.MAX_VALUE - 256 - n) {
      throw new IllegalStateException("word set too large: more than " + (Integer.MAX_VALUE - 256) + " automaton arcs");
    }
    ensureNodes(id + 2);
    ensureArcs(arcCount + n);
    long count = fin ? 1 : 0;
    long flag = fin ? FINAL_BIT : 0;
    int a = arcCount;
    for (int i = 0; i < n; i++, a++) {
      arc[a >>> pageBits][a & mask] = flag | (labels[i] & 0xFFL) << 32 | (targets[i] & 0xFFFFFFFFL);
      count += wordCount(targets[i]);
    }
    arcCount = a;
    countFinal[id >>> pageBits][id & mask] = (count << 1) | (fin ? 1 : 0);
    first[(id + 1) >>> pageBits][(id + 1) & mask] = a;
    nodeCount++;
    return id;
  }

  private void ensureNodes(int entries) {
    if (first.length == 1 && first[0].length < page) {
      if (entries > first[0].length) {
        int cap = Math.min(page, Math.max(entries, first[0].length * 2));
        first[0] = Arrays.copyOf(first[0], cap);
        countFinal[0] = Arrays.copyOf(countFinal[0], cap);
      }
      if (entries <= page) {
        return;
      }
    }
    while ((long) first.length * page < entries) {
      first = Arrays.copyOf(first, first.length + 1);
      first[first.length - 1] = new int[page];
      countFinal = Arrays.copyOf(countFinal, countFinal.length + 1);
      countFinal[countFinal.length - 1] = new long[page];
    }
  }

  private void ensureArcs(int entries) {
    if (arc.length == 1 && arc[0].length < page) {
      if (entries > arc[0].length) {
        arc[0] = Arrays.copyOf(arc[0], Math.min(page, Math.max(entries, arc[0].length * 2)));
      }
      if (entries <= page) {
        return;
      }
    }
    while ((long) arc.length * page < entries) {
      arc = Arrays.copyOf(arc, arc.length + 1);
      arc[arc.length - 1] = new long[page];
    }
  }

  /** Whether the {@code n} arcs from {@code a} are those given, leaving a node final as {@code fin}. */
  private boolean sameArcs(int a, boolean fin, byte[] labels, int[] targets, int n) {
    long e = 0;
    for (int i = 0; i < n; i++, a++) {
      e = arc[a >>> pageBits][a & mask];
      if ((int) e != targets[i] || (byte) (e >>> 32) != labels[i]) {
        return false;
      }
    }
    return ((e & FINAL_BIT) != 0) == fin;
  }

  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return h;
  }

  /** An empty register of {@code slots} slots (a power of two), one page at a time. */
  private void allocateTable(int slots) {
    tableShift = Math.min(tablePageBits, Integer.numberOfTrailingZeros(slots));
    tablePageMask = (1 << tableShift) - 1;
    slotMask = slots - 1;
    table = new long[slots >>> tableShift][];
    for (int k = 0; k < table.length; k++) {
      table[k] = new long[2 << tableShift]; // a safepoint can come between two pages
    }
  }

  private void rehash() {
    long[][] old = table;
    allocateTable(2 * (slotMask + 1));
    for (long[] p : old) {
      for (int i = 0; i < p.length; i += 2) {
        if (p[i + 1] == 0) {
          continue;
        }
        int slot = slotOf(p[i], slotMask);
        while (table[slot >>> tableShift][2 * (slot & tablePageMask) + 1] != 0) {
          slot = (slot + 1) & slotMask;
        }
        long[] q = table[slot >>> tableShift];
        q[2 * (slot & tablePageMask)] = p[i];
        q[2 * (slot & tablePageMask) + 1] = p[i + 1];
      }
    }
  }

  /** Entries per page, as bits: the encoder pages its own tables alike. */
  int pageBits() {
    return pageBits;
  }

  int firstArc(int id) {
    return first[id >>> pageBits][id & mask];
  }

  int arcsOf(int id) {
    return firstArc(id + 1) - firstArc(id);
  }

  boolean isFinal(int id) {
    return (countFinal[id >>> pageBits][id & mask] & 1) != 0;
  }

  long wordCount(int id) {
    return countFinal[id >>> pageBits][id & mask] >>> 1;
  }

  byte arcLabel(int a) {
    return (byte) (arc[a >>> pageBits][a & mask] >>> 32);
  }

  int arcTarget(int a) {
    return (int) arc[a >>> pageBits][a & mask];
  }

  /** Heap bytes of the automaton and its register now (the pages allocated, not only filled). */
  long byteSize() {
    long nodes = 0;
    for (int[] p : first) {
      nodes += p.length * (4L + 8L);
    }
    long arcs = 0;
    for (long[] p : arc) {
      arcs += p.length * 8L;
    }
    return nodes + arcs + (table == null ? 0 : (slotMask + 1L) * 16);
  }
}
