package dev.sieve.http;

import dev.sieve.api.Operations;
import dev.sieve.api.WordPage;
import dev.sieve.cluster.ShardedSet;
import dev.sieve.registry.SetKind;
import java.util.ArrayList;
import java.util.List;
import dev.sieve.words.WordDelta;
import dev.sieve.api.ExportStream;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The lookups of {@code /v1/words}: membership, one word or a batch, pages of a prefix, and the
 * whole set as lines ({@code export}).
 */
final class WordRoutes {
  private final Operations ops;

  WordRoutes(Operations ops) {
    this.ops = ops;
  }

  void mount(Router router, Handler<RoutingContext> jsonBody) {
    router.get("/v1/words/:name/contains").handler(this::containsOne);
    router.post("/v1/words/:name/contains").handler(jsonBody).handler(this::containsMany);
    router.get("/v1/words/:name/prefix").handler(this::prefix);
    router.get("/v1/words/:name/export").handler(this::export);
  }

  private WordDelta find(RoutingContext ctx) {
    return ops.words(Params.name(ctx)).set();
  }

  private void containsOne(RoutingContext ctx) {
    ShardedSet entry = ops.clustered(SetKind.WORDS, Params.name(ctx));
    if (entry != null) {
      String word = Params.required(ctx, "word");
      ops.containsWords(entry, List.of(word)).onSuccess(p -> ctx.json(new JsonObject().put("word", word).put("present", p.get(0))))
          .onFailure(ctx::fail);
      return;
    }
    WordDelta set = find(ctx);
    String word = Params.required(ctx, "word");
    ctx.json(new JsonObject().put("word", word).put("present", set.contains(word)));
  }

  private void containsMany(RoutingContext ctx) {
    ShardedSet entry = ops.clustered(SetKind.WORDS, Params.name(ctx));
    if (entry != null) {
      JsonArray batch = JsonBodies.batch(JsonBodies.object(ctx), "words");
      List<String> words = new ArrayList<>(batch.size());
      for (int i = 0; i < batch.size(); i++) {
        if (!(batch.getValue(i) instanceof String word)) {
          throw ApiException.badRequest("words[" + i + "] is not a string");
        }
        words.add(word);
      }
      ops.containsWords(entry, words).onSuccess(p -> ctx.json(new JsonObject().put("present", new JsonArray(p))))
          .onFailure(ctx::fail);
      return;
    }
    WordDelta set = find(ctx);
    JsonBodies.presence(ctx, "words", (value, i) -> {
      if (!(value instanceof String word)) {
        throw ApiException.badRequest("words[" + i + "] is not a string");
      }
      return set.contains(word);
    });
  }

  private void prefix(RoutingContext ctx) {
    ShardedSet entry = ops.clustered(SetKind.WORDS, Params.name(ctx));
    String prefix = StrictQuery.params(ctx).get("prefix");
    if (entry != null) {
      ops.prefix(entry, prefix, StrictQuery.params(ctx).get("after"), Params.limit(ctx))
          .onSuccess(page -> answer(ctx, page)).onFailure(ctx::fail);
      return;
    }
    WordDelta set = find(ctx);
    answer(ctx, WordPage.of(set, prefix, StrictQuery.params(ctx).get("after"), Params.limit(ctx)));
  }

  private static void answer(RoutingContext ctx, WordPage page) {
    ctx.json(new JsonObject()
        .put("prefix", page.prefix())
        .put("count", page.count())
        .put("words", new JsonArray(page.words()))
        .put("next", page.next()));
  }

  /**
   * The set as text, one word per line in byte order, streamed; gzip-compressed (on a worker, as
   * the pieces are made) when the client accepts gzip. The length is not known up front: chunked.
   */
  private void export(RoutingContext ctx) {
    boolean gzip = Exports.acceptsGzip(ctx.request().getHeader("Accept-Encoding"));
    ExportStream<Buffer> pieces = ops.exportWords(Params.name(ctx), gzip, ctx.vertx().getOrCreateContext(), Buffer::buffer);
    HttpServerResponse response = ctx.response()
        .setChunked(true)
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .putHeader("Vary", "Accept-Encoding");
    if (gzip) {
      response.putHeader("Content-Encoding", "gzip"); // compressed already: Netty passes it through
    }
    Exports.send(ctx, pieces);
  }
}
