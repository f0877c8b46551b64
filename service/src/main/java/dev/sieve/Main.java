package dev.sieve;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command line entry point: parses the configuration, starts the service, loads the demo data. */
@Command(
    name = "sieve",
    mixinStandardHelpOptions = true,
    version = "sieve 0.1.0",
    description = "Serves compact word sets (interned tries) and number sets (Roaring bitmaps) over HTTP.",
    sortOptions = false)
public final class Main implements Callable<Integer> {
  @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:SIEVE_PORT:-8080}",
      description = "HTTP port; 0 picks a free one (env SIEVE_PORT; default ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:SIEVE_DATA_DIR:-data}",
      description = "directory for snapshots, reserved for persistence (env SIEVE_DATA_DIR; default ${DEFAULT-VALUE})")
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

  @Option(names = "--no-demo", description = "start without the demo sets en and primes")
  boolean noDemo;

  private boolean started;

  public static void main(String[] args) {
    // Before any class of Chronicle Map can load (a later version stores sets with it): never phone home.
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
      config = new ServiceConfig(port, dataDir, token, maxBodyBytes, maxLineBytes, !noDemo);
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
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
    return 0;
  }
}
