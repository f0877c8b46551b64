package dev.sieve.words;

/**
 * The one place {@link WordSearch} reads a {@link WordDelta}'s pending updates: its frozen base,
 * and the words added (absent from the base) and removed (present in it), each in byte order.
 * Kept apart so that a change of how the delta stores them touches this class only.
 */
record PendingWords(WordSet base, Iterable<byte[]> added, Iterable<byte[]> removed) {
  static PendingWords of(WordDelta set) {
    return new PendingWords(set.base(), set.addedWords(), set.removedWords());
  }
}
