package dev.sieve.bench;

import dev.sieve.words.WordSet;
import dev.sieve.words.WordSetBuilder;
import dev.sieve.words.WordSetCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.apache.lucene.util.BytesRef;

/**
 * One structure under test, seen through the queries the benchmarks ask of all of them.
 *
 * <p>Names (the JMH {@code structure} parameter): {@code trie} ({@link WordSet}, queried with
 * {@code String}s), {@code trie-utf8} (the same, queried with UTF-8 bytes as the service does from
 * request buffers), {@code hashset}, {@code treeset}, {@code fst} (Lucene, {@code String}s encoded
 * per query), {@code fst-utf8} (Lucene, UTF-8 bytes) and {@code trie-mapped}, {@code trie-mapped-utf8}
 * (the trie as a restart gives it: read in place from a mapped file), {@code trie-paged},
 * {@code trie-paged-utf8} (the same mapped in pages of 64 KiB, as a trie past 1 GiB is in pages of
 * 1 GiB: the code path of several pages). Each JMH fork builds exactly one, so the
 * call sites stay monomorphic.
 */
interface Contender {
  boolean contains(String word);

  /** Membership of UTF-8 bytes; only the {@code -utf8} contenders take this path. */
  default boolean containsUtf8(byte[] utf8) {
    throw new UnsupportedOperationException();
  }

  /** Up to {@code limit} words starting with {@code prefix}, in order. */
  List<String> list(String prefix, int limit);

  /** The object whose size is reported. */
  Object structure();

  /** Whether queries to this contender go through {@link #containsUtf8}. */
  default boolean takesUtf8() {
    return false;
  }

  static Contender of(String name, WordList list) {
    switch (name) {
      case "trie":
      case "trie-utf8":
        return trie(buildTrie(list.sortedUtf8), name.endsWith("utf8"));
      case "trie-mapped":
      case "trie-mapped-utf8":
        return trie(mapped(buildTrie(list.sortedUtf8)), name.endsWith("utf8"));
      case "trie-paged":
      case "trie-paged-utf8":
        return trie(mapped(buildTrie(list.sortedUtf8), 16), name.endsWith("utf8"));
      case "hashset":
        return hashSet(new HashSet<>(Arrays.asList(list.sorted)));
      case "treeset":
        return treeSet(buildTreeSet(list.sorted));
      case "fst":
      case "fst-utf8":
        return fst(FstWordSet.build(list.sortedUtf8), name.endsWith("utf8"));
      default:
        throw new IllegalArgumentException("unknown structure: " + name);
    }
  }

  /**
   * The set as a restart gives it: written to a temp file (deleted at once, the mapping stays
   * valid), mapped and read in place ({@link WordSet#readInPlace}).
   */
  static WordSet mapped(WordSet set) {
    return writtenAndMapped(set, ch -> WordSet.readInPlace(ch.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, ch.size())));
  }

  /** As {@link #mapped(WordSet)}, mapped in pages of {@code 2^pageShift} bytes. */
  static WordSet mapped(WordSet set, int pageShift) {
    return writtenAndMapped(set, ch -> WordSet.readInPlace(
        (at, size) -> ch.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, at, size), ch.size(), pageShift));
  }

  /** How a snapshot file's channel is read in place. */
  interface InPlace {
    WordSet read(java.nio.channels.FileChannel ch) throws java.io.IOException;
  }

  /** {@code set} written to a temp file (deleted at once: the mapping stays valid), then read in place by {@code read}. */
  private static WordSet writtenAndMapped(WordSet set, InPlace read) {
    try {
      java.nio.file.Path f = java.nio.file.Files.createTempFile("sieve-bench", ".trie");
      try {
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(f)) {
          set.writeTo(out);
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f)) {
          return read.read(ch);
        }
      } finally {
        java.nio.file.Files.delete(f);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static WordSet buildTrie(byte[][] sortedUtf8) {
    WordSetBuilder b = new WordSetBuilder();
    for (byte[] w : sortedUtf8) {
      b.add(w, 0, w.length);
    }
    return b.build();
  }

  static WordSet collectTrie(byte[][] anyOrderUtf8) {
    WordSetCollector c = new WordSetCollector();
    for (byte[] w : anyOrderUtf8) {
      c.add(w, 0, w.length);
    }
    return c.build();
  }

  static TreeSet<String> buildTreeSet(String[] words) {
    TreeSet<String> t = new TreeSet<>();
    for (String w : words) {
      t.add(w);
    }
    return t;
  }

  private static Contender trie(WordSet set, boolean utf8) {
    return new Contender() {
      @Override
      public boolean contains(String word) {
        return set.contains(word);
      }

      @Override
      public boolean containsUtf8(byte[] w) {
        return set.contains(w, 0, w.length);
      }

      @Override
      public List<String> list(String prefix, int limit) {
        return set.list(prefix, null, limit);
      }

      @Override
      public Object structure() {
        return set;
      }

      @Override
      public boolean takesUtf8() {
        return utf8;
      }
    };
  }

  private static Contender hashSet(HashSet<String> set) {
    return new Contender() {
      @Override
      public boolean contains(String word) {
        return set.contains(word);
      }

      @Override
      public List<String> list(String prefix, int limit) {
        throw new UnsupportedOperationException("a HashSet has no order");
      }

      @Override
      public Object structure() {
        return set;
      }
    };
  }

  private static Contender treeSet(TreeSet<String> set) {
    return new Contender() {
      @Override
      public boolean contains(String word) {
        return set.contains(word);
      }

      /**
       * The words in [prefix, prefix + U+FFFF): exact for lists without supplementary characters,
       * where UTF-16 order is code point order (checked by the benchmark's setup).
       */
      @Override
      public List<String> list(String prefix, int limit) {
        NavigableSet<String> range = set.subSet(prefix, true, prefix + '\uffff', false);
        List<String> out = new ArrayList<>(limit);
        for (String w : range) {
          if (out.size() == limit) {
            break;
          }
          out.add(w);
        }
        return out;
      }

      @Override
      public Object structure() {
        return set;
      }
    };
  }

  private static Contender fst(FstWordSet set, boolean utf8) {
    return new Contender() {
      @Override
      public boolean contains(String word) {
        return set.contains(word);
      }

      @Override
      public boolean containsUtf8(byte[] w) {
        return set.contains(new BytesRef(w));
      }

      @Override
      public List<String> list(String prefix, int limit) {
        return set.list(prefix, limit);
      }

      @Override
      public Object structure() {
        return set.fst;
      }

      @Override
      public boolean takesUtf8() {
        return utf8;
      }
    };
  }
}
