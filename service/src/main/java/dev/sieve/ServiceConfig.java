package dev.sieve;

import dev.sieve.registry.CompactionPolicy;
import dev.sieve.store.FsyncPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

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
 * @param host the address to listen on ({@value #DEFAULT_HOST}, loopback only, unless set: as Redis
 *     does, a server is not reachable from other machines until asked to be)
 * @param tls the PEM certificate and key to serve HTTPS and gRPC over TLS with, or null for plaintext
 * @param drain how long a stop waits for requests in flight and loads running before it cuts them
 * @param accessLog whether every request is logged ({@code dev.sieve.access}, one line each)
 * @param fsync when the journal forces updates to stable storage (null: {@code always})
 * @param corsOrigin browser origins allowed to call the HTTP API ({@code *}, or origins separated
 *     by commas), or null for no CORS headers at all
 * @param cluster how this node joins a cluster ({@code --cluster}), or null for a single node
 */
public record ServiceConfig(
    int port, Path dataDir, String token, long maxBodyBytes, int maxLineBytes, boolean demo,
    CompactionPolicy compaction, long loadMemoryBytes, String host, Tls tls, Duration drain, boolean accessLog,
    FsyncPolicy fsync, String corsOrigin, dev.sieve.cluster.ClusterConfig cluster) {
  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_DRAIN_SECONDS = 8;

  /**
   * A certificate chain and its private key, PEM files (the key PKCS#8 or PKCS#1), read at start.
   * One port serves both faces, so both are served over TLS (gRPC over HTTP/2 by ALPN).
   */
  public record Tls(Path cert, Path key) {
    public Tls {
      if (cert == null || key == null) {
        throw new IllegalArgumentException("TLS needs both a certificate (--tls-cert) and a key (--tls-key)");
      }
    }
  }
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
    if (host == null || host.isBlank()) {
      host = DEFAULT_HOST;
    }
    if (drain == null) {
      drain = Duration.ofSeconds(DEFAULT_DRAIN_SECONDS);
    }
    if (fsync == null) {
      fsync = FsyncPolicy.ALWAYS;
    }
    if (drain.isNegative()) {
      throw new IllegalArgumentException("the drain time must not be negative: " + drain.toSeconds() + " s");
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

  /** Defaults on a given port, without demo data nor data directory: what tests start from. */
  public static ServiceConfig forTests(int port) {
    return new Builder(port).build();
  }

  /**
   * A copy with what {@code change} sets on a {@link Builder} of this config, checked as any
   * config is: the one place besides the record that names every field.
   */
  public ServiceConfig with(Consumer<Builder> change) {
    Builder b = new Builder(this);
    change.accept(b);
    return b.build();
  }

  public ServiceConfig withDataDir(Path dataDir) {
    return with(b -> b.dataDir = dataDir);
  }

  public ServiceConfig withCompaction(CompactionPolicy compaction) {
    return with(b -> b.compaction = compaction);
  }

  public ServiceConfig withToken(String token) {
    return with(b -> b.token = token);
  }

  public ServiceConfig withLimits(long maxBodyBytes, int maxLineBytes) {
    return with(b -> {
      b.maxBodyBytes = maxBodyBytes;
      b.maxLineBytes = maxLineBytes;
    });
  }

  public ServiceConfig withDemo(boolean demo) {
    return with(b -> b.demo = demo);
  }

  public ServiceConfig withHost(String host) {
    return with(b -> b.host = host);
  }

  public ServiceConfig withTls(Tls tls) {
    return with(b -> b.tls = tls);
  }

  public ServiceConfig withDrain(Duration drain) {
    return with(b -> b.drain = drain);
  }

  public ServiceConfig withFsync(FsyncPolicy fsync) {
    return with(b -> b.fsync = fsync);
  }

  public ServiceConfig withAccessLog(boolean accessLog) {
    return with(b -> b.accessLog = accessLog);
  }

  public ServiceConfig withCorsOrigin(String corsOrigin) {
    return with(b -> b.corsOrigin = corsOrigin);
  }

  public ServiceConfig withCluster(dev.sieve.cluster.ClusterConfig cluster) {
    return with(b -> b.cluster = cluster);
  }

  /**
   * The fields of a config, open to change before {@link #build}; null or 0 where the record
   * gives a default (see its constructor). Not thread-safe: one per {@link ServiceConfig#with}.
   */
  public static final class Builder {
    public int port;
    public Path dataDir;
    public String token;
    public long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    public int maxLineBytes = DEFAULT_MAX_LINE_BYTES;
    public boolean demo;
    public CompactionPolicy compaction;
    public long loadMemoryBytes;
    public String host;
    public Tls tls;
    public Duration drain;
    public boolean accessLog;
    public FsyncPolicy fsync;
    public String corsOrigin;
    public dev.sieve.cluster.ClusterConfig cluster;

    /** Every default, on {@code port}: no data directory, no demo, no token. */
    public Builder(int port) {
      this.port = port;
    }

    Builder(ServiceConfig c) {
      this(c.port);
      dataDir = c.dataDir;
      token = c.token;
      maxBodyBytes = c.maxBodyBytes;
      maxLineBytes = c.maxLineBytes;
      demo = c.demo;
      compaction = c.compaction;
      loadMemoryBytes = c.loadMemoryBytes;
      host = c.host;
      tls = c.tls;
      drain = c.drain;
      accessLog = c.accessLog;
      fsync = c.fsync;
      corsOrigin = c.corsOrigin;
      cluster = c.cluster;
    }

    /** The config, defaults filled in; an {@link IllegalArgumentException} if a field is out of range. */
    public ServiceConfig build() {
      return new ServiceConfig(port, dataDir, token, maxBodyBytes, maxLineBytes, demo, compaction, loadMemoryBytes,
          host, tls, drain, accessLog, fsync, corsOrigin, cluster);
    }
  }

  /** Whether {@link #host} takes connections from beyond this machine (a wildcard or a non-loopback address). */
  public boolean beyondLoopback() {
    try {
      for (java.net.InetAddress a : java.net.InetAddress.getAllByName(host)) {
        if (!a.isLoopbackAddress()) {
          return true;
        }
      }
      return false;
    } catch (java.net.UnknownHostException e) {
      return true; // cannot tell: assume the worst, the warning is cheap
    }
  }
}
