package dev.sieve.metrics;

import dev.sieve.store.FsyncPolicy;
import dev.sieve.store.Journal;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The journal's meters: {@code sieve_journal_bytes} (its segment files on disk), {@code
 * sieve_journal_content_bytes} (their headers and records, without the zeros written ahead),
 * {@code sieve_journal_records} and {@code sieve_journal_segments} (read at scrape time), {@code
 * sieve_journal_fsyncs_total}, {@code sieve_journal_sync_group_records} (histogram: records one
 * force covered, the group commit's group size), {@code sieve_journal_sync_seconds} (histogram:
 * how long a force took) and {@code sieve_journal_fsync_policy} (1, label {@code policy}).
 * A node of a cluster publishes its shard copies' journal under the same names with {@code
 * sieve_cluster_journal_} in front.
 */
public final class JournalMeters {
  /** Bucket bounds of the group size histogram, in records. */
  static final double[] GROUP_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 1024};
  /** Bucket bounds of the sync time histogram: an fdatasync of an append costs about 180 µs on the CI machines. */
  static final Duration[] SYNC_BUCKETS = {
      Duration.ofNanos(50_000), Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000),
      Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(50),
      Duration.ofMillis(250), Duration.ofSeconds(1)};

  private JournalMeters() {}

  /**
   * Publishes the journal of {@code owner}, whose figures {@code stats} reads (at scrape time),
   * under the meter names {@code prefix}, {@code prefix.content}, ... ({@code sieve.journal} for
   * the store's); {@code onSync} is handed the listener the journal must tell of each sync. The
   * meters hold {@code owner} weakly, as Micrometer's gauges do: it must live as long as they report.
   */
  public static <T> void bind(MeterRegistry meters, String prefix, T owner, Function<T, Journal.Stats> stats,
      Consumer<Journal.SyncListener> onSync) {
    Gauge.builder(prefix, owner, o -> stats.apply(o).fileBytes()).baseUnit("bytes")
        .description("bytes of the journal's segment files on disk (records and the zeros written ahead of them)")
        .register(meters);
    Gauge.builder(prefix + ".content", owner, o -> stats.apply(o).bytes()).baseUnit("bytes")
        .description("bytes of the journal's headers and records").register(meters);
    Gauge.builder(prefix + ".records", owner, o -> stats.apply(o).records())
        .description("update records in the journal's segment files (folded ones too, until their segment goes)")
        .register(meters);
    Gauge.builder(prefix + ".segments", owner, o -> stats.apply(o).segments())
        .description("segment files of the journal").register(meters);
    FunctionCounter.builder(prefix + ".fsyncs", owner, o -> stats.apply(o).fsyncs())
        .description("forces (fdatasync) of the journal").register(meters);
    FsyncPolicy policy = stats.apply(owner).policy();
    Gauge.builder(prefix + ".fsync.policy", () -> 1).tag("policy", policy.flag())
        .description("the journal's fsync policy (--fsync), as a label").register(meters);
    DistributionSummary groups = DistributionSummary.builder(prefix + ".sync.group.records")
        .description("records one force of the journal covered (group commit)")
        .serviceLevelObjectives(GROUP_BUCKETS).register(meters);
    Timer syncs = Timer.builder(prefix + ".sync")
        .description("time one force of the journal took").serviceLevelObjectives(SYNC_BUCKETS).register(meters);
    onSync.accept((records, nanos) -> {
      groups.record(records);
      syncs.record(nanos, TimeUnit.NANOSECONDS);
    });
  }
}
