package dev.sieve.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reading small JSON request bodies (already collected by a {@code BodyHandler}). */
final class JsonBodies {
  /** Most elements one batched lookup may ask about. */
  static final int MAX_BATCH = 100_000;

  private JsonBodies() {}

  /** The body as a JSON object; 400 if it is not one. */
  static JsonObject object(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        throw ApiException.badRequest("expected a JSON object body");
      }
      return body;
    } catch (DecodeException | ClassCastException e) {
      throw ApiException.badRequest("expected a JSON object body");
    }
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
