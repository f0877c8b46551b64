package dev.sieve;

import dev.sieve.api.BuildInfo;
import dev.sieve.cluster.Cluster;
import dev.sieve.api.Operations;
import dev.sieve.api.Workers;
import dev.sieve.grpc.GrpcFace;
import dev.sieve.http.ApiRouter;
import dev.sieve.http.HttpVerticle;
import dev.sieve.http.RequestTracker;
import dev.sieve.ingest.LoadLimits;
import dev.sieve.ingest.SetLoader;
import dev.sieve.lifecycle.Drain;
import dev.sieve.lifecycle.EventLoopWatch;
import dev.sieve.lifecycle.Lifecycle;
import dev.sieve.memory.LoadBudget;
import dev.sieve.metrics.SieveMetrics;
import dev.sieve.registry.Compactor;
import dev.sieve.registry.Registry;
import dev.sieve.registry.SetStore;
import dev.sieve.registry.StoreRestore;
import dev.sieve.store.DataDir;
import dev.sieve.store.Journal;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The running service: config → registry and store → loader → HTTP and gRPC faces, on one Vert.x
 * instance, with one HTTP server per core sharing the port (gRPC is served on it too, over h2c).
 * The store restores the data directory's sets (snapshots mapped back, journal replayed) while the
 * servers start; {@code /ready} turns 200 once they are in (and the demo sets, which load only at
 * a first start). Builds and store writes run on pools of their own ({@link Workers}), so a long
 * build never blocks the event loop, Vert.x's shared worker pool, nor an update's journal write.
 */
public final class SieveService {
  /** How often a running load logs its progress, once it has run that long. */
  static final long PROGRESS_LOG_MILLIS = 5_000;
  private static final Logger LOG = Logger.getLogger(SieveService.class.getName());
  /** Deflate level of compressed answers (1 fastest .. 9 smallest). */
  static final int COMPRESSION_LEVEL = 1;
  /** Answers shorter than this go uncompressed: below a few packets, gzip's header and CPU buy nothing. */
  static final int COMPRESSION_THRESHOLD_BYTES = 1024;

  private final Vertx vertx;
  private final Registry registry;
  private final SetStore store;
  private final Compactor compactor;
  private final SetLoader loader;
  private final Workers workers;
  private final List<String> deployments;
  private final int port;

  private final Running operations;
  /** This node's part of a cluster, or null. */
  private final Cluster cluster;

  /** The service's metrics, the timer that logs long loads' progress, the event loop watch, the lifecycle. */
  private record Running(SieveMetrics metrics, long progressTimer, EventLoopWatch watch, Lifecycle lifecycle) {
    void close(Vertx vertx) {
      vertx.cancelTimer(progressTimer);
      watch.close();
      metrics.close();
    }
  }

  private SieveService(Vertx vertx, Registry registry, SetStore store, Compactor compactor, SetLoader loader,
      Workers workers, List<String> deployments, int port, Running operations, Cluster cluster) {
    this.cluster = cluster;
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
    if (config.cluster() == null) {
      return start(vertx, config, meters, null);
    }
    // no demo sets in cluster mode: every node would load them into the cluster at once
    return Cluster.start(vertx, config.cluster(), config.dataDir(), config.fsync()).compose(cluster -> start(vertx, config.withDemo(false), meters, cluster));
  }

