package dev.sieve.words;

import java.util.Arrays;
import java.util.List;

/**
 * One query of a {@link CodePointAutomaton} against one frozen {@link Trie} (one part of a set:
 * {@link PartsSearch} runs one per part): the product of the
 * two automata walked depth first, the trie's byte arcs decoded into code points on the way.
 *
 * <p>Counting visits each (trie node, automaton state) pair once: the trie is a DAG whose shared
 * sub-tries are reached by many paths, and what lies below a pair does not depend on the path, so
 * its counts (per distance) are memoised ({@link StateMemo}) at nodes where no code point is half
 * read. Listing then walks in byte order, one distance at a time, and enters only pairs whose
 * memoised count at that distance is not zero: every node it visits leads to a word it returns.
 * Below a state that accepts everything ({@link CodePointAutomaton#universal}), counting takes the
 * trie's own count of the node. Both walks keep their own stack of frames (no recursion: a word may be thousands of bytes long)
 * and charge every node entered to one budget.
 *
 * <p>How a step is cheap: the automaton runs determinised lazily ({@link QueryDfa}: one table
 * read per arc once a (state, class) pair has been met); a node's arcs are tried label by label
 * and only the arcs whose label keeps the automaton alive have their target decoded (the
 * targets of a small node are varints read in order, each at most once per visit); the final
 * sink is counted where it is met, without a frame or a memo entry; no object is made per arc
 * or per node (frames are parallel arrays, the memo flat arrays), only per word listed.
 *
 * <p>Not thread-safe: one per query (the set and the {@link QueryDfa} may be shared by the
 * searches of one query, one after the other).
 */
final class TrieSearch {
  /** A word found: its UTF-8 bytes and its distance. */
  record Hit(byte[] utf8, int distance) {}

  private final Trie set;
  private final TrieBytes d;
  private final byte[] heap; // the trie's array when it is on the heap: read directly, not through d
  private final QueryDfa dfa;
  private final int max;
  private final int stride;
  private final int arcNext;
  private final int chainNext;
  private final StateMemo memo;
  private final long budget;
  /** Nodes entered by every search sharing the budget (the parts of one set): one counter. */
  private final long[] spent;
  /**
   * A pair is memoised once the walk below it entered at least this many nodes: 0 for patterns,
   * whose few states meet the same shared suffixes again and again ({@code *ing} on
   * wamerican-insane enters 126 k nodes so, 760 k if only walks of 8 nodes or more are kept);
   * {@value #LEVENSHTEIN_MEMO_MIN} for a Levenshtein automaton, whose states carry the position in
   * the word, so a pair comes back only where two paths of the same length reach a shared node in
   * the same band: measured on wamerican-insane, of 4,600 pairs memoised for "speling" at
   * distance 2, none was found again once walks under 8 nodes were left out, and about 130 (2.5 %
   * of the nodes entered) with every pair kept, for the price of a put per node.
   */
  static final long LEVENSHTEIN_MEMO_MIN = 8;
  private final long memoMin;
  private long visits;
  private long[] total;

  // one frame per general node on the path: offset, arc count, labels, the next target not yet
  // read and its arc, next arc, half-read code point, path length, state, still on the cursor
  private long[] fPos = new long[32];
  private int[] fN = new int[32];
  private long[] fQ = new long[32];
  private long[] fT = new long[32];
  private int[] fTj = new int[32];
  private int[] fArc = new int[32];
  private int[] fDec = new int[32];
  private int[] fLen = new int[32];
  private int[] fState = new int[32];
  private boolean[] fAfter = new boolean[32];
  private long[] fVisits = new long[32];
  private long[] acc;
  private int depth;

  // where the walk is: automaton state, half-read code point (bits << 2 | bytes still needed)
  private int s;
  private int dec;
  private int ceiling;
  // the path's bytes; listing only: whether they are still equal to the cursor's first bytes
  private byte[] path = new byte[64];
  private int len;
  private boolean onAfter;
  private byte[] after;
  // what counting keeps for listing (see keep): per distance, the first hits after the cursor
  private List<Hit>[] kept;
  private boolean[] lost;
  private byte[] keptAfter;
  private int keptAfterDistance;
  private int keptWant;

  TrieSearch(Trie set, CodePointAutomaton a, long budget) {
    this(set, new QueryDfa(a), budget, new long[1]);
  }

