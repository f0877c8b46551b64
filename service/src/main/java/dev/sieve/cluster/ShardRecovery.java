package dev.sieve.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.sieve.registry.SetKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A cluster whose every node stopped serves its sets again from the copies on the nodes' disks
 * ({@link ShardFiles}).
 *
 * <ol>
 *   <li><b>Lives.</b> The cluster-wide map {@value #LIFE_MAP} holds the id of the cluster's life,
 *       created by the first member of a cluster that has none (every node stopped, or a new
 *       cluster). A node writes the life it joins to its disk. At its start, a node that finds the
 *       life it wrote last was away while the cluster went on: its copies may have missed updates
 *       and sets replaced or removed, so it deletes them and takes copies anew ({@link Placement#move}).
 *       A node that finds another life keeps its copies <em>parked</em>: on disk, not served.
 *   <li><b>Inventory.</b> Each node lists its parked copies in {@value #INVENTORY_MAP} (its node id to
 *       each copy's file header and the (term, seq) of its last update).
 *   <li><b>Recovery.</b> Once every member this node expects (itself and {@code --cluster-members})
 *       is live, or {@link #RECOVER_AFTER_MILLIS} after it first saw a set parked, the oldest member
 *       takes each set the shard map lacks (or holds at a lower version), at the highest version of
 *       which the live members hold a copy of every shard. Of each shard it chooses the copies at
 *       the highest (term, seq): the others missed an acknowledged update. It asks their nodes to
 *       serve them ({@link ShardReplica#restore}), then writes the entry (quorum needed), in a new
 *       term, and tells every member; shards short of copies get new ones as after a death.
 *   <li>Every node deletes the parked copies the shard map supersedes (a version at least theirs)
 *       or that a removal names.
 * </ol>
 */
final class ShardRecovery {
  private static final Logger LOG = Logger.getLogger(ShardRecovery.class.getName());
  static final String LIFE_MAP = "sieve.life";
  static final String INVENTORY_MAP = "sieve.inventory";
  /** How long the oldest member waits for the expected members before it recovers from those it has. */
  static final long RECOVER_AFTER_MILLIS = 60_000;
  static final long TICK_MILLIS = 1_000;

  private final Vertx vertx;
  private final HazelcastInstance hz;
  private final String nodeId;
  private final Messages messages;
  private final ShardReplica replica;
  private final ShardMapStore shardMap;
  private final Supplier<List<String>> members;
  private final int expected;
  private final int replicas;
  private final Function<JsonObject, Future<Void>> announce;
  private final Consumer<ShardedSet> recovered;
  /** Copies on this node's disk, not served, by copy key; touched on the event loop. */
  private final Map<String, ShardFiles.Found> parked = new ConcurrentHashMap<>();
  /** Per set key: when this node, as the oldest, first saw it parked. */
  private final Map<String, Long> firstSeen = new HashMap<>();
  private boolean recovering;
  private long maxParkedVersion;

  ShardRecovery(Vertx vertx, HazelcastInstance hz, String nodeId, Messages messages, ShardReplica replica,
      ShardMapStore shardMap, Supplier<List<String>> members, int expected, int replicas,
      Function<JsonObject, Future<Void>> announce, Consumer<ShardedSet> recovered) {
    this.vertx = vertx;
    this.hz = hz;
    this.nodeId = nodeId;
    this.messages = messages;
    this.replica = replica;
    this.shardMap = shardMap;
    this.members = members;
    this.expected = expected;
    this.replicas = replicas;
    this.announce = announce;
    this.recovered = recovered;
  }

  /**
   * At the start (blocking, on a worker): the copies on disk, kept parked if the cluster's life is
   * not the one this node wrote last, else deleted; the life joined written down; the version
   * counter raised past every parked version (a later load must not reuse one).
   */
  void open(ShardFiles files) throws IOException {
    List<ShardFiles.Found> found = files.found();
    IMap<String, String> lives = hz.getMap(LIFE_MAP);
    String fresh = UUID.randomUUID().toString();
    String before = lives.putIfAbsent("life", fresh);
    String life = before != null ? before : fresh;
    String mine = files.life();
    if (life.equals(mine)) {
      if (!found.isEmpty()) {
        LOG.info("the cluster went on while this node was away: its " + found.size()
            + " shard copies on disk may be stale, deleted (copies come anew from the live members)");
      }
      found.forEach(f -> files.delete(f.copy()));
    } else {
      long top = 0;
      for (ShardFiles.Found f : found) {
        parked.put(f.copy().key(), f);
        top = Math.max(top, f.copy().version());
      }
      if (!found.isEmpty()) {
        LOG.info("a new cluster life: " + found.size() + " shard copies on disk offered for recovery");
      }
      maxParkedVersion = top;
    }
    files.life(life);
  }

  /** Publishes this node's inventory, raises the version counter, and starts the periodic work. */
  Future<Void> start() {
    return vertx.sharedData().getCounter("sieve.version").compose(c -> raise(c, maxParkedVersion)).compose(v -> publish())
        .onSuccess(v -> vertx.setPeriodic(TICK_MILLIS, t -> tick()));
  }

  private static Future<Void> raise(io.vertx.core.shareddata.Counter c, long atLeast) {
    return c.get().compose(now -> now >= atLeast ? Future.succeededFuture()
        : c.compareAndSet(now, atLeast).compose(done -> done ? Future.succeededFuture() : raise(c, atLeast)));
  }

  /**
   * This node's parked copies as {@value #INVENTORY_MAP} holds them, an empty list once none are
   * left: written after this node's consumers are registered, it also says the node is ready to
   * serve a copy or take one.
   */
  private Future<Void> publish() {
    JsonArray copies = new JsonArray();
    parked.values().forEach(f -> copies.add(new JsonObject().put("copy", f.copy().toJson()).put("term", f.term())
        .put("seq", f.seq())));
    return vertx.executeBlocking(() -> {
      hz.<String, String>getMap(INVENTORY_MAP).set(nodeId, copies.encode());
      return null;
    }, false);
  }

  /**
   * Serves a parked copy the oldest member chose ({@link Messages#restore}). It stays parked (and
   * offered) until the shard map names its version, so that a recovery tried again finds it.
   */
  void restore(Message<JsonObject> m) {
    String key = m.body().getString("key");
    ShardFiles.Found f = parked.get(key);
    if (f == null) {
      m.fail(404, "no parked copy " + key + " here");
      return;
    }
    replica.restore(f).onComplete(ar -> {
      if (ar.succeeded()) {
        m.reply("restored");
      } else {
        LOG.warning("could not serve the copy " + key + " from disk: " + ar.cause());
        m.fail(500, String.valueOf(ar.cause().getMessage()));
      }
    });
  }

  /** Member {@code gone} left: the oldest member removes what it said it held. */
  void forget(String gone) {
    vertx.executeBlocking(() -> {
      if (hz.getCluster().getMembers().iterator().next().localMember()) {
        hz.<String, String>getMap(INVENTORY_MAP).delete(gone);
      }
      return null;
    }, false);
  }

  /** Whether copies on this node's disk still wait for a recovery (or for the map to supersede them). */
  boolean waiting() {
    return !parked.isEmpty();
  }

  /** A set removed: its parked copies go. */
  void removed(SetKind kind, String name) {
    discardIf(f -> f.copy().kind() == kind && f.copy().name().equals(name));
  }

  private void tick() {
    // parked copies the shard map supersedes go, on every node; one served but not named an owner
    // (a recovery that chose others, or failed after serving it) stops answering: it gets no updates
    discardIf(f -> {
      ShardedSet e = shardMap.get(f.copy().kind(), f.copy().name());
      boolean superseded = e != null && e.version() >= f.copy().version();
      String address = ShardReplica.address(f.copy().kind(), f.copy().name(), f.copy().version(), f.copy().shard().index());
      if (superseded && replica.holds(address) && (e.version() > f.copy().version()
          || !e.shards().get(f.copy().shard().index()).owners().contains(nodeId))) {
        replica.dropShard(address);
      }
      return superseded;
    });
    if (!recovering && hz.getCluster().getMembers().iterator().next().localMember()) {
      recovering = true;
      vertx.executeBlocking(() -> new ArrayList<>(hz.<String, String>getMap(INVENTORY_MAP).entrySet()), false)
          .compose(this::recover)
          .onComplete(ar -> {
            recovering = false;
            if (ar.failed()) {
              LOG.warning("recovery from the copies on disk: " + ar.cause().getMessage() + "; tried again");
            }
          });
    }
  }

  private void discardIf(java.util.function.Predicate<ShardFiles.Found> stale) {
    List<ShardFiles.Found> gone = parked.values().stream().filter(stale).toList();
    if (gone.isEmpty()) {
      return;
    }
    gone.forEach(f -> parked.remove(f.copy().key()));
    vertx.executeBlocking(() -> {
      gone.forEach(replica::discard);
      return null;
    }, false).onComplete(ar -> publish());
  }

  /** A parked copy on a live member: the copy, where, and the (term, seq) of its last update. */
  record Offer(String node, ShardFiles.Copy copy, long term, long seq) {}

  /** The oldest member's turn: every set it can recover now, one after another. */
  private Future<Void> recover(List<Map.Entry<String, String>> inventory) {
    Set<String> live = new java.util.HashSet<>(members.get());
    Set<String> reported = new java.util.HashSet<>();
    Map<String, List<Offer>> bySet = new TreeMap<>();
    for (Map.Entry<String, String> e : inventory) {
      if (!live.contains(e.getKey())) {
        continue;
      }
      reported.add(e.getKey());
      for (Object o : new JsonArray(e.getValue())) {
        JsonObject j = (JsonObject) o;
        ShardFiles.Copy c = ShardFiles.Copy.of(j.getJsonObject("copy"));
        bySet.computeIfAbsent(ShardedSet.key(c.kind(), c.name()), k -> new ArrayList<>())
            .add(new Offer(e.getKey(), c, j.getLong("term"), j.getLong("seq")));
      }
    }
    firstSeen.keySet().retainAll(bySet.keySet());
    long now = System.nanoTime();
    // every expected member live, and each has said what it holds (a starting one may not have yet)
    boolean everyone = live.size() >= expected && reported.containsAll(live);
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<String, List<Offer>> set : bySet.entrySet()) {
      long seen = firstSeen.computeIfAbsent(set.getKey(), k -> now);
      if (!everyone && now - seen < RECOVER_AFTER_MILLIS * 1_000_000) {
        continue; // a member not back yet may hold newer copies
      }
      List<Offer> offers = set.getValue();
      chain = chain.compose(v -> recoverSet(offers, everyone));
    }
    return chain;
  }

  /** Recovers one set from {@code offers} if the map lacks it at the best complete version offered. */
  private Future<Void> recoverSet(List<Offer> offers, boolean everyone) {
    ShardFiles.Copy any = offers.get(0).copy();
    return shardMap.refresh(any.kind(), any.name()).compose(current -> {
      List<Offer> chosen = choose(offers, current == null ? 0 : current.version(), replicas);
      if (chosen.isEmpty()) {
        return Future.succeededFuture(); // no version above the map's with every shard: wait for more members
      }
      ShardedSet entry = entry(chosen);
      if (!everyone) {
        LOG.warning("recovering " + entry.name() + " v" + entry.version() + " without every expected member: a member"
            + " still away may have held newer copies");
      }
      List<Future<Object>> served = new ArrayList<>();
      for (Offer o : chosen) {
        served.add(vertx.eventBus().request(Messages.restore(o.node()), new JsonObject().put("key", o.copy().key()),
            messages.options(Cluster.STORE_TIMEOUT_MILLIS)).map(Message::body));
      }
      return Future.all(served)
          .compose(all -> current == null ? putIfAbsent(entry) : shardMap.replaceIfSame(current, entry))
          .compose(done -> {
            if (!done) {
              return Future.succeededFuture(); // written meanwhile (a load): the tick discards what it supersedes
            }
            LOG.info("recovered " + entry.kind().wireName() + " " + entry.name() + " v" + entry.version() + " from the"
                + " copies on disk: " + entry.count() + " elements at the load, " + entry.shards().size() + " shards");
            return announce.apply(new JsonObject().put("entry", entry.toJson())).onSuccess(v -> recovered.accept(entry));
          });
    });
  }

  private Future<Boolean> putIfAbsent(ShardedSet entry) {
    return vertx.executeBlocking(() -> {
      boolean done = hz.<String, String>getMap(ShardMapStore.MAP)
          .putIfAbsent(ShardedSet.key(entry.kind(), entry.name()), entry.toJson()) == null;
      if (done) {
        shardMap.know(entry);
      }
      return done;
    }, false);
  }

  /**
   * The copies to serve of the highest version above {@code above} of which {@code offers} hold
   * every shard: of each shard, up to {@code replicas} of those at the highest (term, seq), the
   * first of them (the primary to be) rotated by the shard's index so that primaries spread.
   * Empty if no version is whole.
   */
  static List<Offer> choose(List<Offer> offers, long above, int replicas) {
    Map<Long, List<Offer>> byVersion = new TreeMap<>(Comparator.reverseOrder());
    for (Offer o : offers) {
      if (o.copy().version() > above) {
        byVersion.computeIfAbsent(o.copy().version(), k -> new ArrayList<>()).add(o);
      }
    }
    for (List<Offer> version : byVersion.values()) {
      int shards = version.get(0).copy().shards();
      Map<Integer, List<Offer>> byIndex = new TreeMap<>();
      version.forEach(o -> byIndex.computeIfAbsent(o.copy().shard().index(), k -> new ArrayList<>()).add(o));
      if (byIndex.size() != shards) {
        continue;
      }
      List<Offer> out = new ArrayList<>();
      for (List<Offer> copies : byIndex.values()) {
        Comparator<Offer> position = Comparator.comparingLong(Offer::term).thenComparingLong(Offer::seq);
        Offer best = copies.stream().max(position).orElseThrow();
        List<Offer> newest = new ArrayList<>(copies.stream().filter(o -> position.compare(o, best) == 0)
            .sorted(Comparator.comparing(Offer::node)).toList());
        java.util.Collections.rotate(newest, -(best.copy().shard().index() % newest.size()));
        out.addAll(newest.subList(0, Math.min(replicas, newest.size())));
      }
      return out;
    }
    return List.of();
  }

  /**
   * The shard map's entry of the copies {@code chosen} ({@link #choose}): each shard owned by the
   * nodes of its copies in their order (the first its primary), in a term above every copy's.
   */
  static ShardedSet entry(List<Offer> chosen) {
    ShardFiles.Copy any = chosen.get(0).copy();
    Map<Integer, List<Offer>> byIndex = new TreeMap<>();
    chosen.forEach(o -> byIndex.computeIfAbsent(o.copy().shard().index(), k -> new ArrayList<>()).add(o));
    List<ShardedSet.Shard> shards = new ArrayList<>();
    for (Map.Entry<Integer, List<Offer>> e : byIndex.entrySet()) {
      List<String> owners = e.getValue().stream().map(Offer::node).toList();
      long term = e.getValue().stream().mapToLong(Offer::term).max().orElse(0) + 1;
      shards.add(e.getValue().get(0).copy().shard().with(owners, term));
    }
    return new ShardedSet(any.kind(), any.name(), any.version(), any.type(), shards);
  }
}
