package dev.sieve.cluster;

/** The order of word keys across shards: UTF-8 byte order, which is code point order (not Java's UTF-16 order). */
final class Keys {
  private Keys() {}

  static int compareWords(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  /**
   * The least string above every string starting with {@code prefix} in code point order, or null
   * when there is none (every code point of the prefix is the highest): the end of a prefix's range.
   */
  static String prefixEnd(String prefix) {
    int[] cps = prefix.codePoints().toArray();
    for (int k = cps.length - 1; k >= 0; k--) {
      if (cps[k] < Character.MAX_CODE_POINT) {
        int next = cps[k] + 1;
        if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) {
          next = Character.MAX_SURROGATE + 1;
        }
        return new String(cps, 0, k) + new String(Character.toChars(next));
      }
    }
    return null;
  }
}