  /** A search charging {@code spent[0]}, shared with other searches, against {@code budget}. */
  TrieSearch(Trie set, QueryDfa dfa, long budget, long[] spent) {
    this.spent = spent;
    this.set = set;
    this.d = set.data;
    this.heap = set.heapArray();
    this.dfa = dfa;
    this.max = dfa.max;
    this.stride = max + 1;
    this.arcNext = set.layout.arcNext;
    this.chainNext = set.layout.chainNext;
    this.memo = new StateMemo(stride);
    this.memoMin = dfa.automaton instanceof Levenshtein ? LEVENSHTEIN_MEMO_MIN : 0;
    this.budget = budget;
    this.acc = new long[32 * stride];
  }

  /** Trie nodes entered so far: general nodes, and nodes whose count was taken whole (the sink is not charged). */
  long visits() {
    return visits;
  }

  /** Memoised pairs (for measurements). */
  int pairs() {
    return memo.size();
  }

  /**
   * Before {@link #counts}: the counting walk, which meets the words it counts in byte order, keeps
   * per distance the first {@code want} of them that come after the cursor ({@code after} at
   * {@code afterDistance}: at a greater distance every word; {@code after} null and {@code
   * afterDistance} -1: no cursor), so that {@link #collect} with that cursor needs no walk of its
   * own. A distance's list is given up when a shortcut of the count (a memoised pair, a state that
   * accepts everything) passes over words at that distance before the list is full; {@code
   * collect} then walks.
   */
  @SuppressWarnings("unchecked")
  void keep(byte[] after, int afterDistance, int want) {
    if (total != null) {
      throw new IllegalStateException("keep must come before counts");
    }
    kept = new List[stride];
    for (int k = 0; k < stride; k++) {
      kept[k] = new java.util.ArrayList<>();
    }
    lost = new boolean[stride];
    keptAfter = after;
    keptAfterDistance = afterDistance;
    keptWant = want;
  }

  /** Words the automaton accepts, by distance (index 0..maxDistance); a fresh array. */
  long[] counts() {
    if (total == null) {
      total = set.size() == 0 ? new long[stride] : count();
    }
    return total.clone();
  }

  // ---------------------------------------------------------------- counting

  private long[] count() {
    long[] result = new long[stride];
    ceiling = max;
    s = dfa.start;
    dec = 0;
    depth = 0;
    len = 0;
    onAfter = false;
    descendCounting(set.root, result, 0);
    while (depth > 0) {
      int f = depth - 1;
      int j = nextLiveArc(f);
      if (j >= 0) {
        descendCounting(target(f, j), acc, f * stride);
        continue;
      }
      depth--;
      if (fDec[f] == 0 && visits - fVisits[f] >= memoMin) {
        memo.put(fPos[f], fState[f], acc, f * stride);
      }
      long[] into = f == 0 ? result : acc;
      int at = f == 0 ? 0 : (f - 1) * stride;
      for (int k = 0; k < stride; k++) {
        into[at + k] += acc[f * stride + k];
      }
    }
    return result;
  }

  /**
   * Feeds frame {@code f}'s labels from its next arc on until one keeps the automaton alive: that
   * arc's index (the walk is then in the state after it), or -1 when none is left.
   */
  private int nextLiveArc(int f) {
    int n = fN[f];
    long q = fQ[f];
    int state = fState[f];
    int half = fDec[f];
    int at = fLen[f];
    for (int j = fArc[f]; j < n; j++) {
      s = state;
      dec = half;
      len = at;
      if (append(at(q + j))) {
        fArc[f] = j + 1;
        return j;
      }
    }
    fArc[f] = n;
    return -1;
  }

  /** Follows the chains from {@code t} in the current state; adds what lies below to {@code into[at..]}. */
  private void descendCounting(long t, long[] into, int at) {
    t = chains(t);
    if (t < 0) {
      return;
    }
    if (dec == 0) {
      if (t == 0) { // the final sink: one word, no frame, nothing to charge (nothing is read there)
        int dist = dfa.distance[s];
        if (dist <= max) {
          into[at + dist]++;
          counted(dist);
        }
        return;
      }
      if (dfa.universal[s]) {
        charge();
        long c = set.nodeCount(t); // every word below is a match: the trie keeps their count
        into[at] += c;
        skipped(0, c);
        return;
      }
      int m = memo.find(t, s);
      if (m >= 0) {
        long[] c = memo.counts();
        for (int k = 0; k < stride; k++) {
          into[at + k] += c[m + k];
          skipped(k, c[m + k]);
        }
        return;
      }
    }
    int f = push(t);
    fLen[f] = len;
    if (fDec[f] == 0 && final_(t)) {
      int dist = dfa.distance[s];
      if (dist <= max) {
        acc[f * stride + dist]++;
        counted(dist);
      }
    }
  }

