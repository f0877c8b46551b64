package dev.sieve.http;

import dev.sieve.api.ApiLimits;
import dev.sieve.api.ErrorCode;
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
   * A router serving {@code ops}; writes need {@code token} when it is not null; no CORS; {@code
   * /metrics} serves meters of its own (no Vert.x HTTP meters, no JVM meters).
   */
  public static Router create(Vertx vertx, Operations ops, String token) {
    return create(vertx, ops, token, null,
        new SieveMetrics(SieveMetrics.newMeterRegistry(), ops.registry(), ops.loader().loads(), false));
  }

  /** A router as above whose {@code /metrics} serves {@code metrics}; its probes know of no stop. */
  public static Router create(Vertx vertx, Operations ops, String token, String corsOrigin, SieveMetrics metrics) {
    return create(vertx, ops, token, corsOrigin, metrics,
        new RequestTracker(dev.sieve.lifecycle.Lifecycle.restoredFor(ops.registry()), metrics, false));
  }

  /**
   * A router as above whose {@code /metrics} serves {@code metrics}, answering browsers of {@code
   * corsOrigin} (null: no CORS headers, the default; {@code *}: any origin; else origins separated
   * by commas, as {@code https://app.example.com}), whose probes report {@code tracker}'s
   * lifecycle, and whose requests {@code tracker} follows to their end (when its {@link
   * RequestTracker#front} is in front of the router).
   */
  public static Router create(Vertx vertx, Operations ops, String token, String corsOrigin, SieveMetrics metrics,
      RequestTracker tracker) {
    Router router = Router.router(vertx);
    router.route().handler(tracker::routed);
    ErrorResponder errors = new ErrorResponder(vertx);
    WriteGuard writeGuard = new WriteGuard(token);
    JsonBodyHandler jsonBody = new JsonBodyHandler(JSON_BODY_LIMIT);

    if (corsOrigin != null) {
      // first: a preflight is answered here, and every answer (errors too) carries the headers
      router.route().handler(Cors.handler(corsOrigin));
    }
    // then: a query that is not valid UTF-8 is refused on every route, before any work
    router.route().handler(StrictQuery::check);
    new ProbeRoutes(tracker.lifecycle(), ops.loader().loads()).mount(router);
    new OperationsRoutes(ops.registry()).mount(router);
    new InfoRoutes(ops).mount(router);
    for (SetKind kind : SetKind.values()) {
      new SetRoutes(kind, ops).mount(router, writeGuard, jsonBody);
    }
    new WordRoutes(ops).mount(router, jsonBody);
    new SearchRoutes(ops).mount(router, jsonBody);
    new NumberRoutes(ops).mount(router, writeGuard, jsonBody);
    new MemoryRoutes(ops).mount(router);
    // operations: metrics, loads, the page at /
    router.get("/metrics").handler(metrics.scrapeHandler());
    new HistoryRoutes(metrics.history()).mount(router);
    new LoadRoutes(ops.loader().loads(), ops.loader().budget()).mount(router);
    new PageRoutes().mount(router);

    AllowedMethods.addHead(router);
    AllowedMethods allowed = AllowedMethods.of(router);
    router.route().failureHandler(errors::handleFailure);
    router.errorHandler(404, ctx -> errors.send(ctx, 404, ErrorCode.NOT_FOUND, "no such route: " + ctx.request().path(), 0));
    router.errorHandler(405, ctx -> {
      String allow = allowed.allow(ctx.request().path());
      ctx.response().putHeader("Allow", allow);
      errors.send(ctx, 405, ErrorCode.METHOD_NOT_ALLOWED,
          ctx.request().method() + " is not allowed on " + ctx.request().path() + " (allowed: " + allow + ")", 0);
    });
    return router;
  }
}
