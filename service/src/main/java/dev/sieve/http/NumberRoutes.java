package dev.sieve.http;

import dev.sieve.api.NumberPage;
import dev.sieve.api.SetCombiner;
import dev.sieve.ingest.Loaded;
import dev.sieve.ingest.OnError;
import dev.sieve.ingest.SetLoader;
import dev.sieve.numbers.NumberDelta;
import dev.sieve.numbers.NumberLineParser;
import dev.sieve.numbers.NumberSet;
import dev.sieve.numbers.NumberSetBuilder;
import dev.sieve.numbers.NumberSetFormat;
import dev.sieve.registry.SetRegistry;
import dev.sieve.registry.SetStore;
import dev.sieve.registry.SetVersion;
import dev.sieve.store.JournalBatch;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code /v1/numbers} routes: load (lines or portable Roaring), update, look up, list ranges,
 * combine, export, describe and delete number sets. Writes go through the {@link SetStore} on a
 * worker thread (snapshot, catalog, journal).
 */
final class NumberRoutes {
  static final String ROARING = "application/x-roaring";

  private final SetRegistry<NumberDelta> sets;
  private final SetLoader loader;
  private final WorkerExecutor workers;
  private final SetStore store;
  private final SetCombiner combiner;

  NumberRoutes(SetRegistry<NumberDelta> sets, SetLoader loader, WorkerExecutor workers, SetStore store) {
    this.sets = sets;
    this.loader = loader;
    this.workers = workers;
    this.store = store;
    this.combiner = new SetCombiner(sets, store, workers);
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
    for (JournalBatch.Op op : JournalBatch.Op.values()) {
      String path = "/v1/numbers/:name/" + Updates.path(op);
      router.post(path).consumes("application/json").handler(jsonBody).handler(writeGuard)
          .handler(ctx -> updateJson(ctx, op));
      router.post(path).handler(writeGuard).handler(ctx -> updateLines(ctx, op));
    }
  }

  private SetVersion<NumberDelta> find(RoutingContext ctx) {
    return find(Params.name(ctx));
  }

  private SetVersion<NumberDelta> find(String name) {
    return Updates.find(store, sets, name, "number");
  }

  private void list(RoutingContext ctx) {
    JsonArray out = new JsonArray();
    for (SetVersion<NumberDelta> v : sets.list()) {
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
    OnError onError = OnError.parse(StrictQuery.params(ctx).get("onError"));
    Uploads.gzipped(ctx.request()); // 415 for an encoding it cannot read, before anything else
    Uploads.requireDeclaredLengthWithin(ctx.request(), loader.limits().maxBodyBytes());
    String type = Uploads.mediaType(ctx.request());
    Future<Loaded<NumberSet>> load;
    if (ROARING.equals(type)) {
      load = loader.roaring(name, Uploads.body(ctx.request(), loader.limits().maxBodyBytes()));
    } else if (Uploads.isLineText(type)) {
      load = loader.numbers(name, Uploads.body(ctx.request(), loader.limits().maxBodyBytes()), onError);
    } else {
      throw new ApiException(415, "unsupported Content-Type for numbers: " + type
          + " (use text/plain or " + ROARING + ")");
    }
    load.onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      ctx.vertx().executeBlocking(() -> store.replaceNumbers(name, ar.result().set(), ar.result().baselineBytes()), false)
          .onFailure(ctx::fail)
          .onSuccess(v -> ctx.json(Uploads.putReport(answer(v), ar.result().report(), start)));
    });
  }

  private void updateLines(RoutingContext ctx, JournalBatch.Op op) {
    String name = Params.name(ctx);
    Updates.requireExists(store, sets, name, "number");
    Uploads.gzipped(ctx.request()); // 415 for an encoding it cannot read, before anything else
    Uploads.requireDeclaredLengthWithin(ctx.request(), loader.limits().maxBodyBytes());
    String type = Uploads.mediaType(ctx.request());
    if (!Uploads.isLineText(type)) {
      throw new ApiException(415, "unsupported Content-Type for numbers: " + type + " (use text/plain or application/json)");
    }
    loader.numberBatch(Uploads.body(ctx.request(), loader.limits().maxBodyBytes()))
        .onFailure(ctx::fail)
        .onSuccess(batch -> apply(ctx, name, op, batch));
  }

  private void updateJson(RoutingContext ctx, JournalBatch.Op op) {
    String name = Params.name(ctx);
    JsonArray given = JsonBodies.batch(JsonBodies.object(ctx), "numbers");
    NumberSetBuilder builder = new NumberSetBuilder();
    for (int i = 0; i < given.size(); i++) {
      Object value = given.getValue(i);
      try {
        if (value instanceof Integer || value instanceof Long) {
          builder.add(((Number) value).longValue());
        } else if (value instanceof String range) {
          byte[] line = range.getBytes(StandardCharsets.UTF_8);
          NumberLineParser.parseInto(line, 0, line.length, builder);
        } else {
          throw new IllegalArgumentException("not an integer nor a range \"a-b\": " + value);
        }
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("numbers[" + i + "]: " + e.getMessage());
      }
    }
    workers.executeBlocking(builder::build, false).onFailure(ctx::fail).onSuccess(batch -> apply(ctx, name, op, batch));
  }

  private void apply(RoutingContext ctx, String name, JournalBatch.Op op, NumberSet batch) {
    ctx.vertx().executeBlocking(() -> store.updateNumbers(name, op, batch), false).onFailure(ctx::fail)
        .onSuccess(u -> ctx.json(Updates.answer(name, "numbers", op, u)));
  }

  private static JsonObject answer(SetVersion<NumberDelta> v) {
    return new JsonObject()
        .put("name", v.name())
        .put("kind", "numbers")
        .put("cardinality", v.set().cardinality())
        .put("bytes", v.set().byteSize())
        .put("version", v.version());
  }

  private void delete(RoutingContext ctx) {
    String name = Params.name(ctx);
    ctx.vertx().executeBlocking(() -> store.deleteNumbers(name), false).onFailure(ctx::fail).onSuccess(existed -> {
      if (existed) {
        ctx.response().setStatusCode(204).end();
      } else {
        ctx.fail(ApiException.notFound("no number set named " + name));
      }
    });
  }

  private void containsOne(RoutingContext ctx) {
    NumberDelta set = find(ctx).set();
    long n = Params.natural(ctx, "n", -1);
    if (n < 0) {
      throw ApiException.badRequest("missing query parameter: n");
    }
    ctx.json(new JsonObject().put("n", n).put("present", set.contains(n)));
  }

  private void containsMany(RoutingContext ctx) {
    NumberDelta set = find(ctx).set();
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
    NumberDelta set = find(ctx).set();
    long from = Params.natural(ctx, "from", 0);
    long to = Params.natural(ctx, "to", -1);
    long after = Params.natural(ctx, "after", -1);
    NumberPage page = NumberPage.of(set, from, to, after, Params.limit(ctx));
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
    combiner.combine(name, body.getValue("op") instanceof String s ? s : null, operands).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      ctx.json(answer(ar.result()).put("elapsedMs", (System.nanoTime() - startNanos) / 1_000_000));
    });
  }

  private void export(RoutingContext ctx) {
    NumberDelta live = find(ctx).set();
    workers.executeBlocking(() -> {
      NumberSet set = live.compact();
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
