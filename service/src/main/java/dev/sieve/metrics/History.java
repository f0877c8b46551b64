package dev.sieve.metrics;

import dev.sieve.ingest.LoadProgress;
import dev.sieve.ingest.Loads;
import dev.sieve.memory.ProcessMemory;
import dev.sieve.registry.Registry;
import dev.sieve.registry.SetFigures;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the page plots over time, sampled by the server: every {@link #INTERVAL_SECONDS} seconds,
 * the request rate and p99 of each HTTP route and gRPC method over the interval, each set's bytes,
 * the process's RSS and heap, and the lines loaded per second; the last {@link #CAPACITY} samples
 * (15 minutes) are kept, older ones dropped.
 *
 * <p>Rates and percentiles come from the meters {@code /metrics} serves (the histograms of {@code
 * vertx_http_server_response_time_seconds} and {@code grpc_server_handling_seconds}): a p99 is the
 * upper bound of the histogram bucket that holds it, as Prometheus's {@code histogram_quantile}
 * would place it at the bucket's top, so it is coarse (the buckets are {@link
 * SieveMetrics#HTTP_BUCKETS}); past the last bucket it is reported as that bucket's bound. Only
 * routes with requests in the interval are kept, at most {@link #MAX_ROUTES} of them (the busiest),
 * and at most {@link #MAX_SETS} sets (the largest), so a sample stays small whatever the traffic:
 * the whole history holds a few hundred kilobytes at the most.
 *
 * <p>Sampling runs on a daemon thread of its own (never an event loop: reading RSS is file I/O).
 * Thread-safe.
 */
public final class History implements AutoCloseable {
  public static final int INTERVAL_SECONDS = 5;
  public static final int CAPACITY = 180;
  static final int MAX_ROUTES = 20;
  static final int MAX_SETS = 20;

  /** Requests of one route (or gRPC method) in one interval: per second, and their p99 in seconds. */
  public record RouteRate(String route, double perSecond, double p99Seconds) {}

  /** One set's size at the sample's time. */
  public record SetSize(String kind, String name, long bytes, long elements) {}

  /** One sample: when, the process's memory, the load rate, the sets, the routes. */
  public record Sample(Instant at, long rssBytes, long heapUsedBytes, double loadLinesPerSecond,
      List<SetSize> sets, List<RouteRate> routes) {}

  private final MeterRegistry meters;
  private final Registry registry;
  private final Loads loads;
  private final ArrayDeque<Sample> samples = new ArrayDeque<>(CAPACITY);
  // what the previous sample read: cumulative counts per route key, lines loaded, when
  private Map<String, long[]> previousBuckets = new HashMap<>();
  private long previousLines = -1;
  private long previousNanos;
  private final java.util.function.LongSupplier nanoTime;
  private ScheduledExecutorService sampler;

  History(MeterRegistry meters, Registry registry, Loads loads) {
    this(meters, registry, loads, System::nanoTime);
  }

  /** As above, on a clock of the test's. */
  History(MeterRegistry meters, Registry registry, Loads loads, java.util.function.LongSupplier nanoTime) {
    this.meters = meters;
    this.registry = registry;
    this.loads = loads;
    this.nanoTime = nanoTime;
  }

  /** Takes a sample now, then every {@link #INTERVAL_SECONDS} seconds, until {@link #close}. */
  public synchronized void start() {
    if (sampler != null) {
      return;
    }
    sampler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sieve-history");
      t.setDaemon(true);
      return t;
    });
    sampler.scheduleAtFixedRate(this::sampleQuietly, 0, INTERVAL_SECONDS, TimeUnit.SECONDS);
  }

  /** The samples kept, oldest first. */
  public synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }

  private void sampleQuietly() {
    try {
      sample();
    } catch (RuntimeException e) {
      // a sample lost is a gap in a plot, never a reason to stop sampling
      System.getLogger(History.class.getName()).log(System.Logger.Level.WARNING, "history sample failed: " + e);
    }
  }

  /** Reads the meters and the registry into one more sample (the first one has no rates yet). */
  synchronized void sample() {
    long now = nanoTime.getAsLong();
    double seconds = previousLines < 0 ? 0 : (now - previousNanos) / 1e9;
    Map<String, long[]> buckets = routeBuckets();
    List<RouteRate> routes = new ArrayList<>();
    if (seconds > 0) {
      for (Map.Entry<String, long[]> e : buckets.entrySet()) {
        long[] before = previousBuckets.get(e.getKey());
        long[] delta = minus(e.getValue(), before);
        long count = delta[delta.length - 1];
        if (count > 0) {
          routes.add(new RouteRate(e.getKey(), count / seconds, p99(delta)));
        }
      }
      routes.sort(Comparator.comparingDouble(RouteRate::perSecond).reversed().thenComparing(RouteRate::route));
    }
    long lines = linesLoaded();
    double linesPerSecond = seconds > 0 ? Math.max(0, lines - previousLines) / seconds : 0;
    List<SetSize> sets = new ArrayList<>();
    for (SetFigures f : registry.figures()) {
      sets.add(new SetSize(f.kind().wireName(), f.name(), f.bytes(), f.count()));
    }
    sets.sort(Comparator.comparingLong(SetSize::bytes).reversed().thenComparing(SetSize::name));
    Runtime rt = Runtime.getRuntime();
    Sample s = new Sample(Instant.now(), ProcessMemory.rssBytes(), rt.totalMemory() - rt.freeMemory(), linesPerSecond,
        List.copyOf(sets.subList(0, Math.min(MAX_SETS, sets.size()))),
        List.copyOf(routes.subList(0, Math.min(MAX_ROUTES, routes.size()))));
    if (samples.size() == CAPACITY) {
      samples.removeFirst();
    }
    samples.addLast(s);
    previousBuckets = buckets;
    previousLines = lines;
    previousNanos = now;
  }

  /**
   * Per route key ("GET /v1/words/:name/contains", "gRPC sieve.v1.Sieve/Contains"), summed over
   * status codes: the cumulative count at each bucket bound of {@link SieveMetrics#HTTP_BUCKETS},
   * then the total count last (requests past the last bound are only in the total).
   */
  private Map<String, long[]> routeBuckets() {
    Map<String, long[]> out = new HashMap<>();
    for (Meter m : meters.getMeters()) {
      if (!(m instanceof Timer timer)) {
        continue;
      }
      String key = routeKey(timer.getId());
      if (key == null) {
        continue;
      }
      long[] sums = out.computeIfAbsent(key, k -> new long[SieveMetrics.HTTP_BUCKETS.length + 1]);
      CountAtBucket[] counts = timer.takeSnapshot().histogramCounts();
      for (CountAtBucket c : counts) {
        int i = bucketIndex(c.bucket(TimeUnit.SECONDS));
        if (i >= 0) {
          sums[i] += (long) c.count();
        }
      }
      sums[sums.length - 1] += timer.count();
    }
    return out;
  }

  private static String routeKey(Meter.Id id) {
    if (id.getName().equals(SieveMetrics.HTTP_SERVER_RESPONSE_TIME)) {
      String route = id.getTag("route");
      // requests no route matched (404s) carry no route: one key for them all
      return (id.getTag("method") == null ? "" : id.getTag("method") + " ") + (route == null || route.isEmpty() ? "(no route)" : route);
    }
    if (id.getName().equals(SieveMetrics.GRPC_SERVER_HANDLING)) {
      return "gRPC " + id.getTag("grpc_service") + "/" + id.getTag("grpc_method");
    }
    return null;
  }

  private static int bucketIndex(double seconds) {
    double[] bounds = SieveMetrics.HTTP_BUCKETS;
    for (int i = 0; i < bounds.length; i++) {
      if (Math.abs(bounds[i] - seconds) <= bounds[i] * 1e-9) {
        return i;
      }
    }
    return -1;
  }

  private static long[] minus(long[] now, long[] before) {
    long[] d = now.clone();
    if (before != null) {
      for (int i = 0; i < d.length; i++) {
        d[i] = Math.max(0, d[i] - before[i]);
      }
    }
    return d;
  }

  /** The bound of the first bucket holding 99 % of the interval's requests (cumulative counts, total last). */
  static double p99(long[] cumulative) {
    long total = cumulative[cumulative.length - 1];
    double[] bounds = SieveMetrics.HTTP_BUCKETS;
    for (int i = 0; i < bounds.length; i++) {
      if (cumulative[i] >= Math.ceil(0.99 * total)) {
        return bounds[i];
      }
    }
    return bounds[bounds.length - 1];
  }

  /** Lines read by every load so far: ended loads' (the counters) plus running ones'. */
  private long linesLoaded() {
    long lines = 0;
    for (Meter m : meters.find("sieve.load.lines").meters()) {
      if (m instanceof io.micrometer.core.instrument.Counter c) {
        lines += (long) c.count();
      }
    }
    for (LoadProgress p : loads.running()) {
      lines += p.lines();
    }
    return lines;
  }

  @Override
  public synchronized void close() {
    if (sampler != null) {
      sampler.shutdownNow();
      sampler = null;
    }
  }
}
