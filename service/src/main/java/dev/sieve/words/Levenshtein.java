package dev.sieve.words;

/**
 * The words within {@code distance} edits of a word, as a {@link CodePointAutomaton}: an edit
 * inserts, deletes or substitutes one code point (not a UTF-8 byte, not a UTF-16 unit); with
 * {@code transpositions}, swapping two adjacent code points is one edit too (optimal string
 * alignment, the restricted Damerau distance Lucene's {@code FuzzyQuery} uses); with {@code
 * prefix = N}, a match must start with the word's first N code points exactly (Lucene's {@code
 * prefixLength}; all of the word if it has fewer), and the distance is that of the rest.
 *
 * <p>How: the automaton simulates Ukkonen's band of the edit-distance table rather than building
 * Schulz and Mihov's parametric tables. After {@code k} code points of a candidate, only row
 * entries {@code k - D .. k + D} can be at most {@code D} (an entry is at least its distance from
 * the diagonal), so a state is those {@code 2D + 1} entries capped at {@code D + 1}, two bits
 * each, plus {@code k}; with transpositions also the previous row's band and which of the
 * word's code points equal the candidate's previous one. Everything fits one {@code long}, a step
 * costs {@code 2D + 1} cells, and equal states are equal numbers, which is what the search
 * memoises on. {@code D} is 0..{@value #MAX_DISTANCE}: at 3 the band would need three bits a cell,
 * and the number of states, and with them the work on a large set, grows about tenfold.
 *
 * <p>Immutable and thread-safe.
 */
public final class Levenshtein implements CodePointAutomaton {
  /** The largest distance supported. */
  public static final int MAX_DISTANCE = 2;

  private static final long PREFIX = 1L << 62; // a state still inside the exact prefix
  private static final int ROW = 0; // the band of the current row: bits 0..9
  private static final int PREV = 10; // the band of the previous row (transpositions): bits 10..19
  private static final int EQ = 20; // which word code points equal the previous one: bits 20..24
  private static final int K = 32; // code points read after the prefix: bits 32..61
  private static final long K_MASK = (1L << 30) - 1;

  private final int[] prefix;
  private final int[] rest;
  private final int max;
  private final int width;
  private final int inf;
  private final boolean transpositions;
  private final long dpStart;
  private final CodePointSet named;

  private Levenshtein(int[] prefix, int[] rest, int max, boolean transpositions) {
    this.prefix = prefix;
    this.rest = rest;
    this.max = max;
    this.width = 2 * max + 1;
    this.inf = max + 1;
    this.transpositions = transpositions;
    this.dpStart = dpStart();
    int[] all = java.util.Arrays.copyOf(prefix, prefix.length + rest.length);
    System.arraycopy(rest, 0, all, prefix.length, rest.length);
    this.named = CodePointSet.of(all);
  }

  CodePointSet named() {
    return named;
  }

  @Override
  public boolean distinguishes(int codePoint) {
    return named.contains(codePoint);
  }

  /**
   * The automaton of the words within {@code distance} (0..{@value #MAX_DISTANCE}) edits of
   * {@code word} whose first {@code prefix} (at least 0) code points are {@code word}'s.
   *
   * @throws IllegalArgumentException for a distance or prefix out of range
   */
  public static Levenshtein of(String word, int distance, boolean transpositions, int prefix) {
    if (distance < 0 || distance > MAX_DISTANCE) {
      throw new IllegalArgumentException("distance must be 0.." + MAX_DISTANCE + ": " + distance);
    }
    if (prefix < 0) {
      throw new IllegalArgumentException("prefix must be at least 0: " + prefix);
    }
    int[] cps = word.codePoints().toArray();
    int n = Math.min(prefix, cps.length);
    int[] head = java.util.Arrays.copyOf(cps, n);
    int[] tail = java.util.Arrays.copyOfRange(cps, n, cps.length);
    if (tail.length > K_MASK - MAX_DISTANCE) {
      throw new IllegalArgumentException("word too long for a fuzzy lookup: " + cps.length + " code points");
    }
    return new Levenshtein(head, tail, distance, transpositions);
  }

