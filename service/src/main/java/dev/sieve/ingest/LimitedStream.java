package dev.sieve.ingest;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.function.Consumer;

/**
 * A body stream that counts its bytes, fails once they pass the limit, and can be told to drop the
 * rest of the body.
 *
 * <p>It sits between the source (an HTTP request, a file) and the line parser. Every failure of
 * the source (a client that disconnects, a corrupt gzip body) and the limit being passed go to one
 * failure callback rather than down the pipe, so the load is refused exactly once. After {@link
 * #discard()} the source keeps flowing and its data is dropped: the connection stays readable for
 * the error answer, and nothing grows in memory. Used on one Vert.x context; not thread-safe.
 */
final class LimitedStream implements ReadStream<Buffer> {
  private final ReadStream<Buffer> source;
  private final long maxBytes;
  private final Consumer<Throwable> onFailure;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Runnable afterChunk = () -> {};
  private long bytes;
  private boolean discarding;

  LimitedStream(ReadStream<Buffer> source, long maxBytes, Consumer<Throwable> onFailure) {
    this.source = source;
    this.maxBytes = maxBytes;
    this.onFailure = onFailure;
    source.pause();
    source.handler(this::handleChunk);
    source.endHandler(v -> {
      if (!discarding && endHandler != null) {
        endHandler.handle(null);
      }
    });
    source.exceptionHandler(this::fail);
  }

  private void handleChunk(Buffer chunk) {
    if (discarding) {
      return;
    }
    bytes += chunk.length();
    if (bytes > maxBytes) {
      fail(new TooLargeException("body larger than " + maxBytes + " bytes", 0));
      return;
    }
    if (handler != null) {
      handler.handle(chunk);
    }
    afterChunk.run();
  }

  /** Runs {@code action} after each chunk has been handed on (a load's progress is published there). */
  void afterChunk(Runnable action) {
    this.afterChunk = action;
  }

  private void fail(Throwable cause) {
    if (!discarding) {
      discard();
      onFailure.accept(cause);
    }
  }

  /** Drops the rest of the body and lets it flow in, unless already dropping. */
  void discard() {
    if (!discarding) {
      discarding = true;
      handler = null;
      endHandler = null;
      if (source instanceof InputStreamSource file) {
        file.close(); // nobody waits on a file: stop reading it rather than drain it
      } else if (source instanceof GzipStream gzip) {
        gzip.discard(); // drain the compressed body without inflating it
      } else {
        source.resume();
      }
    }
  }

  /** Bytes received so far. */
  long bytes() {
    return bytes;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    return this; // failures go to the failure callback given at construction
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    if (!discarding) {
      this.handler = handler;
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    if (!discarding) {
      source.pause();
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    source.resume();
    return this;
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    if (!discarding) {
      source.fetch(amount);
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    if (!discarding) {
      this.endHandler = endHandler;
    }
    return this;
  }
}
