package dev.sieve.words;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A frozen {@link WordSet} plus small updates beside it: words added (absent from the base) and
 * words removed (present in the base), each kept as a sorted array of UTF-8 byte strings. Reads
 * check the delta, then the base; {@link #compact()} streams the merge of both into a new frozen
 * base, the log-structured way of Lucene segments and LSM trees.
 *
 * <p>Immutable: {@link #apply} returns a new instance (copy-on-write of the delta arrays, so an
 * update costs O(delta size); keep deltas small by compacting). Thread-safe for reads. Ranks and
 * {@link WordSet#word} ids belong to frozen versions only.
 */
public final class WordDelta {
  private static final byte[][] NONE = new byte[0][];

  private final WordSet base;
  private final byte[][] added;
  private final byte[][] removed;

  private WordDelta(WordSet base, byte[][] added, byte[][] removed) {
    this.base = base;
    this.added = added;
    this.removed = removed;
  }

  /** A base with an empty delta. */
  public static WordDelta of(WordSet base) {
    return new WordDelta(base, NONE, NONE);
  }

  public WordSet base() {
    return base;
  }

  public boolean isEmpty() {
    return added.length == 0 && removed.length == 0;
  }

  /** Words added since the base was frozen (not counting those removed again). */
  public int addedCount() {
    return added.length;
  }

  /** Words of the base removed since it was frozen. */
  public int removedCount() {
    return removed.length;
  }

  public long size() {
    return base.size() + added.length - removed.length;
  }

  public boolean contains(CharSequence word) {
    byte[] b = Utf8.strictBytesOrNull(word);
    return b != null && contains(b);
  }

  public boolean contains(byte[] utf8) {
    if (find(added, utf8) >= 0) {
      return true;
    }
    return base.contains(utf8, 0, utf8.length) && find(removed, utf8) < 0;
  }

  /** Words starting with {@code prefix}, exact across base and delta. */
  public long count(CharSequence prefix) {
    byte[] p = Utf8.strictBytesOrNull(prefix);
    if (p == null) {
      return 0;
    }
    return base.count(p, 0, p.length) - withPrefix(removed, p) + withPrefix(added, p);
  }

  /** As {@link WordSet#list}, over base and delta merged. */
  public List<String> list(CharSequence prefix, CharSequence after, int limit) {
    if (isEmpty()) {
      return base.list(prefix, after, limit);
    }
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0: " + limit);
    }
    byte[] p = Utf8.strictBytesOrNull(prefix == null ? "" : prefix);
    if (p == null || limit == 0) {
      return List.of();
    }
    byte[] a = after == null ? null : Utf8.bytes(after);
    // Base side: a cursor from the first base word with the prefix after `after`.
    long lo = base.below(p, 0, p.length);
    long hi = lo + base.count(p, 0, p.length);
    long start = a == null ? lo : Math.max(lo, base.atMost(a, 0, a.length));
    WordCursor cur = base.cursor();
    boolean baseHas = start < hi;
    long baseRank = start;
    if (baseHas) {
      cur.seek(start);
    }
    // Delta side: the first added word with the prefix after `after`.
    int ai = a == null ? lowerBound(added, p) : Math.max(lowerBound(added, p), upperBound(added, a));
    List<String> out = new ArrayList<>(Math.min(limit, 1024));
    while (out.size() < limit) {
      // Skip removed base words.
      while (baseHas && find(removed, Arrays.copyOf(cur.bytes(), cur.length())) >= 0) {
        baseHas = ++baseRank < hi && cur.next();
      }
      boolean addHas = ai < added.length && startsWith(added[ai], p);
      if (!baseHas && !addHas) {
        break;
      }
      if (addHas && (!baseHas || Arrays.compareUnsigned(added[ai], 0, added[ai].length, cur.bytes(), 0, cur.length()) < 0)) {
        out.add(Utf8.decode(added[ai], 0, added[ai].length));
        ai++;
      } else {
        out.add(cur.current());
        baseHas = ++baseRank < hi && cur.next();
      }
    }
    return out;
  }

  /**
   * This set with {@code adds} added and then {@code removes} removed (UTF-8 byte strings, any
   * order, duplicates allowed). {@link Change#added()} and {@link Change#removed()} count the
   * words whose membership changed.
   */
  public Change apply(List<byte[]> adds, List<byte[]> removes) {
    byte[][] add = sortedUnique(adds);
    byte[][] rem = sortedUnique(removes);
    // The effective delta as two sorted lists, rebuilt by merging.
    List<byte[]> newAdded = new ArrayList<>(added.length + add.length);
    List<byte[]> newRemoved = new ArrayList<>(removed.length + rem.length);
    long addedNow = 0;
    long removedNow = 0;
    // Membership after the adds, then after the removes, decided word by word over the union.
    byte[][] touched = union(union(added, removed), union(add, rem));
    for (byte[] w : touched) {
      boolean inBase = base.contains(w, 0, w.length);
      boolean before = find(added, w) >= 0 || (inBase && find(removed, w) < 0);
      boolean after = before;
      if (find(add, w) >= 0) {
        after = true;
      }
      if (find(rem, w) >= 0) {
        after = false;
      }
      if (after && !before) {
        addedNow++;
      } else if (before && !after) {
        removedNow++;
      }
      if (after && !inBase) {
        newAdded.add(w);
      } else if (!after && inBase) {
        newRemoved.add(w);
      }
    }
    WordDelta next = new WordDelta(base, newAdded.toArray(NONE), newRemoved.toArray(NONE));
    return new Change(next, addedNow, removedNow);
  }

  /** The result of {@link #apply}: the new set and how many words changed membership. */
  public record Change(WordDelta set, long added, long removed) {}

  /** Folds the delta into a new frozen base (CPU-heavy: call it off any event loop). */
  public WordSet compact() {
    if (isEmpty()) {
      return base;
    }
    WordSetBuilder b = new WordSetBuilder();
    WordCursor cur = base.cursor();
    boolean baseHas = cur.next();
    int ai = 0;
    int ri = 0;
    while (baseHas || ai < added.length) {
      if (ai < added.length && (!baseHas
          || Arrays.compareUnsigned(added[ai], 0, added[ai].length, cur.bytes(), 0, cur.length()) < 0)) {
        b.add(added[ai], 0, added[ai].length);
        ai++;
        continue;
      }
      while (ri < removed.length
          && Arrays.compareUnsigned(removed[ri], 0, removed[ri].length, cur.bytes(), 0, cur.length()) < 0) {
        ri++;
      }
      boolean gone = ri < removed.length
          && Arrays.compareUnsigned(removed[ri], 0, removed[ri].length, cur.bytes(), 0, cur.length()) == 0;
      if (!gone) {
        b.add(cur.bytes(), 0, cur.length());
      }
      baseHas = cur.next();
    }
    return b.build();
  }

  /**
   * This set expressed over {@code newBase}, which must hold exactly the words of {@code folded}:
   * an earlier version of this set over the same base (what a compaction folded while this one
   * took more updates). The two can differ only on words either delta touched.
   */
  public WordDelta rebase(WordSet newBase, WordDelta folded) {
    if (folded.base != base) {
      throw new IllegalArgumentException("folded is not a version over the same base");
    }
    byte[][] touched = union(union(added, removed), union(folded.added, folded.removed));
    List<byte[]> newAdded = new ArrayList<>();
    List<byte[]> newRemoved = new ArrayList<>();
    for (byte[] w : touched) {
      boolean mine = contains(w);
      boolean theirs = newBase.contains(w, 0, w.length);
      if (mine && !theirs) {
        newAdded.add(w);
      } else if (theirs && !mine) {
        newRemoved.add(w);
      }
    }
    return new WordDelta(newBase, newAdded.toArray(NONE), newRemoved.toArray(NONE));
  }

  /** Bytes of base and delta together: the trie's arrays plus {@link #deltaBytes()}. */
  public long byteSize() {
    return base.byteSize() + deltaBytes();
  }

  /** The words added, in byte order (UTF-8; callers must not modify them). */
  public Iterable<byte[]> addedWords() {
    return Arrays.asList(added);
  }

  /** The base words removed, in byte order (UTF-8; callers must not modify them). */
  public Iterable<byte[]> removedWords() {
    return Arrays.asList(removed);
  }

  /** Bytes of the delta: the word bytes plus 16 per array (object header and length). */
  public long deltaBytes() {
    long n = 16L * 2 + 4L * (added.length + removed.length);
    for (byte[] w : added) {
      n += 16 + w.length;
    }
    for (byte[] w : removed) {
      n += 16 + w.length;
    }
    return n;
  }

  // ---------------------------------------------------------------- sorted byte-string arrays

  private static int find(byte[][] a, byte[] key) {
    int lo = 0;
    int hi = a.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = Arrays.compareUnsigned(a[mid], key);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** First index whose element is >= key. */
  private static int lowerBound(byte[][] a, byte[] key) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Arrays.compareUnsigned(a[mid], key) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** First index whose element is > key. */
  private static int upperBound(byte[][] a, byte[] key) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Arrays.compareUnsigned(a[mid], key) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static long withPrefix(byte[][] a, byte[] p) {
    int i = lowerBound(a, p);
    int j = i;
    while (j < a.length && startsWith(a[j], p)) {
      j++;
    }
    return j - i;
  }

  private static boolean startsWith(byte[] w, byte[] p) {
    return w.length >= p.length && Arrays.equals(w, 0, p.length, p, 0, p.length);
  }

  private static byte[][] sortedUnique(List<byte[]> words) {
    byte[][] a = words.toArray(NONE);
    Arrays.sort(a, Arrays::compareUnsigned);
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      if (n == 0 || !Arrays.equals(a[n - 1], a[i])) {
        a[n++] = a[i];
      }
    }
    return Arrays.copyOf(a, n);
  }

  private static byte[][] union(byte[][] x, byte[][] y) {
    byte[][] out = new byte[x.length + y.length][];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < x.length || j < y.length) {
      int c = i == x.length ? 1 : j == y.length ? -1 : Arrays.compareUnsigned(x[i], y[j]);
      if (c <= 0) {
        out[n++] = x[i++];
        if (c == 0) {
          j++;
        }
      } else {
        out[n++] = y[j++];
      }
    }
    return Arrays.copyOf(out, n);
  }
}
