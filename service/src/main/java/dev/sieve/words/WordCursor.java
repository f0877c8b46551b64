package dev.sieve.words;

/**
 * Walks the words of a {@link WordSet} in byte order, one at a time, without materialising any
 * word it is not asked for: a cursor over each part in turn. A fresh cursor is positioned before
 * the first word; {@link #seek} jumps to any rank in O(length x fan-out).
 *
 * <p>Not thread-safe: one cursor per thread (the set itself may be shared).
 */
public final class WordCursor {
  private final WordSet set;
  private final Trie[] parts;
  private int part = -1;
  private TrieCursor cur;

  WordCursor(WordSet set) {
    this.set = set;
    this.parts = set.parts();
  }

  /** Positions the cursor on the word of rank {@code rank}. */
  public void seek(long rank) {
    if (rank < 0 || rank >= set.size()) {
      throw new IndexOutOfBoundsException("rank " + rank + " outside [0, " + set.size() + ")");
    }
    part = set.partOfRank(rank);
    cur = parts[part].cursor();
    cur.seek(rank - set.start(part));
  }

  /** Advances to the next word; false (and the cursor is exhausted) when there is none. */
  public boolean next() {
    if (cur != null && cur.next()) {
      return true;
    }
    while (part + 1 < parts.length) {
      cur = parts[++part].cursor();
      if (cur.next()) {
        return true;
      }
    }
    return false;
  }

  /** The current word. */
  public String current() {
    return cur.current();
  }

  /** The current word's UTF-8 bytes are {@code bytes()[0 .. length())}; valid until the next move. */
  public byte[] bytes() {
    return cur.bytes();
  }

  public int length() {
    return cur.length();
  }
}
