package dev.sieve.words;

import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Runs the two halves of a build on two threads: the calling thread produces the sorted words
 * (the collector's merge), a thread of its own feeds them to a {@link WordSetBuilder}. Words cross
 * in batches of about {@value #BATCH_BYTES} bytes through two small queues (full ones one way,
 * emptied ones back), so the memory between the two is {@value #BATCHES} batches whatever the
 * size of the set. A failure on either side stops the other and is rethrown by {@link #build}.
 */
final class BuildPipeline {
  private static final int BATCH_BYTES = 1 << 18;
  private static final int BATCHES = 4;
  private static final Batch END = new Batch(0);

  private BuildPipeline() {}

  /**
   * Calls {@code produce} with a sink on this thread, builds on another, returns the set; the
   * finished parts of a set of several are parked in {@code partsDir} unless it is null ({@link
   * WordSetBuilder#parkPartsIn}).
   */
  static WordSet build(ToLongFunction<WordSetCollector.Sink> produce, Path partsDir) {
    BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES + 1);
    BlockingQueue<Batch> empty = new ArrayBlockingQueue<>(BATCHES);
    for (int i = 0; i < BATCHES; i++) {
      empty.add(new Batch(BATCH_BYTES));
    }
    CompletableFuture<WordSet> built = new CompletableFuture<>();
    Thread builder = new Thread(() -> {
      try {
        WordSetBuilder b = WordSetCollector.newBuilder(partsDir);
        for (Batch x = full.take(); x != END; x = full.take()) {
          x.feed(b);
          empty.put(x);
        }
        built.complete(b.build());
      } catch (Throwable e) {
        built.completeExceptionally(e);
      }
    }, "sieve-word-build");
    builder.setDaemon(true);
    builder.start();
    Batch[] current = {take(empty, built)};
    try {
      produce.applyAsLong((utf8, off, len) -> {
        if (!current[0].fits(len)) {
          full.add(current[0]); // never blocks: the queue holds every batch and END
          current[0] = take(empty, built);
        }
        current[0].add(utf8, off, len);
      });
      full.add(current[0]);
      full.add(END);
    } catch (RuntimeException | Error e) {
      builder.interrupt();
      throw e;
    }
    try {
      return built.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : e;
    }
  }

  /** The next emptied batch; fails if the builder has failed (it will empty no more). */
  private static Batch take(BlockingQueue<Batch> empty, CompletableFuture<WordSet> built) {
    try {
      while (true) {
        Batch b = empty.poll(50, TimeUnit.MILLISECONDS);
        if (b != null) {
          return b;
        }
        if (built.isDone()) {
          built.join(); // throws the builder's failure
          throw new IllegalStateException("the builder ended before its input");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building", e);
    }
  }

  /** Words laid end to end, with their end offsets. */
  private static final class Batch {
    private byte[] bytes;
    private int[] ends = new int[1 << 14];
    private int used;
    private int count;

    Batch(int capacity) {
      bytes = new byte[capacity];
    }

    /** True if {@code len} more bytes fit; an empty batch takes any word (it grows for it). */
    boolean fits(int len) {
      return count == 0 || (used + len <= bytes.length && count < ends.length);
    }

    void add(byte[] utf8, int off, int len) {
      if (used + len > bytes.length) {
        bytes = new byte[len]; // only when empty: a word longer than a batch
      }
      System.arraycopy(utf8, off, bytes, used, len);
      used += len;
      ends[count++] = used;
    }

    /** Gives every word to {@code b}, then empties the batch. */
    void feed(WordSetBuilder b) {
      int start = 0;
      for (int i = 0; i < count; i++) {
        b.add(bytes, start, ends[i] - start);
        start = ends[i];
      }
      used = 0;
      count = 0;
      if (bytes.length > BATCH_BYTES) {
        bytes = new byte[BATCH_BYTES];
      }
    }
  }
}
