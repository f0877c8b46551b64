package dev.sieve.metrics;

import dev.sieve.registry.SetFigures;
import dev.sieve.ingest.LoadProgress;
import dev.sieve.ingest.Loads;
import dev.sieve.memory.LoadBudget;
import dev.sieve.memory.ProcessMemory;
import dev.sieve.registry.Registry;
import dev.sieve.registry.CompactionPolicy;
import dev.sieve.registry.CompactionStats;
import dev.sieve.registry.SetKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sieve's own meters on a Prometheus registry, and the handler that serves them.
 *
 * <ul>
 *   <li>{@code sieve_set_bytes}, {@code sieve_set_elements}, {@code sieve_set_baseline_bytes}
 *       (labels {@code kind}, {@code name}): every set serving, read at scrape time;
 *   <li>{@code sieve_loads_total} (labels {@code kind}, {@code outcome}), {@code
 *       sieve_load_lines_total}, {@code sieve_load_read_bytes_total} (label {@code kind}), {@code
 *       sieve_load_duration_seconds} (histogram): ended loads; {@code sieve_loads_running} and,
 *       per running load (labels {@code kind}, {@code name}, {@code id}), {@code
 *       sieve_load_progress_lines} and {@code sieve_load_progress_bytes};
 *   <li>{@code sieve_load_memory_limit_bytes}, {@code sieve_load_memory_reserved_bytes}, {@code
 *       sieve_load_memory_reservations} and {@code sieve_load_memory_refused_total} (label {@code
 *       reason}: {@code busy} or {@code too_large}): the load memory budget, once bound;
 *   <li>{@code sieve_journal_*}: the journal's files, records, syncs and group sizes, once bound
 *       ({@link JournalMeters});
 *   <li>{@code sieve_compactions_total}, {@code sieve_compaction_duration_seconds}, {@code
 *       sieve_compaction_duration_max_seconds}, {@code sieve_compaction_delta_bytes_total} (labels
 *       {@code kind}, {@code action}: {@code fold} or {@code merge}), once bound; {@code
 *       sieve_set_delta_bytes} and {@code sieve_set_delta_levels} (labels {@code kind}, {@code name});
 *   <li>{@code sieve_process_rss_bytes}, and the JVM's meters (memory, GC, threads, classes, CPU,
 *       uptime) when bound.
 * </ul>
 *
 * Vert.x's HTTP meters ({@code vertx_http_server_*}, labels {@code route}, {@code method}, {@code
 * code}) are there when the Vert.x instance was built by {@link #vertx}. Thread-safe.
 */
public final class SieveMetrics implements AutoCloseable {
  /** The Vert.x timer of server responses, published as a histogram for per-route percentiles. */
  static final String HTTP_SERVER_RESPONSE_TIME = "vertx.http.server.response.time";
  static final String LOAD_DURATION = "sieve.load.duration";
  /** gRPC calls by service, method and status: {@code grpc_server_handling_seconds}, as grpc-ecosystem names it. */
  static final String GRPC_SERVER_HANDLING = "grpc.server.handling";

  private final PrometheusMeterRegistry meters;
  private final Registry registry;
  private final Loads loads;
  private final MultiGauge setBytes;
  private final MultiGauge setElements;
  private final MultiGauge setBaseline;
  private final MultiGauge deltaBytes;
  private final MultiGauge deltaLevels;
  private final MultiGauge progressLines;
  private final MultiGauge progressBytes;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final History history;

  /**
   * Meters for {@code registry}'s sets and {@code loads}, on {@code meters}; with {@code bindJvm},
   * the JVM's meters too (bind them once per registry).
   */
  public SieveMetrics(PrometheusMeterRegistry meters, Registry registry, Loads loads, boolean bindJvm) {
    this.meters = meters;
    this.registry = registry;
    this.loads = loads;
    setBytes = MultiGauge.builder("sieve.set.bytes").baseUnit("bytes")
        .description("exact heap bytes of each set").register(meters);
    setElements = MultiGauge.builder("sieve.set.elements")
        .description("elements (words or numbers) of each set").register(meters);
    setBaseline = MultiGauge.builder("sieve.set.baseline").baseUnit("bytes")
        .description("bytes a HashSet of the same elements would take").register(meters);
    deltaBytes = MultiGauge.builder("sieve.set.delta").baseUnit("bytes")
        .description("exact heap bytes of each set's delta of updates not yet folded").register(meters);
    deltaLevels = MultiGauge.builder("sieve.set.delta.levels")
        .description("levels of each set's delta (each read asks them newest first)").register(meters);
    progressLines = MultiGauge.builder("sieve.load.progress.lines")
        .description("lines read so far by each running load").register(meters);
    progressBytes = MultiGauge.builder("sieve.load.progress").baseUnit("bytes")
        .description("body bytes read so far by each running load").register(meters);
    Gauge.builder("sieve.loads.running", loads, l -> l.running().size())
        .description("loads reading or building now").register(meters);
    Gauge.builder("sieve.process.rss", ProcessMemory::rssBytes).baseUnit("bytes")
        .description("resident set size of the process (-1 where unknown)").register(meters);
    loads.onEnd(this::ended);
    history = new History(meters, registry, loads);
    closeables.add(history);
    if (bindJvm) {
      new JvmMemoryMetrics().bindTo(meters);
      JvmGcMetrics gc = new JvmGcMetrics();
      gc.bindTo(meters);
      closeables.add(gc);
      new JvmThreadMetrics().bindTo(meters);
      new ClassLoaderMetrics().bindTo(meters);
      new ProcessorMetrics().bindTo(meters);
      PromtoolNames.bindProcessCpu(meters);
      new UptimeMetrics().bindTo(meters);
    }
  }

  /** Publishes {@code budget}: its limit, what loads hold of it now, and the loads it refused. */
  public void bindLoadBudget(LoadBudget budget) {
    Gauge.builder("sieve.load.memory.limit", budget, LoadBudget::limit).baseUnit("bytes")
        .description("heap all loads together may hold (--load-memory)").register(meters);
    Gauge.builder("sieve.load.memory.reserved", budget, LoadBudget::reserved).baseUnit("bytes")
        .description("heap reserved now by running loads").register(meters);
    Gauge.builder("sieve.load.memory.reservations", budget, LoadBudget::openReservations)
        .description("loads holding a reservation now").register(meters);
    io.micrometer.core.instrument.FunctionCounter.builder("sieve.load.memory.refused", budget, LoadBudget::refusedBusy)
        .tag("reason", "busy").description("loads refused by the load memory budget").register(meters);
    io.micrometer.core.instrument.FunctionCounter.builder("sieve.load.memory.refused", budget, LoadBudget::refusedTooLarge)
        .tag("reason", "too_large").description("loads refused by the load memory budget").register(meters);
  }

  /** Publishes the journal of {@code store} ({@link JournalMeters}). */
  public void bindJournal(dev.sieve.registry.SetStore store) {
    JournalMeters.bind(meters, "sieve.journal", store, dev.sieve.registry.SetStore::journalStats, store::onJournalSync);
  }

  /**
   * Publishes {@code stats} per kind of set and action ({@code fold}, {@code merge}): {@code
   * sieve_compactions_total}, {@code sieve_compaction_duration_seconds} (count and sum), {@code
   * sieve_compaction_duration_max_seconds} and {@code sieve_compaction_delta_bytes_total}, the
   * delta bytes folded or merged.
   */
  public void bindCompactions(CompactionStats stats) {
    for (SetKind kind : SetKind.values()) {
      for (CompactionPolicy.Action action : List.of(CompactionPolicy.Action.FOLD, CompactionPolicy.Action.MERGE)) {
        CompactionStats.Tally t = stats.of(kind, action);
        Tags tags = Tags.of("kind", kind.wireName(), "action", action.label());
        FunctionCounter.builder("sieve.compactions", t, CompactionStats.Tally::count).tags(tags)
            .description("compactions done: folds of a delta into a new base, merges of a delta's levels")
            .register(meters);
        FunctionTimer.builder("sieve.compaction.duration", t, CompactionStats.Tally::count,
                CompactionStats.Tally::nanos, TimeUnit.NANOSECONDS).tags(tags)
            .description("time from reading a sealed delta to the swap of its result").register(meters);
        Gauge.builder("sieve.compaction.duration.max", t, x -> x.maxNanos() / 1e9).tags(tags).baseUnit("seconds")
            .description("the longest compaction so far").register(meters);
        FunctionCounter.builder("sieve.compaction.delta", t, CompactionStats.Tally::bytes).tags(tags).baseUnit("bytes")
            .description("delta bytes folded into new bases or merged").register(meters);
      }
    }
  }

  /** Bucket bounds of the HTTP response time histogram, in seconds. */
  static final double[] HTTP_BUCKETS = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  /** Bucket bounds of the load duration histogram, in seconds. */
  static final double[] LOAD_BUCKETS = {0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600};

  /**
   * A Prometheus registry whose Vert.x HTTP server timer and load timer keep histograms with fixed
   * buckets ({@link #HTTP_BUCKETS}, {@link #LOAD_BUCKETS}): {@code histogram_quantile} works per
   * route, and the series stay few (16 buckets per route, method and code).
   */
  public static PrometheusMeterRegistry newMeterRegistry() {
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    meters.config().meterFilter(new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        double[] buckets = switch (id.getName()) {
          case HTTP_SERVER_RESPONSE_TIME, GRPC_SERVER_HANDLING -> HTTP_BUCKETS;
          case LOAD_DURATION -> LOAD_BUCKETS;
          default -> null;
        };
        if (buckets == null) {
          return config;
        }
        double[] nanos = new double[buckets.length];
        for (int i = 0; i < buckets.length; i++) {
          nanos[i] = buckets[i] * 1e9;
        }
        return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
      }
    });
    meters.config().meterFilter(PromtoolNames.FILTER);
    return meters;
  }

  /**
   * A Vert.x instance reporting to {@code meters}: HTTP server requests by route template (never
   * by raw path, which would make a series per set name and word), method and status code.
   */
  public static Vertx vertx(PrometheusMeterRegistry meters) {
    return builder(new VertxOptions(), meters).build();
  }

  /** A Vert.x builder with {@code options} and meters on {@code meters}, as {@link #vertx}; the cluster mode adds its manager. */
  public static io.vertx.core.VertxBuilder builder(VertxOptions options, PrometheusMeterRegistry meters) {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setEnabled(true)
        .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME));
    return Vertx.builder()
        .with(options.setMetricsOptions(metrics))
        .withMetrics(new MicrometerMetricsFactory(meters));
  }

  /** The samples of these meters over time that the page plots ({@link History#start} to take them). */
  public History history() {
    return history;
  }

  /** The registry the meters are on. */
  public PrometheusMeterRegistry meters() {
    return meters;
  }

  /** Runs {@code refresh} before each scrape too (the cluster mode's gauges). */
  public void alsoRefresh(Runnable refresh) {
    alsoRefresh.add(refresh);
  }

  private final List<Runnable> alsoRefresh = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Reads every set's figures and every running load's progress into the gauges. */
  public synchronized void refresh() {
    alsoRefresh.forEach(Runnable::run);
    List<MultiGauge.Row<?>> bytes = new ArrayList<>();
    List<MultiGauge.Row<?>> elements = new ArrayList<>();
    List<MultiGauge.Row<?>> baseline = new ArrayList<>();
    List<MultiGauge.Row<?>> delta = new ArrayList<>();
    List<MultiGauge.Row<?>> levels = new ArrayList<>();
    for (SetFigures set : registry.figures()) {
      Tags tags = Tags.of("kind", set.kind().wireName(), "name", set.name());
      bytes.add(MultiGauge.Row.of(tags, set.bytes()));
      elements.add(MultiGauge.Row.of(tags, set.count()));
      baseline.add(MultiGauge.Row.of(tags, set.baselineBytes()));
      delta.add(MultiGauge.Row.of(tags, set.deltaBytes()));
      levels.add(MultiGauge.Row.of(tags, set.deltaLevels().size()));
    }
    deltaBytes.register(delta, true);
    deltaLevels.register(levels, true);
    setBytes.register(bytes, true);
    setElements.register(elements, true);
    setBaseline.register(baseline, true);
    List<MultiGauge.Row<?>> lines = new ArrayList<>();
    List<MultiGauge.Row<?>> read = new ArrayList<>();
    for (LoadProgress p : loads.running()) {
      Tags tags = Tags.of("kind", p.kind(), "name", p.name(), "id", Long.toString(p.id()));
      lines.add(MultiGauge.Row.of(tags, p.lines()));
      read.add(MultiGauge.Row.of(tags, p.bytes()));
    }
    progressLines.register(lines, true);
    progressBytes.register(read, true);
  }

  /** {@code GET /metrics}: refreshes the gauges, then answers in Prometheus text format. */
  public Handler<RoutingContext> scrapeHandler() {
    Handler<RoutingContext> scrape = PrometheusScrapingHandler.create(meters);
    return ctx -> {
      refresh();
      scrape.handle(ctx);
    };
  }

  private void ended(LoadProgress p) {
    String outcome = p.phase() == LoadProgress.Phase.DONE ? "done" : "failed";
    Counter.builder("sieve.loads").tags("kind", p.kind(), "outcome", outcome)
        .description("loads ended").register(meters).increment();
    Counter.builder("sieve.load.lines").tags("kind", p.kind())
        .description("lines read by ended loads").register(meters).increment(p.lines());
    Counter.builder("sieve.load.read").baseUnit("bytes").tags("kind", p.kind())
        .description("body bytes read by ended loads, after gzip decoding").register(meters).increment(p.bytes());
    Timer.builder(LOAD_DURATION).tags("kind", p.kind(), "outcome", outcome)
        .description("time from a load's first byte to its set built or its failure")
        .register(meters).record(Duration.ofMillis(p.elapsedMillis()));
  }

  /**
   * Publishes {@code sieve_build_info{version,revision,java}} = 1: which build serves, for joins
   * in queries and for dashboards (the Prometheus convention for build facts).
   */
  public void bindBuildInfo(String version, String revision, String java) {
    Gauge.builder("sieve.build.info", () -> 1)
        .tags("version", version, "revision", revision, "java", java)
        .description("the build serving: its version, source revision and Java runtime").register(meters);
  }

  /**
   * Records one gRPC call that ended with {@code status} (a {@code GrpcStatus} name) after {@code
   * nanos}: {@code grpc_server_handling_seconds} (a histogram, its {@code _count} the calls) with
   * labels {@code grpc_service}, {@code grpc_method}, {@code grpc_code}. The caller keeps the
   * labels to the server's own services and methods.
   */
  public void grpcCall(String service, String method, String status, long nanos) {
    Timer.builder(GRPC_SERVER_HANDLING)
        .tags("grpc_service", service, "grpc_method", method, "grpc_code", status)
        .description("gRPC calls handled, from their headers to their status")
        .register(meters).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /** Unbinds what needs it (the GC listener). */
  @Override
  public void close() {
    for (AutoCloseable c : closeables) {
      try {
        c.close();
      } catch (Exception e) {
        // closing a listener: nothing to do about a failure
      }
    }
  }
}
