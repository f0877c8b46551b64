package dev.sieve.http;

import dev.sieve.ingest.Loads;
import dev.sieve.lifecycle.Lifecycle;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The probes: {@code /livez} and {@code /readyz} (Kubernetes' names) answer {@code
 * {"status":"ok","checks":{...}}}, 200 or 503, with each check's state ({@link Lifecycle}); with
 * {@code ?verbose} they add {@code details} (requests in flight, loads running, event loop lag).
 * {@code /health} (alive: always 200 while the server answers) and {@code /ready} (200 or 503,
 * {@code {"ready":...}}) stay as they were, {@code /ready} now also 503 while a stop drains.
 */
final class ProbeRoutes {
  private final Lifecycle lifecycle;
  private final Loads loads;

  ProbeRoutes(Lifecycle lifecycle, Loads loads) {
    this.lifecycle = lifecycle;
    this.loads = loads;
  }

  void mount(Router router) {
    router.get("/health").handler(ctx -> ctx.json(new JsonObject().put("status", "up")));
    router.get("/ready").handler(this::ready);
    router.get("/livez").handler(ctx -> answer(ctx, lifecycle.liveness(), "failing"));
    router.get("/readyz").handler(ctx -> answer(ctx, lifecycle.readiness(), "unavailable"));
  }

  private void ready(RoutingContext ctx) {
    boolean ready = lifecycle.isReady();
    ctx.response().setStatusCode(ready ? 200 : 503);
    ctx.json(new JsonObject().put("ready", ready));
  }

  private void answer(RoutingContext ctx, Lifecycle.Probe probe, String notOk) {
    JsonObject body = new JsonObject()
        .put("status", probe.ok() ? "ok" : notOk)
        .put("checks", new JsonObject(new java.util.LinkedHashMap<>(probe.checks())));
    if (ctx.queryParams().contains("verbose")) {
      body.put("details", new JsonObject()
          .put("phase", lifecycle.phase().name().toLowerCase(java.util.Locale.ROOT))
          .put("inFlightRequests", lifecycle.inFlight())
          .put("runningLoads", loads.running().size())
          .put("eventLoopLagMs", lifecycle.eventLoopLagMillis()));
    }
    ctx.response().setStatusCode(probe.ok() ? 200 : 503);
    ctx.json(body);
  }
}
