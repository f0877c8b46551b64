package dev.sieve.words;

import java.util.Arrays;

/**
 * What a {@link TrieSearch} learnt about (trie node, automaton state) pairs, a state being a
 * {@link QueryDfa} number: for each pair, how many words below the node the automaton accepts,
 * by distance ({@code stride} counts). An open
 * addressing table (linear probing, at most half full) over flat arrays, so a query allocates a
 * few arrays rather than an object per pair. Not thread-safe: one per query.
 */
final class StateMemo {
  private final int stride;
  private long[] nodes; // trie offsets are longs (a trie may pass 2^32 bytes)
  private int[] states;
  private int[] slots; // index of the pair's counts in counts, or -1 for an empty cell
  private long[] counts;
  private int size;
  // one bit per hash of a pair held (4,096 bits, 512 bytes, in the first level cache): a search
  // asks at every node it enters but holds few pairs, so most answers are "no" from here, without
  // a probe of the table
  private final long[] filter = new long[64];

  StateMemo(int stride) {
    this.stride = stride;
    allocate(1 << 8);
    counts = new long[128 * stride];
  }

  private void allocate(int capacity) {
    nodes = new long[capacity];
    states = new int[capacity];
    slots = new int[capacity];
    Arrays.fill(slots, -1);
  }

  /** Number of pairs held. */
  int size() {
    return size;
  }

  /** Offset in {@link #counts()} of the pair's counts, or -1 if it is not held. */
  int find(long node, int state) {
    int h = hash(node, state);
    if ((filter[h >>> 26] >>> h & 1) == 0) {
      return -1;
    }
    int mask = slots.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int slot = slots[i];
      if (slot < 0) {
        return -1;
      }
      if (nodes[i] == node && states[i] == state) {
        return slot * stride;
      }
    }
  }

  /** Holds the pair with {@code stride} counts from {@code from[at..]}; the pair must not be held yet. */
  void put(long node, int state, long[] from, int at) {
    if (2 * (size + 1) > slots.length) {
      grow();
    }
    if ((size + 1) * stride > counts.length) {
      counts = Arrays.copyOf(counts, counts.length * 2);
    }
    System.arraycopy(from, at, counts, size * stride, stride);
    int h = hash(node, state);
    filter[h >>> 26] |= 1L << h;
    insert(node, state, size++);
  }

  /** The counts array the offsets of {@link #find} index (valid until the next {@link #put}). */
  long[] counts() {
    return counts;
  }

  private void insert(long node, int state, int slot) {
    int mask = slots.length - 1;
    int i = hash(node, state) & mask;
    while (slots[i] >= 0) {
      i = (i + 1) & mask;
    }
    nodes[i] = node;
    states[i] = state;
    slots[i] = slot;
  }

  private void grow() {
    long[] oldNodes = nodes;
    int[] oldStates = states;
    int[] oldSlots = slots;
    allocate(slots.length * 2);
    for (int i = 0; i < oldSlots.length; i++) {
      if (oldSlots[i] >= 0) {
        insert(oldNodes[i], oldStates[i], oldSlots[i]);
      }
    }
  }

  private static int hash(long node, int state) {
    long key = node * 0x100000001B3L ^ state;
    long h = (key ^ key >>> 29) * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 32) ^ (int) (h >>> 13); // the high bits of a multiplicative hash are the good ones
  }

  /** Bytes of the arrays (for tests and measurements). */
  long byteSize() {
    return 16L * slots.length + 8L * counts.length + 8L * filter.length;
  }
}
