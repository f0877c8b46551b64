package dev.sieve.http;

import dev.sieve.api.ApiLimits;
import dev.sieve.ingest.SetLoader;
import dev.sieve.registry.Registry;
import dev.sieve.registry.SetStore;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Builds the router of the whole HTTP API. Upload routes stream their bodies (no {@code
 * BodyHandler} on them); only the small JSON bodies of batched lookups and {@code combine} are
 * collected, up to {@link #JSON_BODY_LIMIT} bytes.
 */
public final class ApiRouter {
  /** Most bytes of a JSON request body (100,000 words of up to ~300 bytes). */
  public static final long JSON_BODY_LIMIT = ApiLimits.MAX_REQUEST_BYTES;

  private ApiRouter() {}

  /**
   * A router serving {@code registry}, loading with {@code loader}, computing on {@code workers},
   * writing through {@code store}.
   */
  public static Router create(
      Vertx vertx, Registry registry, SetStore store, SetLoader loader, WorkerExecutor workers, String token) {
    Router router = Router.router(vertx);
    ErrorResponder errors = new ErrorResponder(vertx);
    WriteGuard writeGuard = new WriteGuard(token);
    BodyHandler jsonBody = BodyHandler.create(false).setBodyLimit(JSON_BODY_LIMIT);

    new OperationsRoutes(registry).mount(router);
    new WordRoutes(registry.words(), loader, store).mount(router, writeGuard, jsonBody);
    new NumberRoutes(registry.numbers(), loader, workers, store).mount(router, writeGuard, jsonBody);
    new MemoryRoutes(registry, store).mount(router);

    router.route().failureHandler(errors::handleFailure);
    router.errorHandler(404, ctx -> errors.send(ctx, 404, "no such route: " + ctx.request().path(), 0));
    router.errorHandler(405, ctx -> errors.send(ctx, 405, "method not allowed", 0));
    return router;
  }
}
