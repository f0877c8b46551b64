package dev.sieve.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The write token: when one is configured, writes need {@code Authorization: Bearer <token>} (an
 * HTTP header, or gRPC metadata {@code authorization}); reads never do. Compared in constant time.
 * Immutable.
 */
public final class BearerToken {
  private final byte[] expected;

  /** {@code token} null or empty means writes are open. */
  public BearerToken(String token) {
    this.expected = token == null || token.isEmpty()
        ? null
        : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
  }

  /** True if a write whose authorization is {@code authorization} (null: none given) may go on. */
  public boolean admits(String authorization) {
    return expected == null
        || authorization != null
        && MessageDigest.isEqual(expected, authorization.getBytes(StandardCharsets.UTF_8));
  }

  /** The message of a refused write. */
  public static final String REFUSED = "missing or wrong bearer token";
}
