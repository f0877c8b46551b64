package dev.sieve.grpc;

import dev.sieve.proto.LoadChunk;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * The data of a load's chunks as one stream of bytes, for the same {@code SetLoader} that reads
 * HTTP bodies: each chunk's {@code lines} as they are, or its {@code values} as decimal lines (so
 * they go through the same parser, limits, line numbers and {@code on_error}).
 *
 * <p>The first chunk has already been read (it names the set): its data is held and handed over
 * before any other, when the consumer first asks for data. Demand passes straight to the chunk
 * stream otherwise, so backpressure reaches the client: the consumer pauses, Vert.x's gRPC queue
 * fills, the HTTP/2 stream stops granting flow-control credit.
 *
 * <p>A load sends lines or values, not both (a value appended to a half line would silently join
 * it); {@code values} in a word load, or a mix, fail the stream with an {@link
 * IllegalArgumentException}. Used on one Vert.x context; not thread-safe.
 */
final class ChunkBytes implements ReadStream<Buffer> {
  private final ReadStream<LoadChunk> chunks;
  private final Context context;
  private final boolean valuesAllowed;
  private Buffer held;
  /** The consumer's demand while the held data waits or is being handed over. */
  private long demand;
  private boolean handingOver;
  /** Which form of data the load uses, once known: null, "lines" or "values". */
  private String form;
  private boolean failed;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;

  /**
   * Reads {@code chunks} (paused, {@code first} already taken from it) on {@code context}; {@code
   * valuesAllowed} for number loads.
   *
   * @throws IllegalArgumentException if {@code first} holds data the load may not have
   */
  ChunkBytes(ReadStream<LoadChunk> chunks, LoadChunk first, boolean valuesAllowed, Context context) {
    this.chunks = chunks;
    this.context = context;
    this.valuesAllowed = valuesAllowed;
    this.held = bytesOf(first);
    chunks.handler(this::handleChunk);
    chunks.endHandler(v -> {
      if (!failed && endHandler != null) {
        endHandler.handle(null);
      }
    });
    chunks.exceptionHandler(this::fail);
  }

  private Buffer bytesOf(LoadChunk chunk) {
    boolean lines = !chunk.getLines().isEmpty();
    boolean values = chunk.getValuesCount() > 0;
    if (values && !valuesAllowed) {
      throw new IllegalArgumentException("values are for number sets: send words as lines");
    }
    if (lines || values) {
      String now = lines && values ? "both" : lines ? "lines" : "values";
      if (now.equals("both") || form != null && !form.equals(now)) {
        throw new IllegalArgumentException("a load sends lines or values, not both");
      }
      form = now;
    }
    if (!values) {
      return Buffer.buffer(chunk.getLines().toByteArray());
    }
    StringBuilder text = new StringBuilder(chunk.getValuesCount() * 12);
    for (int i = 0; i < chunk.getValuesCount(); i++) {
      // uint64: a value over 2^63-1 reaches the parser as it was sent, and is refused there
      text.append(Long.toUnsignedString(chunk.getValues(i))).append('\n');
    }
    return Buffer.buffer(text.toString());
  }

  private void handleChunk(LoadChunk chunk) {
    if (failed) {
      return;
    }
    Buffer bytes;
    try {
      bytes = bytesOf(chunk);
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
