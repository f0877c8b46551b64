package dev.sieve.words;

import dev.sieve.delta.Levels;
import dev.sieve.memory.JvmLayout;

/**
 * One level of a {@link WordDelta}: the words that came in ({@code in}) and went out ({@code
 * out}) over one or more consecutive update batches, each a sorted {@link ByteStrings}, disjoint.
 * A word is in a level only if its membership changed over the level's batches, so the count of
 * a prefix moves by exactly {@code in - out} across the level. A {@link WordFilter} over both
 * lets a lookup of a word the level does not hold (most words of an update batch) skip its binary
 * searches. Immutable.
 */
final class WordLevel implements Levels.Level<WordLevel> {
  private final ByteStrings in;
  private final ByteStrings out;
  private final WordFilter filter;

  WordLevel(ByteStrings in, ByteStrings out) {
    this.in = in;
    this.out = out;
    this.filter = WordFilter.of(in, out);
  }

  ByteStrings in() {
    return in;
  }

  ByteStrings out() {
    return out;
  }

  /**
   * TRUE if the word came in over this level, FALSE if it went out, null if untouched; {@code
   * hash} is its {@link WordFilter#hash}.
   */
  Boolean verdict(byte[] w, int off, int len, long hash) {
    if (!filter.mightContain(hash)) {
      return null;
    }
    if (in.contains(w, off, len)) {
      return Boolean.TRUE;
    }
    return out.contains(w, off, len) ? Boolean.FALSE : null;
  }

  /** How the count of words with {@code prefix} moved over this level. */
  long net(byte[] prefix) {
    return (long) in.countPrefix(prefix) - out.countPrefix(prefix);
  }

  @Override
  public long inCount() {
    return in.count();
  }

  @Override
  public long outCount() {
    return out.count();
  }

  @Override
  public long bytes() {
    return JvmLayout.object(3L * JvmLayout.REFERENCE) + in.byteSize() + out.byteSize() + filter.byteSize();
  }

  /**
   * A word that came in here and went out in {@code newer} (or the reverse) is back where it was
   * before this level: it cancels. A word cannot come in in both (it would have to go out in
   * between, and nothing lies between adjacent levels).
   */
  @Override
  public WordLevel mergeNewer(WordLevel newer) {
    ByteStrings mergedIn = ByteStrings.union(in.without(newer.out), newer.in.without(out));
    ByteStrings mergedOut = ByteStrings.union(out.without(newer.in), newer.out.without(in));
    return new WordLevel(mergedIn, mergedOut);
  }
}
