package dev.sieve.http;

import dev.sieve.ingest.Loaded;
import dev.sieve.ingest.OnError;
import dev.sieve.ingest.SetLoader;
import dev.sieve.memory.HashSetBaseline;
import dev.sieve.numbers.NumberSet;
import dev.sieve.numbers.NumberSetFormat;
import dev.sieve.numbers.SetOperation;
import dev.sieve.registry.SetNames;
import dev.sieve.registry.SetRegistry;
import dev.sieve.registry.SetVersion;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code /v1/numbers} routes: load (lines or portable Roaring), look up, list ranges, combine,
 * export, describe and delete number sets.
 */
final class NumberRoutes {
  static final String ROARING = "application/x-roaring";

  private final SetRegistry<NumberSet> sets;
  private final SetLoader loader;
  private final WorkerExecutor workers;

  NumberRoutes(SetRegistry<NumberSet> sets, SetLoader loader, WorkerExecutor workers) {
    this.sets = sets;
    this.loader = loader;
    this.workers = workers;
  }

  void mount(Router router, Handler<RoutingContext> writeGuard, Handler<RoutingContext> jsonBody) {
    router.get("/v1/numbers").handler(this::list);
    router.get("/v1/numbers/:name").handler(this::stats);
    router.put("/v1/numbers/:name").handler(writeGuard).handler(this::put);
    router.delete("/v1/numbers/:name").handler(writeGuard).handler(this::delete);
    router.get("/v1/numbers/:name/contains").handler(this::containsOne);
    router.post("/v1/numbers/:name/contains").handler(jsonBody).handler(this::containsMany);
    router.get("/v1/numbers/:name/range").handler(this::range);
    router.post("/v1/numbers/:name/combine").handler(jsonBody).handler(writeGuard).handler(this::combine);
    router.get("/v1/numbers/:name/export").handler(this::export);
  }

  private SetVersion<NumberSet> find(RoutingContext ctx) {
    return find(Params.name(ctx));
  }

  private SetVersion<NumberSet> find(String name) {
    return sets.get(name).orElseThrow(() -> ApiException.notFound("no number set named " + name));
  }

  private void list(RoutingContext ctx) {
    JsonArray out = new JsonArray();
    for (SetVersion<NumberSet> v : sets.list()) {
      out.add(SetJson.numbers(v));
    }
    ctx.json(new JsonObject().put("sets", out));
  }

  private void stats(RoutingContext ctx) {
    ctx.json(SetJson.numbers(find(ctx)));
  }

