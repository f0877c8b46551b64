package dev.sieve.grpc;

import dev.sieve.registry.NoSuchSetException;
import dev.sieve.registry.SetUnavailableException;
import dev.sieve.ingest.IngestException;
import dev.sieve.ingest.TooLargeException;
import dev.sieve.memory.LoadMemoryException;
import dev.sieve.store.NoSpaceException;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerResponse;
import io.vertx.grpc.server.StatusException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns failures into gRPC statuses, as {@code ErrorResponder} turns them into HTTP answers:
 * INVALID_ARGUMENT for bad input ({@code BadInputException}, {@link IllegalArgumentException}; a
 * bad line's message starts {@code "line N: "} and the trailer {@value #LINE_TRAILER} holds N),
 * NOT_FOUND for an unknown set, RESOURCE_EXHAUSTED for a body or line over its limit, a load
 * that alone needs more than the load memory budget, or a full disk ({@link NoSpaceException},
 * HTTP's 507), UNAVAILABLE (retryable) for a load refused while other loads hold that budget, INTERNAL
 * (logged) for anything unexpected. A {@link StatusException} keeps its own status.
 */
final class GrpcErrors {
  /** Trailer holding the 1-based line of a body error. */
  static final String LINE_TRAILER = "sieve-line";

  private static final Logger LOG = Logger.getLogger(GrpcErrors.class.getName());

  private GrpcErrors() {}

  /** Ends {@code response} with the status {@code failure} maps to, unless it has ended already. */
  static void fail(GrpcServerResponse<?, ?> response, Throwable failure) {
    try {
      long line = failure instanceof IngestException e ? e.line() : 0;
      if (line > 0) {
        response.trailers().set(LINE_TRAILER, Long.toString(line));
      }
      response.fail(status(failure));
    } catch (IllegalStateException ended) {
      // the call already ended (answered, or cancelled by the client): nobody to tell
    }
  }

  /** The status {@code failure} maps to. */
  static StatusException status(Throwable failure) {
    if (failure instanceof StatusException e) {
      return e;
    }
    if (failure instanceof NoSuchSetException) {
      return new StatusException(GrpcStatus.NOT_FOUND, failure.getMessage());
    }
    if (failure instanceof SetUnavailableException) {
      // a set whose snapshot cannot be read, or stored sets not restored yet
      return new StatusException(GrpcStatus.UNAVAILABLE, failure.getMessage());
    }
    if (failure instanceof LoadMemoryException e) {
      return new StatusException(e.fitsLater() ? GrpcStatus.UNAVAILABLE : GrpcStatus.RESOURCE_EXHAUSTED, e.getMessage());
    }
    if (failure instanceof IngestException e) {
      GrpcStatus status = e instanceof TooLargeException ? GrpcStatus.RESOURCE_EXHAUSTED : GrpcStatus.INVALID_ARGUMENT;
      String message = e.line() > 0 ? "line " + e.line() + ": " + e.getMessage() : e.getMessage();
      return new StatusException(status, message);
    }
    if (failure instanceof NoSpaceException) {
      // HTTP's 507: the data directory's device is full, nothing was installed
      LOG.warning(failure.getMessage());
      return new StatusException(GrpcStatus.RESOURCE_EXHAUSTED, failure.getMessage());
    }
    if (failure instanceof IllegalArgumentException) {
      return new StatusException(GrpcStatus.INVALID_ARGUMENT, failure.getMessage());
    }
    LOG.log(Level.WARNING, "gRPC call failed", failure);
    return new StatusException(GrpcStatus.INTERNAL, "internal error");
  }

  /** INVALID_ARGUMENT with {@code message}. */
  static StatusException invalid(String message) {
    return new StatusException(GrpcStatus.INVALID_ARGUMENT, message);
  }
}
