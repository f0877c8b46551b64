package dev.sieve.words;

/**
 * The one place {@link WordSearch} reads a {@link WordDelta}'s pending updates: its frozen base,
 * the words now in the set but not in the base ({@code added}) and those in the base but no longer
 * in the set ({@code removed}), each as a small trie of its own, so that a search walks them as it
 * walks the base (memoised, in order, within the same budget) instead of running the automaton
 * over every pending word. Each word is judged by the delta's own {@link WordDelta#contains}
 * against the base, so only where the candidate words come from (the words any update touched)
 * depends on how the delta stores them: a change of that touches {@link #of} only.
 *
 * <p>Worked out once per version of the set ({@link WordDelta#pending}): O(delta) for the first
 * search of a version, nothing for the next ones; counted in that version's delta bytes while
 * it is kept.
 */
record PendingWords(WordSet base, WordSet added, WordSet removed) {
  static PendingWords of(WordDelta set) {
    WordSet base = set.base();
    // every word any pending update touched, once, in byte order: what the builders need
    ByteStrings touched = set.touched();
    WordSetBuilder added = new WordSetBuilder();
    WordSetBuilder removed = new WordSetBuilder();
    byte[] b = touched.bytes();
    for (int i = 0; i < touched.count(); i++) {
      int s = touched.start(i);
      int l = touched.length(i);
      boolean now = set.contains(b, s, l);
      boolean before = base.contains(b, s, l);
      if (now && !before) {
        added.add(b, s, l);
      } else if (before && !now) {
        removed.add(b, s, l);
      }
    }
    return new PendingWords(base, added.build(), removed.build());
  }

  /** Bytes of the two small tries (the base is the set's own). */
  long byteSize() {
    return added.byteSize() + removed.byteSize();
  }
}
