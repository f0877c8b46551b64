package dev.sieve.http;

import dev.sieve.api.ApiLimits;
import dev.sieve.ingest.Utf8;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

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
   * The strings of the array under {@code field} of the body, in order; 400 for an element that
   * is not a string. Its length is the operation's to check (after the set is found).
   */
  static List<String> strings(RoutingContext ctx, String field) {
    JsonArray array = array(object(ctx), field);
    List<String> strings = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof String s)) {
        throw ApiException.badRequest(field + "[" + i + "] is not a string");
      }
      strings.add(s);
    }
    return strings;
  }

  /** As {@link #strings}, for an array of integers. */
  static long[] integers(RoutingContext ctx, String field) {
    JsonArray array = array(object(ctx), field);
    long[] integers = new long[array.size()];
    for (int i = 0; i < integers.length; i++) {
      Object value = array.getValue(i);
      if (!(value instanceof Integer || value instanceof Long)) {
        throw ApiException.badRequest(field + "[" + i + "] is not an integer: " + value);
      }
      integers[i] = ((Number) value).longValue();
    }
    return integers;
  }

  private static JsonArray array(JsonObject body, String field) {
    if (!(body.getValue(field) instanceof JsonArray array)) {
      throw ApiException.badRequest("expected {\"" + field + "\": [...]}");
    }
    return array;
  }

  /** The array under {@code field}: 400 if there is none, 413 if it holds more than {@link ApiLimits#MAX_BATCH}. */
  static JsonArray batch(JsonObject body, String field) {
    JsonArray array = array(body, field);
    ApiLimits.checkBatch(array.size(), field);
    return array;
  }
}
