package dev.sieve.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * One HTTP server on one event loop. Several instances listening on the same port share it: Vert.x
 * spreads connections over their event loops, so the API uses every core.
 */
public final class HttpVerticle extends VerticleBase {
  private final HttpServerOptions options;
  private final Supplier<Router> router;
  private final IntConsumer onListening;

  /**
   * Serves {@code router.get()} (one router per instance) with {@code options}, then tells {@code
   * onListening} the port. A negative port in the options is Vert.x's "a free port, the same for
   * every server given this negative value".
   */
  public HttpVerticle(HttpServerOptions options, Supplier<Router> router, IntConsumer onListening) {
    this.options = new HttpServerOptions(options);
    this.router = router;
    this.onListening = onListening;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(options)
        .requestHandler(router.get())
        .listen()
        .onSuccess((HttpServer s) -> onListening.accept(s.actualPort()));
  }
}
