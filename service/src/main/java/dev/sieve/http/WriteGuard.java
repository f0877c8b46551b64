package dev.sieve.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards write routes with a bearer token when one is configured: a request without {@code
 * Authorization: Bearer <token>} gets 401 before its body is read. Reads are never guarded.
 */
final class WriteGuard implements Handler<RoutingContext> {
  private final byte[] expected;

  /** {@code token} null or empty means writes are open. */
  WriteGuard(String token) {
    this.expected = token == null || token.isEmpty()
        ? null
        : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (expected == null) {
      ctx.next();
      return;
    }
    String given = ctx.request().getHeader("Authorization");
    if (given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
      ctx.next();
    } else {
      ctx.fail(new ApiException(401, "missing or wrong bearer token"));
    }
  }
}
