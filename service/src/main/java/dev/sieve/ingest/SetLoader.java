package dev.sieve.ingest;

import dev.sieve.memory.LoadBudget;
import dev.sieve.memory.Reservation;
import dev.sieve.numbers.InvalidNumberException;
import dev.sieve.numbers.NumberSet;
import dev.sieve.numbers.NumberSetBuilder;
import dev.sieve.numbers.NumberSetFormat;
import dev.sieve.words.WordSet;
import dev.sieve.words.WordSetCollector;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.ToLongFunction;

/**
 * Loads whole sets from streams: lines are read and parsed as they arrive (cheap, per line), then
 * the set is built on a worker (sorting, freezing, run-optimizing: never on the event loop).
 *
 * <p>Nothing is installed anywhere: the caller swaps the {@link Loaded} set into the registry, so
 * a load that fails, or whose client goes away, changes nothing. Call from a Vert.x context.
 *
 * <p>Every load holds a {@link Reservation} on the loader's {@link
 * LoadBudget} while it collects and builds, grown by its structure before each allocation and
 * closed however the load ends; a load the budget cannot hold fails with a {@link
 * dev.sieve.memory.LoadMemoryException} as soon as that is known, and holds nothing.
 */
public final class SetLoader {
  /**
   * Load memory a Roaring body needs per byte: the growing buffer (up to 2x its length), the
   * copy handed to the decoder, and the decoded set (about the size of its portable bytes).
   */
  static final int ROARING_BYTES_PER_BODY_BYTE = 4;

  private final WorkerExecutor workers;
  private final LoadLimits limits;
  private final LoadBudget budget;
  private final Path spillDir;
  private final long wordMemoryBytes;
  private final Loads loads = new Loads();

  /** Builds on {@code workers}; bodies and lines are held to {@code limits}; no memory budget, no spilling. */
  public SetLoader(WorkerExecutor workers, LoadLimits limits) {
    this(workers, limits, LoadBudget.unlimited());
  }

  /** Builds on {@code workers}; bodies and lines are held to {@code limits}, memory to {@code budget}; no spilling. */
  public SetLoader(WorkerExecutor workers, LoadLimits limits, LoadBudget budget) {
    this(workers, limits, budget, null);
  }

  /**
   * As {@link #SetLoader(WorkerExecutor, LoadLimits, LoadBudget)}, but the words of one load keep
   * at most {@link #wordMemory a quarter of the budget} in memory and spill sorted runs to {@code
   * spillDir} beyond that (null: no spilling).
   */
  public SetLoader(WorkerExecutor workers, LoadLimits limits, LoadBudget budget, Path spillDir) {
    this(workers, limits, budget, spillDir, wordMemory(budget));
  }

  /** As above with an explicit spill threshold per word load (tests: a tiny one spills many runs). */
  public SetLoader(WorkerExecutor workers, LoadLimits limits, LoadBudget budget, Path spillDir, long wordMemoryBytes) {
    this.workers = workers;
    this.limits = limits;
    this.budget = budget;
    this.spillDir = spillDir;
    this.wordMemoryBytes = wordMemoryBytes;
  }

  /**
   * Words one load keeps in memory before spilling: a quarter of the budget, so that four loads
   * collecting at once still leave room for builds; an unlimited budget falls back to a quarter of
   * the heap. At least 64 KiB (a chunk of sorted words must fit).
   */
  static long wordMemory(LoadBudget budget) {
    long share = budget.limit() == Long.MAX_VALUE ? Runtime.getRuntime().maxMemory() / 4 : budget.limit() / 4;
    return Math.max(64L << 10, share);
  }

