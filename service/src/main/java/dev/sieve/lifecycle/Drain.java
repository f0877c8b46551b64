package dev.sieve.lifecycle;

import dev.sieve.ingest.Loads;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * The first half of a stop: readiness turns 503 at once (load balancers stop sending), the
 * server goes on answering while the requests in flight and the loads running finish, for at most
 * the drain time; loads still running then are cut ({@link Loads#cut}: logged as failed, never
 * installed). The caller closes the servers and the store next. Never blocks: it polls on a timer.
 */
public final class Drain {
  static final long POLL_MILLIS = 50;
  private static final Logger LOG = Logger.getLogger(Drain.class.getName());

  /** How a drain ended: how long it waited, and what it left behind. */
  public record Outcome(long waitedMillis, int requestsLeft, int loadsCut) {}

  private Drain() {}

  /** Drains {@code lifecycle}'s requests and {@code loads} for at most {@code limit}. */
  public static Future<Outcome> run(Vertx vertx, Lifecycle lifecycle, Loads loads, Duration limit) {
    lifecycle.draining();
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    int requests = lifecycle.inFlight();
    int running = loads.running().size();
    LOG.info("draining: not ready from now on; " + requests + " requests in flight, " + running
        + " loads running; waiting up to " + limit.toMillis() + " ms for them");
    Promise<Outcome> done = Promise.promise();
    poll(vertx, lifecycle, loads, start, deadline, done);
    return done.future();
  }

  private static void poll(Vertx vertx, Lifecycle lifecycle, Loads loads, long start, long deadline,
      Promise<Outcome> done) {
    boolean idle = lifecycle.inFlight() == 0 && loads.running().isEmpty();
    long now = System.nanoTime();
    if (!idle && now < deadline) {
      vertx.setTimer(POLL_MILLIS, id -> poll(vertx, lifecycle, loads, start, deadline, done));
      return;
    }
    long waited = (now - start) / 1_000_000;
    int cut = idle ? 0 : loads.cut("the server is stopping: the load was cut after the " + waited + " ms drain");
    int left = lifecycle.inFlight();
    if (idle) {
      LOG.info("drained in " + waited + " ms");
    } else {
      LOG.warning("drain time up after " + waited + " ms: " + cut + " loads cut, " + left
          + " requests still in flight will be cut by the close");
    }
    done.complete(new Outcome(waited, left, cut));
  }
}
