package dev.sieve;

import dev.sieve.api.BuildVersion;
import dev.sieve.memory.ByteSize;
import dev.sieve.metrics.SieveMetrics;
import dev.sieve.registry.CompactionPolicy;
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

  @Option(names = "--compact-after-updates", paramLabel = "N", defaultValue = "${env:SIEVE_COMPACT_AFTER_UPDATES:-" + CompactionPolicy.DEFAULT_UPDATES + "}",
      description = "fold a set's updates into a new snapshot after N update batches (env SIEVE_COMPACT_AFTER_UPDATES; default ${DEFAULT-VALUE})")
  int compactAfterUpdates;

  @Option(names = "--compact-after-seconds", paramLabel = "T", defaultValue = "${env:SIEVE_COMPACT_AFTER_SECONDS:-" + CompactionPolicy.DEFAULT_SECONDS + "}",
      description = "... or T seconds after its oldest pending update (env SIEVE_COMPACT_AFTER_SECONDS; default ${DEFAULT-VALUE})")
  long compactAfterSeconds;

  @Option(names = "--load-memory", paramLabel = "SIZE", defaultValue = "${env:SIEVE_LOAD_MEMORY}",
      description = "heap all loads together may hold (collected input, sorting, builds), e.g. 256m, 2g or bytes;"
          + " a load that would pass it is refused: 503 with Retry-After while others hold it, 413 if it alone"
          + " needs more (env SIEVE_LOAD_MEMORY; default: half the max heap, -Xmx)")
  String loadMemory;

  @Option(names = "--cors-origin", paramLabel = "ORIGINS", defaultValue = "${env:SIEVE_CORS_ORIGIN}",
      description = "browser origins allowed to call the HTTP API: * or a comma-separated list like"
          + " https://app.example.com; unset: no CORS headers (env SIEVE_CORS_ORIGIN)")
  String corsOrigin;

  @Option(names = "--no-demo", description = "start without the demo sets en and primes (they load only into an empty data dir)")
  boolean noDemo;

  private boolean started;

  /** {@code --version}: the build's version, as {@code GET /v1/info} reports it. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"sieve " + BuildVersion.version()};
    }
  }

  /** Held here: java.util.logging keeps loggers weakly, and would forget the level. */
  private static Logger meterRegistryLog;
  static final String LOG_FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";
  static final String LOG_FORMAT = "%1$tFT%1$tT.%1$tL%1$tz %4$s %3$s %5$s%6$s%n";

  public static void main(String[] args) {
    // Before any class of Chronicle Map can load (the catalog and journal use it): never phone home.
    System.setProperty("chronicle.analytics.disable", "true");
    // One line per log record (time, level, logger, message), before the first logger is made.
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
      long loadMemoryBytes = loadMemory == null || loadMemory.isBlank() ? 0 : ByteSize.parse(loadMemory);
      config = new ServiceConfig(port, dataDir, token, maxBodyBytes, maxLineBytes, !noDemo,
          new CompactionPolicy(compactAfterUpdates, Duration.ofSeconds(compactAfterSeconds)), loadMemoryBytes,
          corsOrigin);
    } catch (IllegalArgumentException e) {
      System.err.println("sieve: " + e.getMessage());
      return 2;
    }
    if (!exitsOnOutOfMemory()) {
      Logger.getLogger(Main.class.getName()).warning("the JVM runs without -XX:+ExitOnOutOfMemoryError: one that"
          + " runs out of memory would limp on rather than exit; add it to the java command");
    }
    PrometheusMeterRegistry meters = SieveMetrics.newMeterRegistry();
    Vertx vertx = SieveMetrics.vertx(meters);
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
    System.out.println("sieve listening on port " + service.port()
        + (config.token() == null ? " (writes open)" : " (writes need the bearer token)"));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      // Bounded: a stop must never hang on a close that does not complete.
      try {
        service.close().await(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        vertx.close().await(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        System.err.println("sieve: shutdown did not finish within " + SHUTDOWN_SECONDS + " s; exiting anyway");
      }
    }));
    return 0;
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
