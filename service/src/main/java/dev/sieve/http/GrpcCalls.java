package dev.sieve.http;

import dev.sieve.proto.SieveGrpcService;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.grpc.common.GrpcStatus;

/** What the front of the server reads of a gRPC call: that it is one, its service and method, its status. */
final class GrpcCalls {
  private GrpcCalls() {}

  /** A gRPC call: {@code Content-Type: application/grpc*}, as the dispatch in {@code GrpcFace} decides. */
  static boolean isGrpc(HttpServerRequest request) {
    String type = request.getHeader("Content-Type");
    return type != null && type.regionMatches(true, 0, "application/grpc", 0, 16);
  }

  /** The services the server offers; a call to any other is labelled {@value #UNKNOWN}. */
  private static final java.util.Set<String> SERVICES = java.util.Set.of(
      SieveGrpcService.SERVICE_NAME.fullyQualifiedName(), "grpc.reflection.v1.ServerReflection");
  /** The label of a service or method the server does not have: clients must not make series at will. */
  static final String UNKNOWN = "unknown";

  /** {@code sieve.v1.Sieve} of {@code /sieve.v1.Sieve/Contains}, or {@value #UNKNOWN}. */
  static String service(String path) {
    int slash = path.lastIndexOf('/');
    String service = slash > 1 ? path.substring(1, slash) : UNKNOWN;
    return SERVICES.contains(service) ? service : UNKNOWN;
  }

  /** {@code Contains} of {@code /sieve.v1.Sieve/Contains}, or {@value #UNKNOWN}. */
  static String method(String path) {
    String service = service(path);
    String method = path.substring(path.lastIndexOf('/') + 1);
    if (service.equals(SieveGrpcService.SERVICE_NAME.fullyQualifiedName())) {
      return SieveGrpcService.SERVICE_DESCRIPTOR.findMethodByName(method) == null ? UNKNOWN : method;
    }
    return method.equals("ServerReflectionInfo") && !service.equals(UNKNOWN) ? method : UNKNOWN;
  }

  /**
   * The call's status name ({@code OK}, {@code NOT_FOUND}, ...): from the trailers, or from the
   * headers of a trailers-only answer; {@code CANCELLED} when it was never answered (the client
   * cancelled, the connection closed).
   */
  static String status(HttpServerResponse response, boolean answered) {
    String code = response.trailers().get("grpc-status");
    if (code == null) {
      code = response.headers().get("grpc-status");
    }
    if (code == null) {
      return answered ? "UNKNOWN" : GrpcStatus.CANCELLED.name();
    }
    try {
      GrpcStatus status = GrpcStatus.valueOf(Integer.parseInt(code));
      return status == null ? code : status.name();
    } catch (NumberFormatException e) {
      return "UNKNOWN";
    }
  }
}
