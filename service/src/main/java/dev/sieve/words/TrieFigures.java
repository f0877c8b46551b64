package dev.sieve.words;

/**
 * A trie's bytes by role ({@link Trie#ROLES}) and its count of encoded nodes: known when the
 * encoder wrote the trie, or, for a trie read in place from a snapshot whose checksum matched,
 * counted by one pass over its bytes ({@link TrieFormat#scan}) the first time they are asked for.
 * That pass decodes every node (about 400 ms for the 151 MB of 20 M usernames, seconds at 120 M),
 * so a restart no longer waits for it: only {@code GET /v1/memory/words/{name}} needs these
 * figures, and it asks for them on a worker. Thread-safe: the pass runs at most once.
 */
final class TrieFigures {
  /** The pass that counts the figures of a trie read from a trusted file. */
  interface Count {
    TrieFigures count() throws CorruptWordSetException;
  }

  private Count count; // null once the figures are known; guarded by this
  private volatile long[] roles;
  private long nodes; // written before roles, read after it

  private TrieFigures(long[] roles, long nodes, Count count) {
    this.nodes = nodes;
    this.roles = roles;
    this.count = count;
  }

  /** Figures already known. */
  static TrieFigures of(long[] roles, long nodes) {
    if (roles.length != Trie.ROLES.length) {
      throw new IllegalArgumentException("bytes for " + roles.length + " roles, expected " + Trie.ROLES.length);
    }
    return new TrieFigures(roles, nodes, null);
  }

  /** Figures counted by {@code count} when first asked for. */
  static TrieFigures counted(Count count) {
    return new TrieFigures(null, 0, count);
  }

  /** Whether the figures are known without a pass over the bytes (tests). */
  boolean known() {
    return roles != null;
  }

  /** Bytes by role, in {@link Trie#ROLES} order (the caller must not change the array). */
  long[] roles() {
    long[] r = roles;
    return r != null ? r : ensure();
  }

  /** Encoded nodes. */
  long nodes() {
    roles();
    return nodes;
  }

  private synchronized long[] ensure() {
    if (roles == null) {
      TrieFigures counted;
      try {
        counted = count.count();
      } catch (CorruptWordSetException e) {
        // the file's checksum matched when it was read: bytes this service wrote from a valid set
        throw new IllegalStateException("a trie read from a checksummed file does not decode: " + e.getMessage(), e);
      }
      nodes = counted.nodes();
      roles = counted.roles();
      count = null;
    }
    return roles;
  }
}
