package dev.sieve;

import dev.sieve.http.ApiRouter;
import dev.sieve.ingest.LoadLimits;
import dev.sieve.ingest.SetLoader;
import dev.sieve.registry.Registry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;

/**
 * The running service: config → registry → loader → HTTP face, on one Vert.x instance. Builds run
 * on a worker pool of their own ({@value #BUILD_THREADS} threads), so a long build never blocks the
 * event loop nor Vert.x's shared worker pool.
 */
public final class SieveService {
  static final int BUILD_THREADS = 2;
  static final long BUILD_WARNING_MINUTES = 30;

  private final Vertx vertx;
  private final Registry registry;
  private final SetLoader loader;
  private final WorkerExecutor workers;
  private final HttpServer server;

  private SieveService(Vertx vertx, Registry registry, SetLoader loader, WorkerExecutor workers, HttpServer server) {
    this.vertx = vertx;
    this.registry = registry;
    this.loader = loader;
    this.workers = workers;
    this.server = server;
  }

  /**
   * Starts serving on {@code config.port()}; with {@code config.demo()} the demo sets load in the
   * background and {@code /ready} turns 200 once they are in, otherwise it is 200 at once.
   */
  public static Future<SieveService> start(Vertx vertx, ServiceConfig config) {
    Registry registry = new Registry();
    // a build of tens of millions of words may take a while: no "thread blocked" warnings below 30 min
    WorkerExecutor workers = vertx.createSharedWorkerExecutor(
        "sieve-build", BUILD_THREADS, BUILD_WARNING_MINUTES, TimeUnit.MINUTES);
    SetLoader loader = new SetLoader(workers, new LoadLimits(config.maxBodyBytes(), config.maxLineBytes()));
    HttpServerOptions options = new HttpServerOptions()
        .setPort(config.port())
        .setDecompressionSupported(true)
        .setHandle100ContinueAutomatically(true);
    HttpServer server = vertx.createHttpServer(options)
        .requestHandler(ApiRouter.create(vertx, registry, loader, workers, config.token()));
    return server.listen().map(s -> {
      SieveService service = new SieveService(vertx, registry, loader, workers, s);
      if (config.demo()) {
        DemoData.load(vertx, loader, workers, registry).onComplete(ar -> {
          if (ar.succeeded()) {
            registry.markReady();
          } else {
            System.err.println("sieve: demo data failed to load: " + ar.cause());
          }
        });
      } else {
        registry.markReady();
      }
      return service;
    });
  }

  /** The port the server listens on. */
  public int port() {
    return server.actualPort();
  }

  /** The named sets being served. */
  public Registry registry() {
    return registry;
  }

  /** The loader the HTTP face uses (also usable for files). */
  public SetLoader loader() {
    return loader;
  }

  /** Stops serving; does not close the Vert.x instance. */
  public Future<Void> close() {
    return server.close().eventually(() -> workers.close());
  }

  Vertx vertx() {
    return vertx;
  }
}
