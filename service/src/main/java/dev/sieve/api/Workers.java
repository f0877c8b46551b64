package dev.sieve.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The two pools blocking work runs on, never the event loop:
 * <ul>
 *   <li>{@link #builds}: CPU-heavy work (sorting and freezing a load, building an update batch,
 *       set algebra, serializing an export), {@value #BUILD_THREADS} threads: one per core of the
 *       machines Sieve runs on, so builds never crowd out the event loops for long;
 *   <li>{@link #writes}: every write of the store (snapshot fsync, catalog, journal append), of
 *       their own so that a journaled update (a fraction of a millisecond) never waits behind a
 *       build that may run for minutes, nor holds Vert.x's shared pool; {@value #WRITE_THREADS}
 *       threads, so writes of different sets, and appends that one journal sync covers, go on in
 *       parallel (they wait on the disk and on per-set locks, not on the CPU);
 *   <li>{@link #queries}: lookups that may each take milliseconds (fuzzy and wildcard searches,
 *       bounded by a node-visit budget), {@value #QUERY_THREADS} threads, of their own so that they
 *       neither wait behind a build nor hold the event loops.
 * </ul>
 * Neither logs "thread blocked" below {@value #BLOCKED_WARNING_MINUTES} minutes: a build or a
 * snapshot of tens of millions of words may take that long.
 */
public record Workers(WorkerExecutor builds, WorkerExecutor writes, WorkerExecutor queries) {
  static final int BUILD_THREADS = 2;
  static final int WRITE_THREADS = 4;
  static final int QUERY_THREADS = 2;
  static final long BLOCKED_WARNING_MINUTES = 30;

  /** The service's pools on {@code vertx}. */
  public static Workers create(Vertx vertx) {
    return new Workers(
        vertx.createSharedWorkerExecutor("sieve-build", BUILD_THREADS, BLOCKED_WARNING_MINUTES, TimeUnit.MINUTES),
        vertx.createSharedWorkerExecutor("sieve-store", WRITE_THREADS, BLOCKED_WARNING_MINUTES, TimeUnit.MINUTES),
        vertx.createSharedWorkerExecutor("sieve-query", QUERY_THREADS, BLOCKED_WARNING_MINUTES, TimeUnit.MINUTES));
  }

  /** Closes the pools. */
  public Future<Void> close() {
    return Future.join(builds.close(), writes.close(), queries.close()).mapEmpty();
  }
}
