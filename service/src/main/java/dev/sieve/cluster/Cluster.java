package dev.sieve.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import dev.sieve.numbers.NumberSet;
import dev.sieve.registry.SetKind;
import dev.sieve.registry.SetUnavailableException;
import dev.sieve.registry.UpdateOp;
import dev.sieve.words.WordSet;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * This node's part of a Sieve cluster: it ships the shards of the sets loaded through it to their
 * replicas and installs them in the shard map, holds the shards placed on it ({@link ShardReplica}),
 * and routes lookups of any set to a replica of each shard it needs, retrying on another replica
 * while a dead node is being detected. Built on a clustered Vert.x ({@link ClusterStart}).
 * Thread-safe; the returned futures complete on the caller's context or a Vert.x thread.
 */
public final class Cluster {
  private static final Logger LOG = Logger.getLogger(Cluster.class.getName());
  /** One lookup's wait for a replica before trying again. */
  static final long ASK_TIMEOUT_MILLIS = 1_500;
  /** How long a lookup keeps trying (detecting a dead member takes up to 5 s, see {@link ClusterStart}). */
  static final long RETRY_FOR_MILLIS = 9_000;
  static final long RETRY_PAUSE_MILLIS = 250;
  static final long STORE_TIMEOUT_MILLIS = 60_000;

  private final Vertx vertx;
  private final ClusterConfig config;
  private final HazelcastInstance hz;
  private final String nodeId;
  private final Messages messages;
  private final ShardReplica replica;
  private final ShardMapStore shardMap;
  private final ShardUpdates updates;
  /** This node's lease to act as a primary, renewed by asking the other members ({@link #renewLease}). */
  private final PrimaryLease lease;
  /** The membership lookups this node sends over the bus, batched per shard under load. */
  private final LookupBatcher lookups;
  /** The copies' files, or null (no data directory: held in memory only). */
  private final ShardFiles files;
  /** Recovery from the copies on disk after every node stopped, or null (no data directory). */
  private final ShardRecovery recovery;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  /** The member attribute Vert.x's Hazelcast manager keeps its node id in (not Hazelcast's member UUID). */
  private static final String NODE_ID = "__vertx.nodeId";

  private Cluster(Vertx vertx, ClusterConfig config, HazelcastClusterManager manager, ShardFiles files) {
    this.vertx = vertx;
    this.config = config;
    this.hz = manager.getHazelcastInstance();
    this.nodeId = manager.getNodeId();
    this.messages = new Messages(config.token());
    this.files = files;
    this.replica = new ShardReplica(vertx, messages, files);
    this.lookups = new LookupBatcher((address, query) -> request(address, "contains", query),
        () -> ((VertxInternal) vertx).getOrCreateContext().promise());
    this.lease = new PrimaryLease(hz.getConfig().getSplitBrainProtectionConfig(ClusterStart.QUORUM).getMinimumClusterSize() - 1,
        System::nanoTime);
    this.shardMap = new ShardMapStore(vertx, hz, new ShardMapStore.Watcher() {
      @Override
      public void held(ShardedSet entry) {
        lease.seen(entry);
      }

      @Override
      public void forgot(SetKind kind, String name) {
        lease.forget(kind, name);
      }
    });
    this.updates = new ShardUpdates(vertx, messages, replica, shardMap, this::members,
        () -> hz.getSplitBrainProtectionService().getSplitBrainProtection(ClusterStart.QUORUM).hasMinimumSize(), nodeId, lease);
    this.recovery = files == null ? null : new ShardRecovery(vertx, hz, nodeId, messages, replica, shardMap, this::members,
        ClusterStart.expected(config), config.replicas(), this::announce, entry -> {
          recopy(entry);
          rebalanceSoon();
        });
  }

  /**
   * This node's part on {@code vertx}, which must be clustered on Hazelcast ({@link
   * ClusterStart#vertx}): consumers registered, the shard map read, the membership listener on.
   * With {@code dataDir}, the copies it holds are on disk too ({@link ShardFiles}, in {@code
   * <dataDir>/cluster}, updates synced as {@code fsync} says), and after every node stopped the
   * cluster serves its sets again from them ({@link ShardRecovery}); null: in memory only.
   */
  public static Future<Cluster> start(Vertx vertx, ClusterConfig config, java.nio.file.Path dataDir,
      dev.sieve.store.FsyncPolicy fsync) {
    if (!(((VertxInternal) vertx).clusterManager() instanceof HazelcastClusterManager manager)) {
      return Future.failedFuture(new IllegalStateException("the cluster mode needs Vert.x clustered on Hazelcast"));
    }
    return vertx.executeBlocking(() -> {
      ShardFiles files = dataDir == null ? null : ShardFiles.open(dev.sieve.store.DataDir.cluster(dataDir), fsync);
      Cluster c = new Cluster(vertx, config, manager, files);
      if (c.recovery != null) {
        c.recovery.open(files);
      }
      return c;
    }, false).compose(Cluster::listen).compose(c -> c.recovery == null ? Future.succeededFuture(c) : c.recovery.start().map(c));
  }

