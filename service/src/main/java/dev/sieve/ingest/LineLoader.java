package dev.sieve.ingest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.core.streams.ReadStream;

/**
 * Streams a body into a {@link LineSink}, line by line, with backpressure:
 * source → {@link LimitedStream} (body limit) → {@link RecordParser} (cuts at LF, line limit)
 * → {@code pipeTo} → {@link LineWriter} (CR, empty lines, line numbers, errors) → sink.
 *
 * <p>The body is never held whole: at most one chunk plus one partial line is in memory. The
 * returned future fails with a {@link BadInputException} or {@link TooLargeException} carrying the
 * line, or with the source's own failure (e.g. the client went away); after a failure the rest of
 * the body is read and dropped. Call on the Vert.x context that owns the source.
 */
public final class LineLoader {
  private LineLoader() {}

  /** Loads {@code source} into {@code sink}; completes with the report when the body has ended. */
  public static Future<LoadReport> load(
      ReadStream<Buffer> source, LineSink sink, LoadLimits limits, OnError onError) {
    Promise<LoadReport> done = Promise.promise();
    LimitedStream body = new LimitedStream(source, limits.maxBodyBytes(), done::tryFail);
    LineWriter writer = new LineWriter(sink, onError, limits.maxLineBytes(), failure -> {
      body.discard();
      done.tryFail(failure);
    });
    // +1: the record may still hold the CR of a CRLF line end; LineWriter checks the exact length.
    RecordParser lines = RecordParser.newDelimited("\n", body).maxRecordSize(limits.maxLineBytes() + 1);
    lines.pipe().endOnFailure(false).to(writer).onComplete(ar -> {
      if (ar.succeeded()) {
        done.tryComplete(writer.report(body.bytes()));
      } else {
        body.discard();
        Throwable cause = ar.cause();
        done.tryFail(cause instanceof IllegalStateException
            ? new TooLargeException("line longer than " + limits.maxLineBytes() + " bytes", writer.lines() + 1)
            : cause);
      }
    });
    return done.future();
  }
}
