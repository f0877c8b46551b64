package dev.sieve.cluster;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import dev.sieve.registry.SetKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shard map: Hazelcast's cluster-wide map {@value #MAP} (set key to {@link ShardedSet} as
 * JSON), with split-brain protection (a write needs a quorum of members, see {@link
 * ClusterStart}), and a copy of it on this node kept current by an entry listener, so that a
 * lookup does not ask the map's owner each time. The copy may lag a write made elsewhere by the
 * listener's delay: a caller that finds a shard gone asks again with {@link #refresh}.
 */
final class ShardMapStore {
  static final String MAP = "sieve.shards";

  private final Vertx vertx;
  private final IMap<String, String> map;
  private final Map<String, ShardedSet> local = new ConcurrentHashMap<>();
  /** Told every entry this node's copy takes (the newer of two), and every set it forgets. */
  private final Watcher watcher;

  /** What a node's copy of the map tells as it changes. */
  interface Watcher {
    /** The copy now holds {@code entry} for its set (it may have held it already). */
    void held(ShardedSet entry);

    /** The copy holds set {@code kind}/{@code name} no more. */
    void forgot(SetKind kind, String name);
  }

  ShardMapStore(Vertx vertx, HazelcastInstance hz, Watcher watcher) {
    this.vertx = vertx;
    this.map = hz.getMap(MAP);
    this.watcher = watcher;
    map.addEntryListener(new Listener(), true);
    map.forEach((k, v) -> hold(k, ShardedSet.of(v)));
  }

  /** Takes {@code set} for {@code key} if it is newer than the entry held (see {@link #newer}); tells the watcher. */
  private void hold(String key, ShardedSet set) {
    watcher.held(local.merge(key, set, ShardMapStore::newer));
  }

  private void drop(String key) {
    ShardedSet gone = local.remove(key);
    if (gone != null) {
      watcher.forgot(gone.kind(), gone.name());
    }
  }

  private final class Listener implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String>,
      EntryRemovedListener<String, String> {
    @Override
    public void entryAdded(EntryEvent<String, String> e) {
      hold(e.getKey(), ShardedSet.of(e.getValue()));
    }

    @Override
    public void entryUpdated(EntryEvent<String, String> e) {
      hold(e.getKey(), ShardedSet.of(e.getValue()));
    }

    @Override
    public void entryRemoved(EntryEvent<String, String> e) {
      drop(e.getKey());
    }
  }

  /** Of the entry held and one heard of, the newer (a later version, or a later revision of the same one). */
  static ShardedSet newer(ShardedSet held, ShardedSet heard) {
    return heard.atLeastAsNewAs(held) ? heard : held;
  }

  /**
   * Forgets this node's copy of the map and reads it again whole (blocking: on a worker): after a
   * partition heals, the merged map is the larger side's, and no listener event says so.
   */
  void reload() {
    Map<String, ShardedSet> fresh = new java.util.HashMap<>();
    map.forEach((k, v) -> fresh.put(k, ShardedSet.of(v)));
    for (String key : List.copyOf(local.keySet())) {
      if (!fresh.containsKey(key)) {
        drop(key);
      }
    }
    fresh.forEach((key, set) -> {
      local.put(key, set);
      watcher.held(set);
    });
  }

  /** The entry of a set as this node last saw it, or null. */
  ShardedSet get(SetKind kind, String name) {
    return local.get(ShardedSet.key(kind, name));
  }

  /** Every entry as this node sees it. */
  Collection<ShardedSet> all() {
    return local.values();
  }

  /** The entry as the map holds it now (a read of the map's owner, on a worker). */
  Future<ShardedSet> refresh(SetKind kind, String name) {
    String key = ShardedSet.key(kind, name);
    return vertx.executeBlocking(() -> {
      String json = map.get(key);
      if (json == null) {
        drop(key);
        return null;
      }
      ShardedSet s = ShardedSet.of(json);
      hold(key, s); // merged, not put: a listener's event of a later rewrite may have come while this read ran
      return s;
    }, false);
  }

  /** Writes {@code set} (blocking, on a worker); fails without a quorum (SplitBrainProtectionException). */
  Future<Void> put(ShardedSet set) {
    return vertx.executeBlocking(() -> {
      map.set(ShardedSet.key(set.kind(), set.name()), set.toJson());
      hold(ShardedSet.key(set.kind(), set.name()), set);
      return null;
    }, false);
  }

  /** Takes {@code set} as the newest this node knows (sent by the node that wrote it). */
  void know(ShardedSet set) {
    hold(ShardedSet.key(set.kind(), set.name()), set);
  }

  /** Forgets set {@code name} (removed by the node that wrote the removal). */
  void forget(SetKind kind, String name) {
    drop(ShardedSet.key(kind, name));
  }

  /** Writes {@code next} in place of {@code current} only if the map still holds {@code current} (on a worker). */
  Future<Boolean> replaceIfSame(ShardedSet current, ShardedSet next) {
    return vertx.executeBlocking(() -> {
      boolean done = map.replace(ShardedSet.key(next.kind(), next.name()), current.toJson(), next.toJson());
      if (done) {
        know(next);
      }
      return done;
    }, false);
  }

  /** Removes set {@code name}'s entry (blocking, on a worker); whether there was one. */
  Future<Boolean> remove(SetKind kind, String name) {
    return vertx.executeBlocking(() -> {
      drop(ShardedSet.key(kind, name));
      return map.remove(ShardedSet.key(kind, name)) != null;
    }, false);
  }
}
