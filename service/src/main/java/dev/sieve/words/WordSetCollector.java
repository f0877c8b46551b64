package dev.sieve.words;

import dev.sieve.memory.LoadMemoryException;
import dev.sieve.memory.Reservation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Collects words in any order, with duplicates, for a {@link WordSet}, and sorts them externally
 * when they pass a memory limit, in three tiers:
 *
 * <ol>
 *   <li>words fill a <em>chunk</em> ({@link WordRun}: pages of UTF-8, no object per word) of at
 *       most {@link #MAX_CHUNK_BYTES} bytes, small enough to sort mostly in the CPU's caches;
 *   <li>a full chunk is sorted on a helper thread while the next one fills, and front-coded into a
 *       sorted <em>block</em> in memory ({@link PagedBytes}, written by {@link RunWriter}: about
 *       half the chunk's size on name-like words, and read back sequentially);
 *   <li>when the blocks pass their share of the memory, the helper merges them into one sorted
 *       <em>run file</em> in the spill directory ({@link SpillFiles}).
 * </ol>
 *
 * {@link #build} sorts the last chunk (its two halves on two threads when large) and k-way merges
 * it with the blocks and run files ({@link RunMerge}) straight into a {@link WordSetBuilder}
 * running on a second thread ({@link BuildPipeline}), so the words are never all in memory at
 * once. Duplicates, within a chunk and across runs, are
 * dropped. Beyond {@value #FAN_IN} run files, groups of them are merged into one first.
 *
 * <p>Memory: what {@link #byteSize} reports stays below {@code memoryBytes}: one chunk filling,
 * one being sorted (a chunk costs its words' bytes, one length byte each and 8 bytes each for the
 * sort's array), and the blocks. Besides, the block being encoded (smaller than its chunk) and
 * the I/O buffers of a merge (at most 64 KiB per run merged) are not counted. Words that fit never
 * touch the disk. A single word larger than a chunk gets a chunk of its own. Counts and totals are
 * 64-bit: no limit on the number of words, only on the disk. A collector made without a spill
 * directory keeps all its blocks in memory instead (no bound: for tests and sets known to be
 * small).
 *
 * <p>Load memory: a collector made with a {@link Reservation} keeps it at what the load needs by
 * the next check, updated at each new chunk and after each {@value #CHECK_BYTES} bytes of words:
 * {@link #buildBytes} for the build to come (the automaton grows with the words, spilled or not),
 * plus its own heap and two chunks of headroom, at most {@code memoryBytes}. When the budget says
 * no, a collector that can spill asks only for the build and three chunks (the least it can work
 * with), and its blocks keep what the reservation holds beyond that: the next chunk sorted spills
 * them. If even that is refused, or it cannot spill, {@code add} closes the collector and throws
 * the reservation's {@link Reservation#refusal refusal}. The caller closes the reservation.
 *
 * <p>Threads: {@code add} and {@code build} are called by one thread at a time (not thread-safe);
 * the collector starts one helper thread of its own when it needs one. {@code add} blocks when a
 * chunk is full while the helper is still busy with the previous one; a caller on an event loop
 * avoids that by pausing while {@link #busy} and resuming in {@link #whenReady}. Always {@link
 * #close} a collector that will not be built (a failed load): that removes its files. {@code
 * build} closes it too, whether it succeeds or not. Bytes are taken as they are: validating UTF-8
 * is the caller's business.
 */
public final class WordSetCollector implements AutoCloseable {
  /**
   * Largest chunk. Smaller chunks sort faster per word (their words stay in the caches) but make
   * more blocks to merge; {@code -Dsieve.words.chunkBytes=N} overrides it, to measure the trade.
   */
  static final long MAX_CHUNK_BYTES = Long.getLong("sieve.words.chunkBytes", 4L << 20);
  /** Most run files merged at once; beyond, groups of them are merged into one file first. */
  static final int FAN_IN = 64;
  private static final int MAX_IO_BUFFER = 1 << 16;
  /**
   * Heap the build ({@link WordSetBuilder}'s automaton and register, then {@code TrieEncoder}'s
   * layout arrays and the trie) needs per byte of collected words, beyond the collector's own
   * memory. Measured on the worst case, random lowercase words (almost no shared suffixes: the
   * automaton is nearly a trie of every byte), 32 MiB of them (29.1 MiB of words, 3.05 M words)
   * build in no less than -Xmx544m, 51.1 MiB of it in use before the build (the collector) and
   * 11.6 MiB the sort index: (544 - 51.1 - 11.6) / 29.1 = 16.5 bytes per byte of words, rounded up
   * ({@code loadtest/scripts/build-peak.sh 32}, Java 17, G1, measured with the in-memory collector
   * this one replaced). Real word lists share far more and need less, so they are over-counted (a
   * safe side): {@code wamerican-insane} (6.3 MiB of words) built in -Xmx87m with 52 MiB in use
   * before the build, at most about 5 bytes per byte ({@code build-peak.sh
   * /usr/share/dict/american-english-insane}). Duplicates are counted too: the collector does not
   * know which words are distinct until the merge.
   */
  public static final int BUILD_BYTES_PER_WORD_BYTE = 17;
  /** Bytes of words between two updates of the reservation, besides those at each new chunk. */
  static final long CHECK_BYTES = 1 << 20;

  private final Reservation reservation;
  private final int buildBytesPerWordByte;
  private final long memoryBytes;
  private long nextCheck;

  private final Path spillDir;
  private final long chunkLimit;
  // what the blocks may hold before the helper spills them: lowered by add() when the budget says no
  private volatile long blockBudget;
  private final int pageBits;
  private final int addressBits;
  private final int fanIn;
  private final int ioBuffer;

  private WordRun chunk;
  private CompletableFuture<Void> pending;
  private volatile long pendingBytes;
  // Blocks and files are changed by the helper's jobs only, one at a time, and read by the caller
  // only after awaitPending(): the future orders the accesses.
  private final List<Block> blocks = new ArrayList<>();
  private volatile long blockBytes;
  private final List<RunFile> files = new ArrayList<>();
  // Every run file created and not yet deleted, including one a helper is writing: close() removes them.
  private final Set<Path> live = ConcurrentHashMap.newKeySet();
  private ExecutorService helper;
  private long words;
  private long wordBytes;
  private long chunksSorted;
  private volatile long runsSpilled; // written by the helper
  // volatile: the helper checks it to stop writing a run nobody will read
  private volatile boolean closed;

  /** A sorted run kept in memory, front-coded, and the distinct words it holds. */
  private record Block(PagedBytes bytes, long words) {}

  /** A sorted run in a file, and the distinct words it holds. */
  private record RunFile(Path path, long words) {}

  /** A collector that keeps everything in memory (no bound; the words are sorted in chunks, kept as blocks). */
  public WordSetCollector() {
    this(Reservation.unlimited());
  }

  /**
   * A collector that keeps everything in memory within {@code reservation}: a no from the budget
   * refuses the load (see the class comment).
   */
  public WordSetCollector(Reservation reservation) {
    this(reservation, BUILD_BYTES_PER_WORD_BYTE, null, Long.MAX_VALUE, MAX_CHUNK_BYTES, 20, 31, FAN_IN);
  }

  /**
   * A collector whose runs hold at most {@code memoryBytes} of heap (at least 4 KiB), spilling
   * sorted runs to {@code spillDir} (created when first needed) beyond that; no budget.
   */
  public WordSetCollector(long memoryBytes, Path spillDir) {
    this(Reservation.unlimited(), memoryBytes, spillDir);
  }

  /**
   * As {@link #WordSetCollector(long, Path)}, within {@code reservation}: it spills sooner when
   * the budget says no, and refuses the load only when it cannot keep even three chunks.
   */
  public WordSetCollector(Reservation reservation, long memoryBytes, Path spillDir) {
    this(reservation, BUILD_BYTES_PER_WORD_BYTE, Objects.requireNonNull(spillDir, "spillDir"), memoryBytes,
        chunkLimit(memoryBytes), pageBits(chunkLimit(memoryBytes)), 31, FAN_IN);
  }

  /**
   * For tests: explicit chunk size, page size ({@code 2^pageBits}), address space of a chunk
   * ({@code 2^addressBits}: 31 in production) and fan-in; no budget.
   */
  WordSetCollector(Path spillDir, long memoryBytes, long chunkBytes, int pageBits, int addressBits, int fanIn) {
    this(Reservation.unlimited(), BUILD_BYTES_PER_WORD_BYTE, spillDir, memoryBytes, chunkBytes, pageBits, addressBits, fanIn);
  }

  /** For tests: as above within {@code reservation}, the build counted at {@code buildBytesPerWordByte}. */
  WordSetCollector(Reservation reservation, int buildBytesPerWordByte, Path spillDir, long memoryBytes,
      long chunkBytes, int pageBits, int addressBits, int fanIn) {
    if (memoryBytes < 4096) {
      throw new IllegalArgumentException("memoryBytes must be at least 4096, not " + memoryBytes);
    }
    this.reservation = Objects.requireNonNull(reservation, "reservation");
    this.buildBytesPerWordByte = buildBytesPerWordByte;
    this.memoryBytes = memoryBytes;
    this.spillDir = spillDir;
    this.chunkLimit = chunkBytes;
    this.blockBudget = fullBlockBudget();
    this.pageBits = pageBits;
    this.addressBits = addressBits;
    this.fanIn = Math.max(2, fanIn);
    this.ioBuffer = (int) Math.max(64, Math.min(MAX_IO_BUFFER, chunkBytes / 8));
    this.chunk = new WordRun(pageBits, addressBits);
  }

  /** One chunk filling, one being sorted and encoded (its block is at most a chunk more): the blocks get the rest. */
  private long fullBlockBudget() {
    return memoryBytes == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, memoryBytes - 3 * chunkLimit);
  }

  /** A sixteenth of the memory, at most {@link #MAX_CHUNK_BYTES}. */
  private static long chunkLimit(long memoryBytes) {
    return Math.min(MAX_CHUNK_BYTES, Math.max(memoryBytes, 4096) / 16);
  }

  /** Pages of about an eighth of a chunk, between 16 B and 1 MiB: few pages, little waste at a page's end. */
  private static int pageBits(long chunkLimit) {
    int bits = 63 - Long.numberOfLeadingZeros(Math.max(1, chunkLimit / 8));
    return Math.max(4, Math.min(20, bits));
  }

  /** Adds one word, {@code utf8[off, off+len)}. */
  public void add(byte[] utf8, int off, int len) {
    if (closed) {
      throw new IllegalStateException("collector is closed");
    }
    if (chunk.count() > 0 && (!chunk.fits(len) || chunk.byteSize() + chunk.cost(len) > chunkLimit)) {
      reserve(wordBytes);
      rotate();
    }
    if (wordBytes + len >= nextCheck) {
      reserve(wordBytes + len);
    }
    chunk.add(utf8, off, len);
    words++;
    wordBytes += len;
  }

  /**
   * Heap the build of {@code wordBytes} bytes of words will need beyond the collector's own
   * memory: {@link #BUILD_BYTES_PER_WORD_BYTE} per byte, at most one part's build.
   */
  public static long buildBytes(long wordBytes) {
    return buildBytes(BUILD_BYTES_PER_WORD_BYTE, wordBytes);
  }

  /**
   * {@code perByte} per byte of words, but never more than one part's build ({@link
   * WordSetBuilder#PART_BUILD_BYTES}): past one part the builder forgets each part's automaton once
   * it is encoded, so the build's heap stops growing with the words but for the finished parts'
   * tries, which are the set itself (outside the load budget, as every set in memory is).
   */
  private static long buildBytes(long perByte, long wordBytes) {
    return Math.min(perByte * wordBytes, WordSetBuilder.PART_BUILD_BYTES);
  }

  /**
   * Brings the reservation up to what holding {@code wordBytes} bytes of words needs (see the
   * class comment); on a no, spills sooner if it can, else closes the collector and throws the
   * refusal.
   */
  private void reserve(long wordBytes) {
    long build = buildBytes(buildBytesPerWordByte, wordBytes);
    long inMemory = Math.min(memoryBytes, byteSize() + 2 * chunkLimit);
    if (reservation.tryGrowTo(build + inMemory)) {
      blockBudget = fullBlockBudget();
    } else {
      long least = build + Math.min(memoryBytes, 3 * chunkLimit);
      if (spillDir == null || !reservation.tryGrowTo(least)) {
        LoadMemoryException refusal = reservation.refusal(spillDir == null ? build + inMemory : least);
        close(); // the load is over: its words become garbage, its files go, now
        throw refusal;
      }
      // the blocks keep what is held beyond the build and the chunks; the helper spills the rest
      blockBudget = Math.max(0, reservation.held() - least);
    }
    nextCheck = wordBytes + CHECK_BYTES;
  }

  public void add(CharSequence word) {
    byte[] b = Utf8.bytes(word);
    add(b, 0, b.length);
  }

  /** Words added so far, duplicates included. */
  public long size() {
    return words;
  }

  /** Bytes of the words added so far, duplicates included. */
  public long wordBytes() {
    return wordBytes;
  }

  /** Heap bytes the collector's chunks and blocks hold now (see the class comment for what is not counted). */
  public long byteSize() {
    return chunk.byteSize() + pendingBytes + blockBytes;
  }

  /** Runs written to files so far (counted once the helper is done with them). */
  public long runsSpilled() {
    return runsSpilled;
  }

  /** Chunks sorted so far (counted once the helper is done with them). */
  long chunksSorted() {
    return chunksSorted;
  }

  /** Where {@link #drainSorted} sends the words: each strictly greater than the one before. */
  @FunctionalInterface
  public interface Sink {
    void add(byte[] utf8, int off, int len);
  }

  /**
   * Sorts, removes duplicates and builds the set, then closes the collector (its files are gone
   * whether the build succeeds or fails). CPU-heavy and blocking: call it off any event loop.
   */
  public WordSet build() {
    if (words < PIPELINE_MIN) {
      WordSetBuilder builder = newBuilder(spillDir);
      drainSorted(builder::add);
      return builder.build();
    }
    // the merge on this thread, the builder on another: both cores at once
    return BuildPipeline.build(this::drainSorted, spillDir);
  }

  /** A builder that parks the finished parts of a set of several in {@code dir}, if not null ({@link WordSetBuilder#parkPartsIn}). */
  static WordSetBuilder newBuilder(Path dir) {
    WordSetBuilder b = new WordSetBuilder();
    return dir == null ? b : b.parkPartsIn(dir);
  }

  /**
   * Below this many words, a build runs on one thread (a second costs more than it saves);
   * {@code -Dsieve.words.pipeline=false} keeps every build on one thread, to measure the gain.
   */
  static final long PIPELINE_MIN = Boolean.parseBoolean(System.getProperty("sieve.words.pipeline", "true")) ? 1 << 16 : Long.MAX_VALUE;

  /**
   * Gives every distinct word, in ascending unsigned byte order, to {@code out} (what {@link
   * #build} feeds its builder; benchmarks time the sort apart from the build with it), then closes
   * the collector. Returns the number of distinct words. Blocking.
   */
  public long drainSorted(Sink out) {
    if (closed) {
      throw new IllegalStateException("collector is closed");
    }
    try {
      awaitPending();
      while (files.size() > fanIn) {
        mergeFiles();
      }
      chunk.sort(chunk.count() >= WordRun.PARALLEL_MIN ? helper() : null);
      List<SortedWords> inputs = new ArrayList<>(List.of(chunk.cursors()));
      for (Block b : blocks) {
        inputs.add(new RunReader(b.bytes().input(), ioBuffer, b.words(), "in memory"));
      }
      List<RunReader> readers = open(files);
      try {
        inputs.addAll(readers);
        long distinct = RunMerge.merge(inputs.toArray(new SortedWords[0]), out::add);
        // read to the end (the helper is idle since awaitPending): let them go now, before the
        // builder's encoder allocates its arrays, not when the caller drops the collector
        inputs.clear();
        blocks.clear();
        return distinct;
      } finally {
        closeAll(readers);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read back the sorted runs in " + spillDir, e);
    } finally {
      close();
    }
  }

  /**
   * True while the helper is still busy with the previous chunk and the one filling is past half
   * its limit: a caller that can wait (a stream reader) should pause and resume in {@link
   * #whenReady}, so that {@code add} never has to block.
   */
  public boolean busy() {
    CompletableFuture<Void> p = pending;
    return p != null && !p.isDone() && chunk.byteSize() >= chunkLimit / 2;
  }

  /** Runs {@code ready} once the helper's job under way, if any, has ended: at once, or on the helper thread. */
  public void whenReady(Runnable ready) {
    CompletableFuture<Void> p = pending;
    if (p == null || p.isDone()) {
      ready.run();
    } else {
      p.whenComplete((v, e) -> ready.run());
    }
  }

  /**
   * Stops any spill under way, removes every file of this collector and drops its runs;
   * idempotent, and does not wait for the helper (a chunk it is still sorting is dropped when done).
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (helper != null) {
      // not shutdownNow(): a job dropped from the queue would leave its future open forever; a
      // queued job sees closed and ends at once, a running one within a word of its output
      helper.shutdown();
    }
    for (Path p : live) {
      deleteQuietly(p);
    }
    // a file the helper is creating now sees closed and removes itself; once done, sweep again
    CompletableFuture<Void> p = pending;
    if (p != null) {
      p.whenComplete((v, e) -> live.forEach(this::deleteQuietly));
    }
    chunk = new WordRun(pageBits, addressBits);
  }

  /** For tests: waits until the helper's job, if any, has ended (failed or not). */
  void awaitHelper() {
    CompletableFuture<Void> p = pending;
    if (p != null) {
      try {
        p.handle((v, e) -> null).get();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Hands the full chunk to the helper (after its previous job is done) and starts a new chunk. */
  private void rotate() {
    awaitPending();
    WordRun full = chunk;
    chunk = new WordRun(pageBits, addressBits);
    pendingBytes = full.byteSize();
    pending = CompletableFuture.runAsync(() -> {
      try {
        absorb(full);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, helper());
  }

  /** On the helper: sorts {@code full} into a block; spills the blocks to a file past their budget. */
  private void absorb(WordRun full) throws IOException {
    if (closed) {
      throw new CancellationException("collector closed");
    }
    full.sort(null);
    PagedBytes bytes = new PagedBytes(Math.min(pageBits, 16)); // 64 KiB at most: little waste at a block's end
    long distinct;
    try (RunWriter w = new RunWriter(bytes.output(), ioBuffer)) {
      RunMerge.merge(full.cursors(), w::add);
      w.close();
      distinct = w.words();
    }
    blocks.add(new Block(bytes, distinct));
    blockBytes += bytes.byteSize();
    if (spillDir != null && blockBytes > blockBudget) {
      List<SortedWords> inputs = new ArrayList<>();
      for (Block b : blocks) {
        inputs.add(new RunReader(b.bytes().input(), ioBuffer, b.words(), "in memory"));
      }
      files.add(write(inputs.toArray(new SortedWords[0])));
      runsSpilled++;
      blocks.clear();
      blockBytes = 0;
    }
  }

  /** Waits for the helper's job, if any, and rethrows its failure. */
  private void awaitPending() {
    if (pending == null) {
      return;
    }
    try {
      pending.join();
      chunksSorted++;
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UncheckedIOException io) {
        throw new UncheckedIOException("cannot spill words to " + spillDir + ": " + io.getCause().getMessage(), io.getCause());
      }
      throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
    } finally {
      pending = null;
      pendingBytes = 0;
    }
  }

  /** Merges {@code inputs} into a new run file; the file is removed if writing fails. */
  private RunFile write(SortedWords[] inputs) throws IOException {
    if (closed) {
      throw new CancellationException("collector closed");
    }
    Path path = SpillFiles.create(spillDir);
    live.add(path);
    try (RunWriter w = new RunWriter(Files.newOutputStream(path), MAX_IO_BUFFER)) {
      RunMerge.merge(inputs, (b, off, len) -> {
        if (closed) {
          throw new CancellationException("collector closed");
        }
        w.add(b, off, len);
      });
      w.close();
      if (closed) {
        throw new CancellationException("collector closed");
      }
      return new RunFile(path, w.words());
    } catch (IOException | RuntimeException e) {
      deleteQuietly(path);
      throw e;
    }
  }

  /** Replaces the {@code fanIn} oldest run files by one holding their merge. */
  private void mergeFiles() throws IOException {
    List<RunFile> group = new ArrayList<>(files.subList(0, fanIn));
    List<RunReader> readers = open(group);
    RunFile merged;
    try {
      merged = write(readers.toArray(new SortedWords[0]));
    } finally {
      closeAll(readers);
    }
    files.subList(0, fanIn).clear();
    files.add(merged);
    for (RunFile f : group) {
      deleteQuietly(f.path());
    }
  }

  /** Readers of {@code runs}, each with a buffer of up to 64 KiB. */
  private List<RunReader> open(List<RunFile> runs) throws IOException {
    List<RunReader> readers = new ArrayList<>(runs.size());
    try {
      for (RunFile f : runs) {
        readers.add(new RunReader(Files.newInputStream(f.path()), ioBuffer, f.words(), f.path().toString()));
      }
    } catch (IOException e) {
      closeAll(readers);
      throw e;
    }
    return readers;
  }

  private ExecutorService helper() {
    if (helper == null) {
      helper = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sieve-word-sort");
        t.setDaemon(true);
        return t;
      });
    }
    return helper;
  }

  private static void closeAll(List<RunReader> readers) {
    for (RunReader r : readers) {
      try {
        r.close();
      } catch (IOException ignored) {
        // read-only: nothing is lost
      }
    }
  }

  private void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
      live.remove(p);
    } catch (IOException ignored) {
      // stays in live; swept at the next start if not removed by close()
    }
  }
}
