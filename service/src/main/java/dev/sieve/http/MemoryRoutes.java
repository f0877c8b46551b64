package dev.sieve.http;

import dev.sieve.api.MemoryBreakdown;
import dev.sieve.api.MemoryOverview;
import dev.sieve.registry.SetPart;
import dev.sieve.api.Operations;
import dev.sieve.memory.JvmMemory;
import dev.sieve.registry.SetKind;
import dev.sieve.registry.SetStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The {@code /v1/memory} routes: every structure's bytes against its baseline, its delta and
 * snapshot, the storage (the catalog's Chronicle Map off-heap and file bytes, the journal's files,
 * records and syncs, snapshot files), totals next to
 * the RSS, and breakdowns.
 */
final class MemoryRoutes {
  private final Operations ops;

  MemoryRoutes(Operations ops) {
    this.ops = ops;
  }

  void mount(Router router) {
    router.get("/v1/memory").handler(this::overview);
    router.get("/v1/memory/:kind/:name").handler(this::breakdown);
  }

  private void overview(RoutingContext ctx) {
    ops.memory().onFailure(ctx::fail).onSuccess(report -> ctx.json(overview(report)));
  }

  private static JsonObject overview(MemoryOverview report) {
    JsonArray structures = new JsonArray();
    for (MemoryOverview.Structure s : report.structures()) {
      structures.add(SetJson.row(s.figures())
          .put("delta", SetJson.delta(s.figures()))
          .put("snapshotBytes", s.snapshotBytes())
          .put("mappedBytes", s.figures().mappedBytes()));
    }
    SetStore.StorageBytes s = report.storage();
    JvmMemory jvm = report.jvm();
    return new JsonObject()
        .put("structures", structures)
        .put("storage", new JsonObject()
            .put("durable", report.durable())
            .put("catalog", new JsonObject().put("offHeapBytes", s.catalogOffHeap()).put("fileBytes", s.catalogFile()))
            .put("journal", new JsonObject().put("fileBytes", s.journal().fileBytes()).put("recordBytes", s.journal().bytes())
                .put("records", s.journal().records())
                .put("segments", s.journal().segments()).put("fsyncs", s.journal().fsyncs())
                .put("fsync", s.journal().policy().flag()))
            .put("snapshots", new JsonObject().put("files", s.snapshotFiles()).put("bytes", s.snapshotBytes())))
        .put("jvm", new JsonObject()
            .put("heapUsed", jvm.heapUsed())
            .put("heapCommitted", jvm.heapCommitted())
            .put("heapMax", jvm.heapMax())
            .put("direct", jvm.direct())
            .put("mapped", jvm.mapped()))
        .put("process", new JsonObject().put("rssBytes", report.rssBytes()))
        .put("loadMemory", LoadRoutes.budget(report.loadMemory()))
        .put("compactions", SetJson.compactions(report.compactions()))
        .put("totals", new JsonObject()
            .put("heapCommitted", jvm.heapCommitted())
            .put("nonHeapCommitted", report.nonHeapCommitted())
            .put("direct", jvm.direct())
            .put("mapped", jvm.mapped())
            .put("chronicleOffHeap", s.catalogOffHeap())
            .put("sum", report.accountedBytes())
            .put("rssBytes", report.rssBytes()));
  }

  private void breakdown(RoutingContext ctx) {
    SetKind kind = SetKind.fromWireName(ctx.pathParam("kind"));
    if (kind == null) {
      throw new ApiException(404, "no such kind of set: " + ctx.pathParam("kind") + " (words or numbers)");
    }
    ops.breakdown(kind, Params.name(ctx)).onFailure(ctx::fail).onSuccess(breakdown -> ctx.json(breakdown(kind, breakdown)));
  }

  private static JsonObject breakdown(SetKind kind, MemoryBreakdown breakdown) {
    JsonArray parts = new JsonArray();
    for (SetPart part : breakdown.parts()) {
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
    if (kind == SetKind.WORDS) { // a restored trie is read in place from its snapshot (issue 11)
      out.put("storage", breakdown.figures().mappedBytes() > 0 ? "mapped" : "heap");
    }
    out.put("mappedBytes", breakdown.figures().mappedBytes());
    return out.put("parts", parts);
  }
}