  private Future<Cluster> listen() {
    serve(Messages.store(nodeId), replica::store);
    this.<JsonObject>serve(Messages.install(nodeId), m -> {
      installed(m.body());
      m.reply("installed");
    });
    // published (no reply to fail): a message without the token is ignored
    consumers.add(vertx.eventBus().<JsonObject>consumer(Messages.ABORT, m -> {
      if (!messages.trusted(m)) {
        return;
      }
      JsonObject j = m.body();
      replica.drop(SetKind.fromWireName(j.getString("kind")), j.getString("name"), Long.MIN_VALUE, j.getLong("version"));
    }));
    serve(Messages.update(nodeId), updates::primary);
    serve(Messages.replicate(nodeId), updates::copy);
    serve(Messages.recopy(nodeId), updates::recopy);
    serve(Messages.move(nodeId), updates::move);
    serve(Messages.drop(nodeId), updates::drop);
    serve(Messages.unstage(nodeId), updates::unstage);
    this.<JsonObject>serve(Messages.restore(nodeId), m -> {
      if (recovery != null) {
        recovery.restore(m);
      } else {
        m.fail(404, "this node keeps no copies on disk");
      }
    });
    this.<JsonObject>serve(Messages.lease(nodeId), m -> m.reply(members().contains(m.body().getString("from"))));
    vertx.setPeriodic(REPAIR_MILLIS, t -> repair());
    vertx.setPeriodic(REPAIR_MILLIS, t -> dropOrphans());
    renewLease();
    vertx.setPeriodic(PrimaryLease.RENEW_MILLIS, t -> renewLease());
    hz.getLifecycleService().addLifecycleListener(e -> {
      if (e.getState() == com.hazelcast.core.LifecycleEvent.LifecycleState.MERGED) {
        vertx.runOnContext(v -> merged());
      }
    });
    hz.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent e) {
        LOG.info("member joined: " + id(e.getMember()) + " at " + e.getMember().getAddress());
        vertx.runOnContext(v -> rebalanceSoon());
      }

