package dev.sieve.ingest;

import dev.sieve.memory.HashSetBaseline;
import dev.sieve.numbers.InvalidNumberException;
import dev.sieve.numbers.NumberSet;
import dev.sieve.numbers.NumberSetBuilder;
import dev.sieve.numbers.NumberSetFormat;
import dev.sieve.words.WordSet;
import dev.sieve.words.WordCursor;
import dev.sieve.words.WordSetCollector;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Loads whole sets from streams: lines are read and parsed as they arrive (cheap, per line), then
 * the set is built on a worker (sorting, freezing, run-optimizing: never on the event loop).
 *
 * <p>Nothing is installed anywhere: the caller swaps the {@link Loaded} set into the registry, so
 * a load that fails, or whose client goes away, changes nothing. Call from a Vert.x context.
 */
public final class SetLoader {
  private final WorkerExecutor workers;
  private final LoadLimits limits;
  private final Path spillDir;
  private final long wordMemoryBytes;
  private final Loads loads = new Loads();

  /** Builds on {@code workers}; bodies and lines are held to {@code limits}; word loads stay in memory. */
  public SetLoader(WorkerExecutor workers, LoadLimits limits) {
    this(workers, limits, null, 0);
  }

  /**
   * As {@link #SetLoader(WorkerExecutor, LoadLimits)}, but the words of a load hold at most
   * {@code wordMemoryBytes} of heap before they spill, as sorted runs, to {@code spillDir} (null:
   * no spilling, all in memory).
   */
  public SetLoader(WorkerExecutor workers, LoadLimits limits, Path spillDir, long wordMemoryBytes) {
    this.workers = workers;
    this.limits = limits;
    this.spillDir = spillDir;
    this.wordMemoryBytes = wordMemoryBytes;
  }

