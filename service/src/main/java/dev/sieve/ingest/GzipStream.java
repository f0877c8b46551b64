package dev.sieve.ingest;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A gzip-compressed body as the stream of its inflated bytes, checked by a {@link GzipDecoder}
 * (header, deflate data, each member's CRC32 and ISIZE, nothing but zero padding after the last
 * member). It is the first stage of the ingest pipeline for a body sent with {@code
 * Content-Encoding: gzip} (and for the demo data's resource), before the body limit, which thus
 * counts inflated bytes.
 *
 * <p>Backpressure holds end to end: the source is asked for one chunk at a time, and only when
 * the decoder has consumed the previous one and the consumer still has demand; inflated data is
 * handed on in pieces of at most {@value #PIECE} bytes, one per unit of demand. So at most one
 * compressed chunk and one piece are held, however much a chunk inflates to.
 *
 * <p>A stream that is not valid gzip fails with the decoder's {@link BadInputException}; a
 * compressed body over {@code maxCompressedBytes} fails with a {@link TooLargeException} (a
 * stream of empty members would otherwise never reach the inflated limit). After a failure, or
 * a failure of the source (passed on as it is), the rest of the source is read and dropped (a
 * file is closed instead), and no end is signalled. Used on one Vert.x context; not thread-safe.
 */
public final class GzipStream extends DemandStream<Buffer> {
  /** Most inflated bytes handed on at once. */
  static final int PIECE = 64 * 1024;
  /**
   * Most pieces handed on in one go before the rest waits for the context's next turn: a chunk
   * that inflates to gigabytes never holds the event loop for long.
   */
  static final int PIECES_PER_TURN = 16;

  private final ReadStream<Buffer> source;
  private final Context context;
  private final long maxCompressedBytes;
  private final GzipDecoder decoder = new GzipDecoder();
  private final byte[] scratch = new byte[PIECE];
  private long compressedBytes;
  /** A chunk was asked of the source and has not come yet. */
  private boolean awaitingChunk;
  private boolean sourceEnded;
  private boolean draining;
  private boolean failed;
  private boolean done;

  /** Inflates {@code source} on the current Vert.x context. */
  public GzipStream(ReadStream<Buffer> source, long maxCompressedBytes) {
    this(source, maxCompressedBytes, Vertx.currentContext());
  }

  /** Inflates {@code source}, whose handlers run on {@code context}. */
  public GzipStream(ReadStream<Buffer> source, long maxCompressedBytes, Context context) {
    if (context == null) {
      throw new IllegalStateException("a GzipStream runs on a Vert.x context");
    }
    this.source = source;
    this.context = context;
    this.maxCompressedBytes = maxCompressedBytes;
    source.pause();
    source.handler(this::handleChunk);
    source.endHandler(v -> {
      if (!failed) {
        sourceEnded = true;
        awaitingChunk = false;
        drain();
      }
    });
    source.exceptionHandler(this::fail);
  }

  /** Compressed bytes received so far. */
  public long compressedBytes() {
    return compressedBytes;
  }

  private void handleChunk(Buffer chunk) {
    if (failed || done) {
      return; // dropping the rest of a refused body
    }
    compressedBytes += chunk.length();
    if (compressedBytes > maxCompressedBytes) {
      fail(new TooLargeException("compressed body larger than " + maxCompressedBytes + " bytes", 0));
      return;
    }
    awaitingChunk = false;
    decoder.input(chunk.getBytes(), 0, chunk.length());
    drain();
  }

  /** Hands inflated pieces on while there is demand, asking the source for input as needed. */
  private void drain() {
    if (draining || failed || done) {
      return;
    }
    draining = true;
    int pieces = 0;
    try {
      while (wanted() && !failed && !done) {
        if (pieces == PIECES_PER_TURN) {
          context.runOnContext(v -> drain());
          break;
        }
        if (decoder.needsInput()) {
          if (sourceEnded) {
            decoder.end();
            finish();
          } else if (!awaitingChunk) {
            awaitingChunk = true;
            source.fetch(1); // may deliver at once, then the loop goes on with it
            continue;
          }
          break;
        }
        int n = decoder.read(scratch, 0, PIECE);
        if (n > 0) {
          pieces++;
          emit(Buffer.buffer(n).appendBytes(scratch, 0, n));
        }
      }
    } catch (IngestException e) {
      fail(e);
    } finally {
      draining = false;
    }
  }

  private void finish() {
    done = true;
    decoder.close();
    signalEnd();
  }

  /**
   * Stops inflating and drops the rest of the source, without a failure nor an end: for a
   * consumer that refused the body already (a bad line, the inflated limit passed), so that the
   * rest of a large body, a gzip bomb's above all, is not inflated for nothing.
   */
  void discard() {
    if (failed || done) {
      return;
    }
    failed = true;
    drop();
  }

  private void drop() {
    decoder.close();
    if (source instanceof InputStreamSource file) {
      file.close(); // nobody waits on a file: stop reading it
    } else {
      source.resume(); // read and drop the rest, so the connection stays usable for the answer
    }
  }

  private void fail(Throwable cause) {
    if (failed || done) {
      return;
    }
    failed = true;
    drop();
    signalFailure(cause);
  }

  /** A reader that asks for more once the stream failed only lets the rest of the source drain. */
  @Override
  protected void demanded() {
    if (failed) {
      source.resume();
    } else {
      // never from inside the caller's own call: it may not expect data before fetch returns
      context.runOnContext(v -> drain());
    }
  }
}
