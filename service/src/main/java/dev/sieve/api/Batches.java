package dev.sieve.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;

/**
 * Runs a batched lookup: small batches (up to {@link ApiLimits#INLINE_BATCH}) at once on the
 * caller's thread, larger ones on a worker thread, so that up to {@link ApiLimits#MAX_BATCH}
 * lookups never hold the event loop.
 */
public final class Batches {
  private Batches() {}

  /** The result of {@code lookup} over a batch of {@code size} elements. */
  public static <T> Future<T> lookup(Vertx vertx, int size, Callable<T> lookup) {
    if (size <= ApiLimits.INLINE_BATCH) {
      try {
        return Future.succeededFuture(lookup.call());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }
    return vertx.executeBlocking(lookup, false);
  }
}
