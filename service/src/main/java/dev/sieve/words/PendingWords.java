package dev.sieve.words;

import java.util.ArrayList;
import java.util.List;

/**
 * The one place {@link WordSearch} reads a {@link WordDelta}'s pending updates: its frozen base,
 * the words now in the set but not in the base ({@code added}) and those in the base but no longer
 * in the set ({@code removed}). Each is judged by the delta's own {@link WordDelta#contains} against
 * the base, so only where the candidate words come from (the words any update touched) depends on
 * how the delta stores them: a change of that touches {@link #of} only.
 */
record PendingWords(WordSet base, List<byte[]> added, List<byte[]> removed) {
  static PendingWords of(WordDelta set) {
    WordSet base = set.base();
    List<byte[]> added = new ArrayList<>();
    List<byte[]> removed = new ArrayList<>();
    // every word any pending update touched, once, in byte order (so both lists come out sorted)
    ByteStrings touched = set.touched();
    byte[] b = touched.bytes();
    for (int i = 0; i < touched.count(); i++) {
      byte[] w = java.util.Arrays.copyOfRange(b, touched.start(i), touched.start(i) + touched.length(i));
      boolean now = set.contains(w);
      boolean before = base.contains(w, 0, w.length);
      if (now && !before) {
        added.add(w);
      } else if (before && !now) {
        removed.add(w);
      }
    }
    return new PendingWords(base, added, removed);
  }
}
