package dev.sieve.ingest;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The end of a load's pipe: takes the records the line parser cuts, strips a trailing CR, drops
 * empty lines, numbers every line from 1, and hands the rest to a {@link LineSink}.
 *
 * <p>It writes synchronously, so its queue is never full and the pipe's pace is the sink's own:
 * the reader does not ask for more body until a chunk's lines are consumed, which is what bounds
 * memory. A sink may throw {@link TooLargeException} when its structure is full. A bad line is counted and skipped under {@link OnError#SKIP}; otherwise it fails the load
 * through the failure callback and every later record is ignored. Not thread-safe.
 */
final class LineWriter implements WriteStream<Buffer> {
  private final LineSink sink;
  private final OnError onError;
  private final int maxLineBytes;
  private final Consumer<Throwable> onFailure;
  private final byte[] scratch;
  private final long[] firstSkipped = new long[LoadReport.KEPT_SKIPPED_LINES];
  private long lines;
  private long skipped;
  private boolean failed;

  LineWriter(LineSink sink, OnError onError, int maxLineBytes, Consumer<Throwable> onFailure) {
    this.sink = sink;
    this.onError = onError;
    this.maxLineBytes = maxLineBytes;
    this.onFailure = onFailure;
    this.scratch = new byte[Math.min(maxLineBytes + 1, 1 << 16)];
  }

  @Override
  public Future<Void> write(Buffer record) {
    lines++;
    if (failed) {
      return Future.succeededFuture();
    }
    int length = record.length();
    if (length > 0 && record.getByte(length - 1) == '\r') {
      length--;
    }
    if (length == 0) {
      return Future.succeededFuture();
    }
    if (length > maxLineBytes) {
      fail(new TooLargeException("line longer than " + maxLineBytes + " bytes", lines));
      return Future.succeededFuture();
    }
    byte[] line = length <= scratch.length ? scratch : new byte[length];
    record.getBytes(0, length, line, 0);
    try {
      sink.accept(line, length);
    } catch (IllegalArgumentException e) {
      if (onError == OnError.SKIP) {
        if (skipped < firstSkipped.length) {
          firstSkipped[(int) skipped] = lines;
        }
        skipped++;
      } else {
        fail(new BadInputException(e.getMessage(), lines));
      }
    } catch (TooLargeException e) {
      fail(new TooLargeException(e.getMessage(), lines));
    } catch (RuntimeException e) {
      fail(e);
    }
    return Future.succeededFuture();
  }

  private void fail(Throwable e) {
    failed = true;
    onFailure.accept(e);
  }

  /** Lines received so far, empty ones included. */
  long lines() {
    return lines;
  }

  /** The report of the load so far. */
  LoadReport report(long bytes) {
    int kept = (int) Math.min(skipped, firstSkipped.length);
    return new LoadReport(lines, bytes, skipped, Arrays.copyOf(firstSkipped, kept));
  }

  @Override
  public Future<Void> end() {
    return Future.succeededFuture();
  }

  @Override
  public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return false;
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    return this;
  }
}
