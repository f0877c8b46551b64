package dev.sieve.words;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many words of a set have each length in UTF-16 code units, split by whether every code
 * point fits in one byte (Latin-1): what a {@code String} of each word would take, counted by
 * {@link WordSetBuilder} as the words go by, so that the {@code HashSet<String>} baseline of a
 * new set needs no walk of its trie afterwards (that walk decoded every word: about 4 s of a 20 M
 * username load). The word bytes are valid UTF-8 (loads check it). Not thread-safe while counted;
 * read only after the build.
 */
public final class WordLengths {
  private static final int DENSE = 4096;

  private long[] latin1 = new long[64];
  private long[] other = new long[64];
  private final Map<Integer, long[]> longer = new TreeMap<>(); // length -> {latin1, other}

  /** Counts one word. */
  void add(byte[] utf8, int off, int len) {
    int units = 0;
    boolean oneByte = true;
    for (int i = off, end = off + len; i < end; i++) {
      int b = utf8[i] & 0xFF;
      if (b < 0x80) {
        units++;
      } else if (b >= 0xC0) { // a lead byte: one unit, two for a supplementary code point
        units += b >= 0xF0 ? 2 : 1;
        oneByte &= b < 0xC4; // U+0080..U+00FF lead with 0xC2 or 0xC3
      }
    }
    if (units < DENSE) {
      long[] counts = oneByte ? latin1 : other;
      if (units >= counts.length) {
        counts = Arrays.copyOf(counts, Math.min(DENSE, Math.max(units + 1, counts.length * 2)));
        if (oneByte) {
          latin1 = counts;
        } else {
          other = counts;
        }
      }
      counts[units]++;
    } else {
      longer.computeIfAbsent(units, u -> new long[2])[oneByte ? 0 : 1]++;
    }
  }

  /** What to do with each (length in UTF-16 units, Latin-1 or not, number of words). */
  public interface Visitor {
    void lengths(int units, boolean latin1, long words);
  }

  /** Calls {@code v} for every length that some word has, shorter first, Latin-1 first. */
  public void forEach(Visitor v) {
    int n = Math.max(latin1.length, other.length);
    for (int u = 0; u < n; u++) {
      if (u < latin1.length && latin1[u] > 0) {
        v.lengths(u, true, latin1[u]);
      }
      if (u < other.length && other[u] > 0) {
        v.lengths(u, false, other[u]);
      }
    }
    longer.forEach((u, counts) -> {
      if (counts[0] > 0) {
        v.lengths(u, true, counts[0]);
      }
      if (counts[1] > 0) {
        v.lengths(u, false, counts[1]);
      }
    });
  }
}
