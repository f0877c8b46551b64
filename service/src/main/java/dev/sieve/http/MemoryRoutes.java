package dev.sieve.http;

import dev.sieve.memory.JvmMemory;
import dev.sieve.memory.ProcessMemory;
import dev.sieve.numbers.ContainerStats;
import dev.sieve.numbers.NumberDelta;
import dev.sieve.registry.Registry;
import dev.sieve.registry.SetKind;
import dev.sieve.registry.SetNames;
import dev.sieve.registry.SetStore;
import dev.sieve.registry.SetVersion;
import dev.sieve.words.WordDelta;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * The {@code /v1/memory} routes: every structure's bytes against its baseline, its delta and
 * journal, the storage (Chronicle Map off-heap and file bytes, snapshot files), and breakdowns.
 */
final class MemoryRoutes {
  private final Registry registry;
  private final SetStore store;

  MemoryRoutes(Registry registry, SetStore store) {
    this.registry = registry;
    this.store = store;
  }

  void mount(Router router) {
    router.get("/v1/memory").handler(this::overview);
    router.get("/v1/memory/:kind/:name").handler(this::breakdown);
  }

  private void overview(RoutingContext ctx) {
    ctx.vertx().executeBlocking(this::overview, false).onFailure(ctx::fail).onSuccess(ctx::json);
  }

  private JsonObject overview() throws java.io.IOException {
    JsonArray structures = new JsonArray();
    for (SetVersion<WordDelta> v : registry.words().list()) {
      WordDelta set = v.set();
      structures.add(row("words", v, set.size(), set.byteSize())
          .put("delta", SetJson.delta(v, set.addedCount(), set.removedCount(), set.deltaBytes()))
          .put("snapshotBytes", store.snapshotBytes(SetKind.WORDS, v.name(), v.version())));
    }
    for (SetVersion<NumberDelta> v : registry.numbers().list()) {
      NumberDelta set = v.set();
      structures.add(row("numbers", v, set.cardinality(), set.byteSize())
          .put("mappedBytes", set.base().mappedBytes())
          .put("delta", SetJson.delta(v, set.addedCount(), set.removedCount(), set.deltaBytes()))
          .put("snapshotBytes", store.snapshotBytes(SetKind.NUMBERS, v.name(), v.version())));
    }
    SetStore.StorageBytes s = store.storageBytes();
    JvmMemory jvm = JvmMemory.now();
    return new JsonObject()
        .put("structures", structures)
        .put("storage", new JsonObject()
            .put("durable", store.isDurable())
            .put("catalog", new JsonObject().put("offHeapBytes", s.catalogOffHeap()).put("fileBytes", s.catalogFile()))
            .put("journal", new JsonObject().put("offHeapBytes", s.journalOffHeap()).put("fileBytes", s.journalFile())
                .put("records", s.journalRecords()))
            .put("snapshots", new JsonObject().put("files", s.snapshotFiles()).put("bytes", s.snapshotBytes())))
        .put("jvm", new JsonObject()
            .put("heapUsed", jvm.heapUsed())
            .put("heapCommitted", jvm.heapCommitted())
            .put("heapMax", jvm.heapMax())
            .put("direct", jvm.direct())
            .put("mapped", jvm.mapped()))
        .put("process", new JsonObject().put("rssBytes", ProcessMemory.rssBytes()))
        .put("totals", totals(jvm, s));
  }

  /**
   * What the process holds, by where it lives, next to its RSS: the JVM heap and non-heap
   * (metaspace, code cache) as committed, NIO direct and mapped buffers, and Chronicle Map's
   * off-heap memory (mapped files of its own, not in the JVM's buffer pools). Committed memory
   * not yet touched is not resident, and the JVM's threads and native allocations are not
   * counted, so the sum only approximates the RSS.
   */
  private static JsonObject totals(JvmMemory jvm, SetStore.StorageBytes s) {
    long nonHeap = java.lang.management.ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getCommitted();
    long chronicle = s.catalogOffHeap() + s.journalOffHeap();
    return new JsonObject()
        .put("heapCommitted", jvm.heapCommitted())
        .put("nonHeapCommitted", nonHeap)
        .put("direct", jvm.direct())
        .put("mapped", jvm.mapped())
        .put("chronicleOffHeap", chronicle)
        .put("sum", jvm.heapCommitted() + nonHeap + jvm.direct() + jvm.mapped() + chronicle)
        .put("rssBytes", ProcessMemory.rssBytes());
  }

  private static JsonObject row(String kind, SetVersion<?> v, long count, long bytes) {
    return new JsonObject()
        .put("kind", kind)
        .put("name", v.name())
        .put("count", count)
        .put("bytes", bytes)
        .put("bytesPerElement", SetJson.perElement(bytes, count))
        .put("baselineBytes", v.baselineBytes());
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
    JsonArray parts = new JsonArray();
    JsonObject out;
    if (kind == SetKind.WORDS) {
      SetVersion<WordDelta> v = Updates.find(store, registry.words(), name, "word");
      for (Map.Entry<String, Long> role : v.set().base().bytesByRole().entrySet()) {
        parts.add(new JsonObject().put("part", role.getKey()).put("bytes", role.getValue()));
      }
      parts.add(new JsonObject().put("part", "delta").put("bytes", v.set().deltaBytes()));
      out = row("words", v, v.set().size(), v.set().byteSize());
    } else {
      SetVersion<NumberDelta> v = Updates.find(store, registry.numbers(), name, "number");
      for (ContainerStats part : v.set().base().breakdown()) {
        parts.add(new JsonObject()
            .put("part", part.type())
            .put("count", part.count())
            .put("values", part.values())
            .put("bytes", part.bytes()));
      }
      parts.add(new JsonObject().put("part", "delta").put("count", 0)
          .put("values", v.set().addedCount() + v.set().removedCount()).put("bytes", v.set().deltaBytes()));
      out = row("numbers", v, v.set().cardinality(), v.set().byteSize()).put("type", v.set().type());
    }
    ctx.json(out.put("parts", parts));
  }
}
