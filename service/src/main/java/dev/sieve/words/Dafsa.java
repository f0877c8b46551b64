package dev.sieve.words;

import java.util.Arrays;

/**
 * The minimal acyclic automaton while it is being built: frozen (canonical) nodes in flat arrays,
 * plus the register that interns them (hash-consing). Node {@code i}'s arcs are
 * {@code [firstArc[i], firstArc[i + 1])}; arcs of a node are stored contiguously in label order.
 *
 * <p>Only {@link WordSetBuilder} writes here; {@link TrieEncoder} reads the finished automaton.
 * Not thread-safe.
 */
final class Dafsa {
  // Nodes.
  int nodeCount;
  int[] firstArc = new int[1024];
  long[] wordCount = new long[1024];
  boolean[] isFinal = new boolean[1024];
  // Arcs.
  int arcCount;
  byte[] arcLabel = new byte[4096];
  int[] arcTarget = new int[4096];
  // Register: open addressing over node ids (+1; 0 = empty slot), with each slot's hash beside it
  // so that a probe compares two ints in one array instead of reaching into the node arrays at a
  // random place (a cache miss) for every occupied slot it passes. On 1 M usernames (1.9 M
  // nodes) interning was most of the build.
  private int[] table = new int[2048];
  private int[] hashes = new int[2048];
  private int tableMask = table.length - 1;

  Dafsa() {
    firstArc[0] = 0;
  }

  /**
   * Returns the id of the canonical node equal to (final, labels, targets): an existing one if
   * the register holds an equal node, else a new one.
   */
  int intern(boolean fin, byte[] labels, int[] targets, int n) {
    int h = hash(fin, labels, targets, n);
    int slot = h & tableMask;
    while (true) {
      int id = table[slot] - 1;
      if (id < 0) {
        break;
      }
      if (hashes[slot] == h && same(id, fin, labels, targets, n)) {
        return id;
      }
      slot = (slot + 1) & tableMask;
    }
    int id = add(fin, labels, targets, n);
    table[slot] = id + 1;
    hashes[slot] = h;
    if (nodeCount * 2 > table.length) {
      rehash();
    }
    return id;
  }

  private int add(boolean fin, byte[] labels, int[] targets, int n) {
    int id = nodeCount;
    if (id + 2 > firstArc.length) {
      int cap = firstArc.length * 2;
      firstArc = Arrays.copyOf(firstArc, cap);
      wordCount = Arrays.copyOf(wordCount, cap);
      isFinal = Arrays.copyOf(isFinal, cap);
    }
    if (arcCount + n > arcLabel.length) {
      int cap = Math.max(arcLabel.length * 2, arcCount + n);
      arcLabel = Arrays.copyOf(arcLabel, cap);
      arcTarget = Arrays.copyOf(arcTarget, cap);
    }
    long count = fin ? 1 : 0;
    for (int i = 0; i < n; i++) {
      arcLabel[arcCount + i] = labels[i];
      arcTarget[arcCount + i] = targets[i];
      count += wordCount[targets[i]];
    }
    arcCount += n;
    isFinal[id] = fin;
    wordCount[id] = count;
    firstArc[id + 1] = arcCount;
    nodeCount++;
    return id;
  }

  private boolean same(int id, boolean fin, byte[] labels, int[] targets, int n) {
    int a = firstArc[id];
    if (isFinal[id] != fin || firstArc[id + 1] - a != n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (arcLabel[a + i] != labels[i] || arcTarget[a + i] != targets[i]) {
        return false;
      }
    }
    return true;
  }

  private static int hash(boolean fin, byte[] labels, int[] targets, int n) {
    int h = fin ? 0x9E3779B9 : 0x7F4A7C15;
    for (int i = 0; i < n; i++) {
      h = (h ^ (labels[i] & 0xFF)) * 0x01000193;
      h = (h ^ targets[i]) * 0x01000193;
    }
    return mix(h);
  }

  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    return h;
  }

  private void rehash() {
    int[] oldTable = table;
    int[] oldHashes = hashes;
    table = new int[oldTable.length * 2];
    hashes = new int[table.length];
    tableMask = table.length - 1;
    for (int i = 0; i < oldTable.length; i++) {
      if (oldTable[i] == 0) {
        continue;
      }
      int slot = oldHashes[i] & tableMask;
      while (table[slot] != 0) {
        slot = (slot + 1) & tableMask;
      }
      table[slot] = oldTable[i];
      hashes[slot] = oldHashes[i];
    }
  }

  int arcsOf(int id) {
    return firstArc[id + 1] - firstArc[id];
  }
}
