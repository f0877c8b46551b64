package dev.sieve.words;

import java.util.Arrays;

/**
 * A {@link CodePointAutomaton} determinised lazily for one query: its states numbered 0, 1, 2, ...
 * as the search meets them, its code points folded into a few classes, and each (state, class)
 * step worked out once and then read from a table. A search steps tens of thousands of times per
 * query over a few hundred states and a handful of classes, so almost every step is one array
 * read instead of a run of the automaton's own step (2D + 1 cells of a Levenshtein band, or the
 * positions of a pattern).
 *
 * <p>Classes: the code points the automaton names ({@link CodePointAutomaton#distinguishes}) are
 * cut into intervals at every named code point and range end ({@link CodePointSet#breakpoints});
 * the code points of one interval lead from every state to the same state, and every interval
 * the automaton does not name is the one class {@link CodePointAutomaton#OTHER} stands for. An
 * ASCII code point finds its class in a 128-entry table, any other by halves over the breakpoints.
 *
 * <p>Per state the table also keeps what the search asks at every node: the distance if the word
 * ends there, the floor, and whether every continuation is accepted. Nothing here is part of a
 * set: it lives for one query (the three tries of a {@link WordDelta} share it). Not thread-safe.
 */
final class QueryDfa {
  /** The step into no state: no continuation is accepted. */
  static final int DEAD = -1;
  private static final int UNKNOWN = -2;

  final CodePointAutomaton automaton;
  /** The automaton's greatest distance. */
  final int max;
  /** The start state (0). */
  final int start;

  private final int[] ascii = new int[128];
  private final int[] breaks; // interval starts, ascending, breaks[0] == 0
  private final int[] breakClass; // class of each interval
  private final int classes;
  private final int[] rep; // a code point of each class (OTHER for class 0)

  private long[] value = new long[64];
  /** Per state: the distance of a word ending in it, or {@link CodePointAutomaton#NONE}. */
  int[] distance = new int[64];
  /** Per state: the least distance any continuation can reach. */
  int[] floor = new int[64];
  /** Per state: whether every continuation is accepted at distance 0. */
  boolean[] universal = new boolean[64];
  private int[] next;
  private int size;

  // the states' numbers by value: open addressing, at most half full
  private long[] keys = new long[128];
  private int[] ids = new int[128];

  QueryDfa(CodePointAutomaton automaton) {
    this.automaton = automaton;
    this.max = automaton.maxDistance();
    int[] b = CodePointSet.of(automaton).breakpoints();
    int[] starts = new int[b.length + 1];
    int n = 0;
    if (b.length == 0 || b[0] != 0) {
      starts[n++] = 0;
    }
    for (int x : b) {
      starts[n++] = x;
    }
    breaks = Arrays.copyOf(starts, n);
    breakClass = new int[n];
    int[] reps = new int[n + 1];
    reps[0] = CodePointAutomaton.OTHER;
    int c = 1;
    for (int i = 0; i < n; i++) {
      if (automaton.distinguishes(breaks[i])) {
        breakClass[i] = c;
        reps[c++] = breaks[i];
      }
    }
    classes = c;
    rep = Arrays.copyOf(reps, c);
    for (int cp = 0; cp < 128; cp++) {
      ascii[cp] = slowClass(cp);
    }
    next = new int[64 * classes];
    Arrays.fill(next, UNKNOWN);
    Arrays.fill(ids, -1);
    start = intern(automaton.start());
  }

  /** Number of classes (for tests and measurements). */
  int classes() {
    return classes;
  }

  /** Number of states met so far (for tests and measurements). */
  int size() {
    return size;
  }

  /** The class of code point {@code cp}. */
  int classOf(int cp) {
    return cp < 128 ? ascii[cp] : slowClass(cp);
  }

  private int slowClass(int cp) {
    int i = Arrays.binarySearch(breaks, cp);
    return breakClass[i >= 0 ? i : -i - 2];
  }

  /** The state after a code point of class {@code cls} from {@code state} (not {@link #DEAD}), or {@link #DEAD}. */
  int step(int state, int cls) {
    int t = next[state * classes + cls];
    return t != UNKNOWN ? t : work(state, cls);
  }

  private int work(int state, int cls) {
    long v = automaton.step(value[state], rep[cls]);
    int t = v == CodePointAutomaton.DEAD ? DEAD : intern(v);
    next[state * classes + cls] = t; // after intern: it may have grown the table
    return t;
  }

  private int intern(long v) {
    int mask = keys.length - 1;
    int i = hash(v) & mask;
    while (ids[i] >= 0) {
      if (keys[i] == v) {
        return ids[i];
      }
      i = (i + 1) & mask;
    }
    int id = size++;
    keys[i] = v;
    ids[i] = id;
    if (id == value.length) {
      int cap = id * 2;
      value = Arrays.copyOf(value, cap);
      distance = Arrays.copyOf(distance, cap);
      floor = Arrays.copyOf(floor, cap);
      universal = Arrays.copyOf(universal, cap);
      int old = next.length;
      next = Arrays.copyOf(next, cap * classes);
      Arrays.fill(next, old, next.length, UNKNOWN);
    }
    value[id] = v;
    distance[id] = automaton.distance(v);
    floor[id] = automaton.floor(v);
    universal[id] = automaton.universal(v);
    if (2 * size > keys.length) {
      rehash();
    }
    return id;
  }

  private void rehash() {
    long[] oldKeys = keys;
    int[] oldIds = ids;
    keys = new long[oldKeys.length * 2];
    ids = new int[oldKeys.length * 2];
    Arrays.fill(ids, -1);
    int mask = keys.length - 1;
    for (int j = 0; j < oldIds.length; j++) {
      if (oldIds[j] >= 0) {
        int i = hash(oldKeys[j]) & mask;
        while (ids[i] >= 0) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[j];
        ids[i] = oldIds[j];
      }
    }
  }

  private static int hash(long v) {
    long h = v * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 32) ^ (int) (h >>> 11);
  }
}
