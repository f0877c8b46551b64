package dev.sieve.bench;

/**
 * The brute-force floor of {@link FuzzyBench}: whether two code point arrays are within {@code d}
 * edits (optimal string alignment: an adjacent swap is one edit), by the plain DP restricted to
 * the diagonal band of width 2d+1, giving up as soon as a whole row passes {@code d}.
 */
final class ScanDistance {
  private ScanDistance() {}

  static boolean within(int[] a, int[] b, int d) {
    if (Math.abs(a.length - b.length) > d) {
      return false;
    }
    int inf = d + 1;
    int m = a.length;
    int[] prev2 = new int[m + 1];
    int[] prev = new int[m + 1];
    int[] cur = new int[m + 1];
    for (int i = 0; i <= m; i++) {
      prev[i] = Math.min(i, inf);
      prev2[i] = inf;
    }
    for (int j = 1; j <= b.length; j++) {
      int lo = Math.max(1, j - d);
      int hi = Math.min(m, j + d);
      cur[0] = Math.min(j, inf);
      int least = cur[0];
      for (int i = 1; i < lo; i++) {
        cur[i] = inf;
      }
      for (int i = lo; i <= hi; i++) {
        int v = Math.min(prev[i - 1] + (a[i - 1] == b[j - 1] ? 0 : 1), Math.min(prev[i] + 1, cur[i - 1] + 1));
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
          v = Math.min(v, prev2[i - 2] + 1);
        }
        cur[i] = Math.min(v, inf);
        least = Math.min(least, cur[i]);
      }
      for (int i = hi + 1; i <= m; i++) {
        cur[i] = inf;
      }
      if (least > d) {
        return false;
      }
      int[] t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
    return prev[m] <= d;
  }
}