  /** Counting met the word of the path, at {@code dist}: kept if its list wants it. */
  private void counted(int dist) {
    if (kept == null || dist < keptAfterDistance) {
      return;
    }
    List<Hit> k = kept[dist];
    if (k.size() < keptWant && (dist > keptAfterDistance || keptAfter == null
        || Arrays.compareUnsigned(path, 0, len, keptAfter, 0, keptAfter.length) > 0)) {
      k.add(new Hit(Arrays.copyOf(path, len), dist));
    }
  }

  /** Counting passed over {@code c} words at {@code dist} without meeting them. */
  private void skipped(int dist, long c) {
    if (kept != null && c > 0 && kept[dist].size() < keptWant) {
      lost[dist] = true;
    }
  }

  // ---------------------------------------------------------------- listing

  /**
   * Appends to {@code out}, in byte order, the words at exactly {@code distance} that are greater
   * than {@code after} (null: all), until {@code out} holds {@code want} hits.
   */
  void collect(int distance, byte[] after, int want, List<Hit> out) {
    if (out.size() >= want || counts()[distance] == 0) {
      return;
    }
    if (kept != null && !lost[distance] && distance >= keptAfterDistance
        && Arrays.equals(after, distance == keptAfterDistance ? keptAfter : null) && want - out.size() <= keptWant) {
      List<Hit> k = kept[distance]; // the counting walk met them: no walk of its own
      for (int i = 0; i < k.size() && out.size() < want; i++) {
        out.add(k.get(i));
      }
      return;
    }
    this.after = after;
    ceiling = distance;
    s = dfa.start;
    dec = 0;
    depth = 0;
    len = 0;
    onAfter = after != null;
    if (descendListing(set.root, distance, want, out)) {
      return;
    }
    while (depth > 0) {
      int f = depth - 1;
      if (fArc[f] >= fN[f]) {
        depth--;
        continue;
      }
      int j = fArc[f]++;
      s = fState[f];
      dec = fDec[f];
      len = fLen[f];
      onAfter = fAfter[f];
      if (append(at(fQ[f] + j)) && descendListing(target(f, j), distance, want, out)) {
        return;
      }
    }
  }

  /** Enters {@code t} if words at {@code distance} lie below it; true when {@code out} is full. */
  private boolean descendListing(long t, int distance, int want, List<Hit> out) {
    t = chains(t);
    if (t < 0) {
      return false;
    }
    if (dec == 0) {
      if (t == 0) { // the final sink: a word, no frame
        if (!onAfter && dfa.distance[s] == distance) {
          out.add(new Hit(Arrays.copyOf(path, len), distance));
          return out.size() >= want;
        }
        return false;
      }
      int m = memo.find(t, s);
      if (m >= 0 && memo.counts()[m + distance] == 0) {
        return false;
      }
    }
    int f = push(t);
    fLen[f] = len;
    fAfter[f] = onAfter;
    if (dec == 0 && !onAfter && final_(t) && dfa.distance[s] == distance) {
      out.add(new Hit(Arrays.copyOf(path, len), distance));
      return out.size() >= want;
    }
    return false;
  }

  /**
   * Adds byte {@code b} to the path: false if the path falls at or before the cursor (everything
   * below is not after it) or the automaton dies.
   */
  private boolean append(byte b) {
    if (onAfter) {
      if (len == after.length) {
        onAfter = false; // the path is the cursor: what lies below is greater
      } else {
        int x = b & 0xFF;
        int y = after[len] & 0xFF;
        if (x < y) {
          return false;
        }
        onAfter = x == y;
      }
    }
    if (len == path.length) {
      path = Arrays.copyOf(path, len * 2);
    }
    path[len++] = b;
    return feed(b);
  }

  // ---------------------------------------------------------------- walking

  /** Appends the labels of the chains from {@code t}; the general node (or sink) they lead to, or -1. */
  private long chains(long t) {
    while (true) {
      int h = at(t) & 0xFF;
      if (h == 0 || h >= 0x80) {
        return t;
      }
      int k = set.chainLength(h);
      for (int i = 1; i <= k; i++) {
        if (!append(at(t + i))) {
          return -1;
        }
      }
      t = chainTarget(t, h);
    }
  }