  private void put(RoutingContext ctx) {
    long start = System.nanoTime();
    String name = Params.name(ctx);
    OnError onError = OnError.parse(ctx.queryParams().get("onError"));
    Uploads.requireDecodedBody(ctx.request());
    Uploads.requireDeclaredLengthWithin(ctx.request(), loader.limits().maxBodyBytes());
    String type = Uploads.mediaType(ctx.request());
    Future<Loaded<NumberSet>> load;
    if (ROARING.equals(type)) {
      load = loader.roaring(ctx.request());
    } else if (Uploads.isLineText(type)) {
      load = loader.numbers(ctx.request(), onError);
    } else {
      throw new ApiException(415, "unsupported Content-Type for numbers: " + type
          + " (use text/plain or " + ROARING + ")");
    }
    load.onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      SetVersion<NumberSet> v = sets.replace(name, ar.result().set(), ar.result().baselineBytes());
      ctx.json(Uploads.putReport(answer(v), ar.result().report(), start));
    });
  }

  private static JsonObject answer(SetVersion<NumberSet> v) {
    return new JsonObject()
        .put("name", v.name())
        .put("kind", "numbers")
        .put("cardinality", v.set().cardinality())
        .put("bytes", v.set().byteSize())
        .put("version", v.version());
  }

  private void delete(RoutingContext ctx) {
    String name = Params.name(ctx);
    if (!sets.remove(name)) {
      throw ApiException.notFound("no number set named " + name);
    }
    ctx.response().setStatusCode(204).end();
  }

  private void containsOne(RoutingContext ctx) {
    NumberSet set = find(ctx).set();
    long n = Params.natural(ctx, "n", -1);
    if (n < 0) {
      throw ApiException.badRequest("missing query parameter: n");
    }
    ctx.json(new JsonObject().put("n", n).put("present", set.contains(n)));
  }

  private void containsMany(RoutingContext ctx) {
    NumberSet set = find(ctx).set();
    JsonArray numbers = JsonBodies.batch(JsonBodies.object(ctx), "numbers");
    JsonBodies.answer(ctx, numbers.size(), () -> {
      JsonArray present = new JsonArray(new ArrayList<>(numbers.size()));
      for (int i = 0; i < numbers.size(); i++) {
        Object value = numbers.getValue(i);
        if (!(value instanceof Integer || value instanceof Long)) {
          throw ApiException.badRequest("numbers[" + i + "] is not an integer: " + value);
        }
        present.add(set.contains(((Number) value).longValue()));
      }
      return new JsonObject().put("present", present);
    });
  }

  private void range(RoutingContext ctx) {
    NumberSet set = find(ctx).set();
    long from = Params.natural(ctx, "from", 0);
    long to = Params.natural(ctx, "to", -1);
    long after = Params.natural(ctx, "after", -1);
    int limit = Params.limit(ctx);
    // [from, to) over the API; inclusive [from, last] inside, so that no "to" reaches 2^63-1.
    long last = to < 0 ? Long.MAX_VALUE : to - 1;
    long start = after < 0 ? from : after == Long.MAX_VALUE ? -1 : Math.max(from, after + 1);
    long[] page = start < 0 ? new long[0] : set.list(start, last, limit + 1);
    Long next = null;
    int shown = Math.min(page.length, limit);
    if (page.length > limit) {
      next = page[limit - 1];
    }
    JsonArray numbers = new JsonArray(new ArrayList<>(shown));
    for (int i = 0; i < shown; i++) {
      numbers.add(page[i]);
    }
    ctx.json(new JsonObject()
        .put("count", set.count(from, last))
        .put("numbers", numbers)
        .put("next", next));
  }

  private void combine(RoutingContext ctx) {
    long startNanos = System.nanoTime();
    String name = Params.name(ctx);
    JsonObject body = JsonBodies.object(ctx);
    SetOperation op = SetOperation.parse(body.getValue("op") instanceof String s ? s : null);
    if (!(body.getValue("sets") instanceof JsonArray names) || names.isEmpty()) {
      throw ApiException.badRequest("expected \"sets\": a non-empty array of set names");
    }
    List<NumberSet> operands = new ArrayList<>(names.size());
    for (Object operand : names) {
      if (!(operand instanceof String setName) || !SetNames.isValid(setName)) {
        throw ApiException.badRequest("invalid set name in sets: " + operand);
      }
      operands.add(find(setName).set());
    }
    workers.executeBlocking(() -> op.apply(operands), false).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      NumberSet result = ar.result();
      SetVersion<NumberSet> v = sets.replace(name, result, HashSetBaseline.ofLongs(result.cardinality()));
      ctx.json(answer(v).put("elapsedMs", (System.nanoTime() - startNanos) / 1_000_000));
    });
  }

  private void export(RoutingContext ctx) {
    NumberSet set = find(ctx).set();
    workers.executeBlocking(() -> {
      long size = NumberSetFormat.serializedSize(set);
      if (size > Integer.MAX_VALUE - 16) {
        throw new ApiException(413, "set too large to export in one body: " + size + " bytes");
      }
      Buffer bytes = Buffer.buffer((int) size);
      NumberSetFormat.write(set, new OutputStream() {
        @Override
        public void write(int b) {
          bytes.appendByte((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          bytes.appendBytes(b, off, len);
        }
      });
      return bytes;
    }, false).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      ctx.response().putHeader("Content-Type", ROARING).end(ar.result());
    });
  }
}
