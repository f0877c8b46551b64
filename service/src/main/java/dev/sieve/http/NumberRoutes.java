package dev.sieve.http;

import dev.sieve.api.ExportSource;
import dev.sieve.api.ExportStream;
import dev.sieve.api.NumberPage;
import dev.sieve.api.Operations;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The lookups of {@code /v1/numbers} (membership, pages of a range), set algebra ({@code
 * combine}) and export in Roaring's portable format.
 */
final class NumberRoutes {
  static final String ROARING = "application/x-roaring";
  /** Pieces an export is written in: the body is never one copy of the whole set. */
  static final int EXPORT_CHUNK_BYTES = 1 << 20;

  private final Operations ops;

  NumberRoutes(Operations ops) {
    this.ops = ops;
  }

  void mount(Router router, Handler<RoutingContext> writeGuard, Handler<RoutingContext> jsonBody) {
    router.get("/v1/numbers/:name/contains").handler(this::containsOne);
    router.post("/v1/numbers/:name/contains").handler(jsonBody).handler(this::containsMany);
    router.get("/v1/numbers/:name/range").handler(this::range);
    router.post("/v1/numbers/:name/combine").handler(jsonBody).handler(writeGuard).handler(this::combine);
    router.get("/v1/numbers/:name/export").handler(this::export);
  }

  private void containsOne(RoutingContext ctx) {
    long n = Params.natural(ctx, "n", -1);
    if (n < 0) {
      throw ApiException.badRequest("missing query parameter: n");
    }
    ops.containsNumbers(Params.name(ctx), new long[] {n}).onFailure(ctx::fail)
        .onSuccess(p -> ctx.json(new JsonObject().put("n", n).put("present", p.get(0))));
  }

  private void containsMany(RoutingContext ctx) {
    ops.containsNumbers(Params.name(ctx), JsonBodies.integers(ctx, "numbers")).onFailure(ctx::fail)
        .onSuccess(p -> ctx.json(new JsonObject().put("present", new JsonArray(p))));
  }

  private void range(RoutingContext ctx) {
    long from = Params.natural(ctx, "from", 0);
    long to = Params.natural(ctx, "to", -1);
    long after = Params.natural(ctx, "after", -1);
    ops.range(Params.name(ctx), from, to, after, Params.limit(ctx)).onFailure(ctx::fail)
        .onSuccess(page -> answer(ctx, page));
  }

  private static void answer(RoutingContext ctx, NumberPage page) {
    JsonArray numbers = new JsonArray(new ArrayList<>(page.numbers().length));
    for (long n : page.numbers()) {
      numbers.add(n);
    }
    ctx.json(new JsonObject()
        .put("count", page.count())
        .put("numbers", numbers)
        .put("next", page.next()));
  }

  private void combine(RoutingContext ctx) {
    long startNanos = System.nanoTime();
    String name = Params.name(ctx);
    JsonObject body = JsonBodies.object(ctx);
    if (!(body.getValue("sets") instanceof JsonArray names) || names.isEmpty()) {
      throw ApiException.badRequest("expected \"sets\": a non-empty array of set names");
    }
    List<String> operands = new ArrayList<>(names.size());
    for (Object operand : names) {
      if (!(operand instanceof String setName)) {
        throw ApiException.badRequest("invalid set name in sets: " + operand);
      }
      operands.add(setName);
    }
    ops.combine(name, body.getValue("op") instanceof String s ? s : null, operands).onFailure(ctx::fail)
        .onSuccess(f -> ctx.json(SetJson.loaded(f).put("elapsedMs", (System.nanoTime() - startNanos) / 1_000_000)));
  }

  private void export(RoutingContext ctx) {
    ops.export(Params.name(ctx), EXPORT_CHUNK_BYTES).onFailure(ctx::fail).onSuccess(chunks -> {
      long length = 0;
      for (byte[] chunk : chunks) {
        length += chunk.length;
      }
      ctx.response()
          .putHeader("Content-Type", ROARING)
          .putHeader("Content-Length", Long.toString(length));
      if (ctx.request().method() != HttpMethod.HEAD) {
        // not compressed by the server: Roaring is compact already, and Netty would deflate a
        // whole set on the event loop; a client that wants it smaller can gzip it itself. Netty
        // reads "identity" as "leave it", and drops the header; a HEAD answer it leaves alone
        ctx.response().putHeader("Content-Encoding", "identity");
      }
      Exports.send(ctx, new ExportStream<>(ctx.vertx().getOrCreateContext(), ExportSource.of(chunks), Buffer::buffer));
    });
  }
}
