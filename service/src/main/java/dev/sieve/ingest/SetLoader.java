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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

  /** Builds on {@code workers}; bodies and lines are held to {@code limits}. */
  public SetLoader(WorkerExecutor workers, LoadLimits limits) {
    this.workers = workers;
    this.limits = limits;
  }

  /** The limits this loader holds bodies to. */
  public LoadLimits limits() {
    return limits;
  }

  /** A word set from UTF-8 lines, one word per line. */
  public Future<Loaded<WordSet>> words(ReadStream<Buffer> body, OnError onError) {
    WordSetCollector collector = new WordSetCollector();
    return LineLoader.load(body, new WordLineSink(collector), limits, onError)
        .compose(report -> workers.executeBlocking(() -> {
          WordSet set = collector.build();
          return new Loaded<>(set, report, wordBaseline(set));
        }, false));
  }

  /** A number set from lines holding a natural or an inclusive range {@code a-b}. */
  public Future<Loaded<NumberSet>> numbers(ReadStream<Buffer> body, OnError onError) {
    NumberSetBuilder builder = new NumberSetBuilder();
    return LineLoader.load(body, new NumberLineSink(builder), limits, onError)
        .compose(report -> workers.executeBlocking(() -> {
          NumberSet set = builder.build();
          return new Loaded<>(set, report, HashSetBaseline.ofLongs(set.cardinality()));
        }, false));
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
  public Future<Loaded<NumberSet>> roaring(ReadStream<Buffer> body) {
    Promise<Buffer> collected = Promise.promise();
    Buffer bytes = Buffer.buffer();
    LimitedStream limited = new LimitedStream(body, limits.maxBodyBytes(), collected::tryFail);
    limited.handler(bytes::appendBuffer);
    limited.endHandler(v -> collected.tryComplete(bytes));
    limited.resume();
    return collected.future().compose(buffer -> workers.executeBlocking(() -> {
      NumberSet set;
      try {
        set = NumberSetFormat.read(ByteBuffer.wrap(buffer.getBytes()));
      } catch (InvalidNumberException e) {
        throw new BadInputException(e.getMessage(), 0);
      }
      LoadReport report = new LoadReport(0, buffer.length(), 0, new long[0]);
      return new Loaded<>(set, report, HashSetBaseline.ofLongs(set.cardinality()));
    }, false));
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
