package dev.sieve.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which of the copies a node serves are orphans: of the version the shard map holds for their set,
 * yet not naming this node among the shard's owners, for longer than {@link #GRACE_MILLIS}. Such a
 * copy takes no update (its shard's primary replicates to the owners the map names), so the reads
 * the event bus sends it would miss acknowledged updates. It can be left by a primary that died
 * between a new copy starting to serve and the owners' rewrite naming it, or by a rewrite that
 * failed and whose drop did not arrive.
 *
 * <p>Copies of a version the map does not hold yet (a load or a recovery still shipping) or no
 * longer holds (replaced: {@link Cluster} drops those when it hears of the new entry) are left
 * alone, and so is a copy that is unnamed only briefly (a new copy serves a moment before the
 * rewrite that names it). Not thread-safe: one sweep at a time (the node's event loop).
 */
final class OrphanCopies {
  /** How long a copy may serve unnamed before it is an orphan: far more than a move's last step takes. */
  static final long GRACE_MILLIS = 30_000;

  /** A copy this node serves: its read address, set key, version and shard index. */
  record Copy(String address, String set, long version, int index) {}

  /** Per address: when a sweep first found the copy unnamed (ms of the sweeps' clock). */
  private final Map<String, Long> unnamedSince = new HashMap<>();

  /**
   * One sweep at {@code nowMillis} over {@code held}, given per set key the entry the map holds
   * ({@code entries}, null: none): the addresses of the orphans to drop now.
   */
  List<String> sweep(List<Copy> held, Function<String, ShardedSet> entries, String nodeId, long nowMillis) {
    List<String> orphans = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Copy c : held) {
      seen.add(c.address());
      ShardedSet e = entries.apply(c.set());
      boolean unnamed = e != null && e.version() == c.version()
          && (c.index() >= e.shards().size() || !e.shards().get(c.index()).owners().contains(nodeId));
      if (!unnamed) {
        unnamedSince.remove(c.address());
        continue;
      }
      long since = unnamedSince.computeIfAbsent(c.address(), a -> nowMillis);
      if (nowMillis - since >= GRACE_MILLIS) {
        orphans.add(c.address());
        unnamedSince.remove(c.address());
      }
    }
    unnamedSince.keySet().retainAll(seen); // copies dropped meanwhile
    return orphans;
  }

  /** Copies being timed (for tests). */
  int timed() {
    return unnamedSince.size();
  }
}
