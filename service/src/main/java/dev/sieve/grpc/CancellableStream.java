package dev.sieve.grpc;

import com.google.protobuf.Descriptors.Descriptor;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.streams.ReadStream;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.server.GrpcServerRequest;

/**
 * The messages of a client-streaming call as a plain {@link ReadStream} that also fails when the
 * client cancels. Vert.x reports a cancelled call (an HTTP/2 {@code RST_STREAM}) to the call's
 * error handler, not to the stream's exception handler; a load waiting on the stream would wait
 * forever. Here both end in the exception handler, a cancel or a closed connection as a {@link
 * ClientGoneException}. Messages are decoded by {@link StrictMessages}: one that does not decode
 * (a cut gzip message, bytes that are not the message type) fails the stream too.
 */
final class CancellableStream<T> implements ReadStream<T> {
  private final GrpcServerRequest<T, ?> call;
  /** One decoder for the whole call, so that messages are numbered from the first. */
  private final StrictMessages<T> messages;
  private Handler<T> handler;
  private Handler<Throwable> exceptionHandler;

  /** The messages of {@code call}, decoded with {@code decoder} as messages of {@code type}, at most {@code maxMessageBytes} each once inflated. */
  CancellableStream(GrpcServerRequest<T, ?> call, GrpcMessageDecoder<T> decoder, Descriptor type, long maxMessageBytes) {
    this.call = call;
    this.messages = new StrictMessages<>(decoder, type, maxMessageBytes, message -> {
      Handler<T> h = handler;
      if (h != null) {
        h.handle(message);
      }
    }, this::failed);
    call.errorHandler(error -> failed(new ClientGoneException("call ended by the client: " + error)));
    call.exceptionHandler(cause -> failed(cause instanceof HttpClosedException
        ? new ClientGoneException("connection closed: " + cause.getMessage())
        : cause));
  }

  private void failed(Throwable cause) {
    Handler<Throwable> handler = exceptionHandler;
    if (handler != null) {
      handler.handle(cause);
    }
  }

  @Override
  public ReadStream<T> exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public ReadStream<T> handler(Handler<T> handler) {
    this.handler = handler;
    call.messageHandler(handler == null ? null : messages);
    return this;
  }

  @Override
  public ReadStream<T> pause() {
    call.pause();
    return this;
  }

  @Override
  public ReadStream<T> resume() {
    call.resume();
    return this;
  }

  @Override
  public ReadStream<T> fetch(long amount) {
    call.fetch(amount);
    return this;
  }

  @Override
  public ReadStream<T> endHandler(Handler<Void> endHandler) {
    call.endHandler(endHandler);
    return this;
  }
}
