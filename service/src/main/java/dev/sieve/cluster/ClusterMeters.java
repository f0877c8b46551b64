package dev.sieve.cluster;

import dev.sieve.metrics.JournalMeters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cluster mode's meters on {@code /metrics}: cluster-wide figures read from the shard map
 * (the same on every node, so a dashboard may scrape any one), and this node's own. Set gauges are
 * read when scraped ({@link #refresh}).
 *
 * <ul>
 *   <li>{@code sieve_cluster_members}: live members;
 *   <li>{@code sieve_cluster_set_bytes{kind,name}}: snapshot bytes of one copy of every shard of a
 *       set, at its load; {@code sieve_cluster_set_copy_bytes}: of every copy (a shard's bytes times
 *       its owners); {@code sieve_cluster_set_shards}: its shards;
 *   <li>{@code sieve_cluster_shards_short}: shards with fewer live copies than {@code
 *       min(--replicas, live members)} (new copies under way, or none left: alert on it staying up);
 *   <li>{@code sieve_cluster_held_bytes}, {@code sieve_cluster_held_copies}: the copies this node holds;
 *   <li>{@code sieve_cluster_disk_bytes}: this node's copy files and their journal on disk (0 without a data directory);
 *   <li>{@code sieve_cluster_fold_seconds_count}, {@code _sum}: the folds of this node's copies'
 *       deltas into new bases (on a worker, updates going on), and {@code
 *       sieve_cluster_fold_failures_total} those that failed (a full disk, say: the delta goes on serving);
 *   <li>{@code sieve_cluster_lease_seconds}: how long this node's primary lease still holds (0: lapsed,
 *       it takes no update as a primary; {@link PrimaryLease});
 *   <li>{@code sieve_cluster_journal_*}: the journal of this node's shard copies, as {@code
 *       sieve_journal_*} for the store's ({@link JournalMeters}; with a data directory only).
 * </ul>
 */
final class ClusterMeters {
  private final Cluster cluster;
  private final MultiGauge setBytes;
  private final MultiGauge copyBytes;
  private final MultiGauge shards;

  ClusterMeters(MeterRegistry meters, Cluster cluster, ShardFiles files) {
    this.cluster = cluster;
    setBytes = MultiGauge.builder("sieve.cluster.set.bytes").baseUnit("bytes")
        .description("snapshot bytes of one copy of each shard of a cluster set, at its load").register(meters);
    copyBytes = MultiGauge.builder("sieve.cluster.set.copy.bytes").baseUnit("bytes")
        .description("snapshot bytes of every copy of a cluster set's shards").register(meters);
    shards = MultiGauge.builder("sieve.cluster.set.shards")
        .description("shards of a cluster set").register(meters);
    Gauge.builder("sieve.cluster.members", cluster, c -> c.members().size())
        .description("live members of the cluster").register(meters);
    Gauge.builder("sieve.cluster.shards.short", cluster, Cluster::shardsShort)
        .description("shards with fewer live copies than --replicas (or than live members)").register(meters);
    Gauge.builder("sieve.cluster.held.bytes", cluster, Cluster::heldBytes).baseUnit("bytes")
        .description("snapshot bytes of the shard copies this node holds").register(meters);
    Gauge.builder("sieve.cluster.held.copies", cluster, Cluster::heldCopies)
        .description("shard copies this node holds").register(meters);
    FunctionTimer.builder("sieve.cluster.fold", cluster, c -> c.folds().count(), c -> c.folds().nanos(), TimeUnit.NANOSECONDS)
        .description("folds of this node's shard copies' deltas into new bases").register(meters);
    FunctionCounter.builder("sieve.cluster.fold.failures", cluster, Cluster::foldFailures)
        .description("folds of this node's shard copies that failed (the delta goes on serving)").register(meters);
    Gauge.builder("sieve.cluster.disk.bytes", cluster, Cluster::diskBytes).baseUnit("bytes")
        .description("bytes of this node's shard copy files and their journal").register(meters);
    Gauge.builder("sieve.cluster.lease", cluster, Cluster::leaseSeconds).baseUnit("seconds")
        .description("how long this node's primary lease still holds (0: lapsed, it takes no update as a primary)").register(meters);
    if (files != null) {
      JournalMeters.bind(meters, "sieve.cluster.journal", files, ShardFiles::journalStats, files::onJournalSync);
    }
  }

  /** Reads every cluster set's figures from the shard map into the gauges. */
  synchronized void refresh() {
    List<MultiGauge.Row<?>> bytes = new ArrayList<>();
    List<MultiGauge.Row<?>> copies = new ArrayList<>();
    List<MultiGauge.Row<?>> counts = new ArrayList<>();
    for (ShardedSet s : cluster.entries()) {
      Tags tags = Tags.of("kind", s.kind().wireName(), "name", s.name());
      bytes.add(MultiGauge.Row.of(tags, s.bytes()));
      copies.add(MultiGauge.Row.of(tags, s.shards().stream().mapToLong(sh -> sh.bytes() * sh.owners().size()).sum()));
      counts.add(MultiGauge.Row.of(tags, s.shards().size()));
    }
    setBytes.register(bytes, true);
    copyBytes.register(copies, true);
    shards.register(counts, true);
  }
}
