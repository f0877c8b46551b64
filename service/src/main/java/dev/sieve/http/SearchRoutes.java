package dev.sieve.http;

import dev.sieve.api.FuzzyPage;
import dev.sieve.api.FuzzyQuery;
import dev.sieve.api.MatchPage;
import dev.sieve.api.Operations;
import dev.sieve.words.WordMatch;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The searches of {@code /v1/words}: fuzzy lookups (one word, or a batch in a JSON body) and
 * wildcard matches. Both run on the query workers ({@link Operations#fuzzy}, {@link
 * Operations#match}), never on the event loop.
 */
final class SearchRoutes {
  private final Operations ops;

  SearchRoutes(Operations ops) {
    this.ops = ops;
  }

  void mount(Router router, Handler<RoutingContext> jsonBody) {
    router.get("/v1/words/:name/fuzzy").handler(this::fuzzyOne);
    router.post("/v1/words/:name/fuzzy").handler(jsonBody).handler(this::fuzzyMany);
    router.get("/v1/words/:name/match").handler(this::match);
  }

  private void fuzzyOne(RoutingContext ctx) {
    MultiMap q = StrictQuery.params(ctx);
    String name = Params.name(ctx);
    String word = Params.required(ctx, "word");
    FuzzyQuery query = FuzzyQuery.parse(q.get("distance"), q.get("transpositions"), q.get("prefix"));
    answer(ctx, ops.fuzzy(name, List.of(word), query, q.get("after"), Params.limit(ctx)).map(pages -> json(pages.get(0))));
  }

  private void fuzzyMany(RoutingContext ctx) {
    String name = Params.name(ctx);
    JsonObject body = JsonBodies.object(ctx);
    Object value = body.getValue("words");
    if (!(value instanceof JsonArray array)) {
      throw ApiException.badRequest("expected {\"words\": [...]}");
    }
    List<String> words = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof String word)) {
        throw ApiException.badRequest("words[" + i + "] is not a string");
      }
      words.add(word);
    }
    FuzzyQuery query = new FuzzyQuery(integer(body, "distance", FuzzyQuery.DEFAULT_DISTANCE),
        bool(body, "transpositions"), integer(body, "prefix", 0));
    int limit = dev.sieve.api.Arguments.limit(integer(body, "limit", 0));
    answer(ctx, ops.fuzzy(name, words, query, null, limit).map(pages -> {
      JsonArray results = new JsonArray(new ArrayList<>(pages.size()));
      for (FuzzyPage page : pages) {
        results.add(json(page));
      }
      return new JsonObject().put("results", results);
    }));
  }

  private void match(RoutingContext ctx) {
    MultiMap q = StrictQuery.params(ctx);
    String name = Params.name(ctx);
    String pattern = Params.required(ctx, "pattern");
    answer(ctx, ops.match(name, pattern, q.get("after"), Params.limit(ctx)).map(SearchRoutes::json));
  }

  static JsonObject json(FuzzyPage page) {
    JsonArray matches = new JsonArray(new ArrayList<>(page.matches().size()));
    for (WordMatch m : page.matches()) {
      matches.add(new JsonObject().put("word", m.word()).put("distance", m.distance()));
    }
    return new JsonObject()
        .put("word", page.word())
        .put("distance", page.distance())
        .put("count", page.count())
        .put("matches", matches)
        .put("next", page.next());
  }

  static JsonObject json(MatchPage page) {
    return new JsonObject()
        .put("pattern", page.pattern())
        .put("count", page.count())
        .put("words", new JsonArray(page.words()))
        .put("next", page.next());
  }

  /** A whole number field of the body (absent: {@code fallback}); 400 for anything else. */
  private static int integer(JsonObject body, String field, int fallback) {
    Object v = body.getValue(field);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Integer i) {
      return i;
    }
    if (v instanceof Long l) {
      return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, l)); // refused by the range check
    }
    throw ApiException.badRequest(field + " must be a whole number");
  }

  private static boolean bool(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw ApiException.badRequest(field + " must be true or false");
  }

  private static void answer(RoutingContext ctx, Future<JsonObject> answer) {
    answer.onComplete(ar -> {
      if (ar.succeeded()) {
        ctx.json(ar.result());
      } else {
        ctx.fail(ar.cause());
      }
    });
  }
}
