package dev.sieve.http;

import dev.sieve.api.MemoryBreakdown;
import dev.sieve.api.MemoryOverview;
import dev.sieve.registry.SetFigures;
import dev.sieve.registry.SetPart;
import dev.sieve.api.Operations;
import dev.sieve.memory.JvmMemory;
import dev.sieve.registry.SetKind;
import dev.sieve.registry.SetStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.lang.management.ManagementFactory;

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
    // file sizes: off the event loop
    ctx.vertx().executeBlocking(this::overview, false).onFailure(ctx::fail).onSuccess(ctx::json);
  }

  private JsonObject overview() throws IOException {
    MemoryOverview report = ops.memory();
    JsonArray structures = new JsonArray();
    for (SetFigures figures : report.structures()) {
      JsonObject row = SetJson.row(figures)
          .put("delta", SetJson.delta(figures))
          .put("snapshotBytes", ops.snapshotBytes(figures));
      row.put("mappedBytes", figures.mappedBytes());
      structures.add(row);
    }
    SetStore.StorageBytes s = ops.storageBytes();
    JvmMemory jvm = report.jvm();
    return new JsonObject()
        .put("structures", structures)
        .put("storage", new JsonObject()
            .put("durable", ops.durable())
            .put("catalog", new JsonObject().put("offHeapBytes", s.catalogOffHeap()).put("fileBytes", s.catalogFile()))
            .put("journal", new JsonObject().put("fileBytes", s.journal().bytes()).put("records", s.journal().records())
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
        .put("loadMemory", LoadRoutes.budget(ops.loader().budget()))
        .put("compactions", SetJson.compactions(ops.compactions()))
        .put("totals", totals(jvm, s, report.rssBytes()));
  }

  /**
   * What the process holds, by where it lives, next to its RSS: the JVM heap and non-heap
   * (metaspace, code cache) as committed, NIO direct and mapped buffers (number sets read their
   * snapshots there), and Chronicle Map's off-heap memory (mapped files of its own, not in the
   * JVM's buffer pools). Committed memory not yet touched is not resident, and the JVM's threads
   * and native allocations are not counted, so the sum only approximates the RSS.
   */
  private static JsonObject totals(JvmMemory jvm, SetStore.StorageBytes s, long rss) {
    long nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getCommitted();
    long chronicle = s.catalogOffHeap();
    return new JsonObject()
        .put("heapCommitted", jvm.heapCommitted())
        .put("nonHeapCommitted", nonHeap)
        .put("direct", jvm.direct())
        .put("mapped", jvm.mapped())
        .put("chronicleOffHeap", chronicle)
        .put("sum", jvm.heapCommitted() + nonHeap + jvm.direct() + jvm.mapped() + chronicle)
        .put("rssBytes", rss);
  }

  private void breakdown(RoutingContext ctx) {
    SetKind kind = SetKind.fromWireName(ctx.pathParam("kind"));
    if (kind == null) {
      throw new ApiException(404, "no such kind of set: " + ctx.pathParam("kind") + " (words or numbers)");
    }
    MemoryBreakdown breakdown = ops.breakdown(kind, Params.name(ctx));
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
    ctx.json(out.put("parts", parts));
  }
}
