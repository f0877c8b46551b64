package dev.sieve.http;

import dev.sieve.api.ApiLimits;
import dev.sieve.api.Batches;
import dev.sieve.ingest.Utf8;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.concurrent.Callable;

/** Reading small JSON request bodies (already collected by a {@link JsonBodyHandler}). */
final class JsonBodies {
  /** Most elements one batched lookup may ask about. */
  static final int MAX_BATCH = ApiLimits.MAX_BATCH;
  /** Batches up to this size are answered on the event loop; larger ones on a worker. */
  static final int INLINE_BATCH = ApiLimits.INLINE_BATCH;

  private JsonBodies() {}

  /**
   * The body as a JSON object; 400 if it is not one, if its bytes are not valid UTF-8 (JSON text
   * is UTF-8, RFC 8259; a decoder must not turn bad bytes into U+FFFD and match another word), or
   * if a string holds a lone surrogate (an escaped one is valid JSON, but no text).
   */
  static JsonObject object(RoutingContext ctx) {
    Buffer inflated = ctx.get(JsonBodyHandler.INFLATED); // a gzip body, checked and inflated
    Buffer bytes = inflated != null ? inflated : ctx.body().buffer();
    if (bytes != null && !Utf8.isValid(bytes.getBytes(), 0, bytes.length())) {
      throw ApiException.badRequest("the JSON body is not valid UTF-8");
    }
    JsonObject body;
    try {
      body = inflated != null ? new JsonObject(inflated) : ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw ApiException.badRequest("expected a JSON object body");
    }
    if (body == null) {
      throw ApiException.badRequest("expected a JSON object body");
    }
    requireText(body, "");
    return body;
  }

  /** 400 naming the first string under {@code json} (at {@code path}) that is not valid Unicode. */
  private static void requireText(Object json, String path) {
    if (json instanceof JsonObject o) {
      for (var e : o) {
        String at = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        requireWellFormed(e.getKey(), at);
        requireText(e.getValue(), at);
      }
    } else if (json instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        requireText(a.getValue(i), path + "[" + i + "]");
      }
    } else if (json instanceof String s) {
      requireWellFormed(s, path);
    }
  }

  private static void requireWellFormed(String s, String path) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw ApiException.badRequest(path + " is not valid Unicode: a lone surrogate \\u"
            + Integer.toHexString(c) + " at char " + i);
      }
    }
  }

  /**
   * Answers a batched lookup of {@code size} elements: small batches at once, large ones on a
   * worker thread so that up to {@link ApiLimits#MAX_BATCH} lookups never hold the event loop.
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

  /** Whether element {@code index} of a batch is in the set; an {@link ApiException} for one that is not of the set's kind. */
  interface Membership {
    boolean present(Object element, int index);
  }

  /**
   * Answers a batched membership lookup, {@code {"present": [...]}} in the order of the array
   * under {@code field} of the body, as {@link #answer} runs it.
   */
  static void presence(RoutingContext ctx, String field, Membership membership) {
    JsonArray batch = batch(object(ctx), field);
    answer(ctx, batch.size(), () -> {
      JsonArray present = new JsonArray(new ArrayList<>(batch.size()));
      for (int i = 0; i < batch.size(); i++) {
        present.add(membership.present(batch.getValue(i), i));
      }
      return new JsonObject().put("present", present);
    });
  }

  /** The array under {@code field}, at most {@link ApiLimits#MAX_BATCH} long; 400 otherwise. */
  static JsonArray batch(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (!(value instanceof JsonArray array)) {
      throw ApiException.badRequest("expected {\"" + field + "\": [...]}");
    }
    ApiLimits.checkBatch(array.size(), field);
    return array;
  }
}
