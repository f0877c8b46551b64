package dev.sieve.http;

import dev.sieve.ingest.OnError;
import dev.sieve.ingest.SetLoader;
import dev.sieve.registry.SetRegistry;
import dev.sieve.registry.SetVersion;
import dev.sieve.words.WordSet;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/** The {@code /v1/words} routes: load, look up, list by prefix, describe and delete word sets. */
final class WordRoutes {
  private final SetRegistry<WordSet> sets;
  private final SetLoader loader;

  WordRoutes(SetRegistry<WordSet> sets, SetLoader loader) {
    this.sets = sets;
    this.loader = loader;
  }

  void mount(Router router, Handler<RoutingContext> writeGuard, Handler<RoutingContext> jsonBody) {
    router.get("/v1/words").handler(this::list);
    router.get("/v1/words/:name").handler(this::stats);
    router.put("/v1/words/:name").handler(writeGuard).handler(this::put);
    router.delete("/v1/words/:name").handler(writeGuard).handler(this::delete);
    router.get("/v1/words/:name/contains").handler(this::containsOne);
    router.post("/v1/words/:name/contains").handler(jsonBody).handler(this::containsMany);
    router.get("/v1/words/:name/prefix").handler(this::prefix);
  }

  private SetVersion<WordSet> find(RoutingContext ctx) {
    String name = Params.name(ctx);
    return sets.get(name).orElseThrow(() -> ApiException.notFound("no word set named " + name));
  }

  private void list(RoutingContext ctx) {
    JsonArray out = new JsonArray();
    for (SetVersion<WordSet> v : sets.list()) {
      out.add(SetJson.words(v));
    }
    ctx.json(new JsonObject().put("sets", out));
  }

  private void stats(RoutingContext ctx) {
    ctx.json(SetJson.words(find(ctx)));
  }

  private void put(RoutingContext ctx) {
    long start = System.nanoTime();
    String name = Params.name(ctx);
    OnError onError = OnError.parse(ctx.queryParams().get("onError"));
    Uploads.requireDecodedBody(ctx.request());
    Uploads.requireDeclaredLengthWithin(ctx.request(), loader.limits().maxBodyBytes());
    String type = Uploads.mediaType(ctx.request());
    if (!Uploads.isLineText(type)) {
      throw new ApiException(415, "unsupported Content-Type for words: " + type + " (use text/plain)");
    }
    loader.words(ctx.request(), onError).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      SetVersion<WordSet> v = sets.replace(name, ar.result().set(), ar.result().baselineBytes());
      JsonObject answer = new JsonObject()
          .put("name", name)
          .put("kind", "words")
          .put("count", v.set().size())
          .put("bytes", v.set().byteSize())
          .put("version", v.version());
      ctx.json(Uploads.putReport(answer, ar.result().report(), start));
    });
  }

  private void delete(RoutingContext ctx) {
    String name = Params.name(ctx);
    if (!sets.remove(name)) {
      throw ApiException.notFound("no word set named " + name);
    }
    ctx.response().setStatusCode(204).end();
  }

  private void containsOne(RoutingContext ctx) {
    WordSet set = find(ctx).set();
    String word = Params.required(ctx, "word");
    ctx.json(new JsonObject().put("word", word).put("present", set.contains(word)));
  }

  private void containsMany(RoutingContext ctx) {
    WordSet set = find(ctx).set();
    JsonArray words = JsonBodies.batch(JsonBodies.object(ctx), "words");
    JsonBodies.answer(ctx, words.size(), () -> {
      JsonArray present = new JsonArray(new ArrayList<>(words.size()));
      for (int i = 0; i < words.size(); i++) {
        if (!(words.getValue(i) instanceof String word)) {
          throw ApiException.badRequest("words[" + i + "] is not a string");
        }
        present.add(set.contains(word));
      }
      return new JsonObject().put("present", present);
    });
  }

  private void prefix(RoutingContext ctx) {
    WordSet set = find(ctx).set();
    String prefix = ctx.queryParams().get("prefix");
    if (prefix == null) {
      prefix = "";
    }
    String after = ctx.queryParams().get("after");
    int limit = Params.limit(ctx);
    List<String> words = set.list(prefix, after, limit + 1);
    String next = null;
    if (words.size() > limit) {
      words = words.subList(0, limit);
      next = words.get(limit - 1);
    }
    ctx.json(new JsonObject()
        .put("prefix", prefix)
        .put("count", set.count(prefix))
        .put("words", new JsonArray(List.copyOf(words)))
        .put("next", next));
  }
}
