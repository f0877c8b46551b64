package dev.sieve;

import dev.sieve.grpc.GrpcFace;
import dev.sieve.http.ApiRouter;
import dev.sieve.http.HttpVerticle;
import dev.sieve.ingest.LoadLimits;
import dev.sieve.ingest.SetLoader;
import dev.sieve.metrics.SieveMetrics;
import dev.sieve.registry.Compactor;
import dev.sieve.registry.Registry;
import dev.sieve.registry.SetStore;
import dev.sieve.registry.StoreRestore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The running service: config → registry and store → loader → HTTP and gRPC faces, on one Vert.x
 * instance, with one HTTP server per core sharing the port (gRPC is served on it too, over h2c).
 * The store restores the data directory's sets (snapshots mapped back, journal replayed) while the
 * servers start; {@code /ready} turns 200 once they are in (and the demo sets, which load only at
 * a first start). Builds run
 * on a worker pool of their own ({@value #BUILD_THREADS} threads), so a long build never blocks the
 * event loop nor Vert.x's shared worker pool.
 */
public final class SieveService {
  static final int BUILD_THREADS = 2;
  static final long BUILD_WARNING_MINUTES = 30;
  /** How often a running load logs its progress, once it has run that long. */
  static final long PROGRESS_LOG_MILLIS = 5_000;
  private static final Logger LOG = Logger.getLogger(SieveService.class.getName());

  private final Vertx vertx;
  private final Registry registry;
  private final SetStore store;
  private final Compactor compactor;
  private final SetLoader loader;
  private final WorkerExecutor workers;
  private final List<String> deployments;
  private final int port;

  private final Operations operations;

  /** The service's metrics and the timer that logs long loads' progress. */
  private record Operations(SieveMetrics metrics, long progressTimer) {
    void close(Vertx vertx) {
      vertx.cancelTimer(progressTimer);
      metrics.close();
    }
  }

  private SieveService(Vertx vertx, Registry registry, SetStore store, Compactor compactor, SetLoader loader,
      WorkerExecutor workers, List<String> deployments, int port, Operations operations) {
    this.vertx = vertx;
    this.registry = registry;
    this.store = store;
    this.compactor = compactor;
    this.loader = loader;
    this.workers = workers;
    this.deployments = deployments;
    this.port = port;
    this.operations = operations;
  }

  /** As {@link #start(Vertx, ServiceConfig, PrometheusMeterRegistry)} with meters of its own. */
  public static Future<SieveService> start(Vertx vertx, ServiceConfig config) {
    return start(vertx, config, SieveMetrics.newMeterRegistry());
  }

  /**
   * Starts serving on {@code config.port()}, one HTTP server per core sharing the port; with {@code
   * config.demo()} the demo sets load in the background and {@code /ready} turns 200 once they are
   * in, otherwise it is 200 at once. {@code GET /metrics} serves {@code meters} (build {@code vertx}
   * with {@link SieveMetrics#vertx} on the same meters to have HTTP meters per route there).
   */
  public static Future<SieveService> start(Vertx vertx, ServiceConfig config, PrometheusMeterRegistry meters) {
    Registry registry = new Registry();
    SetStore store = new SetStore(registry, config.dataDir(), config.compaction());
    // At once, beside the servers' start: Chronicle Map's first open takes a second or two.
    long restoreFrom = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
    Future<StoreRestore.Report> restored = vertx.executeBlocking(store::restore, false);
    // a build of tens of millions of words may take a while: no "thread blocked" warnings below 30 min
    WorkerExecutor workers = vertx.createSharedWorkerExecutor(
        "sieve-build", BUILD_THREADS, BUILD_WARNING_MINUTES, TimeUnit.MINUTES);
    SetLoader loader = new SetLoader(workers, new LoadLimits(config.maxBodyBytes(), config.maxLineBytes()),
        config.dataDir() == null ? null : StoreRestore.spillDir(config.dataDir()), SetLoader.defaultWordMemory());
    HttpServerOptions options = new HttpServerOptions()
        // port 0: -1 makes every instance share one free port rather than each taking its own
        .setPort(config.port() == 0 ? -1 : config.port())
        .setDecompressionSupported(true)
        .setHandle100ContinueAutomatically(true);
    SieveMetrics metrics = new SieveMetrics(meters, registry, loader.loads(), true);
    long progressTimer = vertx.setPeriodic(PROGRESS_LOG_MILLIS, id -> loader.loads().logProgress(PROGRESS_LOG_MILLIS));
    Operations operations = new Operations(metrics, progressTimer);
    // the gRPC face on the same port: HTTP/2 requests with Content-Type application/grpc* go to it
    Supplier<Handler<HttpServerRequest>> handlers = () -> GrpcFace.beside(
        GrpcFace.server(vertx, registry, store, loader, workers, config.token()),
        ApiRouter.create(vertx, registry, store, loader, workers, config.token(), metrics));
    int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
    AtomicInteger port = new AtomicInteger();
    Future<String> deployed = vertx.deployVerticle(() -> new HttpVerticle(options, handlers, port::set),
        new DeploymentOptions().setInstances(instances));
    return Future.all(deployed, restored).map(all -> {
      StoreRestore.Report report = restored.result();
      if (store.isDurable()) {
        LOG.info("restored (from " + restoreFrom + " to " + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()
            + " ms after the JVM started) " + report.sets() + " sets (" + report.unavailable() + " unavailable, "
            + report.replayed() + " journal batches replayed) from " + config.dataDir() + " in " + report.totalMillis()
            + " ms: snapshots " + report.snapshotMillis() + " ms, Chronicle Map open " + report.chronicleMillis() + " ms");
      }
      return new SieveService(vertx, registry, store, new Compactor(store), loader, workers, List.of(deployed.result()),
          port.get(), operations);
    }).onFailure(failure -> {
      if (deployed.succeeded()) {
        vertx.undeploy(deployed.result());
      }
      closeQuietly(store);
      operations.close(vertx);
      workers.close();
    }).onSuccess(service -> {
      if (config.demo() && restored.result().freshDataDir()) {
        DemoData.load(vertx, loader, workers, store).onComplete(ar -> {
          if (ar.succeeded()) {
            markReady(registry);
          } else {
            System.err.println("sieve: demo data failed to load: " + ar.cause());
          }
        });
      } else {
        markReady(registry);
      }
    });
  }

  private static void markReady(Registry registry) {
    registry.markReady();
    LOG.info("ready " + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() + " ms after the JVM started");
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

  /** The store every write goes through. */
  public SetStore store() {
    return store;
  }

  /**
   * Stops serving, stops compacting, closes the catalog and journal (a clean close: the next start
   * needs no recovery); does not close the Vert.x instance.
   */
  public Future<Void> close() {
    operations.close(vertx);
    List<Future<Void>> undeployed = new ArrayList<>();
    for (String id : deployments) {
      undeployed.add(vertx.undeploy(id));
    }
    return Future.join(undeployed).<Void>mapEmpty()
        .eventually(() -> workers.close())
        .eventually(() -> vertx.executeBlocking(() -> {
          compactor.close();
          store.close();
          return null;
        }, false));
  }

  private static void closeQuietly(SetStore store) {
    try {
      store.close();
    } catch (Exception e) {
      LOG.warning("closing the store: " + e);
    }
  }

  Vertx vertx() {
    return vertx;
  }
}
