package dev.sieve.http;

import dev.sieve.lifecycle.Lifecycle;
import dev.sieve.logging.LogFields;
import dev.sieve.logging.RequestContext;
import dev.sieve.metrics.SieveMetrics;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every request, HTTP or gRPC, from the moment it comes in to its end: gives it an id (the
 * client's {@code X-Request-Id} when sane, else a new one), echoes the id in the answer, attaches
 * it to the request's context (so every log line of the request carries it), counts the request
 * in flight ({@link Lifecycle}: what a drain waits for), and at its end writes the access log line
 * ({@code dev.sieve.access}: method, path, status, bytes, duration) and, for a gRPC call, its
 * meters.
 *
 * <p>{@link #front} wraps the server's handler and follows each request's end through its response
 * (the gRPC server leaves the response's end and close handlers alone); an HTTP request that
 * reaches the router is followed through the router instead ({@link #routed}, its first handler:
 * Vert.x Web takes the response's end handler over once asked for end handlers). A request whose connection
 * closes (or whose HTTP/2 stream is reset) before its answer is logged with status 499, as nginx
 * does. Thread-safe; the handlers run on the request's context.
 */
public final class RequestTracker {
  static final Logger ACCESS = Logger.getLogger("dev.sieve.access");
  /** The status logged for a request whose connection closed before it was answered. */
  static final int CLOSED_BEFORE_ANSWER = 499;

  private final Lifecycle lifecycle;
  private final SieveMetrics metrics;
  private final boolean accessLog;

  /**
   * Counts requests for {@code lifecycle}, records gRPC calls in {@code metrics} (null: none) and
   * writes the access log when {@code accessLog}.
   */
  public RequestTracker(Lifecycle lifecycle, SieveMetrics metrics, boolean accessLog) {
    this.lifecycle = lifecycle;
    this.metrics = metrics;
    this.accessLog = accessLog;
  }

  /** The lifecycle the requests are counted in (the probes read it). */
  public Lifecycle lifecycle() {
    return lifecycle;
  }

  /** {@code next} with every request tracked. */
  public Handler<HttpServerRequest> front(Handler<HttpServerRequest> next) {
    return request -> {
      RequestContext rc = RequestContext.forHeader(request.getHeader(RequestContext.HEADER));
      Context context = Vertx.currentContext();
      if (context != null) {
        rc.attachTo(context); // the request's duplicated context: its callbacks see it too
      }
      HttpServerResponse response = request.response();
      response.putHeader(RequestContext.HEADER, rc.id());
      lifecycle.requestStarted();
      // a gRPC call's end, and an HTTP request's if the router never reaches routed(): the router
      // replaces these with its own as soon as routed() asks it for end handlers
      response.endHandler(v -> end(request, rc, false));
      response.closeHandler(v -> end(request, rc, true));
      next.handle(request);
    };
  }

  /** The router's first handler: follows an HTTP request to its end (nothing outside {@link #front}). */
  void routed(RoutingContext ctx) {
    RequestContext rc = RequestContext.current();
    if (rc != null) {
      ctx.addEndHandler(ar -> end(ctx.request(), rc, ar.failed()));
    }
    ctx.next();
  }

  private void end(HttpServerRequest request, RequestContext rc, boolean closed) {
    if (!rc.end()) {
      return;
    }
    lifecycle.requestEnded();
    long nanos = System.nanoTime() - rc.startNanos();
    HttpServerResponse response = request.response();
    boolean answered = !closed || response.ended();
    String grpcStatus = GrpcCalls.isGrpc(request) ? GrpcCalls.status(response, answered) : null;
    if (grpcStatus != null && metrics != null) {
      metrics.grpcCall(GrpcCalls.service(request.path()), GrpcCalls.method(request.path()), grpcStatus, nanos);
    }
    if (accessLog && ACCESS.isLoggable(Level.INFO)) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("method", request.method().name());
      f.put("path", request.path());
      f.put("status", answered ? response.getStatusCode() : CLOSED_BEFORE_ANSWER);
      if (grpcStatus != null) {
        f.put("grpcStatus", grpcStatus);
      }
      f.put("bytesIn", request.bytesRead());
      f.put("bytesOut", response.bytesWritten());
      f.put("durationMs", Math.round(nanos / 10_000.0) / 100.0);
      f.put("protocol", request.version().alpnName());
      LogFields.log(ACCESS, Level.INFO, new LogFields(f));
    }
  }
}