      @Override
      public void memberRemoved(MembershipEvent e) {
        LOG.info("member left: " + id(e.getMember()) + " at " + e.getMember().getAddress()
            + "; its shards are served by their other replicas");
        vertx.runOnContext(v -> reassign(id(e.getMember())));
        if (recovery != null) {
          recovery.forget(id(e.getMember()));
        }
      }
    });
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).map(this);
  }

  /**
   * One round of this node's lease ({@link PrimaryLease}): every other member is asked whether it
   * still counts this node a member; the lease runs on from the round's start once enough say yes.
   */
  private void renewLease() {
    if (lease.needed() == 0) {
      return;
    }
    long sentAt = lease.now();
    JsonObject ask = new JsonObject().put("from", nodeId);
    java.util.concurrent.atomic.AtomicInteger yes = new java.util.concurrent.atomic.AtomicInteger();
    for (String other : members()) {
      if (!other.equals(nodeId)) {
        vertx.eventBus().<Boolean>request(Messages.lease(other), ask, messages.options(PrimaryLease.LEASE_MILLIS)).onSuccess(r -> {
          if (Boolean.TRUE.equals(r.body())) {
            lease.answered(sentAt, yes.incrementAndGet());
          }
        });
      }
    }
  }

  /** Consumes {@code address} with {@code handler}, a message without the cluster token refused first (403). */
  private <T> void serve(String address, io.vertx.core.Handler<Message<T>> handler) {
    consumers.add(vertx.eventBus().<T>consumer(address, m -> {
      if (!refuse(m)) {
        handler.handle(m);
      }
    }));
  }

  private boolean refuse(Message<?> m) {
    if (messages.trusted(m)) {
      return false;
    }
    m.fail(403, "no or wrong cluster token");
    return true;
  }

  /**
   * This node was on the smaller side of a partition that healed ({@code MERGED}): the map is now
   * the larger side's, which took updates this node's copies missed and rewrote the owners
   * without it. Its copy of the map is read again, and every copy it holds that the map does not
   * name it an owner of (at that version) is dropped, so it answers no read from a stale copy;
   * copies come back to it by moves, as to a member that joins.
   */
  private void merged() {
    vertx.executeBlocking(() -> {
      shardMap.reload();
      return null;
    }, false).onComplete(ar -> {
      int dropped = 0;
      for (ShardReplica.Held h : replica.held()) {
        ShardedSet e = shardMap.get(h.kind(), h.name());
        boolean named = e != null && e.version() == h.version() && h.index() < e.shards().size()
            && e.shards().get(h.index()).owners().contains(nodeId);
        if (!named) {
          replica.dropShard(ShardReplica.address(h.kind(), h.name(), h.version(), h.index()));
          dropped++;
        }
      }
      LOG.warning("a partition healed and this node was on the smaller side: " + dropped + " copies the merged shard"
          + " map does not name it for were dropped (they may have missed updates)"
          + (ar.failed() ? "; the map could not be read again: " + ar.cause() : ""));
    });
  }

  /** A new entry (or a removal) of the shard map, sent by the node that wrote it: know it, drop what it replaced. */
  private void installed(JsonObject j) {
    if (j.containsKey("removed")) {
      SetKind kind = SetKind.fromWireName(j.getString("kind"));
      shardMap.forget(kind, j.getString("name"));
      replica.drop(kind, j.getString("name"), Long.MAX_VALUE, Long.MIN_VALUE);
      if (recovery != null) {
        recovery.removed(kind, j.getString("name"));
      }
      return;
    }
    ShardedSet set = ShardedSet.of(j.getString("entry"));
    shardMap.know(set);
    replica.drop(set.kind(), set.name(), set.version(), Long.MIN_VALUE);
  }

  /**
   * A member left: the oldest live member rewrites the entries that named it as an owner without it,
   * so that the next owner becomes the primary, then has each shard left with fewer than {@code
   * --replicas} copies (or than there are live members) copied anew onto a live member that holds
   * none, by the shard's primary ({@link ShardUpdates#recopy}).
   */
  private void reassign(String gone) {
    Member oldest = hz.getCluster().getMembers().iterator().next();
    if (!oldest.localMember()) {
      return;
    }
    for (ShardedSet s : shardMap.all()) {
      if (s.shards().stream().noneMatch(sh -> sh.owners().contains(gone))) {
        continue;
      }
      List<ShardedSet.Shard> shards = new ArrayList<>();
      for (ShardedSet.Shard sh : s.shards()) {
        List<String> owners = new ArrayList<>(sh.owners());
        owners.remove(gone);
        shards.add(sh.withOwners(owners));
      }
      ShardedSet next = s.withShards(shards);
      shardMap.replaceIfSame(s, next).onComplete(ar -> {
        if (ar.succeeded() && ar.result()) {
          recopy(next);
        } else {
          LOG.warning("could not rewrite the owners of " + s.name() + ": "
              + (ar.succeeded() ? "the entry changed meanwhile" : ar.cause().getMessage()));
        }
      });
    }
  }

  /** The copies every shard should have: {@code --replicas}, or every live member when there are fewer. */
  private int wantedCopies() {
    return Math.min(config.replicas(), members().size());
  }

  /** Whether shard {@code sh} has a live copy but fewer than {@code wanted}: one a new copy can mend. */
  private static boolean mendable(ShardedSet.Shard sh, int wanted) {
    return !sh.owners().isEmpty() && sh.owners().size() < wanted;
  }

  /** Shards of the map with fewer live copies than {@link #wantedCopies} (none left counted too). */
  long shardsShort() {
    int wanted = wantedCopies();
    return shardMap.all().stream().flatMap(s -> s.shards().stream()).filter(sh -> sh.owners().size() < wanted).count();
  }

  long heldBytes() {
    return replica.bytes();
  }

  long heldCopies() {
    return replica.held().size();
  }

  /** The folds of the copies this node holds installed since the start ({@link ShardReplica#folds}). */
  dev.sieve.registry.CompactionStats.Tally folds() {
    return replica.folds();
  }

  /** The folds of the copies this node holds that failed since the start. */
  long foldFailures() {
    return replica.foldFailures();
  }

  /** Seconds this node's primary lease still holds (0: lapsed; {@link PrimaryLease#LEASE_MILLIS} at most). */
  double leaseSeconds() {
    return Math.min(lease.remainingMillis(), PrimaryLease.LEASE_MILLIS) / 1e3;
  }

  /** Bytes of this node's copy files and their journal (0 without a data directory). */
  long diskBytes() {
    return files == null ? 0 : files.bytes();
  }

  /** Every set of the shard map, as this node knows it. */
  java.util.Collection<ShardedSet> entries() {
    return shardMap.all();
  }

  /**
   * Registers the cluster mode's meters on {@code meters} ({@link ClusterMeters}) and returns what
   * refreshes the set gauges, to run before each scrape.
   */
  public Runnable bindMeters(io.micrometer.core.instrument.MeterRegistry meters) {
    ClusterMeters m = new ClusterMeters(meters, this, files);
    return m::refresh;
  }

  /** How often the oldest member looks for shards short of copies (a new copy that failed, a recovery's). */
  static final long REPAIR_MILLIS = 5_000;
  /** Shards whose new copies are under way ({@code key/version/index}), touched on this node's event loop. */
  private final java.util.Set<String> copying = new java.util.HashSet<>();

  /** The oldest member's periodic look: every shard short of copies gets new ones ({@link #recopy}). */
  private void repair() {
    if (!hz.getCluster().getMembers().iterator().next().localMember()) {
      return;
    }
    int wanted = wantedCopies();
    for (ShardedSet s : shardMap.all()) {
      if (s.shards().stream().anyMatch(sh -> mendable(sh, wanted))) {
        recopy(s);
      }
    }
  }

  /** The copies this node serves that the shard map stopped naming it for (see {@link OrphanCopies}). */
  private final OrphanCopies orphans = new OrphanCopies();

  /**
   * Every node's sweep, every {@link #REPAIR_MILLIS}: a copy it serves that its copy of the map has
   * not named it an owner of for {@link OrphanCopies#GRACE_MILLIS} is dropped, once the map as its
   * owner holds it says the same (a listener's event may lag), so the reads it would answer go to
   * the copies that take the shard's updates.
   */
  private void dropOrphans() {
    List<OrphanCopies.Copy> held = new ArrayList<>();
    for (ShardReplica.Held h : replica.held()) {
      held.add(new OrphanCopies.Copy(ShardReplica.address(h.kind(), h.name(), h.version(), h.index()),
          ShardedSet.key(h.kind(), h.name()), h.version(), h.index()));
    }
    Map<String, ShardedSet> byKey = new java.util.HashMap<>();
    for (ShardedSet e : shardMap.all()) {
      byKey.put(ShardedSet.key(e.kind(), e.name()), e);
    }
    for (String address : orphans.sweep(held, byKey::get, nodeId, System.nanoTime() / 1_000_000)) {
      ShardReplica.Held h = replica.held(address);
      if (h == null) {
        continue;
      }
      shardMap.refresh(h.kind(), h.name()).onSuccess(e -> {
        if (e != null && e.version() == h.version() && h.index() < e.shards().size()
            && !e.shards().get(h.index()).owners().contains(nodeId)) {
          LOG.warning("dropped the copy of shard " + h.index() + " of " + h.kind().wireName() + " " + h.name() + " v"
              + h.version() + ": the shard map has not named this node an owner of it for "
              + OrphanCopies.GRACE_MILLIS / 1000 + " s, so it takes no update");
          replica.dropShard(address);
        }
      });
    }
  }

  /**
   * Asks the primary of each shard of {@code s} short of copies to make one more on a live member
   * without one; a shard whose new copies are under way already is left to them.
   */
  private void recopy(ShardedSet s) {
    List<String> live = members();
    int wanted = Math.min(config.replicas(), live.size());
    for (ShardedSet.Shard sh : s.shards()) {
      if (sh.owners().isEmpty()) {
        LOG.warning("shard " + sh.index() + " of " + s.name() + " has no live copy left: load the set again");
        continue;
      }
      List<String> targets = Placement.spares(live, sh.owners(), sh.index(), wanted - sh.owners().size());
      String key = ShardedSet.key(s.kind(), s.name()) + "/" + s.version() + "/" + sh.index();
      if (targets.isEmpty() || !copying.add(key)) {
        continue;
      }
      List<Future<JsonObject>> made = new ArrayList<>();
      for (String to : targets) {
        made.add(vertx.eventBus().<JsonObject>request(Messages.recopy(sh.owners().get(0)), new JsonObject().put("to", to),
                shardOptions(s, sh.index())).map(Message::body)
            .onComplete(ar -> {
              if (ar.succeeded()) {
                LOG.info("shard " + sh.index() + " of " + s.kind().wireName() + " " + s.name() + " copied onto " + to
                    + ": owners " + ar.result().getJsonArray("owners"));
              } else {
                LOG.warning("could not copy shard " + sh.index() + " of " + s.name() + " onto " + to + ": "
                    + ar.cause().getMessage() + " (tried again within " + REPAIR_MILLIS / 1000 + " s)");
              }
            }));
      }
      Future.join(made).onComplete(ar -> copying.remove(key));
    }
  }

  // ---------------------------------------------------------------- a member that joins

  /** Pause before a rebalance, and between tries of a move that failed (the joiner may still be starting). */
  static final long REBALANCE_PAUSE_MILLIS = 1_000;
  /** Moves that may fail in one rebalance before it gives up until the next member joins. */
  static final int REBALANCE_FAILURES = 60;
  private boolean rebalancing;
  private boolean rebalanceAgain;

  /**
   * A member joined: the oldest live member moves copies onto it, one at a time, until the
   * copies' bytes are as even as moves of whole copies make them ({@link Placement#move}); each
   * move is made by the shard's primary in turn with its updates ({@link ShardUpdates#move}). A
   * member that has just joined may not take copies yet (its consumers come after the join): a
   * move that fails is tried again after a pause, from the map as it stands then.
   */
  private void rebalanceSoon() {
    if (rebalancing) {
      rebalanceAgain = true;
      return;
    }
    rebalancing = true;
    vertx.setTimer(REBALANCE_PAUSE_MILLIS, t -> rebalance(0));
  }

  private void rebalance(int failures) {
    Member oldest = hz.getCluster().getMembers().iterator().next();
    java.util.Optional<Placement.Move> next = oldest.localMember() && failures < REBALANCE_FAILURES
        ? Placement.move(members(), shardMap.all()) : java.util.Optional.empty();
    if (next.isEmpty()) {
      if (failures >= REBALANCE_FAILURES) {
        LOG.warning("gave up moving copies after " + failures + " failed moves; the next member to join tries again");
      }
      rebalancing = false;
      if (rebalanceAgain) {
        rebalanceAgain = false;
        rebalanceSoon();
      }
      return;
    }
    Placement.Move mv = next.get();
    ShardedSet s = mv.set();
    String primary = s.shards().get(mv.index()).owners().get(0);
    vertx.eventBus().<JsonObject>request(Messages.move(primary), new JsonObject().put("from", mv.from()).put("to", mv.to()),
            shardOptions(s, mv.index()))
        .onComplete(ar -> {
          if (ar.succeeded()) {
            LOG.info("moved the copy of shard " + mv.index() + " of " + s.kind().wireName() + " " + s.name() + " from "
                + mv.from() + " onto " + mv.to() + ": owners " + ar.result().body().getJsonArray("owners"));
            // the next move is chosen from the map as the primary left it, not as this node's copy may lag it
            shardMap.refresh(s.kind(), s.name()).onComplete(fresh -> rebalance(failures));
          } else {
            LOG.info("could not move the copy of shard " + mv.index() + " of " + s.name() + " onto " + mv.to() + " yet: "
                + ar.cause().getMessage());
            vertx.setTimer(REBALANCE_PAUSE_MILLIS, t -> rebalance(failures + 1));
          }
        });
  }

  /** Options naming shard {@code index} of {@code s} to its primary (a new copy, a move), with the time a shard's shipping may take. */
  private DeliveryOptions shardOptions(ShardedSet s, int index) {
    return messages.options(STORE_TIMEOUT_MILLIS).addHeader("kind", s.kind().wireName()).addHeader("name", s.name())
        .addHeader("version", Long.toString(s.version())).addHeader("index", Integer.toString(index));
  }

  /** {@link #readiness}'s state once this node is ready: every shard back to its copies. */
  public static final String SETTLED = "settled";
  /** How long a node that joined waits for the copies before it is ready anyway (logged). */
  static final long SETTLE_LIMIT_MILLIS = 300_000;
  private final long joinedAt = System.nanoTime();
  private volatile boolean settled;

  /**
   * The {@code cluster} readiness check: {@code recovering} while copies on this node's disk wait
   * for a recovery ({@link ShardRecovery}), {@code copying} while a shard of the map has fewer live
   * copies than {@code min(--replicas, live members)} (a death's new copies under way), then
   * {@link #SETTLED} for good (a later death does not make a node unready). So a rolling restart
   * gated on readiness stops the next node only once the copies the last one held were made
   * again elsewhere. After {@link #SETTLE_LIMIT_MILLIS} a node is ready anyway, with a warning.
   */
  public String readiness() {
    if (settled) {
      return SETTLED;
    }
    int wanted = wantedCopies();
    String state = recovery != null && recovery.waiting() ? "recovering"
        : shardMap.all().stream().flatMap(s -> s.shards().stream()).anyMatch(sh -> mendable(sh, wanted)) ? "copying"
        : SETTLED;
    if (!state.equals(SETTLED) && System.nanoTime() - joinedAt > SETTLE_LIMIT_MILLIS * 1_000_000) {
      LOG.warning("ready while still " + state + " " + SETTLE_LIMIT_MILLIS / 1000 + " s after joining");
      state = SETTLED;
    }
    settled = state.equals(SETTLED);
    return state;
  }

  /** This node's id (Hazelcast's member UUID, Vert.x's node id). */
  public String nodeId() {
    return nodeId;
  }

  // ---------------------------------------------------------------- loading

  /**
   * Stores {@code base} (a {@link WordSet} or a {@link NumberSet}) as set {@code name}: cut into one
   * shard per live member, each shipped to its replicas and read back there, then the entry written
   * to the shard map (which needs a quorum) and sent to every live member. Fails, leaving the
   * previous version serving everywhere, if any replica refuses or the map write fails.
   */
  public Future<ShardedSet> store(SetKind kind, String name, Object base) {
    List<String> members = members();
    return vertx.sharedData().getCounter("sieve.version").compose(c -> c.incrementAndGet()).compose(version ->
        vertx.executeBlocking(() -> kind == SetKind.WORDS
            ? ShardSplit.words((WordSet) base, members.size())
            : ShardSplit.numbers((NumberSet) base, members.size()), false)
            .compose(parts -> ship(kind, name, version, base instanceof NumberSet n ? n.type() : null, parts, members))
            .compose(entry -> shardMap.put(entry).map(entry))
            .compose(entry -> announce(new JsonObject().put("entry", entry.toJson())).map(entry))
            .recover(e -> Future.failedFuture(new SetUnavailableException("set " + name + " not stored on its replicas, the"
                + " previous version serves on: " + e.getMessage())))
            .onFailure(e -> vertx.eventBus().publish(Messages.ABORT,
                new JsonObject().put("kind", kind.wireName()).put("name", name).put("version", version), messages.options(1))));
  }

  private Future<ShardedSet> ship(SetKind kind, String name, long version, String type, List<ShardSplit.Part> parts,
      List<String> members) {
    List<List<String>> owners = Placement.place(members, parts.size(), config.replicas());
    List<Future<Object>> stored = new ArrayList<>();
    List<ShardedSet.Shard> shards = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      ShardSplit.Part p = parts.get(i);
      shards.add(new ShardedSet.Shard(i, p.from(), p.to(), owners.get(i), p.checksum(), p.count(), p.bytes().length));
      Buffer bytes = Buffer.buffer(p.bytes());
      String copy = new ShardFiles.Copy(kind, name, version, type, parts.size(),
          new ShardedSet.Shard(i, p.from(), p.to(), List.of(), p.checksum(), p.count(), p.bytes().length), 0, 0).toJson().encode();
      for (String owner : owners.get(i)) {
        DeliveryOptions o = messages.options(STORE_TIMEOUT_MILLIS).addHeader("kind", kind.wireName()).addHeader("name", name)
            .addHeader("version", Long.toString(version)).addHeader("index", Integer.toString(i))
            .addHeader("checksum", p.checksum()).addHeader("copy", copy);
        stored.add(vertx.eventBus().request(Messages.store(owner), bytes, o).map(Message::body));
      }
    }
    return Future.all(stored).map(all -> new ShardedSet(kind, name, version, type, shards));
  }

  /** Sends {@code change} to every live member and waits for each (a member that dies meanwhile is skipped). */
  private Future<Void> announce(JsonObject change) {
    List<Future<Object>> told = new ArrayList<>();
    for (String m : members()) {
      told.add(vertx.eventBus().request(Messages.install(m), change, messages.options(5_000)).map(Message::body)
          .recover(e -> Future.succeededFuture()));
    }
    return Future.all(told).mapEmpty();
  }

  /** Removes set {@code name} from the cluster; whether it was there. */
  public Future<Boolean> delete(SetKind kind, String name) {
    return shardMap.remove(kind, name).compose(existed -> announce(new JsonObject().put("removed", true)
        .put("kind", kind.wireName()).put("name", name)).map(existed));
  }

  // ---------------------------------------------------------------- finding

  /** The entry of set {@code name} as this node knows it, or null (not a cluster set). */
  public ShardedSet find(SetKind kind, String name) {
    return shardMap.get(kind, name);
  }

  /** Every set of {@code kind} in the shard map, by name. */
  public List<ShardedSet> list(SetKind kind) {
    return shardMap.all().stream().filter(s -> s.kind() == kind).sorted(java.util.Comparator.comparing(ShardedSet::name)).toList();
  }

  // ---------------------------------------------------------------- updating

  /**
   * Adds or removes {@code words} (valid UTF-8) in set {@code entry}: each shard's part applied by
   * its primary and every live copy before the answer ({@link ShardUpdates}); how many changed.
   */
  public Future<Long> updateWords(ShardedSet entry, UpdateOp op, List<String> words) {
    return answered(entry, updates.update(entry, op, ShardUpdates.words(entry, words)));
  }

  /** As {@link #updateWords}, for numbers. */
  public Future<Long> updateNumbers(ShardedSet entry, UpdateOp op, long[] numbers) {
    return answered(entry, updates.update(entry, op, ShardUpdates.numbers(entry, numbers)));
  }

  private static Future<Long> answered(ShardedSet entry, Future<ShardUpdates.Done> done) {
    return done.<Long>map(ShardUpdates.Done::changed).recover(e -> Future.failedFuture(e instanceof ReplyException
        ? failure(entry, e, "update not acknowledged by every copy of its shards, send it again") : e));
  }

  /**
   * A failure over the bus as the exception the faces map: a replica's 400 is bad input, a full
   * disk at a copy's node is one here (507); anything else, a set not answering.
   */
  private static Exception failure(ShardedSet entry, Throwable cause, String what) {
    if (cause instanceof ReplyException r && r.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      RuntimeException search = ShardSearch.refusal(r.failureCode(), r.getMessage());
      if (search != null) {
        return search;
      }
      if (r.failureCode() == 400) {
        return new IllegalArgumentException(r.getMessage());
      }
      if (r.failureCode() == ShardUpdates.NO_SPACE) {
        return new dev.sieve.store.NoSpaceException("an update of set " + entry.name() + " on a node holding a copy of"
            + " its shard (" + r.getMessage() + "): not acknowledged; copies that took it keep it, send it again once"
            + " there is room", r);
      }
    }
    return new SetUnavailableException("set " + entry.name() + ": " + what + ": " + cause.getMessage());
  }

  /** Elements and bytes of set {@code entry} now (one copy of each shard), asked of the shards: the map's figures are the load's. */
  public Future<long[]> stats(ShardedSet entry) {
    return retrying(entry, s -> {
      List<Future<JsonObject>> asked = new ArrayList<>();
      for (ShardedSet.Shard sh : s.shards()) {
        asked.add(ask(s, sh.index(), "stats", new JsonObject()));
      }
      return Future.all(asked).map(all -> {
        long count = 0;
        long bytes = 0;
        for (Future<JsonObject> f : asked) {
          count += f.result().getLong("count");
          bytes += f.result().getLong("bytes");
        }
        return new long[] {count, bytes};
      });
    });
  }

  // ---------------------------------------------------------------- lookups

  /** Whether each of {@code words} is in set {@code entry}: split by shard, asked in parallel, put back in order. */
  public Future<List<Boolean>> containsWords(ShardedSet entry, List<String> words) {
    return retrying(entry, s -> {
      Map<Integer, List<Integer>> byShard = new LinkedHashMap<>();
      for (int i = 0; i < words.size(); i++) {
        byShard.computeIfAbsent(s.shardOfWord(words.get(i)), k -> new ArrayList<>()).add(i);
      }
      return gather(s, byShard, idx -> {
        JsonArray batch = new JsonArray();
        idx.forEach(i -> batch.add(words.get(i)));
        return new JsonObject().put("words", batch);
      }, words.size());
    });
  }

  /** Whether each of {@code numbers} is in set {@code entry}. */
  public Future<List<Boolean>> containsNumbers(ShardedSet entry, long[] numbers) {
    return retrying(entry, s -> {
      Map<Integer, List<Integer>> byShard = new LinkedHashMap<>();
      for (int i = 0; i < numbers.length; i++) {
        byShard.computeIfAbsent(s.shardOfNumber(numbers[i]), k -> new ArrayList<>()).add(i);
      }
      return gather(s, byShard, idx -> {
        JsonArray batch = new JsonArray();
        idx.forEach(i -> batch.add(numbers[i]));
        return new JsonObject().put("numbers", batch);
      }, numbers.length);
    });
  }

  private Future<List<Boolean>> gather(ShardedSet s, Map<Integer, List<Integer>> byShard,
      Function<List<Integer>, JsonObject> query, int size) {
    List<Integer> shards = new ArrayList<>(byShard.keySet());
    List<Future<JsonObject>> asked = new ArrayList<>();
    for (int shard : shards) {
      asked.add(ask(s, shard, "contains", query.apply(byShard.get(shard))));
    }
    return Future.all(asked).map(all -> {
      Boolean[] out = new Boolean[size];
      for (int k = 0; k < shards.size(); k++) {
        JsonArray present = asked.get(k).result().getJsonArray("present");
        List<Integer> idx = byShard.get(shards.get(k));
        for (int j = 0; j < idx.size(); j++) {
          out[idx.get(j)] = present.getBoolean(j);
        }
      }
      return List.of(out);
    });
  }

  /** A page of the words with {@code prefix} after {@code after}: each shard the prefix spans asked, pages joined in shard order. */
  public Future<WordsPage> prefix(ShardedSet entry, String prefix, String after, int limit) {
    return retrying(entry, s -> {
      String end = Keys.prefixEnd(prefix);
      List<Future<JsonObject>> asked = new ArrayList<>();
      for (ShardedSet.Shard sh : s.shards()) {
        boolean below = end != null && Keys.compareWords(sh.from(), end) >= 0;
        boolean above = sh.to() != null && Keys.compareWords(sh.to(), prefix) <= 0;
        if (!below && !above) {
          asked.add(ask(s, sh.index(), "prefix", new JsonObject().put("prefix", prefix).put("after", after).put("limit", limit)));
        }
      }
      return Future.all(asked).map(all -> {
        long count = 0;
        List<String> words = new ArrayList<>();
        for (Future<JsonObject> f : asked) {
          count += f.result().getLong("count");
          for (Object w : f.result().getJsonArray("words")) {
            if (words.size() < limit) {
              words.add((String) w);
            }
          }
        }
        return new WordsPage(count, words);
      });
    });
  }

  /**
   * Up to {@code limit} words of cluster set {@code entry} within {@code distance} edits of
   * {@code word} after cursor {@code after} (null: from the first), ordered by distance then code
   * point order, and their exact count: as a single node's {@code WordSearch} over a {@code
   * Levenshtein} automaton, merged over the shards ({@link ShardSearch}).
   */
  public Future<SearchPage> fuzzy(ShardedSet entry, String word, int distance, boolean transpositions, int prefix,
      String after, int limit) {
    return search(entry, ShardSearch.FUZZY,
        ShardSearch.fuzzyQuery(word, distance, transpositions, prefix, after, limit));
  }

  /** As {@link #fuzzy}, for the words matching wildcard {@code pattern} (checked by the caller: a malformed one fails on every shard). */
  public Future<SearchPage> match(ShardedSet entry, String pattern, String after, int limit) {
    return search(entry, ShardSearch.MATCH, ShardSearch.matchQuery(pattern, after, limit));
  }

  /** Every shard asked for its first {@code limit} matches after the query's cursor, their pages merged in order ({@link ShardSearch#merge}). */
  private Future<SearchPage> search(ShardedSet entry, String op, JsonObject query) {
    int limit = query.getInteger("limit");
    return retrying(entry, s -> {
      List<Future<JsonObject>> asked = new ArrayList<>();
      for (ShardedSet.Shard sh : s.shards()) {
        asked.add(ask(s, sh.index(), op, query));
      }
      return Future.all(asked).map(all -> {
        List<SearchPage> pages = new ArrayList<>(asked.size());
        for (Future<JsonObject> f : asked) {
          pages.add(ShardSearch.page(f.result()));
        }
        return ShardSearch.merge(pages, limit);
      });
    });
  }

  /** A search's page (one shard's, or merged over every shard): the exact count, the matches in order, whether more follow. */
  public record SearchPage(long count, List<dev.sieve.words.WordMatch> matches, boolean more) {}

  /**
   * Where the bytes of cluster set {@code entry} go: each shard's parts ({@code SetFamily.parts}
   * of one copy), summed part by part over the shards, in the order the first shard names them.
   */
  public Future<List<dev.sieve.registry.SetPart>> parts(ShardedSet entry) {
    return retrying(entry, s -> {
      List<Future<JsonObject>> asked = new ArrayList<>();
      for (ShardedSet.Shard sh : s.shards()) {
        asked.add(ask(s, sh.index(), ShardReplica.PARTS, new JsonObject()));
      }
      return Future.all(asked).map(all -> {
        Map<String, long[]> sums = new LinkedHashMap<>();
        for (Future<JsonObject> f : asked) {
          for (Object o : f.result().getJsonArray("parts")) {
            JsonArray p = (JsonArray) o;
            long[] sum = sums.computeIfAbsent(p.getString(0), k -> new long[] {-1, -1, 0});
            for (int i = 0; i < 2; i++) { // -1: not counted for this part
              long v = p.getLong(i + 1);
              sum[i] = v < 0 ? sum[i] : Math.max(sum[i], 0) + v;
            }
            sum[2] += p.getLong(3);
          }
        }
        List<dev.sieve.registry.SetPart> out = new ArrayList<>();
        sums.forEach((name, v) -> out.add(new dev.sieve.registry.SetPart(name, v[0], v[1], v[2])));
        return out;
      });
    });
  }

  /**
   * Cluster set {@code entry} whole on this node, as it serves now (every shard's copy with its
   * pending updates, joined in key order: a {@link WordSet} or a {@link NumberSet}), for an export
   * or a combination. It costs this node the whole set's memory, as a load through it does.
   */
  public Future<Object> whole(ShardedSet entry) {
    return retrying(entry, s -> {
      List<Future<JsonObject>> asked = new ArrayList<>();
      for (ShardedSet.Shard sh : s.shards()) {
        asked.add(ask(s, sh.index(), ShardReplica.SNAPSHOT, new JsonObject()));
      }
      return Future.all(asked).compose(all -> vertx.executeBlocking(() -> {
        List<byte[]> shards = new ArrayList<>(asked.size());
        for (Future<JsonObject> f : asked) {
          shards.add(f.result().getBinary("bytes"));
        }
        return ShardSplit.join(s.kind(), shards);
      }, false));
    });
  }

  /** The count of a prefix over every shard, and up to {@code limit} words in order. */
  public record WordsPage(long count, List<String> words) {}

  /** The count of members in [first, last] and up to {@code limit} of them from {@code start}, in order. */
  public record NumbersPage(long count, long[] numbers) {}

  /** Members of set {@code entry} in [{@code first}, {@code last}]: count, and up to {@code limit} from {@code start} on. */
  public Future<NumbersPage> range(ShardedSet entry, long first, long last, long start, int limit) {
    return retrying(entry, s -> {
      List<Future<JsonObject>> asked = new ArrayList<>();
      for (ShardedSet.Shard sh : s.shards()) {
        boolean above = sh.to() != null && sh.toNumber() <= first;
        if (sh.fromNumber() <= last && !above) {
          asked.add(ask(s, sh.index(), "range", new JsonObject().put("first", first).put("last", last)
              .put("start", Math.max(start, sh.fromNumber())).put("limit", limit)));
        }
      }
      return Future.all(asked).map(all -> {
        long count = 0;
        long[] out = new long[limit];
        int n = 0;
        for (Future<JsonObject> f : asked) {
          count += f.result().getLong("count");
          for (Object v : f.result().getJsonArray("numbers")) {
            if (n < limit) {
              out[n++] = ((Number) v).longValue();
            }
          }
        }
        return new NumbersPage(count, java.util.Arrays.copyOf(out, n));
      });
    });
  }

  /**
   * Runs {@code lookup} on {@code entry}, and while it fails for want of a replica (a dead node not
   * yet detected, a version just replaced), again on the entry the shard map holds now, for up to
   * {@link #RETRY_FOR_MILLIS}.
   */
  private <T> Future<T> retrying(ShardedSet entry, Function<ShardedSet, Future<T>> lookup) {
    Promise<T> done = Promise.promise();
    attempt(entry, lookup, System.nanoTime() + RETRY_FOR_MILLIS * 1_000_000, done);
    return done.future();
  }

  private <T> void attempt(ShardedSet entry, Function<ShardedSet, Future<T>> lookup, long deadline, Promise<T> done) {
    lookup.apply(entry).onComplete(ar -> {
      if (ar.succeeded()) {
        done.complete(ar.result());
      } else if (!retryable(ar.cause()) || System.nanoTime() > deadline) {
        done.fail(failure(entry, ar.cause(), "no replica of a shard answered"));
      } else {
        vertx.setTimer(RETRY_PAUSE_MILLIS, t -> shardMap.refresh(entry.kind(), entry.name()).onComplete(fresh -> {
          if (fresh.succeeded() && fresh.result() == null) {
            done.fail(new dev.sieve.registry.NoSuchSetException(entry.kind(), entry.name()));
          } else {
            attempt(fresh.succeeded() ? fresh.result() : entry, lookup, deadline, done);
          }
        }));
      }
    });
  }

  private static boolean retryable(Throwable e) {
    return e instanceof ReplyException r && r.failureType() != ReplyFailure.RECIPIENT_FAILURE;
  }

  private Future<JsonObject> ask(ShardedSet s, int shard, String op, JsonObject query) {
    String address = ShardReplica.address(s.kind(), s.name(), s.version(), shard);
    if (ShardReplica.isHeavy(op) && replica.holds(address)) { // CPU-heavy: on a worker
      return vertx.executeBlocking(() -> replica.answerHere(address, op, query), false)
          .recover(e -> Future.failedFuture(refused(e)))
          .compose(here -> here != null ? Future.succeededFuture(here) : overTheBus(address, op, query));
    }
    try {
      JsonObject here = replica.answerHere(address, op, query);
      if (here != null) {
        return Future.succeededFuture(here);
      }
    } catch (RuntimeException e) {
      return Future.failedFuture(refused(e));
    }
    return overTheBus(address, op, query);
  }

  private Future<JsonObject> overTheBus(String address, String op, JsonObject query) {
    if ("contains".equals(op)) {
      return lookups.contains(address, query); // concurrent lookups of a shard share a message
    }
    return request(address, op, query);
  }

  private Future<JsonObject> request(String address, String op, JsonObject query) {
    return vertx.eventBus().<JsonObject>request(address, query,
        messages.options(ASK_TIMEOUT_MILLIS).addHeader("op", op)).map(Message::body);
  }

  /** A lookup refused here, as a replica's refusal over the bus: over its budget, or a 400 naming what is wrong. */
  private static ReplyException refused(Throwable e) {
    return e instanceof dev.sieve.words.SearchBudgetException b
        ? new ReplyException(ReplyFailure.RECIPIENT_FAILURE, ShardSearch.OVER_BUDGET, Long.toString(b.budget()))
        : new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 400, String.valueOf(e.getMessage()));
  }

  // ---------------------------------------------------------------- describing

  /** The live members' ids, sorted. */
  public List<String> members() {
    return hz.getCluster().getMembers().stream().map(Cluster::id).sorted().toList();
  }

  /** The Vert.x node id of member {@code m}: the one its event-bus addresses name. */
  private static String id(Member m) {
    String id = m.getAttribute(NODE_ID);
    return id != null ? id : m.getUuid().toString();
  }

  /** {@code GET /v1/cluster}: this node, the members, and every set's shards with their owners and sizes. */
  public JsonObject describe() {
    JsonArray members = new JsonArray();
    java.util.Set<String> alive = new java.util.HashSet<>();
    for (Member m : hz.getCluster().getMembers()) {
      String id = id(m);
      alive.add(id);
      members.add(new JsonObject().put("id", id).put("address", m.getAddress().getHost() + ":" + m.getAddress().getPort())
          .put("alive", true));
    }
    JsonArray sets = new JsonArray();
    java.util.Set<String> gone = new java.util.TreeSet<>();
    java.util.Map<String, Long> owned = new java.util.HashMap<>(); // member id -> bytes of the shards it is given
    for (SetKind kind : SetKind.values()) {
      for (ShardedSet s : list(kind)) {
        JsonArray shards = new JsonArray();
        long copyBytes = 0;
        for (ShardedSet.Shard sh : s.shards()) {
          sh.owners().stream().filter(o -> !alive.contains(o)).forEach(gone::add);
          sh.owners().forEach(o -> owned.merge(o, sh.bytes(), Long::sum));
          copyBytes += sh.bytes() * sh.owners().size();
          shards.add(new JsonObject().put("index", sh.index()).put("from", sh.from()).put("to", sh.to())
              .put("owners", new JsonArray(sh.owners())).put("version", s.version()).put("count", sh.count())
              .put("bytes", sh.bytes()).put("checksum", sh.checksum()));
        }
        sets.add(new JsonObject().put("kind", kind.wireName()).put("name", s.name()).put("version", s.version())
            .put("count", s.count()).put("bytes", s.bytes()).put("copyBytes", copyBytes).put("shards", shards));
      }
    }
    for (String id : gone) {
      members.add(new JsonObject().put("id", id).put("address", null).put("alive", false));
    }
    for (Object m : members) {
      JsonObject member = (JsonObject) m;
      member.put("shardBytes", owned.getOrDefault(member.getString("id"), 0L));
    }
    return new JsonObject().put("enabled", true).put("node", nodeId).put("name", config.name()).put("replicas", config.replicas())
        .put("quorum", hz.getConfig().getSplitBrainProtectionConfig(ClusterStart.QUORUM).getMinimumClusterSize()).put("members", members).put("sets", sets)
        .put("heldBytes", replica.bytes());
  }

  /** Unregisters this node's consumers (Vert.x's close then leaves the cluster). */
  public Future<Void> close() {
    List<Future<Void>> done = new ArrayList<>();
    consumers.forEach(c -> done.add(c.unregister()));
    return Future.join(done).<Void>mapEmpty().eventually(() -> files == null ? Future.succeededFuture()
        : vertx.executeBlocking(() -> {
          files.close();
          return null;
        }, false));
  }
}
