package dev.sieve.words;

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
 * when they pass a memory limit: the words fill an in-memory {@link WordRun} (pages of UTF-8, no
 * object per word); a full run is sorted in unsigned byte order on a helper thread while the next
 * one fills, and written to a front-coded run file in the spill directory ({@link SpillFiles});
 * {@link #build} sorts the last run (its two halves on two threads) and k-way merges it with the
 * run files ({@link RunMerge}) straight into a {@link WordSetBuilder}, so the words are never all
 * in memory at once. Duplicates, within a run and across runs, are dropped. Input that arrives
 * sorted is not sorted again.
 *
 * <p>Memory: the collector's buffers never hold more than {@code memoryBytes} of heap: one run
 * filling and one being sorted and spilled, each at most half of it (a run costs its words' bytes,
 * one length byte each and 4 bytes each for the sort's addresses; see {@link WordRun}), plus the
 * run files' I/O buffers. Words that fit one half never touch the disk. A single word larger than
 * a run still gets a run of its own. Counts and totals are 64-bit: there is no limit on the number
 * of words, only on the disk. A collector made without a spill directory keeps its sorted runs
 * in memory instead (no bound, no ceiling: for tests and sets known to be small).
 *
 * <p>Threads: {@code add} and {@code build} are called by one thread at a time (not
 * thread-safe); the collector starts one helper thread of its own when it needs one. {@code add}
 * blocks when a run is full while the previous one is still being spilled; a caller on an event
 * loop avoids that by pausing while {@link #busy} and resuming in {@link #whenReady}. Always {@link #close}
 * a collector that will not be built (a failed load): that removes its files. {@code build}
 * closes it too, whether it succeeds or not. Bytes are taken as they are: validating UTF-8 is the
 * caller's business.
 */
public final class WordSetCollector implements AutoCloseable {
  /** Largest run, whatever the memory: its pages and its address array stay well below 2^31 bytes. */
  static final long MAX_RUN_BYTES = 1L << 30;
  /** Most run files merged at once; beyond, groups of them are merged into one file first. */
  static final int FAN_IN = 64;
  /** Largest buffer of a run file's writer. */
  private static final int WRITE_BUFFER = 1 << 16;

  private final Path spillDir;
  private final long runLimit;
  private final int pageBits;
  private final int addressBits;
  private final int fanIn;
  private final int writeBuffer;

  private WordRun run;
  private final List<WordRun> memoryRuns = new ArrayList<>();
  private final List<RunFile> files = new ArrayList<>();
  // Every run file created and not yet deleted, including one a helper is writing: close() removes them.
  private final Set<Path> live = ConcurrentHashMap.newKeySet();
  private ExecutorService helper;
  private CompletableFuture<RunFile> pending;
  private volatile long pendingBytes;
  private long words;
  private long wordBytes;
  private long runsSpilled;
  // volatile: the helper checks it to stop writing a run nobody will read
  private volatile boolean closed;

  /** A run file and the distinct words it holds. */
  private record RunFile(Path path, long words, long bytes) {}

  /** A collector that keeps everything in memory (sorted runs of at most 1 GiB, merged at build). */
  public WordSetCollector() {
    this(null, MAX_RUN_BYTES, 20, 31, FAN_IN);
  }

  /**
   * A collector whose buffers hold at most {@code memoryBytes} of heap (at least 4 KiB), spilling
   * sorted runs to {@code spillDir} (created when first needed) beyond that.
   */
  public WordSetCollector(long memoryBytes, Path spillDir) {
    this(Objects.requireNonNull(spillDir, "spillDir"), runLimit(memoryBytes), pageBits(runLimit(memoryBytes)), 31, FAN_IN);
    if (memoryBytes < 4096) {
      throw new IllegalArgumentException("memoryBytes must be at least 4096, not " + memoryBytes);
    }
  }

  /** For tests: explicit page size, address space of a run ({@code 2^addressBits}) and fan-in. */
  WordSetCollector(Path spillDir, long runLimit, int pageBits, int addressBits, int fanIn) {
    this.spillDir = spillDir;
    this.runLimit = runLimit;
    this.pageBits = pageBits;
    this.addressBits = addressBits;
    this.fanIn = Math.max(2, fanIn);
    this.writeBuffer = writeBuffer(runLimit);
    this.run = new WordRun(pageBits, addressBits);
  }

  /** Half of what is left once the writer's buffer is paid: one run fills while the other spills. */
  private static long runLimit(long memoryBytes) {
    long m = Math.max(memoryBytes, 4096);
    return Math.min(MAX_RUN_BYTES, (m - Math.min(WRITE_BUFFER, m / 16)) / 2);
  }

  /** An eighth of a run (a sixteenth of the memory, as runLimit paid), at most 64 KiB. */
  private static int writeBuffer(long runLimit) {
    return (int) Math.min(WRITE_BUFFER, Math.max(64, runLimit / 8));
  }

  /** Pages of about an eighth of a run, between 256 B and 1 MiB: few pages, little waste at a page's end. */
  private static int pageBits(long runLimit) {
    int bits = 63 - Long.numberOfLeadingZeros(Math.max(1, runLimit / 8));
    return Math.max(8, Math.min(20, bits));
  }

  /** Adds one word, {@code utf8[off, off+len)}. */
  public void add(byte[] utf8, int off, int len) {
    if (closed) {
      throw new IllegalStateException("collector is closed");
    }
    if (run.count() > 0 && (!run.fits(len) || run.byteSize() + run.cost(len) > runLimit)) {
      rotate();
    }
    run.add(utf8, off, len);
    words++;
    wordBytes += len;
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

  /** Heap bytes the collector's runs hold now (the one filling and the one being spilled). */
  public long byteSize() {
    return run.byteSize() + pendingBytes;
  }

  /** Runs written to files so far. */
  public long runsSpilled() {
    return runsSpilled;
  }

  /**
   * Sorts, removes duplicates and builds the set, then closes the collector (its files are gone
   * whether the build succeeds or fails). CPU-heavy and blocking: call it off any event loop.
   */
  public WordSet build() {
    if (closed) {
      throw new IllegalStateException("collector is closed");
    }
    try {
      awaitPending();
      while (files.size() > fanIn) {
        mergeFiles();
      }
      run.sort(run.count() >= WordRun.PARALLEL_MIN ? helper() : null);
      List<SortedWords> inputs = new ArrayList<>(List.of(run.cursors()));
      for (WordRun r : memoryRuns) {
        inputs.addAll(List.of(r.cursors()));
      }
      List<RunFileReader> readers = open(files);
      try {
        inputs.addAll(readers);
        WordSetBuilder builder = new WordSetBuilder();
        RunMerge.merge(inputs.toArray(new SortedWords[0]), builder::add);
        return builder.build();
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
   * True while the previous run is still being spilled and the one filling is past half its
   * limit: a caller that can wait (a stream reader) should pause and resume in {@link
   * #whenReady}, so that {@code add} never has to block for the spill.
   */
  public boolean busy() {
    CompletableFuture<RunFile> p = pending;
    return p != null && !p.isDone() && run.byteSize() >= runLimit / 2;
  }

  /** Runs {@code ready} once the spill under way, if any, has ended: at once, or on the helper thread. */
  public void whenReady(Runnable ready) {
    CompletableFuture<RunFile> p = pending;
    if (p == null || p.isDone()) {
      ready.run();
    } else {
      p.whenComplete((f, e) -> ready.run());
    }
  }

  /**
   * Stops any spill under way, removes every file of this collector and drops its runs;
   * idempotent, and does not wait for the helper (a run it is still sorting is dropped when done).
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (helper != null) {
      helper.shutdownNow();
    }
    // a file the helper creates from now on sees closed and removes itself
    for (Path p : live) {
      deleteQuietly(p);
    }
    files.clear();
    memoryRuns.clear();
    run = new WordRun(pageBits, addressBits);
    pending = null;
    pendingBytes = 0;
  }

  /** Hands the full run to the helper (after the previous one is done) and starts a new run. */
  private void rotate() {
    awaitPending();
    WordRun full = run;
    run = new WordRun(pageBits, addressBits);
    pendingBytes = full.byteSize();
    pending = CompletableFuture.supplyAsync(() -> {
      full.sort(null);
      if (spillDir == null) {
        return null;
      }
      try {
        return write(full.cursors());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, helper());
    if (spillDir == null) {
      memoryRuns.add(full); // read only after awaitPending(): the future orders the sort before
    }
  }

  /** Waits for the helper's job, if any, and records the file it wrote. */
  private void awaitPending() {
    if (pending == null) {
      return;
    }
    try {
      RunFile f = pending.join();
      if (f != null) {
        files.add(f);
        runsSpilled++;
      }
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
    Path path = SpillFiles.create(spillDir);
    live.add(path);
    try (RunFileWriter w = new RunFileWriter(path, writeBuffer)) {
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
      return new RunFile(path, w.words(), w.bytes());
    } catch (IOException | RuntimeException e) {
      deleteQuietly(path);
      throw e;
    }
  }

  /** Replaces the {@code fanIn} oldest run files by one holding their merge. */
  private void mergeFiles() throws IOException {
    List<RunFile> group = new ArrayList<>(files.subList(0, fanIn));
    List<RunFileReader> readers = open(group);
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

  /** Readers of {@code runs}, each with an equal share of a run's memory as its buffer (4 KiB to 1 MiB). */
  private List<RunFileReader> open(List<RunFile> runs) throws IOException {
    int buffer = (int) Math.max(4096, Math.min(1 << 20, runLimit / Math.max(1, runs.size())));
    List<RunFileReader> readers = new ArrayList<>(runs.size());
    try {
      for (RunFile f : runs) {
        readers.add(new RunFileReader(f.path(), buffer, f.words()));
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

  private static void closeAll(List<RunFileReader> readers) {
    for (RunFileReader r : readers) {
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
