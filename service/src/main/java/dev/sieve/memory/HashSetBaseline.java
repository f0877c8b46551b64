package dev.sieve.memory;

/**
 * What a {@code java.util.HashSet} of the same elements would take on the heap: the baseline
 * Sieve's structures are compared with in memory reports.
 *
 * <p>A model, not a measurement: it follows OpenJDK 17-25's {@code HashSet}/{@code HashMap} layout
 * (one {@code HashMap.Node} per element, a power-of-two table grown by doubling at load factor 0.75
 * as {@code add} calls would grow it, one {@code String} plus its {@code byte[]} per word, Latin-1
 * compact strings where every char fits in a byte, one {@code Long} per number) on the
 * {@link JvmLayout}. {@code MemoryModelTest} holds it within 10% of JOL's deep size (in practice
 * it is exact); treeified bins, which only appear with many colliding hashes, are not modelled.
 */
public final class HashSetBaseline {
  private static final long HASH_SET = JvmLayout.object(JvmLayout.REFERENCE);
  // keySet, values, table, entrySet references; size, modCount, threshold ints; loadFactor float
  private static final long HASH_MAP = JvmLayout.object(4L * JvmLayout.REFERENCE + 4 * 4);
  // hash int; key, value, next references
  private static final long NODE = JvmLayout.object(4 + 3L * JvmLayout.REFERENCE);
  // the shared PRESENT value
  private static final long PRESENT = JvmLayout.object(0);
  // value reference, hash int, coder byte, hashIsZero boolean
  private static final long STRING = JvmLayout.object(JvmLayout.REFERENCE + 4 + 1 + 1);
  private static final long LONG = JvmLayout.object(8);

  private HashSetBaseline() {}

  /** Bytes of a {@code HashSet} holding {@code size} elements, without the elements themselves. */
  public static long setBytes(long size) {
    long bytes = HASH_SET + HASH_MAP + size * NODE;
    if (size > 0) {
      // the table is allocated on the first add; PRESENT is static, reached through the nodes
      bytes += JvmLayout.array(JvmLayout.REFERENCE, tableCapacity(size)) + PRESENT;
    }
    return bytes;
  }

  /** Capacity of the table after {@code size} calls to {@code add} on a new {@code HashSet}. */
  static long tableCapacity(long size) {
    long capacity = 16;
    while (size > capacity * 3 / 4) {
      capacity <<= 1;
    }
    return capacity;
  }

  /** Bytes of one {@code String} holding {@code word}, with its backing array. */
  public static long stringBytes(CharSequence word) {
    int length = word.length();
    boolean latin1 = true;
    for (int i = 0; i < length && latin1; i++) {
      latin1 = word.charAt(i) <= 0xFF;
    }
    return stringBytes(length, latin1);
  }

  /** Bytes of one {@code String} of {@code length} UTF-16 units, every one Latin-1 or not. */
  public static long stringBytes(int length, boolean latin1) {
    return STRING + JvmLayout.array(1, latin1 ? length : 2L * length);
  }

  /** Bytes of a {@code HashSet<Long>} of {@code size} numbers. */
  public static long ofLongs(long size) {
    return setBytes(size) + size * LONG;
  }

  /**
   * Accumulates the baseline of a {@code HashSet<String>} one word at a time; not thread-safe.
   */
  public static final class Strings {
    private long size;
    private long stringBytes;

    /** Counts one distinct word. */
    public void add(CharSequence word) {
      size++;
      stringBytes += stringBytes(word);
    }

    /** Counts {@code words} distinct words of {@code length} UTF-16 units, Latin-1 or not. */
    public void add(int length, boolean latin1, long words) {
      size += words;
      stringBytes += words * stringBytes(length, latin1);
    }

    /** Bytes of a {@code HashSet<String>} of the words added. */
    public long bytes() {
      return setBytes(size) + stringBytes;
    }
  }
}
