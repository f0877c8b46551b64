package dev.sieve.words;

import dev.sieve.delta.LeveledDelta;
import dev.sieve.delta.Levels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A frozen {@link WordSet} plus the updates since it was frozen, kept as {@link Levels} of
 * {@link WordLevel}s: each update batch becomes a small level of the words whose membership it
 * changed, and levels merge geometrically, so an update costs O(batch · log delta) plus one merge
 * now and then, amortised O(log delta) copies per word, never a copy of the whole delta. Reads
 * ask the levels newest first, then the base; {@link #compact()} streams the merge of base and
 * levels into a new frozen base, the log-structured way of Lucene segments and LSM trees.
 *
 * <p>Immutable: {@link #apply} returns a new instance sharing every level it did not merge, so a
 * reader holding a version sees whole batches only. Thread-safe for reads. Prefix counts and
 * listings are exact across base and levels. Ranks and {@link WordSet#word} ids belong to frozen
 * versions only.
 */
public final class WordDelta extends LeveledDelta<WordDelta, WordSet, WordLevel> {
  // The net pending words for searches, worked out by the first search of this version (O(delta))
  // and kept: every later search of the same version reads them as they are. Racy single-check:
  // two first searches may both compute it; the record's final fields publish it safely.
  private PendingWords pending;

  private WordDelta(WordSet base, Levels<WordLevel> levels, long added, long removed) {
    super(base, levels, added, removed);
  }

  @Override
  protected WordDelta with(WordSet base, Levels<WordLevel> levels, long added, long removed) {
    return new WordDelta(base, levels, added, removed);
  }

  /** A base with an empty delta. */
  public static WordDelta of(WordSet base) {
    return new WordDelta(base, Levels.empty(), 0, 0);
  }

  public long size() {
    return base.size() + added - removed;
  }

  public boolean contains(CharSequence word) {
    byte[] b = Utf8.strictBytesOrNull(word);
    return b != null && contains(b, 0, b.length);
  }

  public boolean contains(byte[] utf8) {
    return contains(utf8, 0, utf8.length);
  }

  boolean contains(byte[] w, int off, int len) {
    Boolean v = verdict(w, off, len);
    return v != null ? v : base.contains(w, off, len);
  }

  /** The newest level's word on {@code w} (TRUE: in, FALSE: out), null if no level touched it. */
  private Boolean verdict(byte[] w, int off, int len) {
    if (levels.count() == 0) {
      return null;
    }
    long hash = WordFilter.hash(w, off, len); // once for every level's filter
    for (int i = levels.count() - 1; i >= 0; i--) {
      Boolean v = levels.get(i).verdict(w, off, len, hash);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /** Words starting with {@code prefix}, exact across base and delta. */
  public long count(CharSequence prefix) {
    byte[] p = Utf8.strictBytesOrNull(prefix);
    if (p == null) {
      return 0;
    }
    long n = base.count(p, 0, p.length);
    for (int i = 0; i < levels.count(); i++) {
      n += levels.get(i).net(p);
    }
    return n;
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
    // Candidates: the base's words with the prefix after `after`, and each level's words that
    // came in; each candidate is then judged by the newest level that touched it.
    long lo = base.below(p, 0, p.length);
    long hi = lo + base.count(p, 0, p.length);
    long baseRank = a == null ? lo : Math.max(lo, base.atMost(a, 0, a.length));
    WordCursor cur = base.cursor();
    boolean baseHas = baseRank < hi;
    if (baseHas) {
      cur.seek(baseRank);
    }
    int n = levels.count();
    int[] next = new int[n];
    int[] end = new int[n];
    for (int i = 0; i < n; i++) {
      ByteStrings in = levels.get(i).in();
      int from = in.lowerBound(p, 0, p.length);
      next[i] = a == null ? from : Math.max(from, in.upperBound(a, 0, a.length));
      end[i] = in.prefixEnd(p);
    }
    List<String> out = new ArrayList<>(Math.min(limit, 1024));
    while (out.size() < limit) {
      byte[] key = smallest(baseHas ? cur : null, next, end);
      if (key == null) {
        break;
      }
      boolean inBase = baseHas && Arrays.compareUnsigned(cur.bytes(), 0, cur.length(), key, 0, key.length) == 0;
      if (inBase) {
        baseHas = ++baseRank < hi && cur.next();
      }
      for (int i = 0; i < n; i++) {
        if (next[i] < end[i] && levels.get(i).in().compare(next[i], key, 0, key.length) == 0) {
          next[i]++;
        }
      }
      Boolean v = verdict(key, 0, key.length);
      if (v != null ? v : inBase) {
        out.add(Utf8.decode(key, 0, key.length));
      }
    }
    return out;
  }

  /** A copy of the smallest head among the base cursor (if any) and the levels' words in; null if none. */
  private byte[] smallest(WordCursor cur, int[] next, int[] end) {
    byte[] b = null;
    int off = 0;
    int len = 0;
    if (cur != null) {
      b = cur.bytes();
      len = cur.length();
    }
    for (int i = 0; i < next.length; i++) {
      if (next[i] < end[i]) {
        ByteStrings in = levels.get(i).in();
        int s = in.start(next[i]);
        int l = in.length(next[i]);
        if (b == null || Arrays.compareUnsigned(in.bytes(), s, s + l, b, off, off + len) < 0) {
          b = in.bytes();
          off = s;
          len = l;
        }
      }
    }
    return b == null ? null : Arrays.copyOfRange(b, off, off + len);
  }

  /**
   * This set with {@code adds} added and then {@code removes} removed (UTF-8 byte strings, any
   * order, duplicates allowed). {@link Change#added()} and {@link Change#removed()} count the
   * words whose membership changed. Costs O(batch · log batch) to sort, a lookup per word, and the
   * merges of {@link Levels#push}.
   */
  public Change apply(List<byte[]> adds, List<byte[]> removes) {
    ByteStrings add = ByteStrings.sortedUnique(adds);
    ByteStrings rem = ByteStrings.sortedUnique(removes);
    ByteStrings.Builder in = new ByteStrings.Builder(add.count());
    ByteStrings.Builder out = new ByteStrings.Builder(rem.count());
    long nowAdded = added;
    long nowRemoved = removed;
    byte[] b = add.bytes();
    for (int i = 0; i < add.count(); i++) {
      int s = add.start(i);
      int l = add.length(i);
      if (rem.contains(b, s, l)) {
        continue; // added and removed in one batch: the remove wins
      }
      Boolean v = verdict(b, s, l);
      if (v == Boolean.TRUE) {
        continue; // in already: no need to ask the base
      }
      boolean inBase = base.contains(b, s, l);
      if (!(v != null ? v : inBase)) {
        in.add(b, s, l);
        if (inBase) {
          nowRemoved--;
        } else {
          nowAdded++;
        }
      }
    }
    b = rem.bytes();
    for (int i = 0; i < rem.count(); i++) {
      int s = rem.start(i);
      int l = rem.length(i);
      Boolean v = verdict(b, s, l);
      if (v == Boolean.FALSE) {
        continue; // out already
      }
      boolean inBase = base.contains(b, s, l);
      if (v != null ? v : inBase) {
        out.add(b, s, l);
        if (inBase) {
          nowRemoved++;
        } else {
          nowAdded--;
        }
      }
    }
    WordLevel level = new WordLevel(in.build(), out.build());
    WordDelta next = new WordDelta(base, levels.push(level), nowAdded, nowRemoved);
    return new Change(next, level);
  }

  /**
   * The result of {@link #apply}: the new set, how many words changed membership, and which (the
   * batch's own level, so that a caller's per-word bookkeeping needs no second lookup of each word).
   */
  public static final class Change {
    private final WordDelta set;
    private final WordLevel level;

    Change(WordDelta set, WordLevel level) {
      this.set = set;
      this.level = level;
    }

    public WordDelta set() {
      return set;
    }

    /** Words that came in (were not in the set before the batch). */
    public long added() {
      return level.in().count();
    }

    /** Words that went out (were in the set before the batch). */
    public long removed() {
      return level.out().count();
    }

    /** The sum of {@code perWord} over the words that came in minus its sum over those that went out. */
    public long net(java.util.function.ToLongFunction<String> perWord) {
      long n = 0;
      ByteStrings in = level.in();
      for (int i = 0; i < in.count(); i++) {
        n += perWord.applyAsLong(in.string(i));
      }
      ByteStrings out = level.out();
      for (int i = 0; i < out.count(); i++) {
        n -= perWord.applyAsLong(out.string(i));
      }
      return n;
    }
  }

  /** Folds the delta into a new frozen base (CPU-heavy: call it off any event loop). */
  public WordSet compact() {
    return compact((Path) null);
  }

  /**
   * As {@link #compact()}; a new base of several parts parks them in {@code partsDir} while it is
   * built, unless it is null ({@link WordSetBuilder#parkPartsIn}): then it costs no heap beyond
   * the part under way, and is read from mapped files.
   */
  public WordSet compact(Path partsDir) {
    return compactInto(partsDir == null ? new WordSetBuilder() : new WordSetBuilder().parkPartsIn(partsDir));
  }

  /** As {@link #compact()}, into {@code b} (fresh: tests choose its parts). */
  WordSet compactInto(WordSetBuilder b) {
    if (isEmpty()) {
      return base;
    }
    // Net over all levels: words in are not in the base, words out are.
    WordLevel net = levels.merged();
    ByteStrings in = net.in();
    ByteStrings out = net.out();
    WordCursor cur = base.cursor();
    boolean baseHas = cur.next();
    int ai = 0;
    int ri = 0;
    while (baseHas || ai < in.count()) {
      if (ai < in.count() && (!baseHas || in.compare(ai, cur.bytes(), 0, cur.length()) < 0)) {
        b.add(in.bytes(), in.start(ai), in.length(ai));
        ai++;
        continue;
      }
      while (ri < out.count() && out.compare(ri, cur.bytes(), 0, cur.length()) < 0) {
        ri++;
      }
      if (ri == out.count() || out.compare(ri, cur.bytes(), 0, cur.length()) != 0) {
        b.add(cur.bytes(), 0, cur.length());
      }
      baseHas = cur.next();
    }
    return b.build();
  }

  /**
   * This set expressed over {@code newBase}, which must hold exactly the words of {@code folded}:
   * an earlier version of this set over the same base (what a compaction folded while this one
   * took more updates). When {@code folded}'s levels are still this set's oldest ({@link
   * #sealed()} sees to it), the result is the levels that came after, merged into one: O(updates
   * since the fold). Otherwise every word either delta touched is looked up: O(delta).
   */
  public WordDelta rebase(WordSet newBase, WordDelta folded) {
    WordDelta fast = rebaseOverLaterLevels(newBase, folded);
    if (fast != null) {
      return fast;
    }
    ByteStrings touched = ByteStrings.union(touched(), folded.touched());
    ByteStrings.Builder in = new ByteStrings.Builder(touched.count());
    ByteStrings.Builder out = new ByteStrings.Builder(0);
    byte[] b = touched.bytes();
    for (int i = 0; i < touched.count(); i++) {
      int s = touched.start(i);
      int l = touched.length(i);
      boolean mine = contains(b, s, l);
      boolean theirs = newBase.contains(b, s, l);
      if (mine && !theirs) {
        in.add(b, s, l);
      } else if (theirs && !mine) {
        out.add(b, s, l);
      }
    }
    WordLevel level = new WordLevel(in.build(), out.build());
    return new WordDelta(newBase, Levels.of(level), level.in().count(), level.out().count());
  }

  /** Every word a level holds, in or out, once, in byte order (what a search must look at beside the base). */
  ByteStrings touched() {
    ByteStrings all = ByteStrings.EMPTY;
    for (int i = 0; i < levels.count(); i++) {
      all = ByteStrings.union(all, ByteStrings.union(levels.get(i).in(), levels.get(i).out()));
    }
    return all;
  }

  /** The words now in the set but not in the base, and the reverse: computed once per version. */
  PendingWords pending() {
    PendingWords p = pending;
    if (p == null) {
      p = PendingWords.of(this);
      pending = p;
    }
    return p;
  }

  /** Exact heap bytes of the levels, plus the search's pending words while this version keeps them. */
  @Override
  public long deltaBytes() {
    PendingWords p = pending;
    return super.deltaBytes() + (p == null ? 0 : p.byteSize());
  }

  @Override
  public long baseBytes() {
    return base.byteSize();
  }

  @Override
  public long baseElements() {
    return base.size();
  }

  /** Bytes of base and delta together: the trie's arrays plus {@link #deltaBytes()}. */
  public long byteSize() {
    return base.byteSize() + deltaBytes();
  }

  @Override
  public String toString() {
    return "WordDelta{base=" + base.size() + ", +" + added + ", -" + removed + ", " + levels + "}";
  }
}
