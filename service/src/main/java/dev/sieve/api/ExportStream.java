package dev.sieve.api;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;
import java.util.function.Function;

/**
 * An {@link ExportSource} as a {@link ReadStream}: each piece is made on a worker of {@code
 * context} only when the reader has demand for it, and handed to the reader on {@code context},
 * so {@code pipe().to(response)} pulls pieces no faster than the client reads them and holds at
 * most one piece beyond what the response buffers. The faces map pieces to what they write (an
 * HTTP {@code Buffer}, a gRPC message). A failure of the source goes to the exception handler and
 * ends the stream without an end event (the face then cuts its answer: a truncated export must
 * not look whole). Not thread-safe: use it on {@code context}.
 */
public final class ExportStream<T> implements ReadStream<T> {
  private final Context context;
  private final ExportSource source;
  private final Function<byte[], T> piece;
  private long demand = Long.MAX_VALUE;
  private boolean producing;
  private boolean finished;
  private Handler<T> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;

  public ExportStream(Context context, ExportSource source, Function<byte[], T> piece) {
    this.context = context;
    this.source = source;
    this.piece = piece;
  }

  /** Starts making the next piece unless one is being made, nobody asks, or the source is done. */
  private void produce() {
    if (producing || finished || demand == 0 || handler == null) {
      return;
    }
    producing = true;
    context.executeBlocking(source::next, false).onComplete(ar -> {
      producing = false;
      if (finished) {
        return;
      }
      if (ar.failed()) {
        finished = true;
        if (exceptionHandler != null) {
          exceptionHandler.handle(ar.cause());
        }
        return;
      }
      if (ar.result() == null) {
        finished = true;
        if (endHandler != null) {
          endHandler.handle(null);
        }
        return;
      }
      if (handler == null) {
        return; // the reader left meanwhile (a pipe whose client went away unsets it): nobody to give it to
      }
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      handler.handle(piece.apply(ar.result()));
      produce();
    });
  }

  @Override
  public ExportStream<T> exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public ExportStream<T> handler(Handler<T> handler) {
    this.handler = handler;
    produce();
    return this;
  }

  @Override
  public ExportStream<T> pause() {
    demand = 0;
    return this;
  }

  @Override
  public ExportStream<T> resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public ExportStream<T> fetch(long amount) {
    demand = amount == Long.MAX_VALUE || demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
    produce();
    return this;
  }

  @Override
  public ExportStream<T> endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    return this;
  }
}
