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
 * <p>Immutable; the table holds absolute offsets into the trie's byte array.
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

  final int[] hot;
  private final int hot2;
  private final int hot3;

  TargetCodes(int[] hot) {
    if (hot.length > MAX_HOT) {
      throw new IllegalArgumentException("at most " + MAX_HOT + " hot nodes, got " + hot.length);
    }
    this.hot = hot;
    this.hot2 = Math.min(HOT2, Math.max(0, hot.length - HOT1));
    this.hot3 = Math.max(0, hot.length - HOT1 - HOT2);
  }

  /** Target offset of code {@code v} read in the node at offset {@code p}. */
  int decode(int p, int v) {
    int z;
    if (v < 128) {
      if (v <= HOT1) {
        return v == 0 ? 0 : hot[v - 1];
      }
      z = v - 1 - HOT1;
    } else if (v < 16384) {
      int u = v - 128;
      if (u < hot2) {
        return hot[HOT1 + u];
      }
      z = u - hot2 + (127 - HOT1);
    } else {
      int u = v - 16384;
      if (u < hot3) {
        return hot[HOT1 + HOT2 + u];
      }
      z = u - hot3 + (127 - HOT1) + (HOT2 - hot2);
    }
    return p + ((z >>> 1) ^ -(z & 1));
  }

  /**
   * False for the one-byte hot codes beyond the table and for codes past 2^31 (read as negative
   * ints): never written, only corrupt data has them.
   */
  boolean isValid(int v) {
    return v >= 0 && (v == 0 || v > HOT1 || v - 1 < hot.length);
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
  int distanceCode(int delta) {
    int z = (delta << 1) ^ (delta >> 31);
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
    return 4L * hot.length;
  }
}
