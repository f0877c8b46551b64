package dev.sieve;

import dev.sieve.logging.LogFormat;
import dev.sieve.api.BuildInfo;
import dev.sieve.cluster.ClusterConfig;
import dev.sieve.cluster.ClusterStart;
import dev.sieve.memory.ByteSize;
import dev.sieve.metrics.SieveMetrics;
import dev.sieve.registry.CompactionPolicy;
import dev.sieve.store.FsyncPolicy;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Command line entry point: parses the configuration, starts the service, loads the demo data.
 * The defaults are {@link ServiceConfig}'s and {@link CompactionPolicy}'s, written there once.
 */
@Command(
    name = "sieve",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Serves compact word sets (interned tries) and number sets (Roaring bitmaps) over HTTP and gRPC, on one port.",
    sortOptions = false)
public final class Main implements Callable<Integer> {
  private static final long SHUTDOWN_SECONDS = 20;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:SIEVE_PORT:-" + ServiceConfig.DEFAULT_PORT + "}",
      description = "HTTP and gRPC port; 0 picks a free one (env SIEVE_PORT; default ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:SIEVE_DATA_DIR:-data}",
      description = "directory for snapshots, catalog and journal: sets survive restarts and crashes (env SIEVE_DATA_DIR; default ${DEFAULT-VALUE})")
  Path dataDir;

  @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:SIEVE_TOKEN}",
      description = "bearer token required for writes; unset: writes are open (env SIEVE_TOKEN)")
  String token;

  @Option(names = "--max-body-bytes", paramLabel = "N", defaultValue = "${env:SIEVE_MAX_BODY_BYTES:-" + ServiceConfig.DEFAULT_MAX_BODY_BYTES + "}",
      description = "most bytes of an upload, after gzip decoding (env SIEVE_MAX_BODY_BYTES; default ${DEFAULT-VALUE})")
  long maxBodyBytes;

  @Option(names = "--max-line-bytes", paramLabel = "N", defaultValue = "${env:SIEVE_MAX_LINE_BYTES:-" + ServiceConfig.DEFAULT_MAX_LINE_BYTES + "}",
      description = "most bytes of one line of an upload (env SIEVE_MAX_LINE_BYTES; default ${DEFAULT-VALUE})")
  int maxLineBytes;

  @Option(names = "--compact-ratio", paramLabel = "R", defaultValue = "${env:SIEVE_COMPACT_RATIO:-" + CompactionPolicy.DEFAULT_RATIO + "}",
      description = "fold a set's updates into a new base (and snapshot) once its delta holds R times as many elements"
          + " as the base (and at least 4096) (env SIEVE_COMPACT_RATIO; default ${DEFAULT-VALUE})")
  double compactRatio;

  @Option(names = "--compact-after-seconds", paramLabel = "T", defaultValue = "${env:SIEVE_COMPACT_AFTER_SECONDS:-" + CompactionPolicy.DEFAULT_SECONDS + "}",
      description = "T seconds after its oldest pending update, fold the delta if it holds R/10 of the base's elements"
          + " or the base is at most 4 MiB, else only merge the delta's levels (at most once per T)"
          + " (env SIEVE_COMPACT_AFTER_SECONDS; default ${DEFAULT-VALUE})")
  long compactAfterSeconds;

  @Option(names = "--load-memory", paramLabel = "SIZE", defaultValue = "${env:SIEVE_LOAD_MEMORY}",
      description = "heap all loads together may hold (collected input, sorting, builds), e.g. 256m, 2g or bytes;"
          + " a load that would pass it is refused: 503 with Retry-After while others hold it, 413 if it alone"
          + " needs more (env SIEVE_LOAD_MEMORY; default: half the max heap, -Xmx)")
  String loadMemory;

  @Option(names = "--fsync", paramLabel = "POLICY", defaultValue = "${env:SIEVE_FSYNC:-always}",
      description = "when the journal forces an update to disk: always (before the answer; concurrent updates share"
          + " one sync), everysec (at least every second, the answer first: a power cut may lose about the last"
          + " second), no (left to the OS) (env SIEVE_FSYNC; default ${DEFAULT-VALUE})")
  String fsync;

  @Option(names = "--cors-origin", paramLabel = "ORIGINS", defaultValue = "${env:SIEVE_CORS_ORIGIN}",
      description = "browser origins allowed to call the HTTP API: * or a comma-separated list like"
          + " https://app.example.com; unset: no CORS headers (env SIEVE_CORS_ORIGIN)")
  String corsOrigin;

  @Option(names = "--no-demo", description = "start without the demo sets en and primes (they load only into an empty data dir)")
  boolean noDemo;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "${env:SIEVE_HOST:-" + ServiceConfig.DEFAULT_HOST + "}",
      description = "address to listen on; 0.0.0.0 (or ::) for every interface (env SIEVE_HOST; default ${DEFAULT-VALUE}: this machine only)")
  String host;

  @Option(names = "--tls-cert", paramLabel = "PEM", defaultValue = "${env:SIEVE_TLS_CERT}",
      description = "certificate chain (PEM) to serve HTTPS and gRPC over TLS on the port; needs --tls-key (env SIEVE_TLS_CERT)")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", defaultValue = "${env:SIEVE_TLS_KEY}",
      description = "private key (PEM, PKCS#8 or PKCS#1) of --tls-cert (env SIEVE_TLS_KEY)")
  Path tlsKey;

  @Option(names = "--drain-seconds", paramLabel = "T", defaultValue = "${env:SIEVE_DRAIN_SECONDS:-" + ServiceConfig.DEFAULT_DRAIN_SECONDS + "}",
      description = "on SIGTERM: not ready at once, then up to T seconds for requests and loads to finish before"
          + " loads are cut and the store closes (env SIEVE_DRAIN_SECONDS; default ${DEFAULT-VALUE}, under Docker's 10 s grace)")
  long drainSeconds;

  @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "${env:SIEVE_LOG_FORMAT:-text}",
      description = "log lines on standard error as text or json, one record a line (env SIEVE_LOG_FORMAT; default ${DEFAULT-VALUE})")
  String logFormat;

  @Option(names = "--access-log", negatable = true, defaultValue = "${env:SIEVE_ACCESS_LOG:-false}", fallbackValue = "true",
      description = "log one line per request: method, path, status, bytes, duration, request id (env SIEVE_ACCESS_LOG=true;"
          + " default off: a line per lookup costs a good share of the cheapest lookups' throughput)")
  boolean accessLog;

  @Option(names = "--cluster", negatable = true, defaultValue = "${env:SIEVE_CLUSTER:-false}", fallbackValue = "true",
      description = "join a cluster of Sieve nodes (Hazelcast through Vert.x's cluster manager): sets are split into"
          + " shards kept on --replicas nodes, any node answers any request (env SIEVE_CLUSTER=true; default off)")
  boolean cluster;

  @Option(names = "--cluster-host", paramLabel = "ADDRESS", defaultValue = "${env:SIEVE_CLUSTER_HOST:-" + ClusterConfig.DEFAULT_HOST + "}",
      description = "address the cluster's member and event bus ports bind to and other nodes reach (env SIEVE_CLUSTER_HOST; default ${DEFAULT-VALUE})")
  String clusterHost;

  @Option(names = "--cluster-port", paramLabel = "PORT", defaultValue = "${env:SIEVE_CLUSTER_PORT:-" + ClusterConfig.DEFAULT_PORT + "}",
      description = "Hazelcast member port (env SIEVE_CLUSTER_PORT; default ${DEFAULT-VALUE})")
  int clusterPort;

  @Option(names = "--cluster-members", paramLabel = "HOST:PORT,...", defaultValue = "${env:SIEVE_CLUSTER_MEMBERS}",
      description = "other members to join by TCP-IP, comma-separated host:port; no multicast (env SIEVE_CLUSTER_MEMBERS)")
  String clusterMembers;

  @Option(names = "--cluster-name", paramLabel = "NAME", defaultValue = "${env:SIEVE_CLUSTER_NAME:-" + ClusterConfig.DEFAULT_NAME + "}",
      description = "cluster name: nodes of different names never join (env SIEVE_CLUSTER_NAME; default ${DEFAULT-VALUE})")
  String clusterName;

  @Option(names = "--replicas", paramLabel = "N", defaultValue = "${env:SIEVE_REPLICAS:-" + ClusterConfig.DEFAULT_REPLICAS + "}",
      description = "copies of every shard on distinct nodes (env SIEVE_REPLICAS; default ${DEFAULT-VALUE})")
  int replicas;

  @Option(names = "--cluster-token", paramLabel = "TOKEN", defaultValue = "${env:SIEVE_CLUSTER_TOKEN}",
      description = "shared secret of node-to-node traffic: nodes without it cannot join, and messages without it are refused (env SIEVE_CLUSTER_TOKEN)")
  String clusterToken;

  @Option(names = "--cluster-bus-port", paramLabel = "PORT", defaultValue = "${env:SIEVE_CLUSTER_BUS_PORT:-" + ClusterConfig.DEFAULT_BUS_PORT + "}",
      description = "TCP port of the clustered event bus (shards and lookups between nodes); 0 picks a free one (env SIEVE_CLUSTER_BUS_PORT; default ${DEFAULT-VALUE})")
  int clusterBusPort;

  private boolean started;

  /** {@code --version}: the build's version and revision ({@link BuildInfo}). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      BuildInfo b = BuildInfo.read();
      return new String[] {"sieve " + b.version() + " (" + b.revision() + "), Java " + b.java()};
    }
  }

  /** Held here: java.util.logging keeps loggers weakly, and would forget the level. */
  private static Logger meterRegistryLog;
  static final String LOG_FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";
  static final String LOG_FORMAT = "%1$tFT%1$tT.%1$tL%1$tz %4$s %3$s %5$s%6$s%n";

  public static void main(String[] args) {
    // Before any class of Chronicle Map can load (the catalog and journal use it): never phone
    // home, and no "Leave your e-mail" banner (Chronicle's announcer) at every start.
    System.setProperty("chronicle.analytics.disable", "true");
    System.setProperty("chronicle.announcer.disable", "true");
    // One line per log record (time, level, logger, message), before the first logger is made;
    // the --log-format chosen replaces it once the options are parsed.
    if (System.getProperty(LOG_FORMAT_PROPERTY) == null) {
      System.setProperty(LOG_FORMAT_PROPERTY, LOG_FORMAT);
    }
    // Vert.x registers its connection gauge once per HTTP server (one per core): Micrometer's
    // "already registered" warning about it says nothing to an operator.
    meterRegistryLog = Logger.getLogger("io.micrometer.core.instrument.MeterRegistry");
    meterRegistryLog.setLevel(Level.SEVERE);
    Main main = new Main();
    int code = new CommandLine(main).execute(args);
    if (!main.started) {
      System.exit(code);
    }
  }

  @Override
  public Integer call() throws Exception {
    ServiceConfig config;
    try {
      LogFormat.parse(logFormat).install();
      long loadMemoryBytes = loadMemory == null || loadMemory.isBlank() ? 0 : ByteSize.parse(loadMemory);
      config = new ServiceConfig(port, dataDir, token, maxBodyBytes, maxLineBytes, !noDemo,
          new CompactionPolicy(compactRatio, Duration.ofSeconds(compactAfterSeconds)), loadMemoryBytes,
          host, tls(tlsCert, tlsKey), Duration.ofSeconds(drainSeconds), accessLog, FsyncPolicy.parse(fsync), corsOrigin,
          cluster ? new ClusterConfig(clusterHost, clusterPort, ClusterConfig.parseMembers(clusterMembers), clusterName,
              replicas, clusterToken, clusterBusPort) : null);
    } catch (IllegalArgumentException e) {
      System.err.println("sieve: " + e.getMessage());
      return 2;
    }
    if (config.beyondLoopback() && config.token() == null) {
      Logger.getLogger(Main.class.getName()).warning("listening on " + config.host() + ", beyond this machine, with"
          + " writes open: anyone who reaches the port can replace and delete sets; set --token (SIEVE_TOKEN)"
          + " or listen on 127.0.0.1");
    }
    if (!exitsOnOutOfMemory()) {
      Logger.getLogger(Main.class.getName()).warning("the JVM runs without -XX:+ExitOnOutOfMemoryError: one that"
          + " runs out of memory would limp on rather than exit; add it to the java command");
    }
    PrometheusMeterRegistry meters = SieveMetrics.newMeterRegistry();
    Vertx vertx;
    try {
      vertx = config.cluster() == null ? SieveMetrics.vertx(meters) : ClusterStart.vertx(config.cluster(), meters).await();
    } catch (Exception e) {
      System.err.println("sieve: cannot join the cluster: " + e.getMessage());
      Logger.getLogger(Main.class.getName()).log(Level.FINE, "join failed", e);
      return 1;
    }
    SieveService service;
    try {
      service = SieveService.start(vertx, config, meters).await();
    } catch (Exception e) {
      // one line that says why; the trace only for whoever turns the log up to FINE
      System.err.println("sieve: cannot start: " + StartFailure.explain(e, port, dataDir));
      Logger.getLogger(Main.class.getName()).log(Level.FINE, "start failed", e);
      try {
        vertx.close().await(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException stuck) {
        // exiting anyway
      }
      return 1;
    }
    started = true;
    System.out.println("sieve listening on port " + service.port() + " of " + config.host()
        + (config.tls() == null ? " (http, h2c)" : " (https, h2)")
        + (config.token() == null ? " (writes open)" : " (writes need the bearer token)"));
    java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    // SIGTERM, SIGINT: drain, close, exit 0
    StopSignals.install(() -> {
      try {
        service.drain(config.drain()).await(config.drain().toSeconds() + SHUTDOWN_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        System.err.println("sieve: the drain did not end in time; closing anyway");
      }
      close(service, vertx, closed);
      Logger.getLogger(Main.class.getName()).info("stopped");
    });
    // any other exit (System.exit, SIGHUP): close without a drain
    Runtime.getRuntime().addShutdownHook(new Thread(() -> close(service, vertx, closed)));
    return 0;
  }

  /** Closes the service and Vert.x once, bounded: a stop must never hang on a close that does not complete. */
  private static void close(SieveService service, Vertx vertx, java.util.concurrent.atomic.AtomicBoolean closed) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      service.close().await(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
      vertx.close().await(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      System.err.println("sieve: shutdown did not finish within " + SHUTDOWN_SECONDS + " s; exiting anyway");
    }
  }

  /** The TLS files, or null for plaintext; both or neither, and readable. */
  static ServiceConfig.Tls tls(Path cert, Path key) {
    if (cert == null && key == null) {
      return null;
    }
    ServiceConfig.Tls tls = new ServiceConfig.Tls(cert, key);
    for (Path p : new Path[] {cert, key}) {
      if (!java.nio.file.Files.isReadable(p)) {
        throw new IllegalArgumentException("cannot read " + (p == cert ? "--tls-cert " : "--tls-key ") + p);
      }
    }
    return tls;
  }

  /** Whether the JVM exits on its first OutOfMemoryError (a -XX flag: no manifest can set it). */
  static boolean exitsOnOutOfMemory() {
    try {
      return Boolean.parseBoolean(java.lang.management.ManagementFactory
          .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
          .getVMOption("ExitOnOutOfMemoryError").getValue());
    } catch (RuntimeException notHotSpot) {
      return true; // cannot tell: say nothing
    }
  }
}
