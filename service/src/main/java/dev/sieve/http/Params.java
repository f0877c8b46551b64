package dev.sieve.http;

import dev.sieve.api.Arguments;
import io.vertx.ext.web.RoutingContext;

/** Reading path and query parameters, with 400s that say what was wrong. */
final class Params {
  private Params() {}

  /** The {@code name} path parameter, checked against the set name rule. */
  static String name(RoutingContext ctx) {
    return Arguments.name(ctx.pathParam("name"));
  }

  /** A query parameter that must be there. */
  static String required(RoutingContext ctx, String param) {
    String value = StrictQuery.params(ctx).get(param);
    if (value == null) {
      throw ApiException.badRequest("missing query parameter: " + param);
    }
    return value;
  }

  /** The {@code limit} query parameter: 1 .. 10,000, default 100. */
  static int limit(RoutingContext ctx) {
    return Arguments.limit(StrictQuery.params(ctx).get("limit"));
  }

  /** A natural-number query parameter, or {@code fallback} if absent. */
  static long natural(RoutingContext ctx, String param, long fallback) {
    return Arguments.natural(StrictQuery.params(ctx).get(param), param, fallback);
  }
}
