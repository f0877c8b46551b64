package dev.sieve.http;

import dev.sieve.api.Operations;
import dev.sieve.api.WordPage;
import dev.sieve.words.WordDelta;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;

/** The lookups of {@code /v1/words}: membership, one word or a batch, and pages of a prefix. */
final class WordRoutes {
  private final Operations ops;

  WordRoutes(Operations ops) {
    this.ops = ops;
  }

  void mount(Router router, Handler<RoutingContext> jsonBody) {
    router.get("/v1/words/:name/contains").handler(this::containsOne);
    router.post("/v1/words/:name/contains").handler(jsonBody).handler(this::containsMany);
    router.get("/v1/words/:name/prefix").handler(this::prefix);
  }

  private WordDelta find(RoutingContext ctx) {
    return ops.words(Params.name(ctx)).set();
  }

  private void containsOne(RoutingContext ctx) {
    WordDelta set = find(ctx);
    String word = Params.required(ctx, "word");
    ctx.json(new JsonObject().put("word", word).put("present", set.contains(word)));
  }

  private void containsMany(RoutingContext ctx) {
    WordDelta set = find(ctx);
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
    WordDelta set = find(ctx);
    String prefix = StrictQuery.params(ctx).get("prefix");
    WordPage page = WordPage.of(set, prefix, StrictQuery.params(ctx).get("after"), Params.limit(ctx));
    ctx.json(new JsonObject()
        .put("prefix", page.prefix())
        .put("count", page.count())
        .put("words", new JsonArray(page.words()))
        .put("next", page.next()));
  }
}
