package dev.sieve.api;

import io.vertx.core.Context;
import dev.sieve.ingest.DemandStream;
import java.util.function.Function;

/**
 * An {@link ExportSource} as a {@link io.vertx.core.streams.ReadStream}: each piece is made on a worker of {@code
 * context} only when the reader has demand for it, and handed to the reader on {@code context},
 * so {@code pipe().to(response)} pulls pieces no faster than the client reads them and holds at
 * most one piece beyond what the response buffers. The faces map pieces to what they write (an
 * HTTP {@code Buffer}, a gRPC message). A failure of the source goes to the exception handler and
 * ends the stream without an end event (the face then cuts its answer: a truncated export must
 * not look whole). Not thread-safe: use it on {@code context}.
 */
public final class ExportStream<T> extends DemandStream<T> {
  private final Context context;
  private final ExportSource source;
  private final Function<byte[], T> piece;
  private boolean producing;
  private boolean finished;

  public ExportStream(Context context, ExportSource source, Function<byte[], T> piece) {
    this.context = context;
    this.source = source;
    this.piece = piece;
  }

  /** Starts making the next piece unless one is being made, nobody asks, or the source is done. */
  @Override
  protected void demanded() {
    if (producing || finished || !wanted()) {
      return;
    }
    producing = true;
    context.executeBlocking(source::next, false).onComplete(ar -> {
      producing = false;
      if (finished) {
        return;
      }
      if (ar.failed() || ar.result() == null) {
        finished = true;
        if (ar.failed()) {
          signalFailure(ar.cause());
        } else {
          signalEnd();
        }
        return;
      }
      // a reader that left meanwhile (a pipe whose client went away unsets its handler) gets nothing
      emit(piece.apply(ar.result()));
      demanded();
    });
  }
}
