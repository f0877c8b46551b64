package dev.sieve.ingest;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.core.streams.ReadStream;

/**
 * Streams a body into a {@link LineSink}, line by line, with backpressure:
 * source → {@link LimitedStream} (body limit) → {@link RecordParser} (cuts at LF, line limit)
 * → {@code pipeTo} → {@link LineWriter} (CR, empty lines, line numbers, errors) → sink.
 *
 * <p>The body is never held whole: at most one chunk plus one partial line is in memory. A sink
 * that says it is {@link LineSink#busy} pauses the body after the current chunk until it is ready. The
 * returned future fails with a {@link BadInputException} or {@link TooLargeException} carrying the
 * line, or with the source's own failure (e.g. the client went away); after a failure the rest of
 * the body is read and dropped. Call on the Vert.x context that owns the source.
 */
public final class LineLoader {
  private LineLoader() {}

  /** Loads {@code source} into {@code sink}; completes with the report when the body has ended. */
  public static Future<LoadReport> load(
      ReadStream<Buffer> source, LineSink sink, LoadLimits limits, OnError onError) {
    return load(source, sink, limits, onError, null);
  }

  /** As {@link #load(ReadStream, LineSink, LoadLimits, OnError)}, publishing lines and bytes read to {@code progress} (may be null) after each chunk. */
  public static Future<LoadReport> load(
      ReadStream<Buffer> source, LineSink sink, LoadLimits limits, OnError onError, LoadProgress progress) {
    Promise<LoadReport> done = Promise.promise();
    // the progress is published after each chunk, and before the load ends either way
    LineWriter[] writerRef = new LineWriter[1];
    LimitedStream[] bodyRef = new LimitedStream[1];
    Runnable publish = progress == null ? () -> {} : () -> progress.read(bodyRef[0].bytes(), writerRef[0].lines());
    LimitedStream body = new LimitedStream(source, limits.maxBodyBytes(), failure -> {
      publish.run();
      done.tryFail(failure);
    });
    bodyRef[0] = body;
    LineWriter writer = new LineWriter(sink, onError, limits.maxLineBytes(), failure -> {
      body.discard();
      publish.run();
      done.tryFail(failure);
    });
    writerRef[0] = writer;
    // A sink waiting on work of its own (a word collector spilling a run) pauses the body between
    // chunks, never mid-chunk: a paused RecordParser counts the rest of its chunk against the
    // longest record, and would refuse it as a line too long.
    Context context = Vertx.currentContext();
    body.afterChunk(() -> {
      publish.run();
      if (sink.busy()) {
        body.pause();
        sink.whenReady(context == null ? body::resume : () -> context.runOnContext(v -> body.resume()));
      }
    });
    // +1: the record may still hold the CR of a CRLF line end; LineWriter checks the exact length.
    RecordParser lines = RecordParser.newDelimited("\n", body).maxRecordSize(limits.maxLineBytes() + 1);
    lines.pipe().endOnFailure(false).to(writer).onComplete(ar -> {
      publish.run();
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
