package dev.sieve.http;

import dev.sieve.api.Operations;
import dev.sieve.api.WordPage;
import java.util.List;
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

  private void containsOne(RoutingContext ctx) {
    String word = Params.required(ctx, "word");
    ops.containsWords(Params.name(ctx), List.of(word)).onFailure(ctx::fail)
        .onSuccess(p -> ctx.json(new JsonObject().put("word", word).put("present", p.get(0))));
  }

  private void containsMany(RoutingContext ctx) {
    ops.containsWords(Params.name(ctx), JsonBodies.strings(ctx, "words")).onFailure(ctx::fail)
        .onSuccess(p -> ctx.json(new JsonObject().put("present", new JsonArray(p))));
  }

  private void prefix(RoutingContext ctx) {
    var query = StrictQuery.params(ctx);
    ops.prefix(Params.name(ctx), query.get("prefix"), query.get("after"), Params.limit(ctx)).onFailure(ctx::fail)
        .onSuccess(page -> answer(ctx, page));
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
    ops.exportWords(Params.name(ctx), gzip, ctx.vertx().getOrCreateContext(), Buffer::buffer).onFailure(ctx::fail)
        .onSuccess(pieces -> {
          HttpServerResponse response = ctx.response()
              .setChunked(true)
              .putHeader("Content-Type", "text/plain; charset=utf-8")
              .putHeader("Vary", "Accept-Encoding");
          if (gzip) {
            response.putHeader("Content-Encoding", "gzip"); // compressed already: Netty passes it through
          }
          Exports.send(ctx, pieces);
        });
  }
}
