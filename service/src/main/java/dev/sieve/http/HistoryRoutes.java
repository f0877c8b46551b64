package dev.sieve.http;

import dev.sieve.metrics.History;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** {@code GET /v1/history}: what the server sampled over the last minutes, for the page's plots. */
final class HistoryRoutes {
  private final History history;

  HistoryRoutes(History history) {
    this.history = history;
  }

  void mount(Router router) {
    router.get("/v1/history").handler(ctx -> ctx.json(json(history)));
  }

  static JsonObject json(History history) {
    JsonArray samples = new JsonArray();
    for (History.Sample s : history.samples()) {
      JsonArray sets = new JsonArray();
      for (History.SetSize set : s.sets()) {
        sets.add(new JsonObject().put("kind", set.kind()).put("name", set.name())
            .put("bytes", set.bytes()).put("elements", set.elements()));
      }
      JsonArray routes = new JsonArray();
      for (History.RouteRate r : s.routes()) {
        routes.add(new JsonObject().put("route", r.route()).put("perSecond", r.perSecond()).put("p99Seconds", r.p99Seconds()));
      }
      samples.add(new JsonObject()
          .put("at", s.at().toString())
          .put("rssBytes", s.rssBytes())
          .put("heapUsedBytes", s.heapUsedBytes())
          .put("loadLinesPerSecond", s.loadLinesPerSecond())
          .put("sets", sets)
          .put("routes", routes));
    }
    return new JsonObject()
        .put("intervalSeconds", History.INTERVAL_SECONDS)
        .put("capacity", History.CAPACITY)
        .put("samples", samples);
  }
}
