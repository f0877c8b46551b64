package dev.sieve.words;

/**
 * A deterministic automaton over code points that a {@link WordSearch} runs along the trie's
 * arcs: a typo-tolerant word ({@link Levenshtein}) or a wildcard pattern ({@link Wildcard}).
 * States are non-negative {@code long}s the automaton computes (nothing is tabulated ahead), so
 * equal states are equal numbers: the search memoises (trie node, state) pairs on them.
 *
 * <p>Besides accepting or not, a state carries a <em>distance</em>: how far the word read so far
 * is from what the automaton describes (0 for every match of a pattern; the edit distance for a
 * Levenshtein automaton), and a <em>floor</em>: the least distance any continuation can reach,
 * which never decreases along a path, so a search for distance {@code d} drops a path whose floor
 * passes {@code d}. Immutable and thread-safe.
 */
public sealed interface CodePointAutomaton permits Levenshtein, Wildcard {
  /** The answer of {@link #step} when no continuation can be accepted. */
  long DEAD = -1;
  /** The answer of {@link #distance} for a state that does not accept. */
  int NONE = Integer.MAX_VALUE;

  /** The state before any code point. */
  long start();

  /**
   * The state after {@code codePoint} from {@code state}, or {@link #DEAD}. {@link #OTHER} stands
   * for every code point {@link #distinguishes} says no to: they all lead to the same state.
   */
  long step(long state, int codePoint);

  /** A code point no automaton names: the search steps with it once for all those it does not name. */
  int OTHER = -1;

  /**
   * Whether {@code codePoint} may lead somewhere else than {@link #OTHER} does, from some state
   * (the word's code points, a pattern's literals and class members). Most arcs of a trie carry
   * code points the automaton does not name: the search steps once for all of them.
   */
  boolean distinguishes(int codePoint);

  /** The distance of the word read when it ends in {@code state}, or {@link #NONE}. */
  int distance(long state);

  /** The least distance any continuation of the word read so far can reach (at most {@link #maxDistance}). */
  int floor(long state);

  /**
   * Whether every continuation of the word read so far, the empty one too, is accepted at distance
   * 0 (a pattern's trailing {@code *} reached): the search then takes the count the trie keeps at
   * the node instead of walking below it.
   */
  default boolean universal(long state) {
    return false;
  }

  /** The greatest distance a match may have (0 for a pattern). */
  int maxDistance();

  /** The distance of the whole word {@code utf8} (valid UTF-8), or {@link #NONE}. */
  default int distanceOf(byte[] utf8) {
    long s = start();
    int i = 0;
    while (i < utf8.length && s != DEAD) {
      int b = utf8[i] & 0xFF;
      int cp;
      int n;
      if (b < 0x80) {
        cp = b;
        n = 1;
      } else if (b >= 0xF0) {
        cp = b & 0x07;
        n = 4;
      } else if (b >= 0xE0) {
        cp = b & 0x0F;
        n = 3;
      } else {
        cp = b & 0x1F;
        n = 2;
      }
      for (int k = 1; k < n; k++) {
        cp = cp << 6 | (utf8[i + k] & 0x3F);
      }
      i += n;
      s = step(s, cp);
    }
    return s == DEAD ? NONE : distance(s);
  }
}
