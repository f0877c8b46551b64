package dev.sieve.grpc;

import io.vertx.core.Context;
import dev.sieve.ingest.DemandStream;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.function.Function;

/**
 * The data of a load's chunks as one stream of bytes, for the same {@code SetLoader} that reads
 * HTTP bodies. Each chunk becomes bytes through {@code bytesOf} ({@link LineChunks} for LoadWords
 * and LoadNumbers: lines as they are, values as decimal lines; the Roaring bytes for LoadRoaring);
 * a chunk it refuses ({@link IllegalArgumentException}) fails the stream.
 *
 * <p>The first chunk has already been read (it names the set): its data is held and handed over
 * before any other, when the consumer first asks for data. Demand passes straight to the chunk
 * stream otherwise, so backpressure reaches the client: the consumer pauses, Vert.x's gRPC queue
 * fills, the HTTP/2 stream stops granting flow-control credit. Used on one Vert.x context; not
 * thread-safe.
 */
final class ChunkBytes<T> extends DemandStream<Buffer> {
  private final ReadStream<T> chunks;
  private final Context context;
  private final Function<T, Buffer> bytesOf;
  private Buffer held;
  private boolean handingOver;
  private boolean failed;

  /**
   * Reads {@code chunks} (paused, {@code first} already taken from it) on {@code context}.
   *
   * @throws IllegalArgumentException if {@code bytesOf} refuses {@code first}
   */
  ChunkBytes(ReadStream<T> chunks, T first, Function<T, Buffer> bytesOf, Context context) {
    this.chunks = chunks;
    this.context = context;
    this.bytesOf = bytesOf;
    this.held = bytesOf.apply(first);
    this.demand = 0; // the reader's demand counts here only while the held data waits or is handed over
    chunks.handler(this::handleChunk);
    chunks.endHandler(v -> {
      if (!failed) {
        signalEnd();
      }
    });
    chunks.exceptionHandler(this::fail);
  }

  private void handleChunk(T chunk) {
    if (failed) {
      return;
    }
    Buffer bytes;
    try {
      bytes = bytesOf.apply(chunk);
    } catch (IllegalArgumentException e) {
      fail(e);
      return;
    }
    emit(bytes);
  }

  private void fail(Throwable cause) {
    if (failed) {
      return;
    }
    failed = true;
    held = null;
    signalFailure(cause);
  }

  private void handOver() {
    if (held == null || !wanted()) {
      return;
    }
    Buffer first = held;
    held = null;
    handingOver = true;
    emit(first);
    handingOver = false;
    long rest = demand;
    demand = 0;
    if (rest == Long.MAX_VALUE) {
      chunks.resume();
    } else if (rest > 0) {
      chunks.fetch(rest);
    }
  }

  private boolean holding() {
    return held != null || handingOver;
  }

  @Override
  protected void demanded() {
    if (held != null && wanted()) {
      // never from inside the caller's own call: it may not expect data before fetch returns
      context.runOnContext(v -> handOver());
    }
  }

  @Override
  public ChunkBytes<T> pause() {
    if (holding()) {
      super.pause();
    } else {
      chunks.pause();
    }
    return this;
  }

  /** While the first data is held, the demand is counted here; after, it passes straight to the chunks. */
  @Override
  public ChunkBytes<T> fetch(long amount) {
    if (holding()) {
      super.fetch(amount);
    } else if (amount == Long.MAX_VALUE) {
      chunks.resume();
    } else {
      chunks.fetch(amount);
    }
    return this;
  }
}
