package dev.sieve;

import dev.sieve.http.ApiRouter;
import dev.sieve.http.HttpVerticle;
import dev.sieve.ingest.LoadLimits;
import dev.sieve.ingest.SetLoader;
import dev.sieve.registry.Registry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The running service: config → registry → loader → HTTP face, on one Vert.x instance, with one
 * HTTP server per core sharing the port. Builds run
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
  private final List<String> deployments;
  private final int port;

  private SieveService(Vertx vertx, Registry registry, SetLoader loader, WorkerExecutor workers,
      List<String> deployments, int port) {
    this.vertx = vertx;
    this.registry = registry;
    this.loader = loader;
    this.workers = workers;
    this.deployments = deployments;
    this.port = port;
  }

  /**
   * Starts serving on {@code config.port()}, one HTTP server per core sharing the port; with {@code
   * config.demo()} the demo sets load in the background and {@code /ready} turns 200 once they are
   * in, otherwise it is 200 at once.
   */
  public static Future<SieveService> start(Vertx vertx, ServiceConfig config) {
    Registry registry = new Registry();
    // a build of tens of millions of words may take a while: no "thread blocked" warnings below 30 min
    WorkerExecutor workers = vertx.createSharedWorkerExecutor(
        "sieve-build", BUILD_THREADS, BUILD_WARNING_MINUTES, TimeUnit.MINUTES);
    SetLoader loader = new SetLoader(workers, new LoadLimits(config.maxBodyBytes(), config.maxLineBytes()));
    HttpServerOptions options = new HttpServerOptions()
        // port 0: -1 makes every instance share one free port rather than each taking its own
        .setPort(config.port() == 0 ? -1 : config.port())
        .setDecompressionSupported(true)
        .setHandle100ContinueAutomatically(true);
    Supplier<Router> routers = () -> ApiRouter.create(vertx, registry, loader, workers, config.token());
    int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
    AtomicInteger port = new AtomicInteger();
    return vertx.deployVerticle(() -> new HttpVerticle(options, routers, port::set),
        new DeploymentOptions().setInstances(instances)).map(id ->
        new SieveService(vertx, registry, loader, workers, List.of(id), port.get())
    ).onSuccess(service -> {
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
    });
  }

  /** The port the server listens on. */
  public int port() {
    return port;
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
    List<Future<Void>> undeployed = new ArrayList<>();
    for (String id : deployments) {
      undeployed.add(vertx.undeploy(id));
    }
    return Future.join(undeployed).<Void>mapEmpty().eventually(() -> workers.close());
  }

  Vertx vertx() {
    return vertx;
  }
}
