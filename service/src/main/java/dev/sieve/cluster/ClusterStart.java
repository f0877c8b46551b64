package dev.sieve.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import dev.sieve.metrics.SieveMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A clustered Vert.x on Hazelcast as {@link ClusterConfig} says: TCP-IP join to the listed members
 * (multicast and auto-detection off), the member port fixed, failure detection within seconds,
 * and a split-brain protection (a quorum of the expected members) on Sieve's shard map.
 */
public final class ClusterStart {
  /** The split-brain protection on {@link ShardMapStore#MAP}: writes need a majority of the expected members. */
  static final String QUORUM = "sieve-quorum";

  /**
   * Hazelcast's INFO lines (its logo, every connection attempt to a member not up yet) drown
   * Sieve's; its warnings and the member lists stay. Held here: java.util.logging keeps loggers weakly.
   */
  private static final java.util.logging.Logger HAZELCAST_LOG = java.util.logging.Logger.getLogger("com.hazelcast");
  private static final java.util.logging.Logger MEMBERS_LOG = java.util.logging.Logger.getLogger("com.hazelcast.internal.cluster.ClusterService");

  private ClusterStart() {}

  /** Joins the cluster (or starts one) and returns Vert.x on it, meters on {@code meters}. */
  public static Future<Vertx> vertx(ClusterConfig c, PrometheusMeterRegistry meters) {
    HAZELCAST_LOG.setLevel(java.util.logging.Level.WARNING);
    MEMBERS_LOG.setLevel(java.util.logging.Level.INFO);
    EventBusOptions bus = new EventBusOptions().setHost(c.host()).setPort(c.busPort());
    return SieveMetrics.builder(new VertxOptions().setEventBusOptions(bus), meters)
        .withClusterManager(new HazelcastClusterManager(hazelcast(c)))
        .buildClustered();
  }

  /** The Hazelcast configuration of a node: Vert.x's own maps (ConfigUtil) and Sieve's choices on top. */
  static Config hazelcast(ClusterConfig c) {
    Config hz = ConfigUtil.loadConfig();
    hz.setClusterName(c.joinName());
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.logging.type", "jdk");
    // Vert.x leaves the cluster on close; Hazelcast's own hook would race it
    hz.setProperty("hazelcast.shutdownhook.enabled", "false");
    // a member silent for 5 s is gone (default 60 s): a dead node's shards are served by the others well within 10 s
    hz.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    hz.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
    hz.setProperty("hazelcast.wait.seconds.before.join", "1");
    // a healed partition is merged within seconds (defaults: first look after 300 s, then every 120 s)
    hz.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
    hz.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
    hz.setProperty("hazelcast.local.localAddress", c.host());
    NetworkConfig net = hz.getNetworkConfig();
    net.setPort(c.port()).setPortAutoIncrement(false);
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2);
    for (String m : c.members()) {
      join.getTcpIpConfig().addMember(m);
    }
    // writes (loads, deletes, owner changes) need the quorum; reads of the map do not: a minority side
    // answers lookups from what it holds, and refuses every change (docs/CLUSTER.md)
    hz.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(QUORUM, true, quorum(c))
        .setProtectOn(com.hazelcast.splitbrainprotection.SplitBrainProtectionOn.WRITE));
    hz.addMapConfig(new MapConfig(ShardMapStore.MAP).setBackupCount(Math.max(1, Math.min(6, c.replicas())))
        .setSplitBrainProtectionName(QUORUM));
    // the cluster's life and the copies parked on disk: small, and kept as widely as the shard map
    for (String map : new String[] {ShardRecovery.LIFE_MAP, ShardRecovery.INVENTORY_MAP}) {
      hz.addMapConfig(new MapConfig(map).setBackupCount(Math.max(1, Math.min(6, c.replicas()))));
    }
    return hz;
  }

  /**
   * A majority of the members this node expects: itself and those listed (each counted once). A node
   * started alone (no members) is its own majority.
   */
  static int quorum(ClusterConfig c) {
    return expected(c) / 2 + 1;
  }

  /** The members this node expects: itself and those listed, each counted once. */
  static int expected(ClusterConfig c) {
    Set<String> others = new LinkedHashSet<>();
    for (String m : c.members()) {
      if (!isSelf(m, c)) {
        others.add(m);
      }
    }
    return others.size() + 1;
  }

  /**
   * Whether member {@code host:port} of the list is this node: its port, and its host this node's
   * {@code --cluster-host} or a name of the same address. Lists are often the same on every node
   * (compose, a StatefulSet), so a node finds itself in them, under its DNS name while it binds its
   * pod IP; counted twice, it would raise the quorum past what the cluster can reach with a node
   * down. A name that does not resolve (yet) is another node's.
   */
  static boolean isSelf(String member, ClusterConfig c) {
    int colon = member.lastIndexOf(':');
    if (Integer.parseInt(member.substring(colon + 1)) != c.port()) {
      return false;
    }
    String host = member.substring(0, colon);
    if (host.equals(c.host())) {
      return true;
    }
    try {
      java.util.List<java.net.InetAddress> own = java.util.List.of(java.net.InetAddress.getAllByName(c.host()));
      for (java.net.InetAddress a : java.net.InetAddress.getAllByName(host)) {
        if (own.contains(a)) {
          return true;
        }
      }
      return false;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
