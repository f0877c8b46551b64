package dev.sieve;

import java.nio.file.Path;

/**
 * The service's configuration.
 *
 * @param port HTTP port (0: any free port)
 * @param dataDir directory for snapshots (reserved: this version keeps sets in memory only)
 * @param token bearer token required for writes, or null for open writes
 * @param maxBodyBytes most bytes of an upload body, after gzip decoding
 * @param maxLineBytes most bytes of one line of an upload
 * @param demo whether to load the demo sets ({@code en}, {@code primes}) at start
 */
public record ServiceConfig(
    int port, Path dataDir, String token, long maxBodyBytes, int maxLineBytes, boolean demo) {
  public static final int DEFAULT_PORT = 8080;
  public static final long DEFAULT_MAX_BODY_BYTES = 16L << 30;
  public static final int DEFAULT_MAX_LINE_BYTES = 64 << 10;

  public ServiceConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535: " + port);
    }
    if (maxBodyBytes <= 0 || maxLineBytes <= 0) {
      throw new IllegalArgumentException("body and line limits must be positive");
    }
    if (token != null && token.isEmpty()) {
      token = null;
    }
  }

  /** Defaults on a given port, without demo data: what tests start from. */
  public static ServiceConfig forTests(int port) {
    return new ServiceConfig(port, Path.of("data"), null, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_LINE_BYTES, false);
  }

  public ServiceConfig withToken(String token) {
    return new ServiceConfig(port, dataDir, token, maxBodyBytes, maxLineBytes, demo);
  }

  public ServiceConfig withLimits(long maxBodyBytes, int maxLineBytes) {
    return new ServiceConfig(port, dataDir, token, maxBodyBytes, maxLineBytes, demo);
  }

  public ServiceConfig withDemo(boolean demo) {
    return new ServiceConfig(port, dataDir, token, maxBodyBytes, maxLineBytes, demo);
  }
}
