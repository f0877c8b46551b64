package dev.sieve.grpc;

import io.vertx.core.Context;
import io.vertx.core.Handler;
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
final class ChunkBytes<T> implements ReadStream<Buffer> {
  private final ReadStream<T> chunks;
  private final Context context;
  private final Function<T, Buffer> bytesOf;
  private Buffer held;
  /** The consumer's demand while the held data waits or is being handed over. */
  private long demand;
  private boolean handingOver;
  private boolean failed;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;

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
    chunks.handler(this::handleChunk);
    chunks.endHandler(v -> {
      if (!failed && endHandler != null) {
        endHandler.handle(null);
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
    if (handler != null) {
      handler.handle(bytes);
    }
  }

  private void fail(Throwable cause) {
    if (failed) {
      return;
    }
    failed = true;
    held = null;
    if (exceptionHandler != null) {
      exceptionHandler.handle(cause);
    }
  }

  private void handOver() {
    if (held == null || demand == 0 || handler == null) {
      return;
    }
    Buffer first = held;
    held = null;
    if (demand != Long.MAX_VALUE) {
      demand--;
    }
    handingOver = true;
    handler.handle(first);
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
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    this.handler = handler;
    if (held != null && demand > 0) {
      context.runOnContext(v -> handOver()); // asked for before anyone listened
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    if (holding()) {
      demand = 0;
    } else {
      chunks.pause();
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    if (!holding()) {
      if (amount == Long.MAX_VALUE) {
        chunks.resume();
      } else {
        chunks.fetch(amount);
      }
      return this;
    }
    demand = amount == Long.MAX_VALUE || demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
    if (held != null) {
      // never from inside the caller's own call: it may not expect data before fetch returns
      context.runOnContext(v -> handOver());
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    return this;
  }
}
