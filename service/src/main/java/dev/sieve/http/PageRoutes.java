package dev.sieve.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /}: a page to look at, one static HTML file (style and script inline, no build
 * step) that lists the sets, draws each one's bytes against its {@code HashSet} baseline every few
 * seconds, shows loads, and has a box to try {@code contains} and prefix queries. It uses only
 * the public API, from the browser.
 */
final class PageRoutes {
  /** Class-path resource of the page. */
  static final String PAGE_RESOURCE = "/web/index.html";

  /** Read once, shared by the routers of every event loop. */
  private static final Buffer PAGE = Buffer.buffer(readPage());

  static byte[] readPage() {
    try (InputStream in = PageRoutes.class.getResourceAsStream(PAGE_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + PAGE_RESOURCE);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void mount(Router router) {
    router.get("/").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .end(PAGE));
  }
}
