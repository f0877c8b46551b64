package dev.sieve.words;

/**
 * How an arc names its target node, as one unsigned varint {@code v}:
 *
 * <pre>
 *   v = 0                          the final sink (offset 0)
 *   v in [1, 1 + HOT1)             hot node v - 1              (1 byte)
 *   v in [1 + HOT1, 128)           zigzag distance z = v - 1 - HOT1           (1 byte)
 *   v in [128, 128 + hot2)         hot node HOT1 + v - 128      (2 bytes)
 *   v >= 128 + hot2                zigzag distance z = v - 128 - hot2 + (127 - HOT1)
 * </pre>
 *
 * <p>Why: in a minimal automaton of natural-language words a few suffix nodes ("-ing", "-s", ...)
 * are the target of a large share of all arcs (on wamerican-insane the 128 most referenced
 * nodes take 30% of the arcs) and lie far from most of their parents, so a relative distance
 * costs them 3 bytes. Naming them through a table of <em>hot</em> nodes costs 1 or 2 bytes per
 * arc plus 4 bytes per table entry. Distances are measured from the start of the node holding
 * the arc; zigzag maps small negative and positive distances to small numbers.
 *
 * <p>Immutable; the table holds absolute offsets into the trie's byte array.
 */
final class TargetCodes {
  /** Hot nodes with a one-byte code; the other 127 - HOT1 one-byte codes are small distances. */
  static final int HOT1 = 64;
  /** At most this many hot nodes in all (the two-byte code space ends at 16384). */
  static final int MAX_HOT = HOT1 + 16384 - 128;

  final int[] hot;
  private final int hot2;

  TargetCodes(int[] hot) {
    if (hot.length > MAX_HOT) {
      throw new IllegalArgumentException("at most " + MAX_HOT + " hot nodes, got " + hot.length);
    }
    this.hot = hot;
    this.hot2 = Math.max(0, hot.length - HOT1);
  }

  /** Target offset of code {@code v} read in the node at offset {@code p}. */
  int decode(int p, int v) {
    int z;
    if (v < 128) {
      if (v <= HOT1) {
        return v == 0 ? 0 : hot[v - 1];
      }
      z = v - 1 - HOT1;
    } else {
      int u = v - 128;
      if (u < hot2) {
        return hot[HOT1 + u];
      }
      z = u - hot2 + (127 - HOT1);
    }
    return p + ((z >>> 1) ^ -(z & 1));
  }

  /** False for the one-byte hot codes beyond the table (never written; only corrupt data has them). */
  boolean isValid(int v) {
    return v == 0 || v > HOT1 || v - 1 < hot.length;
  }

  /** Code naming hot node {@code index}. */
  int hotCode(int index) {
    return index < HOT1 ? 1 + index : 128 + index - HOT1;
  }

  /** Code naming the node {@code delta} bytes away (never 0) by distance. */
  int distanceCode(int delta) {
    int z = (delta << 1) ^ (delta >> 31);
    return z < 127 - HOT1 ? z + 1 + HOT1 : z - (127 - HOT1) + 128 + hot2;
  }

  long byteSize() {
    return 4L * hot.length;
  }
}