  @Override
  public int maxDistance() {
    return max;
  }

  @Override
  public long start() {
    return prefix.length > 0 ? PREFIX : dpStart;
  }

  /** Row 0 of the table: entry {@code i} is {@code i}; entries outside {@code 0..m} are "infinite". */
  private long dpStart() {
    long row = 0;
    long prev = 0;
    for (int j = 0; j < width; j++) {
      int i = j - max;
      int v = i < 0 || i > rest.length ? inf : Math.min(i, inf);
      row |= (long) v << (2 * j);
      prev |= (long) inf << (2 * j);
    }
    return row << ROW | prev << PREV;
  }

  @Override
  public long step(long state, int c) {
    if ((state & PREFIX) != 0) {
      int k = (int) (state & K_MASK);
      if (prefix[k] != c) {
        return DEAD;
      }
      return k + 1 == prefix.length ? dpStart : PREFIX | (k + 1);
    }
    final int[] r = rest;
    final int m = r.length;
    int k = (int) (state >>> K & K_MASK);
    int row = (int) (state >>> ROW) & 0x3FF;
    int prev = (int) (state >>> PREV) & 0x3FF;
    int eq = (int) (state >>> EQ) & 0x1F;
    int next = 0;
    int nextEq = 0;
    int left = inf; // the new row's entry to the left of the band: at least D + 1 off the diagonal
    int least = inf;
    for (int j = 0; j < width; j++) {
      int i = k + 1 - max + j; // the word position of new entry j
      int v;
      if (i < 0 || i > m) {
        v = inf;
      } else if (i == 0) {
        v = Math.min(k + 1, inf);
      } else {
        int diag = (row >>> (2 * j) & 3) + (r[i - 1] == c ? 0 : 1);
        int up = (j + 1 < width ? row >>> (2 * (j + 1)) & 3 : inf) + 1;
        v = Math.min(Math.min(diag, up), left + 1);
        if (transpositions && i >= 2 && (eq >>> j & 1) != 0 && r[i - 2] == c) {
          v = Math.min(v, (prev >>> (2 * j) & 3) + 1);
        }
        v = Math.min(v, inf);
      }
      next |= v << (2 * j);
      left = v;
      least = Math.min(least, v);
      int p = k + 1 - max + j; // for the next step: does word position p hold c?
      if (p >= 0 && p < m && r[p] == c) {
        nextEq |= 1 << j;
      }
    }
    if (least > max) {
      return DEAD;
    }
    long s = (long) (k + 1) << K | (long) next << ROW;
    if (transpositions) {
      // Only what a swap can still use: an entry of this row (the next step's previous band)
      // with an equal code point and below D + 1, so states that differ elsewhere are one state.
      int usable = 0;
      for (int j = 0; j < width; j++) {
        if ((nextEq >>> j & 1) != 0 && (row >>> (2 * j) & 3) < inf) {
          usable |= 3 << (2 * j);
        }
      }
      int swapEq = 0;
      for (int j = 0; j < width; j++) {
        swapEq |= (usable >>> (2 * j) & 1) << j;
      }
      s |= (long) (row & usable) << PREV | (long) swapEq << EQ;
    }
    return s;
  }

  @Override
  public int distance(long state) {
    if ((state & PREFIX) != 0) {
      return NONE; // shorter than the required prefix
    }
    int k = (int) (state >>> K & K_MASK);
    int j = rest.length - k + max;
    if (j < 0 || j >= width) {
      return NONE;
    }
    int v = (int) (state >>> (ROW + 2 * j)) & 3;
    return v <= max ? v : NONE;
  }

  @Override
  public int floor(long state) {
    if ((state & PREFIX) != 0) {
      return 0;
    }
    int row = (int) (state >>> ROW) & 0x3FF;
    int least = inf;
    for (int j = 0; j < width; j++) {
      least = Math.min(least, row >>> (2 * j) & 3);
    }
    return least;
  }
}
