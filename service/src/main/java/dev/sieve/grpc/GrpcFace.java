package dev.sieve.grpc;

import dev.sieve.api.ApiLimits;
import dev.sieve.api.BearerToken;
import dev.sieve.api.Operations;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.grpc.reflection.ReflectionService;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;

/**
 * The gRPC face: a {@link GrpcServer} serving {@code sieve.v1.Sieve} and the reflection service
 * ({@code grpc.reflection.v1}), and the request handler that puts it beside the HTTP API on one
 * port.
 */
public final class GrpcFace {
  private GrpcFace() {}

  /**
   * A gRPC server serving {@code ops}; writes need {@code token} when it is not null. Messages may
   * be as large as {@link ApiLimits#MAX_REQUEST_BYTES} (a batch of 100,000 words); larger ones end
   * RESOURCE_EXHAUSTED.
   */
  public static GrpcServer server(Vertx vertx, Operations ops, String token) {
    GrpcServer server = GrpcServer.server(vertx, new GrpcServerOptions().setMaxMessageSize(ApiLimits.MAX_REQUEST_BYTES));
    server.addService(new SieveBinding(new SieveRpc(vertx, ops), new BearerToken(token)));
    server.addService(ReflectionService.v1());
    return server;
  }

  /**
   * One handler for both faces: requests whose {@code Content-Type} starts with {@code
   * application/grpc} go to {@code grpc} (never HTTP-compressed), all others to {@code http}.
   */
  public static Handler<HttpServerRequest> beside(GrpcServer grpc, Handler<HttpServerRequest> http) {
    return request -> {
      String type = request.getHeader("Content-Type");
      if (type != null && type.regionMatches(true, 0, "application/grpc", 0, 16)) {
        // gRPC compresses messages itself (grpc-encoding): the server's HTTP compression, chosen
        // from a request's Accept-Encoding (a proxy may add one), would gzip the frames whole and
        // leave the client reading garbage. "identity" tells Netty's compressor to leave it
        request.response().putHeader("content-encoding", "identity");
        grpc.handle(WholeFrames.of(request)); // a body cut inside a message fails the call
      } else {
        http.handle(request);
      }
    };
  }
}