  /**
   * Heap the words of one load may hold before spilling, until loads share a memory budget: a
   * quarter of the maximum heap, at least 64 MiB.
   */
  public static long defaultWordMemory() {
    return Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 4);
  }

  /** The limits this loader holds bodies to. */
  public LoadLimits limits() {
    return limits;
  }

  /** The loads this loader ran and is running: for {@code GET /v1/loads}, logs and metrics. */
  public Loads loads() {
    return loads;
  }

  /** A word set from UTF-8 lines, one word per line; tracked as an unnamed load. */
  public Future<Loaded<WordSet>> words(ReadStream<Buffer> body, OnError onError) {
    return words(null, body, onError);
  }

  /** A word set from UTF-8 lines, one word per line, tracked in {@link #loads()} as {@code name}. */
  public Future<Loaded<WordSet>> words(String name, ReadStream<Buffer> body, OnError onError) {
    LoadProgress progress = loads.start("words", name);
    WordSetCollector collector = spillDir == null ? new WordSetCollector() : new WordSetCollector(wordMemoryBytes, spillDir);
    return tracked(progress, LineLoader.load(body, new WordLineSink(collector), limits, onError, progress)
        .onFailure(failure -> collector.close()) // a bad line, a client gone: its spill files go now
        .compose(report -> {
          progress.building();
          return workers.executeBlocking(() -> {
            WordSet set = collector.build();
            return new Loaded<>(set, report, wordBaseline(set));
          }, false);
        }), loaded -> loaded.set().size(), loaded -> loaded.set().byteSize());
  }

  /** A number set from lines holding a natural or an inclusive range {@code a-b}; tracked as an unnamed load. */
  public Future<Loaded<NumberSet>> numbers(ReadStream<Buffer> body, OnError onError) {
    return numbers(null, body, onError);
  }

  /** A number set from lines holding a natural or a range {@code a-b}, tracked as {@code name}. */
  public Future<Loaded<NumberSet>> numbers(String name, ReadStream<Buffer> body, OnError onError) {
    LoadProgress progress = loads.start("numbers", name);
    NumberSetBuilder builder = new NumberSetBuilder();
    return tracked(progress, LineLoader.load(body, new NumberLineSink(builder), limits, onError, progress)
        .compose(report -> {
          progress.building();
          return workers.executeBlocking(() -> {
            NumberSet set = builder.build();
            return new Loaded<>(set, report, HashSetBaseline.ofLongs(set.cardinality()));
          }, false);
        }), loaded -> loaded.set().cardinality(), loaded -> loaded.set().byteSize());
  }

  /** As {@link #roaring(String, ReadStream)}, tracked as an unnamed load. */
  public Future<Loaded<NumberSet>> roaring(ReadStream<Buffer> body) {
    return roaring(null, body);
  }

  /**
   * The words of an update batch, one per line, in body order (duplicates kept), all valid UTF-8;
   * at most {@code maxBytes} bytes of words, else a {@link TooLargeException}. Any bad line fails
   * the whole batch: an update is applied whole or not at all.
   */
  public Future<List<byte[]>> wordBatch(ReadStream<Buffer> body, long maxBytes) {
    List<byte[]> words = new ArrayList<>();
    long[] bytes = {0};
    LineSink sink = (line, length) -> {
      if (!Utf8.isValid(line, 0, length)) {
        throw new IllegalArgumentException("invalid UTF-8");
      }
      bytes[0] += length + 1;
      if (bytes[0] > maxBytes) {
        throw new TooLargeException("an update holds at most " + maxBytes + " bytes of words; use PUT to replace a set", 0);
      }
      words.add(Arrays.copyOf(line, length));
    };
    return LineLoader.load(body, sink, limits, OnError.FAIL).map(report -> words);
  }

  /**
   * The values of an update batch: lines holding a natural or an inclusive range {@code a-b};
   * any bad line fails the whole batch.
   */
  public Future<NumberSet> numberBatch(ReadStream<Buffer> body) {
    NumberSetBuilder builder = new NumberSetBuilder();
    return LineLoader.load(body, new NumberLineSink(builder), limits, OnError.FAIL)
        .compose(report -> workers.executeBlocking(builder::build, false));
  }

  /**
   * A number set from Roaring's portable serialization. The format cannot be read incrementally,
   * so the body is collected (within the body limit) and decoded on a worker.
   */
  public Future<Loaded<NumberSet>> roaring(String name, ReadStream<Buffer> body) {
    LoadProgress progress = loads.start("numbers", name);
    Promise<Buffer> collected = Promise.promise();
    Buffer bytes = Buffer.buffer();
    LimitedStream limited = new LimitedStream(body, limits.maxBodyBytes(), collected::tryFail);
    limited.afterChunk(() -> progress.read(limited.bytes(), 0));
    limited.handler(bytes::appendBuffer);
    limited.endHandler(v -> collected.tryComplete(bytes));
    limited.resume();
    return tracked(progress, collected.future().compose(buffer -> {
      progress.building();
      return workers.executeBlocking(() -> {
        NumberSet set;
        try {
          set = NumberSetFormat.read(ByteBuffer.wrap(buffer.getBytes()));
        } catch (InvalidNumberException e) {
          throw new BadInputException(e.getMessage(), 0);
        }
        LoadReport report = new LoadReport(0, buffer.length(), 0, new long[0]);
        return new Loaded<>(set, report, HashSetBaseline.ofLongs(set.cardinality()));
      }, false);
    }), loaded -> loaded.set().cardinality(), loaded -> loaded.set().byteSize());
  }

  /** Ends {@code progress} with the outcome of {@code load}; returns {@code load}. */
  private <T> Future<Loaded<T>> tracked(LoadProgress progress, Future<Loaded<T>> load,
      ToLongFunction<Loaded<T>> elements, ToLongFunction<Loaded<T>> bytes) {
    return load.onComplete(ar -> {
      if (ar.succeeded()) {
        loads.done(progress, elements.applyAsLong(ar.result()), bytes.applyAsLong(ar.result()));
      } else {
        loads.failed(progress, ar.cause());
      }
    });
  }

  /** What a {@code HashSet<String>} of the set's words would take; walks the whole set. */
  public static long wordBaseline(WordSet set) {
    HashSetBaseline.Strings baseline = new HashSetBaseline.Strings();
    WordCursor cursor = set.cursor();
    while (cursor.next()) {
      baseline.add(cursor.current());
    }
    return baseline.bytes();
  }
}
