package dev.sieve.http;

import dev.sieve.api.ErrorCode;
import dev.sieve.api.Failure;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns failures into the API's error answers (the kinds of {@link Failure}, as the gRPC face):
 * JSON {@code {"error": "...", "code": "bad_line", "line": N}} (line only for body errors; code
 * one of {@link ErrorCode}'s wire names) with the status of an {@link ApiException}, 400 for bad input, 413 for bodies
 * or lines over the limit, 503 with {@code Retry-After} for a load refused while other loads hold
 * the load memory budget and 413 for one that alone needs more than the budget, 507 when the data
 * directory's device is full, 500 (logged) for anything unexpected.
 *
 * <p>An error may be answered before the request body has been read whole. The rest of the body
 * is then read and dropped so the connection stays usable; for 413 the connection is closed once
 * the answer is out (after a grace period, so the client can read the answer before its upload
 * is cut); so is one answered 503, whose client would otherwise upload the rest for nothing.
 */
final class ErrorResponder {
  private static final Logger LOG = Logger.getLogger(ErrorResponder.class.getName());
  private static final long CLOSE_GRACE_MS = 2000;
  /**
   * Seconds a client refused for load memory is told to wait: loads that hold the budget are
   * typically built within seconds of their body's end.
   */
  static final int LOAD_MEMORY_RETRY_SECONDS = 5;

  private final Vertx vertx;

  ErrorResponder(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Failure handler of every route. */
  void handleFailure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiException e) {
      send(ctx, e.status(), e.code(), e.getMessage(), e.line());
      return;
    }
    if (ctx.statusCode() == 403) { // Vert.x's CorsHandler: an origin --cors-origin does not list
      send(ctx, 403, ErrorCode.FORBIDDEN_ORIGIN, "origin not allowed: " + ctx.request().getHeader("Origin"), 0);
      return;
    }
    if (failure == null && ctx.statusCode() > 0) {
      send(ctx, ctx.statusCode(), ApiException.codeOf(ctx.statusCode()), defaultMessage(ctx.statusCode()), 0);
      return;
    }
    Failure f = Failure.of(failure);
    int status = switch (f.kind()) {
      case BAD_INPUT -> 400;
      case NOT_FOUND -> 404;
      case TOO_LARGE -> 413;
      case UNAVAILABLE, BUSY -> 503;
      case NO_SPACE -> 507; // Insufficient Storage: nothing was installed, the previous version serves
      case INTERNAL -> 500;
    };
    if (f.kind() == Failure.Kind.BUSY) {
      ctx.response().putHeader("Retry-After", Integer.toString(LOAD_MEMORY_RETRY_SECONDS));
    } else if (f.kind() == Failure.Kind.NO_SPACE) {
      LOG.warning(f.message());
    } else if (f.kind() == Failure.Kind.INTERNAL) {
      if (ctx.request().response().closed()) {
        return; // the client went away mid-request; nobody to answer
      }
      LOG.log(Level.WARNING, "request failed: " + ctx.request().method() + " " + ctx.request().path(), failure);
    }
    send(ctx, status, f.code(), f.message(), f.line());
  }

  /** Answers with an error; drops or cuts off any unread request body. */
  void send(RoutingContext ctx, int status, ErrorCode code, String message, long line) {
    HttpServerRequest request = ctx.request();
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    JsonObject body = new JsonObject().put("error", message).put("code", code.wireName());
    if (line > 0) {
      body.put("line", line);
    }
    // 503: sets not restored yet, or load memory busy; either way the client retries the whole
    // upload later, so reading the rest of this one would be wasted
    boolean cut = (status == 413 || status == 503) && !request.isEnded();
    if (cut) {
      response.putHeader("Connection", "close");
    }
    if (status == 401) {
      response.putHeader("WWW-Authenticate", "Bearer");
    }
    response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    if (!request.isEnded()) {
      request.resume();
      if (cut) {
        vertx.setTimer(CLOSE_GRACE_MS, t -> request.connection().close());
      }
    }
  }

  private static String defaultMessage(int status) {
    return switch (status) {
      case 400 -> "bad request";
      case 401 -> "missing or wrong bearer token";
      case 403 -> "forbidden";
      case 404 -> "no such resource";
      case 405 -> "method not allowed";
      case 413 -> "request body too large";
      case 415 -> "unsupported media type";
      case 503 -> "service unavailable";
      case 507 -> "insufficient storage";
      default -> "error " + status;
    };
  }
}
