package dev.sieve.words;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.TreeSet;

/** The trie's order (unsigned UTF-8 bytes = code points) for the TreeSet oracles of the tests. */
final class ByteOrder {
  static final Comparator<String> UTF8 =
      (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  static TreeSet<String> oracle() {
    return new TreeSet<>(UTF8);
  }

  private ByteOrder() {}
}
