package dev.sieve;

import dev.sieve.registry.CompactionPolicy;
import java.nio.file.Path;

/**
 * The service's configuration.
 *
 * @param port HTTP port (0: any free port)
 * @param dataDir directory for snapshots, catalog and journal; null keeps sets in memory only (tests)
 * @param token bearer token required for writes, or null for open writes
 * @param maxBodyBytes most bytes of an upload body, after gzip decoding
 * @param maxLineBytes most bytes of one line of an upload
 * @param demo whether to load the demo sets ({@code en}, {@code primes}) at a first start (a data
 *     directory without a catalog, or no data directory)
 * @param compaction when a set's updates are folded into a new frozen base
 * @param loadMemoryBytes heap bytes all loads together may hold (collected input, sort buffers,
 *     builds); 0 or less: {@link #defaultLoadMemory()}
 * @param corsOrigin browser origins allowed to call the HTTP API ({@code *}, or origins separated
 *     by commas), or null for no CORS headers at all
 */
public record ServiceConfig(
    int port, Path dataDir, String token, long maxBodyBytes, int maxLineBytes, boolean demo,
    CompactionPolicy compaction, long loadMemoryBytes, String corsOrigin) {
  public static final int DEFAULT_PORT = 8080;
  public static final long DEFAULT_MAX_BODY_BYTES = 16L << 30;
  public static final int DEFAULT_MAX_LINE_BYTES = 64 << 10;
  /** An origin as browsers send it (RFC 6454): scheme, host, optional port; no path. */
  private static final java.util.regex.Pattern ORIGIN = java.util.regex.Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s,]+");

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
    if (compaction == null) {
      compaction = CompactionPolicy.defaults();
    }
    if (loadMemoryBytes <= 0) {
      loadMemoryBytes = defaultLoadMemory();
    }
    if (corsOrigin != null && corsOrigin.isBlank()) {
      corsOrigin = null;
    }
    if (corsOrigin != null && !corsOrigin.trim().equals("*")) {
      for (String origin : corsOrigin.split(",")) {
        if (!origin.isBlank() && !ORIGIN.matcher(origin.trim()).matches()) {
          throw new IllegalArgumentException("--cors-origin: not an origin (scheme://host[:port]): " + origin.trim());
        }
      }
    }
  }

  /** No CORS. */
  public ServiceConfig(int port, Path dataDir, String token, long maxBodyBytes, int maxLineBytes, boolean demo,
      CompactionPolicy compaction, long loadMemoryBytes) {
    this(port, dataDir, token, maxBodyBytes, maxLineBytes, demo, compaction, loadMemoryBytes, null);
  }

  /** Default load memory budget. */
  public ServiceConfig(int port, Path dataDir, String token, long maxBodyBytes, int maxLineBytes, boolean demo,
      CompactionPolicy compaction) {
    this(port, dataDir, token, maxBodyBytes, maxLineBytes, demo, compaction, 0);
  }

  /**
   * Half the maximum heap. The other half holds what no load reservation counts: the sets being
   * served (and, while a PUT replaces a set, its old version beside the new one until the swap),
   * request and Netty buffers, journal batches, and the collector the GC needs to work in. The
   * structures' own estimates already include the headroom their builds need (they were measured
   * as the smallest -Xmx that builds, see WordSetCollector).
   */
  public static long defaultLoadMemory() {
    return Math.max(1, Runtime.getRuntime().maxMemory() / 2);
  }

  /** Default compaction policy. */
  public ServiceConfig(int port, Path dataDir, String token, long maxBodyBytes, int maxLineBytes, boolean demo) {
    this(port, dataDir, token, maxBodyBytes, maxLineBytes, demo, CompactionPolicy.defaults());
  }

  /** Defaults on a given port, without demo data nor data directory: what tests start from. */
  public static ServiceConfig forTests(int port) {
    return new ServiceConfig(port, null, null, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_LINE_BYTES, false);
  }

  public ServiceConfig withDataDir(Path dataDir) {
    return new ServiceConfig(port, dataDir, token, maxBodyBytes, maxLineBytes, demo, compaction, loadMemoryBytes, corsOrigin);
  }

  public ServiceConfig withCompaction(CompactionPolicy compaction) {
    return new ServiceConfig(port, dataDir, token, maxBodyBytes, maxLineBytes, demo, compaction, loadMemoryBytes, corsOrigin);
  }

  public ServiceConfig withToken(String token) {
    return new ServiceConfig(port, dataDir, token, maxBodyBytes, maxLineBytes, demo, compaction, loadMemoryBytes, corsOrigin);
  }

  public ServiceConfig withLimits(long maxBodyBytes, int maxLineBytes) {
    return new ServiceConfig(port, dataDir, token, maxBodyBytes, maxLineBytes, demo, compaction, loadMemoryBytes, corsOrigin);
  }

  public ServiceConfig withDemo(boolean demo) {
    return new ServiceConfig(port, dataDir, token, maxBodyBytes, maxLineBytes, demo, compaction, loadMemoryBytes, corsOrigin);
  }

  public ServiceConfig withCorsOrigin(String corsOrigin) {
    return new ServiceConfig(port, dataDir, token, maxBodyBytes, maxLineBytes, demo, compaction, loadMemoryBytes, corsOrigin);
  }
}
