package dev.sieve.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Query words drawn once from a {@link WordList} with a fixed seed, so that every structure and
 * every run sees the same queries: members, non-members and listing prefixes.
 *
 * <p>Non-members are near misses, the hard case for a trie: a member with one character replaced,
 * inserted or deleted (characters taken from the list's own alphabet), kept only if the result is
 * not a member. Prefixes are prefixes of random members that have at least {@link #LISTED} words
 * below them, so every listing returns exactly that many.
 */
final class Queries {
  static final long SEED = 20261121L;
  static final int LISTED = 100;

  private Queries() {}

  /** {@code n} members (with repetition), uniformly at random. */
  static String[] members(WordList list, int n) {
    SplittableRandom r = new SplittableRandom(SEED);
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = list.sorted[r.nextInt(list.size())];
    }
    return out;
  }

  /** {@code n} distinct-looking non-members, one edit away from a member. */
  static String[] nonMembers(WordList list, int n) {
    SplittableRandom r = new SplittableRandom(SEED + 1);
    char[] alphabet = alphabet(list);
    String[] out = new String[n];
    int k = 0;
    while (k < n) {
      String w = list.sorted[r.nextInt(list.size())];
      StringBuilder b = new StringBuilder(w);
      int pos = r.nextInt(w.length() + 1);
      int op = r.nextInt(3);
      if (op == 0 && pos < w.length()) {
        b.setCharAt(pos, alphabet[r.nextInt(alphabet.length)]);
      } else if (op == 1 || pos == w.length()) {
        b.insert(pos, alphabet[r.nextInt(alphabet.length)]);
      } else {
        b.deleteCharAt(pos);
      }
      String q = b.toString();
      if (!q.isEmpty() && isWellFormed(q) && !isMember(list, utf8(q))) {
        out[k++] = q;
      }
    }
    return out;
  }

  /** {@code n} prefixes, each with at least {@link #LISTED} words of the list below it. */
  static String[] prefixes(WordList list, int n) {
    SplittableRandom r = new SplittableRandom(SEED + 2);
    String[] out = new String[n];
    int k = 0;
    while (k < n) {
      String w = list.sorted[r.nextInt(list.size())];
      int longest = 0;
      for (int len = 1; len <= w.length(); len++) {
        if (Character.isHighSurrogate(w.charAt(len - 1))) {
          continue;
        }
        if (countWithPrefix(list, utf8(w.substring(0, len))) < LISTED) {
          break;
        }
        longest = len;
      }
      if (longest > 0) {
        int len = 1 + r.nextInt(longest);
        if (!Character.isHighSurrogate(w.charAt(len - 1))) {
          out[k++] = w.substring(0, len);
        }
      }
    }
    return out;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A copy of each string with nothing cached: its hash will be computed on first use. */
  static String fresh(String s) {
    return new String(s.toCharArray());
  }

  private static boolean isMember(WordList list, byte[] w) {
    return Arrays.binarySearch(list.sortedUtf8, w, Arrays::compareUnsigned) >= 0;
  }

  private static int countWithPrefix(WordList list, byte[] p) {
    int lo = lowerBound(list.sortedUtf8, p);
    int i = lo;
    while (i < list.sortedUtf8.length && startsWith(list.sortedUtf8[i], p) && i - lo < LISTED) {
      i++;
    }
    return i - lo;
  }

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

  private static boolean startsWith(byte[] w, byte[] p) {
    return w.length >= p.length && Arrays.equals(w, 0, p.length, p, 0, p.length);
  }

  private static boolean isWellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** The distinct BMP non-surrogate chars of the list, in order. */
  private static char[] alphabet(WordList list) {
    boolean[] seen = new boolean[Character.MAX_VALUE + 1];
    for (String w : list.sorted) {
      for (int i = 0; i < w.length(); i++) {
        seen[w.charAt(i)] = true;
      }
    }
    StringBuilder b = new StringBuilder();
    for (int c = 0; c < seen.length; c++) {
      if (seen[c] && !Character.isSurrogate((char) c)) {
        b.append((char) c);
      }
    }
    return b.toString().toCharArray();
  }
}
