package dev.sieve.http;

import dev.sieve.registry.Registry;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code /openapi.yaml} (the probes, {@code /health} and {@code /ready} among them, are {@link ProbeRoutes}). */
final class OperationsRoutes {
  /** Class-path resource of the OpenAPI document. */
  static final String OPENAPI_RESOURCE = "/openapi.yaml";

  /** Read once, shared by the routers of every event loop. */
  private static final Buffer OPENAPI = Buffer.buffer(readOpenApi());

  private final Registry registry;

  OperationsRoutes(Registry registry) {
    this.registry = registry;
  }

  /** The OpenAPI document shipped in the jar. */
  static byte[] readOpenApi() {
    try (InputStream in = OperationsRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + OPENAPI_RESOURCE);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void mount(Router router) {
    router.get("/openapi.yaml").handler(ctx ->
        ctx.response().putHeader("Content-Type", "application/yaml").end(OPENAPI));
  }
}
