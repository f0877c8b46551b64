/**
 * The cluster mode ({@code --cluster}): several Sieve nodes on Vert.x's cluster manager for
 * Hazelcast, every set cut into shards kept on {@code --replicas} nodes, any node answering any
 * request. The design, what is acknowledged when, and what is not done yet: docs/CLUSTER.md.
 *
 * <p>{@link dev.sieve.cluster.ClusterStart} makes the clustered Vert.x (TCP-IP join, a quorum on
 * the shard map); {@link dev.sieve.cluster.Cluster} is a node's part: it cuts a loaded set into
 * shards ({@link dev.sieve.cluster.ShardSplit}), places them ({@link dev.sieve.cluster.Placement}),
 * ships each to its replicas over the event bus, writes the entry ({@link
 * dev.sieve.cluster.ShardedSet}) to the shard map, and routes lookups to a replica of each shard they
 * need, merging the answers in key order. A replica's side is {@code ShardReplica}; the copies
 * it holds are on its disk too ({@code ShardFiles}), and a cluster whose every node stopped serves
 * again from them ({@code ShardRecovery}).
 *
 * <p>May use Vert.x, Hazelcast (through the Vert.x manager's instance), the structures ({@code
 * words}, {@code numbers}) and {@code registry}'s kinds and exceptions; the faces reach it only
 * through {@link dev.sieve.api.Operations}.
 *
 * <pre>{@code
 * Vertx vertx = ClusterStart.vertx(config, meters).await();
 * Cluster cluster = Cluster.start(vertx, config, Path.of("data"), FsyncPolicy.ALWAYS).await();
 * ShardedSet entry = cluster.store(SetKind.WORDS, "en", wordSet).await();
 * List<Boolean> present = cluster.containsWords(entry, List.of("sieve", "siev")).await();
 * }</pre>
 */
package dev.sieve.cluster;