  private static Future<SieveService> start(Vertx vertx, ServiceConfig config, PrometheusMeterRegistry meters,
      Cluster cluster) {
    Registry registry = new Registry();
    SetStore store = new SetStore(registry, config.dataDir(), config.compaction(),
        Journal.Options.defaults().withFsync(config.fsync()));
    // At once, beside the servers' start: Chronicle Map's first open (the catalog) takes a second or two.
    long restoreFrom = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
    Future<StoreRestore.Report> restored = vertx.executeBlocking(store::restore, false);
    Workers workers = Workers.create(vertx);
    // word loads spill beyond their share of the budget to <data-dir>/tmp (no data dir: they stay in memory)
    SetLoader loader = new SetLoader(workers.builds(), new LoadLimits(config.maxBodyBytes(), config.maxLineBytes()),
        new LoadBudget(config.loadMemoryBytes()), config.dataDir() == null ? null : DataDir.tmp(config.dataDir()));
    HttpServerOptions options = ServerOptions.of(config);
    SieveMetrics metrics = new SieveMetrics(meters, registry, loader.loads(), true);
    metrics.bindLoadBudget(loader.budget());
    BuildInfo build = BuildInfo.read();
    metrics.bindBuildInfo(build.version(), build.revision(), build.java());
    metrics.bindJournal(store);
    metrics.bindCompactions(store.compactionStats());
    if (cluster != null) {
      metrics.alsoRefresh(cluster.bindMeters(meters));
    }
    metrics.history().start();
    long progressTimer = vertx.setPeriodic(PROGRESS_LOG_MILLIS, id -> loader.loads().logProgress(PROGRESS_LOG_MILLIS));
    Lifecycle lifecycle = new Lifecycle(registry);
    if (cluster != null) {
      lifecycle.require("cluster", cluster::readiness, Cluster.SETTLED);
    }
    EventLoopWatch watch = new EventLoopWatch(vertx);
    lifecycle.watch(watch);
    restored.onSuccess(r -> lifecycle.restored());
    Running operations = new Running(metrics, progressTimer, watch, lifecycle);
    Operations ops = new Operations(registry, store, loader, workers, cluster);
    RequestTracker tracker = new RequestTracker(lifecycle, metrics, config.accessLog());
    // the gRPC face on the same port: HTTP/2 requests with Content-Type application/grpc* go to it
    Supplier<Handler<HttpServerRequest>> handlers = () -> tracker.front(GrpcFace.beside(
        GrpcFace.server(vertx, ops, config.token()),
        ApiRouter.create(vertx, ops, config.token(), config.corsOrigin(), metrics, tracker)));
    int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
    AtomicInteger port = new AtomicInteger();
    Future<String> deployed = vertx.deployVerticle(() -> new HttpVerticle(options, handlers, port::set),
        new DeploymentOptions().setInstances(instances));
    // join, not all: a failure is reported only once both are done, so that its clean-up (below)
    // never races a half-finished deployment or restore
    return Future.join(deployed, restored).map(all -> {
      StoreRestore.Report report = restored.result();
      if (store.isDurable()) {
        LOG.info("restored (from " + restoreFrom + " to " + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()
            + " ms after the JVM started) " + report.sets() + " sets (" + report.unavailable() + " unavailable, "
            + report.replayed() + " journal batches replayed) from " + config.dataDir() + " in " + report.totalMillis()
            + " ms: snapshots " + report.snapshotMillis() + " ms, Chronicle Map open " + report.chronicleMillis() + " ms");
      }
      return new SieveService(vertx, registry, store, new Compactor(store), loader, workers, List.of(deployed.result()),
          port.get(), operations, cluster);
    }).recover(failure -> {
      // undeployed before the failure is reported: the caller may close Vert.x next, and an
      // undeploy racing that close logs a SEVERE "Undeploy failed"
      Future<Void> undeployed = deployed.succeeded() ? vertx.undeploy(deployed.result()) : Future.succeededFuture();
      return undeployed.eventually(() -> vertx.executeBlocking(() -> {
        closeQuietly(store);
        return null;
      }, false)).eventually(() -> {
        operations.close(vertx);
        return workers.close();
      }).transform(done -> Future.<SieveService>failedFuture(failure));
    }).onSuccess(service -> {
      if (config.demo() && restored.result().freshDataDir()) {
        DemoData.load(vertx, ops).onComplete(ar -> {
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
    // the registry's flag is the start-up data's; the probes add the store and the lifecycle
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

  /** Where the service is in its life (what the probes report). */
  public Lifecycle lifecycle() {
    return operations.lifecycle();
  }

  /**
   * The first half of a stop ({@link Drain}): not ready from now on, then up to {@code limit} for
   * the requests in flight and the loads running to finish; loads still running then are cut
   * (logged as failed). Serves meanwhile. {@link #close()} next.
   */
  public Future<Drain.Outcome> drain(java.time.Duration limit) {
    return Drain.run(vertx, operations.lifecycle(), loader.loads(), limit);
  }

  /**
   * Stops serving, stops compacting, closes the catalog and journal (a clean close: the next start
   * needs no recovery); does not close the Vert.x instance.
   */
  public Future<Void> close() {
    operations.lifecycle().draining();
    operations.close(vertx);
    List<Future<Void>> undeployed = new ArrayList<>();
    for (String id : deployments) {
      undeployed.add(vertx.undeploy(id));
    }
    return Future.join(undeployed).<Void>mapEmpty()
        .eventually(() -> cluster == null ? Future.succeededFuture() : cluster.close())
        .eventually(() -> workers.close())
        .eventually(() -> vertx.executeBlocking(() -> {
          compactor.close();
          store.close();
          operations.lifecycle().stopped();
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
