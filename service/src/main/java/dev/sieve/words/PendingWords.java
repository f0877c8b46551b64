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
    for (Iterable<byte[]> touched : List.of(set.addedWords(), set.removedWords())) {
      for (byte[] w : touched) {
        boolean now = set.contains(w);
        boolean before = base.contains(w, 0, w.length);
        if (now && !before) {
          added.add(w);
        } else if (before && !now) {
          removed.add(w);
        }
      }
    }
    return new PendingWords(base, added, removed);
  }
}
