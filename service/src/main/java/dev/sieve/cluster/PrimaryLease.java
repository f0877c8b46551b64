package dev.sieve.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * This node's lease to act as the primary of its shards, and the wait of a new primary before it
 * takes updates in its term: together they keep two nodes from ordering one shard's updates at once,
 * even when a primary is frozen (a long pause, a cut it has not noticed yet) while the others have
 * declared it dead and named another.
 *
 * <p><b>The lease.</b> Every {@value #RENEW_MILLIS} ms the node asks every other member "do you still
 * count me a member?"; once {@code needed} of them (the quorum less this node) have said yes to the
 * same round, the lease runs until {@value #LEASE_MILLIS} ms after that round was <em>sent</em>
 * (this node's monotonic clock), so it never outlives the last moment a quorum counted it in. A
 * member stops saying yes once its failure detector dropped this node. While the lease is not
 * valid the node takes no update as a primary (the asker sends it again, on the map as it stands
 * then).
 *
 * <p><b>The takeover wait.</b> A shard's term rises when it gets a new primary. The new primary takes
 * no update in that term until {@value #TAKEOVER_MILLIS} ms after it first saw the term: the old
 * primary's lease ends at most {@value #LEASE_MILLIS} ms after the last member that answered it
 * dropped it, the members' failure detectors drop a node within about a heartbeat (1 s) of each
 * other, and the new term is written only after the oldest member's detector dropped the old
 * primary. The remaining half second is for the clocks' rates and scheduling. Term 0 (a load's
 * first primaries) has had no other primary, so it waits for nothing.
 *
 * <p>So a primary cut off or frozen stops taking updates before another starts, given clocks that
 * run at about the same rate (no wall clock is compared across nodes). The price: a shard whose
 * primary died takes updates again about {@value #TAKEOVER_MILLIS} ms after its new primary learnt
 * its term (reads are not held back at all). Copies also refuse an update of a term older than
 * they know ({@link ShardUpdates}), which fences off an old primary's messages still in flight.
 *
 * <p>Thread-safe.
 */
final class PrimaryLease {
  /** How often the lease is renewed. */
  static final long RENEW_MILLIS = 250;
  /** How long a renewal holds, from the moment its round was sent. */
  static final long LEASE_MILLIS = 2_000;
  /** A new primary's wait, from the moment it first saw its term, before it takes updates in it. */
  static final long TAKEOVER_MILLIS = LEASE_MILLIS + 1_500;

  private final LongSupplier nanos;
  private final int needed;
  private volatile long validUntil;
  /** Per set (its shard-map key): the version seen, and per shard the highest term seen and when it was first seen. */
  private final Map<String, Terms> terms = new HashMap<>(); // guarded by this

  private record Terms(long version, long[] term, long[] seenAt) {}

  /**
   * A lease needing {@code needed} other members' yes a round (0: a cluster of one, always valid),
   * on the monotonic clock {@code nanos}.
   */
  PrimaryLease(int needed, LongSupplier nanos) {
    if (needed < 0) {
      throw new IllegalArgumentException("needed must be at least 0: " + needed);
    }
    this.needed = needed;
    this.nanos = nanos;
  }

  /** The yes answers a round needs. */
  int needed() {
    return needed;
  }

  /** The time (of {@code nanos}) to stamp a round with: read just before it is sent. */
  long now() {
    return nanos.getAsLong();
  }

  /** A round sent at {@code sentAt} got {@code yes} answers: the lease runs on if they are enough. */
  void answered(long sentAt, int yes) {
    if (yes >= needed) {
      long until = sentAt + LEASE_MILLIS * 1_000_000;
      synchronized (this) {
        if (until - validUntil > 0) {
          validUntil = until;
        }
      }
    }
  }

  /** Whether the lease holds now. */
  boolean valid() {
    return needed == 0 || validUntil - nanos.getAsLong() > 0;
  }

  /** Milliseconds the lease still holds (0 once it lapsed; {@link Long#MAX_VALUE} in a cluster of one). */
  long remainingMillis() {
    return needed == 0 ? Long.MAX_VALUE : Math.max(0, (validUntil - nanos.getAsLong()) / 1_000_000);
  }

  /**
   * This node saw {@code entry} (a new entry of the shard map, or one read at the start): the
   * shards whose term rose are timed from now (at the start: from the start, as if seen then).
   * One record per set name: a new version replaces the old one's.
   */
  synchronized void seen(ShardedSet entry) {
    long now = nanos.getAsLong();
    String key = ShardedSet.key(entry.kind(), entry.name());
    Terms t = terms.get(key);
    if (t != null && t.version() > entry.version()) {
      return; // an older version than one seen already: nothing of it will be primary again
    }
    int n = entry.shards().size();
    if (t == null || t.version() != entry.version() || t.term().length != n) {
      t = new Terms(entry.version(), new long[n], new long[n]);
      terms.put(key, t);
    }
    for (ShardedSet.Shard sh : entry.shards()) {
      if (sh.term() > t.term()[sh.index()]) {
        t.term()[sh.index()] = sh.term();
        t.seenAt()[sh.index()] = now;
      }
    }
  }

  /**
   * Milliseconds the primary of shard {@code index} of {@code entry} must still wait before it takes
   * updates in term {@code term}: 0 for term 0, in a cluster of one, and once {@value
   * #TAKEOVER_MILLIS} ms passed since the term was first seen ({@link #seen}: a term not seen yet
   * is seen now).
   */
  synchronized long takeoverMillis(ShardedSet entry, int index, long term) {
    if (term == 0 || needed == 0) {
      return 0; // no earlier primary, or a cluster of one: no other node can have been one
    }
    seen(entry);
    Terms t = terms.get(ShardedSet.key(entry.kind(), entry.name()));
    if (t.version() != entry.version() || index >= t.term().length || t.term()[index] != term) {
      return 0; // a later version or term is known: the caller is not this term's primary, and is refused as such
    }
    long waited = (nanos.getAsLong() - t.seenAt()[index]) / 1_000_000;
    return Math.max(0, TAKEOVER_MILLIS - waited);
  }

  /** Forgets set {@code kind}/{@code name} (removed). */
  synchronized void forget(dev.sieve.registry.SetKind kind, String name) {
    terms.remove(ShardedSet.key(kind, name));
  }
}