  /** The memory budget every load of this loader reserves from. */
  public LoadBudget budget() {
    return budget;
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
    Reservation reservation = budget.open(label("words", name));
    WordSetCollector collector = spillDir == null
        ? new WordSetCollector(reservation)
        : new WordSetCollector(reservation, wordMemoryBytes, spillDir);
    return tracked(progress, reservation, LineLoader.load(body, new WordLineSink(collector), limits, onError, progress)
        .onFailure(failure -> collector.close()) // a bad line, a refusal, a client gone: its spill files go now
        .compose(report -> {
          progress.building();
          return workers.executeBlocking(() -> {
            WordSet set = collector.build();
            return new Loaded<>(set, report);
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
    Reservation reservation = budget.open(label("numbers", name));
    NumberSetBuilder builder = new NumberSetBuilder(reservation);
    return tracked(progress, reservation, LineLoader.load(body, new NumberLineSink(builder), limits, onError, progress)
        .compose(report -> {
          progress.building();
          return workers.executeBlocking(() -> {
            NumberSet set = builder.build();
            return new Loaded<>(set, report);
          }, false);
        }), loaded -> loaded.set().cardinality(), loaded -> loaded.set().byteSize());
  }

  /** As {@link #roaring(String, ReadStream)}, tracked as an unnamed load. */
  public Future<Loaded<NumberSet>> roaring(ReadStream<Buffer> body) {
    return roaring(null, body);
  }

  /**
   * A number set from Roaring's portable serialization. The format cannot be read incrementally,
   * so the body is collected (within the body limit) and decoded on a worker.
   */
  public Future<Loaded<NumberSet>> roaring(String name, ReadStream<Buffer> body) {
    LoadProgress progress = loads.start("numbers", name);
    Reservation reservation = budget.open(label("numbers", name));
    Promise<Buffer> collected = Promise.promise();
    Buffer bytes = Buffer.buffer();
    LimitedStream limited = new LimitedStream(body, limits.maxBodyBytes(), collected::tryFail);
    limited.afterChunk(() -> progress.read(limited.bytes(), 0));
    limited.handler(chunk -> {
      if (collected.future().isComplete()) {
        return; // refused: the rest of the body is dropped
      }
      long need = ROARING_BYTES_PER_BODY_BYTE * ((long) bytes.length() + chunk.length());
      if (!reservation.tryGrowTo(need)) {
        limited.discard();
        collected.tryFail(reservation.refusal(need));
        return;
      }
      bytes.appendBuffer(chunk);
    });
    limited.endHandler(v -> collected.tryComplete(bytes));
    limited.resume();
    return tracked(progress, reservation, collected.future().compose(buffer -> {
      progress.building();
      return workers.executeBlocking(() -> {
        NumberSet set;
        try {
          set = NumberSetFormat.read(ByteBuffer.wrap(buffer.getBytes()));
        } catch (InvalidNumberException e) {
          throw new BadInputException(e.getMessage(), 0);
        }
        LoadReport report = new LoadReport(0, buffer.length(), 0, new long[0]);
        return new Loaded<>(set, report);
      }, false);
    }), loaded -> loaded.set().cardinality(), loaded -> loaded.set().byteSize());
  }

  /**
   * Ends {@code progress} with the outcome of {@code load}, and gives {@code reservation} back
   * (the set, if built, is the caller's from then on); a load {@link Loads#cut} meanwhile fails
   * with the reason it was cut for, whatever it built.
   */
  private <T> Future<Loaded<T>> tracked(LoadProgress progress, Reservation reservation, Future<Loaded<T>> load,
      ToLongFunction<Loaded<T>> elements, ToLongFunction<Loaded<T>> bytes) {
    return load.transform(ar -> {
      reservation.close();
      if (ar.failed()) {
        loads.failed(progress, ar.cause());
        return Future.failedFuture(ar.cause());
      }
      if (!loads.done(progress, elements.applyAsLong(ar.result()), bytes.applyAsLong(ar.result()))) {
        // cut by a stop while it built (Loads.cut): logged failed already, so never installed
        return Future.failedFuture(new dev.sieve.registry.SetUnavailableException(progress.error()));
      }
      return Future.succeededFuture(ar.result());
    });
  }

  /** How refusals name a load: {@code words/en}, or {@code a words load} when it has no name. */
  private static String label(String kind, String name) {
    return name == null ? "a " + kind + " load" : kind + "/" + name;
  }
}
