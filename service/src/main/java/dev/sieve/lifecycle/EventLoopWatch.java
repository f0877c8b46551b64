package dev.sieve.lifecycle;

import io.vertx.core.Vertx;

/**
 * A periodic timer on one event loop that notes when it last ran: if it has not run for {@link
 * #STALLED_MILLIS}, that loop is blocked (a handler that never returns, a loop starved of CPU),
 * and the liveness probe says so. One loop of the several is watched (the one Vert.x gives the
 * timer); Vert.x's own blocked-thread checker logs the others. Thread-safe.
 */
public final class EventLoopWatch implements AutoCloseable {
  static final long PERIOD_MILLIS = 250;
  /** Late by this much: stalled. Far above a GC pause or a busy moment on a 2-core machine. */
  static final long STALLED_MILLIS = 5_000;

  private final Vertx vertx;
  private final long timer;
  private volatile long lastTickNanos = System.nanoTime();

  public EventLoopWatch(Vertx vertx) {
    this.vertx = vertx;
    this.timer = vertx.setPeriodic(PERIOD_MILLIS, id -> lastTickNanos = System.nanoTime());
  }

  /** How late the timer is now, beyond its period, in milliseconds. */
  public long lagMillis() {
    long since = (System.nanoTime() - lastTickNanos) / 1_000_000;
    return Math.max(0, since - PERIOD_MILLIS);
  }

  /** {@code ok}, or {@code stalled} once the timer is {@link #STALLED_MILLIS} late. */
  String state() {
    return lagMillis() >= STALLED_MILLIS ? "stalled" : "ok";
  }

  @Override
  public void close() {
    vertx.cancelTimer(timer);
  }
}
