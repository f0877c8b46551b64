package dev.sieve.grpc;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.streams.ReadStream;
import io.vertx.grpc.common.GrpcMessage;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.StatusException;
import java.util.function.Function;

/**
 * The messages of a client-streaming call as a plain {@link ReadStream} that also fails when the
 * client cancels. Vert.x reports a cancelled call (an HTTP/2 {@code RST_STREAM}) to the call's
 * error handler, not to the stream's exception handler; a load waiting on the stream would wait
 * forever. Here both end in the exception handler, a cancel or a closed connection as a {@link
 * ClientGoneException}.
 */
final class CancellableStream<T> implements ReadStream<T> {
  private final GrpcServerRequest<GrpcMessage, ?> call;
  private final Function<GrpcMessage, T> decode;
  private Handler<Throwable> exceptionHandler;

  /**
   * The messages of {@code call}, each decoded by {@code decode}; a message it refuses (a {@link
   * StatusException}) pauses the call and fails the stream with that status.
   */
  CancellableStream(GrpcServerRequest<GrpcMessage, ?> call, Function<GrpcMessage, T> decode) {
    this.call = call;
    this.decode = decode;
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
    call.handler(handler == null ? null : raw -> {
      T message;
      try {
        message = decode.apply(raw);
      } catch (StatusException refused) {
        call.pause();
        failed(refused);
        return;
      }
      handler.handle(message);
    });
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
