package dev.sieve;

import dev.sieve.registry.CompactionPolicy;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command line entry point: parses the configuration, starts the service, loads the demo data. */
@Command(
    name = "sieve",
    mixinStandardHelpOptions = true,
    version = "sieve 0.1.0",
    description = "Serves compact word sets (interned tries) and number sets (Roaring bitmaps) over HTTP and gRPC, on one port.",
    sortOptions = false)
public final class Main implements Callable<Integer> {
  @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:SIEVE_PORT:-8080}",
      description = "HTTP and gRPC port; 0 picks a free one (env SIEVE_PORT; default ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:SIEVE_DATA_DIR:-data}",
      description = "directory for snapshots, catalog and journal: sets survive restarts and crashes (env SIEVE_DATA_DIR; default ${DEFAULT-VALUE})")
  Path dataDir;

  @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:SIEVE_TOKEN}",
      description = "bearer token required for writes; unset: writes are open (env SIEVE_TOKEN)")
  String token;

  @Option(names = "--max-body-bytes", paramLabel = "N", defaultValue = "${env:SIEVE_MAX_BODY_BYTES:-17179869184}",
      description = "most bytes of an upload, after gzip decoding (env SIEVE_MAX_BODY_BYTES; default ${DEFAULT-VALUE})")
  long maxBodyBytes;

  @Option(names = "--max-line-bytes", paramLabel = "N", defaultValue = "${env:SIEVE_MAX_LINE_BYTES:-65536}",
      description = "most bytes of one line of an upload (env SIEVE_MAX_LINE_BYTES; default ${DEFAULT-VALUE})")
  int maxLineBytes;

  @Option(names = "--compact-after-updates", paramLabel = "N", defaultValue = "${env:SIEVE_COMPACT_AFTER_UPDATES:-1000}",
      description = "fold a set's updates into a new snapshot after N update batches (env SIEVE_COMPACT_AFTER_UPDATES; default ${DEFAULT-VALUE})")
  int compactAfterUpdates;

  @Option(names = "--compact-after-seconds", paramLabel = "T", defaultValue = "${env:SIEVE_COMPACT_AFTER_SECONDS:-60}",
      description = "... or T seconds after its oldest pending update (env SIEVE_COMPACT_AFTER_SECONDS; default ${DEFAULT-VALUE})")
  long compactAfterSeconds;

  @Option(names = "--no-demo", description = "start without the demo sets en and primes (they load only into an empty data dir)")
  boolean noDemo;

  private boolean started;

  public static void main(String[] args) {
    // Before any class of Chronicle Map can load (the catalog and journal use it): never phone home.
    System.setProperty("chronicle.analytics.disable", "true");
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
      config = new ServiceConfig(port, dataDir, token, maxBodyBytes, maxLineBytes, !noDemo,
          new CompactionPolicy(compactAfterUpdates, Duration.ofSeconds(compactAfterSeconds)));
    } catch (IllegalArgumentException e) {
      System.err.println("sieve: " + e.getMessage());
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    SieveService service;
    try {
      service = SieveService.start(vertx, config).await();
    } catch (Exception e) {
      System.err.println("sieve: cannot start on port " + port + ": " + e.getMessage());
      vertx.close();
      return 1;
    }
    started = true;
    System.out.println("sieve listening on port " + service.port()
        + (config.token() == null ? " (writes open)" : " (writes need the bearer token)"));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close().await();
      vertx.close().await();
    }));
    return 0;
  }
}
