package dev.sieve.http;

import dev.sieve.api.Operations;
import dev.sieve.ingest.OnError;
import dev.sieve.registry.SetFigures;
import dev.sieve.registry.SetKind;
import dev.sieve.registry.SetStore;
import dev.sieve.registry.UpdateOp;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The routes every kind of set has, under {@code /v1/words} or {@code /v1/numbers}: list,
 * statistics, load (PUT), delete, and the updates (add, remove) as lines or JSON. Each decodes
 * the request, calls one {@link Operations} method and encodes its answer; the lookups of each
 * kind are in {@link WordRoutes} and {@link NumberRoutes}.
 */
final class SetRoutes {
  private final SetKind kind;
  private final Operations ops;
  private final String base;

  SetRoutes(SetKind kind, Operations ops) {
    this.kind = kind;
    this.ops = ops;
    this.base = "/v1/" + kind.wireName();
  }

  void mount(Router router, Handler<RoutingContext> writeGuard, Handler<RoutingContext> jsonBody) {
    router.get(base).handler(this::list);
    router.get(base + "/:name").handler(ctx -> ops.figures(kind, Params.name(ctx)).onFailure(ctx::fail)
        .onSuccess(f -> ctx.json(SetJson.stats(f))));
    router.put(base + "/:name").handler(writeGuard).handler(this::put);
    router.delete(base + "/:name").handler(writeGuard).handler(this::delete);
    for (UpdateOp op : UpdateOp.values()) {
      String path = base + "/:name/" + op.path();
      router.post(path).consumes("application/json").handler(jsonBody).handler(writeGuard)
          .handler(ctx -> updateJson(ctx, op));
      router.post(path).handler(writeGuard).handler(ctx -> updateLines(ctx, op));
    }
  }

  private void list(RoutingContext ctx) {
    ops.list(kind).onFailure(ctx::fail).onSuccess(sets -> {
      JsonArray out = new JsonArray();
      for (SetFigures f : sets) {
        out.add(SetJson.stats(f));
      }
      ctx.json(new JsonObject().put("sets", out));
    });
  }

  private void put(RoutingContext ctx) {
    String name = Params.name(ctx);
    OnError onError = OnError.parse(StrictQuery.params(ctx).get("onError"));
    String type = checkBody(ctx, "text/plain" + (kind == SetKind.NUMBERS ? " or " + NumberRoutes.ROARING : ""));
    Operations.Format format = NumberRoutes.ROARING.equals(type) ? Operations.Format.ROARING : Operations.Format.LINES;
    ops.replace(kind, name, Uploads.body(ctx.request(), maxBodyBytes()), format, onError)
        .onFailure(ctx::fail)
        .onSuccess(answer -> ctx.json(SetJson.loaded(answer)));
  }

  private void delete(RoutingContext ctx) {
    ops.delete(kind, Params.name(ctx)).onFailure(ctx::fail).onSuccess(v -> ctx.response().setStatusCode(204).end());
  }

  private void updateLines(RoutingContext ctx, UpdateOp op) {
    String name = Params.name(ctx);
    ops.requireSet(kind, name); // 404 or 503 before anything of the body is read
    checkBody(ctx, "text/plain or application/json");
    answer(ctx, name, op, ops.update(kind, name, op, Uploads.body(ctx.request(), maxBodyBytes())));
  }

  private void updateJson(RoutingContext ctx, UpdateOp op) {
    String name = Params.name(ctx);
    JsonArray given = JsonBodies.batch(JsonBodies.object(ctx), kind.wireName());
    answer(ctx, name, op, ops.update(kind, name, op, given.size(), given::getValue));
  }

  private void answer(RoutingContext ctx, String name, UpdateOp op, Future<SetStore.Updated> updated) {
    updated.onFailure(ctx::fail).onSuccess(u -> ctx.json(SetJson.updated(name, kind, op, u)));
  }

  /**
   * Refuses, before reading any of it, a body in an encoding it cannot read or of a media type
   * it does not take (415) or declared longer than the limit (413); returns its media type.
   */
  private String checkBody(RoutingContext ctx, String accepted) {
    Uploads.gzipped(ctx.request());
    Uploads.requireDeclaredLengthWithin(ctx.request(), maxBodyBytes());
    String type = Uploads.mediaType(ctx.request());
    if (!Uploads.isLineText(type) && !(kind == SetKind.NUMBERS && accepted.contains(NumberRoutes.ROARING) && NumberRoutes.ROARING.equals(type))) {
      throw new ApiException(415, "unsupported Content-Type for " + kind.wireName() + ": " + type + " (use " + accepted + ")");
    }
    return type;
  }

  private long maxBodyBytes() {
    return ops.loader().limits().maxBodyBytes();
  }
}
