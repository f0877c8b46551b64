package dev.sieve.ingest;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A {@link ReadStream} over a blocking {@link InputStream} (a file, a resource, a {@code
 * GZIPInputStream}): each chunk is read on a worker thread, only when the consumer has demand, and
 * delivered on the context given. The stream is closed at its end or on failure.
 *
 * <p>This lets files and resources go through the same pipeline as HTTP bodies.
 */
public final class InputStreamSource extends DemandStream<Buffer> {
  private static final int CHUNK = 64 * 1024;

  private final Context context;
  private final InputStream in;
  private boolean reading;
  private boolean done;

  /** Reads {@code in} on {@code context}'s workers; start it by setting a handler (or piping it). */
  public InputStreamSource(Context context, InputStream in) {
    this.context = context;
    this.in = in;
  }

  @Override
  protected void demanded() {
    context.runOnContext(v -> readMore());
  }

  private void readMore() {
    if (reading || done || !wanted()) {
      return;
    }
    reading = true;
    context.<Buffer>executeBlocking(() -> {
      byte[] chunk = new byte[CHUNK];
      int n = in.readNBytes(chunk, 0, CHUNK);
      return n == 0 ? null : Buffer.buffer(n == CHUNK ? chunk : Arrays.copyOf(chunk, n));
    }, false).onComplete(ar -> {
      reading = false;
      if (done) {
        closeStream();
        return;
      }
      if (ar.failed()) {
        finish();
        signalFailure(ar.cause());
      } else if (ar.result() == null) {
        finish();
        signalEnd();
      } else {
        emit(ar.result());
        readMore();
      }
    });
  }

  /** Stops reading and closes the stream; no handler is called any more. */
  public void close() {
    if (!done) {
      done = true;
      if (!reading) {
        closeStream();
      } // else the read in flight closes it when it completes
    }
  }

  private void closeStream() {
    context.executeBlocking(() -> {
      in.close();
      return null;
    }, false);
  }

  private void finish() {
    done = true;
    try {
      in.close();
    } catch (IOException ignored) {
      // nothing more to read from it either way
    }
  }
}
