package dev.sieve.words;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Builds a {@link WordSet} from words given in ascending unsigned-byte order (= code point order
 * for UTF-8), with the incremental algorithm for sorted input of Daciuk, Mihov, Watson and Watson
 * (2000): each new word freezes the part of the previous word's path it does not share, and each
 * frozen node is interned in a register, so identical sub-tries are stored once.
 *
 * <p>Parts: once the automaton built so far holds {@link #PART_BYTES} (nodes, arcs and register),
 * the next word starts a new part ({@link WordSet}): the automaton so far is frozen and encoded
 * into its trie, and a new, empty automaton takes the words that follow. The frozen part is
 * encoded on a thread of its own while the next one is interned ({@link #ENCODE_AHEAD}; one part at
 * a time). So the memory while building is the longest word's path, at most two parts' automata
 * and one encoding, and the tries of the parts finished (never the input), whatever the number of
 * words: at most {@link #PART_BUILD_BYTES} beyond the finished tries. Most sets are one part.
 *
 * <p>Parked parts ({@link #parkPartsIn}): a set of several parts can have each finished trie
 * written to a file of a directory, mapped and read in place, and the file unlinked at once (the
 * mapping keeps its bytes until it is collected): the heap then holds none of the finished tries,
 * so a build's heap is one part's whatever the set's size, and nothing is left on disk whatever
 * happens. The set's bytes, and what {@link WordSet#writeTo} writes, are the same either way.
 *
 * <p>Duplicates (equal consecutive words) are ignored; a word smaller than its predecessor throws
 * {@link IllegalArgumentException}. The empty word is allowed. Bytes are taken as they are:
 * validating UTF-8 is the caller's business. Not thread-safe; single use.
 */
public final class WordSetBuilder {
  /**
   * Bytes of automaton (nodes, arcs, register) past which the next word starts a new part:
   * {@code -Dsieve.words.partBytes=N} overrides it, to measure the trade (docs/BENCHMARKS.md: the
   * bytes parts cost, the build's peak). 20 M username-like words make 6 parts (4 before the
   * register's slots grew from 8 to 16 bytes, {@link Dafsa}: the build 25 % faster, the set 2.2 %
   * bigger).
   */
  public static final long PART_BYTES = Long.getLong("sieve.words.partBytes", 256L << 20);
  /**
   * Heap one part's build may need at most beyond the finished parts: its automaton (at most
   * {@link #PART_BYTES} and the last node's growth, plus the register's rehash, which holds the old
   * and the new table at once), then the encoder's arrays and the part's trie, and while it is
   * encoded ahead the next part's automaton. Measured on 20 M username-like words in 6 parts ({@code
   * loadtest/scripts/part-peak.sh}, docs/BENCHMARKS.md "sets of several parts"): the smallest heap
   * that builds them is 736 MiB encoding ahead (622 MiB inline), 154 MB of it the finished tries,
   * so a part needed at most about 2.3 × {@link #PART_BYTES} (1.8 × inline); with 4 parts, before
   * the register's wider slots, 830 and 634 MiB.
   */
  public static final long PART_BUILD_BYTES = 3 * PART_BYTES;
  /**
   * Whether a full part is encoded on a thread of its own while the next part is interned (the
   * build then uses a second core; {@code -Dsieve.words.encodeAhead=false} turns it off).
   */
  public static final boolean ENCODE_AHEAD =
      Boolean.parseBoolean(System.getProperty("sieve.words.encodeAhead", "true"));

  /** Heap pages of a part encoded to be parked: 2^24 bytes (16 MiB). */
  static final int PARKED_WRITE_SHIFT = 24;

  private final int pageBits;
  private final long partBytes;
  private final long partWords;
  private final List<Trie> parts = new ArrayList<>();
  private Dafsa dafsa;
  private long partAdded; // words in the part being built
  // The unfrozen path: node d is reached after d bytes of the previous word.
  private byte[][] pathLabels = new byte[16][];
  private int[][] pathTargets = new int[16][];
  private int[] pathArcs = new int[16];
  private boolean[] pathFinal = new boolean[16];
  private byte[] prev = new byte[64];
  private int prevLen = -1; // -1: no word yet
  private long added;
  private final WordLengths lengths = new WordLengths(); // of the distinct words, for the set's baseline
  private final boolean encodeAhead;
  private CompletableFuture<Trie> encoding; // the previous part, encoded on its own thread
  private final LongAdder encodeNanos = new LongAdder();
  private boolean built;
  private Path partsDir; // where finished parts are parked; null: they stay on the heap

  public WordSetBuilder() {
    this(Dafsa.PAGE_BITS);
  }

  /** For tests: the automaton in pages of 2^{@code pageBits} entries. */
  WordSetBuilder(int pageBits) {
    this(pageBits, PART_BYTES, Long.MAX_VALUE);
  }

  /**
   * For tests: pages of 2^{@code pageBits} entries, a new part once the automaton holds {@code
   * partBytes} or the part {@code partWords} words.
   */
  WordSetBuilder(int pageBits, long partBytes, long partWords) {
    this(pageBits, partBytes, partWords, ENCODE_AHEAD);
  }

  /** For tests: as above, with the parts encoded ahead on their own thread or not. */
  WordSetBuilder(int pageBits, long partBytes, long partWords, boolean encodeAhead) {
    this.pageBits = pageBits;
    this.encodeAhead = encodeAhead;
    this.partBytes = partBytes;
    this.partWords = partWords;
    dafsa = new Dafsa(pageBits);
    for (int d = 0; d < pathLabels.length; d++) {
      pathLabels[d] = new byte[4];
      pathTargets[d] = new int[4];
    }
  }

  /**
   * Parks the finished parts of a set of several parts in {@code dir} (created if missing; the
   * server's is {@code <data-dir>/tmp/}, where {@link SpillFiles} sweeps anything a crash leaves
   * mid-write): each is written there, read back in place and its file unlinked, so their tries
   * cost no heap. A set of one part stays on the heap. Call before the first word.
   */
  public WordSetBuilder parkPartsIn(Path dir) {
    if (added > 0) {
      throw new IllegalStateException("parkPartsIn must come before the first word");
    }
    this.partsDir = dir;
    return this;
  }

  /** Adds one word (UTF-8 bytes), not smaller than the previous one. */
  public void add(byte[] utf8, int off, int len) {
    if (built) {
      throw new IllegalStateException("build() was already called");
    }
    int common = 0;
    if (prevLen >= 0) {
      int max = Math.min(prevLen, len);
      while (common < max && prev[common] == utf8[off + common]) {
        common++;
      }
      if (common == len && common == prevLen) {
        return; // duplicate
      }
      if (common == len || (common < prevLen && (utf8[off + common] & 0xFF) < (prev[common] & 0xFF))) {
        throw new IllegalArgumentException("words must be added in ascending byte order: '"
            + Utf8.decode(utf8, off, len) + "' after '" + Utf8.decode(prev, 0, prevLen) + "'");
      }
      if (partFull()) {
        finishPart(TrieBytes.DEFAULT_SHIFT, false, false);
        common = 0;
        clearNode(0);
      } else {
        freezeDownTo(common);
      }
    } else {
      clearNode(0);
    }
    ensureDepth(len);
    for (int d = common; d < len; d++) {
      // Arc from node d to the new node d+1; its target is set when node d+1 is frozen.
      appendArc(d, utf8[off + d]);
      clearNode(d + 1);
    }
    pathFinal[len] = true;
    if (prev.length < len) {
      prev = Arrays.copyOf(prev, Math.max(len, prev.length * 2));
    }
    System.arraycopy(utf8, off, prev, 0, len);
    prevLen = len;
    lengths.add(utf8, off, len);
    added++;
    partAdded++;
  }

  /** Whether the part being built is full; its size in bytes is looked at every 1,024 words. */
  private boolean partFull() {
    return partAdded >= partWords || ((partAdded & 1023) == 0 && dafsa.byteSize() >= partBytes);
  }

  /**
   * Freezes the part built so far and starts a new, empty automaton. The frozen part is encoded on
   * a thread of its own while the next part is interned ({@link #ENCODE_AHEAD}), at most one at a
   * time: a second part full before the first is encoded waits for it. The {@code last} part is
   * encoded on this thread.
   */
  private void finishPart(int pageShift, boolean forceV4, boolean last) {
    freezeDownTo(0);
    int root = dafsa.intern(pathFinal[0], pathLabels[0], pathTargets[0], pathArcs[0]);
    Dafsa full = dafsa;
    dafsa = last ? null : new Dafsa(pageBits);
    partAdded = 0;
    awaitEncoding();
    // a part cut before the last means several parts: each is parked; so is the last of several
    boolean park = partsDir != null && (!last || !parts.isEmpty());
    // A part to park is written to its file from heap pages of at most 16 MiB and mapped back in
    // pages of pageShift: its heap copy lives only until then, so it needs no one-array fast path,
    // and the JVM zeroes one small array at a time (one array of a whole part kept every other
    // thread from a safepoint for tens of ms: docs/BENCHMARKS.md, "the thread that held the safepoints").
    int encodeShift = park ? Math.min(pageShift, PARKED_WRITE_SHIFT) : pageShift;
    if (last || !encodeAhead) {
      Trie t = encode(full, root, encodeShift, forceV4);
      parts.add(park ? park(t, pageShift) : t);
      return;
    }
    CompletableFuture<Trie> part = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        Trie encoded = encode(full, root, encodeShift, forceV4);
        part.complete(park ? park(encoded, pageShift) : encoded);
      } catch (Throwable e) {
        part.completeExceptionally(e);
      }
    }, "sieve-encode-part-" + parts.size());
    t.setDaemon(true);
    t.start();
    encoding = part;
  }

  private Trie encode(Dafsa a, int root, int pageShift, boolean forceV4) {
    long t0 = System.nanoTime();
    Trie t = TrieEncoder.encode(a, root, pageShift, forceV4);
    encodeNanos.add(System.nanoTime() - t0);
    return t;
  }

  /**
   * Writes {@code t} to a new file of {@link #partsDir}, reads it back in place (checksum and
   * offsets checked: the bytes on disk are the ones written) and unlinks the file: the mapping
   * outlives it.
   */
  private Trie park(Trie t, int pageShift) {
    Path f = null;
    try {
      f = SpillFiles.create(partsDir);
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(f), 1 << 16)) {
        TrieFormat.write(t, out);
      }
      try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
        return TrieFormat.readInPlace(WordSet.Mapper.ofChannel(ch), ch.size(), pageShift);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot park a finished part of the word set in " + partsDir + ": " + e.getMessage(), e);
    } finally {
      if (f != null) {
        try {
          Files.deleteIfExists(f);
        } catch (IOException e) {
          // left for SpillFiles.sweep at the next start
        }
      }
    }
  }

  /** Waits for the part being encoded on its own thread, if any, and adds it to the parts. */
  private void awaitEncoding() {
    if (encoding == null) {
      return;
    }
    try {
      parts.add(encoding.join());
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    } finally {
      encoding = null;
    }
  }

  /** Convenience: adds the UTF-8 bytes of {@code word}. */
  public void add(CharSequence word) {
    byte[] b = Utf8.bytes(word);
    add(b, 0, b.length);
  }

  /** Number of distinct words added so far. */
  public long size() {
    return added;
  }

  /** Time spent encoding finished parts so far, in nanoseconds, on whichever thread encoded them. */
  public long encodeNanos() {
    return encodeNanos.sum();
  }

  /** Parts finished so far, encoded or being encoded (the one being built not counted). */
  public int partsFinished() {
    return parts.size() + (encoding == null ? 0 : 1);
  }

  /** Freezes the remaining path and encodes the automaton into its compact form. */
  public WordSet build() {
    return build(TrieBytes.DEFAULT_SHIFT, false);
  }

  /**
   * As {@link #build()}, into pages of {@code 2^pageShift} bytes, in format v4 whatever the size
   * if {@code forceV4} (tests: page boundaries and 64-bit codes without gigabytes).
   */
  WordSet build(int pageShift, boolean forceV4) {
    if (built) {
      throw new IllegalStateException("build() was already called");
    }
    built = true;
    if (prevLen < 0) {
      return WordSet.empty();
    }
    finishPart(pageShift, forceV4, true);
    return new WordSet(parts.toArray(new Trie[0]), lengths);
  }

  /** Freezes nodes deeper than {@code depth} on the previous word's path, deepest first. */
  private void freezeDownTo(int depth) {
    for (int d = prevLen; d > depth; d--) {
      int id = dafsa.intern(pathFinal[d], pathLabels[d], pathTargets[d], pathArcs[d]);
      pathTargets[d - 1][pathArcs[d - 1] - 1] = id;
    }
  }

  private void appendArc(int d, byte label) {
    int n = pathArcs[d];
    if (n == pathLabels[d].length) {
      pathLabels[d] = Arrays.copyOf(pathLabels[d], Math.min(256, n * 2));
      pathTargets[d] = Arrays.copyOf(pathTargets[d], Math.min(256, n * 2));
    }
    pathLabels[d][n] = label;
    pathTargets[d][n] = -1;
    pathArcs[d] = n + 1;
  }

  private void clearNode(int d) {
    pathArcs[d] = 0;
    pathFinal[d] = false;
  }

  private void ensureDepth(int len) {
    if (len + 1 <= pathLabels.length) {
      return;
    }
    int old = pathLabels.length;
    int cap = Math.max(len + 1, old * 2);
    pathLabels = Arrays.copyOf(pathLabels, cap);
    pathTargets = Arrays.copyOf(pathTargets, cap);
    pathArcs = Arrays.copyOf(pathArcs, cap);
    pathFinal = Arrays.copyOf(pathFinal, cap);
    for (int d = old; d < cap; d++) {
      pathLabels[d] = new byte[4];
      pathTargets[d] = new int[4];
    }
  }
}
