package dev.sieve.grpc;

import dev.sieve.api.ErrorCode;
import dev.sieve.api.Failure;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerResponse;
import io.vertx.grpc.server.StatusException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns failures into gRPC statuses by their {@link Failure} kind, as {@code ErrorResponder} turns them into HTTP answers:
 * INVALID_ARGUMENT for bad input ({@code BadInputException}, {@link IllegalArgumentException}; a
 * bad line's message starts {@code "line N: "} and the trailer {@value #LINE_TRAILER} holds N),
 * NOT_FOUND for an unknown set, RESOURCE_EXHAUSTED for a body or line over its limit, a load
 * that alone needs more than the load memory budget, or a full disk (HTTP's 507), UNAVAILABLE (retryable) for a load refused while other loads hold that budget, INTERNAL
 * (logged) for anything unexpected. A {@link StatusException} keeps its own status.
 */
final class GrpcErrors {
  /** Trailer holding the 1-based line of a body error. */
  static final String LINE_TRAILER = "sieve-line";
  /** Trailer holding the error's stable code, HTTP's {@code "code"} ({@link ErrorCode#wireName}). */
  static final String CODE_TRAILER = "sieve-error-code";

  private static final Logger LOG = Logger.getLogger(GrpcErrors.class.getName());

  private GrpcErrors() {}

  /** Ends {@code response} with the status {@code failure} maps to, unless it has ended already. */
  static void fail(GrpcServerResponse<?, ?> response, Throwable failure) {
    try {
      StatusException status = status(failure);
      long line = failure instanceof StatusException ? 0 : Failure.of(failure).line();
      if (line > 0) {
        response.trailers().set(LINE_TRAILER, Long.toString(line));
      }
      response.trailers().set(CODE_TRAILER, code(failure, status).wireName());
      response.fail(status);
    } catch (IllegalStateException ended) {
      // the call already ended (answered, or cancelled by the client): nobody to tell
    }
  }

  /** The status {@code failure} maps to. */
  static StatusException status(Throwable failure) {
    if (failure instanceof StatusException e) {
      return e;
    }
    Failure f = Failure.of(failure);
    GrpcStatus status = switch (f.kind()) {
      case BAD_INPUT -> GrpcStatus.INVALID_ARGUMENT;
      case NOT_FOUND -> GrpcStatus.NOT_FOUND;
      case TOO_LARGE, NO_SPACE -> GrpcStatus.RESOURCE_EXHAUSTED; // NO_SPACE: HTTP's 507
      case UNAVAILABLE, BUSY -> GrpcStatus.UNAVAILABLE;
      case INTERNAL -> GrpcStatus.INTERNAL;
    };
    if (f.kind() == Failure.Kind.NO_SPACE) {
      LOG.warning(f.message());
    } else if (f.kind() == Failure.Kind.INTERNAL) {
      LOG.log(Level.WARNING, "gRPC call failed", failure);
    }
    return new StatusException(status, f.line() > 0 ? "line " + f.line() + ": " + f.message() : f.message());
  }

  /**
   * The code of {@code failure}: its {@link Failure}'s, or for a status made by the face itself
   * (a refused token, a message that does not decode, an unknown grpc-encoding) the code of the
   * same refusal over HTTP.
   */
  static ErrorCode code(Throwable failure, StatusException status) {
    if (!(failure instanceof StatusException)) {
      return Failure.of(failure).code();
    }
    return switch (status.status()) {
      case UNAUTHENTICATED -> ErrorCode.UNAUTHORIZED;
      case INVALID_ARGUMENT -> ErrorCode.BAD_REQUEST;
      case RESOURCE_EXHAUSTED -> ErrorCode.TOO_LARGE;
      case UNIMPLEMENTED -> ErrorCode.UNSUPPORTED_ENCODING;
      case NOT_FOUND -> ErrorCode.NOT_FOUND;
      case UNAVAILABLE -> ErrorCode.UNAVAILABLE;
      default -> ErrorCode.INTERNAL;
    };
  }

  /** INVALID_ARGUMENT with {@code message}. */
  static StatusException invalid(String message) {
    return new StatusException(GrpcStatus.INVALID_ARGUMENT, message);
  }
}
