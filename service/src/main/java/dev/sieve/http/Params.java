package dev.sieve.http;

import dev.sieve.api.ApiLimits;
import dev.sieve.numbers.InvalidNumberException;
import dev.sieve.numbers.NumberLineParser;
import dev.sieve.registry.SetNames;
import io.vertx.ext.web.RoutingContext;

/** Reading path and query parameters, with 400s that say what was wrong. */
final class Params {
  static final int DEFAULT_LIMIT = ApiLimits.DEFAULT_PAGE;
  static final int MAX_LIMIT = ApiLimits.MAX_PAGE;

  private Params() {}

  /** The {@code name} path parameter, checked against the set name rule. */
  static String name(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    if (!SetNames.isValid(name)) {
      throw ApiException.badRequest("invalid set name (expected [A-Za-z0-9._-]{1,64}): " + name);
    }
    return name;
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
    String value = StrictQuery.params(ctx).get("limit");
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest("limit must be an integer 1.." + MAX_LIMIT + ": " + value);
  }

  /** A natural-number query parameter, or {@code fallback} if absent. */
  static long natural(RoutingContext ctx, String param, long fallback) {
    String value = StrictQuery.params(ctx).get(param);
    if (value == null) {
      return fallback;
    }
    try {
      return NumberLineParser.parseNatural(value);
    } catch (InvalidNumberException e) {
      throw ApiException.badRequest(param + ": " + e.getMessage());
    }
  }
}
