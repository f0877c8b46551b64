package dev.sieve.grpc;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.http.HttpServerRequestInternal;
import io.vertx.core.internal.http.HttpServerRequestWrapper;

/**
 * A gRPC request whose body must end on a message boundary. Vert.x gRPC's deframer drops a
 * partial message at the end of the stream without a word, so a client that half-closes in the
 * middle of a message would have the messages before it taken as the whole call (a load would
 * install them). This wrapper follows the length-prefixed framing as the bytes go by and, if the
 * body ends inside a message, reports a failure instead of the end: the call ends
 * INVALID_ARGUMENT and nothing is installed.
 *
 * <p>Built on Vert.x's {@code HttpServerRequestWrapper} (an internal class: the gRPC server needs
 * the request's internal interface), only for {@code application/grpc} (not gRPC-Web, whose text
 * form is base64). Used on the request's context; not thread-safe.
 */
final class WholeFrames extends HttpServerRequestWrapper {
  private static final int PREFIX = 5;

  /** Bytes still to come of the current frame's 5-byte prefix, or 0 inside a payload. */
  private int prefixLeft = PREFIX;
  private long length;
  /** Payload bytes still to come of the current frame. */
  private long payloadLeft;
  private long frames;
  private Handler<Throwable> exceptionHandler;

  private WholeFrames(HttpServerRequestInternal delegate) {
    super(delegate);
  }

  /** {@code request} checked for whole frames when it is plain gRPC, else as it is. */
  static HttpServerRequest of(HttpServerRequest request) {
    String type = request.getHeader("Content-Type");
    if (request instanceof HttpServerRequestInternal internal && type != null
        && !type.regionMatches(true, 0, "application/grpc-web", 0, 20)) {
      return new WholeFrames(internal);
    }
    return request;
  }

  @Override
  public HttpServerRequest handler(Handler<Buffer> handler) {
    delegate.handler(handler == null ? null : chunk -> {
      follow(chunk);
      handler.handle(chunk);
    });
    return this;
  }

  @Override
  public HttpServerRequest exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    delegate.exceptionHandler(handler);
    return this;
  }

  @Override
  public HttpServerRequest endHandler(Handler<Void> handler) {
    delegate.endHandler(handler == null ? null : v -> {
      if (prefixLeft == PREFIX) {
        handler.handle(v);
      } else if (exceptionHandler != null) {
        exceptionHandler.handle(new IllegalArgumentException("the stream ended in the middle of a message (message "
            + (frames + 1) + ": " + (prefixLeft > 0 ? "in its 5-byte prefix" : (length - payloadLeft) + " of its " + length + " bytes")
            + "): nothing was applied"));
      }
    });
    return this;
  }

  /** Moves through the frames {@code chunk} holds or continues. */
  private void follow(Buffer chunk) {
    int at = 0;
    int end = chunk.length();
    while (at < end) {
      if (prefixLeft > 0) {
        if (prefixLeft < PREFIX) {
          length = (length << 8) | (chunk.getByte(at) & 0xFF);
        } else {
          length = 0; // the first prefix byte is the compressed flag
        }
        at++;
        if (--prefixLeft == 0) {
          payloadLeft = length;
          if (payloadLeft == 0) {
            frameDone();
          }
        }
      } else {
        long take = Math.min(payloadLeft, end - at);
        at += (int) take;
        payloadLeft -= take;
        if (payloadLeft == 0) {
          frameDone();
        }
      }
    }
  }

  private void frameDone() {
    frames++;
    prefixLeft = PREFIX;
  }
}
