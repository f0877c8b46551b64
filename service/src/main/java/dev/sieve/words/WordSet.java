package dev.sieve.words;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable set of words: one or more interned tries ({@link Trie}, a minimal acyclic automaton
 * each), the <em>parts</em>, holding consecutive ranges of the byte order. Prefix counts and word
 * &lt;-&gt; rank conversions cost O(length) in each part a query touches.
 *
 * <p><b>Why parts.</b> A builder's memory grows with its automaton, and at a hundred million
 * name-like words one automaton and its register pass any heap worth giving a server. So {@link
 * WordSetBuilder} cuts its input into parts once its automaton reaches a size ({@link
 * WordSetBuilder#PART_BYTES}), encodes each part as it is finished and forgets its automaton: the
 * memory of a build is one part's automaton plus the finished parts. What a part costs: the
 * suffixes shared across parts are stored once per part (measured in docs/BENCHMARKS.md). A set of
 * one part is exactly the trie it always was, in the same format (v3); a set of several is written
 * as format v5 ({@link PartsFormat}), the parts' own files one after the other.
 *
 * <p><b>Order.</b> Words are ordered by their UTF-8 bytes compared unsigned, which is code point
 * order; it differs from {@link String#compareTo} (UTF-16 order) for characters above U+FFFF.
 * A word's <em>rank</em> is its 0-based position in that order: its canonical id. Part {@code i}
 * holds the ranks {@code [start(i), start(i + 1))}, and every word of it is below every word of
 * part {@code i + 1}.
 *
 * <p><b>Thread safety.</b> Instances are immutable and may be queried from any number of threads.
 *
 * <p>Build with {@link WordSetBuilder} (sorted input) or {@link WordSetCollector} (any order);
 * persist with {@link #writeTo} and {@link #read}.
 */
public final class WordSet {
  private static final WordSet EMPTY = new WordSet(new Trie[] {Trie.empty()}, new WordLengths());

  private final Trie[] parts;
  /** The first word of each part (the first part's is never compared). */
  private final byte[][] firsts;
  /** {@code starts[i]}: the rank of part i's first word; {@code starts[parts.length]} is the size. */
  private final long[] starts;
  /** The one part, when there is only one: most sets, and every query on them goes straight to it. */
  private final Trie only;
  /** The words' lengths as the builder counted them, or null (a set read from a file). */
  private final WordLengths lengths;

  /** A set of the given parts, in order, none of them empty unless there is only one. */
  WordSet(Trie[] parts) {
    this(parts, null);
  }

  /** As {@link #WordSet(Trie[])}, with the lengths of its words if they were counted. */
  WordSet(Trie[] parts, WordLengths lengths) {
    this.parts = parts;
    this.lengths = lengths;
    this.only = parts.length == 1 ? parts[0] : null;
    this.firsts = new byte[parts.length][];
    this.starts = new long[parts.length + 1];
    for (int i = 0; i < parts.length; i++) {
      if (parts.length > 1) {
        TrieCursor c = parts[i].cursor();
        if (!c.next()) {
          throw new IllegalArgumentException("part " + i + " of " + parts.length + " is empty");
        }
        firsts[i] = Arrays.copyOf(c.bytes(), c.length());
      }
      starts[i + 1] = starts[i] + parts[i].size();
    }
  }

  /** The empty set. */
  public static WordSet empty() {
    return EMPTY;
  }

  /** Builds a set from words in any order (convenience for tests and small sets). */
  public static WordSet of(Iterable<? extends CharSequence> words) {
    WordSetCollector c = new WordSetCollector();
    for (CharSequence w : words) {
      c.add(w);
    }
    return c.build();
  }

  /**
   * The words' lengths in UTF-16 units, as the build counted them (for the {@code HashSet<String>}
   * baseline without a walk of the set), or null for a set read from a file.
   */
  public WordLengths lengths() {
    return lengths;
  }

  /** Number of words. */
  public long size() {
    return starts[parts.length];
  }

  /** The parts, in byte order (one for most sets). */
  Trie[] parts() {
    return parts;
  }

  /** Number of parts. */
  public int partCount() {
    return parts.length;
  }

  /** The only part of a one-part set (tests of the trie's own layout). */
  Trie only() {
    if (only == null) {
      throw new IllegalStateException("a set of " + parts.length + " parts");
    }
    return only;
  }

  /** The part whose range holds {@code key}: the last whose first word is at most the key, else 0. */
  private int partOf(byte[] key, int off, int len) {
    int lo = 1;
    int hi = parts.length - 1;
    int found = 0;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (Arrays.compareUnsigned(firsts[mid], 0, firsts[mid].length, key, off, off + len) <= 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  // ---------------------------------------------------------------- membership

  public boolean contains(CharSequence word) {
    byte[] b = Utf8.strictBytesOrNull(word);
    return b != null && contains(b, 0, b.length);
  }

  /** Whether the UTF-8 bytes {@code utf8[off..off+len)} form a word of this set. */
  public boolean contains(byte[] utf8, int off, int len) {
    Trie t = only;
    if (t != null) {
      return t.contains(utf8, off, len);
    }
    return parts[partOf(utf8, off, len)].contains(utf8, off, len);
  }

  // ---------------------------------------------------------------- prefix counts

  /** Number of words starting with {@code prefix} ({@link #size()} for the empty prefix). */
  public long count(CharSequence prefix) {
    int[] len = new int[1];
    byte[] b = Utf8.encode(prefix, len);
    return len[0] < 0 ? 0 : count(b, 0, len[0]);
  }

  /** Number of words starting with the UTF-8 bytes {@code utf8[off..off+len)}. */
  public long count(byte[] utf8, int off, int len) {
    if (only != null) {
      return only.count(utf8, off, len);
    }
    int i = partOf(utf8, off, len);
    long n = parts[i].count(utf8, off, len);
    // the next parts hold words of the prefix while their first word has it
    for (int j = i + 1; j < parts.length && startsWith(firsts[j], utf8, off, len); j++) {
      n += parts[j].count(utf8, off, len);
    }
    return n;
  }

  private static boolean startsWith(byte[] word, byte[] p, int off, int len) {
    return word.length >= len && Arrays.equals(word, 0, len, p, off, off + len);
  }

  // ---------------------------------------------------------------- ranks (interning ids)

  /** The word's 0-based rank in byte order, or -1 if it is not in the set. */
  public long rank(CharSequence word) {
    int[] len = new int[1];
    byte[] b = Utf8.encode(word, len);
    return len[0] < 0 ? -1 : rank(b, 0, len[0]);
  }

  public long rank(byte[] utf8, int off, int len) {
    int i = partOf(utf8, off, len);
    long r = parts[i].rank(utf8, off, len);
    return r < 0 ? -1 : starts[i] + r;
  }

  /** Number of words smaller than or equal to the key. */
  long atMost(byte[] key, int off, int len) {
    int i = partOf(key, off, len);
    return starts[i] + parts[i].atMost(key, off, len);
  }

  /** Number of words strictly smaller than the key. */
  long below(byte[] key, int off, int len) {
    int i = partOf(key, off, len);
    return starts[i] + parts[i].below(key, off, len);
  }

  /** The word of the given rank; throws {@link IndexOutOfBoundsException} outside [0, size). */
  public String word(long rank) {
    WordCursor c = new WordCursor(this);
    c.seek(rank);
    return c.current();
  }

  /** The part holding rank {@code rank}, in [0, size). */
  int partOfRank(long rank) {
    int i = Arrays.binarySearch(starts, 0, parts.length, rank);
    if (i < 0) {
      return -i - 2;
    }
    while (i + 1 < parts.length && starts[i + 1] == rank) {
      i++; // an empty part (only the empty set has one)
    }
    return i;
  }

  /** The rank of part {@code i}'s first word. */
  long start(int i) {
    return starts[i];
  }

  // ---------------------------------------------------------------- listing

  /**
   * Words starting with {@code prefix}, in byte order, strictly after {@code after} (null: from
   * the first), at most {@code limit} of them. Throws {@link IllegalArgumentException} if
   * {@code after} holds an unpaired surrogate (it has no place in the order).
   */
  public List<String> list(CharSequence prefix, CharSequence after, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0: " + limit);
    }
    byte[] p = Utf8.strictBytesOrNull(prefix == null ? "" : prefix);
    if (p == null) {
      return Collections.emptyList(); // an unpaired surrogate starts no word
    }
    long lo = below(p, 0, p.length);
    long hi = lo + count(p, 0, p.length);
    long start = lo;
    if (after != null) {
      byte[] a = Utf8.bytes(after);
      start = Math.max(start, atMost(a, 0, a.length));
    }
    if (start >= hi || limit == 0) {
      return Collections.emptyList();
    }
    int n = (int) Math.min(limit, hi - start);
    List<String> out = new ArrayList<>(n);
    WordCursor c = new WordCursor(this);
    c.seek(start);
    out.add(c.current());
    while (out.size() < n && c.next()) {
      out.add(c.current());
    }
    return out;
  }

  /** A cursor over all words in byte order, positioned before the first. */
  public WordCursor cursor() {
    return new WordCursor(this);
  }

  // ---------------------------------------------------------------- sizes

  /**
   * Exact bytes of the set: each part's trie (its byte form, on the heap or mapped: see {@link
   * #isMapped}, and its hot-node table) and, for a set of several parts, their first words and
   * starting ranks (the role {@code boundaries}); the few object headers around them are not counted.
   */
  public long byteSize() {
    long n = partsBytes();
    for (Trie t : parts) {
      n += t.byteSize();
    }
    return n;
  }

  /** Bytes of what joins several parts: their first words and starting ranks; 0 for one part. */
  private long partsBytes() {
    if (only != null) {
      return 0;
    }
    long n = 8L * starts.length;
    for (byte[] f : firsts) {
      n += f.length;
    }
    return n;
  }

  /**
   * Bytes by role: headers, labels, targets, counts, hot (the hot-node tables), summed over the
   * parts, and {@code boundaries} (the parts' first words and starting ranks) for a set of several;
   * they add up to byteSize.
   */
  public Map<String, Long> bytesByRole() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (Trie t : parts) {
      t.bytesByRole().forEach((role, bytes) -> m.merge(role, bytes, Long::sum));
    }
    if (only == null) {
      m.put("boundaries", partsBytes());
    }
    return m;
  }

  /**
   * Shape of the automata, summed over the parts: states and arcs of the minimal DAFSAs, nodes
   * after chain packing, and for a set of several, {@code parts}.
   */
  public Map<String, Long> shape() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (Trie t : parts) {
      t.shape().forEach((k, v) -> m.merge(k, v, Long::sum));
    }
    if (only == null) {
      m.put("parts", (long) parts.length);
    }
    return m;
  }

  // ---------------------------------------------------------------- persistence

  /**
   * Writes the versioned, checksummed format read back by {@link #read}: a one-part set as its
   * trie's file (v3, or v4 past 1 GiB, or v2 if read from one), a set of several as v5.
   */
  public void writeTo(OutputStream out) throws IOException {
    if (only != null) {
      TrieFormat.write(only, out);
    } else {
      PartsFormat.write(this, out);
    }
  }

  /**
   * Reads a set written by {@link #writeTo} from the buffer's position (heap or memory-mapped);
   * the buffer's position is advanced past it. Throws {@link CorruptWordSetException} if the
   * data is truncated, fails its checksum or is not a well-formed trie.
   */
  public static WordSet read(ByteBuffer buf) throws IOException {
    return PartsFormat.read(buf, false, false);
  }

  /**
   * As {@link #read}, for bytes this service wrote itself (its snapshots): the checksum, header and
   * the offsets it names are still checked, but not the automaton's graph (acyclicity, counts),
   * which costs most of a read; bytes by role are counted when first asked for. Never use it on
   * bytes from outside.
   */
  public static WordSet readTrusted(ByteBuffer buf) throws IOException {
    return PartsFormat.read(buf, true, false);
  }

  /**
   * As {@link #readTrusted}, but the set reads its tries in place, from {@code buf}'s own bytes (a
   * mapped snapshot), instead of a heap copy: a restart then costs no heap for the tries, whatever
   * their size, and the checksum streams over the mapping. The bytes must never change
   * while the set is in use (snapshot files are written once, renamed into place and only ever
   * deleted, which leaves an existing mapping valid).
   */
  public static WordSet readInPlace(ByteBuffer buf) throws IOException {
    return PartsFormat.read(buf, true, true);
  }

  /**
   * Where {@link #readInPlace(Mapper, long)} finds a snapshot's bytes: {@code size} bytes of the
   * file from {@code position}, as a buffer (a mapping, e.g. {@code FileChannel.map}) whose bytes
   * never change while a set reads them. {@code size} is at most 2^30.
   */
  @FunctionalInterface
  public interface Mapper {
    ByteBuffer map(long position, long size) throws IOException;

    /**
     * Feeds {@code size} bytes of the file from {@code position} to {@code crc} (the check of a
     * trie's bytes before they are served); by default through {@link #map}. A file's reader may
     * read them instead ({@link #ofChannel}): then checking a file of gigabytes does not make its
     * every page resident in the process (RSS), only the pages lookups touch later are.
     */
    default void checksum(java.util.zip.CRC32C crc, long position, long size) throws IOException {
      TrieBytes.checksum(crc, map(position, size));
    }

    /** This mapper over the bytes from {@code base} on (a part of a file of several), checksums included. */
    default Mapper from(long base) {
      Mapper whole = this;
      return new Mapper() {
        @Override
        public ByteBuffer map(long position, long size) throws IOException {
          return whole.map(base + position, size);
        }

        @Override
        public void checksum(java.util.zip.CRC32C crc, long position, long size) throws IOException {
          whole.checksum(crc, base + position, size);
        }
      };
    }

    /** Maps read-only from {@code ch}; checksums by reading {@code ch} through a small buffer, not the mapping. */
    static Mapper ofChannel(java.nio.channels.FileChannel ch) {
      return new Mapper() {
        @Override
        public ByteBuffer map(long position, long size) throws IOException {
          return ch.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, position, size);
        }

        @Override
        public void checksum(java.util.zip.CRC32C crc, long position, long size) throws IOException {
          ByteBuffer buf = ByteBuffer.allocate((int) Math.min(size, TrieBytes.CHECKSUM_CHUNK));
          for (long at = position, end = position + size; at < end; ) {
            buf.clear().limit((int) Math.min(buf.capacity(), end - at));
            int n = ch.read(buf, at);
            if (n < 0) {
              throw new CorruptWordSetException("the file ends at " + at + ", before the " + size + " bytes from "
                  + position + " its header names");
            }
            crc.update(buf.flip());
            at += n;
          }
        }
      };
    }
  }

  /**
   * As {@link #readInPlace(ByteBuffer)}, for a file of {@code fileSize} bytes of any size: each
   * trie is mapped through {@code mapper} in pages of 1 GiB (one {@code MappedByteBuffer} holds
   * at most 2^31 bytes), read in place. The file holds the set and nothing after it.
   */
  public static WordSet readInPlace(Mapper mapper, long fileSize) throws IOException {
    return PartsFormat.readInPlace(mapper, fileSize, TrieBytes.DEFAULT_SHIFT);
  }

  /**
   * As {@link #readInPlace(Mapper, long)}, in pages of {@code 2^pageShift} bytes (0 to 30; tests
   * and benchmarks: the code path of a trie past 1 GiB with a small one).
   */
  public static WordSet readInPlace(Mapper mapper, long fileSize, int pageShift) throws IOException {
    return PartsFormat.readInPlace(mapper, fileSize, pageShift);
  }

  /** The same set with its tries copied into heap pages of {@code 2^pageShift} bytes (tests). */
  WordSet repaged(int pageShift) {
    Trie[] copy = new Trie[parts.length];
    for (int i = 0; i < parts.length; i++) {
      copy[i] = parts[i].repaged(pageShift);
    }
    return new WordSet(copy);
  }

  /** Pages the tries' bytes are held in, over all parts (1 for a one-part set below 1 GiB). */
  int pageCount() {
    int n = 0;
    for (Trie t : parts) {
      n += t.pageCount();
    }
    return n;
  }

  /**
   * Whether the tries' bytes are outside the Java heap (read in place from a mapped snapshot by
   * {@link #readInPlace}) rather than in heap arrays (built here, or read with a copy).
   */
  public boolean isMapped() {
    return parts[0].isMapped();
  }

  /** Bytes of the tries read in place from a mapped snapshot (counted in {@link #byteSize}); 0 on the heap. */
  public long mappedBytes() {
    long n = 0;
    for (Trie t : parts) {
      n += t.mappedBytes();
    }
    return n;
  }

  @Override
  public String toString() {
    if (only != null) {
      return "WordSet" + only.toString().substring("Trie".length());
    }
    return "WordSet[size=" + size() + ", parts=" + parts.length + ", bytes=" + byteSize() + (isMapped() ? ", mapped" : "")
        + "]";
  }
}
