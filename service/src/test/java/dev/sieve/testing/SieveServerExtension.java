package dev.sieve.testing;

import dev.sieve.ServiceConfig;
import dev.sieve.SieveService;
import dev.sieve.metrics.SieveMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Sieve server in this JVM ({@link SieveService#start}, on its own Vert.x) for an
 * integration test, with the clients to talk to it. Register it with {@code @RegisterExtension}:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SieveServerExtension server = new SieveServerExtension(ServiceConfig.forTests(0).withToken("t"));
 * ...
 * assertEquals(200, server.http().put("/v1/words/w", "a\nb\n").status());
 * }</pre>
 *
 * <p>A static field shares one server among the class's tests (stopped after the last); an
 * instance field gives each test a server of its own (stopped after it). The server starts on
 * first use ({@link #http}, {@link #grpc}, {@link #service}, {@link #port}, {@link #start}), so a
 * class may declare several configurations and a test start only the one it needs, or prepare the
 * data directory first (a full disk, a damaged file).
 *
 * <p>{@link #durable()} gives the server a data directory of its own (unless the config names one),
 * kept across {@link #restart()} and deleted when the extension is done; {@link #restart()} stops
 * the server cleanly and starts a new one on the same config and data directory (a new port: ask
 * {@link #http} again after it). A test whose config is known only inside it (a data directory on a
 * disk it mounts) may use one without registering it, in try-with-resources. Not thread-safe: start, stop and restart from the test's thread.
 */
public final class SieveServerExtension implements BeforeAllCallback, AfterAllCallback, AfterEachCallback, AutoCloseable {
  private final ServiceConfig config;
  private final boolean durable;
  private final boolean metrics;
  private boolean perClass;
  private Path ownDataDir;
  private Running running;

  /** One start: the Vert.x it runs on, the service and its clients. */
  private record Running(Vertx vertx, SieveService service, HttpTestClient http, GrpcTestClient grpc) {}

  /** Test defaults ({@link ServiceConfig#forTests}): any free port, memory only, no demo sets. */
  public SieveServerExtension() {
    this(ServiceConfig.forTests(0));
  }

  public SieveServerExtension(ServiceConfig config) {
    this(config, false, false);
  }

  private SieveServerExtension(ServiceConfig config, boolean durable, boolean metrics) {
    this.config = config;
    this.durable = durable;
    this.metrics = metrics;
  }

  /** With a temporary data directory of its own, unless the config names one. */
  public SieveServerExtension durable() {
    return new SieveServerExtension(config, true, metrics);
  }

  /** On a Vert.x that reports HTTP metrics per route to the server's {@code /metrics}. */
  public SieveServerExtension withMetrics() {
    return new SieveServerExtension(config, durable, true);
  }

  /** The config the server starts with (its data directory filled in when durable). */
  public ServiceConfig config() {
    if (config.dataDir() != null || !durable) {
      return config;
    }
    if (ownDataDir == null) {
      try {
        ownDataDir = Files.createTempDirectory("sieve-test");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return config.withDataDir(ownDataDir);
  }

  /** The data directory, or null for a server that keeps its sets in memory only. */
  public Path dataDir() {
    return config().dataDir();
  }

  /** Starts the server unless it runs. */
  public SieveServerExtension start() {
    if (running == null) {
      Vertx vertx;
      SieveService service;
      if (metrics) {
        PrometheusMeterRegistry meters = SieveMetrics.newMeterRegistry();
        vertx = SieveMetrics.vertx(meters);
        service = startOn(vertx, () -> SieveService.start(vertx, config(), meters).await());
      } else {
        vertx = Vertx.vertx();
        service = startOn(vertx, () -> SieveService.start(vertx, config()).await());
      }
      running = new Running(vertx, service, new HttpTestClient(service.port()), new GrpcTestClient(vertx, service.port()));
    }
    return this;
  }

  /** A failed start closes its Vert.x, so that a test expecting the failure leaks no threads. */
  private static SieveService startOn(Vertx vertx, java.util.function.Supplier<SieveService> start) {
    try {
      return start.get();
    } catch (RuntimeException | Error e) {
      vertx.close().await();
      throw e;
    }
  }

  /** Stops the server cleanly (the next start needs no recovery); keeps its data directory. */
  public void stop() {
    if (running != null) {
      Running r = running;
      running = null;
      try {
        r.grpc().close();
        r.service().close().await();
      } finally {
        r.vertx().close().await();
      }
    }
  }

  /** Stops the server and starts a new one on the same config and data directory. */
  public SieveServerExtension restart() {
    stop();
    return start();
  }

  public HttpTestClient http() {
    return start().running.http();
  }

  public GrpcTestClient grpc() {
    return start().running.grpc();
  }

  public SieveService service() {
    return start().running.service();
  }

  public Vertx vertx() {
    return start().running.vertx();
  }

  public int port() {
    return service().port();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    // only a static field's extension is called here: its server serves the whole class
    perClass = true;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      done();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    done();
  }

  /** Stops the server and deletes its own data directory: what the end of a test does. */
  @Override
  public void close() {
    done();
  }

  private void done() {
    try {
      stop();
    } finally {
      deleteOwnDataDir();
    }
  }

  private void deleteOwnDataDir() {
    if (ownDataDir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(ownDataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory: left for the OS to clean
    }
    ownDataDir = null;
  }
}
