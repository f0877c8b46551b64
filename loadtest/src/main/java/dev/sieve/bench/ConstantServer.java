package dev.sieve.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;

/**
 * The ceiling for single-lookup throughput: a minimal Vert.x HTTP server answering every request
 * with the same small JSON body, one server instance per core as Sieve runs. Compare Sieve's
 * {@code GET /v1/words/{name}/contains} against it under the same load ({@code scripts/http-bench.sh}).
 *
 * <p>Usage: {@code java -cp loadtest/target/benchmarks.jar dev.sieve.bench.ConstantServer PORT}
 */
public final class ConstantServer {
  private ConstantServer() {}

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8099;
    Vertx vertx = Vertx.vertx();
    String body = "{\"word\":\"constant\",\"present\":true}";
    int instances = Runtime.getRuntime().availableProcessors();
    for (int i = 0; i < instances; i++) {
      vertx.createHttpServer(new HttpServerOptions().setPort(port))
          .requestHandler(req -> req.response().putHeader("content-type", "application/json").end(body))
          .listen()
          .await();
    }
    System.out.println("constant server listening on port " + port);
  }
}
