package dev.sieve.http;

import dev.sieve.api.ApiLimits;
import dev.sieve.api.Batches;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;

/** Reading small JSON request bodies (already collected by a {@link JsonBodyHandler}). */
final class JsonBodies {
  /** Most elements one batched lookup may ask about. */
  static final int MAX_BATCH = ApiLimits.MAX_BATCH;
  /** Batches up to this size are answered on the event loop; larger ones on a worker. */
  static final int INLINE_BATCH = ApiLimits.INLINE_BATCH;

  private JsonBodies() {}

  /** The body as a JSON object; 400 if it is not one. */
  static JsonObject object(RoutingContext ctx) {
    try {
      Buffer inflated = ctx.get(JsonBodyHandler.INFLATED);
      JsonObject body = inflated != null ? new JsonObject(inflated) : ctx.body().asJsonObject();
      if (body == null) {
        throw ApiException.badRequest("expected a JSON object body");
      }
      return body;
    } catch (DecodeException | ClassCastException e) {
      throw ApiException.badRequest("expected a JSON object body");
    }
  }

  /**
   * Answers a batched lookup of {@code size} elements: small batches at once, large ones on a
   * worker thread so that up to {@link #MAX_BATCH} lookups never hold the event loop.
   */
  static void answer(RoutingContext ctx, int size, Callable<JsonObject> lookup) {
    Batches.lookup(ctx.vertx(), size, lookup).onComplete(ar -> {
      if (ar.succeeded()) {
        ctx.json(ar.result());
      } else {
        ctx.fail(ar.cause());
      }
    });
  }

  /** The array under {@code field}, at most {@link #MAX_BATCH} long; 400 otherwise. */
  static JsonArray batch(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (!(value instanceof JsonArray array)) {
      throw ApiException.badRequest("expected {\"" + field + "\": [...]}");
    }
    if (array.size() > MAX_BATCH) {
      throw ApiException.badRequest("at most " + MAX_BATCH + " " + field + " a request, got " + array.size());
    }
    return array;
  }
}
