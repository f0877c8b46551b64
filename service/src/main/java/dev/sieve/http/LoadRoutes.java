package dev.sieve.http;

import dev.sieve.ingest.LoadProgress;
import dev.sieve.ingest.Loads;
import dev.sieve.memory.LoadBudget;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.List;

/**
 * {@code GET /v1/loads}: the loads running now and the last ones that ended, with their progress,
 * and the load memory budget they share.
 */
final class LoadRoutes {
  private final Loads loads;
  private final LoadBudget budget;

  LoadRoutes(Loads loads, LoadBudget budget) {
    this.loads = loads;
    this.budget = budget;
  }

  void mount(Router router) {
    router.get("/v1/loads").handler(ctx -> ctx.json(new JsonObject()
        .put("running", rows(loads.running()))
        .put("recent", rows(loads.recent()))
        .put("memory", budget(budget))));
  }

  /** The budget as {@code /v1/loads} and {@code /v1/memory} show it. */
  static JsonObject budget(LoadBudget budget) {
    return new JsonObject()
        .put("limit", budget.limit())
        .put("reserved", budget.reserved())
        .put("reservations", budget.openReservations())
        .put("refusedBusy", budget.refusedBusy())
        .put("refusedTooLarge", budget.refusedTooLarge());
  }

  private static JsonArray rows(List<LoadProgress> loads) {
    JsonArray out = new JsonArray();
    for (LoadProgress p : loads) {
      out.add(json(p));
    }
    return out;
  }

  static JsonObject json(LoadProgress p) {
    JsonObject row = new JsonObject()
        .put("id", p.id())
        .put("kind", p.kind())
        .put("name", p.name())
        .put("phase", p.phase().wireName())
        .put("startedAt", p.startedAt().toString())
        .put("elapsedMs", p.elapsedMillis())
        .put("lines", p.lines())
        .put("bytesRead", p.bytes())
        .put("linesPerSecond", Math.round(p.linesPerSecond()))
        .put("bytesPerSecond", Math.round(p.bytesPerSecond()));
    if (p.phase() == LoadProgress.Phase.DONE) {
      row.put("count", p.elements()).put("bytes", p.setBytes());
    }
    if (p.error() != null) {
      row.put("error", p.error());
    }
    return row;
  }
}
