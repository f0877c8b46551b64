package dev.sieve.words;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A wildcard pattern on code points, as a {@link CodePointAutomaton} that accepts the words it
 * matches whole (distance 0):
 * <ul>
 *   <li>{@code ?}: any one code point; {@code *}: any run of code points, the empty one too;
 *   <li>{@code [abc]}: one of the listed code points; {@code [a-z]}: one in the range (by code
 *       point); {@code [!a-z]} or {@code [^a-z]}: one not listed; a {@code -} first or last in a
 *       class is itself; a class holds at least one item;
 *   <li>{@code \c}: the code point {@code c} itself, outside or inside a class (write {@code \]},
 *       {@code \\}, {@code \*}); every other code point, {@code ]} outside a class included, is itself.
 * </ul>
 * A malformed pattern (an unclosed or empty class, a reversed range, a {@code \} at the end) is a
 * {@link MalformedPatternException} naming the 1-based code point where it fails. A pattern has at
 * most {@value #MAX_TOKENS} tokens (a literal code point, {@code ?}, a class, or a run of {@code *}):
 * the state is a bit set of positions in one {@code long}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Wildcard implements CodePointAutomaton {
  /** Most tokens of one pattern. */
  public static final int MAX_TOKENS = 62;

  private static final byte LITERAL = 0;
  private static final byte ANY = 1;
  private static final byte STAR = 2;
  private static final byte CLASS = 3;

  private final String pattern;
  private final byte[] kind;
  private final int[] literal;
  /** Per class token: sorted inclusive ranges lo0, hi0, lo1, hi1, ... (null for other tokens). */
  private final int[][] ranges;
  private final boolean[] negated;
  private final int[] stars;
  private final long accept;
  private final CodePointSet named;

  private Wildcard(String pattern, byte[] kind, int[] literal, int[][] ranges, boolean[] negated) {
    this.pattern = pattern;
    this.kind = kind;
    this.literal = literal;
    this.ranges = ranges;
    this.negated = negated;
    int n = 0;
    int[] s = new int[kind.length];
    for (int i = 0; i < kind.length; i++) {
      if (kind[i] == STAR) {
        s[n++] = i;
      }
    }
    this.stars = Arrays.copyOf(s, n);
    this.accept = 1L << kind.length;
    this.named = CodePointSet.of(literalsOf(kind, literal), ranges);
  }

  private static int[] literalsOf(byte[] kind, int[] literal) {
    int[] out = new int[kind.length];
    int n = 0;
    for (int t = 0; t < kind.length; t++) {
      if (kind[t] == LITERAL) {
        out[n++] = literal[t];
      }
    }
    return Arrays.copyOf(out, n);
  }

  CodePointSet named() {
    return named;
  }

  @Override
  public boolean distinguishes(int codePoint) {
    return named.contains(codePoint);
  }

  /** Parses {@code pattern}; throws {@link MalformedPatternException} if it is malformed. */
  public static Wildcard parse(String pattern) {
    int[] cps = pattern.codePoints().toArray();
    List<Byte> kinds = new ArrayList<>();
    List<Integer> literals = new ArrayList<>();
    List<int[]> classes = new ArrayList<>();
    List<Boolean> negations = new ArrayList<>();
    int i = 0;
    while (i < cps.length) {
      int at = i + 1; // 1-based, for messages
      int c = cps[i++];
      if (kinds.size() == MAX_TOKENS && !(c == '*' && kinds.get(kinds.size() - 1) == STAR)) {
        throw new MalformedPatternException("more than " + MAX_TOKENS + " tokens", at);
      }
      byte kind;
      int lit = 0;
      int[] cls = null;
      boolean neg = false;
      if (c == '\\') {
        if (i == cps.length) {
          throw new MalformedPatternException("a \\ escapes nothing", at);
        }
        kind = LITERAL;
        lit = cps[i++];
      } else if (c == '?') {
        kind = ANY;
      } else if (c == '*') {
        if (!kinds.isEmpty() && kinds.get(kinds.size() - 1) == STAR) {
          continue; // a run of stars is one star
        }
        kind = STAR;
      } else if (c == '[') {
        kind = CLASS;
        if (i < cps.length && (cps[i] == '!' || cps[i] == '^')) {
          neg = true;
          i++;
        }
        List<int[]> items = new ArrayList<>();
        boolean closed = false;
        while (i < cps.length) {
          int itemAt = i + 1;
          int lo = cps[i++];
          if (lo == ']') {
            closed = true;
            break;
          }
          if (lo == '\\') {
            if (i == cps.length) {
              throw new MalformedPatternException("a \\ escapes nothing", itemAt);
            }
            lo = cps[i++];
          }
          int hi = lo;
          if (i + 1 < cps.length && cps[i] == '-' && cps[i + 1] != ']') {
            i++;
            hi = cps[i++];
            if (hi == '\\') {
              if (i == cps.length) {
                throw new MalformedPatternException("a \\ escapes nothing", i);
              }
              hi = cps[i++];
            }
            if (hi < lo) {
              throw new MalformedPatternException("the range " + new String(new int[] {lo, '-', hi}, 0, 3)
                  + " is reversed", itemAt);
            }
          }
          items.add(new int[] {lo, hi});
        }
        if (!closed) {
          throw new MalformedPatternException("the class [ is never closed", at);
        }
        if (items.isEmpty()) {
          throw new MalformedPatternException("the class is empty (write \\] for a ])", at);
        }
        cls = merge(items);
      } else {
        kind = LITERAL;
        lit = c;
      }
      kinds.add(kind);
      literals.add(lit);
      classes.add(cls);
      negations.add(neg);
    }
    int n = kinds.size();
    byte[] kind = new byte[n];
    int[] literal = new int[n];
    int[][] ranges = new int[n][];
    boolean[] negated = new boolean[n];
    for (int t = 0; t < n; t++) {
      kind[t] = kinds.get(t);
      literal[t] = literals.get(t);
      ranges[t] = classes.get(t);
      negated[t] = negations.get(t);
    }
    return new Wildcard(pattern, kind, literal, ranges, negated);
  }

  /** The class's ranges sorted and merged, flattened. */
  private static int[] merge(List<int[]> items) {
    items.sort((a, b) -> Integer.compare(a[0], b[0]));
    int[] out = new int[items.size() * 2];
    int n = 0;
    for (int[] r : items) {
      if (n > 0 && r[0] <= out[n - 1] + 1) {
        out[n - 1] = Math.max(out[n - 1], r[1]);
      } else {
        out[n++] = r[0];
        out[n++] = r[1];
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** The pattern as given. */
  public String pattern() {
    return pattern;
  }

  @Override
  public int maxDistance() {
    return 0;
  }

  @Override
  public long start() {
    return closure(1L);
  }

  @Override
  public long step(long state, int c) {
    long next = 0;
    for (long rest = state & ~accept; rest != 0; rest &= rest - 1) {
      int t = Long.numberOfTrailingZeros(rest);
      switch (kind[t]) {
        case STAR -> next |= 1L << t;
        case ANY -> next |= 2L << t;
        case LITERAL -> {
          if (literal[t] == c) {
            next |= 2L << t;
          }
        }
        default -> {
          if (inClass(ranges[t], c) != negated[t]) {
            next |= 2L << t;
          }
        }
      }
    }
    return next == 0 ? DEAD : closure(next);
  }

  /** Adds the position after each star whose position is set: a star may match nothing. */
  private long closure(long state) {
    for (int t : stars) {
      if ((state >>> t & 1) != 0) {
        state |= 2L << t;
      }
    }
    return state;
  }

  private static boolean inClass(int[] r, int c) {
    for (int i = 0; i < r.length && r[i] <= c; i += 2) {
      if (c <= r[i + 1]) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean universal(long state) {
    int last = kind.length - 1;
    return last >= 0 && kind[last] == STAR && (state >>> last & 1) != 0;
  }

  @Override
  public int distance(long state) {
    return (state & accept) != 0 ? 0 : NONE;
  }

  @Override
  public int floor(long state) {
    return 0;
  }

  @Override
  public String toString() {
    return "Wildcard[" + pattern + "]";
  }
}
