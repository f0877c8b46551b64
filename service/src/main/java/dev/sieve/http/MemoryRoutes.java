package dev.sieve.http;

import dev.sieve.memory.JvmMemory;
import dev.sieve.memory.ProcessMemory;
import dev.sieve.numbers.ContainerStats;
import dev.sieve.numbers.NumberSet;
import dev.sieve.registry.Registry;
import dev.sieve.registry.SetKind;
import dev.sieve.registry.SetNames;
import dev.sieve.registry.SetVersion;
import dev.sieve.words.WordSet;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

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
    JsonArray structures = new JsonArray();
    for (SetVersion<WordSet> v : registry.words().list()) {
      structures.add(row("words", v, v.set().size(), v.set().byteSize()));
    }
    for (SetVersion<NumberSet> v : registry.numbers().list()) {
      structures.add(row("numbers", v, v.set().cardinality(), v.set().byteSize()));
    }
    JvmMemory jvm = JvmMemory.now();
    ctx.json(new JsonObject()
        .put("structures", structures)
        .put("jvm", new JsonObject()
            .put("heapUsed", jvm.heapUsed())
            .put("heapCommitted", jvm.heapCommitted())
            .put("heapMax", jvm.heapMax())
            .put("direct", jvm.direct())
            .put("mapped", jvm.mapped()))
        .put("process", new JsonObject().put("rssBytes", ProcessMemory.rssBytes())));
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
      SetVersion<WordSet> v = registry.words().get(name)
          .orElseThrow(() -> ApiException.notFound("no word set named " + name));
      for (Map.Entry<String, Long> role : v.set().bytesByRole().entrySet()) {
        parts.add(new JsonObject().put("part", role.getKey()).put("bytes", role.getValue()));
      }
      out = row("words", v, v.set().size(), v.set().byteSize());
    } else {
      SetVersion<NumberSet> v = registry.numbers().get(name)
          .orElseThrow(() -> ApiException.notFound("no number set named " + name));
      for (ContainerStats part : v.set().breakdown()) {
        parts.add(new JsonObject()
            .put("part", part.type())
            .put("count", part.count())
            .put("values", part.values())
            .put("bytes", part.bytes()));
      }
      out = row("numbers", v, v.set().cardinality(), v.set().byteSize()).put("type", v.set().type());
    }
    ctx.json(out.put("parts", parts));
  }
}
