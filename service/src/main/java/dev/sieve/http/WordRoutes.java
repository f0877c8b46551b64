package dev.sieve.http;

import dev.sieve.api.WordPage;
import dev.sieve.ingest.OnError;
import dev.sieve.ingest.SetLoader;
import dev.sieve.registry.SetRegistry;
import dev.sieve.registry.SetStore;
import dev.sieve.registry.SetVersion;
import dev.sieve.store.JournalBatch;
import dev.sieve.words.WordDelta;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code /v1/words} routes: load, update, look up, list by prefix, describe and delete word
 * sets. Writes go through the {@link SetStore} on a worker thread (snapshot, catalog, journal).
 */
final class WordRoutes {
  private final SetRegistry<WordDelta> sets;
  private final SetLoader loader;
  private final SetStore store;

  WordRoutes(SetRegistry<WordDelta> sets, SetLoader loader, SetStore store) {
    this.sets = sets;
    this.loader = loader;
    this.store = store;
  }

  void mount(Router router, Handler<RoutingContext> writeGuard, Handler<RoutingContext> jsonBody) {
    router.get("/v1/words").handler(this::list);
    router.get("/v1/words/:name").handler(this::stats);
    router.put("/v1/words/:name").handler(writeGuard).handler(this::put);
    router.delete("/v1/words/:name").handler(writeGuard).handler(this::delete);
    router.get("/v1/words/:name/contains").handler(this::containsOne);
    router.post("/v1/words/:name/contains").handler(jsonBody).handler(this::containsMany);
    router.get("/v1/words/:name/prefix").handler(this::prefix);
    for (JournalBatch.Op op : JournalBatch.Op.values()) {
      String path = "/v1/words/:name/" + Updates.path(op);
      router.post(path).consumes("application/json").handler(jsonBody).handler(writeGuard)
          .handler(ctx -> updateJson(ctx, op));
      router.post(path).handler(writeGuard).handler(ctx -> updateLines(ctx, op));
    }
  }

  private SetVersion<WordDelta> find(RoutingContext ctx) {
    return Updates.find(store, sets, Params.name(ctx), "word");
  }

  private void list(RoutingContext ctx) {
    JsonArray out = new JsonArray();
    for (SetVersion<WordDelta> v : sets.list()) {
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
    OnError onError = OnError.parse(StrictQuery.params(ctx).get("onError"));
    Uploads.gzipped(ctx.request()); // 415 for an encoding it cannot read, before anything else
    Uploads.requireDeclaredLengthWithin(ctx.request(), loader.limits().maxBodyBytes());
    String type = Uploads.mediaType(ctx.request());
    if (!Uploads.isLineText(type)) {
      throw new ApiException(415, "unsupported Content-Type for words: " + type + " (use text/plain)");
    }
    loader.words(name, Uploads.body(ctx.request(), loader.limits().maxBodyBytes()), onError).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      ctx.vertx().executeBlocking(() -> store.replaceWords(name, ar.result().set(), ar.result().baselineBytes()), false)
          .onFailure(ctx::fail)
          .onSuccess(v -> {
            JsonObject answer = new JsonObject()
                .put("name", name)
                .put("kind", "words")
                .put("count", v.set().size())
                .put("bytes", v.set().byteSize())
                .put("version", v.version());
            ctx.json(Uploads.putReport(answer, ar.result().report(), start));
          });
    });
  }

  private void delete(RoutingContext ctx) {
    String name = Params.name(ctx);
    ctx.vertx().executeBlocking(() -> store.deleteWords(name), false).onFailure(ctx::fail).onSuccess(existed -> {
      if (existed) {
        ctx.response().setStatusCode(204).end();
      } else {
        ctx.fail(ApiException.notFound("no word set named " + name));
      }
    });
  }

  private void updateLines(RoutingContext ctx, JournalBatch.Op op) {
    String name = Params.name(ctx);
    Updates.requireExists(store, sets, name, "word");
    Uploads.gzipped(ctx.request()); // 415 for an encoding it cannot read, before anything else
    Uploads.requireDeclaredLengthWithin(ctx.request(), loader.limits().maxBodyBytes());
    String type = Uploads.mediaType(ctx.request());
    if (!Uploads.isLineText(type)) {
      throw new ApiException(415, "unsupported Content-Type for words: " + type + " (use text/plain or application/json)");
    }
    loader.wordBatch(Uploads.body(ctx.request(), loader.limits().maxBodyBytes()), SetStore.MAX_UPDATE_BYTES).onFailure(ctx::fail)
        .onSuccess(words -> apply(ctx, name, op, words));
  }

  private void updateJson(RoutingContext ctx, JournalBatch.Op op) {
    String name = Params.name(ctx);
    JsonArray given = JsonBodies.batch(JsonBodies.object(ctx), "words");
    CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder();
    List<byte[]> words = new ArrayList<>(given.size());
    for (int i = 0; i < given.size(); i++) {
      if (!(given.getValue(i) instanceof String word) || word.isEmpty() || !utf8.canEncode(word)) {
        throw ApiException.badRequest("words[" + i + "] is not a non-empty string of valid Unicode");
      }
      byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
      if (bytes.length > loader.limits().maxLineBytes()) {
        throw new ApiException(413, "words[" + i + "] is longer than " + loader.limits().maxLineBytes() + " bytes");
      }
      words.add(bytes);
    }
    apply(ctx, name, op, words);
  }

  private void apply(RoutingContext ctx, String name, JournalBatch.Op op, List<byte[]> words) {
    ctx.vertx().executeBlocking(() -> store.updateWords(name, op, words), false).onFailure(ctx::fail)
        .onSuccess(u -> ctx.json(Updates.answer(name, "words", op, u)));
  }

  private void containsOne(RoutingContext ctx) {
    WordDelta set = find(ctx).set();
    String word = Params.required(ctx, "word");
    ctx.json(new JsonObject().put("word", word).put("present", set.contains(word)));
  }

  private void containsMany(RoutingContext ctx) {
    WordDelta set = find(ctx).set();
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
    WordDelta set = find(ctx).set();
    String prefix = StrictQuery.params(ctx).get("prefix");
    WordPage page = WordPage.of(set, prefix, StrictQuery.params(ctx).get("after"), Params.limit(ctx));
    ctx.json(new JsonObject()
        .put("prefix", page.prefix())
        .put("count", page.count())
        .put("words", new JsonArray(page.words()))
        .put("next", page.next()));
  }
}
