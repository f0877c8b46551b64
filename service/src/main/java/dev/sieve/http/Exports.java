package dev.sieve.http;

import dev.sieve.api.ExportStream;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Sends an export (a word set's lines, a number set's Roaring bytes) with backpressure: the
 * stream makes a piece only when the response can take one. A HEAD gets the headers alone. If
 * the export fails midway the connection is closed, so that a client never takes a truncated
 * body for a whole one (the status line has gone already).
 */
final class Exports {
  private static final Logger LOG = Logger.getLogger(Exports.class.getName());

  private Exports() {}

  /** Writes {@code pieces} to the answer of {@code ctx}, whose headers are set; ends it. */
  static void send(RoutingContext ctx, ExportStream<Buffer> pieces) {
    HttpServerResponse response = ctx.response();
    if (ctx.request().method() == HttpMethod.HEAD) {
      response.end();
      return;
    }
    pieces.pipe().endOnFailure(false).to(response).onFailure(failure -> {
      if (!response.closed()) {
        LOG.warning("export of " + ctx.request().path() + " failed midway: " + failure);
        ctx.request().connection().close();
      }
    });
  }

  /**
   * Whether the client takes a gzip body ({@code Accept-Encoding} names {@code gzip} or {@code
   * x-gzip} with a non-zero q, RFC 9110 section 12.5.3).
   */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String item : acceptEncoding.split(",")) {
      String[] parts = item.split(";");
      String coding = parts[0].trim().toLowerCase(Locale.ROOT);
      if (!coding.equals("gzip") && !coding.equals("x-gzip")) {
        continue;
      }
      double q = 1;
      for (int i = 1; i < parts.length; i++) {
        String param = parts[i].trim().toLowerCase(Locale.ROOT);
        if (param.startsWith("q=")) {
          try {
            q = Double.parseDouble(param.substring(2));
          } catch (NumberFormatException e) {
            q = 0; // a malformed weight: not an acceptance
          }
        }
      }
      if (q > 0) {
        return true;
      }
    }
    return false;
  }
}