  /** Feeds one UTF-8 byte; false when the automaton dies or cannot reach the ceiling any more. */
  private boolean feed(byte b) {
    int x = b & 0xFF;
    int cp;
    if (dec == 0) {
      if (x >= 0x80) {
        dec = x >= 0xF0 ? (x & 0x07) << 2 | 3 : x >= 0xE0 ? (x & 0x0F) << 2 | 2 : (x & 0x1F) << 2 | 1;
        return true;
      }
      cp = x;
    } else {
      cp = (dec >>> 2) << 6 | (x & 0x3F);
      int need = (dec & 3) - 1;
      if (need > 0) {
        dec = cp << 2 | need;
        return true;
      }
      dec = 0;
    }
    int t = dfa.step(s, dfa.classOf(cp));
    s = t;
    return t != QueryDfa.DEAD && (ceiling == max || dfa.floor[t] <= ceiling);
  }

  private byte at(long i) {
    return heap != null ? heap[(int) i] : d.get(i); // a heap array holds a trie of one page, under 2^31 bytes
  }

  private long varEnd(long p) {
    while (at(p) < 0) {
      p++;
    }
    return p + 1;
  }

  private long readVar(long p) {
    long v = 0;
    int shift = 0;
    while (true) {
      int b = at(p++);
      v |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return v;
      }
      shift += 7;
    }
  }

  /** Target of the chain with header {@code h} at {@code p}. */
  private long chainTarget(long p, int h) {
    long end = p + 1 + set.chainLength(h);
    return (h & chainNext) != 0 ? end : set.decodeTarget(p, readVar(end));
  }

  private boolean final_(long t) {
    int h = at(t) & 0xFF;
    return h == 0 || (h & 0x40) != 0;
  }

  private void charge() {
    visits++;
    if (++spent[0] > budget) {
      throw new SearchBudgetException(budget);
    }
  }

  /** Pushes a frame for the general node (or sink) {@code t} in the current state, charging the budget. */
  private int push(long t) {
    charge();
    if (depth == fPos.length) {
      int n = depth * 2;
      fPos = Arrays.copyOf(fPos, n);
      fN = Arrays.copyOf(fN, n);
      fQ = Arrays.copyOf(fQ, n);
      fT = Arrays.copyOf(fT, n);
      fTj = Arrays.copyOf(fTj, n);
      fArc = Arrays.copyOf(fArc, n);
      fDec = Arrays.copyOf(fDec, n);
      fLen = Arrays.copyOf(fLen, n);
      fState = Arrays.copyOf(fState, n);
      fAfter = Arrays.copyOf(fAfter, n);
      fVisits = Arrays.copyOf(fVisits, n);
      acc = Arrays.copyOf(acc, n * stride);
    }
    int f = depth++;
    int h = at(t) & 0xFF;
    int n = 0;
    long q = t + 1;
    if (h != 0) {
      n = h & set.arcCountMask;
      if (n == set.arcCountMask) {
        n += at(q++) & 0xFF;
      }
    }
    fPos[f] = t;
    fN[f] = n;
    fQ[f] = q;
    fT[f] = q + n;
    fTj[f] = 0;
    fArc[f] = 0;
    fState[f] = s;
    fDec[f] = dec;
    fVisits[f] = visits;
    for (int k = f * stride; k < f * stride + stride; k++) {
      acc[k] = 0;
    }
    return f;
  }

  /**
   * The target of arc {@code j} of frame {@code f}; arcs are asked for in increasing order, so the
   * varint targets of a small node are skipped or read at most once per visit.
   */
  private long target(int f, int j) {
    long p = fPos[f];
    int n = fN[f];
    long t = fT[f];
    if (n >= Trie.WIDE) {
      int w = at(t); // fixed width: t stays the start of the targets
      long q = t + 1 + (long) j * w;
      long v = at(q) & 0xFF;
      for (int b = 1; b < w; b++) {
        v |= (long) (at(q + b) & 0xFF) << (8 * b);
      }
      return set.decodeTarget(p, v);
    }
    boolean next = (at(p) & arcNext) != 0;
    int stored = next ? n - 1 : n;
    int k = fTj[f];
    while (k < j && k < stored) {
      t = varEnd(t);
      k++;
    }
    if (j == stored) { // the last arc leads to the next node: t is the node's count, which ends it
      fT[f] = t;
      fTj[f] = k;
      return varEnd(t);
    }
    long v = 0;
    int shift = 0;
    while (true) {
      int b = at(t++);
      v |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        break;
      }
      shift += 7;
    }
    fT[f] = t;
    fTj[f] = j + 1;
    return set.decodeTarget(p, v);
  }
}
