package dev.sieve.words;

/**
 * The plain dynamic-programming edit distance on code points, the oracle of the fuzzy tests:
 * Levenshtein, or with {@code transpositions} the optimal string alignment distance (an adjacent
 * swap is one edit, as in Lucene's FuzzyQuery).
 */
final class EditDistanceOracle {
  private EditDistanceOracle() {}

  static int distance(String x, String y, boolean transpositions) {
    int[] a = x.codePoints().toArray();
    int[] b = y.codePoints().toArray();
    int[][] t = new int[a.length + 1][b.length + 1];
    for (int i = 0; i <= a.length; i++) {
      t[i][0] = i;
    }
    for (int j = 0; j <= b.length; j++) {
      t[0][j] = j;
    }
    for (int i = 1; i <= a.length; i++) {
      for (int j = 1; j <= b.length; j++) {
        int v = Math.min(t[i - 1][j] + 1, t[i][j - 1] + 1);
        v = Math.min(v, t[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        if (transpositions && i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
          v = Math.min(v, t[i - 2][j - 2] + 1);
        }
        t[i][j] = v;
      }
    }
    return t[a.length][b.length];
  }

  /** Whether {@code word} starts with the first {@code n} code points of {@code query} (all, if it has fewer). */
  static boolean sharesPrefix(String word, String query, int n) {
    int[] q = query.codePoints().toArray();
    int[] w = word.codePoints().toArray();
    int k = Math.min(n, q.length);
    if (w.length < k) {
      return false;
    }
    for (int i = 0; i < k; i++) {
      if (w[i] != q[i]) {
        return false;
      }
    }
    return true;
  }
}
