package dev.sieve.http;

import dev.sieve.ingest.BodyCollector;
import dev.sieve.ingest.GzipStream;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Collects the small JSON body of a lookup, an update or a combine, up to {@code limit} bytes: a
 * plain body through Vert.x Web's {@link BodyHandler}; a {@code Content-Encoding: gzip} body
 * inflated and checked by a {@link GzipStream} (the same strict checks as uploads; the limit
 * counts inflated bytes), kept in the context for {@link JsonBodies#object}. Any other encoding
 * is refused with 415.
 */
final class JsonBodyHandler implements Handler<RoutingContext> {
  /** Context key of an inflated body. */
  static final String INFLATED = "sieve.inflatedBody";

  private final BodyHandler plain;
  private final long limit;

  JsonBodyHandler(long limit) {
    this.plain = BodyHandler.create(false).setBodyLimit(limit);
    this.limit = limit;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!Uploads.gzipped(ctx.request())) {
      plain.handle(ctx);
      return;
    }
    Uploads.requireDeclaredLengthWithin(ctx.request(), limit);
    BodyCollector.collect(new GzipStream(ctx.request(), limit), limit).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else {
        ctx.put(INFLATED, ar.result());
        ctx.next();
      }
    });
  }
}
