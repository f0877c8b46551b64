package dev.sieve.http;

import dev.sieve.api.ApiLimits;
import dev.sieve.api.Operations;
import dev.sieve.metrics.SieveMetrics;
import dev.sieve.registry.SetKind;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * Builds the router of the whole HTTP API. Upload routes stream their bodies (no {@code
 * BodyHandler} on them; gzip bodies are inflated and checked as they stream); only the small JSON
 * bodies of batched lookups, updates and {@code combine} are collected, up to {@link
 * #JSON_BODY_LIMIT} bytes (inflated, for gzip bodies).
 */
public final class ApiRouter {
  /** Most bytes of a JSON request body (100,000 words of up to ~300 bytes). */
  public static final long JSON_BODY_LIMIT = ApiLimits.MAX_REQUEST_BYTES;

  private ApiRouter() {}

  /**
   * A router serving {@code ops}; writes need {@code token} when it is not null; {@code /metrics}
   * serves meters of its own (no Vert.x HTTP meters, no JVM meters).
   */
  public static Router create(Vertx vertx, Operations ops, String token) {
    return create(vertx, ops, token,
        new SieveMetrics(SieveMetrics.newMeterRegistry(), ops.registry(), ops.loader().loads(), false));
  }

  /** A router as above whose {@code /metrics} serves {@code metrics}. */
  public static Router create(Vertx vertx, Operations ops, String token, SieveMetrics metrics) {
    Router router = Router.router(vertx);
    ErrorResponder errors = new ErrorResponder(vertx);
    WriteGuard writeGuard = new WriteGuard(token);
    JsonBodyHandler jsonBody = new JsonBodyHandler(JSON_BODY_LIMIT);

    // first: a query that is not valid UTF-8 is refused on every route, before any work
    router.route().handler(StrictQuery::check);
    new OperationsRoutes(ops.registry()).mount(router);
    for (SetKind kind : SetKind.values()) {
      new SetRoutes(kind, ops).mount(router, writeGuard, jsonBody);
    }
    new WordRoutes(ops).mount(router, jsonBody);
    new SearchRoutes(ops).mount(router, jsonBody);
    new NumberRoutes(ops).mount(router, writeGuard, jsonBody);
    new MemoryRoutes(ops).mount(router);
    // operations: metrics, loads, the page at /
    router.get("/metrics").handler(metrics.scrapeHandler());
    new LoadRoutes(ops.loader().loads(), ops.loader().budget()).mount(router);
    new PageRoutes().mount(router);

    router.route().failureHandler(errors::handleFailure);
    router.errorHandler(404, ctx -> errors.send(ctx, 404, "no such route: " + ctx.request().path(), 0));
    router.errorHandler(405, ctx -> errors.send(ctx, 405, "method not allowed", 0));
    return router;
  }
}
