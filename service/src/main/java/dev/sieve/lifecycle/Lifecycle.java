package dev.sieve.lifecycle;

import dev.sieve.registry.Registry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service's state as the probes report it: the store restored or not, the start-up data
 * loaded or not ({@link Registry#isReady}), serving or draining, the requests in flight, and the
 * event loop watch. Thread-safe: every field is volatile or atomic.
 */
public final class Lifecycle {
  /** What a stop has done so far. */
  public enum Phase {
    /** Answering everything; ready once restored and the start-up data is in. */
    SERVING,
    /** Stopping: not ready, still answering while requests and loads finish. */
    DRAINING,
    /** The store is closed. */
    STOPPED;

    String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A probe's answer: ok or not, and each check's state, in a fixed order. */
  public record Probe(boolean ok, Map<String, String> checks) {}

  private final Registry registry;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean restored;
  private volatile Phase phase = Phase.SERVING;
  private volatile EventLoopWatch watch;
  /** One more readiness check (the cluster mode's), or null: its name, its state, the state that is fine. */
  private volatile String extraName;
  private volatile java.util.function.Supplier<String> extraState;
  private volatile String extraOk;

  /** The life of a service serving {@code registry}; not restored until {@link #restored()}. */
  public Lifecycle(Registry registry) {
    this.registry = registry;
  }

  /** A router's own lifecycle when no service runs it (tests): nothing to restore, no watch. */
  public static Lifecycle restoredFor(Registry registry) {
    Lifecycle l = new Lifecycle(registry);
    l.restored();
    return l;
  }

  /** The store has brought back its sets (or has none to bring back). */
  public void restored() {
    restored = true;
  }

  /** A stop has begun: readiness fails from now on. */
  public void draining() {
    if (phase == Phase.SERVING) {
      phase = Phase.DRAINING;
    }
  }

  /** The store is closed. */
  public void stopped() {
    phase = Phase.STOPPED;
  }

  public Phase phase() {
    return phase;
  }

  /** Watches {@code watch}'s event loop from now on (the liveness check). */
  public void watch(EventLoopWatch watch) {
    this.watch = watch;
  }

  /**
   * Adds readiness check {@code name}: fine when {@code state} says {@code ok} (the cluster mode's
   * {@code cluster} check). One such check at most.
   */
  public void require(String name, java.util.function.Supplier<String> state, String ok) {
    this.extraState = state;
    this.extraOk = ok;
    this.extraName = name;
  }

  /** A request came in (HTTP or gRPC). */
  public void requestStarted() {
    inFlight.incrementAndGet();
  }

  /** A request ended: answered, reset or its connection closed. Once per {@link #requestStarted}. */
  public void requestEnded() {
    inFlight.decrementAndGet();
  }

  /** Requests in flight now, the one asking included. */
  public int inFlight() {
    return inFlight.get();
  }

  /**
   * Liveness: the event loop turns. Not affected by a drain: a draining server is alive, and
   * restarting it would cut what the drain waits for.
   */
  public Probe liveness() {
    Map<String, String> checks = new LinkedHashMap<>();
    String loop = eventLoop();
    checks.put("event_loop", loop);
    return new Probe(loop.equals("ok"), checks);
  }

  /**
   * Readiness: the stored sets restored ({@code store}), the start-up data loaded ({@code
   * startup_data}), not stopping ({@code lifecycle}), the event loop turning, and the check
   * {@link #require}d if any.
   */
  public Probe readiness() {
    Map<String, String> checks = new LinkedHashMap<>();
    Phase p = phase;
    checks.put("store", p == Phase.STOPPED ? "closed" : restored ? "restored" : "restoring");
    checks.put("startup_data", registry.isReady() ? "loaded" : "loading");
    checks.put("lifecycle", p.wireName());
    String loop = eventLoop();
    checks.put("event_loop", loop);
    boolean ok = p == Phase.SERVING && restored && registry.isReady() && loop.equals("ok");
    String extra = extraName;
    if (extra != null) {
      String state = extraState.get();
      checks.put(extra, state);
      ok &= state.equals(extraOk);
    }
    return new Probe(ok, checks);
  }

  /** Whether {@code /ready} answers 200: the same as {@link #readiness()}'s verdict. */
  public boolean isReady() {
    return readiness().ok();
  }

  private String eventLoop() {
    EventLoopWatch w = watch;
    return w == null ? "ok" : w.state();
  }

  /** Milliseconds the watched event loop is late by now (0 unwatched). */
  public long eventLoopLagMillis() {
    EventLoopWatch w = watch;
    return w == null ? 0 : w.lagMillis();
  }
}
