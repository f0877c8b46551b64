package dev.sieve.ingest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Collects a small body whole, within a limit: for formats that cannot be read incrementally (a
 * gzip-compressed JSON request). Over the limit it fails with a {@link
 * TooLargeException} and drops the rest; a failure of the source (a bad gzip stream, a client gone)
 * fails it as it is. Call on the Vert.x context that owns the source.
 */
public final class BodyCollector {
  private BodyCollector() {}

  /** The whole of {@code body}, at most {@code maxBytes} bytes. */
  public static Future<Buffer> collect(ReadStream<Buffer> body, long maxBytes) {
    Promise<Buffer> collected = Promise.promise();
    Buffer bytes = Buffer.buffer();
    LimitedStream limited = new LimitedStream(body, maxBytes, collected::tryFail);
    limited.handler(bytes::appendBuffer);
    limited.endHandler(v -> collected.tryComplete(bytes));
    limited.resume();
    return collected.future();
  }
}
