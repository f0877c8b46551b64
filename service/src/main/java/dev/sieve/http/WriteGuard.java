package dev.sieve.http;

import dev.sieve.api.BearerToken;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Guards write routes with a bearer token when one is configured: a request without {@code
 * Authorization: Bearer <token>} gets 401 before its body is read. Reads are never guarded.
 */
final class WriteGuard implements Handler<RoutingContext> {
  private final BearerToken token;

  /** {@code token} null or empty means writes are open. */
  WriteGuard(String token) {
    this.token = new BearerToken(token);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (token.admits(ctx.request().getHeader("Authorization"))) {
      ctx.next();
    } else {
      ctx.fail(new ApiException(401, BearerToken.REFUSED));
    }
  }
}
