package dev.sieve.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * One HTTP server on one event loop. Several instances listening on the same port share it: Vert.x
 * spreads connections over their event loops, so the API uses every core.
 */
public final class HttpVerticle extends VerticleBase {
  private final HttpServerOptions options;
  private final Supplier<? extends Handler<HttpServerRequest>> handler;
  private final IntConsumer onListening;

  /**
   * Serves {@code handler.get()} (one handler per instance: the HTTP router, with the gRPC server
   * beside it) with {@code options}, then tells {@code
   * onListening} the port. A negative port in the options is Vert.x's "a free port, the same for
   * every server given this negative value".
   */
  public HttpVerticle(HttpServerOptions options, Supplier<? extends Handler<HttpServerRequest>> handler,
      IntConsumer onListening) {
    this.options = new HttpServerOptions(options);
    this.handler = handler;
    this.onListening = onListening;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(options)
        .requestHandler(handler.get())
        .listen()
        .onSuccess((HttpServer s) -> onListening.accept(s.actualPort()));
  }
}
