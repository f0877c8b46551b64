package dev.sieve.http;

import dev.sieve.api.MemoryBreakdown;
import dev.sieve.api.MemoryOverview;
import dev.sieve.api.SetFigures;
import dev.sieve.memory.JvmMemory;
import dev.sieve.registry.Registry;
import dev.sieve.registry.SetKind;
import dev.sieve.registry.SetNames;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The {@code /v1/memory} routes: every structure's bytes against its baseline, and breakdowns. */
final class MemoryRoutes {
  private final Registry registry;

  MemoryRoutes(Registry registry) {
    this.registry = registry;
  }

  void mount(Router router) {
    router.get("/v1/memory").handler(this::overview);
    router.get("/v1/memory/:kind/:name").handler(this::breakdown);
  }

  private void overview(RoutingContext ctx) {
    MemoryOverview report = MemoryOverview.of(registry);
    JsonArray structures = new JsonArray();
    for (SetFigures figures : report.structures()) {
      structures.add(SetJson.row(figures));
    }
    JvmMemory jvm = report.jvm();
    ctx.json(new JsonObject()
        .put("structures", structures)
        .put("jvm", new JsonObject()
            .put("heapUsed", jvm.heapUsed())
            .put("heapCommitted", jvm.heapCommitted())
            .put("heapMax", jvm.heapMax())
            .put("direct", jvm.direct())
            .put("mapped", jvm.mapped()))
        .put("process", new JsonObject().put("rssBytes", report.rssBytes())));
  }

  private void breakdown(RoutingContext ctx) {
    SetKind kind = SetKind.fromWireName(ctx.pathParam("kind"));
    if (kind == null) {
      throw ApiException.notFound("no such kind of set: " + ctx.pathParam("kind") + " (words or numbers)");
    }
    String name = ctx.pathParam("name");
    if (!SetNames.isValid(name)) {
      throw ApiException.badRequest("invalid set name (expected [A-Za-z0-9._-]{1,64}): " + name);
    }
    MemoryBreakdown breakdown = MemoryBreakdown.of(registry, kind, name);
    JsonArray parts = new JsonArray();
    for (MemoryBreakdown.Part part : breakdown.parts()) {
      JsonObject json = new JsonObject().put("part", part.name());
      if (part.count() >= 0) {
        json.put("count", part.count()).put("values", part.values());
      }
      parts.add(json.put("bytes", part.bytes()));
    }
    JsonObject out = SetJson.row(breakdown.figures());
    if (breakdown.figures().type() != null) {
      out.put("type", breakdown.figures().type());
    }
    ctx.json(out.put("parts", parts));
  }
}
