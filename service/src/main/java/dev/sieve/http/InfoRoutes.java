package dev.sieve.http;

import dev.sieve.api.Operations;
import dev.sieve.api.ServerInfo;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** {@code GET /v1/info}: the server's version, uptime, sets per kind, and how it stores them; {@code GET /v1/cluster}: the cluster as this node sees it. */
final class InfoRoutes {
  private final Operations ops;

  InfoRoutes(Operations ops) {
    this.ops = ops;
  }

  void mount(Router router) {
    router.get("/v1/info").handler(ctx -> ctx.json(json(ops.info())));
    router.get("/v1/cluster").handler(ctx -> {
      JsonObject state = ops.clusterState();
      ctx.json(state != null ? state : new JsonObject().put("enabled", false)
          .put("members", new io.vertx.core.json.JsonArray()).put("sets", new io.vertx.core.json.JsonArray()));
    });
  }

  static JsonObject json(ServerInfo info) {
    return new JsonObject()
        .put("version", info.version())
        .put("startedAt", info.startedAt().toString())
        .put("uptimeMs", info.uptimeMs())
        .put("ready", info.ready())
        .put("sets", new JsonObject().put("words", info.wordSets()).put("numbers", info.numberSets()))
        .put("storage", new JsonObject()
            .put("durable", info.durable())
            .put("fsync", info.fsync())
            .put("compaction", new JsonObject()
                .put("ratio", info.compaction().ratio())
                .put("afterSeconds", info.compaction().afterTime().toSeconds())));
  }
}
