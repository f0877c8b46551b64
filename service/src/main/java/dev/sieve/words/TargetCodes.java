package dev.sieve.words;

/**
 * How an arc names its target node, as one unsigned varint {@code v}, in three tiers of hot
 * nodes (named through a table of offsets) and zigzag distances filling the rest of each varint
 * length's code space:
 *
 * <pre>
 *   v = 0                            the final sink (offset 0)
 *   v in [1, 1 + HOT1)               hot node v - 1                         (1 byte)
 *   v in [1 + HOT1, 128)             distance, z = v - 1 - HOT1              (1 byte)
 *   v in [128, 128 + hot2)           hot node HOT1 + v - 128                 (2 bytes)
 *   v in [128 + hot2, 16384)         distance, z = v - 128 - hot2 + D1       (2 bytes)
 *   v in [16384, 16384 + hot3)       hot node HOT1 + HOT2 + v - 16384        (3 bytes)
 *   v >= 16384 + hot3                distance, z = v - 16384 - hot3 + D1 + D2 (3+ bytes)
 * </pre>
 *
 * where {@code D1 = 127 - HOT1} and {@code D2 = HOT2 - hot2} are the distance codes of one and
 * two bytes. Format v2 had no third tier; with {@code hot3 = 0} the mapping above is exactly v2's,
 * so one decoder reads both.
 *
 * <p>Why: in a minimal automaton a few suffix nodes ("-ing", "-s", ...) are the target of a
 * large share of all arcs (on wamerican-insane the 128 most referenced nodes take 30% of the
 * arcs) and lie far from most of their parents, so a relative distance costs them 3 or 4 bytes.
 * Naming them through the table costs 1, 2 or 3 bytes per arc plus 4 bytes per entry. On
 * name-like lists (1 M usernames) the two first tiers fill up and about 100 k more nodes with
 * 5 or more far references each pay for a third-tier entry (v3). Distances are measured from
 * the start of the node holding the arc; zigzag maps small negative and positive distances to
 * small numbers.
 *
 * <p>Codes and distances are 64-bit: a trie past 2^31 bytes (format v4, {@link TrieFormat}) has
 * distances beyond an int, and its table holds {@code long} offsets ({@link #wide}); the tables
 * of smaller tries stay {@code int[]}, 4 bytes an entry, as their files have them.
 *
 * <p>Immutable; the table holds absolute offsets into the trie's bytes.
 */
final class TargetCodes {
  /** Hot nodes with a one-byte code; the other 127 - HOT1 one-byte codes are small distances. */
  static final int HOT1 = 64;
  /** Most hot nodes with a two-byte code (the two-byte code space is [128, 16384)). */
  static final int HOT2 = 16384 - 128;
  /** At most this many hot nodes in format v2 (two tiers). */
  static final int MAX_HOT_V2 = HOT1 + HOT2;
  /** Most hot nodes with a three-byte code: half the three-byte code space stays for distances. */
  static final int HOT3 = 1 << 20;
  /** At most this many hot nodes in format v3. */
  static final int MAX_HOT = HOT1 + HOT2 + HOT3;

  /** The table of a trie below 2^31 bytes (null for a wider one). */
  final int[] hot;
  /** The table of a trie past 2^31 bytes, format v4 (null for a smaller one). */
  final long[] wide;
  private final int entries;
  private final int hot2;
  private final int hot3;

  TargetCodes(int[] hot) {
    this(hot, null, hot.length);
  }

  TargetCodes(long[] wide) {
    this(null, wide, wide.length);
  }

  private TargetCodes(int[] hot, long[] wide, int entries) {
    if (entries > MAX_HOT) {
      throw new IllegalArgumentException("at most " + MAX_HOT + " hot nodes, got " + entries);
    }
    this.hot = hot;
    this.wide = wide;
    this.entries = entries;
    this.hot2 = Math.min(HOT2, Math.max(0, entries - HOT1));
    this.hot3 = Math.max(0, entries - HOT1 - HOT2);
  }

  /** Number of hot nodes. */
  int entries() {
    return entries;
  }

  /** Offset of hot node {@code i}. */
  long hotAt(int i) {
    return hot != null ? hot[i] : wide[i];
  }

  /** Target offset of code {@code v} read in the node at offset {@code p}. */
  long decode(long p, long v) {
    long z;
    if (v < 128) {
      if (v <= HOT1) {
        return v == 0 ? 0 : hotAt((int) v - 1);
      }
      z = v - 1 - HOT1;
    } else if (v < 16384) {
      int u = (int) v - 128;
      if (u < hot2) {
        return hotAt(HOT1 + u);
      }
      z = u - hot2 + (127 - HOT1);
    } else {
      long u = v - 16384;
      if (u < hot3) {
        return hotAt(HOT1 + HOT2 + (int) u);
      }
      z = u - hot3 + (127 - HOT1) + (HOT2 - hot2);
    }
    return p + ((z >>> 1) ^ -(z & 1));
  }

  /**
   * False for the one-byte hot codes beyond the table and for codes past {@code limit} (2^31 in
   * formats v2 and v3, whose readers took codes as ints; 2^63 in v4, read as negative longs):
   * never written, only corrupt data has them.
   */
  boolean isValid(long v, long limit) {
    return v >= 0 && v < limit && (v == 0 || v > HOT1 || v - 1 < entries);
  }

  boolean isValid(long v) {
    return isValid(v, 1L << 31);
  }

  /** Code naming hot node {@code index}. */
  int hotCode(int index) {
    if (index < HOT1) {
      return 1 + index;
    }
    if (index < HOT1 + HOT2) {
      return 128 + index - HOT1;
    }
    return 16384 + index - HOT1 - HOT2;
  }

  /** Code naming the node {@code delta} bytes away (never 0) by distance. */
  long distanceCode(long delta) {
    long z = (delta << 1) ^ (delta >> 63);
    if (z < 127 - HOT1) {
      return z + 1 + HOT1;
    }
    z -= 127 - HOT1;
    if (z < HOT2 - hot2) {
      return 128 + hot2 + z;
    }
    return 16384 + hot3 + z - (HOT2 - hot2);
  }

  long byteSize() {
    return hot != null ? 4L * hot.length : 8L * wide.length;
  }
}
